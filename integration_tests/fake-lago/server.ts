// The fake Lago HTTP server: routing, auth, latency, faults, request log.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { createContext, createDataset, resolveCounts, type Ctx } from './data.js';
import { FaultList, NOT_JSON_BODY, defaultErrorBody, replacesResponse } from './faults.js';
import { HEAD, NEWEST_RELEASE, atLeast, parseVersion, type LagoVersion } from './lago-version.js';
import { RateLimiter } from './rate-limit.js';
import { matchRoute, type RouteEnv } from './routes.js';
import { SERIALIZERS } from './serializers/index.js';
import { shapeAt, type Serializer } from './serializers/types.js';
import type { Fault, FakeDataset, FakeLagoOptions, LagoRecord, RecordedRequest, ResourceCounts } from './types.js';

const API_PREFIX = '/api/v1';

/** Root keys that are not their serializer's name. */
const ROOT_TO_SERIALIZER: Readonly<Record<string, string>> = { usage_periods: 'customer_usage_past' };

const sleep = (ms: number): Promise<void> => (ms > 0 ? new Promise((r) => setTimeout(r, ms)) : Promise.resolve());

interface Reply {
  status: number;
  body: string;
  contentType: string;
  headers: Record<string, string>;
}

function jsonReply(status: number, body: unknown, headers: Record<string, string> = {}): Reply {
  return { status, body: JSON.stringify(body), contentType: 'application/json; charset=utf-8', headers };
}

export class FakeLago {
  readonly apiKey: string;
  readonly seed: number;
  readonly counts: Readonly<ResourceCounts>;
  /** The data served; arrays may be mutated (or replaced) between requests. */
  readonly data: FakeDataset;
  readonly requests: RecordedRequest[] = [];
  latencyMs: number;
  readonly lagoVersion: LagoVersion;
  /** Whether GET /health answers (a proxy may hide it). */
  health: boolean;
  /** Resources (lago-api resource names, e.g. 'invoice') the API key may not read. */
  readonly readDenied: Set<string>;
  walletsOrgWide: boolean;
  perPageCap: number;
  /** Lago Cloud's limits, when set (FakeLagoOptions.rateLimits); its `refused` counts the 429s. */
  readonly rateLimiter: RateLimiter | undefined;
  /** See FakeLagoOptions.beforeReply; may be set or replaced while serving. */
  beforeReply: FakeLagoOptions['beforeReply'];

  private readonly ctx: Ctx;
  private readonly replyCache: Map<string, Reply> | undefined;
  private readonly faults = new FaultList();
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  private baseUrl: string | undefined;

  constructor(options: FakeLagoOptions = {}) {
    this.apiKey = options.apiKey ?? 'fake-lago-key';
    this.seed = options.seed ?? 1;
    this.counts = resolveCounts(options.counts);
    this.latencyMs = options.latencyMs ?? 0;
    this.lagoVersion = parseVersion(options.lagoVersion ?? HEAD);
    this.health = options.health ?? true;
    this.readDenied = new Set(options.readDenied ?? []);
    // Org-wide GET /wallets since v1.47.0 (app/queries/wallets_query.rb, commit 19b4f839e).
    this.walletsOrgWide = options.walletsOrgWide ?? atLeast(this.lagoVersion, '1.47.0');
    this.perPageCap = options.perPageCap ?? 100;
    this.replyCache = options.cacheReplies ? new Map() : undefined;
    this.beforeReply = options.beforeReply;
    this.rateLimiter = options.rateLimits ? new RateLimiter(options.rateLimits) : undefined;
    this.ctx = createContext(this.seed, { ...this.counts });
    this.data = createDataset(this.ctx);
  }

  /** 'http://127.0.0.1:<port>/api/v1' (throws before start()) */
  get url(): string {
    if (!this.baseUrl) throw new Error('FakeLago: not started');
    return this.baseUrl;
  }

