// Test helpers: check what the connector prints against the Airbyte protocol (0.18.0) and the
// acceptance-test (CAT) checklist in the project notes. The official schema is kept in
// integration_tests/airbyte-protocol/ (see SOURCE.md there); it is permissive, so the extra checks
// below add what the schema does not enforce.
import { readFileSync } from 'node:fs';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { newRecordAjv as newAjv } from './schemas.js';

type Json = Record<string, unknown>;

const PROTOCOL_SCHEMA = JSON.parse(
  readFileSync(new URL('../airbyte-protocol/airbyte_protocol.json', import.meta.url), 'utf8'),
) as Json & { $id: string };

// One Ajv instance and one compiled validator per protocol definition, created on first use.
const protocolAjv = newAjv();
protocolAjv.addSchema(PROTOCOL_SCHEMA);
const validators = new Map<string, ValidateFunction>();

function protocolValidator(definition: string): ValidateFunction {
  let v = validators.get(definition);
  if (!v) {
    v = protocolAjv.getSchema(`${PROTOCOL_SCHEMA.$id}#/definitions/${definition}`);
    if (!v) throw new Error(`protocol schema has no definition ${definition}`);
    validators.set(definition, v);
  }
  return v;
}

function formatAjvErrors(errors: ErrorObject[] | null | undefined, prefix = 'schema'): string[] {
  return (errors ?? []).map((e) => {
    const where = e.instancePath || '(root)';
    const extra = e.keyword === 'enum' ? ` ${JSON.stringify((e.params as { allowedValues?: unknown }).allowedValues)}` : '';
    return `${prefix}: ${where} ${e.message ?? e.keyword}${extra}`;
  });
}

function validateAgainst(definition: string, value: unknown): string[] {
  const v = protocolValidator(definition);
  return v(value) ? [] : formatAjvErrors(v.errors);
}

const isObject = (x: unknown): x is Json => typeof x === 'object' && x !== null && !Array.isArray(x);

/** Payload key that must accompany each message `type`. */
export const PAYLOAD_KEY: Readonly<Record<string, string>> = {
  RECORD: 'record',
  STATE: 'state',
  LOG: 'log',
  SPEC: 'spec',
  CONNECTION_STATUS: 'connectionStatus',
  CATALOG: 'catalog',
  TRACE: 'trace',
  CONTROL: 'control',
};

const TRACE_PAYLOAD_KEY: Readonly<Record<string, string>> = {
  ERROR: 'error',
  ESTIMATE: 'estimate',
  STREAM_STATUS: 'stream_status',
  ANALYTICS: 'analytics',
};

