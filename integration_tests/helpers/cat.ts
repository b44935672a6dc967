// Checks of Airbyte's Connector Acceptance Tests (CAT 3.x), ported to TypeScript for cat-port.test.ts. Each function
// names its origin: a file under airbyte-integrations/bases/connector-acceptance-test/connector_acceptance_test/ and
// the test (or helper) in it, so the next maintainer can compare them line by line. Each returns the problems found
// (empty = the check passes), in CAT's words where it has them.
import type { ValidateFunction } from 'ajv';
import { newRecordAjv } from './schemas.js';

type Json = Record<string, any>;
const isObject = (x: unknown): x is Json => typeof x === 'object' && x !== null && !Array.isArray(x);

/** dpath.util.search(node, "**\/key"): every [path, value] whose last segment is `key`, lists walked by index. */
export function searchKey(node: unknown, key: string, path: string[] = [], found: Array<[string[], unknown]> = []): Array<[string[], unknown]> {
  if (Array.isArray(node)) node.forEach((item, i) => searchKey(item, key, [...path, String(i)], found));
  else if (isObject(node)) {
    for (const [k, value] of Object.entries(node)) {
      if (k === key) found.push([[...path, k], value]);
      searchKey(value, key, [...path, k], found);
    }
  }
  return found;
}

/** JsonSchemaHelper.get_node / get_parent (utils/json_schema_helper.py). */
export function nodeAt(root: unknown, path: readonly string[]): any {
  return path.reduce<any>((node, part) => (node == null ? undefined : node[part]), root);
}
const parentOf = (root: unknown, path: readonly string[]) => nodeAt(root, path.slice(0, -1));

/** utils/common.py find_all_values_for_key_in_schema. */
export const valuesOfKey = (schema: unknown, key: string): unknown[] => searchKey(schema, key).map(([, value]) => value);

// --- TestSpec (tests/test_core.py) ---------------------------------------------------------------------------------

/** TestSpec.test_enum_usage: enum lists contain distinct values. */
export function enumUsageErrors(spec: Json): string[] {
  return searchKey(spec, 'enum')
    .filter(([, list]) => Array.isArray(list) && new Set(list.map((v) => JSON.stringify(v))).size !== list.length)
    .map(([path, list]) => `${path.join('/')}: enum lists should not contain duplicate values: ${JSON.stringify(list)}`);
}

/** TestSpec.test_oneof_usage: a oneOf/anyOf sits on an object; its variants share exactly one `const` property. */
export function oneOfUsageErrors(spec: Json): string[] {
  const errors: string[] = [];
  for (const keyword of ['oneOf', 'anyOf']) {
    for (const [path, variants] of searchKey(spec, keyword)) {
      const at = path.join('.');
      if (parentOf(spec, path)?.type !== 'object') errors.push(`${at}: the top-level definition in a oneOf block should have type: object`);
      if (!Array.isArray(variants) || variants.some((v) => !isObject(v) || !isObject(v.properties))) {
        errors.push(`${at}: each item in the oneOf array should be a property with type object`);
        continue;
      }
      const common = Object.keys(variants[0].properties).filter((k) => variants.every((v) => k in v.properties));
      if (common.length === 0) errors.push(`${at}: there should be at least one common property`);
      const consts = common.filter((k) => variants.every((v) => 'const' in v.properties[k]));
      if (consts.length !== 1) {
        errors.push(`${at}: there should be exactly one common property with 'const' keyword`);
        continue;
      }
      variants.forEach((v, n) => {
        const prop = v.properties[consts[0]!];
        if ('default' in prop && prop.default !== prop.const) errors.push(`${at}[${n}].${consts[0]}: 'default' needs to be identical to const`);
        if ('enum' in prop && !(prop.enum.length === 1 && prop.enum[0] === prop.const)) errors.push(`${at}[${n}].${consts[0]}: 'enum' needs to be an array with a single item identical to const`);
      });
    }
  }
  return errors;
}

/** The secret_property_names fixture of tests/test_core.py. */
export const SECRET_PROPERTY_NAMES = [
  'client_token', 'access_token', 'api_token', 'token', 'secret', 'client_secret', 'password', 'key', 'service_account_info',
  'service_account', 'tenant_id', 'certificate', 'jwt', 'credentials', 'app_id', 'appid', 'refresh_token',
];

