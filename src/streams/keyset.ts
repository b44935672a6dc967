import { ConnectorError } from '../errors.js';
import { PageCursor, PaginationError, saneCount, type Page, type PageMeta } from '../lago/paginate.js';
import type { QueryParams } from '../lago/query.js';
import { parseInstant } from './incremental.js';

type Row = Record<string, unknown>;

/**
 * Keyset pagination on a timestamp: each request starts at the last second seen instead of at a
 * page offset, so a record deleted behind the read cannot push an unseen one behind it.
 */
export interface KeysetPagination {
  kind: 'keyset';
  /** Record field Lago sorts the list by (ascending, then id), rendered to the second. */
  field: string;
  /** Lago's inclusive range parameters on that field (they take fractional seconds). */
  from: string;
  to: string;
}

export type KeysetEvent = { type: 'records'; records: Row[] } | { type: 'estimate'; rows: number } | { type: 'page' } | { type: 'notice'; message: string };

export interface KeysetOptions {
  /** One request: the partition's query plus the range and page parameters given. */
  fetch: (query: QueryParams) => Promise<Page<Row>>;
  keyOf: (record: Row) => string | undefined;
  /** The records a definition keeps (its `keep`), applied after the cursor has read them all. */
  filter: (records: Row[]) => Row[];
  estimate: boolean;
  describe: string;
  /** Records per page asked for (config page_size). */
  perPage: number;
}

const SECOND = 1000;
/** The last microsecond of a second: Lago stores microseconds, and `..to` includes its end. */
const endOfSecond = (second: number) => new Date(second).toISOString().replace(/\.\d{3}Z$/, '.999999Z');
const iso = (second: number) => new Date(second).toISOString().replace(/\.\d{3}Z$/, 'Z');

/**
 * Reads a list ordered by (field, id) ascending, which Lago's fees are (lago-api app/queries/fees_query.rb,
 * `apply_consistent_ordering(default_order: {created_at: :asc})`, base_query.rb; range filters
 * `created_at_from..` / `..created_at_to` on the microsecond column, values parsed by DateTime.iso8601).
 *
 * Why nothing that exists for the whole read is missed: let S be the cursor (a second), and assume
 * every such record whose second is before S has been emitted (true at the start: nothing is before
 * the user's own `from`). A request `from=S, page 1` answers, at one instant, a prefix of the records
 * at or after S in (field, id) order. If it is shorter than a page (options.perPage) and Lago says no next page, it is
 * all of them: done. Otherwise, if its last record's second is L > S, every record of a second before
 * L sorts before that last record, so it is in this answer: the cursor moves to L, invariant kept.
 * If the whole page is one second S (a refreshed draft invoice's fees all share the invoice's
 * created_at: app/services/invoices/refresh_draft_service.rb, `update_all(created_at: invoice.created_at)`),
 * that second is read alone, in one request whose per_page exceeds what it holds (lago-api sets no
 * max per_page), so that one answer is that second whole; the cursor moves to S + 1 s. Each step
 * holds at its answer's instant, when every record that exists for the whole read exists too:
 * deletions and inserts in between touch only other records. The cursor grows at every step, so the
 * read ends. A record seen twice (a second spans two answers) is dropped by its key, remembered for
 * the cursor's second only.
 *
 * What remains: a second holding more than a page is held in memory in one answer; a server that
 * caps per_page makes that second be read by page numbers, with a notice, and then a refresh during
 * it can still shift records of that second out of the read.
 */
export async function* readKeyset(spec: KeysetPagination, query: QueryParams, options: KeysetOptions): AsyncGenerator<KeysetEvent> {
  const userFrom = bound(query[spec.from]);
  const userTo = bound(query[spec.to]);
  let cursor: number | undefined;
  /** Keys already emitted whose second is the cursor's. */
  let seen = new Set<string>();
  const fresh = (records: Row[]) =>
    options.filter(
      records.filter((record) => {
        const key = options.keyOf(record);
        if (key === undefined) return true;
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
      }),
    );

  for (let first = true; ; first = false) {
    const from = later(userFrom, cursor);
    const page = await options.fetch({ ...query, [spec.from]: from?.text, page: 1, per_page: options.perPage });
    const rows = saneCount(page.meta?.total_count);
    if (first && options.estimate && rows !== undefined) yield { type: 'estimate', rows };
    const seconds = secondsOf(page.records, spec, from?.second, undefined, options.describe);
    const head = seconds[0];
    const last = seconds.at(-1);
    if (head === undefined || last === undefined) return;
    // A short page that says there is more comes from a server capping per_page: a prefix all the same.
    if (page.records.length < options.perPage && page.meta?.next_page == null) {
      yield { type: 'records', records: fresh(page.records) };
      yield { type: 'page' };
      return;
    }
    if (head !== last) {
      yield { type: 'records', records: fresh(page.records) };
      yield { type: 'page' };
      cursor = last;
      // Of a later second than the cursor's, the records this answer ends with: the next one starts with them.
      seen = new Set();
      page.records.forEach((record, index) => {
        const key = options.keyOf(record);
        if (seconds[index] === last && key !== undefined) seen.add(key);
      });
      continue;
    }
    // One second fills the page: read it alone. `total_count` (of everything from here) bounds it.
    if (last !== cursor) seen = new Set();
    const window = { [spec.from]: later(userFrom, last)?.text, [spec.to]: earlier(userTo, last) };
    yield* readSecond(query, window, last, Math.max(2 * options.perPage, Math.min(saneCount(page.meta?.total_count) ?? 0, MAX_SECOND_PAGE) + 1), spec, options, fresh);
    cursor = last + SECOND;
    seen = new Set();
  }
}

