import * as z from 'zod';
import { ConfigError } from './errors.js';
import { customStreamSchema } from './streams/custom.js';
import { parseInstant, SLICE_UNITS, type SliceUnit } from './streams/incremental.js';

/**
 * The connector's configuration: one zod schema that parses configs and is also the source of
 * spec.json (see spec.ts), so the two can never disagree.
 */

export const REGION_URLS = {
  us: 'https://api.getlago.com/api/v1',
  eu: 'https://api.eu.getlago.com/api/v1',
} as const;

/** Date.parse rolls 2025-02-30 over to March: check the day (the first 10 characters) exists. */
function isCalendarDay(value: string): boolean {
  const day = value.slice(0, 10);
  const date = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(day);
}

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD')
  .refine((value) => isCalendarDay(value), 'not a real calendar date')
  .meta({ format: 'date', pattern: '^\\d{4}-\\d{2}-\\d{2}$', examples: ['2025-01-31'] });


const isoDateTime = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/, 'expected an ISO 8601 date-time with a time zone, such as 2025-01-31T00:00:00Z')
  .refine((value) => isCalendarDay(value) && !Number.isNaN(Date.parse(value)), 'not a real date-time')
  .meta({ format: 'date-time', examples: ['2025-01-31T00:00:00Z'] });

/** A date (midnight UTC) or a date-time with a zone: where incremental syncs start or stop. */
const dateOrDateTime = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2}))?$/, 'expected YYYY-MM-DD or an ISO 8601 date-time with a time zone, such as 2025-01-31T00:00:00Z')
  .refine((value) => isCalendarDay(value) && !Number.isNaN(parseInstant(value).getTime()), 'not a real date');

export const DEFAULT_START_DATE = '2020-01-01T00:00:00Z';
export const DEFAULT_LOOKBACK_DAYS = 3;
export const DEFAULT_CONCURRENCY = 8;

/** Records per page asked of Lago: its documented default (lago-api sets no maximum). */
export const DEFAULT_PAGE_SIZE = 100;
/** Beyond this a page of invoices (≈ 3 KB each) times the pages read ahead would no longer fit the memory budget. */
export const MAX_PAGE_SIZE = 1000;

const text = (title: string, description: string) => z.string().min(1).optional().meta({ title, description });

/**
 * Subscription statuses (app/models/subscription.rb STATUSES). `incomplete` exists since lago-api v1.45.2; the other
 * four are known to every Lago that filters by `status[]` (v0.40.0-beta).
 */
export const SUBSCRIPTION_STATUSES = ['active', 'pending', 'terminated', 'canceled', 'incomplete'] as const;
export const SUBSCRIPTION_STATUSES_EVERY_LAGO = ['active', 'pending', 'terminated', 'canceled'] as const;
export const INVOICE_STATUSES = ['draft', 'finalized', 'voided', 'failed', 'pending'] as const;
export const INVOICE_PAYMENT_STATUSES = ['pending', 'succeeded', 'failed'] as const;

const subscriptionFilters = z
  .looseObject({
    external_customer_id: text('External customer id', 'Only the subscriptions of this customer.'),
    plan_code: text('Plan code', 'Only subscriptions to this plan.'),
    status: z
      .array(z.enum(SUBSCRIPTION_STATUSES))
      .min(1)
      .optional()
      .meta({ title: 'Statuses', description: 'Subscription statuses to read. Default: all five (Lago itself returns only active ones unless asked; incomplete exists since Lago 1.45.2).', uniqueItems: true }),
  })
  .meta({ title: 'Subscriptions', description: 'Filters for the subscriptions stream.' });

const invoiceFilters = z
  .looseObject({
    external_customer_id: text('External customer id', 'Only the invoices of this customer.'),
    status: z
      .array(z.enum(INVOICE_STATUSES))
      .min(1)
      .optional()
      .meta({ title: 'Statuses', description: 'Only invoices in these statuses.', uniqueItems: true }),
    payment_status: z
      .array(z.enum(INVOICE_PAYMENT_STATUSES))
      .min(1)
      .optional()
      .meta({ title: 'Payment statuses', description: 'Only invoices in these payment statuses.', uniqueItems: true }),
    issuing_date_from: isoDate.optional().meta({ title: 'Issued on or after', description: 'YYYY-MM-DD, inclusive.' }),
    issuing_date_to: isoDate.optional().meta({ title: 'Issued on or before', description: 'YYYY-MM-DD, inclusive.' }),
  })
  .meta({ title: 'Invoices', description: 'Filters for the invoices stream.' });

const eventFilters = z
  .looseObject({
    external_subscription_id: text('External subscription id', 'Only the events of this subscription.'),
    billable_metric_code: text('Billable metric code', 'Only events with this code.'),
    timestamp_from: isoDateTime.optional().meta({ title: 'Timestamp from', description: 'ISO 8601, inclusive.' }),
    timestamp_to: isoDateTime.optional().meta({ title: 'Timestamp to', description: 'ISO 8601, inclusive.' }),
  })
  .meta({ title: 'Events', description: 'Filters for the events stream.' });

