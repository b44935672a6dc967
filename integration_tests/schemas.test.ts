// The per-stream schemas in schemas/ follow the rules Airbyte's acceptance tests (and destinations) expect:
// valid draft-07, no $ref/allOf/anyOf/oneOf/not/if/patternProperties, open objects everywhere, simple types,
// primary keys present and scalar. Reads nothing outside the repository.
import { Ajv } from 'ajv';
import { STREAMS } from '../scripts/derive-schemas.mjs';
import {
  loadStreamSchema,
  loadStreamSchemas,
  makeRecordValidator,
  newRecordAjv,
  primaryKeys,
  schemaStreamNames,
} from './helpers/schemas.js';

type Node = Record<string, unknown>;

const FORBIDDEN = ['$ref', 'allOf', 'anyOf', 'oneOf', 'not', 'if', 'then', 'else', 'patternProperties', 'enum', 'examples', 'example', 'definitions', '$defs'];
const JSON_TYPES = new Set(['string', 'number', 'integer', 'boolean', 'object', 'array']);
const STREAM_NAMES = Object.keys(primaryKeys).sort();

/** Every schema node with its path: the root, properties' values and array items. */
function* nodes(node: Node, path: string): Generator<[string, Node]> {
  yield [path, node];
  const props = node.properties as Record<string, Node> | undefined;
  for (const [k, v] of Object.entries(props ?? {})) yield* nodes(v, `${path}.${k}`);
  if (node.items && typeof node.items === 'object' && !Array.isArray(node.items)) yield* nodes(node.items as Node, `${path}[]`);
}

function baseType(node: Node): unknown {
  return Array.isArray(node.type) ? node.type.find((t) => t !== 'null') : node.type;
}

test('there is exactly one schema per stream', () => {
  expect(schemaStreamNames()).toEqual(STREAM_NAMES);
  expect(Object.keys(loadStreamSchemas()).sort()).toEqual(STREAM_NAMES);
  // The derivation script knows the same streams and keys.
  expect(Object.fromEntries(STREAMS.map((s) => [s.name, s.primaryKey]))).toEqual(primaryKeys);
});