/** TestSpec.test_secret_is_properly_marked (with _is_spec_property_name_secret and _property_can_store_secret). */
export function secretMarkingErrors(spec: Json): string[] {
  const reserved = ['anyOf', 'oneOf', 'allOf', 'not', 'properties', 'items', 'type', 'prefixItems'];
  const properties = spec.properties ?? {};
  const errors: string[] = [];
  for (const [path] of searchKey(properties, 'type')) {
    const name = [...path.slice(0, -1)].reverse().find((part) => !/^\d+$/.test(part) && !reserved.includes(part));
    if (!name || !SECRET_PROPERTY_NAMES.includes(name.toLowerCase())) continue;
    const property = parentOf(properties, path);
    const type = property.type;
    const unsecure = ['string', 'integer', 'number'];
    const canStore = (typeof type === 'string' && unsecure.includes(type)) || (Array.isArray(type) && type.some((t) => unsecure.includes(t)));
    const possiblySecret = canStore && !property.const;
    const marked = property.airbyte_secret === true;
    if (marked && !possiblySecret) errors.push(`/${path.slice(0, -1).join('/')}: marked with airbyte_secret although it cannot hold a secret`);
    if (!marked && possiblySecret) errors.push(`/${path.slice(0, -1).join('/')}: should be marked with airbyte_secret`);
  }
  return errors;
}

/** TestSpec.test_property_type_is_not_array: `**\/properties/*\/type` is one type, or [T, "null"]. */
export function propertyTypeErrors(spec: Json): string[] {
  const errors: string[] = [];
  for (const [path, type] of searchKey(spec, 'type')) {
    if (path.at(-3) !== 'properties' || !Array.isArray(type)) continue;
    if (type.length !== 1 && type.length !== 2) errors.push(`${path.join('/')} is not either a simple type or an array of a simple type plus null: ${JSON.stringify(type)}`);
    if (type.length === 2 && type[1] !== 'null') errors.push(`Second type of ${path.join('/')} is not null: ${JSON.stringify(type)}`);
  }
  return errors;
}

/** TestSpec.test_object_not_empty: every object but the root has properties (or a oneOf), or the UI cannot render it. */
export function emptyObjectErrors(spec: Json): string[] {
  return searchKey(spec, 'type')
    .filter(([path, type]) => path.length > 1 && type === 'object')
    .filter(([path]) => {
      const node = parentOf(spec, path);
      return !('oneOf' in node) && (!isObject(node.properties) || Object.keys(node.properties).length === 0);
    })
    .map(([path]) => `${path.join('/')} is an empty object which will not be represented correctly in the UI`);
}

/** TestSpec.test_array_type: an array's items are one schema, of type object, string, number or integer, or an enum. */
export function arrayTypeErrors(spec: Json): string[] {
  const errors: string[] = [];
  for (const [path, type] of searchKey(spec, 'type')) {
    if (type !== 'array') continue;
    const items = parentOf(spec, path).items;
    if (items === undefined) continue;
    if (Array.isArray(items)) errors.push(`${path.join('/')} is not just a single item type`);
    else if (!['object', 'string', 'number', 'integer'].includes(items.type) && !('enum' in items)) errors.push(`Items of ${path.join('/')} has to be either object or string or define an enum`);
  }
  return errors;
}

/** TestSpec.test_forbidden_complex_types: none of these keywords, except as a property's name. */
export function forbiddenComplexTypeErrors(spec: Json): string[] {
  const forbidden = ['not', 'anyOf', 'patternProperties', 'prefixItems', 'allOf', 'if', 'then', 'else', 'dependentSchemas', 'dependentRequired'];
  return forbidden.flatMap((key) => searchKey(spec, key).filter(([path]) => path.at(-2) !== 'properties').map(([path]) => `disallowed JSON schema feature: ${path.join('/')}`));
}

/** tests/test_core.py DATE_PATTERN and DATETIME_PATTERN: what TestSpec.test_date_pattern / test_date_format compare with. */
export const CAT_DATE_PATTERN = '^[0-9]{2}-[0-9]{2}-[0-9]{4}$';
export const CAT_DATETIME_PATTERN = '^[0-9]{4}-[0-9]{2}-[0-9]{2}(T[0-9]{2}:[0-9]{2}:[0-9]{2})?$';

/**
 * TestSpec.test_date_pattern and test_date_format. CAT only logs these (detailed_logger.warning), never fails on
 * them: returned apart from errors so a test can decide what to hold.
 */
