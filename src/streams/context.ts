import type { QueryParams, QueryValue } from '../lago/query.js';
import type { Context } from './definition.js';

const PLACEHOLDER = /\{([a-zA-Z0-9_]+)\}/g;

/** Fills `{name}` placeholders of a template string from a partition context. */
export function fillTemplate(template: string, context: Context, where: string): string {
  return template.replace(PLACEHOLDER, (_, name: string) => {
    const value = context[name];
    if (value === undefined) throw new Error(`No value for {${name}} in ${where}`);
    return value;
  });
}

/** Fills placeholders in every string of a JSON value (request bodies). */
export function fillDeep(value: unknown, context: Context, where: string): unknown {
  if (typeof value === 'string') return fillTemplate(value, context, where);
  if (Array.isArray(value)) return value.map((item) => fillDeep(item, context, where));
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, fillDeep(item, context, where)]));
  return value;
}

export function fillQuery(query: QueryParams, context: Context, where: string): QueryParams {
  const filled: Record<string, QueryValue> = {};
  for (const [name, value] of Object.entries(query)) filled[name] = typeof value === 'string' ? fillTemplate(value, context, where) : value;
  return filled;
}

/** A record's field as a context value; ids may arrive as numbers on older servers. */
export function contextValue(record: Record<string, unknown>, field: string): string | undefined {
  const value = record[field];
  if (typeof value === 'string' && value !== '') return value;
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  return undefined;
}

/** The primary key of a record as one string, for deduplication. */
export function keyOf(record: Record<string, unknown>, primaryKey: string[][]): string {
  if (primaryKey.length === 1 && primaryKey[0]!.length === 1) return String(record[primaryKey[0]![0]!]);
  return JSON.stringify(primaryKey.map((path) => path.reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], record)));
}
