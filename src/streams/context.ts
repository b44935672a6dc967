import type { Config } from '../config.js';
import type { QueryParams, QueryValue } from '../lago/query.js';
import { valueAt } from '../util/json.js';
import type { Context, StreamDefinition } from './definition.js';

const PLACEHOLDER = /\{([a-zA-Z0-9_]+)\}/g;

/** Fills `{name}` placeholders of a template string from a partition context (each value `encode`d). */
export function fillTemplate(template: string, context: Context, where: string, encode: (value: string) => string = (value) => value): string {
  return template.replace(PLACEHOLDER, (_, name: string) => {
    const value = context[name];
    if (value === undefined) throw new Error(`No value for {${name}} in ${where}`);
    return encode(value);
  });
}

/** A JSON value with `change` applied to every string in it (request bodies). */
export function mapStrings(value: unknown, change: (text: string) => string): unknown {
  if (typeof value === 'string') return change(value);
  if (Array.isArray(value)) return value.map((item) => mapStrings(item, change));
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, mapStrings(item, change)]));
  return value;
}

/** Every string in a JSON value. */
export function allStrings(value: unknown): string[] {
  const found: string[] = [];
  mapStrings(value, (text) => (found.push(text), text));
  return found;
}

/**
 * A partition's query: the definition's templates filled from the context, then the config's values
 * verbatim (never read as templates: a filter such as "{acme}" is data).
 */
export function fillQuery(definition: StreamDefinition, config: Config, context: Context): QueryParams {
  const filled: Record<string, QueryValue> = {};
  for (const [name, template] of Object.entries(definition.queryTemplates ?? {})) filled[name] = fillTemplate(template, context, `${definition.name} query`);
  return { ...filled, ...definition.query?.(config) };
}

/** A record's field as a context value; ids may arrive as numbers on older servers. */
export function contextValue(record: Record<string, unknown>, field: string): string | undefined {
  const value = record[field];
  if (typeof value === 'string' && value !== '') return value;
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  return undefined;
}

/** The primary key of a record as one string, for deduplication (computed per record: kept cheap). */
export function keyOf(record: Record<string, unknown>, primaryKey: string[][]): string | undefined {
  if (primaryKey.length === 1) {
    const value = valueAt(record, primaryKey[0]!);
    return value === undefined || value === null ? undefined : String(value);
  }
  // A record without its key cannot be told apart from others: it is never taken for a repeat. In a composite key a
  // null part is a value (a legacy event's null external_subscription_id), as long as some part is not null.
  let key = '';
  let someValue = false;
  for (const path of primaryKey) {
    const part = valueAt(record, path);
    if (part === undefined) return undefined;
    if (part !== null) someValue = true;
    key += keyPart(part);
  }
  return someValue ? key : undefined;
}

/** One part of a composite key, length-prefixed so that no two different keys join into the same string. */
function keyPart(part: unknown): string {
  if (part === null) return 'n;';
  if (typeof part === 'string') return `s${part.length}:${part}`;
  if (typeof part === 'number' || typeof part === 'boolean') return `${typeof part === 'number' ? 'd' : 'b'}${part};`;
  const json = JSON.stringify(part);
  return `j${json.length}:${json}`;
}
