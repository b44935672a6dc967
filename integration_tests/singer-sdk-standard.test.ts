// singer-sdk's standard tap tests, ported: what `get_tap_test_class(TapLago, config=…)` would run against an SDK tap
// (meltano/sdk singer_sdk/testing/suites.py: the suites tap_tests, tap_stream_tests, tap_stream_attribute_tests,
// whose checks are in singer_sdk/testing/tap_tests.py). Re-implemented, not copied: each check below names its origin.
// As the SDK's TapTestRunner does, one sync of every stream the discovered catalog selects supplies the records; here
// it is the built bin (dist/tap.js) against the fake Lago, with data in every stream.
import { Ajv2020 } from 'ajv/dist/2020.js';
import { Harness, SECRET_KEY } from './helpers/harness.js';
import { type BinRun, SINGER_NOW, tap } from './helpers/tap.js';
import { newRecordAjv, schemaStreamNames } from './helpers/schemas.js';

const NOW = SINGER_NOW;
const BASE = { start_date: '2025-01-01', slice_size: 'month' };

type Run = BinRun;

type Json = Record<string, any>;

/**
 * Key parts that may be null, where this tap differs from the SDK's check on purpose: legacy events (sent before Lago
 * v1.7.0 with a customer id only) have a null external_subscription_id, and the events key keeps null as a value
 * (README, "Legacy events"); code, timestamp and transaction_id are never null.
 */
const NULLABLE_KEY_PARTS: Record<string, string[]> = { events: ['external_subscription_id'] };

// The streams, known before the sync so that each gets its own tests (as the SDK's test class has one per stream).
const STREAMS = schemaStreamNames();

let harness: Harness;
let catalog: { streams: Json[] };
let sync: Run;
const records = new Map<string, Json[]>();
const entry = (stream: string): Json => catalog.streams.find((s) => s.tap_stream_id === stream)!;

beforeAll(async () => {
  harness = await Harness.start();
  const config = await harness.configFile(BASE);
  const discovered = await tap(['--config', config, '--discover']);
  expect(discovered.code).toBe(0);
  catalog = JSON.parse(discovered.stdout);
  // TapTestRunner.sync_all: a sync with the discovered catalog as it is (every stream is selected by default).
  sync = await tap(['--config', config, '--catalog', await harness.files.write('catalog.json', catalog)]);
  for (const message of sync.messages) if (message.type === 'RECORD') records.set(message.stream, [...(records.get(message.stream) ?? []), message.record]);
}, 120_000);
afterAll(() => harness.stop());

describe('tap_tests (singer_sdk/testing/suites.py)', () => {
  // tap_tests.py TapCLIPrintsTest ("tap__cli_prints"): print_version(), print_about(), print_about(output_format="json").
  test('tap__cli_prints: --version, --about and --about --format json print and exit 0', async () => {
    const version = await tap(['--version']);
    expect(version.code).toBe(0);
    expect(version.stdout).toMatch(/^tap-lago v\d+\.\d+\.\d+/);
    const text = await tap(['--about']);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^Name: tap-lago\n/);
    const json = await tap(['--about', '--format', 'json']);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({ name: 'tap-lago', capabilities: expect.arrayContaining(['catalog', 'discover', 'state']) });
  });

  // tap_tests.py TapDiscoveryTest ("tap__discovery"): run_discovery(), then a new tap initialised with that catalog.
  test('tap__discovery: --discover prints a catalog the tap then takes as --catalog', () => {
    expect(catalog.streams.map((s) => s.tap_stream_id).sort()).toEqual(STREAMS);
    expect(sync.code).toBe(0);
    expect(sync.stderr).not.toMatch(/Invalid catalog/);
  });

  // tap_tests.py TapStreamConnectionTest ("tap__stream_connections"): run_connection_test() syncs every stream
  // (up to one record each) and fails on the first error. Here: the whole sync, every stream, no error.
  test('tap__stream_connections: every stream syncs without an error', () => {
    expect(sync.code).toBe(0);
    expect(sync.stderr.split('\n').filter((line) => line.startsWith('ERROR'))).toEqual([]);
    expect(sync.messages.filter((m) => m.type === 'SCHEMA').map((m) => m.stream).sort()).toEqual(STREAMS);
    expect(sync.stdout.includes(SECRET_KEY) || sync.stderr.includes(SECRET_KEY)).toBe(false);
  });

  // tap_tests.py TapValidFinalStateTest ("tap__valid_final_state"): the last STATE has no "progress_markers"
  // (singer-sdk's marker of a stream still in progress, or one whose records came unsorted).
  test('tap__valid_final_state: the last message is a STATE without progress markers', () => {
    const states = sync.messages.filter((m) => m.type === 'STATE');
    expect(states.length).toBeGreaterThan(0);
    const final = states.at(-1);
    expect(sync.messages.at(-1)).toEqual(final);
    expect(JSON.stringify(final.value)).not.toMatch(/progress_markers/);
    expect(Object.keys(final.value.bookmarks).sort()).toEqual(['credit_notes', 'events', 'invoices']);
  });
});

