import { parseConfig } from '../src/config.js';
import { FakeLago } from './fake-lago/index.js';
import { catalogFor, ofType, tracesOf } from './helpers/cli.js';
import { Harness, SECRET_KEY, type CheckedRun } from './helpers/harness.js';
import { hasStackTrace } from './helpers/invariants.js';
import { tap } from './helpers/tap.js';

/**
 * The API key stays secret: never printed (stdout, stderr, logs, traces, error messages), even when
 * Lago or the config echo it, and never sent anywhere but the configured Lago host. Every run in
 * faults.test.ts and bad-input.test.ts also asserts the key is absent from all output.
 */

let harness: Harness;
let other: FakeLago;
beforeAll(async () => {
  harness = await Harness.start();
  // Another origin (another port): where a redirect points.
  other = new FakeLago({ apiKey: SECRET_KEY });
  await other.start();
});
afterAll(async () => {
  await harness.stop();
  await other.stop();
});
beforeEach(() => {
  harness.lago.clearFaults();
  harness.lago.requests.length = 0;
  other.requests.length = 0;
});

const everything = (run: CheckedRun) => `${run.stdout}\n${run.stderr}`;
const expectNoKey = (run: CheckedRun, key = SECRET_KEY) => {
  expect(run.leakedKey).toBe(false);
  for (const form of [key, encodeURIComponent(key), JSON.stringify(key).slice(1, -1)]) expect(everything(run)).not.toContain(form);
  expect(hasStackTrace(run.stderr)).toBe(false);
};

test('a redirect to another host is not followed: the other host never sees the Authorization header', async () => {
  harness.lago.addFault({ path: '/api/v1/taxes', status: 302, headers: { location: `${other.url}/taxes` } });
  const run = await harness.read(['taxes', 'plans']);
  expectNoKey(run);
  expect(other.requests).toHaveLength(0);
  expect(other.requests.some((r) => r.headers.authorization)).toBe(false);
  const [error] = tracesOf(run.messages, 'ERROR');
  expect(error.error.failure_type).toBe('config_error');
  expect(error.error.message).toMatch(/redirect \(HTTP 302\) to http:\/\/127\.0\.0\.1:\d+\/api\/v1\/taxes.*redirects are not followed so the API key stays on the configured host/);
  expect(run.code).toBe(1);
});

test('a redirect is refused on check too, with the same explanation', async () => {
  harness.lago.addFault({ path: '/api/v1/customers', status: 301, headers: { location: `${other.url}/customers` } });
  const run = await harness.run(['check', '--config', await harness.configFile()]);
  expectNoKey(run);
  expect(other.requests).toHaveLength(0);
  expect(ofType(run.messages, 'CONNECTION_STATUS')[0].connectionStatus).toMatchObject({ status: 'FAILED', message: expect.stringMatching(/redirect \(HTTP 301\)/) });
});

test.each([
  ['a 401 body', 401, { status: 401, error: `Unauthorized: key ${SECRET_KEY} is revoked` }],
  ['a 422 error_details', 422, { status: 422, error: 'Unprocessable Entity', code: 'validation_errors', error_details: { api_key: SECRET_KEY } }],
  ['a 500 body', 500, { status: 500, error: `boom Bearer ${SECRET_KEY}` }],
  ['a 404 code', 404, { status: 404, error: 'Not Found', code: `token_${SECRET_KEY}_not_found` }],
])('Lago echoing the key in %s: masked in every message', async (_what, status, body) => {
  harness.lago.addFault({ path: '/api/v1/taxes', status, body });
  const run = await harness.read(['taxes'], { config: { max_retries: 0 } });
  expectNoKey(run);
  expect(run.code).toBe(1);
  expect(tracesOf(run.messages, 'ERROR')[0].error.message).toMatch(/\*{10}/);
});

test('a redirect whose Location carries the key: masked', async () => {
  harness.lago.addFault({ path: '/api/v1/taxes', status: 302, headers: { location: `${other.url}/taxes?api_key=${encodeURIComponent(SECRET_KEY)}` } });
  const run = await harness.read(['taxes']);
  expectNoKey(run);
});

test('the key inside the configured URL (a request that then fails): masked in the request it names', async () => {
  const url = harness.lago.url.replace('/api/v1', `/${SECRET_KEY}/api/v1`);
  const read = await harness.read(['taxes'], { config: { api_url: url } });
  expectNoKey(read);
  // Lago's catch-all answers every route there, /customers included: a wrong api_url, named masked.
  expect(tracesOf(read.messages, 'ERROR')[0].error.message).toMatch(/at http:\/\/127\.0\.0\.1:\d+\/\*{10}\/api\/v1 .*api_url is wrong/);
  const check = await harness.run(['check', '--config', await harness.configFile({ api_url: url })]);
  expectNoKey(check);
});

