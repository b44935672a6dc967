import type { Config } from '../config.js';
import type { QueryParams } from '../lago/query.js';
import type { CursorSpec } from './incremental.js';

/**
 * A stream as data. Templates (templates.ts) and, later, the user's custom streams share this shape,
 * and one engine (engine.ts) reads them all.
 *
 * Values in `query` and `recordFields` may hold `{name}` placeholders, filled from the partition's
 * context (the values bound from one parent record), exactly like the placeholders in `path`.
 */
export interface StreamDefinition {
  name: string;
  /** Path below the base URL, with `{name}` placeholders for partition values. */
  path: string;
  /** Key of the records in the response body (Lago's root key). */
  recordsKey: string;
  /** The root key holds one object rather than a list. */
  single?: boolean;
  /** Lago pages this list with page/per_page and `meta`. */
  paginated: boolean;
  primaryKey: string[][];
  /** Query parameters: static ones from the config, and templates filled per partition. */
  query?: (config: Config) => QueryParams;
  /** Which partitions (contexts) to read; default: one, with an empty context. */
  partitions?: (config: Config) => PartitionSource;
  /** Fields added to every record, from the partition context (`{name}` templates). */
  recordFields?: Readonly<Record<string, string>>;
  /** Drops records a server too old to apply a filter sent anyway (filters must hold whatever the version). */
  keep?: (record: Record<string, unknown>, config: Config) => boolean;
  /** Child answers that mean "this parent has nothing here": skipped and counted, not fatal. */
  skipStatuses?: readonly number[];
  /** A date-range cursor: the stream can sync incrementally, in slices. */
  cursor?: CursorSpec;
  /** When the first request fails this way, read the stream as `fallback.definition` instead. */
  fallback?: { when: (error: unknown) => boolean; reason: string; definition: Partial<StreamDefinition> };
}

export type Context = Readonly<Record<string, string>>;

export type PartitionSource =
  | { kind: 'contexts'; contexts: Context[] }
  | {
      kind: 'parent';
      /** Name of the parent stream, read with the same engine. */
      stream: string;
      /** Replaces the parent's own query parameters (e.g. only active subscriptions). */
      query?: QueryParams;
      /** Context name → field of the parent record; every value comes from the same record. */
      bind: Readonly<Record<string, string>>;
      where?: (record: Record<string, unknown>) => boolean;
    };
