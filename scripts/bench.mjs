// npm run bench: measures the connector against the bundled fake Lago server and prints the README's performance
// table. Not a test: it prints figures, each scenario with its ratio.
//   1. A full sync of every stream of a mid-size organization under Lago Cloud's rate limits, at 100 and 300 ms of
//      latency: wall time ÷ floor, requests sent ÷ needed, 429s. 2. An incremental re-sync right after.
//   3. CPU seconds (user+sys) per record against a raw fetch-parse-write client, 100k events and 100k customers,
//      0 ms latency, with peak RSS for both ways of starting the connector. 4. A slow reader's peak RSS.
// Options: --quick (smaller sizes), --only 1,3 (just those scenarios), --verbose (requests per stream).
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { FakeLago, LAGO_CLOUD_LIMITS } from '../dist-fake/index.js';

const quick = process.argv.includes('--quick');
const verbose = process.argv.includes('--verbose');
const onlyAt = process.argv.indexOf('--only');
const only = onlyAt === -1 ? undefined : new Set(process.argv[onlyAt + 1]?.split(',').map(Number));
const wanted = (scenario) => !only || only.has(scenario);
const PAGE = 100;
const dir = await mkdtemp(join(tmpdir(), 'source-lago-bench-'));
const fmt = (n, digits = 1) => (n === undefined || Number.isNaN(n) ? 'n/a' : n.toFixed(digits));
const int = (n) => Math.round(n).toLocaleString('en');

/**
 * Runs a command under /usr/bin/time, which reports the CPU seconds and the peak RSS of the whole process tree it
 * waited for (a relaunched child included); stdout is consumed, and parsed into messages only when `onMessage` is
 * given (counting records on the raw bytes otherwise, so the bench's own CPU stays small).
 */
