import { ConfigError } from '../errors.js';
import type { AboutFormat } from './about.js';

/** Command-line flags of Singer mode (`tap-lago …`, or `source-lago singer …`), as Singer taps take them. */
export interface SingerArgs {
  config: string;
  discover: boolean;
  /** --catalog, or --properties (its older name). */
  catalog?: string;
  state?: string;
}

export type ParsedSingerArgs = { kind: 'help' } | { kind: 'version' } | { kind: 'about'; format: AboutFormat } | { kind: 'run'; args: SingerArgs };

export class SingerUsageError extends ConfigError {}

export const SINGER_USAGE = `tap-lago: Singer tap for Lago (https://www.getlago.com): the streams, filters and incremental
cursors of the source-lago Airbyte connector, speaking the Singer spec (SCHEMA, RECORD, STATE).

Usage:
  tap-lago --config CONFIG --discover                             print the Singer catalog (JSON) on stdout
  tap-lago --config CONFIG [--catalog CATALOG] [--state STATE]    sync the selected streams
  tap-lago --about [--format json|markdown]                       name, version, capabilities and settings (no --config needed)
  tap-lago --help | --version

  --properties PROPERTIES is accepted as the older name of --catalog.
  \`source-lago singer …\` takes the same flags (e.g. source-lago singer --config c.json --discover).

Sync:
  A stream is synced when its metadata entry with "breadcrumb": [] has "selected": true (Meltano writes
  this from \`select:\`), or the stream entry itself has "selected": true (older taps), or neither says
  and its "selected-by-default" is true (as printed by --discover). A stream entry without metadata is
  synced. Properties, at any depth (["properties","a","properties","b"]), whose metadata says
  "selected": false or "inclusion": "unsupported" are left out of SCHEMA and RECORD messages with
  everything below them; key and replication-key properties are always kept. "replication-method"
  INCREMENTAL (the default for events, invoices and credit_notes) resumes from the bookmark in --state;
  FULL_TABLE reads everything again. Without --catalog every stream is synced. With
  "emit_activate_version_messages": true in the config, FULL_TABLE streams' records carry a version and one
  ACTIVATE_VERSION follows the last of them, only when the stream completed (a target such as target-postgres
  then retires the rows not read again).

State:
  STATE messages carry {"bookmarks": {"<stream>": {"<replication key>": "<value>"}}}, the same cursor the
  Airbyte mode keeps. --state takes that object (also wrapped as {"value": …} or {"singer_state": …}),
  or an Airbyte state list (e.g. {"airbyte_state": […]} from tap-airbyte-wrapper) to switch over. A
  singer-sdk bookmark {"replication_key": "timestamp", "replication_key_value": "…"} (also per partition)
  is read as this tap's; one it cannot use gives a WARN naming the stream, which starts from start_date.

Examples:
  tap-lago --config secrets/config.json --discover > catalog.json
  # in each stream's "breadcrumb": [] metadata set "selected": true for the streams you want and false for
  # the others (every stream is selected by default; the README has a jq line for it), then:
  tap-lago --config secrets/config.json --catalog catalog.json > out.jsonl
  grep '"type":"STATE"' out.jsonl | tail -1 | jq -c .value > state.json
  tap-lago --config secrets/config.json --catalog catalog.json --state state.json
  meltano run tap-lago target-jsonl        # with the meltano.yml of this repository

Output: one Singer message per line on stdout; logs and errors on stderr (the API key is never printed), with
metrics as singer-sdk taps log them: INFO METRIC: {"type":"counter","metric":"record_count",…} per stream every
60 s and at its end, an http_request_duration timer per answer from Lago, a sync_duration timer per stream.
Exit codes: 0 success, 1 a stream or the run failed (stderr says why), 2 wrong command-line usage.
SIGTERM/SIGINT stop a sync; the signal is re-raised.`;

const VALUE_FLAGS = ['config', 'catalog', 'properties', 'state'] as const;

/** --format's value (json or markdown, any case, as singer-sdk's click.Choice takes it); undefined when not given. */
function aboutFormat(argv: readonly string[]): AboutFormat | undefined {
  const at = argv.findIndex((flag) => flag === '--format' || flag.startsWith('--format='));
  if (at < 0) return undefined;
  const flag = argv[at]!;
  const value = flag.includes('=') ? flag.slice(flag.indexOf('=') + 1) : argv[at + 1];
  const format = value?.toLowerCase();
  if (format === 'json' || format === 'markdown') return format;
  throw new SingerUsageError(`Option --format takes json or markdown${value === undefined ? '' : `, not "${value}"`}.`);
}

export function parseSingerArgs(argv: readonly string[]): ParsedSingerArgs {
  if (argv.includes('--help') || argv.includes('-h')) return { kind: 'help' };
  if (argv.includes('--version')) return { kind: 'version' };
  // As in singer-sdk, --about wins over the other options (a Meltano invocation may add --config): nothing is read.
  if (argv.includes('--about')) return { kind: 'about', format: aboutFormat(argv) ?? 'text' };
  if (aboutFormat(argv) !== undefined) throw new SingerUsageError('--format goes with --about (tap-lago --about --format json).');
  const values: Partial<Record<(typeof VALUE_FLAGS)[number], string>> = {};
  let discover = false;
  for (let i = 0; i < argv.length; i += 1) {
    const flag = argv[i]!;
    const [name, inline] = flag.startsWith('--') ? flag.slice(2).split(/=(.*)/s, 2) : [undefined, undefined];
    if (name === 'discover' && inline === undefined) {
      discover = true;
      continue;
    }
    if (!name || !(VALUE_FLAGS as readonly string[]).includes(name)) {
      throw new SingerUsageError(`Unexpected argument "${flag}"; tap-lago takes --config, --discover, --catalog (or --properties), --state, --about, --format, --help, --version.`);
    }
    const key = name as (typeof VALUE_FLAGS)[number];
    const value = inline ?? argv[++i];
    if (value === undefined || value === '' || (inline === undefined && value.startsWith('--'))) throw new SingerUsageError(`Option --${key} needs a file path.`);
    if (values[key] !== undefined) throw new SingerUsageError(`Option --${key} is given twice.`);
    values[key] = value;
  }
  if (values.catalog !== undefined && values.properties !== undefined) throw new SingerUsageError('Give --catalog or --properties (its older name), not both.');
  if (values.config === undefined) throw new SingerUsageError('--config CONFIG is required (the same config.json as source-lago).');
  const catalog = values.catalog ?? values.properties;
  if (discover && (catalog !== undefined || values.state !== undefined)) {
    throw new SingerUsageError('--discover prints the catalog and takes no --catalog, --properties or --state; run a sync without --discover.');
  }
  return {
    kind: 'run',
    args: { config: values.config, discover, ...(catalog === undefined ? {} : { catalog }), ...(values.state === undefined ? {} : { state: values.state }) },
  };
}
