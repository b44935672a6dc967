import { ConfigError } from '../errors.js';
import type { StreamDefinition } from '../streams/definition.js';
import type { StreamRegistry } from '../streams/registry.js';
import { isJsonObject } from '../util/json.js';
import { pruneSchema, resolveSelection, type Deselection } from './selection.js';

/**
 * Singer catalogs: the one `--discover` prints, and reading the one a sync is given (which streams are
 * selected, how, and which properties). Streams and schemas are the registry's: the same as Airbyte's.
 */

type Json = Record<string, unknown>;
export type ReplicationMethod = 'INCREMENTAL' | 'FULL_TABLE';

/** Singer key properties are top-level names: a nested key path ["_parent","external_id"] becomes "_parent__external_id". */
export interface KeyProperty {
  name: string;
  path: string[];
}

export function keyProperties(definition: StreamDefinition): KeyProperty[] {
  return definition.primaryKey.map((path) => ({ name: path.join('__'), path }));
}

/** The schema of a nested key field, or one that accepts any scalar when the schema does not say. */
function schemaAt(schema: Json, path: string[]): Json {
  let node: unknown = schema;
  for (const part of path) {
    const properties: unknown = isJsonObject(node) ? node.properties : undefined;
    node = isJsonObject(properties) ? properties[part] : undefined;
  }
  return isJsonObject(node) ? node : { type: ['string', 'number', 'integer', 'boolean', 'null'] };
}

/**
 * The schema Singer sees: the stream's schema plus a top-level property for each nested key part
 * (so key_properties can name it), minus properties the catalog deselected, at any depth.
 */
export function singerSchema(schema: Json, definition: StreamDefinition, deselected?: Deselection): Json {
  const properties: Json = { ...(isJsonObject(schema.properties) ? schema.properties : {}) };
  for (const key of keyProperties(definition)) if (key.path.length > 1) properties[key.name] = schemaAt(schema, key.path);
  return pruneSchema({ ...schema, properties }, deselected);
}

/** Properties that are always synced: key properties and the replication key. */
function automaticProperties(definition: StreamDefinition): Set<string> {
  const names = new Set(keyProperties(definition).map((key) => key.name));
  for (const path of definition.primaryKey) names.add(path[0]!);
  if (definition.cursor) names.add(definition.cursor.field);
  return names;
}

/** One stream of the `--discover` catalog. */
export function singerCatalogEntry(definition: StreamDefinition, schema: Json): Json {
  const keys = keyProperties(definition).map((key) => key.name);
  const cursor = definition.cursor?.field;
  const fullSchema = singerSchema(schema, definition);
  const automatic = automaticProperties(definition);
  const propertyNames = Object.keys(fullSchema.properties as Json);
  return {
    tap_stream_id: definition.name,
    stream: definition.name,
    schema: fullSchema,
    key_properties: keys,
    ...(cursor ? { replication_key: cursor, replication_method: 'INCREMENTAL' } : { replication_method: 'FULL_TABLE' }),
    metadata: [
      {
        breadcrumb: [],
        metadata: {
          inclusion: 'available',
          'selected-by-default': true,
          'table-key-properties': keys,
          ...(cursor ? { 'valid-replication-keys': [cursor], 'replication-key': cursor } : { 'forced-replication-method': 'FULL_TABLE' }),
        },
      },
      ...propertyNames.flatMap((name) => [
        { breadcrumb: ['properties', name], metadata: { inclusion: automatic.has(name) ? 'automatic' : 'available', 'selected-by-default': true } },
        ...nestedMetadata((fullSchema.properties as Json)[name], ['properties', name]),
      ]),
    ],
  };
}

/**
 * Breadcrumbs of the properties of object properties, at every depth, depth first after their parent, as
 * singer-sdk's MetadataMapping.get_standard_metadata (_add_subfield_metadata) writes them: only where a property's
 * schema has `properties` itself (array items are not descended into), and always "available" (keys are top-level).
 */
function nestedMetadata(schema: unknown, breadcrumb: string[]): Json[] {
  if (!isJsonObject(schema) || !isJsonObject(schema.properties)) return [];
  return Object.entries(schema.properties).flatMap(([name, child]) => {
    const path = [...breadcrumb, 'properties', name];
    return [{ breadcrumb: path, metadata: { inclusion: 'available', 'selected-by-default': true } }, ...nestedMetadata(child, path)];
  });
}

/** A stream a sync reads, as the catalog configured it. */
export interface SelectedStream {
  name: string;
  definition: StreamDefinition;
  /** INCREMENTAL only for a stream with a cursor; an INCREMENTAL request for one without is read in full. */
  method: ReplicationMethod;
  /** The schema the catalog carries (a user may have overridden it), when it has one. */
  schema?: Json;
  /** Properties the catalog deselected, at any depth; undefined when none (records then cost nothing more). */
  deselected?: Deselection;
  /** Things worth a log line (a replication key this source does not use, …). */
  notes: string[];
}

