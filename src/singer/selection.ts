import { isJsonObject, type JsonObject } from '../util/json.js';

/**
 * Property selection as singer-sdk resolves it (singer_sdk/singerlib/catalog.py, MetadataMapping._breadcrumb_is_selected
 * and SelectionMask.__missing__), applied as singer-sdk's helpers/_catalog.py does (_pop_deselected_schema,
 * pop_deselected_record_properties). Resolved once per stream into a tree of what to drop, so that a record costs a
 * walk of that tree only, and nothing at all when the tree is empty.
 */

/** Property names to drop (true) or to descend into (a subtree), keyed by name at each level of nesting. */
export type Deselection = ReadonlyMap<string, Deselection | true>;

/** Metadata by breadcrumb (the breadcrumb as JSON, e.g. '["properties","email"]'). */
export type MetadataByBreadcrumb = ReadonlyMap<string, JsonObject>;

export interface StreamSelection {
  selected: boolean;
  /** Undefined when nothing is deselected. */
  deselected: Deselection | undefined;
  /** Top-level properties the catalog tried to deselect that are always synced (keys, replication key). */
  kept: string[];
}

/** A breadcrumb singer-sdk's walks ever look up: ("properties", name) repeated. */
function propertyPath(breadcrumb: unknown): string[] | undefined {
  if (!Array.isArray(breadcrumb) || breadcrumb.length === 0 || breadcrumb.length % 2 !== 0) return undefined;
  const names: string[] = [];
  for (let i = 0; i < breadcrumb.length; i += 2) {
    if (breadcrumb[i] !== 'properties' || typeof breadcrumb[i + 1] !== 'string') return undefined;
    names.push(breadcrumb[i + 1] as string);
  }
  return names;
}

/**
 * Resolves a stream's selection. `legacySelected` is the stream entry's own "selected" (singer-python's
 * CatalogEntry.is_selected reads it; singer-sdk does not): it counts only where the stream's metadata says nothing.
 * `alwaysSelected` are top-level properties that cannot be deselected (keys, replication key), whatever the catalog's
 * `inclusion` says.
 */
export function resolveSelection(metadata: MetadataByBreadcrumb, legacySelected: unknown, alwaysSelected: ReadonlySet<string>): StreamSelection {
  const memo = new Map<string, boolean>();
  const isSelected = (names: readonly string[]): boolean => {
    const key = JSON.stringify(names.flatMap((name) => ['properties', name]));
    let value = memo.get(key);
    if (value === undefined) {
      value = names.length === 0 ? streamSelected(metadata, legacySelected) : propertySelected(metadata.get(key), isSelected(names.slice(0, -1)));
      memo.set(key, value);
    }
    return value;
  };

  const selected = isSelected([]);
  const drops: string[][] = [];
  const kept: string[] = [];
  for (const breadcrumb of metadata.keys()) {
    const names = propertyPath(JSON.parse(breadcrumb));
    // Only the topmost deselected breadcrumb matters: below it everything is deselected too (the parent wins).
    if (!names || isSelected(names) || !isSelected(names.slice(0, -1))) continue;
    if (names.length === 1 && alwaysSelected.has(names[0]!)) kept.push(names[0]!);
    else drops.push(names);
  }
  return { selected, deselected: drops.length === 0 ? undefined : toTree(drops), kept };
}

/** singer-sdk: no metadata at all selects everything; otherwise the root's own metadata decides, else not selected. */
function streamSelected(metadata: MetadataByBreadcrumb, legacySelected: unknown): boolean {
  const root = metadata.get('[]') ?? {};
  if (root.inclusion === 'unsupported') return false;
  if (root.inclusion === 'automatic') return true;
  if (typeof root.selected === 'boolean') return root.selected;
  if (typeof legacySelected === 'boolean') return legacySelected;
  if (typeof root['selected-by-default'] === 'boolean') return root['selected-by-default'];
  return metadata.size === 0;
}

/** singer-sdk: a deselected parent wins over anything below it; then unsupported, automatic, selected, selected-by-default, the parent. */
function propertySelected(entry: JsonObject | undefined, parent: boolean): boolean {
  if (!parent) return false;
  if (!entry) return parent;
  if (entry.inclusion === 'unsupported') return false;
  if (entry.inclusion === 'automatic') return true;
  if (typeof entry.selected === 'boolean') return entry.selected;
  if (typeof entry['selected-by-default'] === 'boolean') return entry['selected-by-default'];
  return parent;
}

function toTree(paths: string[][]): Deselection {
  const root = new Map<string, Map<string, unknown> | true>();
  for (const path of paths) {
    let node = root;
    for (const [depth, name] of path.entries()) {
      if (depth === path.length - 1) {
        node.set(name, true);
        break;
      }
      let child = node.get(name);
      if (child === true) break;
      if (!child) node.set(name, (child = new Map()));
      node = child as typeof root;
    }
  }
  return root as Deselection;
}

/** singer-sdk's type test for descending into a property's schema (helpers/_typing.py is_object_type). */
function isObjectType(schema: JsonObject): boolean {
  const types = Array.isArray(schema.anyOf) ? schema.anyOf.map((option) => (isJsonObject(option) ? option.type : option)) : [schema.type];
  return types.some((type) => type === 'object' || (Array.isArray(type) && type.includes('object')));
}

/**
 * The schema without the deselected properties (also gone from their parent's `required`), as singer-sdk's
 * _pop_deselected_schema: only object-typed properties are descended into. Copies only what it changes.
 */
export function pruneSchema(schema: JsonObject, deselected: Deselection | undefined): JsonObject {
  if (!deselected || !isJsonObject(schema.properties)) return schema;
  const properties: JsonObject = { ...schema.properties };
  const dropped = new Set<string>();
  for (const [name, below] of deselected) {
    const property = properties[name];
    if (below === true) {
      if (name in properties) dropped.add(name);
      delete properties[name];
    } else if (isJsonObject(property) && isObjectType(property)) {
      properties[name] = pruneSchema(property, below);
    }
  }
  const result: JsonObject = { ...schema, properties };
  if (Array.isArray(schema.required) && dropped.size > 0) result.required = schema.required.filter((name) => !dropped.has(name as string));
  return result;
}

/**
 * Drops deselected properties from a record, as singer-sdk's pop_deselected_record_properties: only objects are
 * descended into (not arrays). The record is changed in place; nested objects are copied before a change, as they may
 * be shared (a parent record carried into its children's `_parent`).
 */
export function pruneRecord(record: JsonObject, deselected: Deselection): void {
  for (const [name, below] of deselected) {
    if (below === true) {
      delete record[name];
      continue;
    }
    const value = record[name];
    if (!isJsonObject(value)) continue;
    const copy = { ...value };
    pruneRecord(copy, below);
    record[name] = copy;
  }
}
