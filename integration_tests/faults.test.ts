import { backoffDelay } from '../src/lago/retry.js';
import { recordsOf, statesOf, statusesOf, tracesOf } from './helpers/cli.js';
import { Harness, type CheckedRun } from './helpers/harness.js';
import { expectInvariants } from './helpers/invariants.js';

/**
 * Fault injection: what Lago and the network throw at a sync, and what the connector does about it.
 * Every run is also checked for the invariants in helpers/invariants.ts (states cover records, no
 * duplicates, exit code, no key, no stack trace). README "Reliability" summarises this file.
 */

let harness: Harness;
beforeAll(async () => {
  harness = await Harness.start({ counts: { customers: 250, events: 600 } });
});
afterAll(() => harness.stop());
beforeEach(() => {
  harness.lago.clearFaults();
  harness.lago.requests.length = 0;
});

type Row = Record<string, any>;
const rows = (name: string) => (harness.lago.data as unknown as Record<string, Row[]>)[name]!;
const CUSTOMERS = '/api/v1/customers';
const page = (n: number) => ({ query }: { query: URLSearchParams }) => query.get('page') === String(n);
const errorsOf = (run: CheckedRun) => tracesOf(run.messages, 'ERROR').map((t) => t.error);
const rateLimited = (run: CheckedRun, stream: string) =>
  tracesOf(run.messages, 'STREAM_STATUS').filter((t) => t.stream_status.stream_descriptor.name === stream && t.stream_status.reasons);

/** Records the arrival time of every request to `path` (a `when` that never matches). */
function stamp(path: string): Array<{ page: string | null; at: number }> {
  const times: Array<{ page: string | null; at: number }> = [];
  harness.lago.addFault({ path, when: ({ query }) => (times.push({ page: query.get('page'), at: Date.now() }), false) });
  return times;
}

async function read(streams: string[], options: Parameters<Harness['read']>[1] = {}): Promise<CheckedRun> {
  const run = await harness.read(streams, options);
  expectInvariants(run, streams);
  return run;
}

const expectAllCustomersOnce = (run: CheckedRun) =>
  expect(recordsOf(run.messages, 'customers').map((r) => r.lago_id).sort()).toEqual(rows('customers').map((r) => r.lago_id).sort());

