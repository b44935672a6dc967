import { ConfigError, HostUnreachableError, TransientError } from '../errors.js';
import { LagoHttpError } from '../lago/errors.js';
import { STREAM_SINCE } from '../lago/capabilities.js';
import type { StreamDefinition } from './definition.js';
import { isTemplate } from './registry.js';
import { readStream, type EngineDeps, type SyncOptions } from './engine.js';

/** A full-refresh stream states every this many records, so destinations can commit as they go. */
const STATE_EVERY_RECORDS = 1000;

/** 'fatal' stops the whole sync (refused key, signal); 'failed' moves on to the next stream. */
export type StreamOutcome = 'ok' | 'failed' | 'fatal';

type Row = Record<string, unknown>;

/** How one mode (Airbyte, Singer) writes a stream's sync; the rules of when live in syncStream. */
export interface StreamSink {
  /** Airbyte closes every non-cursor stream with a state, even right after one; Singer only over unstated records. */
  readonly alwaysFinalState: boolean;
  /** Once, at the first engine event (or at the end if there was none). */
  running?(): Promise<void>;
  records(records: Row[]): Promise<void>;
  estimate(rows: number): Promise<void>;
  page?(): void;
  skipped?(): void;
  notice(message: string): Promise<void>;
  warn(message: string): Promise<void>;
  /** This Lago has no endpoint for the stream: it completes with nothing read, which is not an empty list. */
  unavailable?(): void;
  /** A state covering `records` records since the last one; `moved` when the engine checkpointed a new cursor. */
  state(state: unknown, records: number, moved: boolean): Promise<void>;
  complete(records: number): Promise<void>;
  failed(error: unknown, records: number): Promise<void>;
}

/**
 * Drives one stream through the engine into a sink. Incremental cursor streams state per slice
 * (the engine's checkpoints), the others every STATE_EVERY_RECORDS records and at the end.
 */
export async function syncStream(definition: StreamDefinition, deps: EngineDeps, sync: SyncOptions, sink: StreamSink, signal?: AbortSignal): Promise<StreamOutcome> {
  const slicedByCursor = Boolean(definition.cursor) && sync.incremental;
  // What a failure re-states to cover the records already written: never a cursor past them.
  let lastState: unknown = slicedByCursor ? (sync.state ?? {}) : {};
  let sinceState = 0;
  let total = 0;
  let stated = false;
  let running = false;
  const skipped = new Map<string, number>();
  const state = async (moved: boolean) => {
    await sink.state(lastState, sinceState, moved);
    sinceState = 0;
    stated = true;
  };
  const pageDone = async () => {
    sink.page?.();
    // An empty state here would erase a sliced stream's cursor.
    if (!slicedByCursor && sinceState >= STATE_EVERY_RECORDS) await state(false);
  };
  const markRunning = async () => {
    if (!running) await sink.running?.();
    running = true;
  };

  const finish = async () => {
    await markRunning();
    if (!slicedByCursor && (sink.alwaysFinalState || !stated || sinceState > 0)) await state(false);
    await reportSkipped(definition.name, skipped, sink);
    await sink.complete(total);
    return 'ok' as const;
  };
  // A stream this Lago does not have is not a failure: nothing to read, and the sync goes on.
  if (deps.lago.hasStream(definition.name) === false) {
    await sink.warn(`${definition.name}: ${deps.lago.describe()} has no ${definition.name} endpoint (it came with Lago ${STREAM_SINCE[definition.name]!.since}); nothing to read.`);
    sink.unavailable?.();
    return finish();
  }
  try {
    for await (const event of readStream(definition, deps, sync)) {
      if (signal?.aborted) throw new TransientError('Interrupted by a signal.');
      await markRunning();
      switch (event.type) {
        case 'records':
          await sink.records(event.records);
          sinceState += event.records.length;
          total += event.records.length;
          if (event.endsPage) await pageDone();
          break;
        case 'estimate':
          await sink.estimate(event.rows);
          break;
        case 'checkpoint':
          lastState = event.state;
          await state(true);
          break;
        case 'page':
          await pageDone();
          break;
        case 'skipped':
          skipped.set(event.reason, (skipped.get(event.reason) ?? 0) + 1);
          sink.skipped?.();
          break;
        case 'notice':
          await sink.notice(event.message);
          break;
      }
    }
    return await finish();
  } catch (thrown) {
    let error = thrown;
    if (error instanceof LagoHttpError && error.routeMissing && total === 0 && isTemplate(definition.name)) {
      const missing = error;
      const apiThere = await apiAnswers(deps).catch((wrongUrl: unknown) => {
        error = wrongUrl;
        return false;
      });
      if (apiThere) {
        const since = STREAM_SINCE[definition.name];
        await sink.warn(`${definition.name}: Lago answered 404 resource_not_found for ${missing.request}: this Lago version has no such endpoint${since ? ` (it came with Lago ${since.since})` : ''}; nothing to read.`);
        sink.unavailable?.();
        return finish();
      }
    }
    if (sinceState > 0) await state(false);
    await reportSkipped(definition.name, skipped, sink);
    await sink.failed(error, total);
    return (error instanceof LagoHttpError && error.keyRefused) || error instanceof HostUnreachableError || error instanceof WrongApiUrlError || signal?.aborted
      ? 'fatal'
      : 'failed';
  }
}

