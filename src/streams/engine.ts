import { setMaxListeners } from 'node:events';
import type { Config } from '../config.js';
import { ConnectorError } from '../errors.js';
import type { LagoServer } from '../lago/capabilities.js';
import { decodeBody, type LagoClient, type RequestOptions } from '../lago/client.js';
import { isLagoHttpError } from '../lago/errors.js';
import { PageCursor, readMeta, saneCount, type Page } from '../lago/paginate.js';
import { describeRequest, encodePathSegment, type QueryParams } from '../lago/query.js';
import { contextValue, fillQuery, fillTemplate, keyOf, mapStrings } from './context.js';
import { mapOrdered } from '../util/ordered.js';
import type { Context, PartitionSource, StreamDefinition, StreamPass } from './definition.js';
import { jsonPathValue } from './extract.js';
import { Deduplicator } from './dedupe.js';
import { KeyFingerprinter, type PagePrints } from './fingerprint.js';
import { readKeyset } from './keyset.js';
import {
  cursorFromState, formatCursor, inSlice, planSlices, savedDate, sliceQuery, SMALL_SLICE, type LateArrivals, type Slice, type StreamState,
} from './incremental.js';

/** What reading a stream produces, in order; sync-loop.ts turns these into each mode's messages. */
export type StreamEvent =
  /** A batch (a page's worth): one event per page keeps per-record overhead out of the generators. */
  | {
      type: 'records';
      records: Array<Record<string, unknown>>;
      /** each record's key fingerprint, when already known */
      prints?: PagePrints;
      /** The page's last batch: as a `page` event after it, without a second trip through the generators. */
      endsPage?: boolean;
    }
  | { type: 'estimate'; rows: number }
  /** A page is done (see `endsPage`). */
  | { type: 'page' }
  | { type: 'skipped'; reason: string }
  | { type: 'notice'; message: string }
  /** Everything before this state's cursor has been emitted: safe to checkpoint. */
  | { type: 'checkpoint'; state: StreamState };

export interface EngineDeps {
  client: LagoClient;
  config: Config;
  /** The Lago being read, and what its version can do (unknown when /health did not say). */
  lago: LagoServer;
  /** Looks up another stream by name (parents of fan-out streams). */
  definition: (name: string) => StreamDefinition;
  /** Aborted when the read this request belongs to ends: requests still in flight stop with it. */
  signal?: AbortSignal;
}

type Row = Record<string, unknown>;

/** Where a custom stream's `metadata_path` value goes on each record. */
export const METADATA_FIELD = '_metadata';

/** How a top-level stream is synced: its saved state (incremental) and the time the sync counts as "now". */
export interface SyncOptions {
  incremental: boolean;
  state: unknown;
  stateFile: string;
  now: Date;
}

/**
 * Reads one stream: its partitions (one, configured ones, or one per parent record), each partition
 * page by page, repeated records dropped by primary key. An incremental stream with a cursor is
 * read slice by slice (see incremental.ts), with a checkpoint after each slice; in full refresh the
 * same range is read in one go, which lets all its pages be fetched concurrently.
 */
export async function* readStream(definition: StreamDefinition, deps: EngineDeps, sync?: SyncOptions): AsyncGenerator<StreamEvent> {
  // Pages fetched ahead, or children started, when a read stops early (a loop guard, a failure)
  // must not go on retrying in the background, holding request slots the next stream needs.
  const scope = new AbortController();
  // Each request in flight listens on it (and lets go when done): many at once is expected, not a leak.
  setMaxListeners(0, scope.signal);
  try {
    yield* readScoped(definition, { ...deps, signal: scope.signal }, sync);
  } finally {
    scope.abort();
  }
}