describe.each(STREAMS)('tap_stream_tests (singer_sdk/testing/suites.py): %s', (stream) => {
  const rows = () => records.get(stream) ?? [];
  const schema = () => entry(stream).schema as Json;
  const schemaMessage = () => sync.messages.find((m) => m.type === 'SCHEMA' && m.stream === stream);

  // tap_tests.py StreamReturnsRecordTest ("<stream>__returns_record"): at least one record.
  test('returns_record', () => {
    expect(rows().length).toBeGreaterThan(0);
  });

  // tap_tests.py StreamSchemaIsValidTest ("<stream>__schema_is_valid"): Draft202012Validator.check_schema(schema),
  // i.e. against the 2020-12 meta-schema whatever "$schema" says; and against the draft it names (draft-07).
  test('schema_is_valid', () => {
    const { $schema: _draft, ...rest } = schema();
    const ajv2020 = new Ajv2020({ strict: false });
    expect({ valid: ajv2020.validateSchema(rest), errors: ajv2020.errorsText(ajv2020.errors) }).toEqual({ valid: true, errors: 'No errors' });
    const ajv7 = newRecordAjv();
    expect({ valid: ajv7.validateSchema(schema()), errors: ajv7.errorsText(ajv7.errors) }).toEqual({ valid: true, errors: 'No errors' });
  });

  // tap_tests.py StreamRecordMatchesStreamSchema ("<stream>__record_matches_stream_schema"): every record valid
  // against the stream's schema, formats checked (the SDK passes FORMAT_CHECKER). Here the SCHEMA message's schema.
  test('record_matches_stream_schema', () => {
    const validate = newRecordAjv().compile(schemaMessage().schema);
    const invalid = rows().filter((record) => !validate(record));
    expect(invalid.length === 0 ? 'all valid' : `${invalid.length} invalid, e.g. ${newRecordAjv().errorsText((validate(invalid[0]), validate.errors))}`).toBe('all valid');
  });

  // tap_tests.py StreamRecordSchemaMatchesCatalogTest ("<stream>__record_schema_matches_transformed_catalog"):
  // no record field the catalog schema lacks.
  test('record_schema_matches_transformed_catalog', () => {
    const properties = new Set(Object.keys(schema().properties));
    const extra = new Set(rows().flatMap((record) => Object.keys(record).filter((field) => !properties.has(field))));
    expect([...extra]).toEqual([]);
  });

  // tap_tests.py StreamCatalogSchemaMatchesRecordTest ("<stream>__transformed_catalog_schema_matches_record"): the
  // SDK only warns about catalog fields no record has. Asserted here the way that can hold for any data: every
  // field a record lacks is one the schema does not require.
  test('transformed_catalog_schema_matches_record', () => {
    const required: string[] = schema().required ?? [];
    const seen = new Set(rows().flatMap((record) => Object.keys(record)));
    expect(required.filter((field) => !seen.has(field))).toEqual([]);
    // the SCHEMA message carries the catalog's properties
    expect(Object.keys(schemaMessage().schema.properties).sort()).toEqual(Object.keys(schema().properties).sort());
  });

  // tap_tests.py StreamPrimaryKeysTest ("<stream>__primary_keys"): every record has its key fields, none null, and
  // no two records share a key. One deliberate exception, which an SDK run would report: see NULLABLE_KEY_PARTS.
  test('primary_keys', () => {
    const keys: string[] = entry(stream).key_properties;
    expect(keys.length).toBeGreaterThan(0);
    expect(schemaMessage().key_properties).toEqual(keys);
    const nullable = NULLABLE_KEY_PARTS[stream] ?? [];
    const missing = rows().filter((record) => keys.some((key) => record[key] === undefined || (record[key] === null && !nullable.includes(key))));
    expect(missing).toEqual([]);
    const ids = rows().map((record) => JSON.stringify(keys.map((key) => record[key])));
    expect(new Set(ids).size).toBe(ids.length);
  });
});

