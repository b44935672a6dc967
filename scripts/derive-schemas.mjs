#!/usr/bin/env node
// Derives schemas/<stream>.json (one draft-07 JSON schema per stream) from Lago's OpenAPI document.
//
//   node scripts/derive-schemas.mjs [path/to/openapi.yaml]      (default ../shared/lago-openapi/openapi.yaml)
//
// The OpenAPI document (getlago/lago-openapi, AGPL) is read, never copied: only field names, types, formats and
// descriptions end up in schemas/. For every stream, the item schema is found from the list path's GET 200
// response (following $refs and allOf), then normalised:
//   - every $ref is resolved, allOf is merged, oneOf/anyOf become one schema (object variants: union of their
//     properties; scalar variants: union of types, widened to a single type, see unionTypes());
//   - nullability (`type: [x, 'null']`, `nullable: true`, a `null` variant) becomes `["x", "null"]`;
//   - `format` is kept only for `date-time` and `date`; `enum` is dropped and its values go into `description`;
//     examples, patterns, bounds, defaults and `required` are dropped (`required` is set for primary keys only);
//   - every object gets `additionalProperties: true` (older self-hosted versions omit fields, newer add some).
// The output is deterministic (document order, 2-space JSON, trailing newline).
//
// The module is also imported by integration_tests/schema-drift.test.ts: importing it has no side effects.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parse } from 'yaml';

const HERE = dirname(fileURLToPath(import.meta.url));
export const REPO_ROOT = resolve(HERE, '..');
export const SCHEMAS_DIR = resolve(REPO_ROOT, 'schemas');
export const DEFAULT_OPENAPI = resolve(REPO_ROOT, '../shared/lago-openapi/openapi.yaml');

// Fields the connector adds to customer usage records (the usage object carries no customer or subscription id).
const USAGE_ADDED_FIELDS = {
  external_customer_id: {
    type: 'string',
    description:
      'Added by the connector: external id of the customer whose usage this is (Lago does not return it in the usage object).',
  },
  external_subscription_id: {
    type: 'string',
    description:
      'Added by the connector: external id of the subscription whose usage this is (Lago does not return it in the usage object).',
  },
};

/**
 * The streams: name, list path, root key of the response, primary key, TS interface name, fields the connector adds.
 * @type {ReadonlyArray<{name: string, path: string, rootKey: string, primaryKey: string[], typeName: string,
 *   addedFields?: Record<string, object>}>}
 */
export const STREAMS = [
  { name: 'customers', path: '/customers', rootKey: 'customers', primaryKey: ['lago_id'], typeName: 'Customer' },
  { name: 'subscriptions', path: '/subscriptions', rootKey: 'subscriptions', primaryKey: ['lago_id'], typeName: 'Subscription' },
  { name: 'invoices', path: '/invoices', rootKey: 'invoices', primaryKey: ['lago_id'], typeName: 'Invoice' },
  { name: 'billable_metrics', path: '/billable_metrics', rootKey: 'billable_metrics', primaryKey: ['lago_id'], typeName: 'BillableMetric' },
  { name: 'plans', path: '/plans', rootKey: 'plans', primaryKey: ['lago_id'], typeName: 'Plan' },
  { name: 'events', path: '/events', rootKey: 'events', primaryKey: ['external_subscription_id', 'code', 'timestamp', 'transaction_id'], typeName: 'Event' },
  { name: 'coupons', path: '/coupons', rootKey: 'coupons', primaryKey: ['lago_id'], typeName: 'Coupon' },
  { name: 'add_ons', path: '/add_ons', rootKey: 'add_ons', primaryKey: ['lago_id'], typeName: 'AddOn' },
  {
    name: 'customer_usage',
    path: '/customers/{external_customer_id}/current_usage',
    rootKey: 'customer_usage',
    primaryKey: ['external_subscription_id', 'from_datetime'],
    typeName: 'CustomerUsage',
    addedFields: USAGE_ADDED_FIELDS,
  },
  {
    name: 'customer_usage_past',
    path: '/customers/{external_customer_id}/past_usage',
    rootKey: 'usage_periods',
    primaryKey: ['external_subscription_id', 'from_datetime', 'lago_invoice_id'],
    typeName: 'CustomerUsagePast',
    addedFields: USAGE_ADDED_FIELDS,
  },
  { name: 'fees', path: '/fees', rootKey: 'fees', primaryKey: ['lago_id'], typeName: 'Fee' },
  { name: 'credit_notes', path: '/credit_notes', rootKey: 'credit_notes', primaryKey: ['lago_id'], typeName: 'CreditNote' },
  { name: 'wallets', path: '/wallets', rootKey: 'wallets', primaryKey: ['lago_id'], typeName: 'Wallet' },
  {
    name: 'wallet_transactions',
    path: '/wallets/{lago_id}/wallet_transactions',
    rootKey: 'wallet_transactions',
    primaryKey: ['lago_id'],
    typeName: 'WalletTransaction',
  },
  { name: 'applied_coupons', path: '/applied_coupons', rootKey: 'applied_coupons', primaryKey: ['lago_id'], typeName: 'AppliedCoupon' },
  { name: 'taxes', path: '/taxes', rootKey: 'taxes', primaryKey: ['lago_id'], typeName: 'Tax' },
  { name: 'payment_requests', path: '/payment_requests', rootKey: 'payment_requests', primaryKey: ['lago_id'], typeName: 'PaymentRequest' },
  { name: 'payments', path: '/payments', rootKey: 'payments', primaryKey: ['lago_id'], typeName: 'Payment' },
  { name: 'billing_entities', path: '/billing_entities', rootKey: 'billing_entities', primaryKey: ['lago_id'], typeName: 'BillingEntity' },
  { name: 'webhook_endpoints', path: '/webhook_endpoints', rootKey: 'webhook_endpoints', primaryKey: ['lago_id'], typeName: 'WebhookEndpoint' },
];