export function dateWarnings(spec: Json): string[] {
  const warnings: string[] = [];
  for (const [path, format] of searchKey(spec, 'format')) {
    if (typeof format !== 'string') continue;
    const pattern = parentOf(spec, path).pattern;
    if (format === 'date' && pattern !== CAT_DATE_PATTERN) warnings.push(`${path.join('/')}: date format without the pattern ${CAT_DATE_PATTERN}`);
    if (format === 'date-time' && pattern !== CAT_DATETIME_PATTERN) warnings.push(`${path.join('/')}: date-time format without the pattern ${CAT_DATETIME_PATTERN}`);
  }
  for (const [path, pattern] of searchKey(spec, 'pattern')) {
    if (typeof pattern !== 'string') continue;
    const format = parentOf(spec, path).format;
    if (pattern === CAT_DATE_PATTERN && format !== 'date') warnings.push(`${path.join('/')}: a date pattern without format date`);
    if (pattern === CAT_DATETIME_PATTERN && format !== 'date-time') warnings.push(`${path.join('/')}: a date-time pattern without format date-time`);
  }
  return warnings;
}

/** TestSpec.test_defined_refs_exist_in_json_spec_file (and TestDiscovery.test_defined_refs_exist_in_schema): no $ref. */
export const refErrors = (schema: unknown): string[] => valuesOfKey(schema, '$ref').map((ref) => `unresolved $ref ${JSON.stringify(ref)}`);

/** TestSpec / TestDiscovery .test_additional_properties_is_true: every additionalProperties present is true. */
export const additionalPropertiesErrors = (schema: unknown): string[] =>
  valuesOfKey(schema, 'additionalProperties').filter((v) => v !== true).map((v) => `additionalProperties must be true when set (got ${JSON.stringify(v)})`);

/** TestSpec.test_duplicate_order: no two properties of one object share an `order` within a group. */
export function duplicateOrderErrors(spec: Json): string[] {
  const errors: string[] = [];
  for (const [path, properties] of searchKey(spec, 'properties')) {
    if (parentOf(spec, path)?.type !== 'object' || !isObject(properties)) continue;
    const used = new Map<string, Set<unknown>>();
    for (const property of Object.values(properties)) {
      if (!isObject(property) || !('order' in property)) continue;
      const group = String(property.group ?? '');
      const orders = used.get(group) ?? new Set();
      if (orders.has(property.order)) errors.push(`${path.join('/')} has duplicate order: ${property.order}`);
      orders.add(property.order);
      used.set(group, orders);
    }
  }
  return errors;
}

/** TestSpec.test_nested_group and test_display_type: groups only on top-level fields, display_type only beside oneOf. */
export function groupAndDisplayTypeErrors(spec: Json): string[] {
  const errors: string[] = [];
  for (const [path] of searchKey(spec.properties ?? {}, 'group')) {
    if (path.at(-2) === 'properties') continue; // a property named "group"
    if (path.length !== 2) errors.push(`Groups can only be defined on top level, is defined at /properties/${path.join('/')}`);
  }
  for (const [path, value] of searchKey(spec.properties ?? {}, 'display_type')) {
    if (path.at(-2) === 'properties') continue;
    if (!('oneOf' in parentOf(spec.properties, path))) errors.push(`display_type is only allowed on fields which have a oneOf property (/properties/${path.join('/')})`);
    if (value !== 'dropdown' && value !== 'radio') errors.push(`display_type must be either 'dropdown' or 'radio' (/properties/${path.join('/')})`);
  }
  return errors;
}

/** Every TestSpec check above that fails a CAT run. */
export const specErrors = (spec: Json): string[] => [
  ...enumUsageErrors(spec), ...oneOfUsageErrors(spec), ...secretMarkingErrors(spec), ...propertyTypeErrors(spec), ...emptyObjectErrors(spec),
  ...arrayTypeErrors(spec), ...forbiddenComplexTypeErrors(spec), ...refErrors(spec), ...additionalPropertiesErrors(spec), ...duplicateOrderErrors(spec),
  ...groupAndDisplayTypeErrors(spec),
];

// --- TestDiscovery (tests/test_core.py) ----------------------------------------------------------------------------

/** utils/common.py find_keyword_schema: the keyword anywhere but as the name of an object's property. */
export function hasKeyword(schema: unknown, key: string, skip = false): boolean {
  if (Array.isArray(schema)) return schema.some((item) => hasKeyword(item, key));
  if (!isObject(schema)) return false;
  return Object.entries(schema).some(([k, v]) => (k === key && !skip) || hasKeyword(v, key, k === 'properties' && schema.type === 'object'));
}

