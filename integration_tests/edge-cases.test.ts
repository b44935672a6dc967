import { recordsOf, statesOf, tracesOf } from './helpers/cli.js';
import { Harness, harnessPerFile, SECRET_KEY } from './helpers/harness.js';

/** Edge cases found in review: each once lost, duplicated or leaked something. */

const NOW = '2026-11-21T00:00:00.000Z';
const env = { SOURCE_LAGO_NOW: NOW };

const fake = harnessPerFile();
const rows = (name: string) => fake.current.rows(name);
type Row = Record<string, any>;

test('slice_size hour does not lose invoices (a date cursor is sliced in whole days)', async () => {
  const config = { start_date: '2026-10-01', slice_size: 'hour', lookback_window_days: 0 };
  const run = await fake.current.read(['invoices', 'credit_notes'], { syncMode: 'incremental', state: [], config, env });
  expect(run.code).toBe(0);
  const expected = rows('invoices').filter((i) => i.issuing_date >= '2026-10-01' && i.issuing_date <= '2026-11-21');
  expect(recordsOf(run.messages, 'invoices').map((i) => i.lago_id).sort()).toEqual(expected.map((i) => i.lago_id).sort());
  for (const request of fake.current.requestsTo('/invoices').filter((r) => r.query.get('per_page') === '100')) {
    expect(request.query.get('issuing_date_from')! <= request.query.get('issuing_date_to')!).toBe(true);
  }
});

test('a full refresh has no upper bound unless end_date says so: a draft dated in the future is read', async () => {
  const draft = { ...rows('invoices')[0], lago_id: '00000000-0000-4000-8000-00000000d0d0', status: 'draft', issuing_date: '2026-11-28' };
  rows('invoices').push(draft);
  try {
    const full = await fake.current.read(['invoices'], { config: { start_date: '2025-01-01' }, env });
    expect(recordsOf(full.messages, 'invoices').map((i) => i.lago_id)).toContain(draft.lago_id);
    expect(fake.current.requestsTo('/invoices').every((r) => !r.query.has('issuing_date_to'))).toBe(true);
    const bounded = await fake.current.read(['invoices'], { config: { start_date: '2025-01-01', end_date: '2026-11-01' }, env });
    expect(recordsOf(bounded.messages, 'invoices').map((i) => i.lago_id)).not.toContain(draft.lago_id);
  } finally {
    rows('invoices').splice(-1);
  }
});

test('records lacking their primary key are all kept, not collapsed into one', async () => {
  const run = await fake.current.read(['by_missing_id'], { config: { custom_streams: [{ name: 'by_missing_id', path: '/customers', primary_key: ['id'] }] } });
  expect(run.code).toBe(0);
  expect(recordsOf(run.messages, 'by_missing_id')).toHaveLength(rows('customers').length);
});

test('a configured customer_usage pair that Lago answers 405 is skipped with a WARN, not a failure', async () => {
  const inactive = rows('subscriptions').find((s) => s.status === 'terminated')!;
  const config = { filters: { customer_usage: { external_customer_id: inactive.external_customer_id, external_subscription_id: inactive.external_id } } };
  const run = await fake.current.read(['customer_usage'], { config });
  expect(run.code).toBe(0);
  expect(tracesOf(run.messages, 'ERROR')).toEqual([]);
  expect(recordsOf(run.messages, 'customer_usage')).toEqual([]);
  expect(run.messages.some((m) => m.type === 'LOG' && m.log.level === 'WARN' && /customer_usage: skipped 1 .*405/.test(m.log.message))).toBe(true);
  expect(statesOf(run.messages, 'customer_usage')).toHaveLength(1);
});

test('parents sharing look-up values (external_id reused after a plan change) are asked once', async () => {
  const active = rows('subscriptions').find((s) => s.status === 'active')!;
  const replaced = { ...active, lago_id: '00000000-0000-4000-8000-00000000e0e0', status: 'terminated' };
  rows('subscriptions').push(replaced);
  try {
    const run = await fake.current.read(['customer_usage_past']);
    expect(run.code).toBe(0);
    const asked = fake.current.requestsTo(/\/past_usage$/).filter((r) => r.query.get('page') === '1' && r.query.get('external_subscription_id') === active.external_id);
    expect(asked).toHaveLength(1);
    // the stream's key: periods may share from_datetime (voided and regenerated, or progressive-billing invoices)
    const keys = recordsOf(run.messages, 'customer_usage_past').map((r) => `${r.external_subscription_id}|${r.from_datetime}|${r.lago_invoice_id}`);
    expect(new Set(keys).size).toBe(keys.length);
  } finally {
    rows('subscriptions').splice(-1);
  }
});

