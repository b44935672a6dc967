import { Harness } from './helpers/harness.js';

/** Progress for people on a terminal, and the same summary as LOG messages for platforms. */

let harness: Harness;
beforeAll(async () => {
  harness = await Harness.start({ counts: { customers: 250 } });
});
afterAll(() => harness.stop());

const summaryLogs = (messages: any[]) => messages.filter((m) => m.type === 'LOG' && m.log.level === 'INFO').map((m) => m.log.message);

test('run by a platform (stderr not a terminal): no progress on stderr, the summary as INFO logs', async () => {
  const run = await harness.read(['customers', 'customer_usage']);
  expect(run.code).toBe(0);
  expect(run.stderr).toBe('');
  const logs = summaryLogs(run.messages);
  expect(logs).toContain(logs.find((line) => /^customers: 250 \/ ~250 records, 3 pages, [\d.]+ s, [\d,]+\/s complete$/.test(line)));
  expect(logs.some((line) => /^customer_usage: \d+ records, .* complete$/.test(line))).toBe(true);
  expect(logs.at(-1)).toMatch(/^Sync summary: [\d,]+ records from 2 stream\(s\) \(2 complete, 0 failed\) in [\d.]+ s; 0 retried request\(s\); 0 skipped object\(s\)\.$/);
});

test('on a terminal: a line per stream, rewritten in place, and the summary', async () => {
  harness.lago.addFault({ path: '/api/v1/customers', times: 1, status: 503 });
  try {
    const run = await harness.read(['customers', 'plans'], { env: { SOURCE_LAGO_PROGRESS: 'always' } });
    expect(run.code).toBe(0);
    const lines = run.stderr.split('\n').map((line) => line.replace(/^[^]*\r\x1b\[2K/, ''));
    expect(lines).toContain(lines.find((line) => /^customers: 250 \/ ~250 records, 3 pages, .* complete$/.test(line)));
    expect(lines.some((line) => /^plans: \d+ \/ ~\d+ records, 1 pages, .* complete$/.test(line))).toBe(true);
    expect(lines.some((line) => /^Sync summary: .* 1 retried request\(s\)/.test(line))).toBe(true);
    expect(run.leakedKey).toBe(false);
  } finally {
    harness.lago.clearFaults();
  }
});