describe('429 Too Many Requests', () => {
  test('Retry-After in seconds: waits that long, says RATE_LIMITED with quota_reset, then continues', async () => {
    const times = stamp(CUSTOMERS);
    harness.lago.addFault({ path: CUSTOMERS, when: page(2), times: 2, status: 429, headers: { 'Retry-After': '1' } });
    const run = await read(['customers']);
    expect(run.code).toBe(0);
    expectAllCustomersOnce(run);
    const limited = rateLimited(run, 'customers');
    expect(limited).toHaveLength(2);
    for (const trace of limited) {
      expect(trace.stream_status.status).toBe('RUNNING');
      expect(trace.stream_status.reasons[0].type).toBe('RATE_LIMITED');
      expect(trace.stream_status.reasons[0].rate_limited.quota_reset - trace.emitted_at).toBeGreaterThanOrEqual(990);
      expect(trace.stream_status.reasons[0].rate_limited.quota_reset - trace.emitted_at).toBeLessThanOrEqual(1010);
    }
    // No storm: exactly one request per 429, each a second after the previous one.
    const second = times.filter((t) => t.page === '2').map((t) => t.at);
    expect(second).toHaveLength(3);
    expect(second[1]! - second[0]!).toBeGreaterThanOrEqual(950);
    expect(second[2]! - second[1]!).toBeGreaterThanOrEqual(950);
    expect(statusesOf(run.messages, 'customers')).toEqual(['STARTED', 'RUNNING', 'RUNNING', 'RUNNING', 'COMPLETE']);
  });

  test('Retry-After as an HTTP date: waits until then', async () => {
    const times = stamp(CUSTOMERS);
    const headers: Record<string, string> = {};
    // The date is set when the request arrives, so the wait is known (HTTP dates have 1 s precision).
    harness.lago.addFault({ path: CUSTOMERS, when: (req) => page(2)(req) && ((headers['Retry-After'] = new Date(Date.now() + 2500).toUTCString()), true), times: 1, status: 429, headers });
    const run = await read(['customers'], { env: { SOURCE_LAGO_RETRY_BASE_MS: '50' } });
    expect(run.code).toBe(0);
    expectAllCustomersOnce(run);
    const resetAt = rateLimited(run, 'customers')[0].stream_status.reasons[0].rate_limited.quota_reset;
    expect(Math.abs(resetAt - Date.parse(headers['Retry-After']!))).toBeLessThan(100);
    const second = times.filter((t) => t.page === '2').map((t) => t.at);
    expect(second).toHaveLength(2);
    expect(second[1]!).toBeGreaterThanOrEqual(resetAt - 20);
    expect(second[1]! - second[0]!).toBeGreaterThanOrEqual(1400);
  });

  test("Lago Cloud's X-RateLimit-* headers on a 429 (no Retry-After): waits for X-RateLimit-Reset", async () => {
    const times = stamp(CUSTOMERS);
    harness.lago.addFault({ path: CUSTOMERS, when: page(3), times: 1, status: 429, headers: { 'X-RateLimit-Limit': '50', 'X-RateLimit-Remaining': '0', 'X-RateLimit-Reset': '1' } });
    const run = await read(['customers']);
    expect(run.code).toBe(0);
    expectAllCustomersOnce(run);
    expect(rateLimited(run, 'customers')).toHaveLength(1);
    const third = times.filter((t) => t.page === '3').map((t) => t.at);
    expect(third[1]! - third[0]!).toBeGreaterThanOrEqual(950);
  });

  test('X-RateLimit-Remaining: 0 on a successful answer: the next request waits for the reset instead of drawing a 429', async () => {
    const times = stamp(CUSTOMERS);
    harness.lago.addFault({ path: CUSTOMERS, when: page(1), times: 1, headers: { 'X-RateLimit-Limit': '50', 'X-RateLimit-Remaining': '0', 'X-RateLimit-Reset': '1' } });
    const run = await read(['customers']);
    expect(run.code).toBe(0);
    expectAllCustomersOnce(run);
    expect(harness.lago.requests.every((r) => r.status === 200)).toBe(true);
    // Pages 2 and 3 (fetched concurrently) wait for the same window, announced once.
    expect(rateLimited(run, 'customers')).toHaveLength(1);
    expect(times).toHaveLength(3);
    for (const later of times.slice(1)) expect(later.at - times[0]!.at).toBeGreaterThanOrEqual(950);
  });

  test('no header at all: exponential backoff, then continues', async () => {
    harness.lago.addFault({ path: CUSTOMERS, when: page(2), times: 3, status: 429 });
    const run = await read(['customers']);
    expect(run.code).toBe(0);
    expectAllCustomersOnce(run);
    expect(rateLimited(run, 'customers')).toHaveLength(3);
  });

  test('a wait longer than the maximum is capped, and a 429 that never ends fails the stream after a bounded number of tries', async () => {
    harness.lago.addFault({ path: CUSTOMERS, when: page(2), status: 429, headers: { 'Retry-After': '3600' } });
    const started = Date.now();
    const run = await read(['customers', 'taxes'], { config: { max_retries: 1 } });
    // The test build caps one wait at 1 s (60 s in production).
    expect(Date.now() - started).toBeLessThan(15_000);
    for (const trace of rateLimited(run, 'customers')) {
      expect(trace.stream_status.reasons[0].rate_limited.quota_reset - trace.emitted_at).toBeLessThanOrEqual(1010);
    }
    expect(run.code).toBe(1);
    expect(harness.requestsTo('/customers').filter((r) => r.query.get('page') === '2')).toHaveLength(3);
    const [error] = errorsOf(run);
    expect(error.failure_type).toBe('transient_error');
    expect(error.message).toMatch(/HTTP 429.*Tried 3 times/);
    expect(statusesOf(run.messages, 'customers').at(-1)).toBe('INCOMPLETE');
    expect(statusesOf(run.messages, 'taxes')).toEqual(['STARTED', 'RUNNING', 'COMPLETE']);
  });
});

