// Drift check against Lago's OpenAPI document: every field the document describes for a stream's item (recursively,
// into nested objects and array items) must be in schemas/<stream>.json with a compatible type. Our schemas may add
// fields and allow more (extra nullability, number for integer), never less.
//
// The document is AGPL and is not part of the repository: the test reads it from $LAGO_OPENAPI (CI's .ci/run points
// it at ../shared/lago-openapi/openapi.yaml when present) and is skipped without it.
import { existsSync } from 'node:fs';
import { CORRECTIONS, deriveAll, findItemSchema, loadOpenApi, serialize, STREAMS, type DerivedStream } from '../scripts/derive-schemas.mjs';
import { loadStreamSchema } from './helpers/schemas.js';

type Node = Record<string, unknown>;

const OPENAPI = process.env.LAGO_OPENAPI;
const run = OPENAPI ? describe : describe.skip;
const title = OPENAPI
  ? `schemas/ against the OpenAPI document ${OPENAPI}`
  : 'schemas/ against the OpenAPI document (skipped: set LAGO_OPENAPI to the path of Lago\'s openapi.yaml)';

function types(node: Node): Set<string> {
  const t = node.type;
  if (t === undefined) return new Set(['any']);
  return new Set(Array.isArray(t) ? (t as string[]) : [t as string]);
}

/** Can a value allowed by `doc` always be stored under `ours`? */
function compatible(doc: Set<string>, ours: Set<string>): boolean {
  if (ours.has('any')) return true;
  if (doc.has('any')) return false;
  for (const t of doc) {
    if (ours.has(t)) continue;
    if (t === 'integer' && ours.has('number')) continue; // integer ⊂ number
    return false;
  }
  return true;
}

/**
 * Where a stream's reviewed correction table (scripts/lago-corrections/) departs from the document on purpose, each
 * entry citing lago-api: fields removed (with everything under them), retyped, or guaranteed non-null. Paths are
 * the tables' own ('a.b[].c', no stream prefix).
 */
interface Reviewed {
  removed: string[];
  retyped: Set<string>;
  guaranteed: Set<string>;
}

function reviewed(stream: string): Reviewed {
  const table = CORRECTIONS[stream]!;
  return {
    removed: table.fields.filter((f) => f.remove).map((f) => f.path),
    retyped: new Set(table.fields.filter((f) => f.type).map((f) => f.path)),
    guaranteed: new Set(table.guaranteed.map((g) => g.path)),
  };
}

const isRemoved = (r: Reviewed, path: string): boolean => r.removed.some((p) => path === p || path.startsWith(`${p}.`) || path.startsWith(`${p}[]`));

/** Differences between the document's view of a node and ours, as human-readable lines. */
function drift(doc: Node, ours: Node | undefined, path: string, r: Reviewed, out: string[] = [], at = ''): string[] {
  if (at && isRemoved(r, at)) return out;
  if (!ours) {
    out.push(`${path}: documented, missing from our schema`);
    return out;
  }
  const dt = types(doc);
  const ot = types(ours);
  // a guaranteed field drops the document's null; a retyped one takes lago-api's type
  if (r.guaranteed.has(at)) dt.delete('null');
  if (!r.retyped.has(at) && !compatible(dt, ot)) out.push(`${path}: documented as ${[...dt].join('|')}, ours is ${[...ot].join('|')}`);
  if (doc.format && ours.format && doc.format !== ours.format) {
    out.push(`${path}: documented format ${String(doc.format)}, ours ${String(ours.format)}`);
  }
  if (doc.format && !ours.format && !ot.has('any')) {
    // A looser schema is fine; still report it so a lost date-time does not go unnoticed.
    out.push(`${path}: documented format ${String(doc.format)} missing from ours`);
  }
  if (doc.additionalProperties === true && ours.additionalProperties !== true && (dt.has('object') || doc.properties)) {
    out.push(`${path}: our object does not allow additional properties`);
  }
  const docProps = (doc.properties ?? {}) as Record<string, Node>;
  const ourProps = (ours.properties ?? {}) as Record<string, Node>;
  for (const [k, v] of Object.entries(docProps)) drift(v, ourProps[k], `${path}.${k}`, r, out, at ? `${at}.${k}` : k);
  if (doc.items) drift(doc.items as Node, ours.items as Node | undefined, `${path}[]`, r, out, `${at}[]`);
  return out;
}

/**
 * A deliberately simple second reading of the document, not sharing code with the derivation: collects every
 * property path ('a.b[].c') reachable through $ref, allOf, oneOf, anyOf, properties and items.
 */
