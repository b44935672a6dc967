// Singer mode (`tap-lago`, `source-lago singer`): the catalog --discover prints, the messages a sync
// writes (checked against the Singer spec's message format), selection the way Meltano writes it,
// discover → select → sync → state → sync again, and the error behaviour. Every run is the BUILT bin,
// spawned directly (so its shebang and executable bit are tested too), against the fake Lago server.
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { MAIN, ROOT, parseLines, tempFiles } from './helpers/cli.js';
import { Harness, SECRET_KEY } from './helpers/harness.js';
import { type BinRun, discoveredTap, runBin, SINGER_NOW, TAP, tap } from './helpers/tap.js';
import { newRecordAjv } from './helpers/schemas.js';

const PACKAGE = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const NOW = SINGER_NOW;
const DAY = 86_400_000;
const BASE = { start_date: '2025-01-01', slice_size: 'month', lookback_window_days: 2 };

type Run = BinRun;

// ---- the Singer message format (Singer spec 0.3, SPEC.md "Output") --------------------------------
const SINGER_MESSAGE = {
  oneOf: [
    {
      type: 'object',
      required: ['type', 'stream', 'schema', 'key_properties'],
      additionalProperties: false,
      properties: {
        type: { const: 'SCHEMA' },
        stream: { type: 'string', minLength: 1 },
        schema: { type: 'object', required: ['type', 'properties'] },
        key_properties: { type: 'array', items: { type: 'string' } },
        bookmark_properties: { type: 'array', items: { type: 'string' } },
      },
    },
    {
      type: 'object',
      required: ['type', 'stream', 'record'],
      additionalProperties: false,
      properties: {
        type: { const: 'RECORD' },
        stream: { type: 'string', minLength: 1 },
        record: { type: 'object' },
        time_extracted: { type: 'string', format: 'date-time' },
        version: { type: 'integer' },
      },
    },
    {
      type: 'object',
      required: ['type', 'value'],
      additionalProperties: false,
      properties: {
        type: { const: 'STATE' },
        // This tap's state: {"bookmarks": {"<stream>": {...}}}.
        value: { type: 'object', required: ['bookmarks'], properties: { bookmarks: { type: 'object', additionalProperties: { type: 'object' } } } },
      },
    },
  ],
};
const ajv = newRecordAjv();
const validateMessage = ajv.compile(SINGER_MESSAGE);

/**
 * Everything a Singer target relies on: every line a valid message, a stream's SCHEMA before its first
 * RECORD (once), records valid against that schema, key and bookmark properties in the schema and in
 * every record, keys unique, no key leaked, stderr free of stack traces.
 */
function expectSingerOutput(run: Run): void {
  expect(run.stdout.includes(SECRET_KEY) || run.stderr.includes(SECRET_KEY)).toBe(false);
  expect(run.stderr).not.toMatch(/^\s+at .+[:(]/m);
  const invalid = run.messages.filter((message) => !validateMessage(message)).slice(0, 3);
  expect(invalid).toEqual([]);
  const schemas = new Map<string, any>();
  const validators = new Map<string, ReturnType<typeof ajv.compile>>();
  const keys = new Map<string, Set<string>>();
  for (const message of run.messages) {
    if (message.type === 'SCHEMA') {
      expect(schemas.has(message.stream)).toBe(false);
      schemas.set(message.stream, message);
      validators.set(message.stream, newRecordAjv().compile(message.schema));
      keys.set(message.stream, new Set());
      for (const property of [...message.key_properties, ...(message.bookmark_properties ?? [])]) expect(Object.keys(message.schema.properties)).toContain(property);
    }
    if (message.type === 'RECORD') {
      const schema = schemas.get(message.stream);
      expect({ stream: message.stream, schemaFirst: Boolean(schema) }).toEqual({ stream: message.stream, schemaFirst: true });
      const validate = validators.get(message.stream)!;
      if (!validate(message.record)) throw new Error(`${message.stream} record does not match its SCHEMA: ${ajv.errorsText(validate.errors)}`);
      for (const property of [...schema.key_properties, ...schema.bookmark_properties]) expect(message.record[property]).toBeDefined();
      const key = JSON.stringify(schema.key_properties.map((property: string) => message.record[property]));
      expect({ stream: message.stream, duplicate: keys.get(message.stream)!.has(key) ? key : null }).toEqual({ stream: message.stream, duplicate: null });
      keys.get(message.stream)!.add(key);
    }
  }
}

const ofType = (run: Run, type: string) => run.messages.filter((message) => message.type === type);
const recordsOf = (run: Run, stream: string) => ofType(run, 'RECORD').filter((m) => m.stream === stream).map((m) => m.record);
const lastState = (run: Run) => ofType(run, 'STATE').at(-1)?.value;
const eventKey = (e: Record<string, any>) => `${e.external_subscription_id}|${e.transaction_id}`;

/** Marks streams selected the way Meltano does: `selected` in the stream's breadcrumb [] metadata. */
function select(catalog: any, streams: Record<string, { method?: 'INCREMENTAL' | 'FULL_TABLE'; deselect?: string[] } | true>): any {
  const copy = structuredClone(catalog);
  for (const entry of copy.streams) {
    const wanted = streams[entry.tap_stream_id];
    for (const item of entry.metadata) {
      if (item.breadcrumb.length === 0) {
        item.metadata.selected = Boolean(wanted);
        if (wanted && wanted !== true && wanted.method) item.metadata['replication-method'] = wanted.method;
      } else if (wanted) {
        item.metadata.selected = !(wanted !== true && wanted.deselect?.includes(item.breadcrumb[1]));
      }
    }
  }
  return copy;
}

let harness: Harness;
let catalog: any;
discoveredTap({ customers: 60, events: 300, invoices: 90 }, BASE, (started, discovered) => {
  harness = started;
  catalog = discovered;
});

type Row = Record<string, any>;
const rows = (name: string) => (harness.lago.data as unknown as Record<string, Row[]>)[name]!;
const file = (prefix: string, value: unknown) => harness.files.write(`${prefix}-${Math.random().toString(36).slice(2)}.json`, value);

test('config warnings (a misspelt field) go to stderr: --discover still prints one JSON document', async () => {
  const run = await tap(['--config', await harness.configFile({ ...BASE, api_urll: 'typo' }), '--discover']);
  expect(run.code).toBe(0);
  expect(JSON.parse(run.stdout).streams.length).toBeGreaterThan(0);
  expect(run.stderr).toMatch(/WARN .*api_urll/);
});

describe('--help', () => {
  test('tap-lago --help and source-lago singer --help print the usage with examples, exit 0', async () => {
    for (const run of [await tap(['--help']), await runBin(MAIN, ['singer', '--help'])]) {
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/tap-lago --config CONFIG --discover/);
      expect(run.stdout).toMatch(/--properties/);
      expect(run.stdout).toMatch(/Examples:\n\s+tap-lago --config secrets\/config\.json --discover > catalog\.json/);
      expect(run.stdout).toMatch(/Exit codes: 0 success, 1 .*, 2 wrong command-line usage/);
    }
    const main = await runBin(MAIN, ['--help']);
    expect(main.stdout).toMatch(/source-lago singer --config CONFIG/);
  });

  test('--version prints the package version as singer-sdk does ("tap-x v1.2.3, Meltano SDK v…"), the runtime in the SDK\'s place', async () => {
    const run = await tap(['--version']);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(`tap-lago v${PACKAGE.version}, Node.js ${process.version}\n`);
  });
});

