// Singer mode as singer-sdk taps behave, through the built tap-lago against the fake Lago server:
// - metadata and selection at every depth (singer_sdk/singerlib/catalog.py MetadataMapping.get_standard_metadata,
//   _breadcrumb_is_selected; singer_sdk/helpers/_catalog.py _pop_deselected_schema, pop_deselected_record_properties);
// - ACTIVATE_VERSION for FULL_TABLE streams, checked against target-postgres' handling of it (MeltanoLabs/target-postgres
//   target_postgres/sinks.py PostgresSink.activate_version; singer_sdk/sinks/core.py stores RECORD.version as
//   _sdc_table_version);
// - singer-sdk's bookmarks (singer_sdk/helpers/_state.py, streams/_state.py write_starting_replication_value) read as ours.
import { Harness } from './helpers/harness.js';
import { type BinRun, discoveredTap, SINGER_NOW, tap } from './helpers/tap.js';

const NOW = SINGER_NOW;
const DAY = 86_400_000;
const BASE = { start_date: '2025-01-01', slice_size: 'month', lookback_window_days: 2 };

type Run = BinRun;

type Row = Record<string, any>;
const ofType = (run: Run, type: string, stream?: string) => run.messages.filter((m) => m.type === type && (stream === undefined || m.stream === stream));
const recordsOf = (run: Run, stream: string) => ofType(run, 'RECORD', stream).map((m) => m.record as Row);
const schemaOf = (run: Run, stream: string) => ofType(run, 'SCHEMA', stream)[0].schema;
const lastState = (run: Run) => ofType(run, 'STATE').at(-1)?.value;
const eventKey = (e: Row) => `${e.external_subscription_id}|${e.transaction_id}`;
const crumb = (path: string) => (path === '' ? [] : path.split('.').flatMap((name) => ['properties', name]));

/**
 * The discovered catalog with only `streams` selected (breadcrumb [] "selected": true, as Meltano writes it), and the
 * metadata given per dotted property path merged into (or added to) theirs.
 */
function configure(catalog: any, streams: Record<string, Record<string, Record<string, unknown>>>): any {
  const copy = structuredClone(catalog);
  for (const entry of copy.streams) {
    const wanted = streams[entry.tap_stream_id];
    const byCrumb = new Map<string, any>(entry.metadata.map((m: any) => [JSON.stringify(m.breadcrumb), m]));
    byCrumb.get('[]').metadata.selected = Boolean(wanted);
    for (const [path, values] of Object.entries(wanted ?? {})) {
      const key = JSON.stringify(crumb(path));
      if (byCrumb.has(key)) Object.assign(byCrumb.get(key).metadata, values);
      else entry.metadata.push({ breadcrumb: crumb(path), metadata: values });
    }
  }
  return copy;
}

let harness: Harness;
let catalog: any;
const file = (prefix: string, value: unknown) => harness.files.write(`${prefix}-${Math.random().toString(36).slice(2)}.json`, value);
const sync = async (selected: any, options: { config?: Record<string, unknown>; state?: unknown } = {}) => {
  const args = ['--config', await harness.configFile({ ...BASE, ...options.config }), '--catalog', await file('catalog', selected)];
  if (options.state !== undefined) args.push('--state', await file('state', options.state));
  return tap(args);
};

discoveredTap({ customers: 35, events: 200, invoices: 40 }, BASE, (started, discovered) => {
  harness = started;
  catalog = discovered;
});