function rawPaths(doc: Node, node: Node | undefined, path: string, refs: string[], out: Set<string>): void {
  if (!node || typeof node !== 'object') return;
  if (typeof node.$ref === 'string') {
    if (refs.includes(node.$ref)) return;
    const target = node.$ref
      .slice(2)
      .split('/')
      .reduce<unknown>((n, k) => (n as Node | undefined)?.[k], doc) as Node | undefined;
    rawPaths(doc, target, path, [...refs, node.$ref], out);
  }
  for (const key of ['allOf', 'oneOf', 'anyOf'] as const) {
    for (const part of (node[key] as Node[] | undefined) ?? []) rawPaths(doc, part, path, refs, out);
  }
  for (const [k, v] of Object.entries((node.properties as Record<string, Node> | undefined) ?? {})) {
    const p = path ? `${path}.${k}` : k;
    out.add(p);
    rawPaths(doc, v, p, refs, out);
  }
  if (node.items) rawPaths(doc, node.items as Node, `${path}[]`, refs, out);
}

function hasPath(schema: Node, path: string): boolean {
  let node: Node | undefined = schema;
  for (const step of path.split('.')) {
    const name = step.replace(/(\[\])+$/, '');
    node = (node?.properties as Record<string, Node> | undefined)?.[name];
    for (let i = 0; i < (step.length - name.length) / 2; i++) node = node?.items as Node | undefined;
    if (!node) return false;
  }
  return true;
}

run(title, () => {
  let derived: Record<string, DerivedStream>;
  let doc: Node;
  beforeAll(() => {
    if (!existsSync(OPENAPI!)) throw new Error(`LAGO_OPENAPI=${OPENAPI} does not exist`);
    doc = loadOpenApi(OPENAPI) as Node;
    // The document's view only: the correction tables must not hide a drift.
    derived = deriveAll(doc, { applyOverrides: false });
  });

  test('schemas/ is exactly what scripts/derive-schemas.mjs makes from the document and the correction tables', () => {
    const made = deriveAll(doc);
    for (const stream of STREAMS) {
      expect({ stream: stream.name, schema: JSON.parse(serialize(made[stream.name]!.schema)) }).toEqual({ stream: stream.name, schema: loadStreamSchema(stream.name) });
    }
  });

  test.each(STREAMS.map((s) => s.name))('%s: every documented field is in our schema with a compatible type', (stream) => {
    const ours = loadStreamSchema(stream);
    const doc = derived[stream]!.schema;
    expect({ stream, component: derived[stream]!.component, drift: drift(doc, ours, stream, reviewed(stream)) }).toEqual({
      stream,
      component: derived[stream]!.component,
      drift: [],
    });
  });

  test('the comparison itself notices missing fields, narrower types and lost nullability', () => {
    const doc: Node = {
      type: 'object',
      properties: {
        a: { type: ['string', 'null'] },
        b: { type: 'integer' },
        c: { type: 'object', properties: { d: { type: 'string', format: 'date-time' } } },
        e: { type: 'array', items: { type: 'object', properties: { f: { type: 'boolean' } } } },
      },
    };
    const none: Reviewed = { removed: [], retyped: new Set(), guaranteed: new Set() };
    const same = structuredClone(doc);
    expect(drift(doc, same, 'x', none)).toEqual([]);
    const looser: Node = structuredClone(doc);
    (looser.properties as Record<string, Node>).b = { type: ['number', 'null'] };
    expect(drift(doc, looser, 'x', none)).toEqual([]);
    const worse: Node = {
      type: 'object',
      properties: {
        a: { type: 'string' },
        b: { type: 'string' },
        c: { type: 'object', properties: {} },
        e: { type: 'array', items: { type: 'object', properties: { f: { type: 'string' } } } },
      },
    };
    expect(drift(doc, worse, 'x', none)).toEqual([
      'x.a: documented as string|null, ours is string',
      'x.b: documented as integer, ours is string',
      'x.c.d: documented, missing from our schema',
      'x.e[].f: documented as boolean, ours is string',
    ]);
    // what a correction table names (guaranteed, retyped, removed) is the table's word, and only that
    const table: Reviewed = { removed: ['c'], retyped: new Set(['e[].f']), guaranteed: new Set(['a']) };
    expect(drift(doc, worse, 'x', table)).toEqual(['x.b: documented as integer, ours is string']);
  });

  test.each(STREAMS.map((s) => s.name))(
    '%s: every property path in the raw document (walked independently of the derivation) is in our schema',
    (stream) => {
      const { schema } = findItemSchema(doc, STREAMS.find((s) => s.name === stream)!);
      const paths = new Set<string>();
      rawPaths(doc, schema as Node, '', [], paths);
      const ours = loadStreamSchema(stream);
      const r = reviewed(stream);
      const missing = [...paths].filter((p) => !hasPath(ours, p) && !isRemoved(r, p));
      expect(paths.size).toBeGreaterThan(0);
      expect({ stream, missing }).toEqual({ stream, missing: [] });
    },
  );
});
