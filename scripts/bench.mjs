// npm run bench: measures the connector against the bundled fake Lago server and prints a table.
// Each scenario starts its own fake server process (dist-fake/cli.js), then runs the built CLI
// (dist/main.js) and, where it applies, a raw client (scripts/raw-client.mjs) on the same data.
// Peak RSS is the child's VmHWM from /proc (Linux). Options: --quick (smaller sizes), --only 2,3
// (just those scenarios).
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

const quick = process.argv.includes('--quick');
const onlyAt = process.argv.indexOf('--only');
const only = onlyAt === -1 ? undefined : new Set(process.argv[onlyAt + 1]?.split(',').map(Number));
const wanted = (scenario) => !only || only.has(scenario);
const CONCURRENCY = 8;
const dir = await mkdtemp(join(tmpdir(), 'source-lago-bench-'));

async function startFake(args) {
  const child = spawn(process.execPath, ['dist-fake/cli.js', ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  const line = await new Promise((resolve, reject) => {
    createInterface({ input: child.stdout }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`fake server exited with ${code}`)));
  });
  return { ...JSON.parse(line), stop: () => new Promise((resolve) => { child.once('exit', resolve); child.kill('SIGTERM'); }) };
}

async function peakRssMb(pid) {
  try {
    const status = await readFile(`/proc/${pid}/status`, 'utf8');
    const match = /VmHWM:\s+(\d+) kB/.exec(status);
    return match ? Number(match[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** Runs a command, consuming its stdout (optionally slowly), and returns wall time, peak RSS and lines. */
async function measure(command, args, { throttle } = {}) {
  const started = process.hrtime.bigint();
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  let peak = 0;
  let lines = 0;
  let records = 0;
  let last = Buffer.alloc(0);
  const poll = setInterval(async () => {
    const rss = await peakRssMb(child.pid);
    if (rss) peak = Math.max(peak, rss);
  }, 20);
  // Counted on the raw bytes, without decoding: the reader's CPU is taken from the same two cores,
  // and the raw client it is compared with has no reader at all.
  const NEWLINE = 0x0a;
  const RECORD_LINE = Buffer.from('\n{"type":"RECORD"');
  // The last bytes seen, so a line start split across chunks is still found; it begins as the
  // newline before the first line.
  let tail = Buffer.from('\n');
  child.stdout.on('data', (chunk) => {
    for (let at = chunk.indexOf(NEWLINE); at !== -1; at = chunk.indexOf(NEWLINE, at + 1)) lines += 1;
    const joined = Buffer.concat([tail, chunk]);
    for (let at = joined.indexOf(RECORD_LINE); at !== -1; at = joined.indexOf(RECORD_LINE, at + 1)) records += 1;
    tail = Buffer.from(joined.subarray(-(RECORD_LINE.length - 1)));
    last = chunk.length >= 4096 ? chunk.subarray(-4096) : Buffer.concat([last, chunk]).subarray(-4096);
    if (throttle) {
      // A slow reader: pause after each chunk, so the pipe fills and the writer must wait.
      child.stdout.pause();
      setTimeout(() => child.stdout.resume(), throttle);
    }
  });
  const code = await new Promise((resolve) => child.on('close', resolve));
  clearInterval(poll);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const lastLine = last.toString('utf8').trimEnd().split('\n').at(-1) ?? '';
  return { seconds, peak, lines, records, code, last: lastLine };
}

async function connectorRead(fake, stream, extra = {}, options = {}) {
  const config = join(dir, `config-${stream}.json`);
  const catalog = join(dir, `catalog-${stream}.json`);
  await writeFile(config, JSON.stringify({ api_key: fake.apiKey, api_url: fake.url, max_concurrency: CONCURRENCY, ...extra }));
  await writeFile(catalog, JSON.stringify({ streams: [{ stream: { name: stream, json_schema: {}, supported_sync_modes: ['full_refresh'] }, sync_mode: 'full_refresh', destination_sync_mode: 'overwrite' }] }));
  // The bin as platforms run it (its shebang carries the connector's V8 heap flags).
  const result = await measure('dist/main.js', ['read', '--config', config, '--catalog', catalog], options);
  if (result.code !== 0) throw new Error(`connector exited ${result.code}: ${result.last}`);
  return result;
}

const rows = [];
const fmt = (n, digits = 1) => (n === undefined ? 'n/a' : n.toFixed(digits));

// 1. Throughput with no added latency: connector vs raw client, customers.
const sizes = quick ? [10_000, 50_000] : [10_000, 100_000, 1_000_000];
const throughput = [];
for (const size of wanted(1) ? sizes : []) {
  const fake = await startFake(['--count', `customers=${size}`]);
  const raw = await measure(process.execPath, ['scripts/raw-client.mjs', fake.url, fake.apiKey, '/customers', String(CONCURRENCY)]);
  const connector = await connectorRead(fake, 'customers');
  await fake.stop();
  if (connector.records !== size) throw new Error(`connector read ${connector.records} of ${size} customers`);
  throughput.push({ size, connector, raw });
  rows.push([`1. throughput, ${size.toLocaleString('en')} customers, 0 ms`, `${fmt(connector.seconds, 2)} s`, `${Math.round(size / connector.seconds).toLocaleString('en')} rec/s`, `${fmt(connector.peak)} MB`, `raw client ${fmt(raw.seconds, 2)} s (${fmt(raw.peak)} MB) → ratio ${fmt(connector.seconds / raw.seconds, 2)}×`]);
}
const rssGrowth = throughput.length > 0 ? throughput.at(-1).connector.peak / throughput[0].connector.peak - 1 : undefined;

// 2. Latency-bound: 10k invoices, 50 ms per request.
if (wanted(2)) {
  // Pages come from the fake's reply cache, filled by an unmeasured first pass: the answer time is
  // then the 50 ms, not this one process building 280 KB pages one after another (a real Lago
  // answers concurrent requests on separate workers).
  const fake = await startFake(['--count', 'invoices=10000', '--latency', '50', '--cache-replies']);
  await measure(process.execPath, ['scripts/raw-client.mjs', fake.url, fake.apiKey, '/invoices', String(CONCURRENCY)]);
  const raw = await measure(process.execPath, ['scripts/raw-client.mjs', fake.url, fake.apiKey, '/invoices', String(CONCURRENCY)]);
  const connector = await connectorRead(fake, 'invoices', { start_date: '2020-01-01' });
  await fake.stop();
  const pages = Math.ceil(10_000 / 100);
  const floor = pages * 0.05;
  rows.push(['2. 10,000 invoices, 50 ms latency', `${fmt(connector.seconds, 2)} s`, `${Math.round(connector.records / connector.seconds).toLocaleString('en')} rec/s`, `${fmt(connector.peak)} MB`, `sequential floor ${pages} pages × 50 ms = ${fmt(floor, 2)} s → ${fmt(floor / connector.seconds, 1)}× faster; raw client ${fmt(raw.seconds, 2)} s`]);
}

// 3. Fan-out: current usage per active subscription, 50 ms per request.
if (wanted(3)) {
  const fake = await startFake(['--count', 'subscriptions=1000', '--count', 'customers=400', '--latency', '50', '--cache-replies']);
  await connectorRead(fake, 'customer_usage'); // fills the reply cache, as in scenario 2
  const subscriptions = await connectorRead(fake, 'subscriptions');
  const connector = await connectorRead(fake, 'customer_usage');
  await fake.stop();
  const requests = connector.records + Math.ceil(subscriptions.records / 100);
  const floor = requests * 0.05;
  rows.push([`3. customer_usage, ${connector.records} active of ${subscriptions.records} subscriptions, 50 ms`, `${fmt(connector.seconds, 2)} s`, `${fmt(connector.records / connector.seconds)} rec/s`, `${fmt(connector.peak)} MB`, `sequential ≥ ${requests} requests × 50 ms = ${fmt(floor, 2)} s → ${fmt(floor / connector.seconds, 1)}× faster`]);
}

// 4. Slow consumer: the same read, stdout drained slowly; peak RSS should not grow.
if (wanted(4)) {
  const size = quick ? 20_000 : 50_000;
  const fake = await startFake(['--count', `customers=${size}`]);
  const fast = await connectorRead(fake, 'customers');
  const slow = await connectorRead(fake, 'customers', {}, { throttle: 2 });
  await fake.stop();
  rows.push([`4. slow reader, ${size.toLocaleString('en')} customers`, `${fmt(slow.seconds, 2)} s`, `${Math.round(size / slow.seconds).toLocaleString('en')} rec/s`, `${fmt(slow.peak)} MB`, `same read with a fast reader: ${fmt(fast.peak)} MB peak (${fmt((slow.peak / fast.peak - 1) * 100, 0)}%)`]);
}

await rm(dir, { recursive: true, force: true });
const header = ['scenario', 'wall time', 'rate', 'peak RSS', 'reference'];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
const line = (cells) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
console.log(line(header));
console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
for (const row of rows) console.log(line(row));
const growth = rssGrowth === undefined ? '' : `Peak RSS growth from ${sizes[0].toLocaleString('en')} to ${sizes.at(-1).toLocaleString('en')} customers: ${fmt(rssGrowth * 100, 0)}%. `;
console.log(`\n${growth}Concurrency ${CONCURRENCY}. Node ${process.version}, ${(await import('node:os')).cpus().length} cores.`);
