import { loadSource } from '../commands/load.js';
import { schemaFor } from '../commands/discover.js';
import { toConnectorError } from '../errors.js';
import { readJsonFile } from '../files.js';
import type { MessageWriter } from '../protocol/writer.js';
import { probeLago } from '../lago/health.js';
import { availableStreams, createClient, engineDeps, stateFileLabel } from '../runtime.js';
import { cursorFromState } from '../streams/incremental.js';
import { syncStreams, type StreamOutcome } from '../streams/sync-loop.js';
import { formatAbout, TAP_NAME } from './about.js';
import { parseSingerArgs, SINGER_USAGE, SingerUsageError, type SingerArgs } from './args.js';
import { parseSingerCatalog, singerCatalogEntry, type SelectedStream } from './catalog.js';
import { StderrLog } from './log.js';
import { packageInfo } from './package-info.js';
import { singerStateMessage } from './messages.js';
import { Metrics } from './metrics.js';
import { Bookmarks, parseSingerState } from './state.js';
import { syncSingerStream } from './sync.js';

/**
 * Singer mode: `tap-lago …` and `source-lago singer …`. A thin adapter over the Airbyte mode's parts
 * (config, stream registry, schemas, engine, writer): only the catalog, state and message shapes differ.
 */

export interface SingerIO {
  writer: MessageWriter;
  stderr?: NodeJS.WritableStream;
  signal?: AbortSignal;
}

/** Runs Singer mode and returns the exit code (0 ok, 1 failed, 2 usage). Never throws. */
export async function runSinger(argv: readonly string[], io: SingerIO): Promise<number> {
  const { writer } = io;
  const stderr = io.stderr ?? process.stderr;
  const log = new StderrLog(writer, stderr);
  try {
    const parsed = parseSingerArgs(argv);
    if (parsed.kind === 'help') {
      await writer.writeText(`${SINGER_USAGE}\n`);
      return 0;
    }
    if (parsed.kind === 'version') {
      // singer-sdk prints "tap-x v1.2.3, Meltano SDK v0.x"; this tap is not built with it, so the runtime stands there.
      await writer.writeText(`${TAP_NAME} v${packageInfo().version}, Node.js ${process.version}\n`);
      return 0;
    }
    if (parsed.kind === 'about') {
      await writer.writeText(formatAbout(parsed.format));
      return 0;
    }
    return parsed.args.discover ? await discover(parsed.args, writer, log) : await sync(parsed.args, writer, log, io.signal);
  } catch (error) {
    if (error instanceof SingerUsageError) {
      stderr.write(`${writer.redact(`tap-lago: ${error.message}`)}\nRun tap-lago --help for the usage.\n`);
      return 2;
    }
    log.line('ERROR', `tap-lago: ${toConnectorError(error).message}`);
    return 1;
  }
}

async function discover(args: SingerArgs, writer: MessageWriter, log: StderrLog): Promise<number> {
  const { config, registry } = await loadSource(args.config, writer, (message) => log.line('WARN', message));
  const lago = await probeLago(config.baseUrl);
  const streams = [];
  for (const definition of await availableStreams(registry, lago, (message) => log.line('INFO', message))) streams.push(singerCatalogEntry(definition, await schemaFor(definition, registry, config, log.asWriter())));
  // The catalog is one JSON document (what `--discover > catalog.json` saves), not a message stream.
  await writer.writeText(`${JSON.stringify({ streams }, null, 2)}\n`);
  return 0;
}

async function sync(args: SingerArgs, writer: MessageWriter, log: StderrLog, signal: AbortSignal | undefined): Promise<number> {
  const { config, now, registry } = await loadSource(args.config, writer, (message) => log.line('WARN', message));
  const streams: SelectedStream[] =
    args.catalog === undefined
      ? registry.all().map((definition) => ({ name: definition.name, definition, method: definition.cursor ? 'INCREMENTAL' : 'FULL_TABLE', notes: [] }))
      : parseSingerCatalog(await readJsonFile(args.catalog, 'Catalog'), args.catalog, registry);
  const input = args.state === undefined ? { bookmarks: {}, warnings: [] } : parseSingerState(await readJsonFile(args.state, 'State'), args.state, registry);
  for (const warning of input.warnings) log.line('WARN', warning);
  for (const name of Object.keys(input.bookmarks)) {
    if (!registry.has(name)) log.line('WARN', `State file ${args.state}: "${name}" is not a stream of this source; its bookmark is kept as it is.`);
  }
  if (streams.length === 0) log.line('WARN', `No stream is selected in ${args.catalog}: set "selected": true in a stream's "breadcrumb": [] metadata.`);
  // A stream without a schema in the catalog gets discover's (templates: schemas/, custom: given or inferred).
  for (const stream of streams) stream.schema ??= await schemaFor(stream.definition, registry, config, log.asWriter());
  // A bookmark that is not a cursor fails now, before any output, rather than when its stream's turn comes.
  for (const stream of streams) {
    const cursor = stream.definition.cursor;
    if (cursor && stream.method === 'INCREMENTAL') cursorFromState(stream.name, cursor, input.bookmarks[stream.name], stateFileLabel(args.state));
  }

  const bookmarks = new Bookmarks(input.bookmarks);
  let rateLimitedStream: string | undefined;
  const metrics = new Metrics((text) => log.line('INFO', text));
  const client = createClient(
    config,
    {
      onRateLimited: async (resetAtMs) => {
        log.line('INFO', `${rateLimitedStream ?? 'Lago'}: rate limited by Lago; waiting until ${new Date(resetAtMs).toISOString()}.`);
      },
      onRetry: (reason, attempt, delayMs) => log.line('INFO', `${rateLimitedStream ?? 'Lago'}: ${reason}; retry ${attempt} in ${Math.round(delayMs)} ms.`),
      onResponse: (response) => metrics.httpResponse(response),
    },
    { signal },
  );
  const lago = await probeLago(config.baseUrl, signal);
  log.line('INFO', `Reading from ${lago.describe()} at ${new URL(config.baseUrl).origin}.`);
  const engine = engineDeps(client, config, registry, lago);
  const { failed, attempted } = await syncStreams(streams, signal, async (stream) => {
    rateLimitedStream = stream.name;
    const counter = metrics.recordCounter(stream.name);
    const timed = metrics.syncTimer(stream.name);
    let outcome: StreamOutcome = 'failed';
    try {
      outcome = await syncSingerStream(stream, { engine, writer, log, bookmarks, stateFile: stateFileLabel(args.state), now, signal, onRecords: (count) => counter.increment(count) });
      return outcome;
    } finally {
      // As singer-sdk's counter and timer on leaving their `with`: the last count, and the stream's duration.
      counter.flush();
      timed(outcome === 'ok');
    }
  });
  // Whatever happened, hand the bookmarks back (also those of streams not synced this time).
  if (streams.length === 0) await writer.write(singerStateMessage(bookmarks.snapshot()));
  if (failed.length === 0) return 0;
  const notRun = streams.length - attempted;
  log.line('ERROR', `tap-lago: ${failed.length} of ${streams.length} stream(s) failed: ${failed.map((stream) => stream.name).join(', ')}${notRun > 0 ? `; ${notRun} not synced after that` : ''} (see the lines above).`);
  return 1;
}