/**
 * Where lago-api's list actions differ from the document (lago-api's source is the final word): one reviewed table
 * per stream in scripts/lago-corrections/<stream>.mjs, each entry one field with the lago-api file it comes from and
 * the release that introduced it. See scripts/lago-corrections/README.md for the entry kinds.
 */
export { CORRECTIONS } from './lago-corrections/index.mjs';
import { CORRECTIONS } from './lago-corrections/index.mjs';

/** Formats kept in the schemas: everything else (uuid, email, uri, int32, invalid ones) is dropped. */
const KEPT_FORMATS = new Set(['date-time', 'date']);
/** Above this many enum values, the description lists the first ones only (Currency, Country, Timezone …). */
const ENUM_LIST_LIMIT = 30;
const SCALARS = ['string', 'number', 'integer', 'boolean'];

export function loadOpenApi(file = DEFAULT_OPENAPI) {
  return parse(readFileSync(file, 'utf8'));
}

function resolveRef(doc, ref) {
  if (!ref.startsWith('#/')) throw new Error(`external $ref not supported: ${ref}`);
  let node = doc;
  for (const raw of ref.slice(2).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    node = node?.[key];
  }
  if (node === undefined) throw new Error(`unresolvable $ref ${ref}`);
  return node;
}

/** Follows $refs until a schema without one; returns the schema and the last component name. */
function deref(doc, schema) {
  let name;
  const seen = new Set();
  while (schema && schema.$ref) {
    if (seen.has(schema.$ref)) throw new Error(`$ref loop at ${schema.$ref}`);
    seen.add(schema.$ref);
    name = schema.$ref.split('/').pop();
    schema = resolveRef(doc, schema.$ref);
  }
  return { schema, name };
}

/**
 * Finds a stream's item schema: the list path's GET 200 response, property `rootKey`, array items if an array.
 * Returns the raw (unnormalised) item schema and its component name (e.g. 'CustomerObjectExtended').
 */
export function findItemSchema(doc, stream) {
  const op = doc.paths?.[stream.path]?.get;
  if (!op) throw new Error(`${stream.name}: the document has no GET ${stream.path}`);
  const ok = deref(doc, op.responses?.['200']).schema;
  const body = ok?.content?.['application/json']?.schema;
  if (!body) throw new Error(`${stream.name}: GET ${stream.path} has no JSON 200 response`);
  // The envelope may itself be a $ref or an allOf (WalletTransactionsPaginated): look for rootKey through both.
  const rootProp = findProperty(doc, body, stream.rootKey);
  if (!rootProp) throw new Error(`${stream.name}: GET ${stream.path} response has no property ${stream.rootKey}`);
  const root = deref(doc, rootProp);
  if (root.schema.type === 'array') {
    const item = deref(doc, root.schema.items);
    return { schema: root.schema.items, component: item.name };
  }
  return { schema: rootProp, component: root.name };
}