describe('--about (singer_sdk/about.py: AboutInfo and its text, JSON and Markdown formatters)', () => {
  let about: any;
  beforeAll(async () => {
    const run = await tap(['--about', '--format', 'json']);
    expect(run.code).toBe(0);
    about = JSON.parse(run.stdout);
  });

  test('--format json: the keys singer-sdk prints, honest about the SDK and Python, no config needed', () => {
    expect(Object.keys(about)).toEqual(['name', 'description', 'version', 'sdk_version', 'supported_python_versions', 'supported_node_versions', 'capabilities', 'settings']);
    expect(about).toMatchObject({ name: 'tap-lago', version: PACKAGE.version, sdk_version: null, supported_python_versions: null, supported_node_versions: [PACKAGE.engines.node] });
    expect(about.description).toMatch(/Lago/);
    expect(about.capabilities).toEqual(['catalog', 'discover', 'state', 'about', 'activate-version']);
  });

  test('settings are the config schema (spec.json\'s connectionSpecification), the key marked secret the Singer way', () => {
    const spec = JSON.parse(readFileSync(join(ROOT, 'spec.json'), 'utf8')).connectionSpecification;
    const settings = about.settings;
    expect(settings.type).toBe('object');
    expect(settings.required).toEqual(spec.required);
    for (const [name, property] of Object.entries<any>(spec.properties)) {
      expect({ name, type: settings.properties[name]?.type, description: settings.properties[name]?.description }).toEqual({ name, type: property.type, description: property.description });
    }
    expect(settings.properties.api_key).toMatchObject({ secret: true, writeOnly: true });
    expect(JSON.stringify(settings)).not.toMatch(/airbyte_secret|"order"/);
    // The built-in setting of the activate-version capability (Tap.append_builtin_config) unless the config has it.
    expect(settings.properties.emit_activate_version_messages.type).toBe('boolean');
    expect(Object.keys(settings.properties).filter((name) => !(name in spec.properties))).toEqual(spec.properties.emit_activate_version_messages ? [] : ['emit_activate_version_messages']);
  });

  test('plain --about is the text format; --format markdown the Markdown one; both list every setting', async () => {
    const text = await tap(['--about']);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^Name: tap-lago\nDescription: .+\nVersion: \d+\.\d+\.\d+\nSDK Version: .+\n/);
    expect(text.stdout).toMatch(/\nCapabilities:\n  - catalog\n  - discover\n  - state\n  - about\n  - activate-version\nSettings:\n/);
    for (const [name, property] of Object.entries<any>(about.settings.properties)) expect(text.stdout).toContain(`  - Name: ${name}\n    Type: ${property.type}\n`);

    const markdown = await tap(['--about', '--format', 'markdown']);
    expect(markdown.code).toBe(0);
    expect(markdown.stdout).toMatch(/^# `tap-lago`\n\n.+\n\n/);
    expect(markdown.stdout).toContain('## Capabilities\n\n- `catalog`\n- `discover`\n- `state`\n- `about`\n- `activate-version`\n\n');
    expect(markdown.stdout).toContain('| Setting | Required | Default | Description |\n|:--------|:--------:|:-------:|:------------|\n| api_key | True | None | ');
    const rows = markdown.stdout.split('\n').filter((line) => line.startsWith('| ') && !line.startsWith('| Setting'));
    // one row per setting and per property of an object setting, each with four cells
    expect(rows.map((row) => row.split(' | ')[0]!.slice(2))).toEqual(expect.arrayContaining([...Object.keys(about.settings.properties), 'filters.invoices.status']));
    for (const row of rows) expect(row.replace(/\\\|/g, '').split('|')).toHaveLength(6);
    expect(markdown.stdout).toMatch(/`tap-lago --about`\n$/);
  });

  test('--about ignores --config (as singer-sdk does), --format any case; a wrong --format is a usage error', async () => {
    const withConfig = await tap(['--about', '--format', 'JSON', '--config', '/nonexistent/config.json']);
    expect(withConfig.code).toBe(0);
    expect(JSON.parse(withConfig.stdout)).toEqual(about);
    expect((await runBin(MAIN, ['singer', '--about', '--format=json'])).stdout).toBe(withConfig.stdout);
    for (const args of [['--about', '--format', 'yaml'], ['--about', '--format'], ['--format', 'json']]) {
      const run = await tap(args);
      expect({ args, code: run.code, stdout: run.stdout }).toEqual({ args, code: 2, stdout: '' });
      expect(run.stderr).toMatch(/^tap-lago: .*--format.*\nRun tap-lago --help/);
    }
  });
});

