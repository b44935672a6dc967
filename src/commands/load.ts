import { parseConfig, type Config } from '../config.js';
import { readJsonFile } from '../files.js';
import type { MessageWriter } from '../protocol/writer.js';

/** Reads and validates --config, registering the key with the writer before anything can print it. */
export async function loadConfig(path: string, writer: MessageWriter): Promise<Config> {
  const input = await readJsonFile(path, 'Config');
  const apiKey = (input as { api_key?: unknown } | null)?.api_key;
  if (typeof apiKey === 'string') writer.addSecret(apiKey.trim());
  return parseConfig(input, path);
}
