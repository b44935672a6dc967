import { ConnectorError } from '../errors.js';

/** Lago's `meta` block on list responses. */
export interface PageMeta {
  current_page?: number | null;
  next_page?: number | null;
  prev_page?: number | null;
  total_pages?: number | null;
  total_count?: number | null;
}

export interface Page<T = unknown> {
  number: number;
  records: T[];
  meta: PageMeta | undefined;
}

export class PaginationError extends ConnectorError {
  constructor(message: string) {
    super(message, 'transient_error');
    this.name = 'PaginationError';
  }
}

export function readMeta(body: unknown): PageMeta | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const meta = (body as { meta?: unknown }).meta;
  return typeof meta === 'object' && meta !== null ? (meta as PageMeta) : undefined;
}

/** Largest count taken at its word: beyond it (or negative, fractional, not a number) a count means nothing. */
const MAX_SANE_COUNT = 1e12;

/** A `meta` count that can be believed (total_count, total_pages), or undefined. */
export function saneCount(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 && value <= MAX_SANE_COUNT ? value : undefined;
}

/**
 * Decides which page comes next from what Lago said, and refuses to loop or skip: a page number that does not move
 * forward, or a server that keeps sending records past `total_pages`, is an error rather than an endless read; a
 * `next_page` that jumps ahead is taken as "there is more", and the pages in between are read. Lago may point
 * `next_page` at an empty page (its counts are cached), so an empty page simply ends the list. Without a usable
 * `next_page` (missing meta, a string, a negative number) a full page means there may be more.
 */
export class PageCursor {
  private readonly seen = new Set<number>();
  private previousKeys: ArrayLike<string | number | undefined> | undefined;
  private previousSums: KeySums | undefined;
  /** What the last advance() had to work around, said once per read. */
  note: string | undefined;
  private noted = false;

  constructor(
    private readonly describe: string,
    /** Records per page asked for: a page this full may have more after it. */
    private readonly perPage: number,
  ) {}

  /**
   * Returns the next page number, or null when the list is finished. `keys` identify the page's records (keys, or
   * key fingerprints with a negative number for a record without one).
   */
  advance(page: Page, keys?: ArrayLike<string | number | undefined>): number | null {
    this.note = undefined;
    if (this.seen.has(page.number)) throw new PaginationError(`Lago returned page ${page.number} of ${this.describe} twice; stopping instead of looping.`);
    this.seen.add(page.number);
    if (page.records.length === 0) return null;
    const meta = page.meta;
    const totalPages = saneCount(meta?.total_pages);
    if (totalPages !== undefined && page.number > totalPages + 1) {
      throw new PaginationError(`Lago kept sending records past total_pages=${totalPages} of ${this.describe} (page ${page.number}); stopping instead of looping.`);
    }
    if (keys) this.rejectRepeatedContent(page, keys);
    const next = meta?.next_page;
    if (next === null) return null;
    if (typeof next !== 'number' || !Number.isSafeInteger(next) || next < 1) {
      if (next !== undefined || meta !== undefined) this.warnOnce(`Lago's meta.next_page ${JSON.stringify(next)} for ${this.describe} is not a page number; reading on while pages come back full`);
      return page.records.length >= this.perPage ? page.number + 1 : null;
    }
    if (next <= page.number) throw new PaginationError(`Lago's next_page (${next}) does not move past page ${page.number} of ${this.describe}; stopping instead of looping.`);
    if (next > page.number + 1) {
      this.warnOnce(`Lago's next_page jumps from page ${page.number} to ${next} of ${this.describe}; reading the pages in between`);
      return page.number + 1;
    }
    return next;
  }

  private warnOnce(message: string): void {
    if (this.noted) return;
    this.noted = true;
    this.note = message;
  }

  /** The same records served again under a new page number means the server is not paging. */
  private rejectRepeatedContent(page: Page, pageKeys: ArrayLike<string | number | undefined>): void {
    const previous = this.previousKeys;
    this.previousKeys = pageKeys;
    // A count and two sums, order-independent, rule out nearly every page without building a set.
    const sums = keySums(pageKeys);
    const same = this.previousSums !== undefined && sums.count > 0 && sums.count === this.previousSums.count && sums.sum === this.previousSums.sum && sums.xor === this.previousSums.xor;
    this.previousSums = sums;
    if (!same || !previous) return;
    const keys = keySet(pageKeys);
    const before = keySet(previous);
    if (keys.size === before.size && [...keys].every((key) => before.has(key))) {
      throw new PaginationError(`Lago returned the same records for page ${page.number} as for the page before it (${this.describe}); stopping instead of looping.`);
    }
  }
}

interface KeySums {
  count: number;
  sum: number;
  xor: number;
}

/** A key counts when it is there: a string, or a fingerprint half (a negative number means none). */
const present = (key: string | number | undefined): key is string | number => key !== undefined && !(typeof key === 'number' && key < 0);

function keySums(keys: ArrayLike<string | number | undefined>): KeySums {
  let count = 0;
  let sum = 0;
  let xor = 0;
  for (let i = 0; i < keys.length; i += 1) {
    const key = keys[i];
    if (!present(key)) continue;
    // A string key counts by its length and first and last characters: enough to tell most pages apart cheaply.
    const value = typeof key === 'number' ? key : key.length * 65_599 + key.charCodeAt(0) * 31 + key.charCodeAt(key.length - 1);
    count += 1;
    sum = (sum + value) | 0;
    xor ^= value;
  }
  return { count, sum, xor };
}

function keySet(keys: ArrayLike<string | number | undefined>): Set<string | number> {
  const set = new Set<string | number>();
  for (let i = 0; i < keys.length; i += 1) {
    const key = keys[i];
    if (present(key)) set.add(key);
  }
  return set;
}