/** dpath.util.search(schema["properties"], "/properties/".join(path)): whether a field path is declared. */
export function declared(schema: Json, fieldPath: readonly string[]): Json | undefined {
  let node: any = { properties: schema.properties };
  for (const part of fieldPath) node = isObject(node?.properties) ? node.properties[part] : undefined;
  return isObject(node) ? node : undefined;
}

/**
 * TestDiscovery: test_streams_have_valid_json_schemas, test_defined_cursors_exist_in_schema,
 * test_defined_refs_exist_in_schema, test_defined_keyword_exist_in_schema (allOf, not), test_primary_keys_exist_in_schema,
 * test_streams_has_sync_modes, test_additional_properties_is_true, test_primary_keys_data_type.
 */
export function discoveryErrors(streams: Json[]): string[] {
  const errors: string[] = [];
  const ajv = newRecordAjv();
  for (const stream of streams) {
    const at = `stream ${stream.name}`;
    const schema = stream.json_schema;
    if (!ajv.validateSchema(schema)) errors.push(`${at}: json_schema is not a valid draft-07 schema: ${ajv.errorsText(ajv.errors)}`);
    if (stream.default_cursor_field?.length) {
      if (!('properties' in schema)) errors.push(`${at}: top level item should have an 'object' type`);
      else if (!declared(schema, stream.default_cursor_field)) errors.push(`${at}: cursor field ${JSON.stringify(stream.default_cursor_field)} is not in the schema`);
    }
    errors.push(...refErrors(schema).map((e) => `${at}: ${e}`));
    for (const keyword of ['allOf', 'not']) if (hasKeyword(schema, keyword)) errors.push(`${at}: not allowed keyword ${keyword}`);
    for (const pk of stream.source_defined_primary_key ?? []) {
      const field = declared(schema, pk);
      if (!field) errors.push(`${at}: primary key ${JSON.stringify(pk)} is not specified in the schema`);
      // set(primary_key_definition.get("type", [])): a list of types (a bare string is compared by its letters in CAT).
      else if ([field.type].flat().some((t: unknown) => t === 'object' || t === 'array')) errors.push(`${at}: primary key ${JSON.stringify(pk)} has a forbidden type ${JSON.stringify(field.type)}`);
    }
    if (!Array.isArray(stream.supported_sync_modes) || stream.supported_sync_modes.length === 0) errors.push(`${at}: supported_sync_modes should not be empty`);
    errors.push(...additionalPropertiesErrors(schema).map((e) => `${at}: ${e}`));
  }
  return errors;
}

// --- TestBasicRead (tests/test_core.py) ----------------------------------------------------------------------------

/** utils/common.py build_configured_catalog_from_discovered_catalog_and_empty_streams (basic read at high strictness). */
export const configuredFromDiscovered = (streams: Json[], empty: readonly string[] = []) => ({
  streams: streams.filter((s) => !empty.includes(s.name)).map((stream) => ({
    stream,
    sync_mode: stream.supported_sync_modes[0],
    destination_sync_mode: 'append',
    ...(stream.default_cursor_field ? { cursor_field: stream.default_cursor_field } : {}),
    ...(stream.source_defined_primary_key ? { primary_key: stream.source_defined_primary_key } : {}),
  })),
});

/** utils/common.py build_configured_catalog_from_custom_catalog: the file's streams, each replaced by the discovered one. */
export function configuredFromFile(file: Json, discovered: Map<string, Json>): Json {
  return { streams: file.streams.map((s: Json) => ({ ...s, stream: discovered.get(s.stream.name) ?? missing(s.stream.name) })) };
}
function missing(name: string): never {
  throw new Error(`The ${name} stream you have set in the configured catalog is not part of the discovered catalog`);
}

/** utils/common.py incremental_only_catalog / full_refresh_only_catalog. */
export const onlyMode = (catalog: Json, mode: 'incremental' | 'full_refresh'): Json => ({
  streams: catalog.streams.filter((s: Json) => s.stream.supported_sync_modes.includes(mode)).map((s: Json) => ({ ...s, sync_mode: mode })),
});

