import type { Config } from '../config.js';
import { toConnectorError } from '../errors.js';
import { catalogMessage, logMessage } from '../protocol/messages.js';
import type { MessageWriter } from '../protocol/writer.js';
import { probeLago } from '../lago/health.js';
import { availableStreams, createClient, engineDeps } from '../runtime.js';
import type { StreamDefinition } from '../streams/definition.js';
import { sampleRecords } from '../streams/engine.js';
import { inferSchema } from '../streams/infer-schema.js';
import { isTemplate, loadSchema, type StreamRegistry } from '../streams/registry.js';
import { loadSource } from './load.js';

/** How many records a custom stream's schema is inferred from. */
const SCHEMA_SAMPLE = 100;

export function catalogEntry(definition: StreamDefinition, jsonSchema: Record<string, unknown>): Record<string, unknown> {
  return {
    name: definition.name,
    json_schema: jsonSchema,
    supported_sync_modes: definition.cursor ? ['full_refresh', 'incremental'] : ['full_refresh'],
    ...(definition.primaryKey.length > 0 ? { source_defined_primary_key: definition.primaryKey } : {}),
    ...(definition.cursor ? { source_defined_cursor: true, default_cursor_field: [definition.cursor.field] } : {}),
    is_resumable: Boolean(definition.cursor),
  };
}

/** Templates have a schema file; a custom stream has the one it was given, or one inferred from a sample. */
export async function schemaFor(definition: StreamDefinition, registry: StreamRegistry, config: Config, writer: MessageWriter): Promise<Record<string, unknown>> {
  if (definition.jsonSchema) return definition.jsonSchema;
  if (isTemplate(definition.name)) return loadSchema(definition.name);
  try {
    const client = createClient(config, {}, { maxRetries: 1 });
    const sample = await sampleRecords(definition, engineDeps(client, config, registry), SCHEMA_SAMPLE);
    return inferSchema(sample);
  } catch (error) {
    await writer.write(logMessage('WARN', `Custom stream ${definition.name}: could not fetch a sample to infer its schema (${toConnectorError(error).message}); using a schema that accepts any object.`));
    return { $schema: 'http://json-schema.org/draft-07/schema#', type: 'object', additionalProperties: true };
  }
}

export async function discover(configPath: string, writer: MessageWriter): Promise<number> {
  const { config, registry } = await loadSource(configPath, writer);
  const lago = await probeLago(config.baseUrl);
  const streams = [];
  for (const definition of await availableStreams(registry, lago, (message) => writer.write(logMessage('INFO', message)))) {
    streams.push(catalogEntry(definition, await schemaFor(definition, registry, config, writer)));
  }
  await writer.write(catalogMessage(streams));
  return 0;
}
