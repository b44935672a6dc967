import type { StreamDefinition } from '../streams/definition.js';
import { formatCursor, parseInstant } from '../streams/incremental.js';
import { isJsonObject, type JsonObject } from '../util/json.js';

/**
 * Bookmarks written by singer-sdk taps (singer_sdk/helpers/_state.py): {"replication_key": "timestamp",
 * "replication_key_value": "…"}, per partition in "partitions": [{"context": {…}, "replication_key": …,
 * "replication_key_value": …}], with the transient "starting_replication_value", "replication_key_signpost" and the
 * "progress_markers" of an unsorted sync. tap-lago's own bookmark is {"<cursor field>": "<value>"}; this reads the
 * former as the latter, e.g. after switching from a singer-sdk tap-lago or a state edited by hand.
 */

const SDK_KEYS = ['replication_key', 'replication_key_value', 'partitions', 'progress_markers', 'starting_replication_value', 'replication_key_signpost'];

/** Has singer-sdk's keys and not the stream's own cursor field (which would make it ours). */
export function isSdkBookmark(bookmark: unknown, cursorField: string | undefined): bookmark is JsonObject {
  return isJsonObject(bookmark) && (cursorField === undefined || !(cursorField in bookmark)) && SDK_KEYS.some((key) => key in bookmark);
}

export type Translation = { bookmark: JsonObject } | { problem: string };

/**
 * Our bookmark for a singer-sdk one, or what makes it unusable. As singer-sdk's StreamStateManager
 * .write_starting_replication_value, the value counts only under the stream's own replication key, and only the
 * top-level replication_key_value (progress_markers are not resumable). Partitions: tap-lago reads a stream as one,
 * so the earliest partition value is where nothing is missed; every partition must then have a usable value.
 */
export function fromSdkBookmark(definition: StreamDefinition, bookmark: JsonObject): Translation {
  const cursor = definition.cursor;
  if (!cursor) return { problem: `${definition.name} has no replication key (FULL_TABLE only), so a replication_key bookmark cannot be used` };
  const expected = `replication_key "${cursor.field}" and a ${cursor.kind === 'date' ? 'YYYY-MM-DD date' : 'ISO 8601 date-time'} as replication_key_value`;
  const entries: Array<{ where: string; state: JsonObject }> = [];
  if ('replication_key' in bookmark || 'replication_key_value' in bookmark) entries.push({ where: '', state: bookmark });
  if (bookmark.partitions !== undefined) {
    if (!Array.isArray(bookmark.partitions)) return { problem: `"partitions" is not a list; expected partitions with ${expected}` };
    for (const [index, partition] of bookmark.partitions.entries()) {
      const where = ` in partition ${index}${isJsonObject(partition) && partition.context !== undefined ? ` (context ${JSON.stringify(partition.context)})` : ''}`;
      entries.push({ where, state: isJsonObject(partition) ? partition : {} });
    }
  }
  if (entries.length === 0) {
    const why = 'progress_markers' in bookmark ? ' (progress_markers of an interrupted unsorted sync are not resumable, as in singer-sdk)' : '';
    return { problem: `no replication_key_value${why}; expected ${expected}` };
  }
  let earliest: Date | undefined;
  for (const { where, state } of entries) {
    if (state.replication_key !== cursor.field) {
      return { problem: `replication_key ${JSON.stringify(state.replication_key ?? null)}${where}; expected ${expected}` };
    }
    const value = state.replication_key_value;
    const date = typeof value === 'string' ? parseInstant(value) : new Date(Number.NaN);
    if (Number.isNaN(date.getTime())) return { problem: `replication_key_value ${JSON.stringify(value ?? null)}${where} is not a date; expected ${expected}` };
    if (!earliest || date < earliest) earliest = date;
  }
  return { bookmark: { [cursor.field]: formatCursor(earliest!, cursor.kind) } };
}