async function* readScoped(definition: StreamDefinition, deps: EngineDeps, sync?: SyncOptions): AsyncGenerator<StreamEvent> {
  const dedupe = new Deduplicator(definition.primaryKey);
  const read = (current: StreamDefinition, estimate = true) => withFallback(current, deps, dedupe, (d) => readPartitions(d, deps, estimate));
  if (!definition.cursor || !sync) {
    yield* read(definition);
    return;
  }
  const spec = definition.cursor;
  const cursor = sync.incremental ? cursorFromState(definition.name, spec, sync.state, sync.stateFile) : undefined;
  const late: LateWindow = {};
  if (sync.incremental && spec.lateArrivals) yield* findLateWindow(definition.name, spec.lateArrivals, deps, sync, late);
  const plan = planSlices(spec, deps.config, cursor, sync.now, late);
  if (!sync.incremental) {
    if (plan.first) yield* read(sliced(definition, plan.range, !plan.bounded));
    return;
  }
  if (!plan.first) {
    yield { type: 'checkpoint', state: plan.unchanged };
    return;
  }
  const countable = definition.paginated && !definition.partitions;
  let first: Slice | undefined = plan.first;
  if (countable) {
    // One count of the whole range: the progress estimate, and the density the first slice is sized from.
    const rows = await countRecords(sliced(definition, plan.range), deps);
    if (rows !== undefined) {
      yield { type: 'estimate', rows };
      first = plan.expect(rows);
    }
  }
  // A Lago that ignores the range filters would answer every slice with the whole list: read it once instead.
  const unfiltered = spec.filteredSince !== undefined && deps.lago.supports(spec.filteredSince) === false;
  if (unfiltered) yield { type: 'notice', message: `${definition.name}: ${deps.lago.describe()} does not filter by ${spec.field}; reading the range in one pass and filtering here.` };
  for (let slice: Slice | undefined = unfiltered ? plan.range : first; slice; ) {
    let records = 0;
    const atBoundary = new Set<string>();
    for await (const event of read(sliced(definition, slice), false)) {
      if (event.type === 'records') {
        records += event.records.length;
        if (spec.kind === 'date-time') {
          for (const record of event.records) {
            const key = Date.parse(String(record[spec.field])) === slice.end.getTime() ? dedupe.identity(record) : undefined;
            if (key !== undefined) atBoundary.add(key);
          }
        }
      }
      yield event;
    }
    yield { type: 'checkpoint', state: plan.checkpoint(slice) };
    // Lago includes both ends of a time range, so a record exactly at the end of this slice comes
    // again at the start of the next one.
    dedupe.carryOver(atBoundary);
    slice = unfiltered ? undefined : plan.next(slice, records);
    // A slice grown across sparse history may reach into a busy period: if it holds more than a
    // page, read it at the configured size instead, so checkpoints stay as frequent as the user asked.
    if (slice && plan.grown() && countable) {
      const rows = await countRecords(sliced(definition, slice), deps);
      if (rows !== undefined && rows >= SMALL_SLICE) slice = plan.shrink(slice);
    }
  }
}

interface LateWindow {
  readFrom?: Date | undefined;
  save?: StreamState;
}

/**
 * Fills `window` for a stream whose records can arrive behind its cursor (incremental.ts, LateArrivals): read from
 * the date the last sync saved, and save the earliest pending record's date as it is now.
 */
async function* findLateWindow(stream: string, late: LateArrivals, deps: EngineDeps, sync: SyncOptions, window: LateWindow): AsyncGenerator<StreamEvent> {
  const saved = savedDate(stream, late.stateKey, sync.state, sync.stateFile);
  window.readFrom = saved;
  const { passes: _p, cursor: _c, fallback: _f, ...pending } = deps.definition(late.stream);
  let earliest: number | undefined;
  try {
    for await (const event of readStream({ ...pending, query: () => late.query, keep: late.keep }, deps)) {
      if (event.type !== 'records') continue;
      for (const record of event.records) {
        const at = Date.parse(String(record[late.field]));
        if (!Number.isNaN(at) && (earliest === undefined || at < earliest)) earliest = at;
      }
    }
  } catch (error) {
    // Without the pending list, keep the window saved last time (nothing is forgotten) and say what is at risk.
    yield { type: 'notice', message: `${stream}: could not list ${late.stream} still pending (${error instanceof Error ? error.message : String(error)}); records that arrive late may be missed until it can.` };
    if (saved) window.save = { [late.stateKey]: formatCursor(saved, 'date') };
    return;
  }
  if (earliest !== undefined) {
    const day = Math.floor(earliest / 86_400_000) - late.slackDays;
    window.save = { [late.stateKey]: formatCursor(new Date(day * 86_400_000), 'date') };
  }
}

/** Lago's count of a list (meta.total_count), from a one-record page; undefined when it can't tell. */
async function countRecords(definition: StreamDefinition, deps: EngineDeps): Promise<number | undefined> {
  try {
    const query = fillQuery(definition, deps.config, {});
    const body = await deps.client.request(definition.path, { ...query, page: 1, per_page: 1 }, requestOptions(definition, {}, deps.signal));
    return saneCount(readMeta(body)?.total_count);
  } catch {
    // Only an estimate: the read itself will meet (and report) whatever went wrong.
    return undefined;
  }
}