async function measure(command, args, { throttle, onMessage } = {}) {
  const timeFile = join(dir, `time-${process.hrtime.bigint()}`);
  const started = process.hrtime.bigint();
  const child = spawn('/usr/bin/time', ['-f', '%U %S %M', '-o', timeFile, command, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  let records = 0;
  let last = '';
  if (onMessage) {
    for await (const line of createInterface({ input: child.stdout })) {
      const message = JSON.parse(line);
      if (message.type === 'RECORD') records += 1;
      onMessage(message);
      last = line;
    }
  } else {
    const RECORD_LINE = Buffer.from('\n{"type":"RECORD"');
    // The last bytes seen, so that a line start split across chunks is still found; it begins as the newline
    // before the first line.
    let tail = Buffer.from('\n');
    child.stdout.on('data', (chunk) => {
      const joined = Buffer.concat([tail, chunk]);
      for (let at = joined.indexOf(RECORD_LINE); at !== -1; at = joined.indexOf(RECORD_LINE, at + 1)) records += 1;
      tail = Buffer.from(joined.subarray(-(RECORD_LINE.length - 1)));
      last = (last + chunk.toString('utf8', Math.max(0, chunk.length - 2048))).slice(-2048);
      if (throttle) {
        // A slow reader: pause after each chunk, so that the pipe fills and the writer must wait.
        child.stdout.pause();
        setTimeout(() => child.stdout.resume(), throttle);
      }
    });
  }
  const code = await new Promise((resolve) => child.on('close', resolve));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const [user, sys, maxKb] = (await readFile(timeFile, 'utf8')).trim().split('\n').at(-1).split(' ').map(Number);
  return { seconds, cpu: user + sys, peak: maxKb / 1024, records, code, last: last.trimEnd().split('\n').at(-1) };
}

async function startFakeProcess(args) {
  const child = spawn(process.execPath, ['dist-fake/cli.js', ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  const line = await new Promise((resolve, reject) => {
    createInterface({ input: child.stdout }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`fake server exited with ${code}`)));
  });
  return { ...JSON.parse(line), stop: () => new Promise((resolve) => { child.once('exit', resolve); child.kill('SIGTERM'); }) };
}

const untilNextSecond = () => new Promise((resolve) => setTimeout(resolve, 1000 - (Date.now() % 1000)));

let runs = 0;
/** `source-lago read` as platforms run it: the bin (its shebang carries the V8 flags), or `node dist/main.js`. */
async function connectorRead({ url, apiKey }, catalog, { config = {}, state, viaNode = false, ...options } = {}) {
  runs += 1;
  const files = { config: join(dir, `config-${runs}.json`), catalog: join(dir, `catalog-${runs}.json`), state: join(dir, `state-${runs}.json`) };
  await writeFile(files.config, JSON.stringify({ api_key: apiKey, api_url: url, ...config }));
  await writeFile(files.catalog, JSON.stringify(catalog));
  const args = ['read', '--config', files.config, '--catalog', files.catalog];
  if (state) {
    await writeFile(files.state, JSON.stringify(state));
    args.push('--state', files.state);
  }
  const result = viaNode ? await measure(process.execPath, ['dist/main.js', ...args], options) : await measure('dist/main.js', args, options);
  if (result.code !== 0) throw new Error(`connector exited ${result.code}: ${result.last}`);
  return result;
}

const configuredStream = (stream, incremental = false) => ({
  stream: { name: stream.name, json_schema: {}, supported_sync_modes: stream.supported_sync_modes },
  sync_mode: incremental ? 'incremental' : 'full_refresh',
  destination_sync_mode: incremental ? 'append_dedup' : 'overwrite',
  ...(incremental ? { cursor_field: stream.default_cursor_field } : {}),
});
const oneStream = (name) => ({ streams: [configuredStream({ name, supported_sync_modes: ['full_refresh'] })] });

async function discoveredCatalog(lago) {
  const messages = [];
  const child = spawn('dist/main.js', ['discover', '--config', join(dir, 'discover.json')], { stdio: ['ignore', 'pipe', 'inherit'] });
  await writeFile(join(dir, 'discover.json'), JSON.stringify({ api_key: lago.apiKey, api_url: lago.url }));
  for await (const line of createInterface({ input: child.stdout })) messages.push(JSON.parse(line));
  const catalog = messages.find((m) => m.type === 'CATALOG')?.catalog;
  if (!catalog) throw new Error('discover printed no catalog');
  return { streams: catalog.streams.map((s) => configuredStream(s, s.supported_sync_modes.includes('incremental'))) };
}

// ---- the fewest requests a complete sync needs ---------------------------------------------------------------------

const pages = (n) => Math.max(1, Math.ceil(n / PAGE));

/**
 * From what the sync wrote: one request per page of each list (an empty list still takes one), per fan-out parent
 * page, and per page of each parent's children (at least one per parent); current usage in its own bucket.
 */
class NeededRequests {
  counts = new Map();
  activeSubscriptions = 0;
  subscriptions = new Set();
  periodsBySubscription = new Map();
  transactionsByWallet = new Map();
  wallets = 0;

  see(message) {
    if (message.type !== 'RECORD') return;
    const { stream, data } = message.record;
    this.counts.set(stream, (this.counts.get(stream) ?? 0) + 1);
    if (stream === 'subscriptions') {
      // Past usage is asked of every subscription in a status every Lago knows (templates.ts, usagePartitions).
      if (data.status !== 'incomplete') this.subscriptions.add(data.external_id);
      if (data.status === 'active') this.activeSubscriptions += 1;
    } else if (stream === 'customer_usage_past') {
      this.periodsBySubscription.set(data.external_subscription_id, (this.periodsBySubscription.get(data.external_subscription_id) ?? 0) + 1);
    } else if (stream === 'wallet_transactions') {
      this.transactionsByWallet.set(data.lago_wallet_id, (this.transactionsByWallet.get(data.lago_wallet_id) ?? 0) + 1);
    } else if (stream === 'wallets') {
      this.wallets += 1;
    }
  }

  /** `streams`: the names synced; `fullOnly`: skip the incremental streams' pages (a re-sync finds none new). */
  total(streams) {
    let api = 0;
    for (const name of streams) {
      if (name === 'customer_usage') api += pages(this.activeSubscriptions);
      else if (name === 'customer_usage_past') {
        api += pages(this.subscriptions.size);
        for (const id of this.subscriptions) api += pages(this.periodsBySubscription.get(id) ?? 0);
      } else if (name === 'wallet_transactions') {
        api += pages(this.wallets);
        // every wallet has its list read, whether or not it has transactions
        api += this.wallets - this.transactionsByWallet.size;
        for (const n of this.transactionsByWallet.values()) api += pages(n);
      } else if (name === 'billing_entities') api += 1;
      else api += pages(this.counts.get(name) ?? 0);
    }
    return { api, usage: streams.includes('customer_usage') ? this.activeSubscriptions : 0 };
  }
}

function sentRequests(lago, since) {
  const sent = lago.requests.slice(since).filter((r) => r.path.startsWith('/api/v1'));
  const usage = sent.filter((r) => r.path.endsWith('/current_usage'));
  return { api: sent.length - usage.length, usage: usage.length, refused: sent.filter((r) => r.status === 429).length, total: sent.length };
}

const rows = [];

// ---- 1 and 2: a mid-size organization under Lago Cloud's limits ----------------------------------------------------

const ORGANIZATION = quick
  ? { customers: 300, subscriptions: 400, invoices: 800, events: 8_000, fees: 1_500, credit_notes: 60, wallets: 60, wallet_transactions: 3, applied_coupons: 80, payments: 300, payment_requests: 40, plans: 12, billable_metrics: 10, coupons: 8, add_ons: 6, taxes: 5, billing_entities: 2, webhook_endpoints: 2 }
  : { customers: 1_500, subscriptions: 2_000, invoices: 5_000, events: 40_000, fees: 10_000, credit_notes: 400, wallets: 300, wallet_transactions: 3, applied_coupons: 600, payments: 2_500, payment_requests: 200, plans: 30, billable_metrics: 25, coupons: 20, add_ons: 15, taxes: 8, billing_entities: 3, webhook_endpoints: 3 };

for (const latency of wanted(1) || wanted(2) ? [100, 300] : []) {
  const lago = new FakeLago({ counts: ORGANIZATION, latencyMs: latency, rateLimits: LAGO_CLOUD_LIMITS, cacheReplies: true });
  await lago.start();
  const catalog = await discoveredCatalog(lago);
  const names = catalog.streams.map((s) => s.stream.name);
  const needed = new NeededRequests();
  // Airbyte keeps the last STATE of each stream and passes them all to the next sync.
  const lastStates = new Map();
  const since = lago.requests.length;
  // Rate-limit windows are per second: start on a fresh one, as a nightly sync would.
  await untilNextSecond();
  const full = await connectorRead(lago, catalog, {
    onMessage: (message) => {
      needed.see(message);
      if (message.type === 'STATE') lastStates.set(message.state.stream.stream_descriptor.name, message.state);
    },
  });
  const sent = sentRequests(lago, since);
  const need = needed.total(names);
  if (verbose) {
    const byPath = new Map();
    for (const r of lago.requests.slice(since)) {
      const key = r.path.replace(/\/customers\/[^/]+\//, '/customers/ID/').replace(/\/wallets\/[^/]+\//, '/wallets/ID/');
      byPath.set(key, (byPath.get(key) ?? 0) + 1);
    }
    for (const name of names) console.error(`${name}: needed ${needed.total([name]).api + needed.total([name]).usage}`);
    console.error([...byPath].map(([k, v]) => `${k} ${v}`).join('\n'));
  }
  // The two buckets are spent in parallel; each takes its requests ÷ its limit.
  const floor = Math.max(need.api / LAGO_CLOUD_LIMITS.perWindow, need.usage / LAGO_CLOUD_LIMITS.currentUsagePerWindow);
  if (wanted(1)) {
    rows.push([
      `1. full sync, all ${names.length} streams, ${latency} ms`,
      `${fmt(full.seconds, 1)} s`,
      `${fmt(full.peak)} MB`,
      `**${fmt(full.seconds / floor, 2)}× floor** (${int(need.api)} + ${int(need.usage)} usage requests needed: ${fmt(floor, 1)} s); requests ${fmt(sent.total / (need.api + need.usage), 3)}× needed (${int(sent.total)}); 429s: ${sent.refused} (${fmt((100 * sent.refused) / sent.total, 2)}%)`,
    ]);
  }
  if (wanted(2) && latency === 100) {
    const incremental = catalog.streams.filter((s) => s.sync_mode === 'incremental').map((s) => s.stream.name);
    const again = new NeededRequests();
    const sinceResync = lago.requests.length;
    await untilNextSecond();
    const resync = await connectorRead(lago, catalog, { state: [...lastStates.values()], onMessage: (message) => again.see(message) });
    const resent = sentRequests(lago, sinceResync);
    // Full-refresh streams are read whole again; an incremental stream needs the pages of what its cursor (less the
    // lookback window) leaves to read: at least one request.
    const fullRefresh = needed.total(names.filter((n) => !incremental.includes(n)));
    const neededTotal = fullRefresh.api + fullRefresh.usage + incremental.reduce((sum, name) => sum + pages(again.counts.get(name) ?? 0), 0);
    rows.push([
      `2. incremental re-sync right after, ${latency} ms`,
      `${fmt(resync.seconds, 1)} s`,
      `${fmt(resync.peak)} MB`,
      `requests **${fmt(resent.total / neededTotal, 3)}× needed** (${int(resent.total)} sent, ${int(neededTotal)} needed); 429s: ${resent.refused}; re-read in the lookback window: ${incremental.map((n) => `${n} ${int(again.counts.get(n) ?? 0)}`).join(', ')}`,
    ]);
  }
  await lago.stop();
}

// ---- 3: CPU per record against the raw fetch-parse-write client, 0 ms ----------------------------------------------

const CPU_SIZE = quick ? 20_000 : 100_000;
/** Rounds of each side: on a shared virtual machine a figure can be 25 % high in any one run; the best of five is steady. */
const CPU_ROUNDS = quick ? 3 : 5;
for (const stream of wanted(3) ? ['events', 'customers'] : []) {
  // The fake in a process of its own: its CPU is in neither figure.
  const fake = await startFakeProcess(['--count', `${stream}=${CPU_SIZE}`]);
  const rawClient = (path, ...flags) => measure(process.execPath, ['scripts/raw-client.mjs', fake.url, fake.apiKey, path, '8', ...flags]);
  const read = (viaNode) => connectorRead(fake, oneStream(stream), { config: { start_date: '2020-01-01' }, viaNode });
  // Warm the fake's lazily built pages and the page cache once, then alternate, keeping each side's best of five:
  // the machine is shared, and noise only ever adds CPU.
  await rawClient(`/${stream}`);
  const raw = [];
  const rawFetch = [];
  const bin = [];
  const viaNode = [];
  for (let round = 0; round < CPU_ROUNDS; round += 1) {
    raw.push(await rawClient(`/${stream}`));
    rawFetch.push(await rawClient(`/${stream}`, '--fetch'));
    bin.push(await read(false));
    viaNode.push(await read(true));
  }
  await fake.stop();
  const best = (runs) => runs.reduce((a, b) => (b.cpu < a.cpu ? b : a));
  for (const run of [...raw, ...rawFetch, ...bin, ...viaNode]) if (run.records !== CPU_SIZE) throw new Error(`${stream}: read ${run.records} of ${CPU_SIZE}`);
  const [r, f, c] = [best(raw), best(rawFetch), best(bin)];
  rows.push([
    `3. CPU, ${int(CPU_SIZE)} ${stream}, 0 ms`,
    `${fmt(c.seconds, 2)} s`,
    `${fmt(Math.max(...bin.map((x) => x.peak)))} MB bin, ${fmt(Math.max(...viaNode.map((x) => x.peak)))} MB node dist/main.js`,
    `**${fmt(c.cpu / f.cpu, 2)}× the raw client's CPU over fetch** (the reference the target was set against: ${fmt(c.cpu, 2)} s against ${fmt(f.cpu, 2)} s user+sys, best of ${CPU_ROUNDS}); **${fmt(c.cpu / r.cpu, 2)}× the same client over node:http** (${fmt(r.cpu, 2)} s, ${fmt(r.peak)} MB), the least CPU Node allows`,
  ]);
}

// ---- 4: a slow reader does not raise memory ------------------------------------------------------------------------

if (wanted(4)) {
  const size = quick ? 20_000 : 50_000;
  const fake = await startFakeProcess(['--count', `customers=${size}`]);
  const fast = await connectorRead(fake, oneStream('customers'));
  const slow = await connectorRead(fake, oneStream('customers'), { throttle: 2 });
  await fake.stop();
  rows.push([`4. slow reader, ${int(size)} customers`, `${fmt(slow.seconds, 2)} s`, `${fmt(slow.peak)} MB`, `the same read with a fast reader: ${fmt(fast.peak)} MB peak (${fmt((slow.peak / fast.peak - 1) * 100, 0)}%)`]);
}

await rm(dir, { recursive: true, force: true });
const header = ['scenario', 'wall time', 'peak RSS', 'ratio'];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
const line = (cells) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
console.log(line(header));
console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
for (const row of rows) console.log(line(row));
console.log(`\nOrganization: ${Object.entries(ORGANIZATION).map(([k, v]) => `${k} ${int(v)}`).join(', ')}. Node ${process.version}, ${cpus().length} cores.`);
