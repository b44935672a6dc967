import * as z from 'zod';
import { ConfigError } from '../errors.js';
import { jsonObjectText } from '../json-text.js';
import type { StreamDefinition } from './definition.js';
import { jsonPathExtractor, jsonPathProblem, singleArrayExtractor } from './extract.js';
import { SLICE_UNITS } from './incremental.js';
import { allStrings, mapStrings } from './context.js';
import { METADATA_FIELD } from './engine.js';
import { knownListStream } from './known-lists.js';
import { isDateMacro, placeholders, resolveDateMacros, TIME_UNITS, type TimeUnit } from './macros.js';

/** Headers that belong to the HTTP exchange itself, not to what is asked of Lago. */
const TRANSPORT_HEADERS = new Set(['host', 'content-length', 'transfer-encoding', 'connection', 'upgrade', 'te', 'trailer', 'keep-alive']);

/**
 * Streams the user declares in the config (`custom_streams`), for endpoints the templates don't
 * cover. Each becomes a StreamDefinition like a template, read by the same engine.
 */

export const PARENT_FIELD = '_parent';

const name = (title: string, description: string) => z.string().min(1).meta({ title, description });

export const customStreamSchema = z
  .looseObject({
    name: z
      .string()
      .regex(/^[A-Za-z0-9_]+$/, 'expected letters, digits and underscores only')
      .meta({ title: 'Stream name', description: 'Unique; must not be the name of a built-in stream.' }),
    method: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']).optional().meta({
      title: 'HTTP method',
      description: 'GET (default) reads. Other methods are sent as configured, on every sync: use them only for endpoints that read (e.g. a search that takes a POST body).',
    }),
    path: z.string().regex(/^\//, 'expected a path starting with /, e.g. /invoices?status=finalized').optional().meta({
      title: 'Path',
      description: 'Relative to the Lago API URL, e.g. /customers/{external_customer_id}/current_usage?external_subscription_id={external_id}. Macros: {now}, {now-N}, {now+N}, and {field} from the parent stream\'s records.',
    }),
    url: z.string().regex(/^https?:\/\//i, 'expected a full http(s) URL').optional().meta({
      title: 'Full URL',
      description: 'Instead of path: a full URL, which must be on the same host as the Lago API (the API key is sent to no other host).',
    }),
    body: jsonObjectText({ title: 'JSON body', description: 'Sent with POST/PUT/PATCH; macros allowed in its strings.', example: '{"external_customer_id": "{external_id}"}' }).optional(),
    records_path: z.string().optional().meta({
      title: 'Path to records (JSONPath)',
      description: 'e.g. $.customers[*]. Default: the response\'s single array-valued key. `source-lago suggest-paths` lists candidates.',
    }),
    metadata_path: z.string().optional().meta({ title: 'Path to metadata (JSONPath)', description: 'e.g. $.meta: its value is attached to each record as _metadata.' }),
    headers: z
      .array(z.looseObject({ name: name('Header name', 'e.g. X-Lago-Organization'), value: z.string().meta({ title: 'Header value' }) }))
      .optional()
      .meta({ title: 'Request headers', description: 'Extra headers. Authorization, Host and the headers of the HTTP exchange itself (Content-Length, Connection, Transfer-Encoding) are set by the connector and cannot be overridden.' }),
    primary_key: z.array(z.string().min(1)).optional().meta({ title: 'Primary key', description: 'Field names, e.g. ["lago_id"]; "a.b" for a nested field, e.g. ["_parent.external_id", "from_datetime"]. Records are deduplicated by it within a sync.' }),
    parent_stream: z.string().min(1).optional().meta({
      title: 'Parent stream',
      description: 'Another stream (built-in or custom): one request per parent record, {field} macros filled from that record.',
    }),
    date_format: z.string().min(1).optional().meta({
      title: 'Date format',
      description: 'Format of date macros: iso8601 (default), unix, unix_ms, or a dayjs format such as YYYY-MM-DD.',
    }),
    time_unit: z.enum(TIME_UNITS).optional().meta({ title: 'Time unit', description: 'Unit of N in {now-N}/{now+N}. Default day.' }),
    pagination: z.enum(['lago', 'none']).optional().meta({ title: 'Pagination', description: 'lago (default): page/per_page and meta.next_page. none: one request.' }),
    cursor: z
      .looseObject({
        field: name('Cursor field', 'Record field holding a date, e.g. issuing_date.'),
        from_param: name('From parameter', 'Query parameter for the start of a range (inclusive), e.g. issuing_date_from.'),
        to_param: name('To parameter', 'Query parameter for the end of a range (inclusive), e.g. issuing_date_to.'),
        kind: z.enum(['date', 'date-time']).optional().meta({ title: 'Kind', description: 'date (YYYY-MM-DD) or date-time (ISO 8601). Default date-time.' }),
        slice_size: z.enum(SLICE_UNITS).optional().meta({ title: 'Slice size', description: 'Default: the config\'s slice_size, else month.' }),
      })
      .optional()
      .meta({ title: 'Incremental cursor', description: 'Makes the stream incremental with date-range slices, like events and invoices.' }),
    json_schema: jsonObjectText({ title: 'JSON schema', description: 'The records\' schema (draft-07); inferred from a sample when absent.', example: '{"type": "object", "properties": {"lago_id": {"type": "string"}}}' }).optional(),
  })
  .meta({ title: 'Custom stream' });

