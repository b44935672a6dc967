import type { Config } from '../config.js';
import { TransientError, toConnectorError } from '../errors.js';
import type { LagoClient } from '../lago/client.js';
import { LagoHttpError } from '../lago/errors.js';
import type { MessageWriter } from '../protocol/writer.js';
import { readStream, type StreamEvent, type SyncOptions } from '../streams/engine.js';
import { loadSchema, isTemplate, type StreamRegistry } from '../streams/registry.js';
import { keyProperties, singerSchema, type SelectedStream } from './catalog.js';
import type { StderrLog } from './log.js';
import { schemaMessage, singerRecordMessage, singerStateMessage } from './messages.js';
import type { Bookmarks } from './state.js';

/** A full-table stream emits a STATE every this many records, so targets can commit as they go (as in read.ts). */
const STATE_EVERY_RECORDS = 1000;

export interface SyncDeps {
  config: Config;
  client: LagoClient;
  registry: StreamRegistry;
  writer: MessageWriter;
  log: StderrLog;
  bookmarks: Bookmarks;
  stateFile: string;
  now: Date;
  signal?: AbortSignal;
}

function recordsOf(event: StreamEvent): Array<Record<string, unknown>> | undefined {
  const loose = event as unknown as { type: string; records?: Array<Record<string, unknown>>; record?: Record<string, unknown> };
  if (loose.type === 'records') return loose.records ?? [];
  if (loose.type === 'record') return loose.record ? [loose.record] : [];
  return undefined;
}

function valueAt(record: Record<string, unknown>, path: string[]): unknown {
  let node: unknown = record;
  for (const part of path) node = node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined;
  return node;
}

/**
 * Reads one stream through the same engine as the Airbyte `read` (src/commands/read.ts), turning its
 * events into Singer messages: SCHEMA first, RECORDs, and a STATE with every bookmark whenever the
 * engine checkpoints (always after the records it covers). Returns how the stream ended.
 */
export async function syncStream(stream: SelectedStream, deps: SyncDeps): Promise<'ok' | 'failed' | 'fatal'> {
  const { writer, log, bookmarks, definition } = { ...deps, definition: stream.definition };
  const { name } = stream;
  const keys = keyProperties(definition);
  const nestedKeys = keys.filter((key) => key.path.length > 1);
  const incremental = stream.method === 'INCREMENTAL' && Boolean(definition.cursor);
  const baseSchema = stream.schema ?? definition.jsonSchema ?? (isTemplate(name) ? loadSchema(name) : { type: 'object', properties: {} });
  const schema = singerSchema(baseSchema, definition, stream.excluded);
  for (const note of stream.notes) log.line('INFO', note);

  let sinceState = 0;
  let records = 0;
  let stated = false;
  const skipped = new Map<string, number>();
  const emitState = async () => {
    await writer.write(singerStateMessage(bookmarks.snapshot()));
    sinceState = 0;
    stated = true;
  };
  const reportSkipped = () => {
    if (skipped.size === 0) return;
    const total = [...skipped.values()].reduce((sum, count) => sum + count, 0);
    log.line('WARN', `${name}: skipped ${total} parent object(s) Lago had nothing for: ${[...skipped].map(([reason, count]) => `${count} × ${reason}`).join(', ')}.`);
  };

  log.line('INFO', `${name}: sync started (${incremental ? `INCREMENTAL by ${definition.cursor!.field}` : 'FULL_TABLE'}).`);
  await writer.write(schemaMessage(name, schema, keys.map((key) => key.name), incremental ? [definition.cursor!.field] : []));
  const sync: SyncOptions = {
    incremental,
    // FULL_TABLE reads the whole range again and leaves the bookmark as it was, as full_refresh does in Airbyte mode.
    state: incremental ? bookmarks.get(name) : undefined,
    stateFile: deps.stateFile,
    now: deps.now,
  };
  try {
    for await (const event of readStream(definition, { client: deps.client, config: deps.config, definition: (parent) => deps.registry.get(parent) }, sync)) {
      if (deps.signal?.aborted) throw new TransientError('Interrupted by a signal.');
      // A page's records come as one batch ('records'; older engines yielded one 'record' at a time).
      const batch = recordsOf(event);
      if (batch) {
        for (const record of batch) {
          for (const key of nestedKeys) record[key.name] = valueAt(record, key.path) ?? null;
          for (const field of stream.excluded) delete record[field];
          await writer.write(singerRecordMessage(name, record));
        }
        sinceState += batch.length;
        records += batch.length;
        continue;
      }
      switch (event.type) {
        case 'checkpoint':
          bookmarks.set(name, event.state);
          await emitState();
          break;
        case 'page':
          // Incremental streams checkpoint per slice; the others get a STATE every so many records.
          if (!incremental && sinceState >= STATE_EVERY_RECORDS) await emitState();
          break;
        case 'estimate':
          log.line('INFO', `${name}: about ${event.rows} record(s) to read.`);
          break;
        case 'skipped':
          skipped.set(event.reason, (skipped.get(event.reason) ?? 0) + 1);
          break;
        case 'notice':
          log.line('INFO', event.message);
          break;
      }
    }
    if (!stated || sinceState > 0) await emitState();
    reportSkipped();
    log.line('INFO', `${name}: sync finished, ${records} record(s).`);
    return 'ok';
  } catch (error) {
    // Bookmarks only move at checkpoints, so this state never covers records that were not written.
    if (sinceState > 0) await emitState();
    reportSkipped();
    log.line('ERROR', `Stream ${name} failed after ${records} record(s): ${toConnectorError(error).message}`);
    return (error instanceof LagoHttpError && error.keyRefused) || deps.signal?.aborted ? 'fatal' : 'failed';
  }
}
