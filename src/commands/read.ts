import type { Config } from '../config.js';
import { ConfigError, TransientError, toConnectorError } from '../errors.js';
import { readJsonFile } from '../files.js';
import type { LagoClient } from '../lago/client.js';
import { LagoHttpError } from '../lago/errors.js';
import { parseConfiguredCatalog, type ConfiguredStream } from '../protocol/catalog.js';
import {
  errorTraceMessage,
  estimateMessage,
  logMessage,
  recordMessage,
  streamStateMessage,
  streamStatusMessage,
} from '../protocol/messages.js';
import { parseInputState } from '../protocol/state.js';
import type { MessageWriter } from '../protocol/writer.js';
import { Progress } from '../progress.js';
import { createClient, syncTime } from '../runtime.js';
import { readStream, type SyncOptions } from '../streams/engine.js';
import { StreamRegistry } from '../streams/registry.js';
import { loadConfig } from './load.js';

/** A full-refresh stream checkpoints every this many records, so destinations can commit as they go. */
const CHECKPOINT_RECORDS = 1000;

export interface ReadArgs {
  config: string;
  catalog: string;
  state?: string | undefined;
  signal?: AbortSignal;
}

export async function read(args: ReadArgs, writer: MessageWriter): Promise<number> {
  const config = await loadConfig(args.config, writer);
  const now = syncTime();
  const registry = StreamRegistry.forConfig(config, now);
  const streams = parseConfiguredCatalog(await readJsonFile(args.catalog, 'Catalog'), args.catalog, (name) => registry.has(name));
  const savedStates = new Map<string, unknown>();
  if (args.state !== undefined) {
    const state = parseInputState(await readJsonFile(args.state, 'State'), args.state);
    for (const warning of state.warnings) await writer.write(logMessage('WARN', warning));
    for (const [name, value] of state.streams) {
      if (registry.has(name)) savedStates.set(name, value);
      else await writer.write(logMessage('WARN', `State file ${args.state}: stream "${name}" is not a stream of this source; its state is ignored.`));
    }
  }

  let currentStream: string | undefined;
  let rateLimitedUntil = 0;
  const client = createClient(
    config,
    {
      onRateLimited: async (resetAtMs) => {
        // Concurrent requests meet the same limit: one status per quota window, not one per request.
        if (!currentStream || Date.now() < rateLimitedUntil) return;
        rateLimitedUntil = resetAtMs;
        await writer.write(streamStatusMessage(currentStream, 'RUNNING', resetAtMs));
      },
    },
    args.signal ? { signal: args.signal } : {},
  );

  const progress = Progress.forStderr();
  let failed = false;
  for (const configured of streams) {
    if (args.signal?.aborted) break;
    currentStream = configured.stream.name;
    const incremental = configured.sync_mode === 'incremental';
    const sync: SyncOptions = {
      incremental,
      // Full refresh ignores saved state: it reads the whole range again.
      state: incremental ? savedStates.get(currentStream) : undefined,
      stateFile: args.state ?? '(no state file)',
      now,
    };
    const outcome = await readOneStream(configured, sync, { config, client, registry, writer, progress, ...(args.signal ? { signal: args.signal } : {}) });
    if (outcome === 'ok') continue;
    failed = true;
    // A refused key will be refused for every other stream too: stop instead of hammering Lago.
    if (outcome === 'fatal') break;
  }
  for (const line of progress.summary(client.retries)) await writer.write(logMessage('INFO', line));
  return failed ? 1 : 0;
}

interface ReadDeps {
  progress: Progress;
  config: Config;
  client: LagoClient;
  registry: StreamRegistry;
  writer: MessageWriter;
  signal?: AbortSignal;
}

async function readOneStream(configured: ConfiguredStream, sync: SyncOptions, deps: ReadDeps): Promise<'ok' | 'failed' | 'fatal'> {
  const { writer, registry } = deps;
  const name = configured.stream.name;
  const definition = registry.get(name);
  const slicedByCursor = Boolean(definition.cursor) && sync.incremental;
  let running = false;
  let sinceCheckpoint = 0;
  // What a failure re-emits to cover the records already written: never a cursor past them.
  let lastState: unknown = definition.cursor ? (sync.state ?? {}) : {};
  const skipped = new Map<string, number>();
  const markRunning = async () => {
    if (!running) await writer.write(streamStatusMessage(name, 'RUNNING'));
    running = true;
  };

  const { progress } = deps;
  progress.start(name);
  await writer.write(streamStatusMessage(name, 'STARTED'));
  try {
    const events = readStream(definition, { client: deps.client, config: deps.config, definition: (parent) => registry.get(parent) }, sync);
    for await (const event of events) {
      if (deps.signal?.aborted) throw new TransientError('Interrupted by a signal.');
      await markRunning();
      switch (event.type) {
        case 'records':
          for (const record of event.records) await writer.write(recordMessage(name, record));
          sinceCheckpoint += event.records.length;
          progress.records(event.records.length);
          break;
        case 'estimate':
          progress.estimate(event.rows);
          await writer.write(estimateMessage(name, event.rows));
          break;
        case 'checkpoint':
          await writer.write(streamStateMessage(name, event.state, sinceCheckpoint));
          lastState = event.state;
          sinceCheckpoint = 0;
          break;
        case 'page':
          progress.page();
          // Incremental cursor streams checkpoint per slice; an empty state here would erase their cursor.
          if (!slicedByCursor && sinceCheckpoint >= CHECKPOINT_RECORDS) {
            await writer.write(streamStateMessage(name, {}, sinceCheckpoint));
            sinceCheckpoint = 0;
          }
          break;
        case 'skipped':
          skipped.set(event.reason, (skipped.get(event.reason) ?? 0) + 1);
          progress.skipped();
          break;
        case 'notice':
          await writer.write(logMessage('INFO', event.message));
          break;
      }
    }
    await markRunning();
    if (!slicedByCursor) await writer.write(streamStateMessage(name, {}, sinceCheckpoint));
    await reportSkipped(name, skipped, writer);
    await writer.write(streamStatusMessage(name, 'COMPLETE'));
    progress.finish('complete');
    return 'ok';
  } catch (error) {
    const failure = toConnectorError(error);
    if (sinceCheckpoint > 0) await writer.write(streamStateMessage(name, lastState, sinceCheckpoint));
    await reportSkipped(name, skipped, writer);
    await writer.write(streamStatusMessage(name, 'INCOMPLETE'));
    progress.finish('failed');
    await writer.write(errorTraceMessage(`Stream ${name} failed: ${failure.message}`, failure.failureType, { stream: name, internalMessage: failure.internalMessage }));
    return (error instanceof LagoHttpError && error.keyRefused) || deps.signal?.aborted ? 'fatal' : 'failed';
  }
}

async function reportSkipped(stream: string, skipped: Map<string, number>, writer: MessageWriter): Promise<void> {
  if (skipped.size === 0) return;
  const total = [...skipped.values()].reduce((sum, count) => sum + count, 0);
  const detail = [...skipped.entries()].map(([reason, count]) => `${count} × ${reason}`).join(', ');
  await writer.write(logMessage('WARN', `${stream}: skipped ${total} parent object(s) Lago had nothing for: ${detail}.`));
}
