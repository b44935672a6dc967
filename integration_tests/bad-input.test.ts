import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { catalogFor, ofType, tracesOf } from './helpers/cli.js';
import { Harness, SECRET_KEY } from './helpers/harness.js';
import { hasStackTrace } from './helpers/invariants.js';

/**
 * Bad input, table-driven: every malformed or missing config, catalog or state file gives ONE line
 * naming the file, the field and what was expected — a TRACE ERROR (config_error) with exit 1 for
 * read/discover, a FAILED CONNECTION_STATUS with exit 0 for check — never a stack trace.
 */

let harness: Harness;
beforeAll(async () => {
  harness = await Harness.start();
});
afterAll(() => harness.stop());

/** A file's content: JSON, or raw text, or not a plain readable file at all. */
type Input = unknown | { raw: string } | { dir: true } | { missing: true } | { unreadable: true };
const raw = (text: string) => ({ raw: text });
const DIR = { dir: true } as const;
const MISSING = { missing: true } as const;

interface Row {
  name: string;
  command?: 'read' | 'check' | 'discover';
  /** Merged into a valid config (a function replaces it). */
  config?: Record<string, unknown> | ((valid: Record<string, unknown>) => Input);
  catalog?: Input;
  state?: Input;
  /** Which file the message must name. */
  file?: 'config' | 'catalog' | 'state';
  expect: RegExp;
  /** 'warn': not an error, a WARN log and a normal run. */
  outcome?: 'warn';
}

const replace = (input: Input) => () => input;
const incremental = (stream: string) => catalogFor([stream], 'incremental');
const streamState = (name: string, stream_state: unknown) => [{ type: 'STREAM', stream: { stream_descriptor: { name }, stream_state } }];