test('a config file that is not JSON is reported without quoting it (the key may be in it)', async () => {
  const path = await fake.current.files.write('broken.json', `{\n  "api_key": ${SECRET_KEY},\n  "api_url": "${fake.current.lago.url}"\n}`);
  for (const command of ['check', 'discover']) {
    const run = await fake.current.run([command, '--config', path]);
    // Node gives a position for some syntax errors only; then the line and column are named.
    expect(run.stdout).toMatch(/broken\.json is not valid JSON( at line 2, column \d+)? \(check quotes, commas and brackets/);
    expect(run.stdout).not.toContain(SECRET_KEY.slice(0, 8));
    expect(run.stderr).not.toContain(SECRET_KEY.slice(0, 8));
  }
});

test('a syntax error with a known position is located by line and column', async () => {
  const path = await fake.current.files.write('comma.json', '{\n  "api_key": "k"\n  "api_url": "x"\n}');
  const run = await fake.current.run(['discover', '--config', path]);
  expect(run.stdout).toMatch(/comma\.json is not valid JSON at line 3, column 3 \(check quotes, commas and brackets there\)/);
});

test('a slice grown across sparse history is cut back to the configured size when it reaches a busy month', async () => {
  const template = rows('invoices')[0]!;
  const busy = Array.from({ length: 250 }, (_, i) => ({ ...template, lago_id: `00000000-0000-4000-9000-${String(i).padStart(12, '0')}`, issuing_date: `2026-06-${String((i % 28) + 1).padStart(2, '0')}` }));
  rows('invoices').push(...busy);
  try {
    const run = await fake.current.read(['invoices'], { syncMode: 'incremental', state: [], config: { start_date: '2025-01-01', slice_size: 'month' }, env });
    expect(run.code).toBe(0);
    const ids = new Set(recordsOf(run.messages, 'invoices').map((i) => i.lago_id));
    for (const invoice of busy) expect(ids.has(invoice.lago_id)).toBe(true);
    const covering = fake.current.requestsTo('/invoices').filter((r) => r.query.get('per_page') === '100' && r.query.get('issuing_date_from')! <= '2026-06-15' && r.query.get('issuing_date_to')! >= '2026-06-15');
    expect(covering.length).toBeGreaterThan(0);
    for (const request of covering) expect([request.query.get('issuing_date_from'), request.query.get('issuing_date_to')]).toEqual(['2026-06-01', '2026-06-30']);
    expect(statesOf(run.messages, 'invoices').map((s) => s.stream.stream_state.issuing_date)).toEqual(expect.arrayContaining(['2026-06-01', '2026-07-01']));
  } finally {
    rows('invoices').splice(-busy.length);
  }
});

test('fan-out children with several pages each are read whole, each record once', async () => {
  const big = await Harness.start({ counts: { wallets: 6, wallet_transactions: 230 } });
  try {
    const run = await big.read(['wallet_transactions']);
    expect(run.code).toBe(0);
    const ids = recordsOf(run.messages, 'wallet_transactions').map((t) => t.lago_id);
    expect(ids).toHaveLength(6 * 230);
    expect(new Set(ids).size).toBe(ids.length);
    expect(big.requestsTo(/\/wallet_transactions$/).filter((r) => r.query.get('page') === '3')).toHaveLength(6);
  } finally {
    await big.stop();
  }
});

test('when a stream stops early, its requests still in flight stop too (no retries in the background)', async () => {
  const many = await Harness.start({ counts: { customers: 1000 } });
  try {
    const firstPage = (await (await fetch(`${many.lago.url}/customers?page=1&per_page=100`, { headers: { authorization: `Bearer ${SECRET_KEY}` } })).json()) as Row;
    // Page 2 points back at itself (the loop guard stops the stream); pages 3+ keep failing slowly.
    many.lago.addFault({ path: '/api/v1/customers', when: ({ query }) => query.get('page') === '2', status: 200, body: { ...firstPage, meta: { ...firstPage.meta, current_page: 2, next_page: 2 } } });
    many.lago.addFault({ path: '/api/v1/customers', when: ({ query }) => Number(query.get('page')) >= 3, status: 503, delayMs: 40 });
    many.lago.requests.length = 0;
    const run = await many.read(['customers', 'taxes'], { config: { max_retries: 5 } });
    expect(run.code).toBe(1);
    expect(tracesOf(run.messages, 'ERROR')[0].error.message).toMatch(/page 2 .*stopping instead of looping/);
    // Without stopping them, the 7 pages in flight would each be tried 6 times (42 requests).
    const late = many.requestsTo('/customers').filter((r) => Number(r.query.get('page')) >= 3);
    expect(late.length).toBeLessThanOrEqual(16);
    expect(tracesOf(run.messages, 'STREAM_STATUS').filter((t) => t.stream_status.stream_descriptor.name === 'taxes').map((t) => t.stream_status.status)).toEqual(['STARTED', 'RUNNING', 'COMPLETE']);
  } finally {
    await many.stop();
  }
});