function findProperty(doc, schema, key) {
  const s = deref(doc, schema).schema;
  if (s.properties?.[key]) return s.properties[key];
  for (const part of s.allOf ?? []) {
    const found = findProperty(doc, part, key);
    if (found) return found;
  }
  return undefined;
}

function describeEnum(values) {
  const shown = values.filter((v) => v !== null).map((v) => (typeof v === 'string' ? v : JSON.stringify(v)));
  if (shown.length === 0) return undefined;
  if (shown.length <= ENUM_LIST_LIMIT) return `Documented values: ${shown.join(', ')}.`;
  return `One of ${shown.length} documented values, e.g. ${shown.slice(0, 10).join(', ')}.`;
}

function deprecatedNote(raw) {
  if (!raw.deprecated) return '';
  return /deprecated/i.test(raw.description ?? '') ? '' : 'Deprecated.';
}

function joinDescriptions(...parts) {
  const kept = [];
  for (const p of parts) {
    const t = typeof p === 'string' ? p.trim() : '';
    if (t && !kept.includes(t)) kept.push(t);
  }
  return kept.length ? kept.join('\n') : undefined;
}

/** The list of types a raw (resolved) schema node declares, including 'null' for nullable. */
function declaredTypes(node) {
  const t = node.type === undefined ? [] : Array.isArray(node.type) ? [...node.type] : [node.type];
  if (node.nullable === true && !t.includes('null')) t.push('null');
  return t;
}

/**
 * Widens a set of non-null types to one JSON-schema type, or undefined (no `type`: any value) when no single type
 * covers them. integer ⊂ number. A mix of objects and scalars, or of strings and numbers, has no common type.
 */
function unionTypes(types) {
  const set = new Set(types.filter((t) => t !== 'null'));
  if (set.has('integer') && set.has('number')) set.delete('integer');
  if (set.size === 1) return [...set][0];
  return undefined;
}

/** Normalised type value: a single type, [T, 'null'], or undefined. */
function typeValue(base, nullable) {
  if (base === undefined) return undefined;
  return nullable ? [base, 'null'] : base;
}

function baseType(node) {
  if (node.type === undefined) return undefined;
  return Array.isArray(node.type) ? node.type.find((t) => t !== 'null') : node.type;
}
function isNullable(node) {
  return Array.isArray(node.type) && node.type.includes('null');
}

/**
 * Normalises a raw OpenAPI schema node into the restricted draft-07 dialect described at the top of this file.
 * `ctx.notes` collects what was merged/widened (printed by the script), `ctx.stack` the $refs being expanded.
 */
export function normalize(doc, raw, ctx = { notes: [], stack: [], where: '' }) {
  if (raw === true || raw === undefined) return {};
  // 1. $ref (with OpenAPI 3.1 sibling keywords, e.g. description / nullable next to the $ref).
  if (raw.$ref) {
    if (ctx.stack.includes(raw.$ref)) {
      ctx.notes.push(`${ctx.where}: recursive ${raw.$ref}, described as a free-form object`);
      return { type: 'object', additionalProperties: true, description: raw.description };
    }
    const { $ref, ...siblings } = raw;
    const target = resolveRef(doc, $ref);
    const inner = normalize(doc, target, { ...ctx, stack: [...ctx.stack, $ref] });
    return withSiblings(doc, inner, siblings, ctx);
  }
  // 2. allOf: every part applies, merge them (with the node's own keywords).
  if (raw.allOf) {
    const { allOf, ...own } = raw;
    return withSiblings(doc, mergeAll(allOf.map((p) => normalize(doc, p, ctx)), ctx), own, ctx);
  }
  // 3. oneOf / anyOf: one of the variants applies; describe their union.
  const variants = raw.oneOf ?? raw.anyOf;
  if (variants) {
    const { oneOf, anyOf, ...own } = raw;
    return withSiblings(doc, unionAll(variants.map((v) => normalize(doc, v, ctx)), ctx), own, ctx);
  }
  // 4. A plain node.
  const out = {};
  const types = declaredTypes(raw);
  let nullable = types.includes('null');
  let base = unionTypes(types);
  if (base === undefined && types.filter((t) => t !== 'null').length > 1) {
    ctx.notes.push(`${ctx.where}: types ${JSON.stringify(raw.type)} have no common type, left untyped`);
  }
  if (base === undefined && types.length === 0 && raw.properties) base = 'object';
  if (base === undefined && types.length === 0 && raw.items) base = 'array';
  if (raw.enum && raw.enum.includes(null)) nullable = true;
  const t = typeValue(base, nullable && base !== undefined);
  if (t !== undefined) out.type = t;
  const description = joinDescriptions(raw.description, deprecatedNote(raw), raw.enum ? describeEnum(raw.enum) : '');
  if (description) out.description = description;
  if (typeof raw.format === 'string' && KEPT_FORMATS.has(raw.format) && (base === 'string' || base === undefined)) {
    out.format = raw.format;
  }
  if (base === 'object' || raw.properties) {
    if (raw.properties) {
      out.properties = {};
      for (const [key, prop] of Object.entries(raw.properties)) {
        out.properties[key] = normalize(doc, prop, { ...ctx, where: `${ctx.where}.${key}` });
      }
    }
    // Every object tolerates unknown fields; typed maps (additionalProperties: {schema}) lose their value type.
    out.additionalProperties = true;
  }
  if (base === 'array' || raw.items) {
    if (raw.items) out.items = normalize(doc, raw.items, { ...ctx, where: `${ctx.where}[]` });
  }
  return out;
}

