import type { StreamDefinition } from '../streams/definition.js';
import { loadSchema, StreamRegistry } from '../streams/registry.js';
import { catalogMessage } from '../protocol/messages.js';
import type { MessageWriter } from '../protocol/writer.js';
import { loadConfig } from './load.js';

export function catalogEntry(definition: StreamDefinition): Record<string, unknown> {
  return {
    name: definition.name,
    json_schema: loadSchema(definition.name),
    supported_sync_modes: definition.cursor ? ['full_refresh', 'incremental'] : ['full_refresh'],
    source_defined_primary_key: definition.primaryKey,
    ...(definition.cursor ? { source_defined_cursor: true, default_cursor_field: [definition.cursor.field] } : {}),
    is_resumable: Boolean(definition.cursor),
  };
}

export async function discover(configPath: string, writer: MessageWriter): Promise<number> {
  await loadConfig(configPath, writer);
  const registry = new StreamRegistry();
  await writer.write(catalogMessage(registry.all().map(catalogEntry)));
  return 0;
}