const feeFilters = z
  .looseObject({
    external_customer_id: text('External customer id', 'Only the fees of this customer.'),
    created_at_from: isoDateTime.optional().meta({ title: 'Created at from', description: 'ISO 8601, inclusive.' }),
    created_at_to: isoDateTime.optional().meta({ title: 'Created at to', description: 'ISO 8601, inclusive.' }),
  })
  .meta({ title: 'Fees', description: 'Filters for the fees stream.' });

const customerUsageFilters = z
  .looseObject({
    external_customer_id: text('External customer id', 'With the subscription id: read the usage of this one pair. Alone: of this customer\'s active subscriptions.'),
    external_subscription_id: text('External subscription id', 'With the customer id: read the usage of this one pair. Alone: of this subscription.'),
  })
  .meta({ title: 'Customer usage', description: 'Without ids, usage is read for every active subscription.' });

export const configSchema = z
  .looseObject({
    api_key: z.string().trim().min(1, 'must not be empty').meta({
      title: 'API key',
      description: 'Your Lago API key (Lago → Developers → API keys).',
      airbyte_secret: true,
      order: 0,
    }),
    region: z.enum(['us', 'eu']).optional().meta({
      title: 'Lago Cloud region',
      description: 'us: https://api.getlago.com (default), eu: https://api.eu.getlago.com. Ignored when api_url is set.',
      order: 1,
    }),
    api_url: z
      .string()
      .regex(/^\s*https?:\/\//i, 'expected an http(s) URL such as https://lago.example.com/api/v1')
      .optional()
      .meta({
        title: 'API URL (self-hosted)',
        description: 'Base URL of a self-hosted Lago API, e.g. https://lago.example.com or https://lago.example.com/api/v1. Overrides region.',
        examples: ['https://lago.example.com/api/v1'],
        order: 2,
      }),
    filters: z
      .looseObject({
        subscriptions: subscriptionFilters.optional(),
        invoices: invoiceFilters.optional(),
        events: eventFilters.optional(),
        customer_usage: customerUsageFilters.optional(),
        fees: feeFilters.optional(),
      })
      .optional()
      .meta({ title: 'Filters', description: 'Optional server-side filters per stream.', order: 3 }),
    start_date: dateOrDateTime.optional().meta({
      title: 'Start date',
      description: `Where the first incremental sync of events, invoices and credit notes begins (UTC). Default ${DEFAULT_START_DATE}, before Lago's first release, so all history is read; set a later date to skip old data.`,
      examples: ['2025-01-01', '2025-01-01T00:00:00Z'],
      order: 4,
    }),
    end_date: dateOrDateTime.optional().meta({
      title: 'End date',
      description: 'Optional: incremental streams stop here instead of now (exclusive).',
      examples: ['2025-12-31'],
      order: 5,
    }),
    lookback_window_days: z.number().min(0).max(365).optional().meta({
      title: 'Lookback window (days)',
      description: `Each incremental sync re-reads this many days before the saved cursor, to catch late events and invoices that changed after they were issued. Fractions allowed (0.25 = 6 hours). Default ${DEFAULT_LOOKBACK_DAYS}.`,
      order: 6,
    }),
    slice_size: z.enum(SLICE_UNITS).optional().meta({
      title: 'Slice size',
      description: 'Incremental streams are read in date slices of this size, oldest first, with a checkpoint after each. Default: day for events, month for invoices and credit notes.',
      order: 7,
    }),
    custom_streams: z.array(customStreamSchema).optional().meta({
      title: 'Custom streams',
      description: 'Streams for Lago endpoints the built-in streams do not cover. See the README.',
      order: 8,
    }),
    request_timeout_seconds: z.number().int().min(1).max(600).optional().meta({
      title: 'Request timeout (seconds)',
      description: 'How long to wait for one answer from Lago before retrying. Default 60.',
      order: 10,
    }),
    max_concurrency: z.number().int().min(1).max(32).optional().meta({
      title: 'Maximum concurrent requests',
      description: `Requests in flight at once against a Lago that sends no rate-limit headers (self-hosted): pages of a list once its page count is known, and per-object requests (usage per subscription, transactions per wallet). Halved on a 429 and ramped back up. Default ${DEFAULT_CONCURRENCY}. On Lago Cloud the X-RateLimit headers set the pace instead (50 requests/s, 200 for current usage).`,
      order: 12,
    }),
    rate_limit_reserve_percent: z.number().min(0).max(90).optional().meta({
      title: 'Rate limit reserved for other traffic (%)',
      description: "Lago Cloud's rate limits are per organization, shared by every API key: the share of them (0-90 %) the connector leaves to your own billing application. Default 0: the sync spends the whole budget (it still yields to other traffic, pausing when X-RateLimit-Remaining runs out).",
      order: 14,
    }),
    page_size: z.number().int().min(1).max(MAX_PAGE_SIZE).optional().meta({
      title: 'Page size',
      description: `Records per page asked of Lago (per_page). Default ${DEFAULT_PAGE_SIZE}, Lago's documented value. Larger pages mean fewer round trips (worth it on a self-hosted Lago far away) but longer answers to build on the server and more memory here: the pages read ahead are held at once. At most ${MAX_PAGE_SIZE}.`,
      order: 13,
    }),
    emit_activate_version_messages: z.boolean().optional().meta({
      title: 'Emit ACTIVATE_VERSION messages (tap-lago)',
      description:
        'Singer mode (tap-lago) only. For FULL_TABLE streams: RECORDs carry a table version, and an ACTIVATE_VERSION message follows the last one when the stream was read to the end, so a target such as target-postgres drops (or marks _sdc_deleted_at) the rows that were not read again: objects deleted in Lago. Default false. The Airbyte protocol has no such message; ignored there.',
      order: 15,
    }),
    max_retries: z.number().int().min(0).max(10).optional().meta({
      title: 'Maximum retries',
      description: 'Retries of a request that failed with a 5xx, a timeout or a broken connection, with exponential backoff. Default 5.',
      order: 11,
    }),
  })
  .meta({ title: 'Lago Source Spec' });

export type RawConfig = z.infer<typeof configSchema>;
export type Filters = NonNullable<RawConfig['filters']>;

export interface Config {
  /** The file the config came from, for error messages. */
  file: string;
  apiKey: string;
  startDate: Date;
  endDate: Date | undefined;
  lookbackMs: number;
  sliceSize: SliceUnit | undefined;
  timeoutMs: number;
  maxRetries: number;
  maxConcurrency: number;
  /** Records per page of a paged list (per_page). */
  pageSize: number;
  /** Share of Lago Cloud's rate limits left to the user's own traffic, 0 to 0.9. */
  rateLimitReserve: number;
  /** Normalised base URL ending in /api/v1, without a trailing slash. */
  baseUrl: string;
  filters: Filters;
  raw: RawConfig;
}

/** Accepts a URL with or without /api/v1 and trailing slashes; returns it ending in /api/v1. */
export function normaliseApiUrl(input: string): string {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    throw new ConfigError(`Config field api_url: "${input}" is not a URL; expected e.g. https://lago.example.com/api/v1.`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new ConfigError(`Config field api_url: protocol ${url.protocol} is not supported; expected an http(s) URL such as https://lago.example.com/api/v1.`);
  }
  if (url.username || url.password) throw new ConfigError('Config field api_url: must not contain credentials; put the key in api_key.');
  if (url.search || url.hash) throw new ConfigError('Config field api_url: must not contain a query string or fragment.');
  const path = url.pathname.replace(/\/+$/, '');
  const withApi = /\/api\/v1$/.test(path) ? path : `${path}/api/v1`;
  return `${url.origin}${withApi}`;
}

/** Formats zod issues as one line: which file, which field, what was expected. */
export function describeIssues(error: z.ZodError, file: string): string {
  const parts = error.issues.map((issue) => {
    const field = issue.path.length ? issue.path.join('.') : '(top level)';
    return `field ${field}: ${issue.message}`;
  });
  return `Invalid config in ${file}: ${parts.join('; ')}.`;
}

export function parseConfig(input: unknown, file = 'config'): Config {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new ConfigError(`Invalid config in ${file}: expected a JSON object with at least "api_key".`);
  }
  const result = configSchema.safeParse(input);
  if (!result.success) throw new ConfigError(describeIssues(result.error, file));
  const raw = result.data;
  const baseUrl = raw.api_url ? normaliseApiUrl(raw.api_url) : REGION_URLS[raw.region ?? 'us'];
  if (raw.start_date && raw.end_date && parseInstant(raw.start_date) >= parseInstant(raw.end_date)) {
    throw new ConfigError(`Invalid config in ${file}: field end_date (${raw.end_date}) must be after start_date (${raw.start_date}).`);
  }
  return {
    file,
    apiKey: raw.api_key,
    baseUrl,
    startDate: parseInstant(raw.start_date ?? DEFAULT_START_DATE),
    endDate: raw.end_date ? parseInstant(raw.end_date) : undefined,
    lookbackMs: (raw.lookback_window_days ?? DEFAULT_LOOKBACK_DAYS) * 86_400_000,
    sliceSize: raw.slice_size,
    timeoutMs: (raw.request_timeout_seconds ?? 60) * 1000,
    maxRetries: raw.max_retries ?? 5,
    maxConcurrency: raw.max_concurrency ?? DEFAULT_CONCURRENCY,
    pageSize: raw.page_size ?? DEFAULT_PAGE_SIZE,
    rateLimitReserve: (raw.rate_limit_reserve_percent ?? 0) / 100,
    filters: raw.filters ?? {},
    raw,
  };
}
