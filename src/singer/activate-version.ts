import { isJsonObject } from '../util/json.js';

/**
 * Table versions of FULL_TABLE streams, with config emit_activate_version_messages. A target that honours them
 * (MeltanoLabs/target-postgres, sinks.py PostgresSink.activate_version) stores each RECORD's `version` as
 * `_sdc_table_version` and, on ACTIVATE_VERSION v, deletes (hard_delete) or marks `_sdc_deleted_at` every row whose
 * version is older than v or null. So the message that closes a sync must come only once every row was re-read.
 *
 * singer-sdk (singer_sdk/streams/core.py Stream.sync) sends one ACTIVATE_VERSION before the records of every
 * FULL_TABLE sync, versioned initialized_at // 1000, and none after them: to target-postgres that deletes the whole
 * table before it is read again, and a sync that fails leaves it empty. The singer-io database taps (tap-postgres,
 * tap-mysql sync_strategies/full_table.py) send one after the last record, and one before the records on a stream's
 * first versioned sync; that first one still drops every unversioned row a target already holds before they are read
 * again. tap-lago sends only the closing one: a millisecond version carried by every RECORD, and ACTIVATE_VERSION
 * after the last record, only when the stream completed. The end state is the same; a sync that fails leaves the
 * table whole. The target must drop versions below the one activated, not up to it: target-postgres does since its
 * fix #391 (July 2024; before it, hard_delete used <=), as does singer-sdk's SQLConnector.delete_old_versions.
 * The version is kept in the stream's bookmark, next to its cursor.
 */

export interface TableVersion {
  version: number;
  /** The stream's bookmark with this version in it. */
  bookmark: Record<string, unknown>;
}

/** A new version, later than the bookmark's whatever the clock says (a target drops only versions below it). */
export function nextTableVersion(bookmark: unknown, nowMs: number): TableVersion {
  const previous = isJsonObject(bookmark) ? bookmark : {};
  const last = previous.version;
  const version = typeof last === 'number' && Number.isFinite(last) ? Math.max(nowMs, Math.floor(last) + 1) : nowMs;
  return { version, bookmark: { ...previous, version } };
}

/** A new cursor state keeps the version the bookmark had: the next FULL_TABLE sync's version must still be later. */
export function withTableVersion(state: unknown, bookmark: unknown): unknown {
  if (!isJsonObject(bookmark) || !('version' in bookmark) || !isJsonObject(state) || 'version' in state) return state;
  return { ...state, version: bookmark.version };
}
