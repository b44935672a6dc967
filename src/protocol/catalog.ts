import * as z from 'zod';
import { ConfigError } from '../errors.js';

/** The configured catalog a platform passes to `read`: which streams, in which sync mode. */

const configuredStream = z.looseObject({
  stream: z.looseObject({ name: z.string().min(1) }),
  sync_mode: z.enum(['full_refresh', 'incremental']),
  // PyAirbyte writes its catalog with pydantic's model_dump_json(): unset fields arrive as null.
  destination_sync_mode: z.string().nullish(),
  cursor_field: z.array(z.string()).nullish(),
  primary_key: z.array(z.array(z.string())).nullish(),
});

const configuredCatalog = z.looseObject({ streams: z.array(configuredStream) });

export type ConfiguredStream = z.infer<typeof configuredStream>;

export function parseConfiguredCatalog(input: unknown, file: string, knownStreams: (name: string) => boolean): ConfiguredStream[] {
  const result = configuredCatalog.safeParse(input);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const field = issue.path.length ? issue.path.join('.') : '(top level)';
    const expected = field.endsWith('sync_mode') ? 'expected "full_refresh" or "incremental"' : issue.message;
    throw new ConfigError(`Invalid catalog in ${file}: field ${field}: ${expected}.`);
  }
  const names = new Set<string>();
  for (const [index, entry] of result.data.streams.entries()) {
    const { name } = entry.stream;
    if (!knownStreams(name)) throw new ConfigError(`Invalid catalog in ${file}: streams.${index}.stream.name "${name}" is not a stream of this source (run discover for the list).`);
    if (names.has(name)) throw new ConfigError(`Invalid catalog in ${file}: stream "${name}" is listed twice.`);
    names.add(name);
  }
  return result.data.streams;
}