describe('--discover: a breadcrumb for every property at every depth (MetadataMapping.get_standard_metadata)', () => {
  /** Property paths of a schema where singer-sdk's _add_subfield_metadata goes: into `properties`, not array items. */
  const paths = (schema: any, prefix: string[] = []): string[][] =>
    Object.entries(schema.properties ?? {}).flatMap(([name, child]: [string, any]) => [[...prefix, name], ...(child && child.properties ? paths(child, [...prefix, name]) : [])]);

  test('every stream: exactly [] and one breadcrumb per property path; nested ones "available", each after its parent', () => {
    let nested = 0;
    for (const entry of catalog.streams) {
      const crumbs = entry.metadata.map((m: any) => JSON.stringify(m.breadcrumb));
      expect(crumbs.sort()).toEqual(['[]', ...paths(entry.schema).map((path) => JSON.stringify(path.flatMap((name) => ['properties', name])))].sort());
      for (const [index, item] of entry.metadata.entries()) {
        if (item.breadcrumb.length <= 2) continue;
        nested += 1;
        expect(item.metadata.inclusion).toBe('available');
        const parent = JSON.stringify(item.breadcrumb.slice(0, -2));
        expect(entry.metadata.findIndex((m: any) => JSON.stringify(m.breadcrumb) === parent)).toBeLessThan(index);
      }
    }
    expect(nested).toBeGreaterThan(20);
  });

  test('e.g. customers.billing_configuration.invoice_grace_period, and three deep in invoices.customer', () => {
    const crumbs = (name: string) => catalog.streams.find((s: any) => s.tap_stream_id === name).metadata.map((m: any) => m.breadcrumb);
    expect(crumbs('customers')).toContainEqual(['properties', 'billing_configuration', 'properties', 'invoice_grace_period']);
    expect(crumbs('invoices')).toContainEqual(['properties', 'customer', 'properties', 'billing_configuration', 'properties', 'invoice_grace_period']);
  });
});