/** Method, headers and body of a definition's requests, placeholders filled from the context. */
function requestOptions(definition: StreamDefinition, context: Context, signal: AbortSignal | undefined): RequestOptions {
  return {
    signal,
    // The template, without a query a custom stream's path may carry: metrics name the endpoint, never values.
    label: { stream: definition.name, endpoint: definition.path.split('?')[0]! },
    ...(definition.method ? { method: definition.method } : {}),
    ...(definition.headers ? { headers: definition.headers } : {}),
    ...(definition.body === undefined ? {} : { body: mapStrings(definition.body, (text) => fillTemplate(text, context, `${definition.name} body`)) }),
  };
}

/** A definition whose query also carries the slice's range, and that drops records outside it. */
function sliced(definition: StreamDefinition, slice: Slice, openEnded = false): StreamDefinition {
  const spec = definition.cursor!;
  const range = sliceQuery(spec, slice, openEnded);
  const baseQuery = definition.query;
  const baseKeep = definition.keep;
  return {
    ...definition,
    query: (config) => ({ ...(baseQuery?.(config) ?? {}), ...range }),
    keep: (record, config) => inSlice(spec, slice, record, openEnded) && (baseKeep ? baseKeep(record, config) : true),
  };
}

async function* withFallback(
  definition: StreamDefinition,
  deps: EngineDeps,
  dedupe: Deduplicator,
  read: (definition: StreamDefinition) => AsyncGenerator<StreamEvent>,
): AsyncGenerator<StreamEvent> {
  if (definition.fallback?.needed?.(deps.lago)) {
    const { fallback: _, ...rest } = { ...definition, ...definition.fallback.definition };
    yield { type: 'notice', message: `${definition.name}: ${definition.fallback.reason} (${deps.lago.describe()}).` };
    yield* withFallback(rest, deps, dedupe, read);
    return;
  }
  let yielded = false;
  try {
    for await (const event of read(definition)) {
      if (event.type === 'page') dedupe.pageDone();
      if (event.type === 'records') {
        const fresh = dedupe.fresh(event.records, event.prints);
        if (event.endsPage) dedupe.pageDone();
        if (fresh.length > 0) {
          yielded = true;
          yield event.endsPage ? { type: 'records', records: fresh, endsPage: true } : { type: 'records', records: fresh };
        } else if (event.endsPage) yield { type: 'page' };
        continue;
      }
      yield event;
    }
  } catch (error) {
    const { fallback } = definition;
    if (!fallback || yielded || !fallback.when(error)) throw error;
    yield { type: 'notice', message: `${definition.name}: ${fallback.reason}.` };
    const { fallback: _, ...rest } = { ...definition, ...fallback.definition };
    yield* withFallback(rest, deps, dedupe, read);
  }
}

async function* readPartitions(definition: StreamDefinition, deps: EngineDeps, estimate = true): AsyncGenerator<StreamEvent> {
  if (definition.passes) {
    const passes = definition.passes(deps.config, deps.lago);
    // One pass's count is not the stream's: estimate only a single pass.
    for (const pass of passes) yield* readPartitions(withPass(definition, pass), deps, estimate && passes.length === 1);
    return;
  }
  const source = definition.partitions?.(deps.config) ?? { kind: 'contexts', contexts: [{}] };
  if (source.kind === 'contexts') {
    // A configured context (e.g. one customer/subscription pair) is a child of the config: a 405 for
    // it is skipped and counted like any other, not a failure.
    for (const context of source.contexts) yield* readPartition(definition, context, deps, { estimate: estimate && source.contexts.length === 1, child: Object.keys(context).length > 0 });
    return;
  }
  // One partition per parent record, started concurrently (the client bounds requests in flight)
  // and emitted in the parents' order. Only each child's first page is read ahead; the rest of a
  // child is read when its turn comes, so a wallet with 100k transactions is never held whole.
  const children = mapOrdered(parentContexts(source, deps), () => deps.client.readAhead(definition.path), async (item): Promise<ReadAhead> =>
    'event' in item ? { head: [item.event] } : readAhead(readPartition(definition, item.context, deps, { estimate: false, child: true })),
  );
  for await (const child of children) {
    yield* child.head;
    if (child.rest) yield* child.rest;
  }
}

function withoutPasses(definition: StreamDefinition): StreamDefinition {
  const { passes: _, ...rest } = definition;
  return rest;
}

function withPass(definition: StreamDefinition, pass: StreamPass): StreamDefinition {
  const baseKeep = definition.keep;
  const passKeep = pass.keep;
  return {
    ...withoutPasses(definition),
    query: () => pass.query,
    ...(passKeep || baseKeep ? { keep: (record: Row, config: Config) => (!passKeep || passKeep(record)) && (!baseKeep || baseKeep(record, config)) } : {}),
  };
}