/** Errors for one AirbyteMessage (empty array = valid): the protocol schema plus the checks it lacks. */
export function validateMessage(msg: unknown): string[] {
  if (!isObject(msg)) return [`message is not a JSON object: ${JSON.stringify(msg)?.slice(0, 200)}`];
  const errors = validateAgainst('AirbyteMessage', msg);

  const type = msg['type'];
  if (typeof type !== 'string') return errors;
  const key = PAYLOAD_KEY[type];
  if (!key) {
    errors.push(`type ${type}: not a message type a source emits`);
    return errors;
  }
  const payload = msg[key];
  if (!isObject(payload)) {
    errors.push(`type ${type}: payload "${key}" missing or not an object`);
    return errors;
  }

  switch (type) {
    case 'RECORD': {
      if (typeof payload['stream'] !== 'string') errors.push('RECORD: record.stream must be a string');
      if (!isObject(payload['data'])) errors.push('RECORD: record.data must be an object');
      if (!Number.isInteger(payload['emitted_at'])) errors.push('RECORD: record.emitted_at must be an integer (epoch ms)');
      break;
    }
    case 'STATE': {
      if (payload['type'] !== 'STREAM') {
        errors.push(`STATE: state.type must be "STREAM" (got ${JSON.stringify(payload['type'])}; LEGACY/GLOBAL state is not accepted)`);
      }
      const stream = payload['stream'];
      const descriptor = isObject(stream) ? stream['stream_descriptor'] : undefined;
      if (!isObject(descriptor) || typeof descriptor['name'] !== 'string' || descriptor['name'] === '') {
        errors.push('STATE: state.stream.stream_descriptor.name must be a non-empty string');
      }
      const stats = payload['sourceStats'];
      if (!isObject(stats) || typeof stats['recordCount'] !== 'number' || !Number.isFinite(stats['recordCount'])) {
        errors.push('STATE: state.sourceStats.recordCount must be a number');
      }
      break;
    }
    case 'TRACE': {
      const emittedAt = payload['emitted_at'];
      if (typeof emittedAt !== 'number' || !Number.isFinite(emittedAt)) errors.push('TRACE: trace.emitted_at must be a number');
      const traceType = payload['type'];
      const subKey = typeof traceType === 'string' ? TRACE_PAYLOAD_KEY[traceType] : undefined;
      if (!subKey) {
        errors.push(`TRACE: unknown trace.type ${JSON.stringify(traceType)}`);
        break;
      }
      const sub = payload[subKey];
      if (!isObject(sub)) {
        errors.push(`TRACE ${String(traceType)}: trace.${subKey} missing or not an object`);
        break;
      }
      if (traceType === 'ERROR' && typeof sub['failure_type'] !== 'string') {
        errors.push('TRACE ERROR: trace.error.failure_type is required');
      }
      break;
    }
    default:
      break;
  }
  return errors;
}

const truncate = (s: string, n = 200): string => (s.length > n ? `${s.slice(0, n)}…` : s);

/**
 * Parses a connector's stdout: every non-empty line must be one JSON AirbyteMessage that passes
 * validateMessage. `messages` holds every line that parsed as JSON (valid or not), in order;
 * `errors` names the 1-based line number and the offending line (truncated to 200 chars).
 */
export function parseProtocolOutput(stdout: string): { messages: any[]; errors: string[] } {
  const messages: any[] = [];
  const errors: string[] = [];
  stdout.split(/\r?\n/).forEach((line, i) => {
    if (line.trim() === '') return;
    const lineNo = i + 1;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch (e) {
      errors.push(`line ${lineNo}: not JSON (${(e as Error).message}): ${truncate(line)}`);
      return;
    }
    messages.push(parsed);
    const problems = validateMessage(parsed);
    if (problems.length > 0) errors.push(`line ${lineNo}: ${problems.join('; ')}: ${truncate(line)}`);
  });
  return { messages, errors };
}

/** Schema errors for an AirbyteCatalog (the `catalog` payload of a CATALOG message). */
export function validateCatalog(catalog: unknown): string[] {
  return validateAgainst('AirbyteCatalog', catalog);
}

/** Schema errors for a ConfiguredAirbyteCatalog (what `read --catalog` receives). */
export function validateConfiguredCatalog(catalog: unknown): string[] {
  return validateAgainst('ConfiguredAirbyteCatalog', catalog);
}

/** Schema errors for a ConnectorSpecification (the `spec` payload of a SPEC message). */
export function validateSpec(spec: unknown): string[] {
  return validateAgainst('ConnectorSpecification', spec);
}

// --- JSON-schema walking -------------------------------------------------------------------------

type SchemaVisitor = (node: Json, path: string) => void;

