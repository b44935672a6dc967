// What a lago-api list serializer emits, field by field, written from lago-api's source (never from schemas/ or
// src/generated/: the fidelity tests compare the two). The fake's generators (data.ts) build HEAD-shaped records;
// `shapeAt` takes away what an older Lago did not send yet.
import { atLeast, HEAD, type LagoVersion } from '../lago-version.js';
import type { LagoRecord } from '../types.js';

export interface Field {
  /** The Lago release whose serializer first sent this key (omitted: older than any version the fake models). */
  since?: LagoVersion;
  /** The release whose serializer stopped sending it. */
  until?: LagoVersion;
  /** lago-api may send null here (a nullable column, a `&.`, a value set later in the object's life). */
  nullable?: boolean;
  /** The key is sent only in some records; says when (e.g. 'when the plan has a minimum commitment'). */
  when?: string;
  /** A nested object, as its serializer (or `includes:`) emits it. */
  object?: Fields;
  /** An array of nested objects. */
  array?: Fields;
}

export type Fields = Readonly<Record<string, Field>>;

export interface Serializer {
  /** lago-api files this table was written from (controller, serializer, includes, columns), with the commit or tag read. */
  source: string;
  fields: Fields;
}

const present = (field: Field, version: LagoVersion): boolean =>
  (field.since === undefined || atLeast(version, field.since)) && (field.until === undefined || !atLeast(version, field.until));

/** The record as Lago `version` serializes it: keys added later (or removed earlier) left out, at every depth. */
export function shapeAt(record: LagoRecord, fields: Fields, version: LagoVersion): LagoRecord {
  if (version === HEAD) return record;
  const out: LagoRecord = {};
  for (const [key, value] of Object.entries(record)) {
    const field = fields[key];
    if (field && !present(field, version)) continue;
    out[key] = field ? shapeValue(value, field, version) : value;
  }
  return out;
}

function shapeValue(value: unknown, field: Field, version: LagoVersion): unknown {
  const isObject = (v: unknown): v is LagoRecord => typeof v === 'object' && v !== null && !Array.isArray(v);
  if (field.object && isObject(value)) return shapeAt(value, field.object, version);
  if (field.array && Array.isArray(value)) return value.map((item) => (isObject(item) ? shapeAt(item, field.array as Fields, version) : item));
  return value;
}

/**
 * Where a generated record departs from its serializer table at HEAD: keys the serializer does not send, keys it
 * always sends that are missing, nulls where it never sends null. Empty when the generator follows lago-api.
 */
export function shapeProblems(record: LagoRecord, fields: Fields, where = ''): string[] {
  const problems: string[] = [];
  for (const key of Object.keys(record)) {
    if (!fields[key]) problems.push(`${where}${key}: not sent by lago-api's serializer`);
  }
  for (const [key, field] of Object.entries(fields)) {
    if (field.until !== undefined) {
      if (key in record) problems.push(`${where}${key}: no longer sent since ${field.until}`);
      continue;
    }
    if (!(key in record)) {
      if (!field.when) problems.push(`${where}${key}: always sent by lago-api, missing`);
      continue;
    }
    const value = record[key];
    if (value === null) {
      if (!field.nullable) problems.push(`${where}${key}: null, but lago-api never sends null here`);
      continue;
    }
    if (field.object) {
      if (typeof value !== 'object' || Array.isArray(value)) problems.push(`${where}${key}: expected an object`);
      else problems.push(...shapeProblems(value as LagoRecord, field.object, `${where}${key}.`));
    }
    if (field.array) {
      if (!Array.isArray(value)) problems.push(`${where}${key}: expected an array`);
      else value.forEach((item, i) => problems.push(...shapeProblems(item as LagoRecord, field.array as Fields, `${where}${key}[${i}].`)));
    }
  }
  return problems;
}
