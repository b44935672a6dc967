import { LagoClient } from '../src/lago/client.js';
import { Harness, SECRET_KEY } from './helpers/harness.js';

// The client against the fake Lago over real HTTP: what a request does while it waits for a slot.
let harness: Harness;
beforeAll(async () => {
  harness = await Harness.start({ counts: { customers: 5, plans: 3 } });
});
afterAll(() => harness.stop());

const client = () =>
  new LagoClient({ baseUrl: harness.lago.url, apiKey: SECRET_KEY, timeoutMs: 5_000, retry: { maxRetries: 0, baseDelayMs: 5, maxDelayMs: 10 }, maxRateLimitWaitMs: 1_000, maxConcurrency: 1 });

test('a request whose stream stopped while it waited for a slot is never sent', async () => {
  const lago = client();
  const before = harness.lago.requests.length;
  // One slot: the first request holds it for 150 ms (the fake's latency), the second waits behind it.
  harness.lago.latencyMs = 150;
  try {
    const stopped = new AbortController();
    const first = lago.get('/customers', { page: 1 });
    const second = lago.request('/plans', { page: 1 }, { signal: stopped.signal });
    setTimeout(() => stopped.abort(), 30);
    await expect(first).resolves.toBeDefined();
    await expect(second).rejects.toThrow(/Interrupted during GET \/api\/v1\/plans/);
  } finally {
    harness.lago.latencyMs = 0;
  }
  const paths = harness.lago.requests.slice(before).map((request) => request.path);
  expect(paths).toEqual(['/api/v1/customers']);
});

test('the control: a request that waited for its slot without being stopped is sent', async () => {
  const lago = client();
  const before = harness.lago.requests.length;
  harness.lago.latencyMs = 50;
  try {
    await Promise.all([lago.get('/customers', { page: 1 }), lago.get('/plans', { page: 1 })]);
  } finally {
    harness.lago.latencyMs = 0;
  }
  expect(harness.lago.requests.slice(before).map((request) => request.path).sort()).toEqual(['/api/v1/customers', '/api/v1/plans']);
});