/** Visits every subschema (not property-name maps or `const`/`enum`/`default` values). */
function walkSchema(node: unknown, path: string, visit: SchemaVisitor): void {
  if (!isObject(node)) return;
  visit(node, path);
  for (const mapKey of ['properties', 'patternProperties', 'definitions', '$defs', 'dependencies']) {
    const map = node[mapKey];
    if (isObject(map)) for (const [k, sub] of Object.entries(map)) walkSchema(sub, `${path}/${mapKey}/${k}`, visit);
  }
  for (const key of ['items', 'additionalItems', 'additionalProperties', 'not', 'if', 'then', 'else', 'contains', 'propertyNames']) {
    const sub = node[key];
    if (Array.isArray(sub)) sub.forEach((s, i) => walkSchema(s, `${path}/${key}/${i}`, visit));
    else walkSchema(sub, `${path}/${key}`, visit);
  }
  for (const key of ['oneOf', 'anyOf', 'allOf']) {
    const list = node[key];
    if (Array.isArray(list)) list.forEach((s, i) => walkSchema(s, `${path}/${key}/${i}`, visit));
  }
}

const SPEC_FORBIDDEN = ['anyOf', 'allOf', 'not', 'if', 'then', 'else', 'patternProperties'];

function typeIsAllowed(t: unknown): boolean {
  if (typeof t === 'string') return true;
  if (Array.isArray(t) && t.length === 2 && t.every((x) => typeof x === 'string')) {
    return t.filter((x) => x === 'null').length === 1;
  }
  return false;
}

function oneOfErrors(variants: unknown[], path: string): string[] {
  const where = `${path}/oneOf`;
  if (variants.length === 0) return [`${where}: empty oneOf`];
  const props: Json[] = [];
  for (const [i, v] of variants.entries()) {
    if (!isObject(v) || !isObject(v['properties'])) return [`${where}/${i}: each oneOf variant must be an object schema with properties`];
    props.push(v['properties']);
  }
  const common = Object.keys(props[0]!).filter((k) => props.every((p) => k in p));
  const constProps = common.filter((k) => props.every((p) => isObject(p[k]) && 'const' in (p[k] as Json)));
  if (constProps.length !== 1) {
    return [`${where}: variants must share exactly one property with "const" (found ${constProps.length}: ${JSON.stringify(constProps)})`];
  }
  const disc = constProps[0]!;
  const errors: string[] = [];
  const seen = new Set<string>();
  props.forEach((p, i) => {
    const d = p[disc] as Json;
    const c = JSON.stringify(d['const']);
    if (seen.has(c)) errors.push(`${where}/${i}: discriminator "${disc}" const ${c} is not unique`);
    seen.add(c);
    if ('default' in d && JSON.stringify(d['default']) !== c) errors.push(`${where}/${i}: "${disc}" default differs from its const`);
    if ('enum' in d && !(Array.isArray(d['enum']) && d['enum'].length === 1 && JSON.stringify(d['enum'][0]) === c)) {
      errors.push(`${where}/${i}: "${disc}" enum must be [const]`);
    }
  });
  return errors;
}

/**
 * CAT spec checklist for `spec.connectionSpecification` (secrets marking is left to callers):
 * every `additionalProperties` present is true; no anyOf/allOf/not/if/then/else/patternProperties;
 * `oneOf` variants share exactly one `const` discriminator; a property's `type` is T or [T, "null"].
 */
export function specChecklistErrors(connectionSpecification: unknown): string[] {
  if (!isObject(connectionSpecification)) return ['connectionSpecification must be an object'];
  const errors: string[] = [];
  walkSchema(connectionSpecification, '#', (node, path) => {
    if ('additionalProperties' in node && node['additionalProperties'] !== true) {
      errors.push(`${path}: additionalProperties must be true when present (got ${JSON.stringify(node['additionalProperties'])})`);
    }
    for (const k of SPEC_FORBIDDEN) if (k in node) errors.push(`${path}: forbidden keyword "${k}"`);
    if (Array.isArray(node['oneOf'])) errors.push(...oneOfErrors(node['oneOf'], path));
    const props = node['properties'];
    if (isObject(props)) {
      for (const [name, p] of Object.entries(props)) {
        if (isObject(p) && 'type' in p && !typeIsAllowed(p['type'])) {
          errors.push(`${path}/properties/${name}: type must be a single type or [T, "null"] (got ${JSON.stringify(p['type'])})`);
        }
      }
    }
  });
  return errors;
}

