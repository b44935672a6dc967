import { ConfigError, toConnectorError } from './errors.js';
import { errorTraceMessage } from './protocol/messages.js';
import { MessageWriter } from './protocol/writer.js';

export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

interface CommandSpec {
  required: readonly string[];
  optional?: readonly string[];
  /** Output for people rather than a platform: errors go to stderr as plain lines. */
  human?: boolean;
  usage: string;
  help: string;
}

const COMMANDS: Record<string, CommandSpec> = {
  spec: { required: [], usage: 'source-lago spec', help: 'Print the connector specification (the config schema) as a SPEC message.' },
  check: {
    required: ['config'],
    usage: 'source-lago check --config CONFIG',
    help: 'Call Lago once with the key: CONNECTION_STATUS SUCCEEDED, or FAILED saying what is wrong (exit 0 either way).\n  e.g. source-lago check --config secrets/config.json',
  },
  discover: {
    required: ['config'],
    usage: 'source-lago discover --config CONFIG',
    help: 'Print the catalog: every stream with its JSON schema, primary key and sync modes.\n  e.g. source-lago discover --config secrets/config.json',
  },
  read: {
    required: ['config', 'catalog'],
    optional: ['state'],
    usage: 'source-lago read --config CONFIG --catalog CATALOG [--state STATE]',
    help: 'Read the catalog\'s streams as RECORD, STATE and TRACE messages.\n  e.g. source-lago read --config secrets/config.json --catalog integration_tests/configured_catalog.json --state state.json',
  },
  preview: {
    required: ['config', 'stream'],
    optional: ['limit'],
    human: true,
    usage: 'source-lago preview --config CONFIG --stream NAME [--limit N]',
    help: 'Fetch a few records of a stream (built-in or custom) and print them for a person, with the requests made (key masked).\n  e.g. source-lago preview --config secrets/config.json --stream invoices --limit 3',
  },
  'suggest-paths': {
    required: ['config', 'url'],
    human: true,
    usage: 'source-lago suggest-paths --config CONFIG --url PATH',
    help: 'Fetch one response and list the JSONPaths of its arrays of objects, best first (to choose a custom stream\'s records_path).\n  e.g. source-lago suggest-paths --config secrets/config.json --url /customers',
  },
};

const USAGE = `source-lago: Airbyte source for Lago (https://www.getlago.com)

Usage:
${Object.values(COMMANDS).map((command) => `  ${command.usage}`).join('\n')}
  source-lago singer --config CONFIG (--discover | [--catalog CATALOG] [--state STATE])   Singer tap mode, same as tap-lago
  source-lago COMMAND --help

Output: Airbyte protocol messages, one JSON object per line on stdout (preview and suggest-paths print text;
singer prints Singer messages: see source-lago singer --help).
Exit codes: 0 success (also a FAILED check), 1 a stream or the command failed (see the TRACE ERROR),
2 wrong command-line usage. SIGTERM/SIGINT stop a read; the signal is re-raised.`;

export interface CliIO {
  writer?: MessageWriter;
  stderr?: NodeJS.WritableStream;
  signal?: AbortSignal;
}

class UsageError extends ConfigError {}

function parseArgs(command: string, spec: CommandSpec, rest: string[]): Record<string, string> {
  const allowed = [...spec.required, ...(spec.optional ?? [])];
  const options: Record<string, string> = {};
  for (let i = 0; i < rest.length; i += 1) {
    const flag = rest[i]!;
    const [name, inline] = flag.startsWith('--') ? flag.slice(2).split(/=(.*)/s, 2) : [undefined, undefined];
    if (!name || !allowed.includes(name)) throw new UsageError(`Unexpected argument "${flag}" for ${command}; it takes ${allowed.map((a) => `--${a}`).join(', ') || 'no options'}.`);
    const value = inline ?? rest[++i];
    if (value === undefined || value === '') throw new UsageError(`Option --${name} of ${command} needs a value.`);
    options[name] = value;
  }
  for (const required of spec.required) {
    if (!(required in options)) throw new UsageError(`${command} needs --${required}. Usage: ${spec.usage}`);
  }
  return options;
}

function parseLimit(value: string | undefined): number {
  if (value === undefined) return 10;
  const limit = Number(value);
  if (!Number.isInteger(limit) || limit < 1) throw new UsageError(`--limit must be a positive whole number, got "${value}".`);
  return limit;
}

/** Runs one command and returns the process exit code, with all its output written. Never throws. */
export async function runCli(argv: string[], io: CliIO = {}): Promise<number> {
  const writer = io.writer ?? new MessageWriter();
  try {
    return await runCommand(argv, writer, io);
  } finally {
    await writer.flush();
  }
}

async function runCommand(argv: string[], writer: MessageWriter, io: CliIO): Promise<number> {
  const stderr = io.stderr ?? process.stderr;
  // tap-airbyte-wrapper runs `docker run IMAGE -- COMMAND …`: the `--` reaches the entrypoint.
  const [command, ...rest] = argv[0] === '--' ? argv.slice(1) : argv;
  // Singer mode has flags of its own (--discover, --properties…): its module parses them.
  if (command === 'singer') {
    const { runSinger } = await import('./singer/index.js');
    return runSinger(rest, { writer, stderr, ...(io.signal ? { signal: io.signal } : {}) });
  }
  const spec = command ? COMMANDS[command] : undefined;
  if (!command || command === 'help' || command === '--help' || command === '-h') {
    (command ? process.stdout : stderr).write(`${USAGE}\n`);
    return command ? EXIT.ok : EXIT.usage;
  }
  if (spec && (rest.includes('--help') || rest.includes('-h'))) {
    process.stdout.write(`Usage: ${spec.usage}\n\n${spec.help}\n`);
    return EXIT.ok;
  }
  try {
    if (!spec) throw new UsageError(`Unknown command "${command}"; expected one of ${Object.keys(COMMANDS).join(', ')}.`);
    const options = parseArgs(command, spec, rest);
    parseLimit(options.limit);
    try {
      return await dispatch(command, options, writer, io);
    } catch (error) {
      if (!spec.human) throw error;
      stderr.write(`${writer.redact(`source-lago ${command}: ${toConnectorError(error).message}`)}\n`);
      return EXIT.failed;
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

/** Each command's module is loaded when it runs: a `read` starts without loading what only others use. */
async function dispatch(command: string, options: Record<string, string>, writer: MessageWriter, io: CliIO): Promise<number> {
  switch (command) {
    case 'spec':
      return (await import('./commands/spec.js')).spec(writer);
    case 'check':
      return (await import('./commands/check.js')).check(options.config!, writer);
    case 'discover':
      return (await import('./commands/discover.js')).discover(options.config!, writer);
    case 'preview':
      return (await import('./commands/preview.js')).preview({ config: options.config!, stream: options.stream!, limit: parseLimit(options.limit) }, writer);
    case 'suggest-paths':
      return (await import('./commands/preview.js')).suggestPaths({ config: options.config!, url: options.url! }, writer);
    default:
      return (await import('./commands/read.js')).read({ config: options.config!, catalog: options.catalog!, state: options.state, ...(io.signal ? { signal: io.signal } : {}) }, writer);
  }
}
