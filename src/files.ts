import { readFileSync, statSync } from 'node:fs';
import { ConfigError } from './errors.js';

/**
 * Reads a JSON input file (config, catalog, state). Every failure becomes one line that names the
 * file and says what was expected, since users meet these errors first. Read synchronously: the
 * files are small, and at start-up nothing else is waiting (fs/promises costs ~10 ms to set up).
 */
export async function readJsonFile(path: string, what: string): Promise<unknown> {
  let text: string;
  try {
    const info = statSync(path);
    if (info.isDirectory()) throw new ConfigError(`${what} file ${path} is a directory; expected a JSON file.`);
    text = readFileSync(path, 'utf8');
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
    throw new ConfigError(`${what} file ${path} is not valid JSON${whereJsonBroke(text, error as Error)}.`);
  }
}

/**
 * Where parsing failed, as a line and column. Not the parser's own message: it quotes the text
 * around the error, which in a config file may be the API key (not yet known, so not yet masked).
 */
function whereJsonBroke(text: string, error: Error): string {
  const position = /position (\d+)/.exec(error.message);
  if (!position) return ' (check quotes, commas and brackets)';
  const before = text.slice(0, Number(position[1]));
  const line = before.split('\n').length;
  const column = before.length - before.lastIndexOf('\n');
  return ` at line ${line}, column ${column} (check quotes, commas and brackets there)`;
}
