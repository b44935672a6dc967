import { ofType, recordsOf, statusesOf, tracesOf } from './helpers/cli.js';
import { harnessPerFile, type CheckedRun, type Harness } from './helpers/harness.js';
import { expectInvariants } from './helpers/invariants.js';

/**
 * The fast read path (commit 6a02dd8), through the built CLI over real HTTP: many requests in flight
 * at once without Node's MaxListenersExceededWarning, and a prompt exit with the right code once
 * the output has been written, although idle keep-alive connections to Lago are still open.
 */

// A little latency so that requests overlap; hundreds of subscriptions (about half active) for
// customer_usage's per-subscription fan-out; 2,500 customers = 25 pages of 100.
const fake = harnessPerFile({ counts: { customers: 2500, subscriptions: 400 }, latencyMs: 10 });

/**
 * The most requests to `path` the fake server had in hand at once (a `when` that never matches,
 * called as each request arrives; a request leaves the count when the fake records its answer).
 */
function peakInFlight(harness: Harness, path: RegExp): () => number {
  let arrived = 0;
  let peak = 0;
  harness.lago.addFault({
    path,
    when: () => {
      arrived += 1;
      const answered = harness.lago.requests.filter((request) => path.test(request.path)).length;
      peak = Math.max(peak, arrived - answered);
      return false;
    },
  });
  return () => peak;
}

const sorted = (values: unknown[]) => values.map(String).sort();

function expectNoWarning(run: CheckedRun): void {
  expect(run.stderr).not.toMatch(/Warning/);
  expect(run.stderr).not.toMatch(/MaxListeners/);
}

function expectSummaryLast(run: CheckedRun, streams: number, failed: number): void {
  expect(run.stdout.endsWith('\n')).toBe(true);
  const last = run.messages.at(-1);
  expect(last.type).toBe('LOG');
  expect(last.log.level).toBe('INFO');
  expect(last.log.message).toMatch(
    new RegExp(`^Sync summary: [\\d,]+ records from ${streams} stream\\(s\\) \\(${streams - failed} complete, ${failed} failed\\) in [\\d.]+ s; \\d+ retried request\\(s\\); \\d+ skipped object\\(s\\)\\.$`),
  );
}

/** Exit 0, valid and complete output, no ERROR trace, and nothing on stderr that looks like a Node warning. */
function expectCleanRunWithoutWarnings(run: CheckedRun, streams: string[]): void {
  expectNoWarning(run);
  expect(run.code).toBe(0);
  expectInvariants(run, streams);
  expect(tracesOf(run.messages, 'ERROR')).toEqual([]);
}

describe('many requests in flight at once: no MaxListenersExceededWarning', () => {
  test('customer_usage with max_concurrency 32 (the maximum) fans out over hundreds of subscriptions', async () => {
    const harness = fake.current;
    const active = harness.rows('subscriptions').filter((s) => s.status === 'active');
    expect(active.length).toBeGreaterThan(150);
    const peak = peakInFlight(harness, /\/current_usage$/);
    const run = await harness.read(['customer_usage'], { config: { max_concurrency: 32 } });
    expectCleanRunWithoutWarnings(run, ['customer_usage']);
    expect(statusesOf(run.messages, 'customer_usage')).toEqual(['STARTED', 'RUNNING', 'COMPLETE']);
    const records = recordsOf(run.messages, 'customer_usage');
    expect(sorted(records.map((r) => `${r.external_customer_id}|${r.external_subscription_id}`))).toEqual(
      sorted(active.map((s) => `${s.external_customer_id}|${s.external_id}`)),
    );
    expect(harness.requestsTo(/\/current_usage$/)).toHaveLength(active.length);
    // the situation that used to warn: more than Node's default of 10 listeners on one signal
    expect(peak()).toBeGreaterThan(10);
  });

  test('customers, 25 pages read with max_concurrency 20', async () => {
    const harness = fake.current;
    const peak = peakInFlight(harness, /\/customers$/);
    const run = await harness.read(['customers'], { config: { max_concurrency: 20 } });
    expectCleanRunWithoutWarnings(run, ['customers']);
    const ids = recordsOf(run.messages, 'customers').map((r) => r.lago_id);
    expect(ids).toHaveLength(2500);
    expect(sorted(ids)).toEqual(sorted(harness.rows('customers').map((r) => r.lago_id)));
    expect(sorted(harness.requestsTo('/customers').map((r) => r.query.get('page')))).toEqual(sorted(Array.from({ length: 25 }, (_, k) => k + 1)));
    expect(peak()).toBeGreaterThan(10);
  });
});

