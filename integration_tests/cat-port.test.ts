import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import {
  additionalPropertiesErrors, arrayTypeErrors, checkpointsToTry, configuredFromDiscovered, configuredFromFile, cursorValues, dateWarnings, discoveryErrors,
  emptyObjectErrors, emptyStreamErrors, enumUsageErrors, forbiddenComplexTypeErrors, latestStateInput, oneOfUsageErrors, onlyMode, primaryKeyValueErrors,
  propertyTypeErrors, recordSchemaErrors, refErrors, sameCursorShape, secretMarkingErrors, specErrors, stateMessageErrors, streamStatusErrors,
} from './helpers/cat.js';
import { ofType, ROOT, tracesOf } from './helpers/cli.js';
import { harnessPerFile, SECRET_KEY, type CheckedRun } from './helpers/harness.js';
import { expectInvariants } from './helpers/invariants.js';
import { validateConfiguredCatalog } from './helpers/protocol.js';
import { newRecordAjv } from './helpers/schemas.js';

/**
 * Airbyte's Connector Acceptance Tests (CAT 3.x) as acceptance-test-config.yml sets them up, run with jest through
 * the built CLI against the fake Lago. Each test names the CAT test it ports (connector_acceptance_test/tests/
 * test_core.py, test_full_refresh.py, test_incremental.py); the checks themselves are in helpers/cat.ts. Every run's
 * stdout is validated against the official protocol schema (protocolErrors) and the key must appear nowhere.
 * Checks acceptance.test.ts and spec-discover.test.ts already make are named, not repeated.
 */

const fake = harnessPerFile();
const file = (name: string) => JSON.parse(readFileSync(join(ROOT, 'integration_tests', name), 'utf8'));
const cat = parse(readFileSync(join(ROOT, 'acceptance-test-config.yml'), 'utf8')).acceptance_tests;
const basicRead = cat.basic_read.tests[0];
/** sample_config.json, pointed at this run's fake Lago (the file points at one on port 8080). */
const sampleConfig = () => ({ ...file('sample_config.json'), api_key: SECRET_KEY, api_url: fake.current.lago.url });

async function run(args: string[]): Promise<CheckedRun> {
  const result = await fake.current.run(args);
  expect(result.protocolErrors).toEqual([]);
  expect(result.leakedKey).toBe(false);
  return result;
}
async function spec(): Promise<Record<string, any>> {
  const result = await run(['spec']);
  return ofType(result.messages, 'SPEC')[0].spec;
}
async function discover(): Promise<Array<Record<string, any>>> {
  const result = await run(['discover', '--config', await fake.current.files.write('cat-config.json', sampleConfig())]);
  expect(result.code).toBe(0);
  return ofType(result.messages, 'CATALOG')[0].catalog.streams;
}
async function read(catalog: unknown, options: { state?: unknown; config?: Record<string, unknown> } = {}): Promise<CheckedRun> {
  const name = Math.random().toString(36).slice(2);
  const args = ['read', '--config', await fake.current.files.write(`config-${name}.json`, { ...sampleConfig(), ...options.config }), '--catalog', await fake.current.files.write(`catalog-${name}.json`, catalog)];
  if (options.state !== undefined) args.push('--state', await fake.current.files.write(`state-${name}.json`, options.state));
  const result = await run(args);
  expectInvariants(result, (catalog as any).streams.map((s: any) => s.stream.name));
  return result;
}
const records = (result: CheckedRun) => ofType(result.messages, 'RECORD').map((m) => m.record);
const states = (result: CheckedRun) => ofType(result.messages, 'STATE');
const discovered = async () => new Map((await discover()).map((s) => [s.name, s]));
/** The configured catalog of the full_refresh and incremental suites (configured_catalog_path), as CAT builds it. */
const shippedCatalog = async () => configuredFromFile(file('configured_catalog.json'), await discovered());

