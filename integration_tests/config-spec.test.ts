import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { normaliseApiUrl, parseConfig } from '../src/config.js';
import { ROOT } from './helpers/cli.js';

/** spec.json (what platforms validate with) and the zod schema (what the connector parses with) agree. */

const addFormats = ((addFormatsModule as any).default ?? addFormatsModule) as (ajv: Ajv) => void;
const ajv = new Ajv({ strict: false, allErrors: true });
addFormats(ajv);
const spec = JSON.parse(readFileSync(join(ROOT, 'spec.json'), 'utf8'));
const validateWithSpec = ajv.compile(spec.connectionSpecification);

const zodAccepts = (config: unknown) => {
  try {
    parseConfig(config, 'config.json');
    return true;
  } catch {
    return false;
  }
};

const valid: unknown[] = [
  { api_key: 'k' },
  { api_key: 'k', api_url: 'https://api.getlago.com/api/v1' },
  { api_key: 'k', region: 'eu' },
  { api_key: 'k', api_url: 'http://lago.internal:3000/' },
  { api_key: 'k', extra_airbyte_field: 1 },
  { api_key: 'k', filters: { subscriptions: { status: ['active', 'terminated'], plan_code: 'p' } } },
  { api_key: 'k', filters: { invoices: { issuing_date_from: '2025-01-01', issuing_date_to: '2025-12-31', status: ['finalized'], payment_status: ['failed'] } } },
  { api_key: 'k', filters: { events: { timestamp_from: '2025-01-01T00:00:00Z', timestamp_to: '2025-01-02T00:00:00.123+02:00', billable_metric_code: 'calls' } } },
  { api_key: 'k', filters: { customer_usage: { external_customer_id: 'c', external_subscription_id: 's' } } },
  { api_key: 'k', request_timeout_seconds: 30, max_retries: 0 },
  { api_key: 'k', page_size: 1 },
  { api_key: 'k', page_size: 1000 },
  { api_key: 'k', rate_limit_reserve_percent: 0 },
  { api_key: 'k', rate_limit_reserve_percent: 25.5 },
  { api_key: 'k', emit_activate_version_messages: true },
  { api_key: 'k', emit_activate_version_messages: false },
];

const invalid: unknown[] = [
  {},
  { api_key: '' },
  { api_key: 5 },
  { api_key: 'k', region: 'asia' },
  { api_key: 'k', api_url: 'ftp://lago.example.com' },
  { api_key: 'k', api_url: 'lago.example.com' },
  { api_key: 'k', filters: { subscriptions: { status: ['expired'] } } },
  { api_key: 'k', filters: { subscriptions: { status: [] } } },
  { api_key: 'k', filters: { invoices: { issuing_date_from: '2025-13-01' } } },
  { api_key: 'k', filters: { invoices: { issuing_date_from: '2025-02-30' } } },
  { api_key: 'k', filters: { invoices: { issuing_date_to: '01/02/2025' } } },
  { api_key: 'k', filters: { events: { timestamp_from: '2025-01-01' } } },
  { api_key: 'k', filters: { events: { timestamp_to: 'yesterday' } } },
  { api_key: 'k', request_timeout_seconds: 0 },
  { api_key: 'k', max_retries: 2.5 },
  { api_key: 'k', filters: 'none' },
  { api_key: 'k', page_size: 0 },
  { api_key: 'k', page_size: 1001 },
  { api_key: 'k', page_size: 50.5 },
  { api_key: 'k', rate_limit_reserve_percent: 95 },
  { api_key: 'k', rate_limit_reserve_percent: -1 },
  { api_key: 'k', emit_activate_version_messages: 'true' },
];

test.each(valid.map((c) => [JSON.stringify(c), c]))('both accept %s', (_, config) => {
  expect(validateWithSpec(config)).toBe(true);
  expect(zodAccepts(config)).toBe(true);
});

