import { recordsOf, statesOf, tracesOf } from './helpers/cli.js';
import { Harness } from './helpers/harness.js';

/** Custom streams from the config, read by the same engine as the templates. */

let harness: Harness;
beforeAll(async () => {
  harness = await Harness.start({ counts: { customers: 130 } });
});
afterAll(() => harness.stop());
beforeEach(() => {
  harness.lago.requests.length = 0;
});

type Row = Record<string, any>;
const rows = (name: string) => (harness.lago.data as unknown as Record<string, Row[]>)[name]!;
const custom = (...streams: Row[]) => ({ custom_streams: streams });

test('a custom stream equivalent to the customers template yields the same records', async () => {
  const config = custom({ name: 'my_customers', path: '/customers', records_path: '$.customers[*]', primary_key: ['lago_id'] });
  const run = await harness.read(['customers', 'my_customers'], { config });
  expect(run.code).toBe(0);
  expect(run.protocolErrors).toEqual([]);
  expect(recordsOf(run.messages, 'my_customers')).toEqual(recordsOf(run.messages, 'customers'));
  expect(recordsOf(run.messages, 'my_customers')).toHaveLength(130);
});

test('a custom stream equivalent to the plans template (default records path) yields the same records', async () => {
  const run = await harness.read(['plans', 'my_plans'], { config: custom({ name: 'my_plans', path: '/plans', primary_key: ['lago_id'] }) });
  expect(run.code).toBe(0);
  expect(recordsOf(run.messages, 'my_plans')).toEqual(recordsOf(run.messages, 'plans'));
});

test('date macros resolve with the stream\'s unit and format, against a pinned clock', async () => {
  const config = custom(
    { name: 'recent_invoices', path: '/invoices?issuing_date_from={now-30}&issuing_date_to={now}', date_format: 'YYYY-MM-DD', time_unit: 'day' },
    { name: 'recent_events', path: '/events?timestamp_from={now-2}', time_unit: 'hour' },
    { name: 'unix_probe', path: '/taxes?since={now-1}', date_format: 'unix', time_unit: 'week' },
  );
  const run = await harness.read(['recent_invoices', 'recent_events', 'unix_probe'], { config, env: { SOURCE_LAGO_NOW: '2026-06-15T12:00:00Z' } });
  expect(run.code).toBe(0);
  const invoices = harness.requestsTo('/invoices')[0]!.query;
  expect([invoices.get('issuing_date_from'), invoices.get('issuing_date_to')]).toEqual(['2026-05-16', '2026-06-15']);
  expect(harness.requestsTo('/events')[0]!.query.get('timestamp_from')).toBe('2026-06-15T10:00:00.000Z');
  expect(harness.requestsTo('/taxes')[0]!.query.get('since')).toBe(String(Date.parse('2026-06-08T12:00:00Z') / 1000));
  const expected = rows('invoices').filter((i) => i.issuing_date >= '2026-05-16' && i.issuing_date <= '2026-06-15');
  expect(recordsOf(run.messages, 'recent_invoices').map((i) => i.lago_id).sort()).toEqual(expected.map((i) => i.lago_id).sort());
});

test('a chained look-up makes exactly one request per parent record, with every value from that record', async () => {
  const config = custom({
    name: 'usage_by_hand',
    path: '/customers/{external_customer_id}/current_usage?external_subscription_id={external_id}',
    records_path: '$.customer_usage',
    parent_stream: 'subscriptions',
    primary_key: ['_parent.external_id', 'from_datetime'],
  });
  const run = await harness.read(['usage_by_hand'], { config });
  // the parent records: the subscriptions of the statuses the parent stream asked for
  const statuses = new Set(harness.requestsTo('/subscriptions').flatMap((r) => r.query.getAll('status[]')));
  const subscriptions = rows('subscriptions').filter((s) => statuses.has(s.status));
  expect(subscriptions.length).toBeGreaterThan(0);
  const usage = harness.requestsTo(/\/current_usage$/);
  expect(usage).toHaveLength(subscriptions.length);
  const asked = usage.map((r) => `${decodeURIComponent(r.path.split('/')[4]!)}|${r.query.get('external_subscription_id')}`).sort();
  expect(asked).toEqual(subscriptions.map((s) => `${s.external_customer_id}|${s.external_id}`).sort());
  // Non-active subscriptions answer 405: skipped and counted, not fatal.
  const active = subscriptions.filter((s) => s.status === 'active');
  expect(run.code).toBe(0);
  const records = recordsOf(run.messages, 'usage_by_hand');
  expect(records).toHaveLength(active.length);
  for (const record of records) expect(active.some((s) => s.external_id === record._parent.external_id && s.external_customer_id === record._parent.external_customer_id)).toBe(true);
  expect(run.messages.some((m) => m.type === 'LOG' && m.log.level === 'WARN' && /usage_by_hand: skipped \d+/.test(m.log.message))).toBe(true);
});

