import { makeRecordValidator } from './helpers/schemas.js';
import { ofType, recordsOf, statesOf, statusesOf, tracesOf } from './helpers/cli.js';
import { Harness, type CheckedRun } from './helpers/harness.js';

const ALL = [
  'customers', 'subscriptions', 'invoices', 'billable_metrics', 'plans', 'events', 'coupons', 'add_ons',
  'customer_usage', 'customer_usage_past', 'fees', 'credit_notes', 'wallets', 'wallet_transactions',
  'applied_coupons', 'taxes', 'payment_requests', 'payments', 'billing_entities', 'webhook_endpoints',
];

let harness: Harness;
let run: CheckedRun;
beforeAll(async () => {
  harness = await Harness.start({ counts: { customers: 230, events: 420, invoices: 150 } });
  run = await harness.read(ALL);
});
afterAll(() => harness.stop());

const data = () => harness.lago.data as unknown as Record<string, Array<Record<string, unknown>>>;

test('a full read of every stream succeeds with only valid protocol messages and no leaked key', () => {
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  expect(run.protocolErrors).toEqual([]);
  expect(run.leakedKey).toBe(false);
  expect(tracesOf(run.messages, 'ERROR')).toEqual([]);
});

test.each(ALL)('%s: records validate against schemas/%s.json with strict integers and formats', (stream) => {
  const validate = makeRecordValidator(stream);
  const records = recordsOf(run.messages, stream);
  expect(records.length).toBeGreaterThan(0);
  const failures = records.map((record) => (validate(record) ? null : validate.errors)).filter(Boolean);
  expect(failures.slice(0, 3)).toEqual([]);
});

test.each(ALL)('%s: STARTED → RUNNING → COMPLETE, states count every record', (stream) => {
  expect(statusesOf(run.messages, stream)).toEqual(['STARTED', 'RUNNING', 'COMPLETE']);
  const states = statesOf(run.messages, stream);
  expect(states.length).toBeGreaterThanOrEqual(1);
  const counted = states.reduce((sum, state) => sum + state.sourceStats.recordCount, 0);
  expect(counted).toBe(recordsOf(run.messages, stream).length);
});

test('each state comes after the records it counts, and nothing of a stream follows its last state but COMPLETE', () => {
  for (const stream of ALL) {
    const own = run.messages.filter((m) => m.record?.stream === stream || m.state?.stream?.stream_descriptor?.name === stream);
    expect(own.at(-1).type).toBe('STATE');
  }
});

test('plain list streams return exactly the fake server\'s objects, each once', () => {
  for (const stream of ['customers', 'invoices', 'billable_metrics', 'plans', 'coupons', 'add_ons', 'fees', 'credit_notes', 'wallets', 'applied_coupons', 'taxes', 'payment_requests', 'payments', 'billing_entities', 'webhook_endpoints']) {
    const ids = recordsOf(run.messages, stream).map((r) => r.lago_id);
    expect({ stream, ids: [...ids].sort() }).toEqual({ stream, ids: data()[stream]!.map((r) => r.lago_id).sort() });
  }
});

test('subscriptions: all five statuses by default, in one org-wide list (no per-customer requests)', () => {
  const records = recordsOf(run.messages, 'subscriptions');
  expect(records).toHaveLength(data().subscriptions!.length);
  expect(new Set(records.map((r) => r.status))).toEqual(new Set(['active', 'pending', 'terminated', 'canceled', 'incomplete']));
  expect(harness.requestsTo(/^\/customers\/[^/]+\/subscriptions$/)).toHaveLength(0);
  // The newest Lago (known from /health) takes all five statuses at once, incomplete included. Fan-outs that read
  // subscriptions as their parents (active only, or the four every Lago knows) ask for fewer: the stream's own list
  // is the one that asks for the most, and no request asks for incomplete on its own.
  const statusSets = harness.requestsTo('/subscriptions').map((request) => request.query.getAll('status[]').sort());
  const widest = statusSets.reduce((a, b) => (b.length > a.length ? b : a));
  expect(widest).toEqual(['active', 'canceled', 'incomplete', 'pending', 'terminated']);
  expect(statusSets.filter((statuses) => statuses.length === 1 && statuses[0] === 'incomplete')).toEqual([]);
});

test('events: keyed by subscription + transaction id, every event once', () => {
  const records = recordsOf(run.messages, 'events');
  expect(records).toHaveLength(data().events!.length);
  const keys = new Set(records.map((r) => `${r.external_subscription_id}|${r.transaction_id}`));
  expect(keys.size).toBe(records.length);
});

test('pagination: every page of a multi-page list requested once with per_page=100, and an estimate from meta', () => {
  const pages = harness.requestsTo('/customers').map((r) => r.query.get('page'));
  expect(pages).toEqual(['1', '2', '3']);
  expect(harness.requestsTo('/customers').every((r) => r.query.get('per_page') === '100')).toBe(true);
  expect(tracesOf(run.messages, 'ESTIMATE').find((t) => t.estimate.name === 'customers').estimate).toEqual({ name: 'customers', type: 'STREAM', row_estimate: 230 });
  // Sliced streams estimate the whole range with one count request (per_page=1).
  expect(tracesOf(run.messages, 'ESTIMATE').find((t) => t.estimate.name === 'events').estimate.row_estimate).toBe(420);
  const eventPages = harness.requestsTo('/events').filter((r) => r.query.get('per_page') === '100');
  expect(eventPages.length).toBeLessThan(80);
});

test('customer_usage: one request per ACTIVE subscription, both ids from the same subscription record', () => {
  const active = data().subscriptions!.filter((s) => s.status === 'active');
  const requests = harness.requestsTo(/^\/customers\/[^/]+\/current_usage$/);
  const asked = requests.map((r) => `${decodeURIComponent(r.path.split('/')[4]!)}|${r.query.get('external_subscription_id')}`).sort();
  expect(asked).toEqual(active.map((s) => `${s.external_customer_id}|${s.external_id}`).sort());
  const records = recordsOf(run.messages, 'customer_usage');
  expect(records).toHaveLength(active.length);
  for (const record of records) {
    expect(active.some((s) => s.external_customer_id === record.external_customer_id && s.external_id === record.external_subscription_id)).toBe(true);
  }
});

test('customer ids containing a dot reach Lago percent-encoded as %2E', () => {
  const dotted = harness.requestsTo(/^\/customers\/[^/]+\/(current|past)_usage$/).filter((r) => r.path.includes('%2E'));
  const dottedActive = data().subscriptions!.filter((s) => String(s.external_customer_id).includes('.'));
  expect(dottedActive.length).toBeGreaterThan(0);
  expect(dotted.length).toBeGreaterThan(0);
});

test('wallet_transactions: read per wallet, every transaction once', () => {
  const wallets = data().wallets!;
  expect(harness.requestsTo(/^\/wallets\/[^/]+\/wallet_transactions$/).filter((r) => r.query.get('page') === '1')).toHaveLength(wallets.length);
  const records = recordsOf(run.messages, 'wallet_transactions');
  expect(records.map((r) => r.lago_id).sort()).toEqual(data().wallet_transactions!.map((r) => r.lago_id).sort());
});

test('emitted_at is an integer epoch ms time of emission', () => {
  const started = Date.now() - 5 * 60 * 1000;
  for (const message of ofType(run.messages, 'RECORD')) {
    expect(Number.isInteger(message.record.emitted_at)).toBe(true);
    expect(message.record.emitted_at).toBeGreaterThan(started);
    expect(message.record.emitted_at).toBeLessThanOrEqual(Date.now());
  }
});
