// The README's first quick-start command: start the bundled fake Lago server (sample data), run a
// real `read` of every stream through the built CLI, and show what came out.
// Usage: npm run demo [-- --out demo-output.jsonl]
import { spawn } from 'node:child_process';
import { createWriteStream, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { FakeLago } from '../dist-fake/index.js';

const outIndex = process.argv.indexOf('--out');
const outPath = outIndex > 0 ? process.argv[outIndex + 1] : 'demo-output.jsonl';

const lago = new FakeLago({ apiKey: 'demo-key' });
await lago.start();
const dir = await mkdtemp(join(tmpdir(), 'source-lago-demo-'));
const config = join(dir, 'config.json');
await writeFile(config, JSON.stringify({ api_key: 'demo-key', api_url: lago.url }));

console.log(`Fake Lago listening at ${lago.url}`);
console.log(`$ source-lago read --config ${config} --catalog integration_tests/configured_catalog.json\n`);

const child = spawn(process.execPath, ['dist/main.js', 'read', '--config', config, '--catalog', 'integration_tests/configured_catalog.json'], { stdio: ['ignore', 'pipe', 'inherit'] });
const out = createWriteStream(outPath);
const counts = new Map();
const samples = new Map();
const problems = [];
for await (const line of createInterface({ input: child.stdout })) {
  out.write(`${line}\n`);
  const message = JSON.parse(line);
  if (message.type === 'RECORD') {
    const { stream, data } = message.record;
    counts.set(stream, (counts.get(stream) ?? 0) + 1);
    if (!samples.has(stream)) samples.set(stream, data);
  } else if (message.type === 'TRACE' && message.trace.type === 'ERROR') {
    problems.push(message.trace.error.message);
  } else if (message.type === 'LOG' && message.log.level !== 'INFO') {
    problems.push(`${message.log.level}: ${message.log.message}`);
  }
}
const code = await new Promise((resolve) => child.on('close', resolve));
out.end();
await lago.stop();
await rm(dir, { recursive: true, force: true });

console.log('stream                 records');
console.log('---------------------  -------');
// In catalog order: the connector reads several streams at once, longest first, so they arrive interleaved.
const catalogOrder = JSON.parse(readFileSync('integration_tests/configured_catalog.json', 'utf8')).streams.map((s) => s.stream.name);
for (const stream of [...counts.keys()].sort((a, b) => catalogOrder.indexOf(a) - catalogOrder.indexOf(b))) console.log(`${stream.padEnd(21)}  ${String(counts.get(stream)).padStart(7)}`);
for (const stream of ['customers', 'invoices', 'customer_usage']) {
  if (samples.has(stream)) console.log(`\nFirst ${stream} record:\n${JSON.stringify(samples.get(stream), null, 2).split('\n').slice(0, 18).join('\n')}\n  …`);
}
for (const problem of problems) console.log(problem);
console.log(`\nAll ${[...counts.values()].reduce((a, b) => a + b, 0)} records and protocol messages are in ${outPath}. Connector exit code: ${code}.`);
process.exitCode = code;
