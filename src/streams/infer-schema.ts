/**
 * A draft-07 schema inferred from sample records (custom streams without a supplied schema):
 * every field seen, each type seen (plus null, since a sample proves little about absence),
 * nested objects described, additionalProperties true.
 */
type Schema = Record<string, unknown>;

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value === 'object' ? 'object' : typeof value;
}

function merge(values: unknown[]): Schema {
  const types = new Set(values.map(typeOf));
  // An integer field that also holds fractions is a number field.
  if (types.has('number')) types.delete('integer');
  const nonNull = [...types].filter((type) => type !== 'null');
  if (nonNull.length !== 1) return {}; // Mixed types: say nothing rather than something wrong.
  const type = nonNull[0]!;
  const schema: Schema = { type: [type, 'null'] };
  if (type === 'object') Object.assign(schema, objectSchema(values.filter((v): v is Schema => typeOf(v) === 'object')));
  if (type === 'array') schema.items = merge(values.flatMap((v) => (Array.isArray(v) ? v : [])));
  if (type === 'string' && values.every((v) => v === null || /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(String(v)))) schema.format = 'date-time';
  return schema;
}

function objectSchema(rows: Schema[]): Schema {
  const fields = new Map<string, unknown[]>();
  for (const row of rows) for (const [key, value] of Object.entries(row)) fields.set(key, [...(fields.get(key) ?? []), value]);
  return { properties: Object.fromEntries([...fields].map(([key, values]) => [key, merge(values)])), additionalProperties: true };
}

export function inferSchema(records: Schema[]): Schema {
  return { $schema: 'http://json-schema.org/draft-07/schema#', type: 'object', ...objectSchema(records) };
}