test.each(invalid.map((c) => [JSON.stringify(c), c]))('both reject %s', (_, config) => {
  expect(validateWithSpec(config)).toBe(false);
  expect(zodAccepts(config)).toBe(false);
});

test('api_url is normalised with or without /api/v1 and trailing slashes; regions map to Lago Cloud', () => {
  expect(normaliseApiUrl('https://lago.example.com')).toBe('https://lago.example.com/api/v1');
  expect(normaliseApiUrl('https://lago.example.com/')).toBe('https://lago.example.com/api/v1');
  expect(normaliseApiUrl('https://lago.example.com/api/v1/')).toBe('https://lago.example.com/api/v1');
  expect(normaliseApiUrl('https://example.com/lago/api/v1')).toBe('https://example.com/lago/api/v1');
  expect(parseConfig({ api_key: 'k' }).baseUrl).toBe('https://api.getlago.com/api/v1');
  expect(parseConfig({ api_key: 'k', region: 'eu' }).baseUrl).toBe('https://api.eu.getlago.com/api/v1');
  expect(parseConfig({ api_key: 'k', region: 'eu', api_url: 'https://lago.example.com' }).baseUrl).toBe('https://lago.example.com/api/v1');
});

test('an error names the file and the field and says what was expected', () => {
  expect(() => parseConfig({ api_key: 'k', filters: { invoices: { issuing_date_from: '2025-13-01' } } }, 'secrets/config.json')).toThrow(
    /secrets\/config\.json.*filters\.invoices\.issuing_date_from/,
  );
  expect(() => parseConfig({ api_key: 'k', api_url: 'ftp://x' }, 'c.json')).toThrow(/api_url: expected an http\(s\) URL/);
});

describe('custom_streams body and json_schema: JSON objects written as text (Airbyte\'s UI renders no free-form object)', () => {
  const stream = (extra: Record<string, unknown>) => ({ api_key: 'k', custom_streams: [{ name: 's', path: '/x', method: 'POST', ...extra }] });

  test('the spec describes them as strings; text holding a JSON object is accepted by both and parsed', () => {
    const items = spec.connectionSpecification.properties.custom_streams.items.properties;
    for (const field of ['body', 'json_schema']) {
      expect(items[field].type).toBe('string');
      expect(items[field].description).toMatch(/^JSON object as text/);
    }
    const config = stream({ body: '{"status": "active"}', json_schema: '{"type": "object"}' });
    expect(validateWithSpec(config)).toBe(true);
    const [parsed] = parseConfig(config, 'config.json').raw.custom_streams!;
    expect(parsed!.body).toEqual({ status: 'active' });
    expect(parsed!.json_schema).toEqual({ type: 'object' });
  });

  test('a config written by hand with objects keeps working (the connector accepts both forms)', () => {
    const [parsed] = parseConfig(stream({ body: { status: 'active' }, json_schema: { type: 'object' } }), 'config.json').raw.custom_streams!;
    expect(parsed!.body).toEqual({ status: 'active' });
    expect(parsed!.json_schema).toEqual({ type: 'object' });
  });

  test.each([
    ['{"status": ', /custom_streams\.0\.body: expected a JSON object as text, such as .*; the text is not JSON \(/],
    ['["active"]', /custom_streams\.0\.body: expected a JSON object as text, such as .*; got an array\.$/],
    ['42', /custom_streams\.0\.body: expected a JSON object as text, such as .*; got a number\.$/],
    ['null', /custom_streams\.0\.body: expected a JSON object as text, such as .*; got null\.$/],
  ])('body %j is refused in one line naming the file, the field and what was expected', (body, message) => {
    expect(() => parseConfig(stream({ body }), 'secrets/config.json')).toThrow(message);
    // Text with line breaks of its own still gives one line.
    let thrown: unknown;
    try {
      parseConfig(stream({ body: `${body}\n\n` }), 'secrets/config.json');
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(Error);
    expect((thrown as Error).message).toMatch(/^Invalid config in secrets\/config\.json: /);
    expect((thrown as Error).message).not.toContain('\n');
  });
});
