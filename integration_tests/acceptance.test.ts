import { join } from 'node:path';
import { recordsOf, ROOT, statusesOf, tracesOf } from './helpers/cli.js';
import { Harness } from './helpers/harness.js';

/**
 * Catalog and state input handling. The acceptance-test checklist itself (CAT's TestFullRefresh, TestIncremental, …)
 * is ported in cat-port.test.ts.
 */

let harness: Harness;
beforeAll(async () => {
  harness = await Harness.start();
});
afterAll(() => harness.stop());

test('the shipped configured_catalog.json reads every stream with the shipped state file', async () => {
  const run = await harness.run([
    'read', '--config', await harness.configFile(),
    '--catalog', join(ROOT, 'integration_tests', 'configured_catalog.json'),
    '--state', join(ROOT, 'integration_tests', 'sample_state.json'),
  ]);
  expect(run.code).toBe(0);
  expect(run.protocolErrors).toEqual([]);
  expect(tracesOf(run.messages, 'ERROR')).toEqual([]);
});

test('an unknown stream in the catalog is a config_error TRACE, non-zero exit, nothing read', async () => {
  const before = harness.lago.requests.length;
  const run = await harness.read(['customers', 'no_such_stream']);
  expect(run.code).toBe(1);
  expect(run.protocolErrors).toEqual([]);
  const [error] = tracesOf(run.messages, 'ERROR');
  expect(error.error.failure_type).toBe('config_error');
  expect(error.error.message).toMatch(/no_such_stream/);
  expect(harness.lago.requests.length).toBe(before);
});

test('an invalid sync mode is a config_error TRACE naming the field', async () => {
  const catalog = await harness.files.write('bad-mode.json', { streams: [{ stream: { name: 'customers' }, sync_mode: 'INVALID', destination_sync_mode: 'overwrite' }] });
  const run = await harness.run(['read', '--config', await harness.configFile(), '--catalog', catalog]);
  expect(run.code).toBe(1);
  const [error] = tracesOf(run.messages, 'ERROR');
  expect(error.error.failure_type).toBe('config_error');
  expect(error.error.message).toMatch(/bad-mode\.json.*sync_mode.*full_refresh/);
});

test('incremental asked for a full-refresh-only stream reads it in full', async () => {
  const run = await harness.read(['coupons'], { syncMode: 'incremental', state: [] });
  expect(run.code).toBe(0);
  expect(recordsOf(run.messages, 'coupons')).toHaveLength((harness.lago.data as any).coupons.length);
});

test('state for an unknown stream is ignored with a WARN', async () => {
  const state = [{ type: 'STREAM', stream: { stream_descriptor: { name: 'gone' }, stream_state: {} } }, null];
  const run = await harness.read(['taxes'], { state });
  expect(run.code).toBe(0);
  expect(run.messages.some((m) => m.type === 'LOG' && m.log.level === 'WARN' && /gone/.test(m.log.message))).toBe(true);
});

test('wallets on an old Lago that refuses the org-wide list are read per customer, and wallet transactions follow', async () => {
  const old = await Harness.start({ walletsOrgWide: false });
  try {
    const run = await old.read(['wallets', 'wallet_transactions']);
    expect(run.code).toBe(0);
    expect(run.protocolErrors).toEqual([]);
    const wallets = (old.lago.data as any).wallets as Array<{ lago_id: string }>;
    expect(recordsOf(run.messages, 'wallets').map((w) => w.lago_id).sort()).toEqual(wallets.map((w) => w.lago_id).sort());
    const perCustomer = old.requestsTo('/wallets').filter((r) => r.query.get('external_customer_id'));
    expect(perCustomer.length).toBeGreaterThan(0);
    expect(run.messages.some((m) => m.type === 'LOG' && /per customer/.test(m.log.message))).toBe(true);
    expect(statusesOf(run.messages, 'wallet_transactions')).toEqual(['STARTED', 'RUNNING', 'COMPLETE']);
  } finally {
    await old.stop();
  }
});

test('a server that repeats a page number stops the stream with a clear error instead of looping', async () => {
  harness.lago.addFault({
    path: '/api/v1/taxes',
    when: ({ query }) => query.get('page') === '2',
    status: 200,
    body: { taxes: [{ lago_id: 'x-1', code: 'x', name: 'x', rate: 1, applied_to_organization: false, created_at: '2025-01-01T00:00:00Z' }], meta: { current_page: 2, next_page: 2, prev_page: 1, total_pages: 3, total_count: 201 } },
  });
  const small = harness.lago.data as any;
  const padding = small.taxes.length;
  try {
    // Enough taxes for a second page.
    for (let i = 0; i < 120; i += 1) small.taxes.push({ ...small.taxes[0], lago_id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, code: `pad_${i}` });
    const run = await harness.read(['taxes', 'coupons']);
    expect(run.code).toBe(1);
    expect(statusesOf(run.messages, 'taxes')).toEqual(['STARTED', 'RUNNING', 'INCOMPLETE']);
    const [error] = tracesOf(run.messages, 'ERROR');
    expect(error.error.stream_descriptor).toEqual({ name: 'taxes' });
    expect(error.error.message).toMatch(/next_page \(2\) does not move past page 2/);
    // The other streams go on.
    expect(statusesOf(run.messages, 'coupons')).toEqual(['STARTED', 'RUNNING', 'COMPLETE']);
    expect(harness.requestsTo('/taxes').length).toBeLessThan(5);
  } finally {
    harness.lago.clearFaults();
    small.taxes.splice(padding);
  }
});

test('a refused key mid-read fails the stream with config_error and stops the sync', async () => {
  const run = await harness.read(['customers', 'plans', 'coupons'], { config: { api_key: 'not-the-key-000' } });
  expect(run.code).toBe(1);
  const errors = tracesOf(run.messages, 'ERROR');
  expect(errors).toHaveLength(1);
  expect(errors[0].error.failure_type).toBe('config_error');
  expect(errors[0].error.message).toMatch(/refused the API key/);
  expect(statusesOf(run.messages, 'plans')).toEqual([]);
});