/** utils/json_schema_helper.py get_object_structure: "/a", "/a/b", "/a/[]" … of a record. */
export function objectPaths(value: unknown, prefix = ''): string[] {
  if (Array.isArray(value)) return [prefix, ...value.flatMap((item) => objectPaths(item, `${prefix}/[]`))];
  if (isObject(value)) return [...(prefix ? [prefix] : []), ...Object.entries(value).flatMap(([k, v]) => objectPaths(v, `${prefix}/${k}`))];
  return prefix ? [prefix] : [];
}

/** utils/json_schema_helper.py get_expected_schema_structure (without the oneOf annotation). */
export function schemaPaths(schema: Json, prefix = ''): string[] {
  const out: string[] = prefix ? [prefix] : [];
  for (const variant of [schema, ...(schema.oneOf ?? []), ...(schema.anyOf ?? [])]) {
    if (isObject(variant.properties)) for (const [k, sub] of Object.entries(variant.properties)) out.push(...schemaPaths(sub as Json, `${prefix}/${k}`));
    if (isObject(variant.items)) out.push(...schemaPaths(variant.items, `${prefix}/[]`));
  }
  return out;
}

/**
 * TestBasicRead._validate_schema: each record shares a path with its schema (_validate_records_structure) and
 * validates against it (utils/asserts.py verify_records_schema: draft-07, strict integers, date and date-time
 * formats; with fail_on_extra_columns the top level gets additionalProperties: false).
 */
export function recordSchemaErrors(records: Json[], catalog: Json, failOnExtraColumns: boolean): string[] {
  const errors: string[] = [];
  const validators = new Map<string, ValidateFunction>();
  const structures = new Map<string, Set<string>>();
  for (const { stream } of catalog.streams) {
    const schema = failOnExtraColumns ? { ...stream.json_schema, additionalProperties: false } : stream.json_schema;
    validators.set(stream.name, newRecordAjv().compile(schema));
    structures.set(stream.name, new Set(schemaPaths(stream.json_schema)));
  }
  for (const record of records) {
    const paths = structures.get(record.stream);
    if (paths && paths.size > 0 && !objectPaths(record.data).some((p) => paths.has(p))) errors.push(`${record.stream}: record shares no field with its schema`);
    const validate = validators.get(record.stream);
    if (validate && !validate(record.data)) errors.push(`${record.stream}: ${JSON.stringify(record.data).slice(0, 120)}…: ${newRecordAjv().errorsText(validate.errors)}`);
  }
  return errors;
}

/** TestBasicRead._validate_empty_streams: every configured stream has records, unless declared empty. */
export function emptyStreamErrors(records: Json[], catalog: Json, allowedEmpty: readonly string[]): string[] {
  const seen = new Set(records.map((r) => r.stream));
  return catalog.streams.map((s: Json) => s.stream.name).filter((name: string) => !seen.has(name) && !allowedEmpty.includes(name)).map((name: string) => `stream ${name} returned no records`);
}

/** TestBasicRead._validate_primary_keys_data_type (with primary_keys_for_records). */
export function primaryKeyValueErrors(records: Json[], catalog: Json): string[] {
  const keys = new Map<string, string[][]>(catalog.streams.filter((s: Json) => s.stream.source_defined_primary_key).map((s: Json) => [s.stream.name, s.stream.source_defined_primary_key]));
  const errors = new Set<string>();
  for (const record of records) {
    const key = keys.get(record.stream);
    if (!key) continue;
    const values = key.map((path) => path.reduce<any>((data, part) => (isObject(data) ? data[part] : undefined), record.data));
    if (values.some((v) => typeof v === 'object' && v !== null)) errors.add(`Stream ${record.stream} contains primary key with forbidden type`);
    if (values.every((v) => v === null || v === undefined)) errors.add(`Stream ${record.stream} contains primary key with null values in all its parts`);
  }
  return [...errors];
}

/** TestBasicRead._validate_stream_statuses: every stream STARTED, then RUNNING (≥ 1), then COMPLETE. */
export function streamStatusErrors(messages: Json[], catalog: Json): string[] {
  const statuses = new Map<string, string[]>();
  for (const m of messages) {
    if (m.type !== 'TRACE' || m.trace.type !== 'STREAM_STATUS') continue;
    const name = m.trace.stream_status.stream_descriptor.name;
    statuses.set(name, [...(statuses.get(name) ?? []), m.trace.stream_status.status]);
  }
  const errors: string[] = [];
  const configured = catalog.streams.map((s: Json) => s.stream.name).sort();
  if (JSON.stringify([...statuses.keys()].sort()) !== JSON.stringify(configured)) errors.push('All stream must emit status');
  for (const [name, list] of statuses) {
    if (list.length < 3 || list[0] !== 'STARTED' || list.at(-1) !== 'COMPLETE' || !list.slice(1, -1).every((s) => s === 'RUNNING')) {
      errors.push(`Stream ${name} statuses should be emitted in the next order: STARTED, RUNNING,... COMPLETE (got ${list.join(', ')})`);
    }
  }
  return errors;
}