describe('TestSpec (test_core.py)', () => {
  // test_match_expected (spec == spec.json) and "emitted exactly once": spec-discover.test.ts. test_image_labels and
  // test_image_environment_variables (AIRBYTE_ENTRYPOINT): docker.test.ts.
  test('test_object_not_empty, test_property_type_is_not_array, test_array_type, test_forbidden_complex_types, test_enum_usage, test_oneof_usage, test_defined_refs_exist_in_json_spec_file, test_additional_properties_is_true, test_duplicate_order, test_nested_group, test_display_type', async () => {
    const { connectionSpecification } = await spec();
    expect(specErrors(connectionSpecification)).toEqual([]);
  });

  test('test_secret_is_properly_marked, and api_key (a name CAT does not list) is secret too', async () => {
    const { connectionSpecification } = await spec();
    expect(secretMarkingErrors(connectionSpecification)).toEqual([]);
    expect(connectionSpecification.properties.api_key.airbyte_secret).toBe(true);
    // Nothing but the key is hidden: a hidden filter or URL would be unreadable in the UI for no reason.
    const hidden = JSON.stringify(connectionSpecification).match(/"airbyte_secret":true/g) ?? [];
    expect(hidden).toHaveLength(1);
  });

  test('test_config_match_spec: sample_config.json is valid under the spec (invalid_config.json is not)', async () => {
    const validate = newRecordAjv().compile((await spec()).connectionSpecification);
    expect(validate(file('sample_config.json'))).toBe(true);
    expect(validate(file('invalid_config.json'))).toBe(false);
  });

  test('test_date_pattern / test_date_format: every date field has a pattern, and what Airbyte\'s date pickers write matches it', async () => {
    // CAT only warns here, comparing with its own patterns (DD-MM-YYYY for a date, no zone for a date-time); the
    // spec keeps patterns that demand a zone (Lago's times are instants), so the warnings are expected: what
    // matters is that the UI's values pass.
    const { connectionSpecification } = await spec();
    const warnings = dateWarnings(connectionSpecification);
    expect(warnings.length).toBeGreaterThan(0);
    for (const warning of warnings) expect(warning).toMatch(/^properties\/filters\/properties\/\w+\/properties\/\w+\/format: date(-time)? format without the pattern/);
    const picked = { date: '2025-01-31', 'date-time': '2025-01-31T00:00:00Z' } as const;
    const dateFields = JSON.stringify(connectionSpecification).match(/"format":"date(-time)?"/g) ?? [];
    expect(dateFields.length).toBe(warnings.length);
    const walk = (node: any): void => {
      if (node === null || typeof node !== 'object') return;
      if (node.format === 'date' || node.format === 'date-time') {
        expect(node.pattern).toEqual(expect.any(String));
        expect(picked[node.format as keyof typeof picked]).toMatch(new RegExp(node.pattern));
      }
      Object.values(node).forEach(walk);
    };
    walk(connectionSpecification);
  });

  test('the ported checks fail where CAT fails (each on a spec made to break it)', () => {
    const object = (properties: Record<string, unknown>) => ({ type: 'object', properties });
    expect(emptyObjectErrors(object({ body: { type: 'object', additionalProperties: true } }))).toHaveLength(1);
    expect(propertyTypeErrors(object({ a: { type: ['string', 'integer'] } }))).toHaveLength(1);
    expect(arrayTypeErrors(object({ a: { type: 'array', items: { type: 'boolean' } } }))).toHaveLength(1);
    expect(forbiddenComplexTypeErrors(object({ a: { anyOf: [{ type: 'string' }] }, not: { type: 'string' } }))).toHaveLength(1);
    expect(enumUsageErrors(object({ a: { type: 'string', enum: ['x', 'x'] } }))).toHaveLength(1);
    expect(oneOfUsageErrors(object({ a: { type: 'object', oneOf: [object({ kind: { const: 'x' } }), object({ kind: { const: 'y', default: 'x' } })] } }))).toHaveLength(1);
    expect(secretMarkingErrors(object({ password: { type: 'string' }, token: { type: 'boolean', airbyte_secret: true } }))).toHaveLength(2);
    expect(refErrors(object({ a: { $ref: '#/definitions/x' } }))).toHaveLength(1);
    expect(additionalPropertiesErrors(object({ a: { type: 'object', properties: { b: {} }, additionalProperties: false } }))).toHaveLength(1);
  });
});

