/** Small facts about parsed JSON, used wherever records, schemas, catalogs or states are walked. */

export type JsonObject = Record<string, unknown>;

/** A JSON object: not null, not an array. */
export const isJsonObject = (value: unknown): value is JsonObject => value !== null && typeof value === 'object' && !Array.isArray(value);

/** The value at a path of keys (e.g. a nested primary key), or undefined where the path leaves the objects. */
export function valueAt(value: unknown, path: readonly string[]): unknown {
  let node = value;
  for (const part of path) node = isJsonObject(node) ? node[part] : undefined;
  return node;
}
