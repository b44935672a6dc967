import { recordsOf, statesOf, tracesOf } from './helpers/cli.js';
import { Harness, type CheckedRun } from './helpers/harness.js';

/** Incremental sync of events and invoices: slices, checkpoints, lookback, resume, boundaries. */

const NOW = '2026-11-21T00:00:00.000Z';
const DAY = 86_400_000;
const env = { SOURCE_LAGO_NOW: NOW };
const base = { start_date: '2025-01-01', slice_size: 'month', lookback_window_days: 2 };

let harness: Harness;
beforeAll(async () => {
  harness = await Harness.start({ counts: { events: 600, invoices: 180 } });
});
afterAll(() => harness.stop());
beforeEach(() => {
  harness.lago.requests.length = 0;
});

type Row = Record<string, any>;
const rows = (name: string) => (harness.lago.data as unknown as Record<string, Row[]>)[name]!;
const eventKey = (e: Row) => `${e.external_subscription_id}|${e.transaction_id}`;
const finalState = (run: CheckedRun, stream: string) => statesOf(run.messages, stream).at(-1)!;
const stateInput = (...states: any[]) => states.map((state) => ({ type: state.type, stream: state.stream }));

test('discover advertises incremental with a source-defined cursor for events, invoices and credit notes', async () => {
  const run = await harness.run(['discover', '--config', await harness.configFile()]);
  const streams = Object.fromEntries(run.messages[0].catalog.streams.map((s: any) => [s.name, s]));
  expect(streams.events).toMatchObject({ supported_sync_modes: ['full_refresh', 'incremental'], source_defined_cursor: true, default_cursor_field: ['timestamp'] });
  expect(streams.invoices).toMatchObject({ source_defined_cursor: true, default_cursor_field: ['issuing_date'] });
  expect(streams.credit_notes).toMatchObject({ source_defined_cursor: true, default_cursor_field: ['issuing_date'] });
  expect(streams.customers.supported_sync_modes).toEqual(['full_refresh']);
});

test('a first sync reads the whole range in slices, oldest first, each event once, with a state after each slice', async () => {
  const run = await harness.read(['events', 'invoices'], { syncMode: 'incremental', state: [], config: base, env });
  expect(run.code).toBe(0);
  expect(run.protocolErrors).toEqual([]);
  expect(recordsOf(run.messages, 'events').map(eventKey).sort()).toEqual(rows('events').map(eventKey).sort());
  expect(recordsOf(run.messages, 'invoices').map((i) => i.lago_id).sort()).toEqual(rows('invoices').map((i) => i.lago_id).sort());

  const eventStates = statesOf(run.messages, 'events').map((s) => s.stream.stream_state.timestamp);
  expect(eventStates.length).toBeGreaterThan(5);
  expect([...eventStates].sort()).toEqual(eventStates);
  expect(eventStates.at(-1)).toBe(NOW);
  // Dates for invoices; the day in progress is not "done", so the cursor stops at its start.
  const invoiceStates = statesOf(run.messages, 'invoices').map((s) => s.stream.stream_state.issuing_date);
  expect(invoiceStates.at(-1)).toBe('2026-11-21');
  const queries = harness.requestsTo('/invoices').filter((r) => r.query.get('per_page') === '100').map((r) => [r.query.get('issuing_date_from'), r.query.get('issuing_date_to')]);
  expect(queries[0]).toEqual(['2025-01-01', '2025-01-31']);
  expect(queries.every(([from, to]) => /^\d{4}-\d{2}-\d{2}$/.test(from!) && /^\d{4}-\d{2}-\d{2}$/.test(to!))).toBe(true);
  const eventQueries = harness.requestsTo('/events').filter((r) => r.query.get('per_page') === '100').map((r) => r.query.get('timestamp_from'));
  expect(eventQueries[0]).toBe('2025-01-01T00:00:00.000Z');
});

test('a second sync from the final state returns only records inside the lookback window', async () => {
  const first = await harness.read(['events'], { syncMode: 'incremental', state: [], config: base, env });
  const state = finalState(first, 'events');
  const second = await harness.read(['events'], { syncMode: 'incremental', state: stateInput(state), config: base, env });
  expect(second.code).toBe(0);
  const since = Date.parse(NOW) - 2 * DAY;
  const expected = rows('events').filter((e) => Date.parse(e.timestamp) >= since).map(eventKey).sort();
  expect(recordsOf(second.messages, 'events').map(eventKey).sort()).toEqual(expected);
  expect(recordsOf(second.messages, 'events').length).toBeLessThan(recordsOf(first.messages, 'events').length);
});

