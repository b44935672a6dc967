// What lago-api does that a connector must get right beyond field lists: subscriptions of every status on every
// version, keys that neither merge nor duplicate, usage periods, credit notes that arrive late, and custom streams
// on known lists. Read through the real CLI against the fake Lago.
import { HEAD, atLeast } from './fake-lago/lago-version.js';
import { recordsOf, statesOf } from './helpers/cli.js';
import { Harness, type CheckedRun } from './helpers/harness.js';
import { loadStreamSchema } from './helpers/schemas.js';

type Row = Record<string, any>;
const keys = (records: Row[], fields: string[]) => records.map((r) => JSON.stringify(fields.map((f) => r[f])));
const expectClean = (run: CheckedRun) => expect({ code: run.code, protocolErrors: run.protocolErrors, leakedKey: run.leakedKey }).toEqual({ code: 0, protocolErrors: [], leakedKey: false });

describe.each([
  [HEAD, 'incomplete is a status'],
  ['1.40.0', 'an unknown status drops the filter'],
  ['1.30.0', 'an unknown status means active only'],
])('subscriptions on Lago %s (%s)', (lagoVersion) => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await Harness.start({ lagoVersion, counts: { subscriptions: 120 } });
  });
  afterAll(() => harness.stop());

  test('every subscription of every status this Lago has is read, once', async () => {
    const run = await harness.read(['subscriptions']);
    expectClean(run);
    const hasIncomplete = atLeast(lagoVersion, '1.45.2');
    const expected = harness.rows('subscriptions').filter((s) => hasIncomplete || s.status !== 'incomplete');
    const records = recordsOf(run.messages, 'subscriptions');
    expect(records.map((s) => s.lago_id).sort()).toEqual(expected.map((s) => s.lago_id).sort());
    expect(new Set(records.map((s) => s.status))).toEqual(new Set(['active', 'pending', 'terminated', 'canceled', ...(hasIncomplete ? ['incomplete'] : [])]));
  });

  test('a filter on incomplete alone reads only incomplete subscriptions', async () => {
    const run = await harness.read(['subscriptions'], { config: { filters: { subscriptions: { status: ['incomplete'] } } } });
    expectClean(run);
    const records = recordsOf(run.messages, 'subscriptions');
    expect(records.every((s) => s.status === 'incomplete')).toBe(true);
    expect(records.length > 0).toBe(atLeast(lagoVersion, '1.45.2'));
  });
});

describe('keys', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await Harness.start({ counts: { events: 60, subscriptions: 60 } });
  });
  afterAll(() => harness.stop());

  test('events: a re-send is one record, events that bill apart stay apart, legacy events without a subscription id too', async () => {
    const events = harness.rows('events');
    const [a, b] = [events[0]!, events[1]!];
    const added = [
      // ClickHouse keeps every re-send (same code, subscription, timestamp and transaction id): billed once.
      { ...a, lago_id: 'resend-of-a' },
      // Same transaction id at another timestamp: billed apart on ClickHouse.
      { ...a, lago_id: 'a-later', timestamp: new Date(Date.parse(a.timestamp) + 1000).toISOString() },
      // Legacy events sent with a customer id only (before v1.7.0) may have no external_subscription_id.
      { ...b, lago_id: 'legacy-1', external_subscription_id: null, transaction_id: 'legacy-txn-1' },
      { ...b, lago_id: 'legacy-2', external_subscription_id: null, transaction_id: 'legacy-txn-2' },
      { ...b, lago_id: 'legacy-1-resend', external_subscription_id: null, transaction_id: 'legacy-txn-1' },
    ];
    for (const event of added) events.push(event);
    try {
      const run = await harness.read(['events']);
      expectClean(run);
      const key = ['external_subscription_id', 'code', 'timestamp', 'transaction_id'];
      const records = recordsOf(run.messages, 'events');
      const emitted = keys(records, key);
      expect(new Set(emitted).size).toBe(emitted.length);
      expect(emitted.sort()).toEqual([...new Set(keys(events, key))].sort());
      expect(records.filter((r) => r.external_subscription_id === null).map((r) => r.transaction_id).sort()).toEqual(['legacy-txn-1', 'legacy-txn-2']);
      expect(records.filter((r) => r.transaction_id === a.transaction_id && r.external_subscription_id === a.external_subscription_id)).toHaveLength(2);
    } finally {
      events.splice(events.length - added.length, added.length);
    }
  });

  test('customer_usage_past: one request per distinct (customer, subscription id), every usage period kept', async () => {
    const subscriptions = harness.rows('subscriptions');
    // A plan change: Lago keeps the external_id on the new subscription (app/services/subscriptions/plan_upgrade_service.rb).
    const source = subscriptions.find((s) => s.status === 'active')!;
    subscriptions.push({ ...source, lago_id: 'before-upgrade', status: 'terminated', terminated_at: source.started_at });
    try {
      const run = await harness.read(['customer_usage_past']);
      expectClean(run);
      const pairs = new Set(subscriptions.filter((s) => s.status !== 'incomplete').map((s) => `${s.external_customer_id}|${s.external_id}`));
      const asked = harness.requestsTo(/\/past_usage$/).filter((r) => r.query.get('page') === '1');
      expect(asked.map((r) => `${decodeURIComponent(r.path.split('/')[4]!)}|${r.query.get('external_subscription_id')}`).sort()).toEqual([...pairs].sort());
      const records = recordsOf(run.messages, 'customer_usage_past');
      const periods = keys(records, ['external_subscription_id', 'from_datetime', 'lago_invoice_id']);
      expect(new Set(periods).size).toBe(periods.length);
      // Regenerated and progressive-billing invoices repeat a period's start: both periods are kept.
      const starts = keys(records, ['external_subscription_id', 'from_datetime']);
      expect(new Set(starts).size).toBeLessThan(starts.length);
    } finally {
      subscriptions.pop();
    }
  });
});