  async start(port = 0): Promise<string> {
    if (this.baseUrl) return this.baseUrl;
    const server = createServer((req, res) => {
      this.handle(req, res).catch((err: unknown) => {
        if (!res.headersSent) {
          res.writeHead(500, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ status: 500, error: 'Internal Server Error', message: String(err) }));
        } else res.destroy();
      });
    });
    server.keepAliveTimeout = 5_000;
    server.on('connection', (s: Socket) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
    this.server = server;
    const addr = server.address();
    if (!addr || typeof addr === 'string') throw new Error('FakeLago: no TCP address');
    this.baseUrl = `http://127.0.0.1:${addr.port}${API_PREFIX}`;
    return this.baseUrl;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    this.baseUrl = undefined;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    for (const s of this.sockets) s.destroy();
    this.sockets.clear();
    await closed;
  }

  addFault(f: Fault): void {
    this.faults.add(f);
  }

  clearFaults(): void {
    this.faults.clear();
  }

  /** Requests whose path (without query) ends with `suffix`, e.g. fake.requestsTo('/invoices'). */
  requestsTo(suffix: string): RecordedRequest[] {
    return this.requests.filter((r) => r.path.endsWith(suffix));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = (req.method ?? 'GET').toUpperCase();
    const raw = req.url ?? '/';
    const qi = raw.indexOf('?');
    const path = qi === -1 ? raw : raw.slice(0, qi);
    const query = new URLSearchParams(qi === -1 ? '' : raw.slice(qi + 1));
    const headers: Record<string, string | undefined> = {};
    for (const [k, v] of Object.entries(req.headers)) headers[k] = Array.isArray(v) ? v.join(', ') : v;
    // drain any request body
    req.resume();

    const record = (status: number): void => {
      this.requests.push({ method, path, query, headers, status });
    };

    // Counted as the request arrives (the latency is the way there and back); /health is not the API.
    const admission = path.startsWith(API_PREFIX) ? this.rateLimiter?.admit(path) : undefined;
    const fault = admission?.allowed === false ? undefined : this.faults.take(method, path, query);
    await sleep(this.latencyMs + (fault?.delayMs ?? 0));

    if (fault?.resetConnection) {
      record(0);
      req.socket.destroy();
      return;
    }

    let reply: Reply;
    if (admission?.allowed === false) {
      reply = jsonReply(429, { status: 429, error: 'Too Many Requests', code: 'too_many_requests' });
    } else if (fault?.notJson) {
      reply = { status: fault.status ?? 200, body: NOT_JSON_BODY, contentType: 'text/html; charset=utf-8', headers: fault.headers ?? {} };
    } else if (fault && replacesResponse(fault)) {
      const status = fault.status ?? 500;
      reply = jsonReply(status, fault.body !== undefined ? fault.body : defaultErrorBody(status), fault.headers ?? {});
    } else {
      this.beforeReply?.({ method, path, query });
      reply = this.route(method, path, query, headers.authorization);
      if (fault?.headers) reply.headers = { ...reply.headers, ...fault.headers };
      if (fault?.meta !== undefined && reply.status === 200) reply = { ...reply, body: withMeta(reply.body, fault.meta) };
    }

    record(reply.status);
    res.writeHead(reply.status, {
      'content-type': reply.contentType,
      'content-length': String(Buffer.byteLength(reply.body, 'utf8')),
      ...admission?.headers,
      ...reply.headers,
    });
    if (fault?.stallBody) {
      // headers and half the body, then silence until the client gives up (or the server stops)
      const buf = Buffer.from(reply.body, 'utf8');
      res.write(buf.subarray(0, Math.floor(buf.length / 2)));
      return;
    }
    if (fault?.truncateBody) {
      const buf = Buffer.from(reply.body, 'utf8');
      res.write(buf.subarray(0, Math.floor(buf.length / 2)), () => {
        res.destroy();
        req.socket.destroy();
      });
      return;
    }
    // a string body is encoded once, straight into the socket (no intermediate Buffer copy)
    res.end(reply.body, 'utf8');
  }

  private route(method: string, path: string, query: URLSearchParams, authorization: string | undefined): Reply {
    if (path === '/health' && this.health) return jsonReply(200, { version: this.versionNumber(), github_url: 'https://github.com/getlago/lago-api', message: 'Success' });
    const found = path === API_PREFIX || path.startsWith(`${API_PREFIX}/`) ? matchRoute(path.slice(API_PREFIX.length) || '/') : undefined;
    // A route this release does not have falls to lago-api's catch-all (config/routes.rb `match "*unmatched"`,
    // ApplicationController#not_found): 404 resource_not_found, before authentication.
    const match = found && (found.since === undefined || atLeast(this.lagoVersion, found.since)) ? found : undefined;
    if (!match) return jsonReply(404, { status: 404, error: 'Not Found', code: 'resource_not_found' });
    if (!this.authorized(authorization)) return jsonReply(401, { status: 401, error: 'Unauthorized' });
    // Keys scoped per resource, v1.17.1+ (app/controllers/api/base_controller.rb#authorize, api_key.rb#permit?).
    if (this.readDenied.has(match.resource) && atLeast(this.lagoVersion, '1.17.1')) {
      return jsonReply(403, { status: 403, error: 'Forbidden', code: `read_action_not_allowed_for_${match.resource}` });
    }
    if (method !== 'GET' && method !== 'HEAD') {
      return jsonReply(405, { status: 405, error: 'Method Not Allowed', code: 'method_not_allowed' }, { allow: 'GET' });
    }
    const cacheKey = this.replyCache ? `${path}?${new URLSearchParams([...query].sort(([a], [b]) => a.localeCompare(b))).toString()}` : '';
    const cached = this.replyCache?.get(cacheKey);
    // Copies on the way in and out: a fault may swap a reply's headers for its own.
    if (cached) return { ...cached };
    const env: RouteEnv = { ctx: this.ctx, data: this.data, perPageCap: this.perPageCap, walletsOrgWide: this.walletsOrgWide, lagoVersion: this.lagoVersion };
    const out = match.handler(env, match.params, query);
    const reply = jsonReply(out.status, out.status === 200 ? this.asVersion(out.body) : out.body);
    if (reply.status === 200) this.replyCache?.set(cacheKey, { ...reply });
    return reply;
  }

  /** What GET /health says: LAGO_VERSION.number (application_controller.rb#health); HEAD reports the next release. */
  private versionNumber(): string {
    return this.lagoVersion === HEAD ? `v${NEWEST_RELEASE}-head` : `v${this.lagoVersion}`;
  }

  /** A list answer as this Lago version serializes it (records generated at HEAD lose later fields). */
  private asVersion(body: unknown): unknown {
    if (this.lagoVersion === HEAD || typeof body !== 'object' || body === null) return body;
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(body)) {
      const serializer: Serializer | undefined = (SERIALIZERS as Record<string, Serializer>)[ROOT_TO_SERIALIZER[key] ?? key];
      if (!serializer || key === 'meta') out[key] = value;
      else if (Array.isArray(value)) out[key] = value.map((r) => shapeAt(r as LagoRecord, serializer.fields, this.lagoVersion));
      else out[key] = shapeAt(value as LagoRecord, serializer.fields, this.lagoVersion);
    }
    return out;
  }

  private authorized(header: string | undefined): boolean {
    if (!header) return false;
    const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
    return m !== null && m[1] === this.apiKey;
  }
}

/** A JSON answer whose `meta` has some keys replaced, or is gone (null). */
function withMeta(body: string, meta: Record<string, unknown> | null): string {
  const parsed = JSON.parse(body) as Record<string, unknown>;
  if (meta === null) delete parsed.meta;
  else parsed.meta = { ...(parsed.meta as Record<string, unknown> | undefined), ...meta };
  return JSON.stringify(parsed);
}

export async function startFakeLago(options?: FakeLagoOptions): Promise<FakeLago> {
  const fake = new FakeLago(options);
  await fake.start();
  return fake;
}

