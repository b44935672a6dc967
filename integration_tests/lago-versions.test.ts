// Every Lago a user runs: older self-hosted releases (known from /health, or not), keys scoped per resource, a
// host that is down, and odd pagination meta. Through the real CLI against the fake Lago, which behaves per release.
import { createServer } from 'node:net';
import { ofType, recordsOf, runConnector, statusesOf, tracesOf } from './helpers/cli.js';
import { Harness, type CheckedRun } from './helpers/harness.js';
import { expectInvariants } from './helpers/invariants.js';

type Row = Record<string, any>;
const logs = (run: CheckedRun, level: string) => ofType(run.messages, 'LOG').filter((m) => m.log.level === level).map((m) => m.log.message as string);
const ALL = ['customers', 'subscriptions', 'invoices', 'billable_metrics', 'plans', 'events', 'coupons', 'add_ons', 'customer_usage', 'customer_usage_past', 'fees', 'credit_notes', 'wallets', 'wallet_transactions', 'applied_coupons', 'taxes', 'payment_requests', 'payments', 'billing_entities', 'webhook_endpoints'];
// Routes a Lago 1.8.0 lacks (config/routes.rb): events list 1.13.1, payment_requests 1.9.0, payments 1.19.0, billing_entities 1.25.0.
const MISSING_IN_1_8 = ['events', 'payment_requests', 'payments', 'billing_entities'];

describe.each([
  ['says its version', true],
  ['hides /health', false],
])('Lago 1.8.0 that %s', (_label, health) => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await Harness.start({ lagoVersion: '1.8.0', health });
  });
  afterAll(() => harness.stop());

  test('a read of every stream: the streams it lacks are unavailable (WARN, COMPLETE, 0 records), the rest are read, exit 0', async () => {
    const run = await harness.read(ALL, { timeoutMs: 120_000 });
    expect({ code: run.code, protocolErrors: run.protocolErrors, leakedKey: run.leakedKey }).toEqual({ code: 0, protocolErrors: [], leakedKey: false });
    expect(tracesOf(run.messages, 'ERROR')).toEqual([]);
    for (const stream of MISSING_IN_1_8) {
      expect(statusesOf(run.messages, stream)).toEqual(['STARTED', 'RUNNING', 'COMPLETE']);
      expect(recordsOf(run.messages, stream)).toEqual([]);
      expect(logs(run, 'WARN').some((m) => m.startsWith(`${stream}:`) && /no such endpoint|has no .* endpoint/.test(m))).toBe(true);
    }
    expect(recordsOf(run.messages, 'customers').length).toBe(harness.rows('customers').length);
    expect(recordsOf(run.messages, 'invoices').length).toBe(harness.rows('invoices').length);
    // Known from /health: the missing routes are not even asked for; otherwise each is asked once.
    for (const stream of MISSING_IN_1_8) expect(harness.requestsTo(`/${stream}`)).toHaveLength(health ? 0 : 1);
    expect(logs(run, 'INFO')).toContain(`Reading from ${health ? 'Lago v1.8.0' : 'Lago version unknown (/health did not say)'} at ${new URL(harness.lago.url).origin}.`);
  }, 150_000);

  test('discover leaves out what this release lacks when it knows the release', async () => {
    const run = await harness.run(['discover', '--config', await harness.configFile()]);
    expect(run.code).toBe(0);
    expect(run.protocolErrors).toEqual([]);
    const names = ofType(run.messages, 'CATALOG')[0].catalog.streams.map((s: Row) => s.name);
    if (health) {
      expect(names.filter((name: string) => MISSING_IN_1_8.includes(name))).toEqual([]);
      expect(logs(run, 'INFO').filter((m) => /is left out: Lago v1\.8\.0 has no such endpoint \(it came with Lago \d/.test(m))).toHaveLength(4);
    } else {
      expect(names).toEqual(expect.arrayContaining(MISSING_IN_1_8));
    }
  });
});

