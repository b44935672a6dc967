import { readFileSync } from 'node:fs';
import { connectorPid, recordsOf, statusesOf, tracesOf } from './helpers/cli.js';
import { Harness } from './helpers/harness.js';
import { expectInvariants, hasStackTrace } from './helpers/invariants.js';

/** Interruption: signals, a reader that goes away, a reader that is slow. */

let harness: Harness;
beforeAll(async () => {
  // 200 pages of customers, a little latency: a read that is still going when the test acts.
  harness = await Harness.start({ counts: { customers: 20_000 }, latencyMs: 5 });
});
afterAll(() => harness.stop());
beforeEach(() => {
  harness.lago.clearFaults();
  harness.lago.requests.length = 0;
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const rssKb = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);

test.each(['SIGTERM', 'SIGINT'] as const)('%s mid-read: stops fetching, flushes whole lines, a state covers what was written, dies by the signal', async (signal) => {
  let requestsAtSignal = -1;
  const run = await harness.read(['customers', 'taxes'], {
    onStdoutLine: (line, child) => {
      if (requestsAtSignal < 0 && line.includes('"RECORD"')) {
        requestsAtSignal = harness.lago.requests.length;
        child.kill(signal);
      }
    },
  });
  await sleep(200);
  expect(run.signal).toBe(signal);
  expect(run.code).toBeNull();
  expect(run.stdout.endsWith('\n')).toBe(true);
  expectInvariants({ ...run, code: 1 }, ['customers', 'taxes']);
  // At most the requests already in flight (max_concurrency, default 8) after the signal: not 200 pages.
  expect(harness.lago.requests.length - requestsAtSignal).toBeLessThanOrEqual(10);
  expect(recordsOf(run.messages, 'customers').length).toBeLessThan(20_000);
  expect(statusesOf(run.messages, 'customers').at(-1)).toBe('INCOMPLETE');
  // Read alongside customers, taxes (one page) may not have started, may have completed before the signal, or may have
  // been in flight at it: then it is interrupted too, with its own error, never left without an end.
  const taxes = statusesOf(run.messages, 'taxes');
  expect([[], ['STARTED', 'RUNNING', 'COMPLETE'], ['STARTED', 'INCOMPLETE'], ['STARTED', 'RUNNING', 'INCOMPLETE']]).toContainEqual(taxes);
  const interrupted = taxes.at(-1) === 'INCOMPLETE' ? ['customers', 'taxes'] : ['customers'];
  const errors = tracesOf(run.messages, 'ERROR');
  expect(errors.map((trace) => trace.error.stream_descriptor?.name).sort()).toEqual(interrupted);
  for (const error of errors) {
    expect(error.error.failure_type).toBe('transient_error');
    expect(error.error.message).toMatch(/Interrupted/);
  }
});

test('SIGTERM during a long rate-limit wait ends the wait at once', async () => {
  harness.lago.addFault({ path: '/api/v1/customers', status: 429, headers: { 'Retry-After': '3600' } });
  let signalledAt = 0;
  const run = await harness.read(['customers'], {
    // 1 s backoff base: a 429 may make it wait up to 60 s.
    env: { SOURCE_LAGO_RETRY_BASE_MS: '1000' },
    onStdoutLine: (line, child) => {
      if (!signalledAt && line.includes('RATE_LIMITED')) {
        signalledAt = Date.now();
        child.kill('SIGTERM');
      }
    },
  });
  expect(run.signal).toBe('SIGTERM');
  expect(Date.now() - signalledAt).toBeLessThan(3000);
  expect(run.protocolErrors).toEqual([]);
  expect(hasStackTrace(run.stderr)).toBe(false);
});

test('stdout closed by the reader (EPIPE): the connector stops fetching and exits quietly', async () => {
  let closedAt = -1;
  const run = await harness.read(['customers'], {
    onStdoutLine: (_line, child) => {
      if (closedAt >= 0) return;
      closedAt = harness.lago.requests.length;
      child.stdout!.destroy();
    },
  });
  await sleep(200);
  expect(run.signal).toBeNull();
  expect(run.code).toBe(1);
  expect(run.stderr).toBe('');
  // It noticed: the pages already in flight (max_concurrency), not the 200.
  expect(harness.lago.requests.length - closedAt).toBeLessThanOrEqual(20);
});

test('a slow reader: fetching pauses while stdout is full, memory stays bounded, nothing is lost', async () => {
  let pid = 0;
  const samples: Array<{ requests: number; rss: number }> = [];
  const run = await harness.read(['customers'], {
    timeoutMs: 120_000,
    onSpawn: (child) => {
      pid = child.pid!;
      child.stdout!.pause();
      void (async () => {
        for (let i = 0; i < 6; i += 1) {
          await sleep(500);
          samples.push({ requests: harness.lago.requests.length, rss: rssKb(connectorPid(pid)) });
        }
        child.stdout!.resume();
      })();
    },
  });
  expect(run.code).toBe(0);
  expectInvariants(run, ['customers']);
  expect(recordsOf(run.messages, 'customers')).toHaveLength(20_000);
  // While nobody reads, the connector holds what its concurrent fetches brought (max_concurrency
  // pages, default 8) instead of reading all 200 pages into memory.
  const paused = samples.slice(2);
  expect(paused.every((s) => s.requests === paused[0]!.requests)).toBe(true);
  expect(paused[0]!.requests).toBeLessThanOrEqual(20);
  expect(Math.max(...samples.map((s) => s.rss))).toBeLessThan(150 * 1024);
  expect(harness.apiRequests().length).toBe(200);
});