describe('server errors and broken connections', () => {
  test('backoff is exponential with jitter, capped', () => {
    const policy = { maxRetries: 5, baseDelayMs: 1000, maxDelayMs: 30_000 };
    for (const [attempt, ceiling] of [[1, 1000], [2, 2000], [3, 4000], [4, 8000], [6, 30_000], [9, 30_000]] as const) {
      expect(backoffDelay(attempt, policy, () => 0)).toBe(ceiling / 2);
      expect(backoffDelay(attempt, policy, () => 1)).toBe(ceiling);
    }
    const samples = new Set(Array.from({ length: 50 }, () => backoffDelay(3, policy)));
    expect(samples.size).toBeGreaterThan(10);
  });

  test.each([500, 502, 503, 504])('HTTP %i twice, then fine: retried, every record once', async (status) => {
    harness.lago.addFault({ path: CUSTOMERS, when: page(2), times: 2, status });
    const run = await read(['customers']);
    expect(run.code).toBe(0);
    expectAllCustomersOnce(run);
    const statuses = harness.requestsTo('/customers').map((r) => `${r.query.get('page')}:${r.status}`);
    expect(statuses.sort()).toEqual(['1:200', '2:200', `2:${status}`, `2:${status}`, '3:200']);
  });

  test.each([500, 502, 503, 504])('HTTP %i for good: the stream fails with transient_error after max_retries, the others go on', async (status) => {
    harness.lago.addFault({ path: CUSTOMERS, when: page(2), status });
    const run = await read(['customers', 'taxes'], { config: { max_retries: 3 } });
    expect(run.code).toBe(1);
    expect(harness.requestsTo('/customers').filter((r) => r.query.get('page') === '2')).toHaveLength(4);
    const [error] = errorsOf(run);
    expect(error).toMatchObject({ failure_type: 'transient_error', stream_descriptor: { name: 'customers' } });
    expect(error.message).toMatch(new RegExp(`Stream customers failed: Lago answered HTTP ${status} .*for GET /api/v1/customers\\?page=2.* Tried 4 times`));
    // Page 1 was written, and a state covers it before INCOMPLETE.
    expect(recordsOf(run.messages, 'customers')).toHaveLength(100);
    expect(statesOf(run.messages, 'customers').map((s) => s.sourceStats.recordCount)).toEqual([100]);
    expect(statusesOf(run.messages, 'customers')).toEqual(['STARTED', 'RUNNING', 'INCOMPLETE']);
    expect(statusesOf(run.messages, 'taxes')).toEqual(['STARTED', 'RUNNING', 'COMPLETE']);
  });

  test('connection reset: retried, then fine', async () => {
    harness.lago.addFault({ path: CUSTOMERS, when: page(2), times: 2, resetConnection: true });
    const run = await read(['customers']);
    expect(run.code).toBe(0);
    expectAllCustomersOnce(run);
  });

  test('connection reset for good: transient_error saying what happened and how often it was tried', async () => {
    harness.lago.addFault({ path: CUSTOMERS, when: page(3), resetConnection: true });
    const run = await read(['customers'], { config: { max_retries: 2 } });
    expect(run.code).toBe(1);
    const [error] = errorsOf(run);
    expect(error.failure_type).toBe('transient_error');
    expect(error.message).toMatch(/connection to Lago was reset for GET \/api\/v1\/customers\?page=3.*tried 3 times/);
    expect(recordsOf(run.messages, 'customers')).toHaveLength(200);
  });

  test('request timeout (request_timeout_seconds): retried like a 5xx', async () => {
    const times = stamp(CUSTOMERS);
    harness.lago.addFault({ path: CUSTOMERS, when: page(2), times: 1, delayMs: 1600 });
    const run = await read(['customers'], { config: { request_timeout_seconds: 1 } });
    expect(run.code).toBe(0);
    expectAllCustomersOnce(run);
    // The server logs a request when it answers; count arrivals instead.
    const second = times.filter((t) => t.page === '2').map((t) => t.at);
    expect(second).toHaveLength(2);
    expect(second[1]! - second[0]!).toBeGreaterThanOrEqual(990);
  });

  test('request timeout for good: transient_error naming the timeout', async () => {
    harness.lago.addFault({ path: CUSTOMERS, when: page(1), delayMs: 1300 });
    const run = await read(['customers'], { config: { request_timeout_seconds: 1, max_retries: 1 } });
    expect(run.code).toBe(1);
    const [error] = errorsOf(run);
    expect(error.failure_type).toBe('transient_error');
    expect(error.message).toMatch(/No answer from Lago within 1 s \(request timeout\) for GET \/api\/v1\/customers\?page=1.*tried 2 times/);
  });

  test('a body that stalls after the headers is cut by the same timeout', async () => {
    harness.lago.addFault({ path: CUSTOMERS, when: page(2), times: 1, stallBody: true });
    const run = await read(['customers'], { config: { request_timeout_seconds: 1 } });
    expect(run.code).toBe(0);
    expectAllCustomersOnce(run);
  });

  test('a body cut off mid-way: retried, then fine', async () => {
    harness.lago.addFault({ path: CUSTOMERS, when: page(2), times: 2, truncateBody: true });
    const run = await read(['customers']);
    expect(run.code).toBe(0);
    expectAllCustomersOnce(run);
  });

  test('a body cut off every time: transient_error', async () => {
    harness.lago.addFault({ path: CUSTOMERS, when: page(2), truncateBody: true });
    const run = await read(['customers'], { config: { max_retries: 2 } });
    expect(run.code).toBe(1);
    expect(errorsOf(run)[0].failure_type).toBe('transient_error');
    expect(errorsOf(run)[0].message).toMatch(/tried 3 times/);
  });

  test('HTML instead of JSON with HTTP 200: retried, then fine; for good: transient_error saying so', async () => {
    harness.lago.addFault({ path: CUSTOMERS, when: page(2), times: 1, notJson: true });
    const ok = await read(['customers']);
    expect(ok.code).toBe(0);
    expectAllCustomersOnce(ok);
    harness.lago.addFault({ path: CUSTOMERS, when: page(2), notJson: true });
    const run = await read(['customers'], { config: { max_retries: 1 } });
    expect(run.code).toBe(1);
    expect(errorsOf(run)[0]).toMatchObject({ failure_type: 'transient_error' });
    expect(errorsOf(run)[0].message).toMatch(/not JSON or is cut off \(HTTP 200.*tried 2 times/);
  });

  test('a gateway HTML page with HTTP 502: retried like any 502', async () => {
    harness.lago.addFault({ path: CUSTOMERS, when: page(1), times: 2, notJson: true, status: 502 });
    const run = await read(['customers']);
    expect(run.code).toBe(0);
    expectAllCustomersOnce(run);
  });
});

describe('the key refused mid-read', () => {
  test.each([
    [401, { status: 401, error: 'Unauthorized' }],
    [403, { status: 403, error: 'Forbidden' }],
  ])('HTTP %i on page 2: config_error, no retry, the sync stops', async (status, body) => {
    harness.lago.addFault({ path: CUSTOMERS, when: page(2), status, body });
    const run = await read(['taxes', 'customers', 'plans', 'coupons']);
    expect(run.code).toBe(1);
    const errors = errorsOf(run);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ failure_type: 'config_error', stream_descriptor: { name: 'customers' } });
    expect(errors[0].message).toMatch(new RegExp(`Lago refused the API key: HTTP ${status}`));
    expect(harness.requestsTo('/customers').filter((r) => r.query.get('page') === '2')).toHaveLength(1);
    expect(statusesOf(run.messages, 'taxes')).toEqual(['STARTED', 'RUNNING', 'COMPLETE']);
    expect(statusesOf(run.messages, 'customers')).toEqual(['STARTED', 'RUNNING', 'INCOMPLETE']);
    // Streams are read a few at once: the small ones may have completed alongside; none starts after the refusal.
    const at = (stream: string, status: string) => run.messages.findIndex((m) => m.type === 'TRACE' && m.trace.stream_status?.stream_descriptor.name === stream && m.trace.stream_status.status === status);
    for (const stream of ['plans', 'coupons']) {
      expect([[], ['STARTED', 'RUNNING', 'COMPLETE']]).toContainEqual(statusesOf(run.messages, stream));
      expect(at(stream, 'STARTED')).toBeLessThan(at('customers', 'INCOMPLETE'));
    }
  });

  test('403 feature_unavailable (a premium endpoint) fails only that stream', async () => {
    harness.lago.addFault({ path: '/api/v1/taxes', status: 403, body: { status: 403, error: 'Forbidden', code: 'feature_unavailable' } });
    const run = await read(['taxes', 'plans']);
    expect(run.code).toBe(1);
    expect(errorsOf(run)[0]).toMatchObject({ failure_type: 'config_error', stream_descriptor: { name: 'taxes' } });
    expect(errorsOf(run)[0].message).toMatch(/not available on your Lago plan/);
    expect(harness.requestsTo('/taxes')).toHaveLength(1);
    expect(statusesOf(run.messages, 'plans')).toEqual(['STARTED', 'RUNNING', 'COMPLETE']);
  });
});

