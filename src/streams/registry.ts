import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../config.js';
import { ConfigError } from '../errors.js';
import { schemasDir } from '../paths.js';
import { buildCustomStreams } from './custom.js';
import type { StreamDefinition } from './definition.js';
import { TEMPLATE_STREAMS } from './templates.js';

const TEMPLATE_NAMES = TEMPLATE_STREAMS.map((definition) => definition.name);

/** All streams of a config, by name: the templates, then the user's custom streams. */
export class StreamRegistry {
  private readonly byName = new Map<string, StreamDefinition>();

  constructor(definitions: readonly StreamDefinition[] = TEMPLATE_STREAMS) {
    for (const definition of definitions) this.byName.set(definition.name, definition);
  }

  static forConfig(config: Config, now: Date): StreamRegistry {
    const custom = buildCustomStreams(config.raw.custom_streams ?? [], {
      configFile: config.file,
      baseUrl: config.baseUrl,
      now,
      templateNames: TEMPLATE_NAMES,
      templateSchema: loadSchema,
      templateFields: (stream) => (TEMPLATE_NAMES.includes(stream) ? Object.keys((loadSchema(stream).properties as Record<string, unknown> | undefined) ?? {}) : undefined),
    });
    return new StreamRegistry([...TEMPLATE_STREAMS, ...custom]);
  }

  get names(): string[] {
    return [...this.byName.keys()];
  }

  has(name: string): boolean {
    return this.byName.has(name);
  }

  get(name: string): StreamDefinition {
    const definition = this.byName.get(name);
    if (!definition) throw new ConfigError(`Unknown stream "${name}"; known streams: ${this.names.join(', ')}.`);
    return definition;
  }

  all(): StreamDefinition[] {
    return [...this.byName.values()];
  }
}

export const isTemplate = (name: string): boolean => TEMPLATE_NAMES.includes(name);

const schemaCache = new Map<string, Record<string, unknown>>();

/** The JSON schema of a template stream, from schemas/<name>.json. */
export function loadSchema(name: string): Record<string, unknown> {
  let schema = schemaCache.get(name);
  if (!schema) {
    schema = JSON.parse(readFileSync(join(schemasDir, `${name}.json`), 'utf8')) as Record<string, unknown>;
    schemaCache.set(name, schema);
  }
  return schema;
}
