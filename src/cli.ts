import { check } from './commands/check.js';
import { discover } from './commands/discover.js';
import { read } from './commands/read.js';
import { spec } from './commands/spec.js';
import { ConfigError, toConnectorError } from './errors.js';
import { errorTraceMessage } from './protocol/messages.js';
import { MessageWriter } from './protocol/writer.js';

export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

const USAGE = `source-lago: Airbyte source for Lago (https://www.getlago.com)

Usage:
  source-lago spec
  source-lago check    --config CONFIG
  source-lago discover --config CONFIG
  source-lago read     --config CONFIG --catalog CATALOG [--state STATE]

Examples:
  source-lago check --config secrets/config.json
  source-lago read --config secrets/config.json --catalog integration_tests/configured_catalog.json

Output: Airbyte protocol messages, one JSON object per line on stdout.
Exit codes: 0 success (also a FAILED check), 1 a stream or the command failed (see the TRACE ERROR),
2 wrong command-line usage.`;

const COMMANDS: Record<string, readonly string[]> = {
  spec: [],
  check: ['config'],
  discover: ['config'],
  read: ['config', 'catalog'],
};
const OPTIONAL: Record<string, readonly string[]> = { read: ['state'] };

export interface CliIO {
  writer?: MessageWriter;
  stderr?: NodeJS.WritableStream;
  signal?: AbortSignal;
}

class UsageError extends ConfigError {}

function parseArgs(argv: string[]): { command: string; options: Record<string, string> } {
  const [command, ...rest] = argv;
  if (!command || !(command in COMMANDS)) throw new UsageError(command ? `Unknown command "${command}"; expected one of ${Object.keys(COMMANDS).join(', ')}.` : 'No command given; expected one of spec, check, discover, read.');
  const allowed = [...(COMMANDS[command] ?? []), ...(OPTIONAL[command] ?? [])];
  const options: Record<string, string> = {};
  for (let i = 0; i < rest.length; i += 1) {
    const flag = rest[i]!;
    const [name, inline] = flag.startsWith('--') ? flag.slice(2).split(/=(.*)/s, 2) : [undefined, undefined];
    if (!name || !allowed.includes(name)) throw new UsageError(`Unexpected argument "${flag}" for ${command}; it takes ${allowed.map((a) => `--${a}`).join(', ') || 'no options'}.`);
    const value = inline ?? rest[++i];
    if (value === undefined || value === '') throw new UsageError(`Option --${name} of ${command} needs a file path.`);
    options[name] = value;
  }
  for (const required of COMMANDS[command] ?? []) {
    if (!(required in options)) throw new UsageError(`${command} needs --${required} <file>.`);
  }
  return { command, options };
}

/** Runs one command and returns the process exit code. Never throws. */
export async function runCli(argv: string[], io: CliIO = {}): Promise<number> {
  const writer = io.writer ?? new MessageWriter();
  const stderr = io.stderr ?? process.stderr;
  if (argv.length === 0 || argv.includes('--help') || argv.includes('-h') || argv[0] === 'help') {
    (argv.length === 0 ? stderr : process.stdout).write(`${USAGE}\n`);
    return argv.length === 0 ? EXIT.usage : EXIT.ok;
  }
  try {
    const { command, options } = parseArgs(argv);
    switch (command) {
      case 'spec':
        return await spec(writer);
      case 'check':
        return await check(options.config!, writer);
      case 'discover':
        return await discover(options.config!, writer);
      default:
        return await read({ config: options.config!, catalog: options.catalog!, state: options.state, ...(io.signal ? { signal: io.signal } : {}) }, writer);
    }
  } catch (error) {
    const failure = toConnectorError(error);
    await writer.write(errorTraceMessage(failure.message, failure.failureType, { internalMessage: failure.internalMessage }));
    if (error instanceof UsageError) {
      stderr.write(`${writer.redact(failure.message)}\n\n${USAGE}\n`);
      return EXIT.usage;
    }
    return EXIT.failed;
  }
}