describe('--discover', () => {
  test('prints one Singer catalog (a JSON document) with every stream, its schema, keys and metadata', () => {
    const names = catalog.streams.map((s: any) => s.tap_stream_id);
    expect(names).toEqual(expect.arrayContaining(['customers', 'subscriptions', 'invoices', 'events', 'credit_notes', 'customer_usage', 'wallet_transactions']));
    expect(names).toHaveLength(20);
    for (const entry of catalog.streams) {
      expect(entry.stream).toBe(entry.tap_stream_id);
      expect(entry.schema).toMatchObject({ type: 'object' });
      expect(Array.isArray(entry.key_properties)).toBe(true);
      const top = entry.metadata.find((m: any) => m.breadcrumb.length === 0).metadata;
      expect(top).toMatchObject({ inclusion: 'available', 'selected-by-default': true, 'table-key-properties': entry.key_properties });
      for (const key of entry.key_properties) {
        expect(Object.keys(entry.schema.properties)).toContain(key);
        expect(entry.metadata.find((m: any) => m.breadcrumb[1] === key).metadata.inclusion).toBe('automatic');
      }
      // one metadata entry per top-level property
      expect(entry.metadata.filter((m: any) => m.breadcrumb.length === 2).map((m: any) => m.breadcrumb[1]).sort()).toEqual(Object.keys(entry.schema.properties).sort());
    }
  });

  test('composite keys are whole; cursor streams offer their replication key, the others are FULL_TABLE only', () => {
    const entry = (name: string) => catalog.streams.find((s: any) => s.tap_stream_id === name);
    const top = (name: string) => entry(name).metadata.find((m: any) => m.breadcrumb.length === 0).metadata;
    expect(entry('events').key_properties).toEqual(['external_subscription_id', 'code', 'timestamp', 'transaction_id']);
    expect(entry('customer_usage').key_properties).toEqual(['external_subscription_id', 'from_datetime']);
    expect(top('events')['valid-replication-keys']).toEqual(['timestamp']);
    expect(top('invoices')['valid-replication-keys']).toEqual(['issuing_date']);
    expect(top('credit_notes')['valid-replication-keys']).toEqual(['issuing_date']);
    expect(entry('events').metadata.find((m: any) => m.breadcrumb[1] === 'timestamp').metadata.inclusion).toBe('automatic');
    expect(top('customers')['forced-replication-method']).toBe('FULL_TABLE');
    expect(top('customers')['valid-replication-keys']).toBeUndefined();
  });

  test('source-lago singer --discover prints the same catalog; nothing else reaches stdout', async () => {
    const config = await harness.configFile(BASE);
    const viaMain = await runBin(MAIN, ['singer', '--config', config, '--discover']);
    const viaTap = await tap(['--config', config, '--discover']);
    expect(viaMain.code).toBe(0);
    expect(JSON.parse(viaMain.stdout)).toEqual(JSON.parse(viaTap.stdout));
    expect(JSON.parse(viaTap.stdout)).toEqual(catalog);
  });

  test('a custom stream with a nested key gets a top-level key property that carries the nested value', async () => {
    const custom = { name: 'usage_by_hand', path: '/customers/{external_customer_id}/current_usage?external_subscription_id={external_id}', records_path: '$.customer_usage', parent_stream: 'subscriptions', primary_key: ['_parent.external_id', 'from_datetime'] };
    const config = await harness.configFile({ ...BASE, custom_streams: [custom] });
    const discovered = JSON.parse((await tap(['--config', config, '--discover'])).stdout);
    const entry = discovered.streams.find((s: any) => s.tap_stream_id === 'usage_by_hand');
    expect(entry.key_properties).toEqual(['_parent__external_id', 'from_datetime']);
    expect(Object.keys(entry.schema.properties)).toContain('_parent__external_id');
    const run = await tap(['--config', config, '--catalog', await file('catalog', select(discovered, { usage_by_hand: true }))]);
    expect(run.code).toBe(0);
    expectSingerOutput(run);
    const records = recordsOf(run, 'usage_by_hand');
    expect(records.length).toBeGreaterThan(0);
    for (const record of records) expect(record._parent__external_id).toBe(record._parent.external_id);
  });
});