describe('objects deleted mid-sync', () => {
  test('404 on one wallet\'s transactions: that wallet is skipped and counted in a WARN log', async () => {
    const victim = rows('wallets')[0]!;
    harness.lago.addFault({ path: `/api/v1/wallets/${victim.lago_id}/wallet_transactions`, status: 404, body: { status: 404, error: 'Not Found', code: 'wallet_not_found' } });
    const run = await read(['wallet_transactions']);
    expect(run.code).toBe(0);
    expect(statusesOf(run.messages, 'wallet_transactions')).toEqual(['STARTED', 'RUNNING', 'COMPLETE']);
    const expected = rows('wallet_transactions').filter((t) => t.lago_wallet_id !== victim.lago_id);
    expect(recordsOf(run.messages, 'wallet_transactions')).toHaveLength(expected.length);
    const warnings = run.messages.filter((m) => m.type === 'LOG' && m.log.level === 'WARN').map((m) => m.log.message);
    expect(warnings.some((w) => /wallet_transactions: skipped 1 .*HTTP 404 wallet_not_found/.test(w))).toBe(true);
  });

  test('404 customer_not_found on current usage: skipped and counted', async () => {
    const victim = rows('subscriptions').find((s) => s.status === 'active')!;
    harness.lago.addFault({ path: /current_usage$/, when: ({ query }) => query.get('external_subscription_id') === victim.external_id, status: 404, body: { status: 404, error: 'Not Found', code: 'customer_not_found' } });
    const run = await read(['customer_usage']);
    expect(run.code).toBe(0);
    const warnings = run.messages.filter((m) => m.type === 'LOG' && m.log.level === 'WARN').map((m) => m.log.message);
    expect(warnings.some((w) => /customer_usage: skipped 1 .*HTTP 404 customer_not_found/.test(w))).toBe(true);
  });
});