/** The most records one answer is asked for (a second's worth): past it, the second is read page by page. */
const MAX_SECOND_PAGE = 10_000;

/** Every record of one second: one answer with room to spare, or (a server capping per_page) page by page. */
async function* readSecond(
  query: QueryParams,
  window: QueryParams,
  second: number,
  size: number,
  spec: KeysetPagination,
  options: KeysetOptions,
  fresh: (records: Row[]) => Row[],
): AsyncGenerator<KeysetEvent> {
  let perPage = size;
  let page = await options.fetch({ ...query, ...window, page: 1, per_page: perPage });
  // A full answer may not be all of it (the second gained records since counted): ask for more room.
  while (page.records.length >= perPage && perPage < MAX_SECOND_PAGE) {
    perPage *= 2;
    page = await options.fetch({ ...query, ...window, page: 1, per_page: perPage });
  }
  const capped = page.meta?.next_page != null;
  if (capped) {
    yield {
      type: 'notice',
      message: `${options.describe}: Lago answered ${page.records.length} records per page where ${perPage} were asked; the ${page.meta?.total_count ?? 'many'} records of ${iso(second)} are read by page number, which a concurrent change (a draft invoice refreshed) can shift.`,
    };
  }
  // A full page is what this server answers per page (its cap), not what was asked.
  const cursor = new PageCursor(`${options.describe} at ${iso(second)}`, Math.max(1, page.records.length));
  for (;;) {
    secondsOf(page.records, spec, second, second, options.describe);
    yield { type: 'records', records: fresh(page.records) };
    yield { type: 'page' };
    const next = cursor.advance(page, page.records.map((record) => options.keyOf(record as Row)));
    if (next === null) return;
    page = await options.fetch({ ...query, ...window, page: next, per_page: perPage });
  }
}

/**
 * Each record's second, checked against what was asked: an answer reaching before the lower bound,
 * past the upper one, or out of order is a server that does not apply the range (or sort by it).
 * Every Lago version with GET /fees applies it (created_at_from/_to came with the route, lago-api
 * 222a75285, #939), so this fails rather than reading another way: it would loop, or miss records.
 */
function secondsOf(records: Row[], spec: KeysetPagination, low: number | undefined, high: number | undefined, describe: string): number[] {
  let previous = -Infinity;
  return records.map((record) => {
    const value = record[spec.field];
    const time = typeof value === 'string' ? Date.parse(value) : Number.NaN;
    if (Number.isNaN(time)) throw new ConnectorError(`${describe}: a record without a valid ${spec.field} (${JSON.stringify(value)}); the list cannot be paged by it.`, 'system_error');
    const second = Math.floor(time / SECOND) * SECOND;
    if ((low !== undefined && second < low) || (high !== undefined && second > high) || second < previous) {
      throw new PaginationError(
        `${describe}: Lago answered a record with ${spec.field} ${String(value)} outside the range asked (${spec.from} ${low === undefined ? '-' : iso(low)}, ${spec.to} ${high === undefined ? '-' : endOfSecond(high)}) or out of order; this server does not apply ${spec.from}, stopping instead of looping.`,
      );
    }
    previous = second;
    return second;
  });
}

interface Bound {
  text: string;
  time: number;
}

function bound(value: unknown): Bound | undefined {
  if (typeof value !== 'string') return undefined;
  return { text: value, time: parseInstant(value).getTime() };
}

/** The later of the user's lower bound and the cursor's second, and the second a record must not precede. */
function later(user: Bound | undefined, second: number | undefined): { text: string; second: number } | undefined {
  if (second === undefined || (user && user.time > second)) return user && { text: user.text, second: Math.floor(user.time / SECOND) * SECOND };
  return { text: iso(second), second };
}

/** The earlier of the user's upper bound and the end of `second`. */
function earlier(user: Bound | undefined, second: number): string {
  return user && user.time < second + SECOND ? user.text : endOfSecond(second);
}