describe('discover → select → sync → state → sync again', () => {
  let first: Run;
  let selected: any;
  let requested: Set<string>;
  beforeAll(async () => {
    selected = select(catalog, { customers: true, events: true, invoices: true });
    harness.lago.requests.length = 0;
    first = await tap(['--config', await harness.configFile(BASE), '--catalog', await file('catalog', selected)]);
    // Besides the version (GET /health), only the selected streams' lists.
    requested = new Set(harness.lago.requests.filter((r) => r.path !== '/health').map((r) => r.path.replace(/^\/api\/v1/, '')));
  });

  test('the first sync writes only valid Singer messages, exit 0, stderr has log lines only', () => {
    expect(first.code).toBe(0);
    expectSingerOutput(first);
    expect(first.stderr.trim().split('\n').every((line) => /^(INFO|WARN) /.test(line))).toBe(true);
  });

  test('SCHEMA once per selected stream, in catalog order, with key and bookmark properties', () => {
    const schemas = ofType(first, 'SCHEMA');
    expect(schemas.map((m) => m.stream)).toEqual(['customers', 'invoices', 'events']);
    expect(schemas[0]).toMatchObject({ key_properties: ['lago_id'], bookmark_properties: [] });
    expect(schemas[1]).toMatchObject({ key_properties: ['lago_id'], bookmark_properties: ['issuing_date'] });
    expect(schemas[2]).toMatchObject({ key_properties: ['external_subscription_id', 'code', 'timestamp', 'transaction_id'], bookmark_properties: ['timestamp'] });
  });

  test('records are the fake server\'s, each once; unselected streams are not requested', () => {
    expect(recordsOf(first, 'customers').map((c) => c.lago_id).sort()).toEqual(rows('customers').map((c) => c.lago_id).sort());
    expect(recordsOf(first, 'invoices').map((i) => i.lago_id).sort()).toEqual(rows('invoices').map((i) => i.lago_id).sort());
    expect(recordsOf(first, 'events').map(eventKey).sort()).toEqual(rows('events').map(eventKey).sort());
    for (const record of ofType(first, 'RECORD')) expect(Math.abs(Date.parse(record.time_extracted) - Date.now())).toBeLessThan(120_000);
    expect([...requested].sort()).toEqual(['/customers', '/events', '/invoices']);
  });

  test('STATE carries the Airbyte mode\'s cursors as bookmarks, moves forward, and comes after the records it covers', () => {
    const states = ofType(first, 'STATE').map((m) => m.value);
    expect(states.length).toBeGreaterThan(5);
    const eventCursors = states.map((s) => s.bookmarks.events?.timestamp).filter(Boolean);
    expect([...eventCursors].sort()).toEqual(eventCursors);
    expect(lastState(first)).toEqual({ bookmarks: { invoices: { issuing_date: '2026-11-21' }, events: { timestamp: NOW } } });
    expect(first.messages.at(-1).type).toBe('STATE');
    // every event record is covered by a later STATE whose cursor is past it
    let covered = 0;
    for (const [index, message] of first.messages.entries()) {
      if (message.type !== 'STATE' || !message.value.bookmarks.events) continue;
      covered = first.messages.slice(0, index).filter((m) => m.type === 'RECORD' && m.stream === 'events').length;
      for (const record of first.messages.slice(0, index).filter((m) => m.type === 'RECORD' && m.stream === 'events')) {
        expect(record.record.timestamp <= message.value.bookmarks.events.timestamp).toBe(true);
      }
    }
    expect(covered).toBe(recordsOf(first, 'events').length);
  });

  test('a second sync from the last STATE reads only the lookback window of the cursor streams and all of customers', async () => {
    const state = await file('state', lastState(first));
    const second = await tap(['--config', await harness.configFile(BASE), '--catalog', await file('catalog', selected), '--state', state]);
    expect(second.code).toBe(0);
    expectSingerOutput(second);
    const since = Date.parse(NOW) - 2 * DAY;
    expect(recordsOf(second, 'events').map(eventKey).sort()).toEqual(rows('events').filter((e) => Date.parse(e.timestamp) >= since).map(eventKey).sort());
    expect(recordsOf(second, 'events').length).toBeLessThan(recordsOf(first, 'events').length);
    expect(recordsOf(second, 'customers')).toHaveLength(rows('customers').length);
    expect(harness.requestsTo('/events').every((r) => (r.query.get('timestamp_from') ?? '') >= new Date(since).toISOString())).toBe(true);
    expect(lastState(second)).toEqual(lastState(first));
  });

  test('--properties (older name), a wrapped state ({"value": …}, Meltano\'s {"singer_state": …}) give the same sync', async () => {
    const config = await harness.configFile(BASE);
    const plain = await tap(['--config', config, '--catalog', await file('catalog', selected), '--state', await file('state', lastState(first))]);
    for (const wrapped of [{ type: 'STATE', value: lastState(first) }, { value: lastState(first) }, { singer_state: lastState(first) }]) {
      const run = await tap(['--config', config, '--properties', await file('catalog', selected), '--state', await file('state', wrapped)]);
      expect(run.code).toBe(0);
      expect(recordsOf(run, 'events').map(eventKey)).toEqual(recordsOf(plain, 'events').map(eventKey));
    }
  });

  test('bookmarks of streams not synced this time are handed back unchanged', async () => {
    const state = { bookmarks: { ...lastState(first).bookmarks, credit_notes: { issuing_date: '2026-01-01' }, retired_stream: { x: 1 } } };
    const run = await tap(['--config', await harness.configFile(BASE), '--catalog', await file('catalog', select(catalog, { customers: true })), '--state', await file('state', state)]);
    expect(run.code).toBe(0);
    expect(lastState(run)).toEqual(state);
    expect(run.stderr).toMatch(/WARN .*"retired_stream" is not a stream of this source/);
  });

  test('an abnormally large bookmark gives no records and keeps the bookmark', async () => {
    const state = { bookmarks: { events: { timestamp: '2099-01-01T00:00:00.000Z' } } };
    const run = await tap(['--config', await harness.configFile(BASE), '--catalog', await file('catalog', select(catalog, { events: true })), '--state', await file('state', state)]);
    expect(run.code).toBe(0);
    expect(recordsOf(run, 'events')).toEqual([]);
    expect(ofType(run, 'SCHEMA')).toHaveLength(1);
    expect(lastState(run)).toEqual(state);
  });

  test('an Airbyte state list (as tap-airbyte-wrapper keeps it) is read as bookmarks, to switch over', async () => {
    const airbyte = { airbyte_state: [{ type: 'STREAM', stream: { stream_descriptor: { name: 'events' }, stream_state: lastState(first).bookmarks.events } }] };
    const run = await tap(['--config', await harness.configFile(BASE), '--catalog', await file('catalog', select(catalog, { events: true })), '--state', await file('state', airbyte)]);
    expect(run.code).toBe(0);
    expect(recordsOf(run, 'events').length).toBeLessThan(recordsOf(first, 'events').length);
  });
});

