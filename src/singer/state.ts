import { ConfigError } from '../errors.js';
import { parseInputState } from '../protocol/state.js';
import type { StreamRegistry } from '../streams/registry.js';
import type { SingerState } from './messages.js';
import { fromSdkBookmark, isSdkBookmark } from './sdk-bookmarks.js';
import { isJsonObject } from '../util/json.js';

/**
 * Reads --state in Singer mode. The Singer shape is {"bookmarks": {"<stream>": <stream state>}}, where a
 * stream state is exactly the Airbyte mode's stream_state (e.g. {"timestamp": "2026-01-31T00:00:00.000Z"}),
 * so both modes share one cursor format. Accepted wrappers: a whole STATE message or {"value": …},
 * Meltano's {"singer_state": …}, and, to switch from the Airbyte mode or tap-airbyte-wrapper, an Airbyte
 * state list (or {"airbyte_state": [...]}). Given the registry, a singer-sdk bookmark ({"replication_key": …,
 * "replication_key_value": …}) of one of its streams is read as ours (sdk-bookmarks.ts), or kept as it is with a
 * warning when it cannot be.
 */
export interface SingerInputState {
  bookmarks: Record<string, unknown>;
  warnings: string[];
}

export function parseSingerState(input: unknown, file: string, registry?: StreamRegistry): SingerInputState {
  if (input === null || input === undefined) return { bookmarks: {}, warnings: [] };
  if (Array.isArray(input) || (isJsonObject(input) && Array.isArray(input.airbyte_state))) {
    const airbyte = parseInputState(Array.isArray(input) ? input : input.airbyte_state, file);
    return { bookmarks: Object.fromEntries(airbyte.streams), warnings: airbyte.warnings };
  }
  if (!isJsonObject(input)) throw new ConfigError(`Invalid state in ${file}: expected an object like {"bookmarks": {"events": {"timestamp": "2026-01-31T00:00:00Z"}}}.`);
  const unwrapped = isJsonObject(input.value) ? input.value : isJsonObject(input.singer_state) ? input.singer_state : input;
  const bookmarks = unwrapped.bookmarks;
  if (bookmarks === undefined || bookmarks === null) return { bookmarks: {}, warnings: Object.keys(unwrapped).length > 0 ? [`State file ${file} has no "bookmarks"; starting from scratch.`] : [] };
  if (!isJsonObject(bookmarks)) throw new ConfigError(`Invalid state in ${file}: "bookmarks" must be an object with one entry per stream.`);
  return registry ? readSdkBookmarks(bookmarks, file, registry) : { bookmarks: { ...bookmarks }, warnings: [] };
}

function readSdkBookmarks(input: Record<string, unknown>, file: string, registry: StreamRegistry): SingerInputState {
  const bookmarks = { ...input };
  const warnings: string[] = [];
  for (const [name, bookmark] of Object.entries(input)) {
    if (!registry.has(name)) continue;
    const definition = registry.get(name);
    if (!isSdkBookmark(bookmark, definition.cursor?.field)) continue;
    const translated = fromSdkBookmark(definition, bookmark);
    if ('bookmark' in translated) bookmarks[name] = translated.bookmark;
    else {
      warnings.push(
        definition.cursor
          ? `State file ${file}: stream ${name}: singer-sdk bookmark cannot be used: ${translated.problem}. ${name} is read as without a bookmark (from start_date); the bookmark is handed back as it is until ${name} states a cursor of its own.`
          : `State file ${file}: stream ${name}: singer-sdk bookmark cannot be used: ${translated.problem}. It is handed back as it is.`,
      );
    }
  }
  return { bookmarks, warnings };
}

/** The state a sync emits: every bookmark it was given, updated stream by stream as cursors move. */
export class Bookmarks {
  private readonly values: Record<string, unknown>;

  constructor(initial: Record<string, unknown> = {}) {
    this.values = { ...initial };
  }

  get(stream: string): unknown {
    return this.values[stream];
  }

  set(stream: string, state: unknown): void {
    this.values[stream] = state;
  }

  snapshot(): SingerState {
    return { bookmarks: structuredClone(this.values) };
  }
}