describe('strategies chosen from the version', () => {
  test('Lago 1.30.0: wallets per customer from the start; subscriptions without an incomplete pass', async () => {
    const harness = await Harness.start({ lagoVersion: '1.30.0' });
    try {
      const run = await harness.read(['wallets', 'subscriptions']);
      expect(run.code).toBe(0);
      expect(harness.requestsTo('/wallets').filter((r) => !r.query.get('external_customer_id'))).toHaveLength(0);
      expect(recordsOf(run.messages, 'wallets').length).toBe(harness.rows('wallets').length);
      expect(harness.requestsTo('/subscriptions').map((r) => r.query.getAll('status[]').join(','))).toEqual(['active,pending,terminated,canceled']);
    } finally {
      await harness.stop();
    }
  });

  test('the newest Lago: one subscriptions list with all five statuses', async () => {
    const harness = await Harness.start();
    try {
      const run = await harness.read(['subscriptions']);
      expect(run.code).toBe(0);
      expect(harness.requestsTo('/subscriptions').map((r) => r.query.getAll('status[]').join(','))).toEqual(['active,pending,terminated,canceled,incomplete']);
    } finally {
      await harness.stop();
    }
  });

  test('Lago 1.15.0 ignores credit note date filters: an incremental sync reads the range in one pass', async () => {
    const harness = await Harness.start({ lagoVersion: '1.15.0' });
    try {
      const run = await harness.read(['credit_notes'], { syncMode: 'incremental', state: [], config: { start_date: '2025-01-01' } });
      expect(run.code).toBe(0);
      // One page of the list (beside the one-record count for the estimate), not one per month since 2025.
      expect(harness.requestsTo('/credit_notes').filter((r) => r.query.get('per_page') === '100')).toHaveLength(1);
      expect(recordsOf(run.messages, 'credit_notes').length).toBe(harness.rows('credit_notes').length);
    } finally {
      await harness.stop();
    }
  });
});

describe('a key scoped per resource', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await Harness.start({ readDenied: ['invoice'] });
  });
  afterAll(() => harness.stop());

  test('fails only the stream it may not read, with a config_error naming the permission; the others go on', async () => {
    const run = await harness.read(['customers', 'invoices', 'plans']);
    expect(run.code).toBe(1);
    expect(run.protocolErrors).toEqual([]);
    const [error, ...more] = tracesOf(run.messages, 'ERROR');
    expect(more).toEqual([]);
    expect(error.error.failure_type).toBe('config_error');
    expect(error.error.message).toMatch(/^Stream invoices failed: The API key has no read permission on invoice: HTTP 403 \(Forbidden, read_action_not_allowed_for_invoice\)/);
    expect(statusesOf(run.messages, 'invoices').at(-1)).toBe('INCOMPLETE');
    expect(statusesOf(run.messages, 'plans').at(-1)).toBe('COMPLETE');
    expect(recordsOf(run.messages, 'plans').length).toBe(harness.rows('plans').length);
  });

  test('check says which streams the key may not read', async () => {
    const run = await harness.run(['check', '--config', await harness.configFile()]);
    expect(run.code).toBe(0);
    expect(run.messages[0].connectionStatus).toEqual({ status: 'SUCCEEDED', message: 'Connected to Lago v1.51.0-head. The key may not read: invoices (scoped API key); those streams will fail until it may.' });
  });
});

describe('a Lago that is down', () => {
  let closedUrl: string;
  beforeAll(async () => {
    // A port that was just free and is closed again: connections are refused.
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    await new Promise<void>((resolve) => server.close(() => resolve()));
    closedUrl = `http://127.0.0.1:${port}/api/v1`;
  });

  test('read of every stream: one stream spends its retries, then the sync stops with one clear error', async () => {
    const harness = await Harness.start();
    try {
      const run = await harness.read(ALL, { config: { api_url: closedUrl, max_retries: 2 } });
      expect(run.code).toBe(1);
      expect(run.protocolErrors).toEqual([]);
      const errors = tracesOf(run.messages, 'ERROR');
      expect(errors).toHaveLength(1);
      expect(errors[0].error.failure_type).toBe('transient_error');
      const started = ofType(run.messages, 'TRACE').filter((m) => m.trace.type === 'STREAM_STATUS' && m.trace.stream_status.status === 'STARTED');
      expect(started).toHaveLength(1);
      // The one stream that ran (the first in reading order) is the one the error names.
      const name = started[0].trace.stream_status.stream_descriptor.name;
      expect(errors[0].error.message).toMatch(new RegExp(`^Stream ${name} failed: Lago at http://127\\.0\\.0\\.1:\\d+ cannot be reached: Connection refused by the Lago host`));
    } finally {
      await harness.stop();
    }
  });

  test('tap-lago too', async () => {
    const harness = await Harness.start();
    try {
      const config = await harness.configFile({ api_url: closedUrl, max_retries: 2 });
      const run = await runConnector(['singer', '--config', config]);
      expect(run.code).toBe(1);
      expect(run.stderr.match(/cannot be reached/g)).toHaveLength(1);
      expect(run.stderr).toMatch(/1 of 20 stream\(s\) failed: customers; 19 not synced after that/);
    } finally {
      await harness.stop();
    }
  });
});