/** A wrong api_url: not even /customers (in every Lago) is there, so every stream would read nothing. */
class WrongApiUrlError extends ConfigError {}

const apiChecks = new WeakMap<object, Promise<boolean>>();

/**
 * Whether the configured API answers at all, asked once per client: a route missing on an API that has /customers
 * is a stream this Lago lacks; missing there too, api_url is wrong, and no stream may pass for empty.
 */
async function apiAnswers(deps: EngineDeps): Promise<boolean> {
  let check = apiChecks.get(deps.client);
  if (!check) {
    check = deps.client.get('/customers', { page: 1, per_page: 1 }).then(
      () => true,
      (error: unknown) => !(error instanceof LagoHttpError && error.routeMissing),
    );
    apiChecks.set(deps.client, check);
  }
  if (await check) return true;
  throw new WrongApiUrlError(`Lago has no /customers endpoint at ${deps.config.baseUrl} (404 resource_not_found, which every Lago version has): api_url is wrong. It should point at the Lago API, e.g. https://lago.example.com/api/v1.`);
}

async function reportSkipped(stream: string, skipped: Map<string, number>, sink: StreamSink): Promise<void> {
  if (skipped.size === 0) return;
  const total = [...skipped.values()].reduce((sum, count) => sum + count, 0);
  const detail = [...skipped].map(([reason, count]) => `${count} × ${reason}`).join(', ');
  await sink.warn(`${stream}: skipped ${total} parent object(s) Lago had nothing for: ${detail}.`);
}

/**
 * The order streams start in when several are read at once: longest first, as a scheduler packs jobs. A list read
 * page after page (keyset) is a chain of round trips that no budget can shorten, and a fan-out is most of a sync's
 * requests; started last, either would run on alone after the small streams are done. The rest keep catalog order.
 */
export function readingOrder<T>(streams: readonly T[], definitionOf: (stream: T) => StreamDefinition): T[] {
  const rank = (definition: StreamDefinition) => (definition.pagination?.kind === 'keyset' ? 0 : definition.partitions ? 1 : 2);
  return streams
    .map((stream, index) => ({ stream, index, rank: rank(definitionOf(stream)) }))
    .sort((a, b) => a.rank - b.rank || a.index - b.index)
    .map((entry) => entry.stream);
}

export interface StreamsOptions {
  /** Streams read at once (default 1: one after another). */
  parallel?: number;
  /**
   * Settles once Lago has answered a request: until then only the first stream runs, so that a refused key or a
   * host that is down stops the sync with that one stream's error, not one per stream in flight.
   */
  ready?: Promise<unknown>;
}

/**
 * Syncs streams in catalog order, up to `parallel` at once (each stream's own messages stay in order; a consumer
 * takes streams interleaved), stopping at a signal or a fatal outcome (a refused key is refused for every stream).
 */
export async function syncStreams<T>(
  streams: readonly T[],
  signal: AbortSignal | undefined,
  sync: (stream: T) => Promise<StreamOutcome>,
  options: StreamsOptions = {},
): Promise<{ failed: T[]; attempted: number }> {
  const outcomes = new Map<T, StreamOutcome>();
  let attempted = 0;
  let fatal = false;
  let next = 0;
  const run = async (stream: T) => {
    attempted += 1;
    const outcome = await sync(stream);
    outcomes.set(stream, outcome);
    if (outcome === 'fatal') fatal = true;
  };
  const more = () => !fatal && !signal?.aborted && next < streams.length;
  const worker = async () => {
    while (more()) await run(streams[next++]!);
  };
  const parallel = Math.max(1, options.parallel ?? 1);
  if (parallel > 1 && more()) {
    const first = worker();
    await Promise.race([first, options.ready?.catch(() => {}) ?? first]);
    await Promise.all([first, ...Array.from({ length: parallel - 1 }, worker)]);
  } else await worker();
  const failed = streams.filter((stream) => outcomes.has(stream) && outcomes.get(stream) !== 'ok');
  return { failed, attempted };
}