describe('pagination that does not end', () => {
  test('the same page served twice (page 2 = page 1): detected, nothing emitted twice, no loop', async () => {
    const first = rows('customers').slice(0, 100);
    harness.lago.addFault({ path: CUSTOMERS, when: page(2), status: 200, body: { customers: first, meta: { current_page: 2, next_page: 3, prev_page: 1, total_pages: 3, total_count: 250 } } });
    const run = await read(['customers', 'taxes']);
    expect(run.code).toBe(1);
    expect(errorsOf(run)[0].message).toMatch(/same records for page 2/);
    // Pages announced by page 1 may be fetched concurrently: at most those, once each.
    expect(harness.requestsTo('/customers').length).toBeLessThanOrEqual(3);
    expect(statusesOf(run.messages, 'taxes')).toEqual(['STARTED', 'RUNNING', 'COMPLETE']);
  });

  test('records past total_pages, with next_page always one more: stops with a clear error', async () => {
    let served = 0;
    const body = { customers: [] as Row[], meta: {} as Row };
    harness.lago.addFault({
      path: CUSTOMERS,
      status: 200,
      body,
      when: ({ query }) => {
        const n = Number(query.get('page'));
        served += 1;
        body.customers = Array.from({ length: 100 }, (_, i) => ({ ...rows('customers')[0], lago_id: `endless-${n}-${i}` }));
        body.meta = { current_page: n, next_page: n + 1, prev_page: n - 1 || null, total_pages: 2, total_count: 200 };
        return true;
      },
    });
    const run = await read(['customers']);
    expect(run.code).toBe(1);
    expect(served).toBeLessThanOrEqual(4);
    expect(errorsOf(run)[0]).toMatchObject({ failure_type: 'transient_error' });
    expect(errorsOf(run)[0].message).toMatch(/past total_pages=2/);
  });

  test('next_page pointing back: stops (no loop)', async () => {
    harness.lago.addFault({ path: CUSTOMERS, when: page(2), status: 200, body: { customers: rows('customers').slice(100, 200), meta: { current_page: 2, next_page: 1, total_pages: 3, total_count: 250 } } });
    const run = await read(['customers']);
    expect(run.code).toBe(1);
    expect(errorsOf(run)[0].message).toMatch(/next_page \(1\) does not move past page 2/);
    expect(harness.requestsTo('/customers').length).toBeLessThanOrEqual(3);
  });
});

