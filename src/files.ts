import { readFile, stat } from 'node:fs/promises';
import { ConfigError } from './errors.js';

/**
 * Reads a JSON input file (config, catalog, state). Every failure becomes one line that names the
 * file and says what was expected, since users meet these errors first.
 */
export async function readJsonFile(path: string, what: string): Promise<unknown> {
  let text: string;
  try {
    const info = await stat(path);
    if (info.isDirectory()) throw new ConfigError(`${what} file ${path} is a directory; expected a JSON file.`);
    text = await readFile(path, 'utf8');
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'does not exist' : code === 'EACCES' ? 'is not readable (permission denied)' : `cannot be read (${code ?? 'unknown error'})`;
    throw new ConfigError(`${what} file ${path} ${reason}.`);
  }
  if (text.trim() === '') throw new ConfigError(`${what} file ${path} is empty; expected a JSON document.`);
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new ConfigError(`${what} file ${path} is not valid JSON: ${(error as Error).message}.`);
  }
}