describe('selection at any depth (pop_deselected_schema / pop_deselected_record_properties)', () => {
  let baseline: Run;
  beforeAll(async () => {
    baseline = await sync(configure(catalog, { customers: {}, invoices: {} }));
    expect(baseline.code).toBe(0);
  });

  test('a deselected nested property leaves the SCHEMA and every RECORD; its siblings and the rest stay exactly as they were', async () => {
    const run = await sync(
      configure(catalog, {
        customers: { email: { selected: false }, 'billing_configuration.invoice_grace_period': { selected: false }, shipping_address: { selected: false } },
        invoices: { 'customer.billing_configuration.document_locale': { selected: false } },
      }),
    );
    expect(run.code).toBe(0);
    const customers = schemaOf(run, 'customers');
    expect(Object.keys(customers.properties)).not.toContain('email');
    expect(Object.keys(customers.properties)).not.toContain('shipping_address');
    expect(Object.keys(customers.properties.billing_configuration.properties)).not.toContain('invoice_grace_period');
    expect(Object.keys(customers.properties.billing_configuration.properties)).toContain('payment_provider');
    expect(Object.keys(schemaOf(run, 'invoices').properties.customer.properties.billing_configuration.properties)).not.toContain('document_locale');

    const expected = recordsOf(baseline, 'customers').map((record) => {
      const copy = structuredClone(record);
      delete copy.email;
      delete copy.shipping_address;
      delete copy.billing_configuration.invoice_grace_period;
      return copy;
    });
    expect(recordsOf(run, 'customers')).toEqual(expected);
    expect(expected.every((c) => 'payment_provider' in c.billing_configuration)).toBe(true);
    const invoices = recordsOf(run, 'invoices');
    expect(invoices).toHaveLength(recordsOf(baseline, 'invoices').length);
    for (const invoice of invoices) {
      expect(invoice.customer.billing_configuration).not.toHaveProperty('document_locale');
      expect(invoice.customer.billing_configuration).toHaveProperty('payment_provider');
    }
    expect(recordsOf(baseline, 'invoices').every((invoice) => 'document_locale' in invoice.customer.billing_configuration)).toBe(true);
  });

  test('a property selected inside a deselected parent is gone with it (the parent is looked at first, even for "automatic")', async () => {
    const run = await sync(configure(catalog, { customers: { shipping_address: { selected: false }, 'shipping_address.city': { selected: true }, 'shipping_address.zipcode': { inclusion: 'automatic' } } }));
    expect(run.code).toBe(0);
    expect(schemaOf(run, 'customers').properties).not.toHaveProperty('shipping_address');
    expect(recordsOf(run, 'customers').some((c) => 'shipping_address' in c)).toBe(false);
  });

  test('"inclusion": "unsupported" deselects even with "selected": true', async () => {
    const run = await sync(configure(catalog, { customers: { 'billing_configuration.payment_provider': { inclusion: 'unsupported', selected: true } } }));
    expect(recordsOf(run, 'customers').some((c) => 'payment_provider' in c.billing_configuration)).toBe(false);
    expect(schemaOf(run, 'customers').properties.billing_configuration.properties).not.toHaveProperty('payment_provider');
  });

  test('a deselected property is removed from its parent\'s "required", at the top and nested (a schema given in the catalog)', async () => {
    const chosen = configure(catalog, { customers: { email: { selected: false }, 'billing_configuration.invoice_grace_period': { selected: false } } });
    const entry = chosen.streams.find((s: any) => s.tap_stream_id === 'customers');
    entry.schema.required = ['lago_id', 'email'];
    entry.schema.properties.billing_configuration.required = ['invoice_grace_period', 'payment_provider'];
    const run = await sync(chosen);
    expect(run.code).toBe(0);
    const schema = schemaOf(run, 'customers');
    expect(schema.required).toEqual(['lago_id']);
    expect(schema.properties.billing_configuration.required).toEqual(['payment_provider']);
  });

  test('key and replication key properties cannot be deselected (kept as "automatic"), with a line when the catalog tried', async () => {
    const run = await sync(
      configure(catalog, { customers: { lago_id: { inclusion: 'available', selected: false } }, events: { timestamp: { inclusion: 'available', selected: false }, code: { selected: false } } }),
    );
    expect(run.code).toBe(0);
    expect(schemaOf(run, 'customers').properties).toHaveProperty('lago_id');
    expect(recordsOf(run, 'customers').every((c) => typeof c.lago_id === 'string')).toBe(true);
    expect(recordsOf(run, 'events').every((e) => typeof e.timestamp === 'string' && typeof e.code === 'string')).toBe(true);
    expect(run.stderr).toMatch(/INFO customers: lago_id is a key or replication key property \(inclusion automatic\): synced although deselected/);
    expect(run.stderr).toMatch(/INFO events: timestamp is a key or replication key property/);
  });

  test('a stream entry without metadata, or with an empty list, is selected; one with property metadata only is not', async () => {
    const chosen = configure(catalog, {});
    for (const entry of chosen.streams) {
      if (entry.tap_stream_id === 'plans') delete entry.metadata;
      if (entry.tap_stream_id === 'add_ons') entry.metadata = [];
      if (entry.tap_stream_id === 'taxes') entry.metadata = entry.metadata.filter((m: any) => m.breadcrumb.length > 0);
    }
    const run = await sync(chosen);
    expect(run.code).toBe(0);
    expect(ofType(run, 'SCHEMA').map((m) => m.stream).sort()).toEqual(['add_ons', 'plans']);
    expect(recordsOf(run, 'plans')).toHaveLength(harness.rows('plans').length);
  });
});

