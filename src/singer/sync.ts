import { toConnectorError } from '../errors.js';
import { lineBytes } from '../protocol/messages.js';
import type { MessageWriter } from '../protocol/writer.js';
import type { EngineDeps, SyncOptions } from '../streams/engine.js';
import { loadSchema, isTemplate } from '../streams/registry.js';
import { syncStream, type StreamOutcome, type StreamSink } from '../streams/sync-loop.js';
import { keyProperties, singerSchema, type SelectedStream } from './catalog.js';
import type { StderrLog } from './log.js';
import { activateVersionMessage, schemaMessage, singerRecordMessage, singerStateMessage } from './messages.js';
import { nextTableVersion, withTableVersion } from './activate-version.js';
import { pruneRecord } from './selection.js';
import type { Bookmarks } from './state.js';
import { valueAt } from '../util/json.js';

export interface SyncDeps {
  engine: EngineDeps;
  writer: MessageWriter;
  log: StderrLog;
  bookmarks: Bookmarks;
  stateFile: string;
  now: Date;
  signal?: AbortSignal | undefined;
  /** Told how many RECORDs each page wrote (the record_count metric). */
  onRecords?: (count: number) => void;
}

/**
 * Reads one stream through the same loop as the Airbyte `read`, as Singer messages: SCHEMA first,
 * RECORDs, and a STATE with every bookmark whenever the loop states (always after the records it covers).
 * FULL_TABLE streams with emit_activate_version_messages: versioned RECORDs and ACTIVATE_VERSION (activate-version.ts).
 */
export async function syncSingerStream(stream: SelectedStream, deps: SyncDeps): Promise<StreamOutcome> {
  const { writer, log, bookmarks } = deps;
  const { name, definition } = stream;
  const keys = keyProperties(definition);
  const incremental = stream.method === 'INCREMENTAL' && Boolean(definition.cursor);
  const baseSchema = stream.schema ?? definition.jsonSchema ?? (isTemplate(name) ? loadSchema(name) : { type: 'object', properties: {} });
  const schema = singerSchema(baseSchema, definition, stream.deselected);
  for (const note of stream.notes) log.line('INFO', note);

  log.line('INFO', `${name}: sync started (${incremental ? `INCREMENTAL by ${definition.cursor!.field}` : 'FULL_TABLE'}).`);
  await writer.write(schemaMessage(name, schema, keys.map((key) => key.name), incremental ? [definition.cursor!.field] : []));
  // Versions only for FULL_TABLE streams, as singer-sdk's Stream.sync.
  const table = !incremental && deps.engine.config.raw.emit_activate_version_messages === true ? nextTableVersion(bookmarks.get(name), Date.now()) : undefined;
  if (table) bookmarks.set(name, table.bookmark);
  const read = { unavailable: false };
  const sync: SyncOptions = {
    incremental,
    // FULL_TABLE reads the whole range again and leaves the bookmark as it was, as full_refresh does in Airbyte mode.
    state: incremental ? bookmarks.get(name) : undefined,
    stateFile: deps.stateFile,
    now: deps.now,
  };
  const outcome = await syncStream(definition, deps.engine, sync, singerSink(stream, deps, table?.version, read), deps.signal);
  if (table) {
    // Only a stream read to the end may tell the target to drop the rows it did not see again; one this Lago has no
    // endpoint for read nothing, which says nothing about the rows the target holds.
    const activate = outcome === 'ok' && !read.unavailable;
    if (activate) await writer.write(activateVersionMessage(name, table.version));
    log.line(
      'INFO',
      activate
        ? `${name}: ACTIVATE_VERSION ${table.version}: rows of older versions may now be dropped by the target.`
        : `${name}: no ACTIVATE_VERSION, the stream ${read.unavailable ? 'is not in this Lago' : 'did not complete'}: rows of older versions stay.`,
    );
  }
  return outcome;
}

function singerSink(stream: SelectedStream, { writer, log, bookmarks, onRecords }: SyncDeps, version: number | undefined, read: { unavailable: boolean }): StreamSink {
  const { name, deselected } = stream;
  const nestedKeys = keyProperties(stream.definition).filter((key) => key.path.length > 1);
  return {
    alwaysFinalState: false,
    records: async (records) => {
      const extractedAt = new Date();
      const bytes = lineBytes(records.length, (index) => {
        const record = records[index]!;
        // Nested key values are copied out first: deselecting their parent must not lose the key.
        for (const key of nestedKeys) record[key.name] = valueAt(record, key.path) ?? null;
        if (deselected) pruneRecord(record, deselected);
        return `${JSON.stringify(singerRecordMessage(name, record, extractedAt, version))}\n`;
      });
      await writer.writeBytes(bytes);
      onRecords?.(records.length);
    },
    estimate: async (rows) => log.line('INFO', `${name}: about ${rows} record(s) to read.`),
    notice: async (message) => log.line('INFO', message),
    warn: async (message) => log.line('WARN', message),
    unavailable: () => {
      read.unavailable = true;
    },
    // Bookmarks only move at checkpoints, so a STATE never covers records that were not written.
    state: async (state, _records, moved) => {
      if (moved) bookmarks.set(name, withTableVersion(state, bookmarks.get(name)));
      await writer.write(singerStateMessage(bookmarks.snapshot()));
    },
    complete: async (records) => log.line('INFO', `${name}: sync finished, ${records} record(s).`),
    failed: async (error, records) => log.line('ERROR', `Stream ${name} failed after ${records} record(s): ${toConnectorError(error).message}`),
  };
}