/**
 * Applies the keywords written next to a $ref / allOf / oneOf (OpenAPI 3.1 allows siblings): a description (it comes
 * first), nullability (`nullable: true` or `type: [.., 'null']` widens the combined schema to allow null), and
 * anything else (properties, items) merged as one more allOf part.
 */
function withSiblings(doc, inner, siblings, ctx) {
  const { description, nullable, example, examples, deprecated, type, ...rest } = siblings;
  let out = inner;
  const typed = type !== undefined && declaredTypes({ type }).some((t) => t !== 'null');
  if (typed || Object.keys(rest).some((k) => ['properties', 'items', 'allOf', 'oneOf', 'anyOf', '$ref'].includes(k))) {
    out = mergeAll([inner, normalize(doc, { type, ...rest }, ctx)], ctx);
  }
  const wantsNull = nullable === true || declaredTypes({ type }).includes('null');
  out = { ...out };
  if (wantsNull && out.type !== undefined && !hasNull(out.type)) out.type = [nonNull(out.type), 'null'];
  const desc = joinDescriptions(description, deprecatedNote({ description, deprecated }), out.description);
  return finish({ ...out, description: desc }, nonNull(out.type), hasNull(out.type));
}

function nonNull(t) {
  if (t === undefined) return undefined;
  return Array.isArray(t) ? t.find((x) => x !== 'null') : t;
}
function hasNull(t) {
  return Array.isArray(t) && t.includes('null');
}

/** allOf: all parts hold. Properties are merged (same name: merged recursively), later descriptions win. */
function mergeAll(parts, ctx) {
  const out = {};
  let base;
  let nullable;
  for (const p of parts) {
    const b = nonNull(p.type);
    if (b !== undefined) {
      if (base !== undefined && base !== b) {
        // integer and number: all parts hold, so the narrower one.
        if ((base === 'number' && b === 'integer') || (base === 'integer' && b === 'number')) base = 'integer';
        else ctx.notes.push(`${ctx.where}: allOf of ${base} and ${b}, kept ${base}`);
      } else base = b;
      // All parts hold: null is allowed only if every typed part allows it (siblings: see withSiblings()).
      nullable = nullable === undefined ? hasNull(p.type) : nullable && hasNull(p.type);
    }
    if (p.description) out.description = p.description;
    if (p.format) out.format = p.format;
    if (p.properties) {
      out.properties ??= {};
      for (const [k, v] of Object.entries(p.properties)) {
        out.properties[k] = out.properties[k] ? mergeAll([out.properties[k], v], { ...ctx, where: `${ctx.where}.${k}` }) : v;
      }
    }
    if (p.items) out.items = out.items ? mergeAll([out.items, p.items], { ...ctx, where: `${ctx.where}[]` }) : p.items;
  }
  return finish(out, base, nullable);
}

