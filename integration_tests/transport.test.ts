import { readFileSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { brotliCompressSync, deflateRawSync, deflateSync, gzipSync } from 'node:zlib';
import { LagoClient } from '../src/lago/client.js';
import { ofType, runConnector, tempFiles, ROOT } from './helpers/cli.js';
import { SECRET_KEY } from './helpers/harness.js';

/**
 * What the client's HTTP layer (src/lago/transport.ts, on node:http) must do that fetch did: decode compressed
 * bodies, keep connections alive, speak TLS and refuse a certificate it cannot trust. Test servers here answer
 * a fixed list body; what Lago sends is the fake's business (fake-lago/), how it travels is this file's.
 */

const BODY = { taxes: [{ lago_id: 't1', code: 'vat', rate: 20 }], meta: { current_page: 1, next_page: null, total_pages: 1, total_count: 1 } };
const TEXT = JSON.stringify(BODY);

type Handler = (request: IncomingMessage, response: ServerResponse) => void;

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function withServer(handler: Handler, use: (url: string, server: Server) => Promise<void>): Promise<void> {
  const server = createHttpServer(handler);
  const host = await listen(server);
  try {
    await use(`http://${host}/api/v1`, server);
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
}

/** How many connections `server` has accepted so far. */
function connectionCount(server: Server): () => number {
  let connections = 0;
  server.on('connection', () => (connections += 1));
  return () => connections;
}

const client = (baseUrl: string, maxRetries = 0) =>
  new LagoClient({ baseUrl, apiKey: SECRET_KEY, timeoutMs: 5_000, retry: { maxRetries, baseDelayMs: 1, maxDelayMs: 2 }, maxRateLimitWaitMs: 1_000, maxConcurrency: 1 });

describe('compressed answers', () => {
  const encoders: Record<string, (text: string) => Buffer> = {
    gzip: (text) => gzipSync(text),
    br: (text) => brotliCompressSync(text),
    deflate: (text) => deflateSync(text),
  };
  test.each(Object.keys(encoders))('%s: asked for, decoded, parsed (and as bytes for a page read ahead)', async (coding) => {
    let asked: string | undefined;
    await withServer(
      (request, response) => {
        asked = request.headers['accept-encoding'];
        response.writeHead(200, { 'content-type': 'application/json', 'content-encoding': coding });
        response.end(encoders[coding]!(TEXT));
      },
      async (url) => {
        const lago = client(url);
        expect(await lago.get('/taxes', { page: 1 })).toEqual(BODY);
        expect(Buffer.from(await lago.requestBytes('/taxes', { page: 1 })).toString('utf8')).toBe(TEXT);
      },
    );
    expect(asked?.split(/,\s*/)).toContain(coding);
  });

  test('deflate sent raw (without its zlib wrapper), as some servers do, is read too', async () => {
    await withServer(
      (_request, response) => {
        response.writeHead(200, { 'content-encoding': 'deflate' });
        response.end(deflateRawSync(TEXT));
      },
      async (url) => expect(await client(url).get('/taxes')).toEqual(BODY),
    );
  });

  test('an encoding it cannot read, or a body that does not decode: retried, then a transient error that says which', async () => {
    let requests = 0;
    await withServer(
      (request, response) => {
        requests += 1;
        const zstd = request.url!.includes('zstd');
        response.writeHead(200, { 'content-encoding': zstd ? 'zstd' : 'gzip' });
        response.end(zstd ? 'whatever' : 'not gzip at all');
      },
      async (url) => {
        await expect(client(url, 2).get('/taxes', { zstd: true })).rejects.toThrow(/^Lago sent a body in an encoding this connector does not read \(Content-Encoding: zstd\) for GET \/api\/v1\/taxes\?zstd=true; tried 3 times, giving up\.$/);
        await expect(client(url, 0).get('/taxes')).rejects.toThrow(/^Lago sent a body that does not decode as its Content-Encoding \(gzip\) says: .+; tried 1 times, giving up\.$/);
      },
    );
    expect(requests).toBe(4);
  });
});

test('connections are kept alive: twenty requests one after another use one connection', async () => {
  await withServer(
    (_request, response) => response.end(TEXT),
    async (url, server) => {
      const connections = connectionCount(server);
      const lago = client(url);
      for (let page = 1; page <= 20; page += 1) expect(await lago.get('/taxes', { page })).toEqual(BODY);
      expect(connections()).toBe(1);
    },
  );
});

test('an idle connection is let go a second before the server\'s Keep-Alive timeout: the next request opens a new one', async () => {
  await withServer(
    (_request, response) => response.end(TEXT),
    async (url, server) => {
      // Node's server announces "Keep-Alive: timeout=2" and closes an idle connection after 2 s.
      server.keepAliveTimeout = 2_000;
      const connections = connectionCount(server);
      const lago = client(url);
      expect(await lago.get('/taxes')).toEqual(BODY);
      expect(await lago.get('/taxes')).toEqual(BODY);
      expect(connections()).toBe(1);
      // Past the hint less a second (1 s), before the server's own close (2 s): a connection being closed is not reused.
      await new Promise((resolve) => setTimeout(resolve, 1_400));
      expect(await lago.get('/taxes')).toEqual(BODY);
      expect(connections()).toBe(2);
    },
  );
});

test('a request Node will not send (a header value with a line break): a config error at once, nothing sent, no retry', async () => {
  let requests = 0;
  await withServer(
    (_request, response) => {
      requests += 1;
      response.end(TEXT);
    },
    async (url) => {
      const failure = client(url, 3).request('/taxes', {}, { headers: { 'x-note': 'a\r\nx-injected: 1' } });
      await expect(failure).rejects.toThrow(/^GET \/api\/v1\/taxes could not be sent: .+\. Check the stream's path and headers\.$/);
      await expect(failure).rejects.toMatchObject({ failureType: 'config_error' });
    },
  );
  expect(requests).toBe(0);
});

describe('TLS', () => {
  const certFile = join(ROOT, 'integration_tests/fixtures/tls/cert.pem');
  let url: string;
  let server: Server;
  const keys: Array<string | undefined> = [];
  beforeAll(async () => {
    server = createHttpsServer({ cert: readFileSync(certFile), key: readFileSync(join(ROOT, 'integration_tests/fixtures/tls/key.pem')) }, (request, response) => {
      keys.push(request.headers.authorization);
      response.writeHead(200, { 'content-type': 'application/json' });
      // /health says the version; every list answers one page (check only needs /customers to answer).
      response.end(request.url === '/health' ? JSON.stringify({ version: 'v1.20.0' }) : JSON.stringify({ customers: [], meta: { total_pages: 1, total_count: 0 } }));
    });
    url = `https://${await listen(server)}/api/v1`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const check = async (env: Record<string, string>) => {
    const files = await tempFiles();
    try {
      const config = await files.write('config.json', { api_key: SECRET_KEY, api_url: url });
      return await runConnector(['check', '--config', config], { env });
    } finally {
      await files.cleanup();
    }
  };

  test('a certificate nobody vouches for is refused, saying so, and the key is never sent', async () => {
    keys.length = 0;
    const run = await check({});
    const [status] = ofType(run.messages, 'CONNECTION_STATUS');
    expect(status.connectionStatus.status).toBe('FAILED');
    expect(status.connectionStatus.message).toMatch(/cannot be reached: The TLS connection to Lago failed \(DEPTH_ZERO_SELF_SIGNED_CERT\)/);
    expect(status.connectionStatus.message).toMatch(/point NODE_EXTRA_CA_CERTS at that authority's certificate/);
    expect(keys).toEqual([]);
    expect(`${run.stdout}${run.stderr}`).not.toContain(SECRET_KEY);
  });

  test('trusted through NODE_EXTRA_CA_CERTS: /health and the API are read over HTTPS, the key sent only there', async () => {
    keys.length = 0;
    const run = await check({ NODE_EXTRA_CA_CERTS: certFile });
    const [status] = ofType(run.messages, 'CONNECTION_STATUS');
    expect(status.connectionStatus).toMatchObject({ status: 'SUCCEEDED', message: expect.stringMatching(/^Connected to Lago v1\.20\.0\./) });
    // /health goes without the key; every API call carries it.
    expect(keys[0]).toBeUndefined();
    expect(keys.slice(1).length).toBeGreaterThan(0);
    for (const key of keys.slice(1)) expect(key).toBe(`Bearer ${SECRET_KEY}`);
  });
});