describe('exit after a read, with keep-alive connections to Lago still open', () => {
  test('a normal read exits 0 (not by a signal), every record written, and the "Sync summary" LOG is the last line', async () => {
    const harness = fake.current;
    const run = await harness.read(['customers', 'plans', 'taxes']);
    expect(run.signal).toBeNull();
    expect(run.code).toBe(0);
    expectInvariants(run, ['customers', 'plans', 'taxes']);
    // output written just before the exit is not cut: all 2,500 customers (several MB), then the summary
    expect(recordsOf(run.messages, 'customers')).toHaveLength(2500);
    expect(recordsOf(run.messages, 'plans')).toHaveLength(harness.rows('plans').length);
    expect(recordsOf(run.messages, 'taxes')).toHaveLength(harness.rows('taxes').length);
    expectSummaryLast(run, 3, 0);
    // the summary counts what was written
    expect(run.messages.at(-1).log.message).toMatch(new RegExp(`^Sync summary: ${(2500 + harness.rows('plans').length + harness.rows('taxes').length).toLocaleString('en')} records`));
  });

  test('a reader slower than the connector: what is still unwritten when the work is done all arrives before the exit', async () => {
    const harness = fake.current;
    const run = await harness.read(['customers'], {
      timeoutMs: 60_000,
      onSpawn: (child) => {
        // Reads a chunk, then looks away for 20 ms: the pipe stays full, so at the end of the read
        // output is still waiting to be written when the connector would exit.
        child.stdout!.on('data', () => {
          child.stdout!.pause();
          setTimeout(() => child.stdout!.resume(), 20);
        });
      },
    });
    expect(run.signal).toBeNull();
    expect(run.code).toBe(0);
    expectInvariants(run, ['customers']);
    expect(recordsOf(run.messages, 'customers')).toHaveLength(2500);
    expectSummaryLast(run, 1, 0);
  });

  test('a read with a failing stream exits 1, the other streams complete, and the summary is still the last line', async () => {
    const harness = fake.current;
    harness.lago.addFault({ path: '/api/v1/plans', status: 500 });
    const run = await harness.read(['taxes', 'plans', 'customers'], { config: { max_retries: 0 } });
    expect(run.signal).toBeNull();
    expect(run.code).toBe(1);
    expectInvariants(run, ['taxes', 'plans', 'customers']);
    expect(statusesOf(run.messages, 'plans').at(-1)).toBe('INCOMPLETE');
    expect(statusesOf(run.messages, 'customers').at(-1)).toBe('COMPLETE');
    expect(recordsOf(run.messages, 'customers')).toHaveLength(2500);
    expectSummaryLast(run, 3, 1);
  });

  test('a run that ends before any request (bad catalog) exits with its code too', async () => {
    const harness = fake.current;
    const config = await harness.configFile();
    const catalog = await harness.files.write('not-a-catalog.json', '{"streams": "nope"}');
    const run = await harness.run(['read', '--config', config, '--catalog', catalog]);
    expect(run.signal).toBeNull();
    expect(run.code).toBe(1);
    expect(run.protocolErrors).toEqual([]);
    expect(tracesOf(run.messages, 'ERROR').map((t) => t.error.failure_type)).toEqual(['config_error']);
    expect(ofType(run.messages, 'RECORD')).toEqual([]);
    expect(harness.lago.requests).toEqual([]);
  });
});

describe('page_size: records per page asked of Lago', () => {
  test('pages of 400 customers (page numbers up to 7) and fees by keyset at 400; the same records as pages of 100', async () => {
    const harness = fake.current;
    harness.lago.perPageCap = 1000;
    try {
      const run = await harness.read(['customers', 'fees'], { config: { page_size: 400 } });
      expectCleanRunWithoutWarnings(run, ['customers', 'fees']);
      const customers = harness.requestsTo('/customers');
      expect(new Set(customers.map((r) => r.query.get('per_page')))).toEqual(new Set(['400']));
      expect(sorted(customers.map((r) => r.query.get('page')))).toEqual(sorted([1, 2, 3, 4, 5, 6, 7]));
      expect(sorted(recordsOf(run.messages, 'customers').map((r) => r.lago_id))).toEqual(sorted(harness.rows('customers').map((r) => r.lago_id)));
      expect(harness.requestsTo('/fees').map((r) => r.query.get('per_page'))).toContain('400');
      expect(sorted(recordsOf(run.messages, 'fees').map((r) => r.lago_id))).toEqual(sorted(harness.rows('fees').map((r) => r.lago_id)));
    } finally {
      harness.lago.perPageCap = 100;
    }
  });

  test('a server answering fewer per page than asked (a proxy, an older Lago) is read to the end all the same', async () => {
    const harness = fake.current;
    const run = await harness.read(['customers'], { config: { page_size: 250 } });
    expectCleanRunWithoutWarnings(run, ['customers']);
    expect(recordsOf(run.messages, 'customers')).toHaveLength(2500);
    expect(harness.requestsTo('/customers').length).toBeGreaterThanOrEqual(25);
  });
});