describe('selection and replication method', () => {
  test('top-level "selected": true (older taps) selects a stream; unselected ones are skipped', async () => {
    const legacy = structuredClone(catalog);
    for (const entry of legacy.streams) {
      entry.metadata = entry.metadata.filter((m: any) => m.breadcrumb.length > 0);
      if (entry.tap_stream_id === 'plans') entry.selected = true;
    }
    const run = await tap(['--config', await harness.configFile(BASE), '--catalog', await file('catalog', legacy)]);
    expect(run.code).toBe(0);
    expect(ofType(run, 'SCHEMA').map((m) => m.stream)).toEqual(['plans']);
    expect(recordsOf(run, 'plans')).toHaveLength(rows('plans').length);
  });

  test('deselected properties leave the SCHEMA and the records; key properties stay even when deselected', async () => {
    const chosen = select(catalog, { customers: { deselect: ['email', 'address_line1', 'lago_id'] } });
    const run = await tap(['--config', await harness.configFile(BASE), '--catalog', await file('catalog', chosen)]);
    expect(run.code).toBe(0);
    expectSingerOutput(run);
    const schema = ofType(run, 'SCHEMA')[0];
    expect(Object.keys(schema.schema.properties)).not.toContain('email');
    expect(Object.keys(schema.schema.properties)).toContain('lago_id');
    for (const record of recordsOf(run, 'customers')) {
      expect(record).not.toHaveProperty('email');
      expect(record).not.toHaveProperty('address_line1');
      expect(typeof record.lago_id).toBe('string');
    }
  });

  test('FULL_TABLE on a cursor stream reads everything, whatever the bookmark, and leaves the bookmark alone', async () => {
    const state = { bookmarks: { events: { timestamp: '2026-11-01T00:00:00.000Z' } } };
    const chosen = select(catalog, { events: { method: 'FULL_TABLE' } });
    const run = await tap(['--config', await harness.configFile(BASE), '--catalog', await file('catalog', chosen), '--state', await file('state', state)]);
    expect(run.code).toBe(0);
    expect(recordsOf(run, 'events').map(eventKey).sort()).toEqual(rows('events').map(eventKey).sort());
    expect(ofType(run, 'SCHEMA')[0].bookmark_properties).toEqual([]);
    expect(lastState(run)).toEqual(state);
  });

  test('INCREMENTAL asked of a stream without a replication key reads it in full', async () => {
    const run = await tap(['--config', await harness.configFile(BASE), '--catalog', await file('catalog', select(catalog, { taxes: { method: 'INCREMENTAL' } }))]);
    expect(run.code).toBe(0);
    expect(recordsOf(run, 'taxes')).toHaveLength(rows('taxes').length);
    expect(run.stderr).toMatch(/taxes has no replication key: read in full/);
  });

  test('without --catalog every stream is synced', async () => {
    const run = await tap(['--config', await harness.configFile(BASE)]);
    expect(run.code).toBe(0);
    expectSingerOutput(run);
    expect(ofType(run, 'SCHEMA')).toHaveLength(20);
    expect(Object.keys(lastState(run).bookmarks).sort()).toEqual(['credit_notes', 'events', 'invoices']);
  });

  test('filters from the config apply as in the Airbyte mode', async () => {
    const config = await harness.configFile({ ...BASE, filters: { invoices: { status: ['finalized'] } } });
    const run = await tap(['--config', config, '--catalog', await file('catalog', select(catalog, { invoices: true }))]);
    expect(run.code).toBe(0);
    const expected = rows('invoices').filter((i) => i.status === 'finalized');
    expect(expected.length).toBeGreaterThan(0);
    expect(recordsOf(run, 'invoices').map((i) => i.lago_id).sort()).toEqual(expected.map((i) => i.lago_id).sort());
  });
});

