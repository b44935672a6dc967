import { configSchema, parseConfig, type Config } from '../config.js';
import { readJsonFile } from '../files.js';
import { logMessage } from '../protocol/messages.js';
import type { MessageWriter } from '../protocol/writer.js';
import { syncTime } from '../runtime.js';
import { StreamRegistry } from '../streams/registry.js';

/** Where config warnings go: a LOG message in Airbyte mode, stderr for Singer and human commands. */
export type Warn = (message: string) => void | Promise<void>;

/** Reads and validates --config, registering the key with the writer before anything can print it. */
export async function loadConfig(path: string, writer: MessageWriter, warn: Warn = (message) => writer.write(logMessage('WARN', message))): Promise<Config> {
  const input = await readJsonFile(path, 'Config');
  const apiKey = (input as { api_key?: unknown } | null)?.api_key;
  if (typeof apiKey === 'string') writer.addSecret(apiKey.trim());
  const config = parseConfig(input, path);
  // A misspelt optional field (api_urll, filters.invoice) would otherwise be ignored in silence.
  for (const warning of unknownFields(input as Record<string, unknown>, path)) await warn(warning);
  const url = new URL(config.baseUrl);
  if (url.protocol === 'http:' && !['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname)) {
    await warn(`Config file ${path}: api_url ${url.origin} is plain http: the API key travels unencrypted. Use https unless this host is on a trusted network.`);
  }
  return config;
}

/** The config, the instant the run counts as "now", and the streams that config defines. */
export async function loadSource(path: string, writer: MessageWriter, warn?: Warn): Promise<{ config: Config; now: Date; registry: StreamRegistry }> {
  const config = await loadConfig(path, writer, warn);
  const now = syncTime();
  return { config, now, registry: StreamRegistry.forConfig(config, now) };
}

function unknownFields(input: Record<string, unknown>, path: string): string[] {
  const levels: Array<[string, unknown, Record<string, unknown>]> = [['', input, configSchema.shape]];
  const filters = configSchema.shape.filters.unwrap().shape;
  if (typeof input.filters === 'object' && input.filters !== null) levels.push(['filters.', input.filters, filters]);
  return levels.flatMap(([prefix, value, shape]) => {
    const unknown = Object.keys(value as object).filter((key) => !(key in shape));
    return unknown.length ? [`Config file ${path}: unknown field ${unknown.map((key) => prefix + key).join(', ')} ignored; expected one of ${Object.keys(shape).map((key) => prefix + key).join(', ')}.`] : [];
  });
}
