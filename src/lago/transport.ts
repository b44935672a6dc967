import * as http from 'node:http';

/**
 * One HTTP exchange with Lago, on node:http rather than fetch. fetch (undici's WHATWG layer: Request, Response,
 * Headers and web streams per call) cost ≈ 0.85 ms of CPU per 35 KB page here, node:http ≈ 0.35 ms: for a 100k-record
 * read that is half a second, more than everything else the connector does beyond fetching, parsing and writing.
 * What fetch did for us is done here: keep-alive connections, compressed bodies (gzip, deflate, br) decoded, and
 * redirects never followed (an answer is an answer, whatever its status).
 */

/** Header look-up by lower-case name, as fetch's Headers#get (several values joined with ", "). */
export interface HeaderSource {
  get(name: string): string | null;
}

export interface HttpAnswer {
  status: number;
  headers: HeaderSource;
  /** The body as sent, decompressed. */
  body: Buffer;
}

export interface HttpExchange {
  method: string;
  /** Lower-case names. */
  headers: Readonly<Record<string, string>>;
  body?: string | undefined;
  /** Ends the exchange, rejecting with the signal's reason. */
  signal: AbortSignal;
  /** Sending to having the whole body: past it, the exchange is cut and rejects with a TimeoutError. */
  timeoutMs: number;
}

/**
 * Idle connections are kept for the next request, and closed after 4 s idle, or a second before the server's own
 * `Keep-Alive: timeout` (Node's agent reads it only under a timeout of its own): a request must not go out on a
 * connection the server is closing (undici, behind fetch, did the same). They do not keep the process alive.
 */
const KEEP_ALIVE = { keepAlive: true, timeout: 4_000 };
const httpAgent = new http.Agent(KEEP_ALIVE);

/** node:https (and TLS, crypto) loaded at the first https request, zlib at the first compressed body: a start costs less. */
let secure: Promise<{ https: typeof import('node:https'); agent: import('node:https').Agent }> | undefined;
const loadHttps = () => (secure ??= import('node:https').then((https) => ({ https, agent: new https.Agent(KEEP_ALIVE) })));

/** What fetch asks for, and all node:zlib decodes. */
export const ACCEPT_ENCODING = 'gzip, deflate, br';

/** Where a request goes: its parsed URL (origin) and the path with the query to send. */
export interface Target {
  url: URL;
  path: string;
}

export async function exchange(target: Target, request: HttpExchange): Promise<HttpAnswer> {
  const { url } = target;
  const tls = url.protocol === 'https:' ? await loadHttps() : undefined;
  return new Promise<HttpAnswer>((resolve, reject) => {
    const { signal } = request;
    if (signal.aborted) return reject(signal.reason);
    let settled = false;
    let req: http.ClientRequest | undefined;
    const finish = (error: unknown, answer?: HttpAnswer) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      if (answer) resolve(answer);
      else reject(error);
    };
    const cut = (reason: unknown) => {
      req?.destroy();
      finish(reason);
    };
    const onAbort = () => cut(signal.reason);
    const timer = setTimeout(() => cut(new DOMException('request timeout', 'TimeoutError')), request.timeoutMs);
    signal.addEventListener('abort', onAbort, { once: true });
    const cutOff = () => finish(Object.assign(new Error('the body was cut off'), { code: 'ECONNRESET' }));

    try {
      // The parts of the URL given as they are, so that it is not parsed again per request (an IPv6 host without brackets).
      const hostname = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
      const options = { protocol: url.protocol, hostname, port: url.port, path: target.path, method: request.method, headers: request.headers };
      req = tls ? tls.https.request({ ...options, agent: tls.agent }) : http.request({ ...options, agent: httpAgent });
    } catch (error) {
      // An invalid header value or URL: nothing was sent, and asking again would not help.
      return finish(new RequestRefused((error as Error).message));
    }
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      let length = 0;
      res.on('data', (chunk: Buffer) => {
        chunks.push(chunk);
        length += chunk.length;
      });
      // A connection closed before the body's end: 'aborted' and an ECONNRESET error, or a 'close' without 'end'.
      res.on('error', (error) => finish(error));
      res.on('close', () => {
        if (!res.complete) cutOff();
      });
      res.on('end', () => {
        if (!res.complete) return cutOff();
        const raw = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, length);
        const answer = (body: Buffer) => finish(undefined, { status: res.statusCode ?? 0, headers: headerSource(res.headers), body });
        const encoding = res.headers['content-encoding'];
        if (encoding === undefined) answer(raw);
        else decode(raw, encoding).then(answer, (error: unknown) => finish(error));
      });
    });
    // A kept-alive connection the server closed meanwhile fails like any reset, and is retried like one (client.ts):
    // retrying it here, unseen, would hide a server that resets connections from the retry count and notices.
    req.on('error', (error) => finish(error));
    req.end(request.body);
  });
}

/** A request Node would not send (a header value it refuses, a malformed path): a mistake in what was asked. */
export class RequestRefused extends Error {}

function headerSource(headers: http.IncomingHttpHeaders): HeaderSource {
  return {
    get(name) {
      const value = headers[name];
      if (value === undefined) return null;
      return Array.isArray(value) ? value.join(', ') : value;
    },
  };
}

/** The body as sent under its Content-Encoding (codings applied in order, so undone last first). */
async function decode(body: Buffer, contentEncoding: string): Promise<Buffer> {
  if (body.length === 0) return body;
  let decoded = body;
  for (const coding of contentEncoding.toLowerCase().split(',').map((part) => part.trim()).reverse()) {
    if (coding === 'identity' || coding === '') continue;
    const undo = CODINGS[coding];
    if (!undo) throw encodingError(`a body in an encoding this connector does not read (Content-Encoding: ${contentEncoding})`);
    decoded = await undo(decoded).catch((error: Error) => {
      throw encodingError(`a body that does not decode as its Content-Encoding (${contentEncoding}) says: ${error.message}`);
    });
  }
  return decoded;
}

const zlib = () => import('node:zlib');
const CODINGS: Readonly<Record<string, (body: Buffer) => Promise<Buffer>>> = {
  gzip: async (body) => promised((await zlib()).gunzip, body),
  'x-gzip': async (body) => promised((await zlib()).gunzip, body),
  br: async (body) => promised((await zlib()).brotliDecompress, body),
  // "deflate" is meant to be zlib-wrapped, but some servers send it raw.
  deflate: async (body) => {
    const { inflate, inflateRaw } = await zlib();
    return promised(inflate, body).catch(() => promised(inflateRaw, body));
  },
};

/** Reported as a bad answer, and retried like one (client.ts). */
const encodingError = (message: string) => Object.assign(new Error(message), { code: 'ERR_CONTENT_ENCODING' });

function promised(method: (input: Buffer, callback: (error: Error | null, result: Buffer) => void) => void, input: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => method(input, (error, result) => (error ? reject(error) : resolve(result))));
}