describe('metrics on stderr (singer_sdk/metrics.py: record_count counters, http_request_duration timers)', () => {
  const metricsOf = (run: Run) =>
    run.stderr
      .split('\n')
      .filter((line) => line.includes('METRIC: '))
      .map((line) => {
        expect(line).toMatch(/^INFO METRIC: \{"type":"(counter|timer)","metric":"[a-z_]+","value":[\d.e-]+,"tags":\{.*\}\}$/);
        return JSON.parse(line.slice('INFO METRIC: '.length));
      });

  test('record_count per stream adds up to its RECORD messages; one http_request_duration per request Lago answered', async () => {
    const custom = { name: 'usage_by_hand', path: '/customers/{external_customer_id}/current_usage?external_subscription_id={external_id}', records_path: '$.customer_usage', parent_stream: 'subscriptions', primary_key: ['_parent.external_id', 'from_datetime'] };
    const config = await harness.configFile({ ...BASE, custom_streams: [custom], filters: { invoices: { external_customer_id: 'cus-filter-secret' } } });
    const discovered = JSON.parse((await tap(['--config', config, '--discover'])).stdout);
    harness.lago.requests.length = 0;
    const run = await tap(['--config', config, '--catalog', await file('catalog', select(discovered, { customers: true, events: true, invoices: true, usage_by_hand: true }))]);
    expect(run.code).toBe(0);
    const metrics = metricsOf(run);

    const counts = metrics.filter((m) => m.metric === 'record_count');
    for (const stream of ['customers', 'events', 'invoices', 'usage_by_hand']) {
      const mine = counts.filter((m) => m.tags.stream === stream);
      expect(mine.length).toBeGreaterThan(0);
      expect({ stream, total: mine.reduce((sum, m) => sum + m.value, 0) }).toEqual({ stream, total: recordsOf(run, stream).length });
      for (const m of mine) expect(m).toMatchObject({ type: 'counter', tags: { stream, pid: expect.any(Number) } });
    }
    expect(counts.find((m) => m.tags.stream === 'customers').value).toBe(rows('customers').length);

    const timers = metrics.filter((m) => m.metric === 'http_request_duration');
    expect(timers).toHaveLength(harness.lago.requests.filter((r) => r.path !== '/health').length);
    // (current_usage answers 405 for a subscription that is not active: a failed request, skipped by the stream)
    for (const m of timers) {
      expect(m).toMatchObject({ type: 'timer', tags: { http_status_code: expect.any(Number), status: m.tags.http_status_code < 400 ? 'succeeded' : 'failed' } });
      expect(m.value).toBeGreaterThanOrEqual(0);
      expect(m.value).toBeLessThan(30);
    }
    expect(timers.filter((m) => m.tags.endpoint === '/customers').every((m) => m.tags.http_status_code === 200)).toBe(true);
    // The endpoint is the path template, never filled values or the query (filters may carry anything).
    const endpoints = new Set(timers.map((m) => `${m.tags.stream} ${m.tags.endpoint}`));
    expect([...endpoints].sort()).toEqual(['customers /customers', 'events /events', 'invoices /invoices', 'subscriptions /subscriptions', 'usage_by_hand /customers/{external_customer_id}/current_usage']);
    expect(run.stderr).not.toMatch(/cus-filter-secret|external_subscription_id=|\?page=/);
    expect(run.stderr.includes(SECRET_KEY)).toBe(false);
    // and a sync_duration timer per stream
    expect(metrics.filter((m) => m.metric === 'sync_duration').map((m) => [m.tags.stream, m.tags.status])).toEqual([
      ['customers', 'succeeded'], ['invoices', 'succeeded'], ['events', 'succeeded'], ['usage_by_hand', 'succeeded'],
    ]);
  });

  test('answers that failed are timed with their status code and "failed"; the failed stream still logs its count', async () => {
    harness.lago.addFault({ path: '/api/v1/plans', status: 500 });
    const run = await tap(['--config', await harness.configFile({ ...BASE, max_retries: 1 }), '--catalog', await file('catalog', select(catalog, { plans: true }))]);
    expect(run.code).toBe(1);
    const metrics = metricsOf(run);
    const failed = metrics.filter((m) => m.metric === 'http_request_duration' && m.tags.endpoint === '/plans');
    expect(failed.map((m) => [m.tags.stream, m.tags.http_status_code, m.tags.status])).toEqual([['plans', 500, 'failed'], ['plans', 500, 'failed']]);
    expect(metrics.filter((m) => m.metric === 'record_count')).toEqual([{ type: 'counter', metric: 'record_count', value: 0, tags: { stream: 'plans', pid: expect.any(Number) } }]);
    expect(metrics.find((m) => m.metric === 'sync_duration').tags.status).toBe('failed');
  });
});