interface ReadAhead {
  head: StreamEvent[];
  rest?: AsyncGenerator<StreamEvent>;
}

/** Runs a partition up to the end of its first page; the rest stays a paused generator. */
async function readAhead(events: AsyncGenerator<StreamEvent>): Promise<ReadAhead> {
  const head: StreamEvent[] = [];
  for (;;) {
    const next = await events.next();
    if (next.done) return { head };
    head.push(next.value);
    if (endsPage(next.value)) return { head, rest: events };
  }
}

/** Whether an event closes a page: a `page` event, or a page's last batch of records. */
export const endsPage = (event: StreamEvent): boolean => event.type === 'page' || (event.type === 'records' && event.endsPage === true);

/** The look-up values of each parent record (all from the same record), or why one was skipped. */
async function* parentContexts(source: Extract<PartitionSource, { kind: 'parent' }>, deps: EngineDeps): AsyncGenerator<{ context: Context } | { event: StreamEvent }> {
  const parent = deps.definition(source.stream);
  const parentDefinition: StreamDefinition = source.query ? { ...withoutPasses(parent), query: () => source.query ?? {} } : parent;
  // Parents can share look-up values (Lago reuses a subscription's external_id after a plan change):
  // the same request twice would emit the same records twice.
  const asked = new Set<string>();
  for await (const event of readStream(parentDefinition, deps)) {
    if (event.type === 'notice') yield { event };
    if (event.type !== 'records') continue;
    for (const record of event.records) {
      if (source.where && !source.where(record)) continue;
      const context: Record<string, string> = {};
      const missing = Object.entries(source.bind).filter(([name, field]) => {
        const value = contextValue(record, field);
        if (value !== undefined) context[name] = value;
        return value === undefined;
      });
      if (missing.length > 0) {
        yield { event: { type: 'skipped', reason: `${source.stream} record without ${missing.map(([, field]) => field).join(', ')}` } };
        continue;
      }
      const key = JSON.stringify(context);
      if (asked.has(key)) continue;
      asked.add(key);
      yield { context };
    }
  }
}

