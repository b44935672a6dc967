// The benchmark's floor: a minimal client that only fetches and parses a Lago list's pages, with
// the same per_page and concurrency as the connector, and does nothing with the records.
// Usage: node scripts/raw-client.mjs BASE_URL API_KEY PATH CONCURRENCY
const [baseUrl, apiKey, path, concurrencyArg] = process.argv.slice(2);
const concurrency = Number(concurrencyArg ?? 8);
const root = path.replace(/^\//, '').split('?')[0];
const headers = { authorization: `Bearer ${apiKey}` };

async function page(number) {
  const response = await fetch(`${baseUrl}${path}${path.includes('?') ? '&' : '?'}page=${number}&per_page=100`, { headers });
  const body = await response.json();
  return body;
}

const first = await page(1);
let records = first[root].length;
const total = first.meta.total_pages;
let next = 2;
async function worker() {
  while (next <= total) {
    const number = next++;
    const count = (await page(number))[root].length;
    records += count;
  }
}
await Promise.all(Array.from({ length: concurrency }, worker));
console.log(records);