describe('errors: one clear line on stderr, exit 1 (2 for usage), the key never printed', () => {
  const oneErrorLine = (run: Run, pattern: RegExp) => {
    const errors = run.stderr.split('\n').filter((line) => line.startsWith('ERROR'));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(pattern);
    expect(run.stdout.includes(SECRET_KEY) || run.stderr.includes(SECRET_KEY)).toBe(false);
    expect(run.stderr).not.toMatch(/^\s+at .+[:(]/m);
  };

  test('a missing config file, an invalid config, an unknown selected stream, a bad bookmark', async () => {
    const missing = await tap(['--config', '/nonexistent/config.json', '--discover']);
    expect(missing.code).toBe(1);
    expect(missing.stdout).toBe('');
    oneErrorLine(missing, /^ERROR tap-lago: Config file \/nonexistent\/config\.json does not exist\.$/);

    const invalid = await tap(['--config', await file('config', { api_key: SECRET_KEY, region: 'mars' }), '--discover']);
    expect(invalid.code).toBe(1);
    oneErrorLine(invalid, /^ERROR tap-lago: .*region/);

    const unknown = structuredClone(catalog);
    unknown.streams.push({ tap_stream_id: 'nope', stream: 'nope', schema: { type: 'object', properties: {} }, metadata: [{ breadcrumb: [], metadata: { selected: true } }] });
    const unknownRun = await tap(['--config', await harness.configFile(BASE), '--catalog', await file('catalog', unknown)]);
    expect(unknownRun.code).toBe(1);
    expect(unknownRun.stdout).toBe('');
    oneErrorLine(unknownRun, /stream "nope" is selected but is not a stream of this source/);

    const badState = await tap(['--config', await harness.configFile(BASE), '--catalog', await file('catalog', select(catalog, { events: true })), '--state', await file('state', { bookmarks: { events: { timestamp: 'yesterday' } } })]);
    expect(badState.code).toBe(1);
    expect(badState.stdout).toBe('');
    oneErrorLine(badState, /Invalid state in .*: stream events: cursor timestamp "yesterday" is not a date/);
  });

  test('a refused key stops the sync at once with one error for the stream and a summary', async () => {
    const config = await file('config', { ...harness.config(BASE), api_key: 'lago-wrong-key-0000' });
    const run = await tap(['--config', config, '--catalog', await file('catalog', select(catalog, { customers: true, plans: true }))]);
    expect(run.code).toBe(1);
    expect(ofType(run, 'RECORD')).toEqual([]);
    expect(run.stderr).toMatch(/ERROR Stream customers failed/);
    expect(run.stderr).not.toMatch(/plans: sync started/);
    expect(run.stderr.trim().split('\n').at(-1)).toMatch(/^ERROR tap-lago: 1 of 2 stream\(s\) failed: customers; 1 not synced after that/);
    expect(run.stdout.includes('lago-wrong-key-0000') || run.stderr.includes('lago-wrong-key-0000')).toBe(false);
  });

  test('a stream that fails does not stop the others; its records so far are followed by a STATE; exit 1', async () => {
    harness.lago.addFault({ path: '/api/v1/plans', status: 500 });
    const config = await harness.configFile({ ...BASE, max_retries: 1 });
    const run = await tap(['--config', config, '--catalog', await file('catalog', select(catalog, { customers: true, plans: true, taxes: true }))]);
    expect(run.code).toBe(1);
    expectSingerOutput(run);
    expect(recordsOf(run, 'customers')).toHaveLength(rows('customers').length);
    expect(recordsOf(run, 'taxes')).toHaveLength(rows('taxes').length);
    expect(run.stderr).toMatch(/^ERROR Stream plans failed after 0 record\(s\): .*500/m);
    expect(run.messages.at(-1).type).toBe('STATE');
  });

  test('SIGTERM stops a sync: written lines stay whole and the signal is re-raised (as main.ts does)', async () => {
    harness.lago.addFault({ path: '/api/v1/customers', delayMs: 300, when: ({ query }) => query.get('page') !== '1' });
    const config = await harness.configFile({ ...BASE, max_concurrency: 1 });
    const catalogFile = await file('catalog', select(catalog, { customers: true, events: true }));
    const result = await new Promise<{ signal: NodeJS.Signals | null; stdout: string }>((resolve) => {
      const child = spawn(TAP, ['--config', config, '--catalog', catalogFile], { env: { ...process.env, SOURCE_LAGO_NOW: NOW }, stdio: ['ignore', 'pipe', 'ignore'] });
      let stdout = '';
      let sent = false;
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
        stdout += chunk;
        if (!sent && stdout.includes('"type":"RECORD"')) {
          sent = true;
          child.kill('SIGTERM');
        }
      });
      child.on('close', (_code, signal) => resolve({ signal, stdout }));
    });
    expect(result.signal).toBe('SIGTERM');
    const messages = parseLines(result.stdout);
    expect(messages.some((m) => m.__unparsable)).toBe(false);
    expect(messages.some((m) => m.type === 'RECORD' && m.stream === 'events')).toBe(false);
  });

  test('wrong usage: exit 2 with the reason and a pointer to --help', async () => {
    for (const args of [['--discover'], ['--config'], ['--config', 'c.json', '--catalog', 'a.json', '--properties', 'b.json'], ['--config', 'c.json', '--discover', '--state', 's.json'], ['--config', 'c.json', 'read']]) {
      const run = await tap(args);
      expect({ args, code: run.code }).toEqual({ args, code: 2 });
      expect(run.stdout).toBe('');
      expect(run.stderr).toMatch(/^tap-lago: .+\nRun tap-lago --help for the usage\.\n$/);
    }
  });
});

