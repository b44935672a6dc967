import { isJsonObject } from '../util/json.js';

/**
 * Table versions of FULL_TABLE streams, with config emit_activate_version_messages. A target that honours them
 * (MeltanoLabs/target-postgres, sinks.py PostgresSink.activate_version) stores each RECORD's `version` as
 * `_sdc_table_version` and, on ACTIVATE_VERSION v, deletes (hard_delete) or marks `_sdc_deleted_at` every row whose
 * version is older than v or null. So the message that closes a sync must come only once every row was re-read.
 *
 * singer-sdk (singer_sdk/streams/core.py Stream.sync) sends one ACTIVATE_VERSION before the records of every
 * FULL_TABLE sync, versioned initialized_at // 1000, and none after them: to target-postgres that deletes the whole
 * table before it is read again, and a sync that fails leaves it empty. tap-lago follows the convention that
 * target-postgres' deletion was written for, the singer-io database taps' (tap-postgres and tap-mysql
 * sync_strategies/full_table.py): a millisecond version, an ACTIVATE_VERSION before the records only on the first
 * versioned sync of the stream (no `version` in its bookmark yet: there is no older version to drop), and one after
 * the last record only when the stream completed. The version is kept in the stream's bookmark, next to its cursor.
 */

export interface TableVersion {
  version: number;
  /** No version in the bookmark: the first versioned sync of this stream, which opens with ACTIVATE_VERSION too. */
  first: boolean;
  /** The stream's bookmark with this version in it. */
  bookmark: Record<string, unknown>;
}

/** A new version, later than the bookmark's whatever the clock says (a target drops only versions below it). */
export function nextTableVersion(bookmark: unknown, nowMs: number): TableVersion {
  const previous = isJsonObject(bookmark) ? bookmark : {};
  const last = previous.version;
  const version = typeof last === 'number' && Number.isFinite(last) ? Math.max(nowMs, Math.floor(last) + 1) : nowMs;
  return { version, first: !('version' in previous), bookmark: { ...previous, version } };
}

/** A new cursor state keeps the version the bookmark had: an INCREMENTAL sync must not make the next FULL_TABLE one "first". */
export function withTableVersion(state: unknown, bookmark: unknown): unknown {
  if (!isJsonObject(bookmark) || !('version' in bookmark) || !isJsonObject(state) || 'version' in state) return state;
  return { ...state, version: bookmark.version };
}