/** TestBasicRead._validate_state_messages: at least one state per stream, none LEGACY, each with sourceStats. */
export function stateMessageErrors(messages: Json[], catalog: Json): string[] {
  const states = messages.filter((m) => m.type === 'STATE');
  const errors: string[] = [];
  if (states.length < catalog.streams.length) errors.push('At least one state message should be emitted for each configured stream.');
  for (const { state } of states) {
    if (state.type === 'LEGACY' || state.type === undefined) errors.push(`${state.stream?.stream_descriptor?.name}: LEGACY state`);
    if (!isObject(state.sourceStats) || typeof state.sourceStats.recordCount !== 'number') errors.push(`${state.stream?.stream_descriptor?.name}: Source stats should be in state message.`);
  }
  return errors;
}

// --- TestIncremental (tests/test_incremental.py) -------------------------------------------------------------------

/** construct_latest_state_from_messages, then the state input test_two_sequential_reads builds from it. */
export function latestStateInput(messages: Json[]): Json[] {
  const latest = new Map<string, unknown>();
  for (const m of messages) if (m.type === 'STATE' && m.state.type === 'STREAM') latest.set(m.state.stream.stream_descriptor.name, m.state.stream.stream_state ?? {});
  return [...latest].map(([name, state]) => ({ type: 'STREAM', stream: { stream_descriptor: { name }, stream_state: state } }));
}

/**
 * TestIncremental._get_unique_state_messages_with_record_count and _states_with_expected_record_count_batch_selector:
 * the checkpoints worth reading from, each with the records a read from it must return at least.
 */
export function checkpointsToTry(states: Json[]): Array<[Json, number]> {
  const count = (s: Json) => s.state.sourceStats.recordCount as number;
  const same = (a: Json, b: Json) => JSON.stringify(a.state.stream.stream_state) === JSON.stringify(b.state.stream.stream_state);
  let unique: Array<[Json, number]>;
  if (states.length <= 1) unique = states.filter(count).map((s) => [s, 0]);
  else {
    const picked: Json[] = [];
    let current = 0;
    while (current < states.length - 1) {
      let next = current + 1;
      while (same(states[current]!, states[next]!) && next < states.length - 1) next += 1;
      const merged = structuredClone(states[current]!);
      merged.state.sourceStats = { recordCount: states.slice(current, next).reduce((sum, s) => sum + count(s), 0) };
      picked.push(merged);
      if (next === states.length - 1 && !same(states[current]!, states[next]!)) picked.push(states[next]!);
      current = next;
    }
    const nonZero = picked.filter(count);
    const total = nonZero.reduce((sum, s) => sum + count(s), 0);
    unique = nonZero.map((s, i) => [s, total - nonZero.slice(0, i + 1).reduce((sum, t) => sum + count(t), 0)]);
  }
  if (unique.length < 3) return unique.slice(-1);
  const sampleRate = Math.floor(unique.length / 5) || 1; // MIN_BATCHES_TO_TEST = 5
  return unique.filter((_, i) => i !== 0 && i % sampleRate === 0 && i !== unique.length - 1);
}

/** TestIncremental._get_cursor_values_from_states_by_cursor: every value under the cursor's key, however deep. */
export const cursorValues = (state: unknown, cursorField: string): unknown[] => valuesOfKey(state, cursorField);

/** TestIncremental._check_cursor_by_char_types: same length, letters/digits where the other has them, same punctuation. */
export function sameCursorShape(actual: string, expected: string): boolean {
  if (actual.length !== expected.length) return false;
  return [...actual].every((a, i) => {
    const e = expected[i]!;
    const kind = (c: string) => (/\p{L}/u.test(c) ? 'alpha' : /\d/.test(c) ? 'digit' : 'other');
    return kind(a) === kind(e) && (kind(a) !== 'other' || a === e);
  });
}