async function* readPartition(definition: StreamDefinition, context: Context, deps: EngineDeps, options: { estimate: boolean; child: boolean }): AsyncGenerator<StreamEvent> {
  const path = fillTemplate(definition.path, context, `${definition.name} path`, encodePathSegment);
  const query = fillQuery(definition, deps.config, context);
  const extras: Array<readonly [string, unknown]> = Object.entries(definition.recordFields ?? {}).map(([field, template]) => [field, fillTemplate(template, context, `${definition.name} record fields`)] as const);
  if (definition.contextField) extras.push([definition.contextField, context]);
  const { metadataPath } = definition;
  const request = requestOptions(definition, context, deps.signal);
  const described = describeRequest(path, query);
  const toRecords = (body: unknown): Row[] => {
    const metadata = metadataPath ? jsonPathValue(metadataPath, body) : undefined;
    const records = extractRecords(body, definition, described);
    if (extras.length > 0 || metadataPath) {
      for (const record of records) {
        for (const [field, value] of extras) record[field] = value;
        if (metadataPath) record[METADATA_FIELD] = metadata;
      }
    }
    return records;
  };
  const keep = definition.keep;
  const filter = (records: Row[]) => (keep ? records.filter((record) => keep(record, deps.config)) : records);

  try {
    if (!definition.paginated) {
      yield { type: 'records', records: filter(toRecords(await deps.client.request(path, query, request))), endsPage: true };
      return;
    }
    if (definition.pagination?.kind === 'keyset') {
      const fetch = async (params: QueryParams): Promise<Page<Row>> => {
        const body = await deps.client.request(path, params, { ...request, urgent: true });
        return { number: Number(params.page), records: toRecords(body), meta: readMeta(body) };
      };
      yield* readKeyset(definition.pagination, query, { fetch, keyOf: (record) => (definition.primaryKey.length > 0 ? keyOf(record, definition.primaryKey) : undefined), filter, estimate: options.estimate, describe: described, perPage: deps.config.pageSize });
      return;
    }
    const perPage = deps.config.pageSize;
    const cursor = new PageCursor(described, perPage);
    const fingerprints = definition.primaryKey.length > 0 ? new KeyFingerprinter(definition.primaryKey) : undefined;
    const pageQuery = (number: number): QueryParams => ({ ...query, page: number, per_page: perPage });
    // Pages read ahead wait as bytes, and are decoded and parsed in turn, just before their records are written.
    const fetchPage = async (number: number): Promise<{ number: number; bytes: Uint8Array }> => ({ number, bytes: await deps.client.requestBytes(path, pageQuery(number), request) });
    const parsePage = async ({ number, bytes }: { number: number; bytes: Uint8Array }): Promise<Page<Row>> => {
      let body: unknown;
      try {
        body = JSON.parse(decodeBody(bytes));
      } catch {
        // Cut off or not JSON: asked again the way every other request is, which retries such a body.
        body = await deps.client.requestAfterUnparsed(bytes, path, pageQuery(number), request);
      }
      return { number, records: toRecords(body), meta: readMeta(body) };
    };
    // Page 1 tells how many pages there are; the pages it announces are then fetched concurrently
    // and emitted in order. Page numbers are produced lazily, at most the client's read-ahead (max_concurrency,
    // or what spends Lago Cloud's budget at the latency seen) ahead of the
    // reader, so a huge or absurd total_pages costs nothing but those few requests: the read ends
    // where Lago's answers end. Each page still passes the loop guard, in order; if Lago's answers
    // stop matching the announced count, the read falls back to following next_page.
    let next: number | null = 1;
    let totalPages = 1;
    while (next !== null) {
      const numbers: Iterable<number> = next === 1 || totalPages <= next ? [next] : pageNumbers(next, totalPages);
      let advanced: number | null = null;
      for await (const fetched of mapOrdered(numbers, () => deps.client.readAhead(path), fetchPage)) {
        const page = await parsePage(fetched);
        const rows = saneCount(page.meta?.total_count);
        if (options.estimate && page.number === 1 && rows !== undefined) yield { type: 'estimate', rows };
        // Each record's key fingerprint, once: for the loop guard here and deduplication after.
        const prints = fingerprints?.page(page.records);
        yield keep && prints ? keptWithPrints(page.records, prints, (record) => keep(record, deps.config)) : { type: 'records', records: filter(page.records), endsPage: true, ...(prints ? { prints } : {}) };
        totalPages = Math.max(totalPages, saneCount(page.meta?.total_pages) ?? 0);
        advanced = cursor.advance(page, prints?.hi);
        if (cursor.note) yield { type: 'notice', message: `${definition.name}: ${cursor.note}.` };
        if (advanced !== page.number + 1) break;
      }
      next = advanced;
    }
  } catch (error) {
    // resource_not_found is Lago's catch-all for a route it lacks: the endpoint is missing, not this parent's object.
    if (options.child && definition.skipStatuses && isLagoHttpError(error, ...definition.skipStatuses) && !error.routeMissing) {
      yield { type: 'skipped', reason: `HTTP ${error.status}${error.code ? ` ${error.code}` : ''}` };
      return;
    }
    throw error;
  }
}

/** The records `keep` takes, with their fingerprints: a page's one batch. A page kept whole (nearly all) is not copied. */
function keptWithPrints(records: Row[], prints: PagePrints, keep: (record: Row) => boolean): StreamEvent {
  let first = 0;
  while (first < records.length && keep(records[first]!)) first += 1;
  if (first === records.length) return { type: 'records', records, prints, endsPage: true };
  const kept: Row[] = records.slice(0, first);
  const hi = prints.hi.slice();
  const lo = prints.lo.slice();
  for (let i = first + 1; i < records.length; i += 1) {
    if (!keep(records[i]!)) continue;
    hi[kept.length] = prints.hi[i]!;
    lo[kept.length] = prints.lo[i]!;
    kept.push(records[i]!);
  }
  return { type: 'records', records: kept, prints: { hi: hi.subarray(0, kept.length), lo: lo.subarray(0, kept.length) }, endsPage: true };
}

function extractRecords(body: unknown, definition: StreamDefinition, request: string): Row[] {
  const records = definition.records.records(body);
  if (records === undefined) {
    throw new ConnectorError(`Lago's answer to ${request} has no ${definition.records.describe} of records; this Lago version may not support the ${definition.name} stream.`, 'system_error');
  }
  return records;
}

/** The first `limit` records of a stream (preview, schema inference); stops fetching once it has them. */
export async function sampleRecords(definition: StreamDefinition, deps: EngineDeps, limit: number): Promise<Row[]> {
  const records: Row[] = [];
  if (limit <= 0) return records;
  for await (const event of readStream(definition, deps)) {
    if (event.type !== 'records') continue;
    records.push(...event.records.slice(0, limit - records.length));
    if (records.length >= limit) break;
  }
  return records;
}

/** first..last, inclusive, one at a time (last may be huge: only what is taken is made). */
function* pageNumbers(first: number, last: number): Generator<number> {
  for (let number = first; number <= last; number++) yield number;
}