/** oneOf/anyOf: one variant holds. Objects: union of properties; scalars: one common type if there is one. */
function unionAll(variants, ctx) {
  const out = {};
  const bases = [];
  let nullable = false;
  let untyped = false;
  const descriptions = [];
  for (const v of variants) {
    const b = nonNull(v.type);
    if (v.type === 'null') {
      nullable = true;
    } else if (b === undefined) {
      untyped = true;
    } else {
      bases.push(b);
      if (hasNull(v.type)) nullable = true;
    }
    if (v.description) descriptions.push(v.description);
    if (v.format) out.format = v.format;
    if (v.properties) {
      out.properties ??= {};
      for (const [k, p] of Object.entries(v.properties)) {
        // A property present in several variants: either variant's shape may come, so union them.
        out.properties[k] = out.properties[k] ? unionAll([out.properties[k], p], { ...ctx, where: `${ctx.where}.${k}` }) : p;
      }
    }
    if (v.items) out.items = out.items ? unionAll([out.items, v.items], { ...ctx, where: `${ctx.where}[]` }) : v.items;
  }
  const distinct = [...new Set(bases)];
  const base = untyped ? undefined : unionTypes(distinct);
  if (distinct.length > 1) {
    ctx.notes.push(`${ctx.where}: oneOf/anyOf of ${distinct.join(' | ')} -> ${base ?? 'untyped (any value)'}`);
  }
  if (base === undefined) {
    // No common type: drop the shape keywords that would only apply to some variants.
    delete out.format;
    if (!distinct.includes('object')) delete out.properties;
    if (!distinct.includes('array')) delete out.items;
    const note = distinct.length ? `Can be any of: ${distinct.join(', ')}${nullable ? ', null' : ''}.` : '';
    out.description = joinDescriptions(...descriptions, note);
  } else {
    if (base !== 'string') delete out.format;
    if (base !== 'object') delete out.properties;
    if (base !== 'array') delete out.items;
    out.description = joinDescriptions(...descriptions);
  }
  if (!out.description) delete out.description;
  return finish(out, base, nullable);
}

/** Puts keywords in a stable order and sets type / additionalProperties consistently. */
function finish(out, base, nullable) {
  const res = {};
  const t = typeValue(base, Boolean(nullable));
  if (t !== undefined) res.type = t;
  if (out.description) res.description = out.description;
  if (out.format && (base === 'string' || base === undefined)) res.format = out.format;
  if (out.properties) res.properties = out.properties;
  if (base === 'object' || out.properties) res.additionalProperties = true;
  if (out.items) res.items = out.items;
  return res;
}

/** 'a.b[].c' → ['a', 'b', '[]', 'c'] */
export function pathSteps(path) {
  return path.split('.').flatMap((step) => {
    const name = step.replace(/(\[\])+$/, '');
    const arrays = (step.length - name.length) / 2;
    return [name, ...Array.from({ length: arrays }, () => '[]')];
  });
}

function nodeAt(schema, steps) {
  let node = schema;
  for (const step of steps) node = step === '[]' ? node?.items : node?.properties?.[step];
  return node;
}

/** An object the corrections left without declared keys is a free-form map (e.g. an event's own properties). */
function freeFormWhenEmpty(node) {
  for (const child of Object.values(node.properties ?? {})) freeFormWhenEmpty(child);
  if (node.items) freeFormWhenEmpty(node.items);
  if (node.properties && Object.keys(node.properties).length === 0) delete node.properties;
}

function applyCorrection(schema, stream, entry) {
  const where = `${stream}: correction ${entry.path}`;
  if (!entry.source) throw new Error(`${where} names no lago-api source`);
  const steps = pathSteps(entry.path);
  const key = steps[steps.length - 1];
  const parent = nodeAt(schema, steps.slice(0, -1));
  if (entry.add) {
    if (!entry.since) throw new Error(`${where} adds a field without the release that added it (since)`);
    if (!parent?.properties) throw new Error(`${where}: no parent object in the schema`);
    // The document may document the field by the time this runs: the table's word (from lago-api) wins.
    parent.properties[key] = normalize({}, structuredClone(entry.add));
    return;
  }
  const node = key === '[]' ? parent?.items : parent?.properties?.[key];
  if (!node) throw new Error(`${where}: no such field in the schema`);
  if (entry.remove) {
    delete parent.properties[key];
    return;
  }
  if (entry.type) {
    const replaced = normalize({}, { type: entry.type, ...(entry.format ? { format: entry.format } : {}) });
    node.type = replaced.type;
    if (replaced.format) node.format = replaced.format;
    else delete node.format;
  }
  if (entry.values) {
    const previous = (node.description ?? '').replace(/\n?(Documented values|One of \d+ documented values)[^\n]*/g, '').trim();
    node.description = joinDescriptions(previous, `Values (lago-api ${entry.source}): ${entry.values.join(', ')}.`);
  }
  if (entry.description) node.description = entry.description;
}