describe.each(STREAM_NAMES)('%s', (stream) => {
  const schema = loadStreamSchema(stream);
  const all = [...nodes(schema, stream)];

  test('is a draft-07 object schema that ajv compiles, with and without formats', () => {
    expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
    expect(schema.title).toBe(stream);
    expect(schema.type).toBe('object');
    expect(() => new Ajv({ strict: false }).compile(schema)).not.toThrow();
    expect(() => newRecordAjv().compile(schema)).not.toThrow();
    expect(typeof makeRecordValidator(stream)).toBe('function');
  });

  test('uses none of the keywords destinations and CAT reject, anywhere', () => {
    const found: string[] = [];
    const visit = (value: unknown, path: string): void => {
      if (Array.isArray(value)) value.forEach((v, i) => visit(v, `${path}[${i}]`));
      else if (value && typeof value === 'object') {
        for (const [k, v] of Object.entries(value)) {
          // Under `properties` the keys are field names, which may be anything (a field could be called `not`).
          const isFieldMap = path.endsWith('.properties');
          if (!isFieldMap && FORBIDDEN.includes(k)) found.push(`${path}.${k}`);
          visit(v, `${path}.${k}`);
        }
      }
    };
    visit(schema, stream);
    expect(found).toEqual([]);
  });

  test('every object allows additional properties', () => {
    const closed = all
      .filter(([, n]) => baseType(n) === 'object' || n.properties !== undefined)
      .filter(([, n]) => n.additionalProperties !== true)
      .map(([p]) => p);
    expect(closed).toEqual([]);
  });

  test('every type is a single JSON type or [T, "null"]', () => {
    const bad = all
      .filter(([, n]) => {
        if (n.type === undefined) return false; // any value (documented unions without a common type)
        if (typeof n.type === 'string') return !JSON_TYPES.has(n.type);
        return !(Array.isArray(n.type) && n.type.length === 2 && JSON_TYPES.has(n.type[0]) && n.type[1] === 'null');
      })
      .map(([p, n]) => `${p}: ${JSON.stringify(n.type)}`);
    expect(bad).toEqual([]);
  });

  test('untyped nodes are rare and say which types they can hold', () => {
    const untyped = all.filter(([, n]) => n.type === undefined);
    for (const [, n] of untyped) expect(String(n.description)).toMatch(/Can be any of: /);
    expect(untyped.length).toBeLessThanOrEqual(2);
  });

  test('keeps only date-time and date formats, on strings', () => {
    const bad = all
      .filter(([, n]) => n.format !== undefined && (!['date-time', 'date'].includes(n.format as string) || baseType(n) !== 'string'))
      .map(([p, n]) => `${p}: ${String(n.format)}`);
    expect(bad).toEqual([]);
  });

  test('lago ids are strings and amounts in cents are integers', () => {
    const bad = all
      .filter(([p, n]) => {
        const name = p.split(/[.[\]]/).filter(Boolean).pop() ?? '';
        if (/^lago_(\w+_)?id$/.test(name)) return baseType(n) !== 'string';
        // precise_*_cents are decimal strings (documented so): only whole cents must be integers.
        if (/_cents$/.test(name) && !/precise/.test(name)) return baseType(n) !== 'integer';
        return false;
      })
      .map(([p, n]) => `${p}: ${JSON.stringify(n.type)}`);
    expect(bad).toEqual([]);
  });

  test('primary-key fields exist, are scalar and are the only required fields', () => {
    const props = schema.properties as Record<string, Node>;
    const keys = primaryKeys[stream]!;
    for (const key of keys) {
      expect(props[key]).toBeDefined();
      expect(['string', 'integer', 'number']).toContain(baseType(props[key]!));
    }
    expect(schema.required).toEqual(keys);
    expect(all.filter(([p, n]) => p !== stream && n.required !== undefined).map(([p]) => p)).toEqual([]);
  });

  test('a record with only its primary key validates; extra fields and missing ones are tolerated', () => {
    const validate = makeRecordValidator(stream);
    const props = schema.properties as Record<string, Node>;
    const record: Record<string, unknown> = { some_future_field: { nested: [1, 'a'] } };
    for (const key of primaryKeys[stream]!) {
      record[key] = props[key]!.format === 'date-time' ? '2024-01-01T00:00:00Z' : 'key-1';
    }
    expect(validate(record) ? [] : validate.errors).toEqual([]);
    const { [primaryKeys[stream]![0]!]: _dropped, ...withoutKey } = record;
    expect(validate(withoutKey)).toBe(false);
  });
});

test('record validation: strict integers, date-time checked, null only where allowed', () => {
  const validate = makeRecordValidator('invoices');
  const base = { lago_id: 'inv-1' };
  expect(validate({ ...base, total_amount_cents: 100 })).toBe(true);
  expect(validate({ ...base, total_amount_cents: 1.5 })).toBe(false);
  expect(validate({ ...base, total_amount_cents: '100' })).toBe(false);
  expect(validate({ ...base, created_at: '2024-01-31T10:00:00Z' })).toBe(true);
  expect(validate({ ...base, created_at: 'yesterday' })).toBe(false);
  expect(validate({ ...base, issuing_date: '2024-01-31' })).toBe(true);
  expect(validate({ ...base, issuing_date: '31/01/2024' })).toBe(false);
  expect(validate({ ...base, lago_id: null })).toBe(false);
  const events = makeRecordValidator('events');
  // Postgres events carry no lago customer or subscription id, and may lack external_subscription_id
  // (app/services/events/post_process_service.rb, create_service.rb); lago_id is always there (events.id NOT NULL).
  const event = { lago_id: 'e-1', code: 'c', timestamp: '2024-01-31T10:00:00.000Z', transaction_id: 't' };
  expect(events({ ...event, external_subscription_id: null, lago_customer_id: null, lago_subscription_id: null })).toBe(true);
  expect(events({ ...event, external_subscription_id: 's', lago_id: null })).toBe(false);
  const usage = makeRecordValidator('customer_usage');
  expect(usage({ external_customer_id: 'c', external_subscription_id: 's', from_datetime: '2024-01-01T00:00:00Z' })).toBe(true);
  expect(usage({ external_customer_id: 'c', external_subscription_id: 's', from_datetime: 'soon' })).toBe(false);
});

test('streams enriched by the connector declare the fields it adds', () => {
  for (const stream of ['customer_usage', 'customer_usage_past']) {
    const props = loadStreamSchema(stream).properties as Record<string, Node>;
    expect(props.external_customer_id?.type).toBe('string');
    expect(props.external_subscription_id?.type).toBe('string');
  }
});
