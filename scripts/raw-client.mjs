// The least any Airbyte source must do, as the bench's reference: fetch a Lago list's pages (the same page size and
// concurrency as the connector), JSON.parse each, and write every record to stdout as an Airbyte RECORD line
// (one write per page, waiting for the pipe when it is full). Nothing else: no validation, dedupe or state.
// Over node:http with keep-alive, the cheapest way Node offers (the connector's own transport); with --fetch, over
// fetch, as this client was written until the connector left fetch (≈ 0.5 ms more CPU per page).
// Usage: node scripts/raw-client.mjs BASE_URL API_KEY PATH CONCURRENCY [PAGE_SIZE] [--fetch]
import { Agent, get } from 'node:http';

const viaFetch = process.argv.includes('--fetch');
const [baseUrl, apiKey, path, concurrencyArg, pageSizeArg] = process.argv.slice(2).filter((arg) => arg !== '--fetch');
const concurrency = Number(concurrencyArg ?? 8);
const pageSize = Number(pageSizeArg ?? 100);
const root = path.replace(/^\//, '').split('?')[0];
const agent = new Agent({ keepAlive: true });
const headers = { authorization: `Bearer ${apiKey}` };

function page(number) {
  const url = `${baseUrl}${path}${path.includes('?') ? '&' : '?'}page=${number}&per_page=${pageSize}`;
  if (viaFetch) return fetch(url, { headers }).then((response) => response.json());
  return new Promise((resolve, reject) => {
    get(url, { agent, headers }, (response) => {
      const chunks = [];
      response.on('data', (chunk) => chunks.push(chunk));
      response.on('end', () => resolve(JSON.parse(Buffer.concat(chunks).toString('utf8'))));
      response.on('error', reject);
    }).on('error', reject);
  });
}

function write(body) {
  const emittedAt = Date.now();
  let out = '';
  for (const data of body[root]) out += `${JSON.stringify({ type: 'RECORD', record: { stream: root, data, emitted_at: emittedAt } })}\n`;
  if (process.stdout.write(out)) return undefined;
  return new Promise((resolve) => process.stdout.once('drain', resolve));
}

const first = await page(1);
await write(first);
const total = first.meta.total_pages;
let next = 2;
async function worker() {
  while (next <= total) await write(await page(next++));
}
await Promise.all(Array.from({ length: concurrency }, worker));