describe('credit notes finalized after the lookback window', () => {
  const NOW = '2026-11-21T00:00:00.000Z';
  const env = { SOURCE_LAGO_NOW: NOW };
  const config = { start_date: '2025-01-01', lookback_window_days: 3 };
  let harness: Harness;
  beforeAll(async () => {
    harness = await Harness.start({ counts: { credit_notes: 20, invoices: 80 } });
  });
  afterAll(() => harness.stop());

  test('are read by the next incremental sync, whatever the grace period', async () => {
    const invoices = harness.rows('invoices');
    const creditNotes = harness.rows('credit_notes');
    // A draft invoice created on 2026-10-01 (a long grace period), with a credit note of 2026-10-02: a draft too,
    // so not listed (app/queries/credit_notes_query.rb lists finalized ones only).
    const draftIndex = invoices.push({ ...invoices[0], lago_id: 'long-draft', status: 'draft', created_at: '2026-10-01T09:00:00Z', issuing_date: '2026-10-01' }) - 1;
    const first = await harness.read(['credit_notes'], { syncMode: 'incremental', state: [], config, env });
    expectClean(first);
    const earliestDraft = invoices.filter((i) => i.status === 'draft').map((i) => i.created_at.slice(0, 10)).sort()[0];
    const saved = statesOf(first.messages, 'credit_notes').at(-1)!;
    expect(saved.stream.stream_state.issuing_date).toBe('2026-11-21');
    expect(saved.stream.stream_state.draft_invoices_since).toBe(new Date(Date.parse(`${earliestDraft}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10));
    expect(harness.requestsTo('/invoices').some((r) => r.query.get('status') === 'draft' && r.query.getAll('statuses[]').join() === 'draft')).toBe(true);

    // Weeks later the invoice is finalized, and its credit note with it, keeping its creation-day issuing_date.
    invoices[draftIndex] = { ...invoices[draftIndex], status: 'finalized' };
    creditNotes.push({ ...creditNotes[0], lago_id: 'late-credit-note', issuing_date: '2026-10-02', created_at: '2026-10-02T10:00:00Z' });
    try {
      const input = [{ type: 'STREAM', stream: saved.stream }];
      const second = await harness.read(['credit_notes'], { syncMode: 'incremental', state: input, config, env });
      expectClean(second);
      expect(recordsOf(second.messages, 'credit_notes').map((c) => c.lago_id)).toContain('late-credit-note');
      // Control: the cursor and the lookback alone would not have read it.
      const { draft_invoices_since: _, ...cursorOnly } = saved.stream.stream_state;
      const blind = await harness.read(['credit_notes'], { syncMode: 'incremental', state: [{ type: 'STREAM', stream: { ...saved.stream, stream_state: cursorOnly } }], config, env });
      expect(recordsOf(blind.messages, 'credit_notes').map((c) => c.lago_id)).not.toContain('late-credit-note');
    } finally {
      creditNotes.pop();
      invoices.splice(draftIndex, 1);
    }
  });
});

describe('custom streams on one of Lago\'s lists', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await Harness.start();
  });
  afterAll(() => harness.stop());

  test('get that list\'s schema when they give none, even when a sample would be empty', async () => {
    const config = {
      custom_streams: [
        { name: 'finalized_invoices', path: '/invoices?status=finalized' },
        { name: 'nobodys_invoices', path: '/invoices?external_customer_id=nobody', records_path: '$.invoices[*]' },
        { name: 'invoices_per_customer', path: '/customers/{external_id}/invoices', parent_stream: 'customers' },
        { name: 'invoice_fees', path: '/invoices', records_path: '$.invoices[*].fees[*]' },
      ],
    };
    const run = await harness.run(['discover', '--config', await harness.configFile(config)]);
    expect(run.code).toBe(0);
    expect(run.protocolErrors).toEqual([]);
    const byName = Object.fromEntries(run.messages[0].catalog.streams.map((s: Row) => [s.name, s.json_schema]));
    const invoiceFields = Object.keys((loadStreamSchema('invoices') as Row).properties);
    for (const name of ['finalized_invoices', 'nobodys_invoices', 'invoices_per_customer']) {
      expect(Object.keys(byName[name].properties)).toEqual(expect.arrayContaining(invoiceFields));
    }
    expect(byName.invoices_per_customer.properties._parent).toMatchObject({ type: 'object' });
    // Records taken from elsewhere in the answer are not the list's items: their schema is inferred.
    expect(Object.keys(byName.invoice_fees.properties ?? {})).not.toEqual(expect.arrayContaining(invoiceFields));
  });
});