const where = (file: string, index: number) => `Invalid catalog in ${file}: streams.${index}`;

function breadcrumbMetadata(entry: Json, file: string, index: number): Map<string, Json> {
  const byBreadcrumb = new Map<string, Json>();
  if (entry.metadata === undefined || entry.metadata === null) return byBreadcrumb;
  if (!Array.isArray(entry.metadata)) throw new ConfigError(`${where(file, index)}.metadata: expected a list of {"breadcrumb": [...], "metadata": {...}}.`);
  for (const [position, item] of entry.metadata.entries()) {
    if (!isJsonObject(item) || !Array.isArray(item.breadcrumb) || !isJsonObject(item.metadata)) {
      throw new ConfigError(`${where(file, index)}.metadata.${position}: expected {"breadcrumb": [...], "metadata": {...}}.`);
    }
    byBreadcrumb.set(JSON.stringify(item.breadcrumb), item.metadata);
  }
  return byBreadcrumb;
}

function replicationMethod(value: unknown, file: string, index: number): ReplicationMethod | undefined {
  if (value === undefined || value === null) return undefined;
  const method = typeof value === 'string' ? value.toUpperCase() : value;
  if (method === 'INCREMENTAL' || method === 'FULL_TABLE') return method;
  // Log-based replication does not exist for an API; what is closest is reading from the bookmark.
  if (method === 'LOG_BASED') return 'INCREMENTAL';
  throw new ConfigError(`${where(file, index)}: replication-method ${JSON.stringify(value)} is not INCREMENTAL or FULL_TABLE.`);
}

/** The selected streams of a Singer catalog (--catalog / --properties), in catalog order. */
export function parseSingerCatalog(input: unknown, file: string, registry: StreamRegistry): SelectedStream[] {
  if (!isJsonObject(input) || !Array.isArray(input.streams)) throw new ConfigError(`Invalid catalog in ${file}: expected {"streams": [...]} as printed by tap-lago --discover.`);
  const selected: SelectedStream[] = [];
  const seen = new Set<string>();
  for (const [index, entry] of input.streams.entries()) {
    if (!isJsonObject(entry)) throw new ConfigError(`${where(file, index)}: expected a stream object.`);
    const name = typeof entry.tap_stream_id === 'string' && entry.tap_stream_id !== '' ? entry.tap_stream_id : entry.stream;
    if (typeof name !== 'string' || name === '') throw new ConfigError(`${where(file, index)}: has no tap_stream_id (or stream) name.`);
    const metadata = breadcrumbMetadata(entry, file, index);
    const streamMetadata = metadata.get('[]') ?? {};
    const definition = registry.has(name) ? registry.get(name) : undefined;
    const selection = resolveSelection(metadata, entry.selected, definition ? automaticProperties(definition) : new Set());
    if (!selection.selected) continue;
    if (!definition) throw new ConfigError(`${where(file, index)}: stream "${name}" is selected but is not a stream of this source (run tap-lago --discover for the list).`);
    if (seen.has(name)) throw new ConfigError(`Invalid catalog in ${file}: stream "${name}" is listed twice.`);
    seen.add(name);

    const notes: string[] = [];
    const asked =
      replicationMethod(streamMetadata['replication-method'], file, index) ??
      replicationMethod(entry.replication_method, file, index) ??
      replicationMethod(streamMetadata['forced-replication-method'], file, index) ??
      (definition.cursor ? 'INCREMENTAL' : 'FULL_TABLE');
    let method: ReplicationMethod = asked;
    if (asked === 'INCREMENTAL' && !definition.cursor) {
      method = 'FULL_TABLE';
      notes.push(`${name} has no replication key: read in full (FULL_TABLE), as asked INCREMENTAL.`);
    }
    const askedKey = streamMetadata['replication-key'] ?? entry.replication_key;
    if (definition.cursor && method === 'INCREMENTAL' && typeof askedKey === 'string' && askedKey !== definition.cursor.field) {
      notes.push(`${name} replicates by ${definition.cursor.field}; replication-key "${askedKey}" is ignored.`);
    }

    if (selection.kept.length > 0) notes.push(`${name}: ${selection.kept.join(', ')} ${selection.kept.length === 1 ? 'is a key or replication key property' : 'are key or replication key properties'} (inclusion automatic): synced although deselected.`);
    selected.push({
      name,
      definition,
      method,
      ...(isJsonObject(entry.schema) && isJsonObject(entry.schema.properties) ? { schema: entry.schema } : {}),
      ...(selection.deselected ? { deselected: selection.deselected } : {}),
      notes,
    });
  }
  return selected;
}