test('metadata is attached to each record and headers are sent', async () => {
  const config = custom({
    name: 'coupons_with_meta',
    path: '/coupons',
    metadata_path: '$.meta',
    // A header the connector also sends, in other capitals: it replaces the connector's, it is not joined to it.
    headers: [{ name: 'X-Lago-Test', value: 'hello' }, { name: 'Accept', value: 'application/vnd.test+json' }],
  });
  const run = await harness.read(['coupons_with_meta'], { config });
  expect(run.code).toBe(0);
  const records = recordsOf(run.messages, 'coupons_with_meta');
  expect(records.length).toBeGreaterThan(0);
  for (const record of records) expect(record._metadata).toMatchObject({ current_page: 1, total_count: rows('coupons').length });
  expect(harness.requestsTo('/coupons')[0]!.headers['x-lago-test']).toBe('hello');
  expect(harness.requestsTo('/coupons')[0]!.headers.accept).toBe('application/vnd.test+json');
  expect(harness.requestsTo('/coupons')[0]!.headers.authorization).toMatch(/^Bearer /);
});

test('a custom stream with a cursor syncs incrementally with the same machinery', async () => {
  const config = {
    ...custom({ name: 'notes', path: '/credit_notes', primary_key: ['lago_id'], cursor: { field: 'issuing_date', from_param: 'issuing_date_from', to_param: 'issuing_date_to', kind: 'date' } }),
    start_date: '2025-01-01',
  };
  const run = await harness.read(['notes', 'credit_notes'], { config, syncMode: 'incremental', state: [], env: { SOURCE_LAGO_NOW: '2026-11-21T00:00:00Z' } });
  expect(run.code).toBe(0);
  expect(recordsOf(run.messages, 'notes').map((n) => n.lago_id).sort()).toEqual(recordsOf(run.messages, 'credit_notes').map((n) => n.lago_id).sort());
  expect(statesOf(run.messages, 'notes').at(-1).stream.stream_state).toEqual({ issuing_date: '2026-11-21' });
});

test('discover infers a schema for a custom stream from a sample, or uses the one given', async () => {
  const config = custom(
    // Records from inside each answer's items: not a list's own items, so the schema is inferred from a sample.
    { name: 'inferred', path: '/customers', records_path: '$.customers[*].integration_customers[*]', primary_key: ['lago_id'] },
    { name: 'given', path: '/taxes', json_schema: { type: 'object', properties: { code: { type: 'string' } } } },
    // As Airbyte's UI writes it: the spec describes json_schema as JSON text.
    { name: 'given_as_text', path: '/taxes', json_schema: '{"type": "object", "properties": {"code": {"type": "string"}}}' },
  );
  const run = await harness.run(['discover', '--config', await harness.configFile(config)]);
  expect(run.code).toBe(0);
  const streams = Object.fromEntries(run.messages[0].catalog.streams.map((s: any) => [s.name, s]));
  expect(streams.inferred.json_schema.properties.lago_id.type).toEqual(['string', 'null']);
  expect(streams.inferred.json_schema.properties.external_customer_id.type).toEqual(['string', 'null']);
  expect(streams.inferred.source_defined_primary_key).toEqual([['lago_id']]);
  expect(streams.given.json_schema).toEqual({ type: 'object', properties: { code: { type: 'string' } } });
  expect(streams.given_as_text.json_schema).toEqual(streams.given.json_schema);
});