describe('incremental streams that fail mid-slice', () => {
  test('records of the unfinished slice are covered by a state whose cursor does not move past them', async () => {
    // Year slices hold more than one page of events; page 2 of the second slice fails.
    const env = { SOURCE_LAGO_NOW: '2026-11-21T00:00:00.000Z' };
    const config = { start_date: '2024-01-01', slice_size: 'year', max_retries: 1 };
    let slices = 0;
    harness.lago.addFault({
      path: '/api/v1/events',
      status: 503,
      when: ({ query }) => {
        if (query.get('per_page') !== '100') return false;
        if (query.get('page') === '1') slices += 1;
        return slices >= 2 && query.get('page') === '2';
      },
    });
    const run = await read(['events'], { syncMode: 'incremental', state: [], config, env });
    expect(run.code).toBe(1);
    const states = statesOf(run.messages, 'events');
    const cursors = states.map((s) => s.stream.stream_state.timestamp);
    expect(cursors.length).toBeGreaterThanOrEqual(2);
    // The last state repeats the last finished slice's cursor: it covers the partial slice's records
    // (counted) without claiming them done.
    expect(cursors.at(-1)).toBe(cursors.at(-2));
    expect(states.at(-1)!.sourceStats.recordCount).toBe(100);
    const all = run.messages.filter((m) => m.type === 'RECORD' || m.type === 'STATE');
    const lastMove = all.findIndex((m) => m.type === 'STATE' && m.state.stream.stream_state.timestamp === cursors.at(-1));
    const unfinished = all.slice(lastMove + 1).filter((m) => m.type === 'RECORD').map((m) => m.record.data.timestamp as string);
    expect(unfinished).toHaveLength(100);
    expect(unfinished.every((t) => Date.parse(t) >= Date.parse(cursors.at(-1)!))).toBe(true);
  });
});