test('records added between syncs are picked up, including a late event inside the lookback window', async () => {
  const first = await harness.read(['events'], { syncMode: 'incremental', state: [], config: base, env });
  const template = rows('events')[0]!;
  const later = '2026-11-22T00:00:00.000Z';
  const fresh = { ...template, lago_id: null, transaction_id: 'tx-new-after-first-sync', timestamp: '2026-11-21T10:00:00.000Z' };
  const late = { ...template, lago_id: null, transaction_id: 'tx-late-inside-lookback', timestamp: '2026-11-20T06:00:00.000Z' };
  const tooLate = { ...template, lago_id: null, transaction_id: 'tx-late-outside-lookback', timestamp: '2026-10-01T06:00:00.000Z' };
  rows('events').push(fresh, late, tooLate);
  try {
    const second = await harness.read(['events'], { syncMode: 'incremental', state: stateInput(finalState(first, 'events')), config: base, env: { SOURCE_LAGO_NOW: later } });
    const ids = recordsOf(second.messages, 'events').map((e) => e.transaction_id);
    expect(ids).toContain('tx-new-after-first-sync');
    expect(ids).toContain('tx-late-inside-lookback');
    // Outside the lookback window: the documented trade-off.
    expect(ids).not.toContain('tx-late-outside-lookback');
    expect(finalState(second, 'events').stream.stream_state.timestamp).toBe(later);
  } finally {
    rows('events').splice(-3);
  }
});

test('a record exactly on a slice boundary is emitted exactly once', async () => {
  // Learn where the slices meet from a first run, then put records exactly there.
  const probe = await harness.read(['events', 'invoices'], { syncMode: 'incremental', state: [], config: base, env });
  expect(probe.code).toBe(0);
  const dataRequests = (path: string) => harness.requestsTo(path).filter((r) => r.query.get('per_page') === '100');
  const boundary = dataRequests('/events')[1]!.query.get('timestamp_from')!;
  const invoiceBoundary = dataRequests('/invoices')[1]!.query.get('issuing_date_from')!;
  const dayBefore = new Date(Date.parse(`${invoiceBoundary}T00:00:00Z`) - DAY).toISOString().slice(0, 10);
  const template = rows('events')[0]!;
  const onBoundary = { ...template, transaction_id: 'tx-on-boundary', timestamp: boundary };
  const invoiceTemplate = rows('invoices')[0]!;
  const lastDay = { ...invoiceTemplate, lago_id: '00000000-0000-4000-8000-00000000aaaa', issuing_date: dayBefore };
  const firstDay = { ...invoiceTemplate, lago_id: '00000000-0000-4000-8000-00000000bbbb', issuing_date: invoiceBoundary };
  rows('events').push(onBoundary);
  rows('invoices').push(lastDay, firstDay);
  harness.lago.requests.length = 0;
  try {
    const run = await harness.read(['events', 'invoices'], { syncMode: 'incremental', state: [], config: base, env });
    expect(recordsOf(run.messages, 'events').filter((e) => e.transaction_id === 'tx-on-boundary')).toHaveLength(1);
    // Lago includes both ends of a time range: the two slices that meet there both ask for it.
    const covering = dataRequests('/events').filter((r) => r.query.get('timestamp_to') === boundary || r.query.get('timestamp_from') === boundary);
    expect(covering).toHaveLength(2);
    // Dates do not overlap: one slice ends the day before the next begins.
    const invoiceIds = recordsOf(run.messages, 'invoices').map((i) => i.lago_id);
    expect(invoiceIds.filter((id) => id === lastDay.lago_id)).toHaveLength(1);
    expect(invoiceIds.filter((id) => id === firstDay.lago_id)).toHaveLength(1);
    expect(dataRequests('/invoices').some((r) => r.query.get('issuing_date_to') === dayBefore)).toBe(true);
  } finally {
    rows('events').splice(-1);
    rows('invoices').splice(-2);
  }
});