describe('Meltano', () => {
  const meltano = parseYaml(readFileSync(join(ROOT, 'meltano.yml'), 'utf8')) as any;
  const metadata = parseYaml(readFileSync(join(ROOT, 'metadata.yaml'), 'utf8')) as any;
  const extractors = meltano.plugins.extractors as any[];

  const singer = extractors.find((e) => e.executable === 'tap-lago');
  let about: any;
  beforeAll(async () => {
    about = JSON.parse((await tap(['--about', '--format', 'json'])).stdout);
  });

  test('meltano.yml has the Singer-mode extractor (executable tap-lago) with the capabilities --about lists', () => {
    expect(singer).toBeDefined();
    expect(singer.capabilities).toEqual(about.capabilities);
    expect(singer.config.api_key).toMatch(/^\$/);
    // every config key is one source-lago accepts
    const spec = JSON.parse(readFileSync(join(ROOT, 'spec.json'), 'utf8'));
    const properties = (spec.connectionSpecification ?? spec).properties;
    for (const key of Object.keys(singer.config)) expect(Object.keys(properties)).toContain(key);
    expect(singer.select).toEqual(expect.arrayContaining(['events.*']));
  });

  test('meltano.yml has one setting per setting of the config schema, each of the kind its JSON type calls for', () => {
    // Meltano's setting kinds (docs.meltano.com, "settings"): `password` is deprecated for string + sensitive.
    const kindsFor = (property: any): string[] => {
      if (property.enum) return ['options'];
      switch (property.type) {
        case 'string':
          return ['string', 'date_iso8601'];
        case 'number':
          return ['decimal'];
        default:
          return [property.type];
      }
    };
    const properties = about.settings.properties;
    expect(singer.settings.map((setting: any) => setting.name).sort()).toEqual(Object.keys(properties).sort());
    for (const setting of singer.settings) {
      const property = properties[setting.name];
      const allowed = kindsFor(property);
      expect({ name: setting.name, kind: allowed.includes(setting.kind) ? allowed : setting.kind }).toEqual({ name: setting.name, kind: allowed });
      expect({ name: setting.name, sensitive: setting.sensitive === true }).toEqual({ name: setting.name, sensitive: property.secret === true });
      if (setting.kind === 'options') expect(setting.options.map((option: any) => option.value)).toEqual(property.enum);
    }
    expect(singer.settings.find((setting: any) => setting.name === 'lookback_window_days').kind).toBe('decimal');
    expect(singer.settings.some((setting: any) => setting.kind === 'password')).toBe(false);
  });

  test('meltano.yml has the tap-airbyte-wrapper extractor on the image and tag of metadata.yaml', () => {
    const wrapper = extractors.find((e) => String(e.pip_url ?? '').includes('tap-airbyte-wrapper'));
    expect(wrapper).toBeDefined();
    expect(wrapper.executable).toBe('tap-airbyte');
    expect(wrapper.config.airbyte_spec).toEqual({ image: metadata.data.dockerRepository, tag: String(metadata.data.dockerImageTag) });
    expect(wrapper.config.airbyte_config.api_key).toMatch(/^\$/);
  });

  test('tap-airbyte-wrapper puts `--` between the image and the command: the entrypoint accepts it', async () => {
    // e.g. docker run --rm -i -v /tmp/x:/tmp sourcelago/source-lago:0.1.0 -- read --config /tmp/config.json …
    const spec = await runBin(MAIN, ['--', 'spec']);
    expect(spec.code).toBe(0);
    expect(spec.messages.map((m) => m.type)).toEqual(['SPEC']);
    const check = await runBin(MAIN, ['--', 'check', '--config', await harness.configFile(BASE)]);
    expect(check.messages.at(-1).connectionStatus.status).toBe('SUCCEEDED');
  });

  test('`meltano invoke` runs the executable as `tap-lago --config C --catalog P --state S`: the package.json bin', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    expect(pkg.bin['tap-lago']).toBe('./dist/tap.js');
    // a node shebang (src/tap.ts keeps the same node flags as src/main.ts)
    expect(readFileSync(TAP, 'utf8')).toMatch(/^#!\/usr\/bin\/env (-S )?node[ \n]/);
  });
});

describe('README, "Meltano (Singer mode, no Docker)"', () => {
  test('the "Without Meltano" steps, run as written, sync exactly the streams they select, then only what is new', async () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const block = /<!-- singer-steps:start -->\n```sh\n([\s\S]*?)```\n<!-- singer-steps:end -->/.exec(readme)?.[1];
    expect(block).toMatch(/^tap-lago --config secrets\/config\.json --discover > catalog\.json\n/);
    // The steps as a user runs them: `tap-lago` on the PATH (npm link puts the bin there), secrets/config.json here.
    const dir = await tempFiles();
    try {
      mkdirSync(join(dir.dir, 'bin'));
      symlinkSync(TAP, join(dir.dir, 'bin', 'tap-lago'));
      mkdirSync(join(dir.dir, 'secrets'));
      writeFileSync(join(dir.dir, 'secrets', 'config.json'), JSON.stringify(harness.config(BASE)));
      harness.lago.requests.length = 0;
      const run = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
        const child = spawn('bash', ['-e', '-o', 'pipefail'], {
          cwd: dir.dir,
          env: { ...process.env, PATH: `${join(dir.dir, 'bin')}:${process.env.PATH}`, SOURCE_LAGO_NOW: NOW, SOURCE_LAGO_RETRY_BASE_MS: '5' },
          stdio: ['pipe', 'pipe', 'pipe'],
        });
        let stdout = '';
        let stderr = '';
        child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
        child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
        child.on('error', reject);
        child.on('close', (code) => resolve({ code, stdout, stderr }));
        child.stdin.end(block);
      });
      expect({ code: run.code, jq: /jq: (command )?not found/.test(run.stderr) ? 'jq is needed for the README steps' : 'ok' }).toEqual({ code: 0, jq: 'ok' });

      const first = parseLines(readFileSync(join(dir.dir, 'out.jsonl'), 'utf8'));
      const wanted = JSON.parse(/--argjson want '(\[.*?\])'/.exec(block!)![1]!);
      expect(wanted).toEqual(['customers', 'invoices', 'events']);
      expect(first.filter((m) => m.type === 'SCHEMA').map((m) => m.stream).sort()).toEqual([...wanted].sort());
      expect(new Set(first.filter((m) => m.type === 'RECORD').map((m) => m.stream))).toEqual(new Set(wanted));
      // Only the selected streams' endpoints were asked (besides /health).
      expect(new Set(harness.lago.requests.filter((r) => r.path !== '/health').map((r) => r.path.replace(/^\/api\/v1/, '')))).toEqual(new Set(['/customers', '/invoices', '/events']));
      const state = JSON.parse(readFileSync(join(dir.dir, 'state.json'), 'utf8'));
      expect(Object.keys(state.bookmarks).sort()).toEqual(['events', 'invoices']);

      // The last step's output: the same streams, events only from the saved cursor (less the lookback window).
      const second = parseLines(run.stdout);
      expect(second.filter((m) => m.type === 'SCHEMA').map((m) => m.stream).sort()).toEqual([...wanted].sort());
      const events = (messages: any[]) => messages.filter((m) => m.type === 'RECORD' && m.stream === 'events').length;
      const since = Date.parse(NOW) - BASE.lookback_window_days * DAY;
      expect(events(first)).toBe(rows('events').length);
      expect(events(second)).toBe(rows('events').filter((e) => Date.parse(e.timestamp) >= since).length);
      expect(events(second)).toBeLessThan(events(first));
    } finally {
      await dir.cleanup();
    }
  });
});