describe('TestConnection.test_check (test_core.py)', () => {
  test('status succeed: exactly one CONNECTION_STATUS, SUCCEEDED', async () => {
    const result = await run(['check', '--config', await fake.current.files.write('check.json', sampleConfig())]);
    expect(result.code).toBe(0);
    expect(ofType(result.messages, 'CONNECTION_STATUS').map((m) => m.connectionStatus.status)).toEqual(['SUCCEEDED']);
  });

  test('status failed (invalid_config.json): exactly one CONNECTION_STATUS, FAILED, not an exception', async () => {
    const result = await run(['check', '--config', join(ROOT, 'integration_tests', 'invalid_config.json')]);
    expect(result.code).toBe(0);
    expect(ofType(result.messages, 'CONNECTION_STATUS').map((m) => m.connectionStatus.status)).toEqual(['FAILED']);
    expect(tracesOf(result.messages, 'ERROR')).toEqual([]);
    expect(result.stderr).not.toMatch(/Traceback|^\s+at /m);
  });
});

describe('TestDiscovery (test_core.py)', () => {
  test('test_discover: one CATALOG with streams, uniquely named', async () => {
    const result = await run(['discover', '--config', await fake.current.files.write('discover.json', sampleConfig())]);
    const catalogs = ofType(result.messages, 'CATALOG');
    expect(catalogs).toHaveLength(1);
    const names = catalogs[0].catalog.streams.map((s: any) => s.name);
    expect(names.length).toBeGreaterThan(0);
    expect(new Set(names).size).toBe(names.length);
  });

  test('test_streams_have_valid_json_schemas, test_defined_cursors_exist_in_schema, test_defined_refs_exist_in_schema, test_defined_keyword_exist_in_schema, test_primary_keys_exist_in_schema, test_streams_has_sync_modes, test_additional_properties_is_true, test_primary_keys_data_type', async () => {
    const streams = await discover();
    expect(discoveryErrors(streams)).toEqual([]);
    // The checks bite: a cursor or key the schema lacks, an allOf, a false additionalProperties.
    const invoices = streams.find((s) => s.name === 'invoices')!;
    const broken = {
      ...invoices,
      default_cursor_field: ['nope'],
      source_defined_primary_key: [['customer']],
      json_schema: { ...invoices.json_schema, allOf: [{}], additionalProperties: false },
    };
    expect(discoveryErrors([broken])).toEqual([
      expect.stringMatching(/cursor field \["nope"\] is not in the schema/),
      expect.stringMatching(/not allowed keyword allOf/),
      expect.stringMatching(/primary key \["customer"\] has a forbidden type/),
      expect.stringMatching(/additionalProperties must be true/),
    ]);
  });

  test('TestConnectorAttributes.test_streams_define_primary_key and metadata.yaml suggestedStreams: every stream has a key, every suggested stream exists', async () => {
    const streams = await discover();
    expect(streams.filter((s) => !s.source_defined_primary_key?.length).map((s) => s.name)).toEqual([]);
    const metadata = parse(readFileSync(join(ROOT, 'metadata.yaml'), 'utf8'));
    const names = streams.map((s) => s.name);
    for (const suggested of metadata.data.suggestedStreams.streams) expect(names).toContain(suggested);
  });
});

