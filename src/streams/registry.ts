import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from '../errors.js';
import { schemasDir } from '../paths.js';
import type { StreamDefinition } from './definition.js';
import { TEMPLATE_STREAMS } from './templates.js';

/** All streams this connector can read, by name. */
export class StreamRegistry {
  private readonly byName = new Map<string, StreamDefinition>();

  constructor(definitions: readonly StreamDefinition[] = TEMPLATE_STREAMS) {
    for (const definition of definitions) this.byName.set(definition.name, definition);
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

/** The JSON schema of a template stream, from schemas/<name>.json. */
export function loadSchema(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(join(schemasDir, `${name}.json`), 'utf8')) as Record<string, unknown>;
}
