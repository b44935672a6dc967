import type { Config } from '../config.js';
import type { LagoServer } from '../lago/capabilities.js';
import type { QueryParams } from '../lago/query.js';
import type { RecordExtractor } from './extract.js';
import type { CursorSpec } from './incremental.js';
import type { KeysetPagination } from './keyset.js';

/**
 * A stream as data. Templates (templates.ts) and, later, the user's custom streams share this shape,
 * and one engine (engine.ts) reads them all.
 *
 * Values in `queryTemplates` and `recordFields` may hold `{name}` placeholders, filled from the
 * partition's context (the values bound from one parent record), exactly like the placeholders in
 * `path`. `query` values come from the config and are sent as they are: a filter may hold braces.
 */
export interface StreamDefinition {
  name: string;
  /** Path below the base URL, with `{name}` placeholders for partition values. */
  path: string;
  /** Where the records are in a response body (Lago's root key, or a JSONPath). */
  records: RecordExtractor;
  /** A JSONPath whose value is attached to every record as `_metadata` (custom streams). */
  metadataPath?: string;
  /** Attach the partition's context (the parent record's look-up values) under this field. */
  contextField?: string;
  /** HTTP method (custom streams); GET unless said otherwise. */
  method?: string;
  /** JSON request body (custom streams), `{name}` placeholders filled per partition. */
  body?: unknown;
  /** Extra request headers (custom streams); never Authorization. */
  headers?: Readonly<Record<string, string>>;
  /** A JSON schema supplied with the stream; otherwise schemas/<name>.json, or inferred (custom streams). */
  jsonSchema?: Record<string, unknown>;
  /** Lago pages this list with page/per_page and `meta`. */
  paginated: boolean;
  /** How a paginated list is paged: by page number unless said otherwise (keyset.ts). */
  pagination?: KeysetPagination;
  primaryKey: string[][];
  /** Query parameters from the config (filters) and slice ranges, sent verbatim. */
  query?: (config: Config) => QueryParams;
  /** Query parameters written in the definition, `{name}` filled per partition; `query` wins on a clash. */
  queryTemplates?: Readonly<Record<string, string>>;
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
  /** Reads the stream as several lists in turn, each with its own query (replacing `query`) and record test. */
  passes?: (config: Config, lago: LagoServer) => StreamPass[];
  /** When the first request fails this way, read the stream as `fallback.definition` instead. */
  fallback?: {
    when: (error: unknown) => boolean;
    reason: string;
    definition: Partial<StreamDefinition>;
    /** Lago releases known to need the fallback: it is used from the start, without the failing request. */
    needed?: (lago: LagoServer) => boolean;
  };
}

/** One of a stream's lists: what to ask, and which of the answers belong (a filter an older Lago may not apply). */
export interface StreamPass {
  query: QueryParams;
  keep?: (record: Record<string, unknown>) => boolean;
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