const CATALOG_FORBIDDEN = ['$ref', 'allOf', 'not'];

/** The subschema at a field path through nested `properties`, or undefined. */
function schemaAtPath(schema: unknown, fieldPath: unknown): Json | undefined {
  if (!Array.isArray(fieldPath) || fieldPath.length === 0) return undefined;
  let node: unknown = schema;
  for (const part of fieldPath) {
    if (typeof part !== 'string' || !isObject(node) || !isObject(node['properties'])) return undefined;
    node = node['properties'][part];
  }
  return isObject(node) ? node : undefined;
}

const typesOf = (s: Json): unknown[] => (Array.isArray(s['type']) ? s['type'] : [s['type']]);

/**
 * CAT discover checklist for an AirbyteCatalog: unique stream names; each json_schema is a valid,
 * compilable draft-07 schema without $ref/allOf/not; primary keys and default cursor fields exist in the
 * schema; primary-key fields are not object/array typed.
 */
export function catalogChecklistErrors(catalog: unknown): string[] {
  if (!isObject(catalog) || !Array.isArray(catalog['streams'])) return ['catalog.streams must be an array'];
  const errors: string[] = [];
  const names = new Set<string>();
  const ajv = newAjv(); // fresh per catalog: streams may reuse $id values between catalogs
  catalog['streams'].forEach((stream, i) => {
    if (!isObject(stream)) {
      errors.push(`streams[${i}]: not an object`);
      return;
    }
    const name = typeof stream['name'] === 'string' ? stream['name'] : `#${i}`;
    const at = `stream ${name}`;
    if (typeof stream['name'] !== 'string') errors.push(`streams[${i}]: name must be a string`);
    else if (names.has(name)) errors.push(`${at}: duplicate stream name`);
    names.add(name);

    const schema = stream['json_schema'];
    if (!isObject(schema)) {
      errors.push(`${at}: json_schema must be an object`);
      return;
    }
    if (schema['$schema'] !== undefined && !/json-schema\.org\/draft-07\/schema#?$/.test(String(schema['$schema']))) {
      errors.push(`${at}: $schema must be draft-07 (got ${JSON.stringify(schema['$schema'])})`);
    } else if (!ajv.validateSchema(schema)) {
      errors.push(...formatAjvErrors(ajv.errors, `${at}: json_schema is not valid draft-07`));
    } else {
      try {
        ajv.compile(schema);
      } catch (e) {
        errors.push(`${at}: json_schema does not compile: ${(e as Error).message}`);
      }
    }
    walkSchema(schema, '#', (node, path) => {
      for (const k of CATALOG_FORBIDDEN) if (k in node) errors.push(`${at}: ${path}: forbidden keyword "${k}"`);
    });

    const pk = stream['source_defined_primary_key'];
    if (pk !== undefined) {
      if (!Array.isArray(pk)) errors.push(`${at}: source_defined_primary_key must be an array of paths`);
      else
        for (const keyPath of pk) {
          const field = schemaAtPath(schema, keyPath);
          if (!field) {
            errors.push(`${at}: primary key ${JSON.stringify(keyPath)} is not in json_schema`);
            continue;
          }
          const bad = typesOf(field).filter((t) => t === 'object' || t === 'array');
          if (bad.length > 0) errors.push(`${at}: primary key ${JSON.stringify(keyPath)} has type ${JSON.stringify(field['type'])}`);
        }
    }
    const cursor = stream['default_cursor_field'];
    if (cursor !== undefined && !(Array.isArray(cursor) && cursor.length === 0) && !schemaAtPath(schema, cursor)) {
      errors.push(`${at}: default_cursor_field ${JSON.stringify(cursor)} is not in json_schema`);
    }
  });
  return errors;
}
