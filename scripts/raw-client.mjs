// The least any Airbyte source must do, as the bench's reference: fetch a Lago list's pages (the same page size and
// concurrency as the connector), JSON.parse each, and write every record to stdout as an Airbyte RECORD line
// (one write per page, waiting for the pipe when it is full). Nothing else: no validation, dedupe or state.
// Usage: node scripts/raw-client.mjs BASE_URL API_KEY PATH CONCURRENCY [PAGE_SIZE]
const [baseUrl, apiKey, path, concurrencyArg, pageSizeArg] = process.argv.slice(2);
const concurrency = Number(concurrencyArg ?? 8);
const pageSize = Number(pageSizeArg ?? 100);
const root = path.replace(/^\//, '').split('?')[0];
const headers = { authorization: `Bearer ${apiKey}` };

async function page(number) {
  const response = await fetch(`${baseUrl}${path}${path.includes('?') ? '&' : '?'}page=${number}&per_page=${pageSize}`, { headers });
  return response.json();
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