/**
 * Every field may be null unless lago-api guarantees it (a NOT NULL column its serializer always sends): older
 * versions, optional relations and later life-cycle steps leave fields empty, and a strict destination rejects a null
 * in a non-null column. `guaranteed` holds the exceptions, as paths.
 */
function nullableUnlessGuaranteed(node, path, guaranteed) {
  for (const [key, child] of Object.entries(node.properties ?? {})) {
    const childPath = path ? `${path}.${key}` : key;
    const base = nonNull(child.type);
    if (guaranteed.has(childPath)) {
      if (base !== undefined) child.type = base;
    } else if (base !== undefined) {
      child.type = [base, 'null'];
    }
    visitObject(child, childPath, guaranteed);
  }
}

function visitObject(node, path, guaranteed) {
  if (node.properties) nullableUnlessGuaranteed(node, path, guaranteed);
  if (node.items) visitObject(node.items, `${path}[]`, guaranteed);
}

/**
 * Derives one stream's schema from the document. `applyOverrides: false` gives the document's view only (used by the
 * drift test); `addedFields` and the primary-key `required` are always added.
 * @returns {{ schema: object, component: string, notes: string[] }}
 */
export function deriveStreamSchema(doc, stream, { applyOverrides = true } = {}) {
  const table = CORRECTIONS[stream.name];
  if (!table) throw new Error(`${stream.name}: no table in scripts/lago-corrections/`);
  const { schema: raw, component } = findItemSchema(doc, stream);
  const ctx = { notes: [], stack: [], where: stream.name };
  const item = normalize(doc, raw, ctx);
  if (nonNull(item.type) !== 'object' || !item.properties) {
    throw new Error(`${stream.name}: item component ${component} is not an object`);
  }
  const properties = { ...item.properties };
  for (const [k, v] of Object.entries(stream.addedFields ?? {})) {
    if (properties[k]) throw new Error(`${stream.name}: added field ${k} is already documented`);
    properties[k] = structuredClone(v);
  }
  const schema = {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: stream.name,
    description: joinDescriptions(
      `A Lago ${stream.name} record: one item of GET ${stream.path} (root key \`${stream.rootKey}\`), ` +
        `OpenAPI component ${component}, corrected from lago-api's source (${table.list}). ` +
        `Derived by scripts/derive-schemas.mjs.`,
      item.description,
    ),
    type: 'object',
    required: [...stream.primaryKey],
    properties,
    additionalProperties: true,
  };
  if (applyOverrides) {
    for (const entry of table.fields) applyCorrection(schema, stream.name, entry);
    freeFormWhenEmpty(schema);
    const guaranteed = new Set(table.guaranteed.map((g) => g.path));
    for (const path of guaranteed) {
      if (!nodeAt(schema, pathSteps(path))) throw new Error(`${stream.name}: guaranteed field ${path} is not in the schema`);
    }
    nullableUnlessGuaranteed(schema, '', guaranteed);
    for (const key of stream.primaryKey) {
      if (!guaranteed.has(key) && !table.keyNotGuaranteed?.[key]) {
        throw new Error(`${stream.name}: primary key ${key} is neither guaranteed nor explained in keyNotGuaranteed`);
      }
    }
  }
  for (const key of stream.primaryKey) {
    const p = schema.properties[key];
    if (!p) throw new Error(`${stream.name}: primary key ${key} is not a documented field`);
    const b = nonNull(p.type);
    if (b === 'object' || b === 'array' || b === undefined) throw new Error(`${stream.name}: primary key ${key} is ${b}`);
  }
  return { schema, component, notes: ctx.notes };
}

/** All streams: { [stream]: { schema, component, notes } }. */
export function deriveAll(doc, options) {
  const out = {};
  for (const s of STREAMS) out[s.name] = deriveStreamSchema(doc, s, options);
  return out;
}

export function serialize(schema) {
  return `${JSON.stringify(schema, null, 2)}\n`;
}

function main() {
  const file = resolve(process.argv[2] ?? DEFAULT_OPENAPI);
  const doc = loadOpenApi(file);
  const version = doc.info?.version;
  mkdirSync(SCHEMAS_DIR, { recursive: true });
  for (const [name, { schema, component, notes }] of Object.entries(deriveAll(doc))) {
    writeFileSync(resolve(SCHEMAS_DIR, `${name}.json`), serialize(schema));
    console.error(`${name}: ${component}`);
    for (const n of notes) console.error(`  note: ${n}`);
  }
  console.error(`wrote ${STREAMS.length} schemas from ${file} (Lago API ${version})`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) main();