const ROWS: Row[] = [
  // config file
  { name: 'config file missing', config: replace(MISSING), file: 'config', expect: /Config file .* does not exist/ },
  { name: 'config file empty', config: replace(raw('')), file: 'config', expect: /Config file .* is empty; expected a JSON document/ },
  { name: 'config file not JSON', config: replace(raw('api_key: abc')), file: 'config', expect: /Config file .* is not valid JSON/ },
  { name: 'config file truncated JSON', config: replace(raw(`{"api_key": "${SECRET_KEY}"`)), file: 'config', expect: /Config file .* is not valid JSON/ },
  { name: 'config path is a directory', config: replace(DIR), file: 'config', expect: /Config file .* is a directory; expected a JSON file/ },
  ...(process.getuid?.() === 0 ? [] : [{ name: 'config file unreadable', config: replace({ unreadable: true }), file: 'config' as const, expect: /Config file .* is not readable \(permission denied\)/ }]),
  { name: 'config is an array', config: replace([]), file: 'config', expect: /Invalid config in .*: expected a JSON object with at least "api_key"/ },
  { name: 'config is null', config: replace(null), file: 'config', expect: /expected a JSON object/ },
  { name: 'config without api_key', config: (valid) => ({ api_url: valid.api_url }), file: 'config', expect: /field api_key: .*expected string/ },
  { name: 'api_key is a number', config: { api_key: 12345678 }, file: 'config', expect: /field api_key: .*expected string, received number/ },
  { name: 'api_key is blank', config: { api_key: '   ' }, file: 'config', expect: /field api_key: must not be empty/ },
  { name: 'api_url is not a URL', config: { api_url: 'lago.example.com' }, file: 'config', expect: /field api_url: expected an http\(s\) URL/ },
  { name: 'api_url has another scheme', config: { api_url: 'ftp://lago.example.com' }, file: 'config', expect: /field api_url: expected an http\(s\) URL/ },
  { name: 'api_url has no host', config: { api_url: 'http://' }, expect: /api_url: "http:\/\/" is not a URL/ },
  { name: 'api_url carries credentials', config: { api_url: 'https://user:pw@lago.example.com' }, expect: /api_url: must not contain credentials/ },
  { name: 'region unknown', config: { region: 'asia' }, file: 'config', expect: /field region: .*"us"\|"eu"/ },
  { name: 'start_date not a date', config: { start_date: 'last tuesday' }, file: 'config', expect: /field start_date: expected YYYY-MM-DD or an ISO 8601 date-time/ },
  { name: 'start_date not a calendar date', config: { start_date: '2025-02-30' }, file: 'config', expect: /field start_date: not a real date/ },
  { name: 'end_date before start_date', config: { start_date: '2025-06-01', end_date: '2025-01-01' }, file: 'config', expect: /field end_date \(2025-01-01\) must be after start_date/ },
  { name: 'lookback_window_days a string', config: { lookback_window_days: '3' }, file: 'config', expect: /field lookback_window_days: .*expected number/ },
  { name: 'request_timeout_seconds zero', config: { request_timeout_seconds: 0 }, file: 'config', expect: /field request_timeout_seconds: .*>=1/ },
  { name: 'max_retries too large', config: { max_retries: 99 }, file: 'config', expect: /field max_retries: .*<=10/ },
  { name: 'slice_size unknown', config: { slice_size: 'fortnight' }, file: 'config', expect: /field slice_size: .*"hour"/ },
  { name: 'filters not an object', config: { filters: 'invoices' }, file: 'config', expect: /field filters: .*expected object/ },
  { name: 'invoice status unknown', config: { filters: { invoices: { status: ['paid'] } } }, file: 'config', expect: /field filters\.invoices\.status\.0: .*"draft"/ },
  { name: 'invoice issuing_date_from not a date', config: { filters: { invoices: { issuing_date_from: '2025-13-01' } } }, file: 'config', expect: /field filters\.invoices\.issuing_date_from: not a real calendar date/ },
  { name: 'event timestamp_from without a time', config: { filters: { events: { timestamp_from: '2025-01-01' } } }, file: 'config', expect: /field filters\.events\.timestamp_from: expected an ISO 8601 date-time with a time zone/ },
  { name: 'misspelt config field (warned, not fatal)', config: { api_urll: 'https://x', filters: { invoice: {} } }, file: 'config', outcome: 'warn', expect: /unknown field api_urll ignored.*api_url/ },
  // catalog file
  { name: 'catalog file missing', catalog: MISSING, file: 'catalog', expect: /Catalog file .* does not exist/ },
  { name: 'catalog file empty', catalog: raw('  \n'), file: 'catalog', expect: /Catalog file .* is empty/ },
  { name: 'catalog not JSON', catalog: raw('streams: [taxes]'), file: 'catalog', expect: /Catalog file .* is not valid JSON/ },
  { name: 'catalog path is a directory', catalog: DIR, file: 'catalog', expect: /Catalog file .* is a directory/ },
  { name: 'catalog is an array', catalog: [], file: 'catalog', expect: /Invalid catalog in .*: field \(top level\)/ },
  { name: 'catalog streams not a list', catalog: { streams: 'taxes' }, file: 'catalog', expect: /Invalid catalog in .*: field streams: .*expected array/ },
  { name: 'catalog stream without a name', catalog: { streams: [{ stream: {}, sync_mode: 'full_refresh' }] }, file: 'catalog', expect: /field streams\.0\.stream\.name/ },
  { name: 'catalog names an unknown stream', catalog: catalogFor(['taxes', 'nope']), file: 'catalog', expect: /streams\.1\.stream\.name "nope" is not a stream of this source/ },
  { name: 'catalog sync_mode invalid', catalog: { streams: [{ stream: { name: 'taxes' }, sync_mode: 'INVALID' }] }, file: 'catalog', expect: /field streams\.0\.sync_mode: expected "full_refresh" or "incremental"/ },
  { name: 'catalog lists a stream twice', catalog: catalogFor(['taxes', 'taxes']), file: 'catalog', expect: /stream "taxes" is listed twice/ },
  // state file
  { name: 'state file not JSON', state: raw('{"type": STREAM}'), file: 'state', expect: /State file .* is not valid JSON/ },
  { name: 'state file empty', state: raw(''), file: 'state', expect: /State file .* is empty/ },
  { name: 'state path is a directory', state: DIR, file: 'state', expect: /State file .* is a directory/ },
  { name: 'state file missing', state: MISSING, file: 'state', expect: /State file .* does not exist/ },
  { name: 'state item is a number', state: [42], file: 'state', expect: /Invalid state in .*: item 0 is number; expected a state object/ },
  { name: 'state without a stream name', state: [{ type: 'STREAM', stream: { stream_descriptor: {}, stream_state: {} } }], file: 'state', expect: /item 0 has no stream\.stream_descriptor\.name/ },
  { name: 'state cursor not a date', catalog: incremental('invoices'), state: streamState('invoices', { issuing_date: 'yesterday' }), file: 'state', expect: /stream invoices: cursor issuing_date "yesterday" is not a date; expected YYYY-MM-DD/ },
  { name: 'state cursor a number', catalog: incremental('events'), state: streamState('events', { timestamp: 1735689600 }), file: 'state', expect: /cursor timestamp 1735689600 is not a date; expected an ISO 8601 date-time/ },
  { name: 'stream_state not an object', catalog: incremental('invoices'), state: streamState('invoices', '2025-01-01'), file: 'state', expect: /stream invoices: stream_state must be an object like \{"issuing_date"/ },
  { name: 'state for an unknown stream (warned, not fatal)', state: streamState('nope', {}), file: 'state', outcome: 'warn', expect: /stream "nope" is not a stream of this source; its state is ignored/ },
  // check and discover say the same things their own way
  { name: 'check: config file missing', command: 'check', config: replace(MISSING), file: 'config', expect: /Config file .* does not exist/ },
  { name: 'check: api_key missing', command: 'check', config: (valid) => ({ api_url: valid.api_url }), file: 'config', expect: /field api_key/ },
  { name: 'check: api_url without the API (404)', command: 'check', config: (valid) => ({ ...valid, api_url: String(valid.api_url).replace('/api/v1', '/lago') }), expect: /no such endpoint.*The base URL is probably wrong/ },
  { name: 'check: key refused', command: 'check', config: { api_key: 'wrong-key-0000' }, expect: /Lago refused the API key: HTTP 401/ },
  { name: 'discover: config not JSON', command: 'discover', config: replace(raw('{')), file: 'config', expect: /Config file .* is not valid JSON/ },
];

let counter = 0;
async function materialise(input: Input, name: string): Promise<string> {
  const path = join(harness.files.dir, `${name}-${(counter += 1)}.json`);
  if (input && typeof input === 'object' && 'missing' in input) return path;
  if (input && typeof input === 'object' && 'dir' in input) {
    await mkdir(path);
    return path;
  }
  await writeFile(path, input && typeof input === 'object' && 'raw' in input ? (input as { raw: string }).raw : JSON.stringify(input));
  if (input && typeof input === 'object' && 'unreadable' in input) await chmod(path, 0o000);
  return path;
}

test(`the table has at least 30 bad inputs (${ROWS.length})`, () => {
  expect(ROWS.length).toBeGreaterThanOrEqual(30);
});

test.each(ROWS.map((row) => [row.name, row] as const))('%s', async (_name, row) => {
  const valid = harness.config();
  const config = typeof row.config === 'function' ? row.config(valid) : { ...valid, ...row.config };
  const files = {
    config: await materialise(row.config && typeof row.config === 'object' ? config : config, 'config'),
    catalog: await materialise(row.catalog ?? catalogFor(['taxes']), 'catalog'),
    state: row.state === undefined ? undefined : await materialise(row.state, 'state'),
  };
  const command = row.command ?? 'read';
  const args = [command, '--config', files.config];
  if (command === 'read') args.push('--catalog', files.catalog, ...(files.state ? ['--state', files.state] : []));
  const run = await harness.run(args);

  expect(run.protocolErrors).toEqual([]);
  expect(run.leakedKey).toBe(false);
  expect(hasStackTrace(run.stderr)).toBe(false);
  expect(run.stderr).toBe('');
  let message: string;
  if (row.outcome === 'warn') {
    expect(run.code).toBe(0);
    expect(tracesOf(run.messages, 'ERROR')).toEqual([]);
    const warnings = ofType(run.messages, 'LOG').filter((m) => m.log.level === 'WARN').map((m) => m.log.message);
    message = warnings.find((w) => row.expect.test(w)) ?? warnings.join(' | ');
  } else if (command === 'check') {
    expect(run.code).toBe(0);
    const statuses = ofType(run.messages, 'CONNECTION_STATUS');
    expect(statuses).toHaveLength(1);
    expect(statuses[0].connectionStatus.status).toBe('FAILED');
    message = statuses[0].connectionStatus.message;
  } else {
    expect(run.code).toBe(1);
    const errors = tracesOf(run.messages, 'ERROR');
    expect(errors).toHaveLength(1);
    expect(errors[0].error.failure_type).toBe('config_error');
    message = errors[0].error.message;
  }
  expect(message).toMatch(row.expect);
  expect(message).not.toMatch(/\n/);
  if (row.file) expect(message).toContain(files[row.file]!);
});

test('wrong command-line usage: exit 2, a TRACE ERROR and the usage on stderr', async () => {
  for (const args of [['read', '--config', 'x.json'], ['fetch'], ['read', '--config']]) {
    const run = await harness.run(args);
    expect(run.code).toBe(2);
    expect(tracesOf(run.messages, 'ERROR')[0].error.failure_type).toBe('config_error');
    expect(run.stderr).toMatch(/Usage:/);
    expect(hasStackTrace(run.stderr)).toBe(false);
  }
});
