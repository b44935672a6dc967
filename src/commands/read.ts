import { toConnectorError } from '../errors.js';
import { readJsonFile } from '../files.js';
import { parseConfiguredCatalog } from '../protocol/catalog.js';
import {
  errorTraceMessage,
  estimateMessage,
  logMessage,
  recordBytes,
  streamStateMessage,
  streamStatusMessage,
} from '../protocol/messages.js';
import { parseInputState } from '../protocol/state.js';
import type { MessageWriter } from '../protocol/writer.js';
import { Progress } from '../progress.js';
import { RetryNotices } from '../retry-notices.js';
import { probeLago } from '../lago/health.js';
import { createClient, engineDeps, stateFileLabel } from '../runtime.js';
import type { StreamRegistry } from '../streams/registry.js';
import { readingOrder, syncStream, syncStreams, type StreamSink } from '../streams/sync-loop.js';
import { loadSource } from './load.js';

/**
 * Streams read at once. Most of a Lago organization's 20 streams are a page or two: read one after another each
 * pays its round trips alone. The client's budget (or max_concurrency) bounds the requests of all of them together;
 * memory is bounded by each stream's read-ahead.
 */
const PARALLEL_STREAMS = 4;

export interface ReadArgs {
  config: string;
  catalog: string;
  state?: string | undefined;
  signal?: AbortSignal;
}

export async function read(args: ReadArgs, writer: MessageWriter): Promise<number> {
  const { config, now, registry } = await loadSource(args.config, writer);
  const streams = parseConfiguredCatalog(await readJsonFile(args.catalog, 'Catalog'), args.catalog, (name) => registry.has(name));
  const savedStates = await readSavedStates(args.state, registry, writer);

  /** Streams between STARTED and their end: a rate-limit wait holds each of them. */
  const running = new Set<string>();
  let rateLimitedUntil = 0;
  const retries = new RetryNotices((message) => writer.write(logMessage('INFO', message)));
  const client = createClient(
    config,
    {
      onRateLimited: async (resetAtMs) => {
        // Concurrent requests meet the same limit: one status per quota window, not one per request.
        if (running.size === 0 || Date.now() < rateLimitedUntil) return;
        rateLimitedUntil = resetAtMs;
        for (const name of running) await writer.write(streamStatusMessage(name, 'RUNNING', resetAtMs));
      },
      onRetry: retries.onRetry,
    },
    { signal: args.signal },
  );

  const lago = await probeLago(config.baseUrl, args.signal);
  await writer.write(logMessage('INFO', `Reading from ${lago.describe()} at ${new URL(config.baseUrl).origin}.`));
  const progress = Progress.forStderr();
  const deps = engineDeps(client, config, registry, lago);
  const ordered = readingOrder(streams, (configured) => registry.get(configured.stream.name));
  const { failed } = await syncStreams(ordered, args.signal, async (configured) => {
    const name = configured.stream.name;
    const incremental = configured.sync_mode === 'incremental';
    const definition = registry.get(name);
    const sink = airbyteSink(name, writer, progress);
    await writer.write(streamStatusMessage(name, 'STARTED'));
    const sync = {
      incremental,
      // Full refresh ignores saved state: it reads the whole range again.
      state: incremental ? savedStates.get(name) : undefined,
      stateFile: stateFileLabel(args.state),
      now,
    };
    running.add(name);
    try {
      return await syncStream(definition, deps, sync, sink, args.signal);
    } finally {
      running.delete(name);
    }
  }, { parallel: PARALLEL_STREAMS, ready: client.answered });
  for (const line of progress.summary(client.retries)) await writer.write(logMessage('INFO', line));
  return failed.length > 0 ? 1 : 0;
}

async function readSavedStates(file: string | undefined, registry: StreamRegistry, writer: MessageWriter): Promise<Map<string, unknown>> {
  const saved = new Map<string, unknown>();
  if (file === undefined) return saved;
  const state = parseInputState(await readJsonFile(file, 'State'), file);
  for (const warning of state.warnings) await writer.write(logMessage('WARN', warning));
  for (const [name, value] of state.streams) {
    if (registry.has(name)) saved.set(name, value);
    else await writer.write(logMessage('WARN', `State file ${file}: stream "${name}" is not a stream of this source; its state is ignored.`));
  }
  return saved;
}

/** Airbyte messages for one stream: STREAM_STATUS around it, RECORD, STATE with sourceStats, ESTIMATE, LOG. */
function airbyteSink(name: string, writer: MessageWriter, progress: Progress): StreamSink {
  const tracker = progress.start(name);
  return {
    alwaysFinalState: true,
    running: () => writer.write(streamStatusMessage(name, 'RUNNING')),
    records: async (records) => {
      await writer.writeBytes(recordBytes(name, records));
      tracker.records(records.length);
    },
    estimate: async (rows) => {
      tracker.estimate(rows);
      await writer.write(estimateMessage(name, rows));
    },
    page: () => tracker.page(),
    skipped: () => tracker.skipped(),
    notice: (message) => writer.write(logMessage('INFO', message)),
    warn: (message) => writer.write(logMessage('WARN', message)),
    state: (state, records) => writer.write(streamStateMessage(name, state, records)),
    complete: async () => {
      await writer.write(streamStatusMessage(name, 'COMPLETE'));
      tracker.finish('complete');
    },
    failed: async (error) => {
      const failure = toConnectorError(error);
      await writer.write(streamStatusMessage(name, 'INCOMPLETE'));
      tracker.finish('failed');
      await writer.write(errorTraceMessage(`Stream ${name} failed: ${failure.message}`, failure.failureType, { stream: name, internalMessage: failure.internalMessage }));
    },
  };
}