test('json_schema text that is not a JSON object is a config_error naming the field and what was expected', async () => {
  const config = custom({ name: 'broken', path: '/taxes', json_schema: '{"type": "object",' });
  const run = await harness.run(['discover', '--config', await harness.configFile(config)]);
  expect(run.code).toBe(1);
  expect(run.protocolErrors).toEqual([]);
  const [error] = tracesOf(run.messages, 'ERROR');
  expect(error.error.failure_type).toBe('config_error');
  expect(error.error.message).toMatch(/^Invalid config in \S+: field custom_streams\.0\.json_schema: expected a JSON object as text, such as \{.*; the text is not JSON \(.+\)\.$/);
  expect(error.error.message).not.toContain('\n');
});

test('preview prints records for a person with the request URL and count, key masked', async () => {
  const run = await harness.run(['preview', '--config', await harness.configFile(), '--stream', 'customers', '--limit', '3']);
  expect(run.code).toBe(0);
  expect(run.stdout).toMatch(/Stream customers: 3 record\(s\) \(limit 3\)/);
  expect(run.stdout).toContain(`GET ${harness.lago.url}/customers?page=1&per_page=100`);
  expect(run.stdout).toContain('Authorization: Bearer ********');
  expect(run.stdout.match(/--- record \d+ ---/g)).toHaveLength(3);
  expect(run.leakedKey).toBe(false);
});

test('suggest-paths lists the arrays of objects, best first', async () => {
  const run = await harness.run(['suggest-paths', '--config', await harness.configFile(), '--url', '/plans']);
  expect(run.code).toBe(0);
  const lines = run.stdout.split('\n').filter((line) => line.startsWith('  $'));
  expect(lines[0]).toMatch(/^\s+\$\.plans\[\*\]\s+5 item\(s\)/);
  expect(lines.some((line) => line.includes('$.plans[*].charges[*]'))).toBe(true);
});

describe('bad custom stream configs are config errors naming the stream and field', () => {
  const cases: Array<[string, Row[], RegExp]> = [
    ['duplicate name', [{ name: 'a', path: '/taxes' }, { name: 'a', path: '/coupons' }], /custom_streams\.1\.name \(stream "a"\): is used twice/],
    ['clash with a template', [{ name: 'invoices', path: '/invoices' }], /custom_streams\.0\.name \(stream "invoices"\): is the name of a built-in stream/],
    ['bad JSONPath', [{ name: 'a', path: '/taxes', records_path: '$.taxes[*' }], /custom_streams\.0\.records_path \(stream "a"\): "\$\.taxes\[\*" has an unclosed bracket/],
    ['JSONPath without $', [{ name: 'a', path: '/taxes', metadata_path: 'meta' }], /custom_streams\.0\.metadata_path \(stream "a"\).*must start with \$/],
    ['unknown macro', [{ name: 'a', path: '/taxes?x={yesterday}' }], /custom_streams\.0\.path \(stream "a"\): unknown macro \{yesterday\}/],
    ['foreign host', [{ name: 'a', url: 'https://evil.example.com/api/v1/taxes' }], /custom_streams\.0\.url \(stream "a"\): is on https:\/\/evil\.example\.com, not on the Lago API host/],
    ['unknown parent stream', [{ name: 'a', path: '/x/{id}', parent_stream: 'nope' }], /custom_streams\.0\.parent_stream \(stream "a"\): "nope" is not a stream/],
    ['a cycle of look-ups', [{ name: 'a', path: '/x/{id}', parent_stream: 'b' }, { name: 'b', path: '/y/{id}', parent_stream: 'a' }], /parent_stream \(stream "a"\): look-ups form a cycle: a → b → a/],
    ['a field the parent does not have', [{ name: 'a', path: '/customers/{no_such_field}/wallets', parent_stream: 'customers' }], /custom_streams\.0\.path \(stream "a"\): \{no_such_field\} is not a field of customers records/],
    ['overriding Authorization', [{ name: 'a', path: '/taxes', headers: [{ name: 'authorization', value: 'Bearer x' }] }], /custom_streams\.0\.headers\.0\.name \(stream "a"\): Authorization is set by the connector/],
    ['overriding Host (the key could reach another site behind the same proxy)', [{ name: 'a', path: '/taxes', headers: [{ name: 'Host', value: 'evil.example.com' }] }], /custom_streams\.0\.headers\.0\.name \(stream "a"\): Host is set by the connector's HTTP client/],
    ['a header of the HTTP exchange itself', [{ name: 'a', path: '/taxes', headers: [{ name: 'Content-Length', value: '5' }] }], /custom_streams\.0\.headers\.0\.name \(stream "a"\): Content-Length is set by the connector's HTTP client/],
    ['a header value with a line break', [{ name: 'a', path: '/taxes', headers: [{ name: 'X-Note', value: 'a\r\nX-Injected: 1' }] }], /custom_streams\.0\.headers\.0\.value \(stream "a"\): contains a line break or another control character/],
    ['neither path nor url', [{ name: 'a' }], /custom_streams\.0\.path \(stream "a"\): give either path or url/],
  ];
  test.each(cases)('%s', async (_, streams, message) => {
    const run = await harness.read(['customers'], { config: custom(...streams) });
    expect(run.code).toBe(1);
    expect(run.protocolErrors).toEqual([]);
    const errors = tracesOf(run.messages, 'ERROR');
    expect(errors).toHaveLength(1);
    expect(errors[0].error.failure_type).toBe('config_error');
    expect(errors[0].error.message).toMatch(/^Invalid config in .*config-\w+\.json: /);
    expect(errors[0].error.message).toMatch(message);
    expect(harness.lago.requests).toHaveLength(0);
  });
});
