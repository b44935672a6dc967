import type { Config } from './config.js';
import { ConfigError } from './errors.js';
import { LagoServer, STREAM_SINCE } from './lago/capabilities.js';
import { LagoClient, type ClientEvents } from './lago/client.js';
import type { EngineDeps } from './streams/engine.js';
import type { StreamDefinition } from './streams/definition.js';
import type { StreamRegistry } from './streams/registry.js';

/** Backoff base; tests shorten it with SOURCE_LAGO_RETRY_BASE_MS so retries take milliseconds. */
function retryBaseMs(): number {
  const value = Number(process.env.SOURCE_LAGO_RETRY_BASE_MS);
  return Number.isFinite(value) && value >= 0 && process.env.SOURCE_LAGO_RETRY_BASE_MS !== '' ? value : 1000;
}

export function createClient(config: Config, events: ClientEvents = {}, overrides: { maxRetries?: number; signal?: AbortSignal | undefined } = {}): LagoClient {
  const base = retryBaseMs();
  return new LagoClient(
    {
      baseUrl: config.baseUrl,
      apiKey: config.apiKey,
      timeoutMs: config.timeoutMs,
      retry: { maxRetries: overrides.maxRetries ?? config.maxRetries, baseDelayMs: base, maxDelayMs: base * 30 },
      maxRateLimitWaitMs: Math.max(base * 60, 1000),
      maxConcurrency: config.maxConcurrency,
      rateLimitReserve: config.rateLimitReserve,
      ...(overrides.signal ? { signal: overrides.signal } : {}),
    },
    events,
  );
}

/** The instant a sync counts as "now"; SOURCE_LAGO_NOW pins it (tests, reproducible backfills). */
export function syncTime(): Date {
  const pinned = process.env.SOURCE_LAGO_NOW;
  if (!pinned) return new Date();
  const date = new Date(pinned);
  if (Number.isNaN(date.getTime())) throw new ConfigError(`Environment variable SOURCE_LAGO_NOW "${pinned}" is not an ISO 8601 date-time.`);
  return date;
}

/** The engine's view of a source: parents of fan-out streams are looked up in the registry. */
export function engineDeps(client: LagoClient, config: Config, registry: StreamRegistry, lago: LagoServer = LagoServer.unknown): EngineDeps {
  return { client, config, lago, definition: (name) => registry.get(name) };
}

/**
 * The streams this Lago has: a built-in stream whose route came with a later release than the one /health reports is
 * left out, with a line saying so (`say`); with the version unknown, all are kept and the error codes decide.
 */
export async function availableStreams(registry: StreamRegistry, lago: LagoServer, say: (message: string) => void | Promise<void>): Promise<StreamDefinition[]> {
  const kept: StreamDefinition[] = [];
  for (const definition of registry.all()) {
    if (lago.hasStream(definition.name) !== false) kept.push(definition);
    else await say(`${definition.name} is left out: ${lago.describe()} has no such endpoint (it came with Lago ${STREAM_SINCE[definition.name]!.since}).`);
  }
  return kept;
}

/** How errors about saved state name its file when there is none. */
export const stateFileLabel = (path: string | undefined): string => path ?? '(no state file)';