test('the key pasted into another config field: masked where the error echoes it', async () => {
  const run = await harness.read(['taxes'], { config: { api_url: `not a url ${SECRET_KEY}` } });
  expectNoKey(run);
  const bad = await harness.run(['check', '--config', await harness.configFile({ api_url: `http://${SECRET_KEY}` })]);
  expectNoKey(bad);
});

test('a key of the wrong type is never echoed', async () => {
  const run = await harness.read(['taxes'], { config: { api_key: [SECRET_KEY] } });
  expectNoKey(run);
  expect(tracesOf(run.messages, 'ERROR')[0].error.message).toMatch(/field api_key: .*expected string/);
});

test('a key with characters that JSON or URLs escape is masked in every form', async () => {
  const key = 'k3y/"with"+special&chars=é';
  const odd = await Harness.start({ apiKey: key });
  try {
    odd.lago.addFault({ path: '/api/v1/taxes', status: 401, body: { error: `bad ${key} / ${encodeURIComponent(key)}` } });
    const run = await odd.read(['taxes'], { config: { api_key: key, api_url: `${odd.lago.url.replace('/api/v1', `/${encodeURIComponent(key)}/api/v1`)}` } });
    expectNoKey(run, key);
    expect(run.code).toBe(1);
  } finally {
    await odd.stop();
  }
});

test('the key inside records Lago sends (a tax described with it, in the Airbyte and Singer modes): masked in the RECORD lines', async () => {
  const taxes = (harness.lago.data as unknown as { taxes: Array<Record<string, unknown>> }).taxes;
  const [first, second] = taxes;
  const saved = [first!.description, second!.name];
  first!.description = `pasted ${SECRET_KEY} here`;
  second!.name = SECRET_KEY;
  try {
    const config = await harness.configFile();
    const discovered = JSON.parse((await tap(['--config', config, '--discover'])).stdout) as { streams: Array<{ tap_stream_id: string; metadata: Array<{ breadcrumb: string[]; metadata: Record<string, unknown> }> }> };
    const streams = discovered.streams.filter((stream) => stream.tap_stream_id === 'taxes');
    for (const entry of streams[0]!.metadata) if (entry.breadcrumb.length === 0) entry.metadata.selected = true;
    const singer = await tap(['--config', config, '--catalog', await harness.files.write('singer-catalog.json', { streams })]);
    expect(singer.code).toBe(0);
    for (const run of [await harness.read(['taxes']), { ...singer, leakedKey: false }]) {
      expectNoKey(run as CheckedRun);
      expect(run.stdout).toContain('pasted ********** here');
      expect(run.stdout).toContain('"name":"**********"');
    }
  } finally {
    [first!.description, second!.name] = saved;
  }
});

test('the key is sent, as a bearer token, only to the configured host', async () => {
  const run = await harness.read(['taxes', 'customers']);
  expect(run.code).toBe(0);
  expectNoKey(run);
  expect(harness.apiRequests().length).toBeGreaterThan(0);
  expect(harness.apiRequests().every((r) => r.headers.authorization === `Bearer ${SECRET_KEY}`)).toBe(true);
  // The version probe needs no key and gets none.
  expect(harness.lago.requests.filter((r) => r.path === '/health').map((r) => r.headers.authorization)).toEqual([undefined]);
  expect(other.requests).toHaveLength(0);
});

test('https by default; plain http only when configured explicitly', async () => {
  expect(parseConfig({ api_key: 'k' }).baseUrl).toBe('https://api.getlago.com/api/v1');
  expect(parseConfig({ api_key: 'k', region: 'eu' }).baseUrl).toBe('https://api.eu.getlago.com/api/v1');
  expect(() => parseConfig({ api_key: 'k', api_url: 'lago.example.com' }, 'c.json')).toThrow(/api_url: expected an http\(s\) URL/);
  expect(parseConfig({ api_key: 'k', api_url: 'http://lago.internal:3000' }).baseUrl).toBe('http://lago.internal:3000/api/v1');
});

test('a plain-http api_url on a remote host is accepted with a WARN; the local test server is not warned about', async () => {
  const remote = await harness.run(['discover', '--config', await harness.configFile({ api_url: 'http://lago.internal.example:3000' })]);
  expect(remote.code).toBe(0);
  expectNoKey(remote);
  expect(ofType(remote.messages, 'LOG').some((m) => m.log.level === 'WARN' && /plain http: the API key travels unencrypted/.test(m.log.message))).toBe(true);
  const local = await harness.run(['discover', '--config', await harness.configFile()]);
  expect(ofType(local.messages, 'LOG').filter((m) => /plain http/.test(m.log.message))).toEqual([]);
});

test('usage errors and catalog errors do not print the key either', async () => {
  const config = await harness.configFile();
  const catalog = await harness.files.write('c.json', catalogFor(['nope']));
  for (const args of [['read', '--config', config, '--catalog', catalog], ['read', '--config', config], ['check', '--config', config, '--extra', SECRET_KEY.slice(0, 3)]]) {
    expectNoKey(await harness.run(args));
  }
});