export type CustomStreamConfig = z.infer<typeof customStreamSchema>;

type Fail = (stream: string, index: number, field: string, problem: string) => ConfigError;

const failIn =
  (file: string): Fail =>
  (stream, index, field, problem) =>
    new ConfigError(`Invalid config in ${file}: custom_streams.${index}.${field} (stream "${stream}"): ${problem}.`);

/** Splits "/path?a=1&b={x}" into a path and query parameter templates. */
function splitTarget(target: string): { path: string; query: Record<string, string> } {
  const [path = '', search = ''] = target.split(/\?(.*)/s, 2);
  const query: Record<string, string> = {};
  for (const [key, value] of new URLSearchParams(search)) query[key] = value;
  return { path, query };
}

export interface CustomStreamContext {
  configFile: string;
  baseUrl: string;
  now: Date;
  /** Names of the built-in streams, and a way to look up a template's schema fields. */
  templateNames: readonly string[];
  templateFields: (stream: string) => readonly string[] | undefined;
  /** A built-in stream's JSON schema. */
  templateSchema: (stream: string) => Record<string, unknown>;
}

/**
 * Checks every custom stream and builds its definition; each problem is a config error naming the
 * stream and the field.
 */
export function buildCustomStreams(streams: readonly CustomStreamConfig[], context: CustomStreamContext): StreamDefinition[] {
  const fail = failIn(context.configFile);
  const names = new Map<string, number>();
  for (const [index, stream] of streams.entries()) {
    if (context.templateNames.includes(stream.name)) throw fail(stream.name, index, 'name', 'is the name of a built-in stream; choose another');
    if (names.has(stream.name)) throw fail(stream.name, index, 'name', `is used twice (also custom_streams.${names.get(stream.name)})`);
    names.set(stream.name, index);
  }
  const definitions = streams.map((stream, index) => buildOne(stream, index, context, names, fail));
  rejectCycles(streams, names, fail);
  return definitions;
}