describe('TestBasicRead (test_core.py), as acceptance-test-config.yml sets it: high strictness, the discovered catalog', () => {
  test('test_read: records, schema with fail_on_extra_columns, no empty stream, primary keys, stream statuses, state messages', async () => {
    expect(basicRead.fail_on_extra_columns).toBe(true);
    const catalog = configuredFromDiscovered(await discover(), (basicRead.empty_streams ?? []).map((s: any) => s.name));
    expect(validateConfiguredCatalog(catalog)).toEqual([]);
    const result = await read(catalog);
    expect(result.code).toBe(0);
    const read_ = records(result);
    expect(read_.length).toBeGreaterThan(0);
    expect(recordSchemaErrors(read_, catalog, basicRead.fail_on_extra_columns)).toEqual([]);
    expect(emptyStreamErrors(read_, catalog, [])).toEqual([]);
    expect(primaryKeyValueErrors(read_, catalog)).toEqual([]);
    expect(streamStatusErrors(result.messages, catalog)).toEqual([]);
    expect(stateMessageErrors(result.messages, catalog)).toEqual([]);
  });

  test('fail_on_extra_columns bites: a field Lago sends that the schema lacks fails the read check', async () => {
    const catalog = configuredFromDiscovered((await discover()).filter((s) => s.name === 'taxes'));
    const taxes = fake.current.rows('taxes');
    const original = taxes[0];
    taxes[0] = { ...original, brand_new_field: 1 };
    try {
      const read_ = records(await read(catalog));
      expect(recordSchemaErrors(read_, catalog, true)).toEqual([expect.stringMatching(/^taxes: .*must NOT have additional properties/)]);
      expect(recordSchemaErrors(read_, catalog, false)).toEqual([]);
    } finally {
      taxes[0] = original!;
    }
  });

  test('test_airbyte_trace_message_on_failure: an unknown stream with sync_mode INVALID gives at least one TRACE ERROR', async () => {
    const invalid = {
      streams: [{
        stream: { name: '__AIRBYTE__stream_that_does_not_exist', json_schema: { type: 'object', properties: { f1: { type: 'string' } } }, supported_sync_modes: ['full_refresh'] },
        sync_mode: 'INVALID',
        destination_sync_mode: 'INVALID',
      }],
    };
    const result = await run(['read', '--config', await fake.current.files.write('trace.json', sampleConfig()), '--catalog', await fake.current.files.write('invalid-catalog.json', invalid)]);
    expect(result.code).not.toBe(0);
    expect(tracesOf(result.messages, 'ERROR').length).toBeGreaterThanOrEqual(1);
  });
});

describe('TestFullRefresh.test_sequential_reads (test_full_refresh.py), on configured_catalog.json', () => {
  test('two reads: every emitted_at of the second after all of the first; the same records by primary key', async () => {
    const catalog = onlyMode(await shippedCatalog(), 'full_refresh');
    expect(catalog.streams.length).toBe(file('configured_catalog.json').streams.length);
    const first = await read(catalog);
    const second = await read(catalog);
    expect([first.code, second.code]).toEqual([0, 0]);
    // assert_emitted_at_increase_on_subsequent_runs
    const firstRecords = records(first);
    expect(firstRecords.length).toBeGreaterThan(0);
    expect(Math.min(...records(second).map((r) => r.emitted_at))).toBeGreaterThan(Math.max(...firstRecords.map((r) => r.emitted_at)));
    // assert_two_sequential_reads_produce_same_or_subset_records, keyed by the configured primary keys.
    const keyed = (result: CheckedRun) => {
      const out: Record<string, string[]> = {};
      for (const s of catalog.streams) {
        const key: string[][] = s.primary_key ?? [];
        out[s.stream.name] = records(result).filter((r) => r.stream === s.stream.name).map((r) => JSON.stringify(key.map((path) => path.reduce((d: any, p) => d?.[p], r.data)))).sort();
      }
      return out;
    };
    expect(keyed(second)).toEqual(keyed(first));
  });
});