describe('singer-sdk bookmarks ({"replication_key": …, "replication_key_value": …}) read as ours', () => {
  const since = (value: string) => Date.parse(value) - 2 * DAY;
  const eventsFrom = (from: number) => harness.rows('events').filter((e) => Date.parse(e.timestamp) >= from).map(eventKey).sort();
  const eventsQueriedFrom = () => Math.min(...harness.requestsTo('/events').map((r) => Date.parse(r.query.get('timestamp_from') ?? '')).filter((t) => !Number.isNaN(t)));
  const onlyEvents = () => configure(catalog, { events: {} });

  test('events by timestamp (singer-sdk writes +00:00 offsets): read from the bookmark less the lookback; STATE in our shape; no warning', async () => {
    const value = '2026-11-10T12:00:00+00:00';
    const run = await sync(onlyEvents(), { state: { bookmarks: { events: { replication_key: 'timestamp', replication_key_value: value } } } });
    expect(run.code).toBe(0);
    expect(recordsOf(run, 'events').map(eventKey).sort()).toEqual(eventsFrom(since(value)));
    expect(recordsOf(run, 'events').length).toBeLessThan(harness.rows('events').length);
    expect(eventsQueriedFrom()).toBe(since(value));
    expect(lastState(run)).toEqual({ bookmarks: { events: { timestamp: NOW } } });
    expect(run.stderr).not.toMatch(/^WARN/m);
  });

  test('invoices by issuing_date (a date cursor), wrapped the way Meltano stores it', async () => {
    const run = await sync(configure(catalog, { invoices: {} }), { state: { singer_state: { bookmarks: { invoices: { replication_key: 'issuing_date', replication_key_value: '2026-09-01' } } } } });
    expect(run.code).toBe(0);
    const from = new Date(since('2026-09-01T00:00:00Z')).toISOString().slice(0, 10);
    expect(harness.requestsTo('/invoices').every((r) => (r.query.get('issuing_date_from') ?? '9999') >= from)).toBe(true);
    expect(recordsOf(run, 'invoices').every((i) => i.issuing_date >= from)).toBe(true);
    expect(recordsOf(run, 'invoices').length).toBeLessThan(harness.rows('invoices').length);
    expect(lastState(run).bookmarks.invoices).toEqual({ issuing_date: '2026-11-21' });
  });

  test('partitions: read from the earliest of them (the stream is read as one); transient keys and progress markers are left out', async () => {
    const bookmark = {
      partitions: [
        { context: { external_subscription_id: 'a' }, replication_key: 'timestamp', replication_key_value: '2026-11-15T00:00:00Z' },
        { context: { external_subscription_id: 'b' }, replication_key: 'timestamp', replication_key_value: '2026-11-05T00:00:00Z', progress_markers: { Note: 'Progress is not resumable if interrupted.' } },
      ],
      starting_replication_value: '2026-01-01T00:00:00Z',
    };
    const run = await sync(onlyEvents(), { state: { bookmarks: { events: bookmark } } });
    expect(run.code).toBe(0);
    expect(eventsQueriedFrom()).toBe(since('2026-11-05T00:00:00Z'));
    expect(recordsOf(run, 'events').map(eventKey).sort()).toEqual(eventsFrom(since('2026-11-05T00:00:00Z')));
    expect(run.stderr).not.toMatch(/^WARN/m);
  });

  test.each([
    ['another replication key', { replication_key: 'created_at', replication_key_value: '2026-11-10T00:00:00Z' }, /replication_key "created_at"; expected replication_key "timestamp"/],
    ['no replication key', { replication_key_value: '2026-11-10T00:00:00Z' }, /replication_key null; expected replication_key "timestamp"/],
    ['a value that is not a date', { replication_key: 'timestamp', replication_key_value: 'last tuesday' }, /replication_key_value "last tuesday" is not a date; expected .*ISO 8601 date-time/],
    ['a number', { replication_key: 'timestamp', replication_key_value: 1762732800 }, /replication_key_value 1762732800 is not a date/],
    ['a partition without a value', { partitions: [{ context: { a: 1 }, replication_key: 'timestamp', replication_key_value: '2026-11-10T00:00:00Z' }, { context: { a: 2 } }] }, /replication_key null in partition 1 \(context \{"a":2\}\)/],
    ['only the progress markers of an interrupted sync', { progress_markers: { Note: 'Progress is not resumable if interrupted.', replication_key: 'timestamp', replication_key_value: '2026-11-10T00:00:00Z' } }, /no replication_key_value \(progress_markers .* not resumable/],
  ])('%s: a WARN naming the stream and what was expected; read from start_date; then replaced by our own bookmark', async (_, bookmark, problem) => {
    const run = await sync(onlyEvents(), { state: { bookmarks: { events: bookmark } } });
    expect(run.code).toBe(0);
    const warnings = run.stderr.split('\n').filter((line) => line.startsWith('WARN'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^WARN State file .*: stream events: singer-sdk bookmark cannot be used: /);
    expect(warnings[0]).toMatch(problem);
    expect(warnings[0]).toMatch(/events is read as without a bookmark \(from start_date\)/);
    expect(recordsOf(run, 'events').map(eventKey).sort()).toEqual(eventsFrom(Date.parse(BASE.start_date)));
    expect(lastState(run)).toEqual({ bookmarks: { events: { timestamp: NOW } } });
  });

  test('bookmarks of streams not synced: a usable one comes back in our shape, an unusable one as it was, with its WARN', async () => {
    const unusable = { replication_key: 'created_at', replication_key_value: '2026-11-10T00:00:00Z' };
    const customers = { replication_key: 'updated_at', replication_key_value: '2026-11-10T00:00:00Z' };
    const state = { bookmarks: { events: { replication_key: 'timestamp', replication_key_value: '2026-11-10T00:00:00Z' }, credit_notes: unusable, customers } };
    const run = await sync(configure(catalog, { taxes: {} }), { state });
    expect(run.code).toBe(0);
    expect(lastState(run)).toEqual({ bookmarks: { events: { timestamp: '2026-11-10T00:00:00.000Z' }, credit_notes: unusable, customers } });
    expect(run.stderr).toMatch(/^WARN .*stream credit_notes: singer-sdk bookmark cannot be used: replication_key "created_at"; expected replication_key "issuing_date" and a YYYY-MM-DD date/m);
    expect(run.stderr).toMatch(/^WARN .*stream customers: singer-sdk bookmark cannot be used: customers has no replication key \(FULL_TABLE only\).*It is handed back as it is\.$/m);
  });

  test('our own shape is still ours: a bad value in it stops the sync before any output, as before', async () => {
    const run = await sync(onlyEvents(), { state: { bookmarks: { events: { timestamp: 'yesterday' } } } });
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
  });
});

/**
 * A table as target-postgres keeps it: every RECORD upserted by key with its version as _sdc_table_version
 * (singer_sdk/sinks/core.py), and on ACTIVATE_VERSION v, once the table exists, every row whose _sdc_table_version is
 * null or below v deleted (hard_delete) or given an _sdc_deleted_at (sinks.py PostgresSink.activate_version).
 */
class TargetPostgresTable {
  readonly rows = new Map<string, Row>();
  constructor(private readonly hardDelete: boolean) {}

  load(run: Run, stream: string, key: string): void {
    for (const message of run.messages) {
      if (message.stream !== stream) continue;
      if (message.type === 'RECORD') this.rows.set(message.record[key], { ...message.record, _sdc_table_version: message.version ?? null, _sdc_deleted_at: null });
      if (message.type !== 'ACTIVATE_VERSION' || this.rows.size === 0) continue;
      for (const [id, row] of this.rows) {
        if (row._sdc_table_version !== null && row._sdc_table_version >= message.version) continue;
        if (this.hardDelete) this.rows.delete(id);
        else row._sdc_deleted_at ??= 'deleted';
      }
    }
  }

  live(): string[] {
    return [...this.rows].filter(([, row]) => row._sdc_deleted_at === null).map(([id]) => id).sort();
  }
}

describe('ACTIVATE_VERSION (emit_activate_version_messages) for FULL_TABLE streams', () => {
  const versioned = { emit_activate_version_messages: true, page_size: 10 };
  const chosen = () => configure(catalog, { customers: {}, events: {} });
  const ids = () => harness.rows('customers').map((c) => c.lago_id).sort();
  const types = (run: Run, stream: string) => run.messages.filter((m) => m.stream === stream).map((m) => m.type);

  test('off by default: no ACTIVATE_VERSION, no version on records, no version in the state', async () => {
    const run = await sync(chosen());
    expect(run.code).toBe(0);
    expect(ofType(run, 'ACTIVATE_VERSION')).toEqual([]);
    expect(ofType(run, 'RECORD').some((m) => 'version' in m)).toBe(false);
    expect(lastState(run).bookmarks.customers).toBeUndefined();
  });

  test('a table loaded before, a first versioned sync that fails, deletions in Lago, another failure: target-postgres ends with exactly Lago\'s rows', async () => {
    const soft = new TargetPostgresTable(false);
    const hard = new TargetPostgresTable(true);
    const failAtPage3 = () => harness.lago.addFault({ path: '/api/v1/customers', status: 500, when: ({ query }) => query.get('page') === '3' });

    // 0. The table as syncs without the option left it: rows with no version.
    const unversioned = await sync(chosen());
    expect(unversioned.code).toBe(0);
    soft.load(unversioned, 'customers', 'lago_id');
    hard.load(unversioned, 'customers', 'lago_id');
    expect([...hard.rows.keys()].sort()).toEqual(ids());

    // 1. The first versioned sync fails half-way: no ACTIVATE_VERSION at all (an opening one would have dropped
    //    every unversioned row before it was read again), so the target keeps every row.
    failAtPage3();
    const failedFirst = await sync(chosen(), { config: { ...versioned, max_retries: 0 } });
    harness.lago.clearFaults();
    expect(failedFirst.code).toBe(1);
    expect(failedFirst.stderr).toMatch(/INFO customers: no ACTIVATE_VERSION, the stream did not complete/);
    expect(ofType(failedFirst, 'ACTIVATE_VERSION')).toEqual([]);
    soft.load(failedFirst, 'customers', 'lago_id');
    hard.load(failedFirst, 'customers', 'lago_id');
    expect([...hard.rows.keys()].sort()).toEqual(ids());
    expect(soft.live()).toEqual(ids());

    // 2. A good versioned sync: every RECORD at v1, then one ACTIVATE_VERSION v1 after the last record.
    const before = Date.now();
    const first = await sync(chosen(), { config: versioned, state: lastState(failedFirst) });
    expect(first.code).toBe(0);
    const v1 = ofType(first, 'ACTIVATE_VERSION', 'customers')[0]?.version;
    expect(v1).toBeGreaterThanOrEqual(before);
    expect(v1).toBeLessThanOrEqual(Date.now());
    const sequence = types(first, 'customers');
    expect(sequence.slice(0, 2)).toEqual(['SCHEMA', 'RECORD']);
    expect(sequence.at(-1)).toBe('ACTIVATE_VERSION');
    // the message as singer_sdk/singerlib/encoding/simple.py ActivateVersionMessage writes it
    expect(ofType(first, 'ACTIVATE_VERSION', 'customers')).toEqual([{ type: 'ACTIVATE_VERSION', stream: 'customers', version: v1 }]);
    expect(Number.isInteger(v1)).toBe(true);
    expect(ofType(first, 'RECORD', 'customers').every((m) => m.version === v1)).toBe(true);
    // INCREMENTAL streams are not versioned (singer-sdk: FULL_TABLE only)
    expect(ofType(first, 'ACTIVATE_VERSION', 'events')).toEqual([]);
    expect(ofType(first, 'RECORD', 'events').some((m) => 'version' in m)).toBe(false);
    expect(lastState(first).bookmarks).toEqual({ customers: { version: v1 }, events: { timestamp: NOW } });
    soft.load(first, 'customers', 'lago_id');
    hard.load(first, 'customers', 'lago_id');
    expect(soft.live()).toEqual(ids());
    expect([...hard.rows.values()].every((row) => row._sdc_table_version === v1)).toBe(true);

    // 3. Two customers deleted in Lago: the closing message drops exactly the two.
    const removed = harness.rows('customers').splice(3, 2);
    try {
      const second = await sync(chosen(), { config: versioned, state: lastState(first) });
      expect(second.code).toBe(0);
      const v2 = ofType(second, 'ACTIVATE_VERSION', 'customers').map((m) => m.version);
      expect(v2).toHaveLength(1);
      expect(v2[0]).toBeGreaterThan(v1);
      expect(types(second, 'customers').at(-1)).toBe('ACTIVATE_VERSION');
      soft.load(second, 'customers', 'lago_id');
      hard.load(second, 'customers', 'lago_id');
      expect(soft.live()).toEqual(ids());
      expect(soft.rows.size).toBe(ids().length + 2);
      expect([...hard.rows.keys()].sort()).toEqual(ids());

      // 4. The next sync fails half-way: no ACTIVATE_VERSION, nothing dropped, a later version in the state.
      failAtPage3();
      const third = await sync(chosen(), { config: { ...versioned, max_retries: 0 }, state: lastState(second) });
      harness.lago.clearFaults();
      expect(third.code).toBe(1);
      expect(third.stderr).toMatch(/ERROR Stream customers failed/);
      expect(ofType(third, 'ACTIVATE_VERSION', 'customers')).toEqual([]);
      const v3 = lastState(third).bookmarks.customers.version;
      expect(v3).toBeGreaterThan(v2[0]);
      expect(ofType(third, 'RECORD', 'customers').every((m) => m.version === v3)).toBe(true);
      expect(ofType(third, 'RECORD', 'customers').length).toBeLessThan(ids().length);
      soft.load(third, 'customers', 'lago_id');
      hard.load(third, 'customers', 'lago_id');
      expect(soft.live()).toEqual(ids());
      expect([...hard.rows.keys()].sort()).toEqual(ids());

      // 5. A good sync again: everything at the new version, only Lago's rows live.
      const fourth = await sync(chosen(), { config: versioned, state: lastState(third) });
      expect(fourth.code).toBe(0);
      const v4 = ofType(fourth, 'ACTIVATE_VERSION', 'customers').map((m) => m.version);
      expect(v4).toHaveLength(1);
      expect(v4[0]).toBeGreaterThan(v3);
      soft.load(fourth, 'customers', 'lago_id');
      hard.load(fourth, 'customers', 'lago_id');
      expect(soft.live()).toEqual(ids());
      expect([...hard.rows.values()].every((row) => row._sdc_table_version === v4[0])).toBe(true);
    } finally {
      harness.rows('customers').push(...removed);
    }
  });

  test('a stream this Lago has no endpoint for reads nothing and sends no ACTIVATE_VERSION: the target keeps its rows', async () => {
    // billing_entities came with Lago 1.25.0 (src/lago/capabilities.ts); an organization moved to an older Lago
    // (or api_url pointed at one) must not have that table emptied.
    const older = await Harness.start({ lagoVersion: '1.20.0' });
    try {
      const run = await tap(['--config', await older.configFile({ ...BASE, ...versioned }), '--catalog', await older.files.write('be.json', configure(catalog, { billing_entities: {}, plans: {} }))]);
      expect(run.code).toBe(0);
      expect(run.stderr).toMatch(/WARN billing_entities: .*has no billing_entities endpoint/);
      expect(run.stderr).toMatch(/INFO billing_entities: no ACTIVATE_VERSION, the stream is not in this Lago/);
      expect(ofType(run, 'ACTIVATE_VERSION', 'billing_entities')).toEqual([]);
      // the control: a stream the older Lago has is still versioned and activated
      expect(ofType(run, 'ACTIVATE_VERSION', 'plans')).toHaveLength(1);
    } finally {
      await older.stop();
    }
  });

  test('a cursor stream asked FULL_TABLE is versioned too; an INCREMENTAL sync afterwards keeps the version next to its cursor', async () => {
    const full = configure(catalog, { events: {} });
    full.streams.find((s: any) => s.tap_stream_id === 'events').metadata.find((m: any) => m.breadcrumb.length === 0).metadata['replication-method'] = 'FULL_TABLE';
    const run = await sync(full, { config: versioned, state: { bookmarks: { events: { timestamp: '2026-11-01T00:00:00.000Z' } } } });
    expect(run.code).toBe(0);
    const version = ofType(run, 'ACTIVATE_VERSION', 'events')[0].version;
    expect(ofType(run, 'ACTIVATE_VERSION', 'events')).toHaveLength(1);
    expect(recordsOf(run, 'events')).toHaveLength(harness.rows('events').length);
    expect(lastState(run).bookmarks.events).toEqual({ timestamp: '2026-11-01T00:00:00.000Z', version });

    const incremental = await sync(configure(catalog, { events: {} }), { config: versioned, state: lastState(run) });
    expect(incremental.code).toBe(0);
    expect(ofType(incremental, 'ACTIVATE_VERSION')).toEqual([]);
    expect(lastState(incremental).bookmarks.events).toEqual({ timestamp: NOW, version });
  });
});
