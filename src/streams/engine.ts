import type { Config } from '../config.js';
import { ConnectorError } from '../errors.js';
import type { LagoClient } from '../lago/client.js';
import { isLagoHttpError } from '../lago/errors.js';
import { PageCursor, PER_PAGE, readMeta, type Page } from '../lago/paginate.js';
import { describeRequest, fillPath } from '../lago/query.js';
import { contextValue, fillQuery, fillTemplate, keyOf } from './context.js';
import type { Context, StreamDefinition } from './definition.js';

/** What reading a stream produces, in order; read.ts turns these into protocol messages. */
export type StreamEvent =
  | { type: 'record'; record: Record<string, unknown> }
  | { type: 'estimate'; rows: number }
  | { type: 'page' }
  | { type: 'skipped'; reason: string }
  | { type: 'notice'; message: string };

export interface EngineDeps {
  client: LagoClient;
  config: Config;
  /** Looks up another stream by name (parents of fan-out streams). */
  definition: (name: string) => StreamDefinition;
}

type Row = Record<string, unknown>;

/**
 * Reads one stream: its partitions (one, configured ones, or one per parent record), each partition
 * page by page, records deduplicated by primary key within the read.
 */
export async function* readStream(definition: StreamDefinition, deps: EngineDeps): AsyncGenerator<StreamEvent> {
  const seen = new Set<string>();
  let yielded = false;
  try {
    for await (const event of readPartitions(definition, deps)) {
      if (event.type === 'record') {
        const key = keyOf(event.record, definition.primaryKey);
        if (seen.has(key)) continue;
        seen.add(key);
      }
      yielded ||= event.type === 'record';
      yield event;
    }
  } catch (error) {
    const { fallback } = definition;
    if (!fallback || yielded || !fallback.when(error)) throw error;
    yield { type: 'notice', message: `${definition.name}: ${fallback.reason}.` };
    const { fallback: _, ...rest } = { ...definition, ...fallback.definition };
    yield* readStream(rest, deps);
  }
}

async function* readPartitions(definition: StreamDefinition, deps: EngineDeps): AsyncGenerator<StreamEvent> {
  const source = definition.partitions?.(deps.config) ?? { kind: 'contexts', contexts: [{}] };
  if (source.kind === 'contexts') {
    for (const context of source.contexts) yield* readPartition(definition, context, deps, { estimate: source.contexts.length === 1, child: false });
    return;
  }
  const parent = deps.definition(source.stream);
  const parentDefinition: StreamDefinition = source.query ? { ...parent, query: () => source.query ?? {} } : parent;
  for await (const event of readStream(parentDefinition, deps)) {
    if (event.type === 'notice') yield event;
    if (event.type !== 'record') continue;
    const record = event.record;
    if (source.where && !source.where(record)) continue;
    const context: Record<string, string> = {};
    const missing = Object.entries(source.bind).filter(([name, field]) => {
      const value = contextValue(record, field);
      if (value !== undefined) context[name] = value;
      return value === undefined;
    });
    if (missing.length > 0) {
      yield { type: 'skipped', reason: `${source.stream} record without ${missing.map(([, field]) => field).join(', ')}` };
      continue;
    }
    yield* readPartition(definition, context, deps, { estimate: false, child: true });
  }
}

async function* readPartition(definition: StreamDefinition, context: Context, deps: EngineDeps, options: { estimate: boolean; child: boolean }): AsyncGenerator<StreamEvent> {
  const path = fillPath(definition.path, context);
  const query = fillQuery(definition.query?.(deps.config) ?? {}, context, `${definition.name} query`);
  const extras = Object.entries(definition.recordFields ?? {}).map(([field, template]) => [field, fillTemplate(template, context, `${definition.name} record fields`)] as const);
  const toRecords = (body: unknown): Row[] => extractRecords(body, definition, describeRequest(path, query)).map((record) => {
    for (const [field, value] of extras) record[field] = value;
    return record;
  });
  const keep = definition.keep;
  const filter = (records: Row[]) => (keep ? records.filter((record) => keep(record, deps.config)) : records);

  try {
    if (!definition.paginated) {
      for (const record of filter(toRecords(await deps.client.get(path, query)))) yield { type: 'record', record };
      yield { type: 'page' };
      return;
    }
    const cursor = new PageCursor(describeRequest(path, query));
    let pageNumber: number | null = 1;
    while (pageNumber !== null) {
      const body = await deps.client.get(path, { ...query, page: pageNumber, per_page: PER_PAGE });
      const page: Page<Row> = { number: pageNumber, records: toRecords(body), meta: readMeta(body), body };
      if (options.estimate && pageNumber === 1 && typeof page.meta?.total_count === 'number') yield { type: 'estimate', rows: page.meta.total_count };
      for (const record of filter(page.records)) yield { type: 'record', record };
      yield { type: 'page' };
      pageNumber = cursor.advance(page, (record) => keyOf(record as Row, definition.primaryKey));
    }
  } catch (error) {
    if (options.child && definition.skipStatuses && isLagoHttpError(error, ...definition.skipStatuses)) {
      yield { type: 'skipped', reason: `HTTP ${error.status}${error.code ? ` ${error.code}` : ''}` };
      return;
    }
    throw error;
  }
}

function extractRecords(body: unknown, definition: StreamDefinition, request: string): Row[] {
  const value = typeof body === 'object' && body !== null ? (body as Row)[definition.recordsKey] : undefined;
  if (definition.single) {
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) return [value as Row];
    if (value === null || value === undefined) return [];
  } else if (Array.isArray(value)) {
    return value.filter((item): item is Row => typeof item === 'object' && item !== null && !Array.isArray(item));
  }
  throw new ConnectorError(`Lago's answer to ${request} has no "${definition.recordsKey}" ${definition.single ? 'object' : 'list'}; this Lago version may not support the ${definition.name} stream.`, 'system_error');
}
