import { ofType } from './helpers/cli.js';
import { harnessPerFile, SECRET_KEY, type CheckedRun } from './helpers/harness.js';
import { expectInvariants } from './helpers/invariants.js';

/**
 * Airbyte mode says why requests are retried: one INFO line per stream and reason (status, error code, kind of
 * wait) at its first retry, not one per request; the summary keeps the count. Faults from the fake Lago, through
 * the built CLI.
 */

const fake = harnessPerFile({ counts: { customers: 250 } });
const CUSTOMERS = '/api/v1/customers';
const page = (n: number) => ({ query }: { query: URLSearchParams }) => query.get('page') === String(n);

const infos = (run: CheckedRun) => ofType(run.messages, 'LOG').filter((m) => m.log.level === 'INFO').map((m) => m.log.message as string);
const retryLines = (run: CheckedRun) => infos(run).filter((line) => / Further retries for this reason are counted in the summary\.$/.test(line));
const summary = (run: CheckedRun) => infos(run).find((line) => line.startsWith('Sync summary: '));

test('N faults of one kind: exactly one INFO line for that stream and reason, the summary counts all N', async () => {
  fake.current.lago.addFault({ path: CUSTOMERS, when: page(2), times: 4, status: 503 });
  const run = await fake.current.read(['customers']);
  expectInvariants(run, ['customers']);
  expect(run.code).toBe(0);
  expect(retryLines(run)).toEqual([
    expect.stringMatching(/^customers: Lago answered 503 Service Unavailable; retrying with backoff \(first wait \d+ ms\)\. Further retries for this reason are counted in the summary\.$/),
  ]);
  expect(summary(run)).toMatch(/; 4 retried request\(s\);/);
});

test('two kinds of fault: two lines, one per reason, in the order they happened', async () => {
  fake.current.lago.addFault({ path: CUSTOMERS, when: page(2), times: 2, status: 503 });
  fake.current.lago.addFault({ path: CUSTOMERS, when: page(2), times: 2, resetConnection: true });
  const run = await fake.current.read(['customers']);
  expectInvariants(run, ['customers']);
  expect(run.code).toBe(0);
  expect(retryLines(run)).toEqual([
    expect.stringMatching(/^customers: Lago answered 503 Service Unavailable; retrying with backoff/),
    expect.stringMatching(/^customers: The connection to Lago was reset; retrying with backoff \(first wait \d+ ms\)\. Further/),
  ]);
  expect(summary(run)).toMatch(/; 4 retried request\(s\);/);
});

test('the same reason in two streams read at once: one line each, naming its own stream', async () => {
  fake.current.lago.addFault({ path: CUSTOMERS, when: page(2), times: 3, status: 502 });
  fake.current.lago.addFault({ path: '/api/v1/taxes', times: 2, status: 502 });
  const run = await fake.current.read(['customers', 'taxes']);
  expectInvariants(run, ['customers', 'taxes']);
  expect(run.code).toBe(0);
  const lines = retryLines(run);
  expect(lines).toHaveLength(2);
  expect(lines.filter((line) => line.startsWith('customers: Lago answered 502 Bad Gateway; '))).toHaveLength(1);
  expect(lines.filter((line) => line.startsWith('taxes: Lago answered 502 Bad Gateway; '))).toHaveLength(1);
  expect(summary(run)).toMatch(/; 5 retried request\(s\);/);
});

test('a 429 that says how long to wait is told as such, apart from backoff', async () => {
  fake.current.lago.addFault({ path: CUSTOMERS, when: page(2), times: 2, status: 429, headers: { 'Retry-After': '0' } });
  fake.current.lago.addFault({ path: CUSTOMERS, when: page(2), times: 1, status: 429 });
  const run = await fake.current.read(['customers']);
  expectInvariants(run, ['customers']);
  expect(retryLines(run)).toEqual([
    'customers: Lago answered 429 Too Many Requests; retrying after the 0 ms it asked for (Retry-After or X-RateLimit-Reset). Further retries for this reason are counted in the summary.',
    expect.stringMatching(/^customers: Lago answered 429 Too Many Requests; retrying with backoff \(first wait \d+ ms\)\./),
  ]);
});

test('no retry, no line; and the API key appears in no output whatever is retried', async () => {
  const clean = await fake.current.read(['customers']);
  expect(retryLines(clean)).toEqual([]);
  expect(summary(clean)).toMatch(/; 0 retried request\(s\);/);
  fake.current.lago.addFault({ path: CUSTOMERS, times: 2, status: 500, body: { status: 500, error: `boom ${SECRET_KEY}` } });
  const run = await fake.current.read(['customers']);
  expect(retryLines(run)).toHaveLength(1);
  expect(run.leakedKey).toBe(false);
});