function buildOne(stream: CustomStreamConfig, index: number, context: CustomStreamContext, customNames: Map<string, number>, fail: Fail): StreamDefinition {
  const problem = (field: string, text: string) => fail(stream.name, index, field, text);
  if (!stream.path === !stream.url) throw problem('path', 'give either path or url (exactly one)');
  let target = stream.path ?? '';
  if (stream.url) {
    const url = new URL(stream.url);
    const base = new URL(context.baseUrl);
    if (url.origin !== base.origin) throw problem('url', `is on ${url.origin}, not on the Lago API host ${base.origin}; the API key is never sent to another host`);
    target = `${url.pathname}${url.search}`;
    if (!target.startsWith(base.pathname)) throw problem('url', `must be under ${context.baseUrl}`);
    target = target.slice(base.pathname.replace(/\/$/, '').length) || '/';
  }
  for (const field of ['records_path', 'metadata_path'] as const) {
    const path = stream[field];
    const issue = path === undefined ? undefined : jsonPathProblem(path);
    if (issue) throw problem(field, `"${path}" ${issue}`);
  }
  for (const [i, header] of (stream.headers ?? []).entries()) {
    if (header.name.toLowerCase() === 'authorization') throw problem(`headers.${i}.name`, 'Authorization is set by the connector from api_key and cannot be overridden');
    if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(header.name)) throw problem(`headers.${i}.name`, `"${header.name}" is not a valid HTTP header name`);
    // Sent as given (node:http): Host could route the key to another site behind the same proxy, and the others would
    // make the request unreadable to Lago.
    if (TRANSPORT_HEADERS.has(header.name.toLowerCase())) throw problem(`headers.${i}.name`, `${header.name} is set by the connector's HTTP client and cannot be overridden`);
    if (/[\u0000-\u0008\u000a-\u001f\u007f]/.test(header.value)) throw problem(`headers.${i}.value`, 'contains a line break or another control character, which an HTTP header value cannot');
  }

  // Macros: dates are resolved now (once per sync); the rest are look-ups in the parent's records.
  const unit: TimeUnit = stream.time_unit ?? 'day';
  const format = stream.date_format ?? 'iso8601';
  const texts = [target, ...allStrings(stream.body)];
  const lookups = [...new Set(texts.flatMap(placeholders).filter((name) => !isDateMacro(name)))];
  if (lookups.length > 0 && !stream.parent_stream) {
    throw problem(stream.path ? 'path' : 'url', `unknown macro {${lookups[0]}}: date macros are {now}, {now-N}, {now+N}; {field} look-ups need parent_stream`);
  }
  for (const name of lookups) {
    if (!/^[A-Za-z0-9_]+$/.test(name)) throw problem(stream.path ? 'path' : 'url', `macro {${name}} is neither a date macro ({now-N}) nor a field name`);
  }
  if (stream.parent_stream) {
    const parent = stream.parent_stream;
    if (!context.templateNames.includes(parent) && !customNames.has(parent)) {
      throw problem('parent_stream', `"${parent}" is not a stream (built-in: ${context.templateNames.join(', ')}; custom: ${[...customNames.keys()].join(', ') || 'none'})`);
    }
    if (parent === stream.name) throw problem('parent_stream', 'a stream cannot be its own parent');
    const fields = context.templateFields(parent);
    const missing = fields ? lookups.filter((name) => !fields.includes(name)) : [];
    if (missing.length > 0) throw problem(stream.path ? 'path' : 'url', `{${missing[0]}} is not a field of ${parent} records`);
  }

  const resolved = resolveDateMacros(target, context.now, unit, format);
  const { path, query } = splitTarget(resolved);
  const definition: StreamDefinition = {
    name: stream.name,
    path,
    records: stream.records_path ? jsonPathExtractor(stream.records_path) : singleArrayExtractor,
    paginated: (stream.pagination ?? 'lago') === 'lago',
    // "a.b" names a nested field, e.g. _parent.external_id for per-parent streams.
    primaryKey: (stream.primary_key ?? []).map((field) => field.split('.')),
    // Written by the user as templates: {field} look-ups are filled per parent record.
    queryTemplates: query,
    ...(stream.metadata_path ? { metadataPath: stream.metadata_path } : {}),
    ...(stream.method && stream.method !== 'GET' ? { method: stream.method } : {}),
    ...(stream.body ? { body: mapStrings(stream.body, (text) => resolveDateMacros(text, context.now, unit, format)) } : {}),
    ...(stream.headers?.length ? { headers: Object.fromEntries(stream.headers.map((h) => [h.name, h.value])) } : {}),
  };
  const schema = stream.json_schema ?? knownListSchema(stream, path, context);
  if (schema) definition.jsonSchema = schema;
  if (stream.parent_stream) {
    const parent = stream.parent_stream;
    definition.partitions = () => ({ kind: 'parent', stream: parent, bind: Object.fromEntries(lookups.map((name) => [name, name])) });
    definition.contextField = PARENT_FIELD;
    // The parent object is gone (404) or has nothing here (405, e.g. no_active_subscription).
    definition.skipStatuses = [404, 405];
  }
  if (stream.cursor) {
    definition.cursor = {
      field: stream.cursor.field,
      from: stream.cursor.from_param,
      to: stream.cursor.to_param,
      kind: stream.cursor.kind ?? 'date-time',
      defaultSlice: 'month',
      ...(stream.cursor.slice_size ? { sliceSize: stream.cursor.slice_size } : {}),
    };
  }
  return definition;
}

/**
 * A stream on one of Lago's known lists (known-lists.ts) gets that list's schema, plus the fields the connector adds
 * to a custom stream's records (`_parent`, `_metadata`).
 */
function knownListSchema(stream: CustomStreamConfig, path: string, context: CustomStreamContext): Record<string, unknown> | undefined {
  const known = knownListStream(stream.method, path, stream.records_path);
  if (!known) return undefined;
  const schema = structuredClone(context.templateSchema(known));
  const properties = schema.properties as Record<string, unknown>;
  if (stream.parent_stream) properties[PARENT_FIELD] = { type: 'object', description: `Added by the connector: the look-up values from the ${stream.parent_stream} record.`, additionalProperties: true };
  if (stream.metadata_path) properties[METADATA_FIELD] = { description: `Added by the connector: the value at ${stream.metadata_path} in each answer.` };
  // The built-in stream's key need not be this stream's (a custom stream has the key it declares).
  delete schema.required;
  schema.title = stream.name;
  schema.description = `Records of GET ${path}: Lago's ${known} list (the built-in ${known} stream's schema).`;
  return schema;
}

/** Look-ups must end at a built-in stream: a → b → a would read forever. */
function rejectCycles(streams: readonly CustomStreamConfig[], names: Map<string, number>, fail: Fail): void {
  for (const [index, stream] of streams.entries()) {
    const chain = [stream.name];
    let parent = stream.parent_stream;
    while (parent !== undefined && names.has(parent)) {
      if (chain.includes(parent)) throw fail(stream.name, index, 'parent_stream', `look-ups form a cycle: ${[...chain, parent].join(' → ')}`);
      chain.push(parent);
      parent = streams[names.get(parent)!]!.parent_stream;
    }
  }
}