test('killed mid-sync and resumed from the last state, the union of both runs equals one uninterrupted run', async () => {
  const config = { ...base, slice_size: 'week' };
  const full = await harness.read(['events'], { syncMode: 'incremental', state: [], config, env });
  const expected = new Set(recordsOf(full.messages, 'events').map(eventKey));

  harness.lago.latencyMs = 25;
  let statesSeen = 0;
  let lastState: any;
  const interrupted = await harness.read(['events'], {
    syncMode: 'incremental',
    state: [],
    config,
    env,
    onStdoutLine: (line, child) => {
      const message = JSON.parse(line);
      if (message.type !== 'STATE') return;
      lastState = message.state;
      statesSeen += 1;
      if (statesSeen === 3) child.kill('SIGKILL');
    },
  });
  harness.lago.latencyMs = 0;
  expect(interrupted.signal).toBe('SIGKILL');
  expect(lastState.stream.stream_state.timestamp < NOW).toBe(true);
  const resumed = await harness.read(['events'], { syncMode: 'incremental', state: stateInput(lastState), config, env });
  expect(resumed.code).toBe(0);
  const union = new Set([...recordsOf(interrupted.messages, 'events'), ...recordsOf(resumed.messages, 'events')].map(eventKey));
  expect([...union].sort()).toEqual([...expected].sort());
  expect(recordsOf(resumed.messages, 'events').length).toBeLessThan(expected.size);
});

test('reads from intermediate states return at least the records counted after them', async () => {
  const first = await harness.read(['invoices'], { syncMode: 'incremental', state: [], config: { ...base, lookback_window_days: 0 }, env });
  const states = statesOf(first.messages, 'invoices');
  for (const index of [Math.floor(states.length / 4), Math.floor(states.length / 2), states.length - 2]) {
    const countedAfter = states.slice(index + 1).reduce((sum, s) => sum + s.sourceStats.recordCount, 0);
    const run = await harness.read(['invoices'], { syncMode: 'incremental', state: stateInput(states[index]), config: { ...base, lookback_window_days: 0 }, env });
    expect(recordsOf(run.messages, 'invoices').length).toBeGreaterThanOrEqual(countedAfter);
  }
});

test('an abnormally large cursor yields zero records and still one state per stream', async () => {
  const state = [
    { type: 'STREAM', stream: { stream_descriptor: { name: 'events' }, stream_state: { timestamp: '2999-01-01T00:00:00Z' } } },
    { type: 'STREAM', stream: { stream_descriptor: { name: 'invoices' }, stream_state: { issuing_date: '2999-01-01' } } },
  ];
  const run = await harness.read(['events', 'invoices'], { syncMode: 'incremental', state, config: base, env });
  expect(run.code).toBe(0);
  expect(recordsOf(run.messages, 'events')).toEqual([]);
  expect(recordsOf(run.messages, 'invoices')).toEqual([]);
  expect(statesOf(run.messages, 'events')).toHaveLength(1);
  expect(statesOf(run.messages, 'invoices')).toHaveLength(1);
  expect(statesOf(run.messages, 'events')[0].stream.stream_state).toEqual({ timestamp: '2999-01-01T00:00:00.000Z' });
});

test('state as Airbyte\'s UI writes it (camelCase, wrapped) and with nulls is understood', async () => {
  const ui = { stateType: 'stream', streamState: [{ streamDescriptor: { name: 'invoices' }, streamState: { issuing_date: '2026-11-01' } }], globalState: null };
  const run = await harness.read(['invoices'], { syncMode: 'incremental', state: ui, config: { ...base, lookback_window_days: 0 }, env });
  expect(run.code).toBe(0);
  for (const invoice of recordsOf(run.messages, 'invoices')) expect(invoice.issuing_date >= '2026-11-01').toBe(true);
  const withNulls = [null, { type: 'STREAM', stream: { stream_descriptor: { name: 'invoices' }, stream_state: null } }];
  const run2 = await harness.read(['invoices'], { syncMode: 'incremental', state: withNulls, config: base, env });
  expect(run2.code).toBe(0);
  expect(recordsOf(run2.messages, 'invoices')).toHaveLength(rows('invoices').length);
});

test('a cursor that is not a date is a config_error naming the file, stream and field', async () => {
  const state = [{ type: 'STREAM', stream: { stream_descriptor: { name: 'invoices' }, stream_state: { issuing_date: 'last tuesday' } } }];
  const run = await harness.read(['invoices'], { syncMode: 'incremental', state, config: base, env });
  expect(run.code).toBe(1);
  const [error] = tracesOf(run.messages, 'ERROR');
  expect(error.error.failure_type).toBe('config_error');
  expect(error.error.message).toMatch(/state.*invoices.*issuing_date.*"last tuesday".*YYYY-MM-DD/);
});

test('full refresh of a cursor stream ignores saved state and reads everything', async () => {
  const state = [{ type: 'STREAM', stream: { stream_descriptor: { name: 'invoices' }, stream_state: { issuing_date: '2999-01-01' } } }];
  const run = await harness.read(['invoices'], { syncMode: 'full_refresh', state, config: base, env });
  expect(recordsOf(run.messages, 'invoices')).toHaveLength(rows('invoices').length);
});