describe('odd pagination meta', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await Harness.start({ counts: { customers: 450 } });
  });
  afterAll(() => harness.stop());
  beforeEach(() => {
    harness.lago.requests.length = 0;
  });
  const page = (n: number) => (request: { query: URLSearchParams }) => request.query.get('page') === String(n);

  test.each([
    ['a huge total_pages', 1, { total_pages: 100_000_000, total_count: 10_000_000_000 }],
    ['a negative count', 1, { total_count: -5, total_pages: -1 }],
    ['a non-numeric next_page', 2, { next_page: 'three', total_pages: 'many' }],
    ['a next_page that jumps ahead', 1, { next_page: 1000 }],
    ['no meta at all', 2, null],
  ] as const)('%s: every record once, no crash', async (_label, onPage, meta) => {
    harness.lago.addFault({ path: '/api/v1/customers', when: page(onPage), times: 1, meta: meta as Record<string, unknown> | null });
    const run = await harness.read(['customers']);
    expect({ code: run.code, protocolErrors: run.protocolErrors }).toEqual({ code: 0, protocolErrors: [] });
    expectInvariants(run, ['customers']);
    expect(recordsOf(run.messages, 'customers').map((c) => c.lago_id).sort()).toEqual(harness.rows('customers').map((c) => c.lago_id).sort());
    // An estimate only from a count that can be believed.
    const estimates = tracesOf(run.messages, 'ESTIMATE').map((t) => t.estimate.row_estimate);
    expect(estimates.every((n) => Number.isSafeInteger(n) && n >= 0 && n <= 1e12)).toBe(true);
    // Bounded work: at most the pages there are, plus those fetched ahead of the end.
    expect(harness.requestsTo('/customers').length).toBeLessThanOrEqual(5 + 8);
  });
});

describe('a missing route on a per-object child', () => {
  test('is a missing stream, not objects gone (Lago 0.20.0 has no wallet transactions route)', async () => {
    const harness = await Harness.start({ lagoVersion: '0.20.0', health: false });
    try {
      const run = await harness.read(['wallet_transactions']);
      expect({ code: run.code, protocolErrors: run.protocolErrors }).toEqual({ code: 0, protocolErrors: [] });
      expect(statusesOf(run.messages, 'wallet_transactions').at(-1)).toBe('COMPLETE');
      const warnings = logs(run, 'WARN');
      expect(warnings.some((m) => /^wallet_transactions: Lago answered 404 resource_not_found .* no such endpoint \(it came with Lago 0\.21\.0\)/.test(m))).toBe(true);
      // Not counted as deleted wallets.
      expect(warnings.some((m) => /skipped \d+ parent object/.test(m))).toBe(false);
    } finally {
      await harness.stop();
    }
  });
});

describe('every command checks what read checks', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await Harness.start();
  });
  afterAll(() => harness.stop());

  test.each([
    ['a custom stream on another host', { custom_streams: [{ name: 'elsewhere', url: 'https://example.com/api/v1/customers' }] }, /custom_streams\.0\.url \(stream "elsewhere"\): is on https:\/\/example\.com/],
    ['a broken JSONPath', { custom_streams: [{ name: 'broken', path: '/customers', records_path: '$.customers[' }] }, /custom_streams\.0\.records_path \(stream "broken"\)/],
  ])('check FAILS %s with the message read gives', async (_label, extra, expected) => {
    const config = await harness.configFile(extra);
    const check = await harness.run(['check', '--config', config]);
    expect(check.code).toBe(0);
    expect(check.messages[0].connectionStatus.status).toBe('FAILED');
    expect(check.messages[0].connectionStatus.message).toMatch(expected);
    const read = await harness.read(['customers'], { config: extra });
    expect(read.code).toBe(1);
    // The same words, but for the name of the config file each run was given.
    const sameFile = (message: string) => message.replace(/config-\w+\.json/, 'config.json');
    expect(sameFile(tracesOf(read.messages, 'ERROR')[0].error.message)).toBe(sameFile(check.messages[0].connectionStatus.message));
  });

  test('read refuses a state entry of the wrong shape, naming the file and the entry', async () => {
    const run = await harness.read(['invoices'], { syncMode: 'incremental', state: [{ type: 'STREAM', stream: 5 }] });
    expect(run.code).toBe(1);
    const [error] = tracesOf(run.messages, 'ERROR');
    expect(error.error.failure_type).toBe('config_error');
    expect(error.error.message).toMatch(/^Invalid state in .*state-\w+\.json: item 0 \{"type":"STREAM","stream":5\} has no stream object; expected \{"type":"STREAM","stream":\{"stream_descriptor"/);
    expect(harness.apiRequests()).toHaveLength(0);
  });
});
