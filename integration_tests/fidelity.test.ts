// Fidelity: what the connector emits, read through the real CLI from a fake Lago whose records are written from
// lago-api's serializers (fake-lago/serializers/, never from schemas/), checked against schemas/ — at the newest
// Lago and at an older one. Airbyte's acceptance tests call the first check `fail_on_extra_columns`.
import { HEAD } from './fake-lago/lago-version.js';
import { recordsOf } from './helpers/cli.js';
import { Harness } from './helpers/harness.js';
import { loadStreamSchema, makeRecordValidator, schemaStreamNames } from './helpers/schemas.js';

type Node = Record<string, any>;

/** Where a value carries fields its schema node does not declare, at every depth the schema declares. */
export function undeclared(value: unknown, node: Node | undefined, path: string, out: string[] = []): string[] {
  if (!node || value === null || typeof value !== 'object') return out;
  if (Array.isArray(value)) {
    if (node.items) value.forEach((item) => undeclared(item, node.items, `${path}[]`, out));
    return out;
  }
  // An object node without declared properties is a free-form map (metadata, properties): nothing to compare.
  if (!node.properties) return out;
  for (const [key, child] of Object.entries(value)) {
    const declared = node.properties[key];
    if (!declared) out.push(`${path}.${key}`);
    else undeclared(child, declared, `${path}.${key}`, out);
  }
  return out;
}

const STREAMS = schemaStreamNames();
// Enough rows that every life-cycle state the generators know (drafts, voided, manual payments …) shows up.
const COUNTS = { customers: 40, subscriptions: 80, invoices: 120, fees: 150, credit_notes: 30, payments: 40, wallets: 12, plans: 8 };

describe.each([
  ['the newest Lago (HEAD)', HEAD],
  ['Lago 1.30.0', '1.30.0'],
])('every stream read from %s', (_label, lagoVersion) => {
  let harness: Harness;
  const records = new Map<string, Node[]>();
  beforeAll(async () => {
    harness = await Harness.start({ lagoVersion, counts: COUNTS });
    const run = await harness.read(STREAMS, { timeoutMs: 120_000 });
    expect({ code: run.code, protocolErrors: run.protocolErrors, leakedKey: run.leakedKey }).toEqual({ code: 0, protocolErrors: [], leakedKey: false });
    for (const stream of STREAMS) records.set(stream, recordsOf(run.messages, stream));
  }, 180_000);
  afterAll(() => harness.stop());

  test.each(STREAMS)('%s: records arrive', (stream) => {
    expect(records.get(stream)!.length).toBeGreaterThan(0);
  });

  test.each(STREAMS)('%s: every field of every record is declared in the schema (fail_on_extra_columns)', (stream) => {
    const schema = loadStreamSchema(stream);
    const extra = new Set<string>();
    for (const record of records.get(stream)!) for (const path of undeclared(record, schema, stream)) extra.add(path);
    expect([...extra].sort()).toEqual([]);
  });

  test.each(STREAMS)('%s: every record validates against the schema', (stream) => {
    const validate = makeRecordValidator(stream);
    const failures = new Map<string, number>();
    for (const record of records.get(stream)!) {
      if (validate(record)) continue;
      for (const e of validate.errors ?? []) {
        const key = `${e.instancePath.replace(/\/\d+\//g, '/[]/')} ${e.message}`;
        failures.set(key, (failures.get(key) ?? 0) + 1);
      }
    }
    expect(Object.fromEntries(failures)).toEqual({});
  });

  if (lagoVersion === HEAD) {
    test.each(STREAMS)('%s: every top-level field the schema declares is sent by the list', (stream) => {
      const declared = Object.keys((loadStreamSchema(stream) as Node).properties);
      const sent = new Set(records.get(stream)!.flatMap((record) => Object.keys(record)));
      expect(declared.filter((field) => !sent.has(field))).toEqual([]);
    });
  }
});

test('undeclared() finds fields missing from the schema at any declared depth', () => {
  const schema = { properties: { a: {}, b: { properties: { c: {} } }, d: { items: { properties: { e: {} } } }, m: { type: 'object' } } };
  expect(undeclared({ a: 1, b: { c: 1, x: 2 }, d: [{ e: 1 }, { y: 1 }], m: { free: 1 }, z: 0 }, schema, 's')).toEqual(['s.b.x', 's.d[].y', 's.z']);
});