/** singer_sdk/helpers/_typing.py: the type names a property schema allows (its "type", or each anyOf option's). */
function typesOf(property: Json): string[] {
  const options: unknown[] = property.anyOf ?? [property];
  return options.flatMap((option: any) => (option === null || typeof option !== 'object' ? [] : [option.type].flat().filter((type): type is string => typeof type === 'string')));
}
const formatsOf = (property: Json): unknown[] => (property.anyOf ?? property.oneOf ?? [property]).map((option: Json) => option?.format);

/** The attribute tests: which properties each applies to (its `evaluate`), and what each value must be (its `test`). */
const ATTRIBUTE_TESTS: Record<string, { origin: string; applies: (property: Json) => boolean; valid: (value: unknown) => boolean }> = {
  // AttributeIsBooleanTest: is_boolean_type; a bool or "true"/"false" in any case.
  is_boolean: { origin: 'AttributeIsBooleanTest', applies: (p) => typesOf(p).includes('boolean'), valid: (v) => typeof v === 'boolean' || ['true', 'false'].includes(String(v).toLowerCase()) },
  // AttributeIsDateTimeTest: is_date_or_datetime_type (format date or date-time); parsed by datetime.fromisoformat.
  is_datetime: {
    origin: 'AttributeIsDateTimeTest',
    applies: (p) => formatsOf(p).some((format) => format === 'date' || format === 'date-time'),
    valid: (v) => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.test(v) && !Number.isNaN(Date.parse(v.length === 10 ? `${v}T00:00:00Z` : v)),
  },
  // AttributeIsIntegerTest: is_integer_type; an int, or a value int() accepts (a whole-number string; Python's int()
  // also truncates a float, so any finite number passes).
  is_integer: { origin: 'AttributeIsIntegerTest', applies: (p) => typesOf(p).includes('integer'), valid: (v) => (typeof v === 'number' && Number.isFinite(v)) || (typeof v === 'string' && /^\s*[-+]?\d+\s*$/.test(v)) },
  // AttributeIsNumberTest: is_number_type; a float or an int (a JSON number), never a string.
  is_numeric: { origin: 'AttributeIsNumberTest', applies: (p) => typesOf(p).includes('number'), valid: (v) => typeof v === 'number' },
  // AttributeIsObjectTest: is_object_type; a dict.
  is_object: { origin: 'AttributeIsObjectTest', applies: (p) => typesOf(p).includes('object'), valid: (v) => typeof v === 'object' && v !== null && !Array.isArray(v) },
};

describe.each(STREAMS)('tap_stream_attribute_tests (singer_sdk/testing/suites.py): %s', (stream) => {
  const rows = () => records.get(stream) ?? [];
  const properties = () => Object.entries<Json>(entry(stream).schema.properties);

  // One test per kind, over every property it applies to (the SDK has one per property: "<stream>__<attr>__<test>").
  // Values are the non-null ones (AttributeTestTemplate.non_null_attribute_values).
  test.each(Object.keys(ATTRIBUTE_TESTS))('%s', (name) => {
    const check = ATTRIBUTE_TESTS[name]!;
    const tested = properties().filter(([, property]) => check.applies(property));
    const failures: string[] = [];
    for (const [field] of tested) {
      const bad = rows().find((record) => record[field] !== null && record[field] !== undefined && !check.valid(record[field]));
      if (bad) failures.push(`${field}: ${JSON.stringify(bad[field])} (${check.origin})`);
    }
    expect(failures).toEqual([]);
  });

  // AttributeNotNullTest ("<stream>__<attr>__not_null"): applies to every property whose schema does not allow null
  // (not is_null_type); no record may have it null or missing.
  test('not_null', () => {
    const nonNullable = properties().filter(([, property]) => (property.type !== undefined || property.anyOf !== undefined) && !typesOf(property).includes('null'));
    const failures = nonNullable.filter(([field]) => rows().some((record) => record[field] === null || record[field] === undefined)).map(([field]) => field);
    expect(failures).toEqual([]);
  });
});

test('each attribute test applies to some property of some stream, so none passes by testing nothing', () => {
  for (const [name, check] of Object.entries(ATTRIBUTE_TESTS)) {
    const applied = STREAMS.flatMap((stream) => Object.values<Json>(entry(stream).schema.properties).filter((property) => check.applies(property)));
    expect({ name, applied: applied.length > 0 }).toEqual({ name, applied: true });
  }
});