describe('TestIncremental (test_incremental.py), on configured_catalog.json made incremental', () => {
  const incrementalCatalog = async () => {
    const catalog = onlyMode(await shippedCatalog(), 'incremental');
    // configured_catalog_for_incremental_fixture: a cursor for each, from default_cursor_field.
    for (const s of catalog.streams) s.cursor_field ??= s.stream.default_cursor_field;
    return catalog;
  };

  test('the catalog has every incremental stream discover reports, each with its cursor', async () => {
    const incremental = (await discover()).filter((s) => s.supported_sync_modes.includes('incremental')).map((s) => s.name).sort();
    expect(incremental).toEqual(['credit_notes', 'events', 'invoices']);
    const catalog = await incrementalCatalog();
    expect(catalog.streams.map((s: any) => s.stream.name).sort()).toEqual(incremental);
    for (const s of catalog.streams) expect(s.cursor_field).toEqual(expect.arrayContaining([expect.any(String)]));
  });

  test('test_two_sequential_reads: records and states, then different records from the final state', async () => {
    const catalog = await incrementalCatalog();
    const first = await read(catalog);
    expect(states(first).length).toBeGreaterThan(0);
    expect(records(first).length).toBeGreaterThan(0);
    const second = await read(catalog, { state: latestStateInput(first.messages) });
    // naive_diff_records: the data of the two reads differ (ignoring order).
    const data = (result: CheckedRun) => records(result).map((r) => JSON.stringify(r.data)).sort();
    expect(data(second)).not.toEqual(data(first));
  });

  test.each([
    ['the default slices', {}],
    // A fixed slice size gives many checkpoints, so reads from the middle of the history are tried too.
    ['monthly slices', { slice_size: 'month' }],
  ])('test_read_sequential_slices (%s): a read from each sampled checkpoint returns at least the records after it', async (_, config) => {
    let tried = 0;
    for (const stream of (await incrementalCatalog()).streams) {
      const one = { streams: [stream] };
      const first = await read(one, { config });
      if (records(first).length === 0 || states(first).length === 0) continue;
      const checkpoints = checkpointsToTry(states(first));
      expect(checkpoints.length).toBeGreaterThan(0);
      const accumulated = new Map<string, unknown>();
      for (const [message, expected] of checkpoints) {
        accumulated.set(message.state.stream.stream_descriptor.name, message.state.stream.stream_state);
        const state = [...accumulated].map(([name, stream_state]) => ({ type: 'STREAM', stream: { stream_descriptor: { name }, stream_state } }));
        const nth = await read(one, { config, state });
        expect({ stream: stream.stream.name, state: message.state.stream.stream_state, atLeast: records(nth).length >= expected }).toEqual({ stream: stream.stream.name, state: message.state.stream.stream_state, atLeast: true });
        if (expected > 0) tried += 1;
      }
    }
    if ('slice_size' in config) expect(tried).toBeGreaterThan(0);
  });

  test('test_state_with_abnormally_large_values: abnormal_state.json gives zero records, a state per stream, cursors of the right type and shape', async () => {
    const future = file('abnormal_state.json');
    const catalog = await incrementalCatalog();
    // future_state_fixture at high strictness: the file names every incremental stream (so it cannot drift again).
    expect(future.map((s: any) => s.stream.stream_descriptor.name).sort()).toEqual(catalog.streams.map((s: any) => s.stream.name).sort());
    const result = await read(catalog, { state: future });
    expect(result.code).toBe(0);
    expect(records(result)).toEqual([]);
    expect(states(result).length).toBeGreaterThan(0);
    for (const s of catalog.streams) {
      const name = s.stream.name;
      const cursor = s.cursor_field[0];
      const futureValues = cursorValues(future.find((f: any) => f.stream.stream_descriptor.name === name).stream.stream_state, cursor);
      expect({ name, futureValues: futureValues.length > 0 && futureValues.every(Boolean) }).toEqual({ name, futureValues: true });
      const emitted = states(result).filter((m) => m.state.stream.stream_descriptor.name === name);
      expect(emitted.length).toBeGreaterThan(0);
      const expectedType = [s.stream.json_schema.properties[cursor].type].flat().filter((t: string) => t !== 'null');
      expect(expectedType).toEqual(['string']);
      for (const m of emitted) {
        const actual = cursorValues(m.state.stream.stream_state, cursor);
        actual.forEach((value, i) => {
          expect(typeof value).toBe('string');
          expect({ name, value, future: futureValues[i], sameShape: sameCursorShape(value as string, futureValues[i] as string) }).toEqual({ name, value, future: futureValues[i], sameShape: true });
        });
      }
    }
  });

  test('the incremental ports bite: a cursor of another shape, or a checkpoint selection over many states', () => {
    expect(sameCursorShape('2999-01-01T00:00:00.000Z', '2999-01-01T00:00:00Z')).toBe(false);
    expect(sameCursorShape('2026-12-06T20:22:28.572Z', '2999-01-01T00:00:00.000Z')).toBe(true);
    const state = (day: number, count: number) => ({ type: 'STATE', state: { type: 'STREAM', stream: { stream_descriptor: { name: 'events' }, stream_state: { timestamp: `2025-01-0${day}` } }, sourceStats: { recordCount: count } } });
    // Five checkpoints of 10 records: reading from the 2nd, 3rd and 4th must give at least 30, 20, 10 records.
    expect(checkpointsToTry([1, 2, 3, 4, 5].map((d) => state(d, 10))).map(([m, n]) => [m.state.stream.stream_state.timestamp, n])).toEqual([['2025-01-02', 30], ['2025-01-03', 20], ['2025-01-04', 10]]);
  });
});
