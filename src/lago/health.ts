import { LagoServer } from './capabilities.js';
import { decodeBody } from './client.js';
import { exchange } from './transport.js';

/** How long the version probe may take: it is a hint, never worth delaying a sync for. */
const HEALTH_TIMEOUT_MS = 5_000;

/** lago-api's GET /health sits at the root of the API host, beside /api/v1 (config/routes.rb). */
export function healthUrl(baseUrl: string): string {
  const url = new URL(baseUrl);
  url.pathname = `${url.pathname.replace(/\/+$/, '').replace(/\/api\/v1$/, '')}/health`;
  url.search = '';
  return url.toString();
}

/**
 * Asks the Lago at `baseUrl` its version. /health is unauthenticated, so the key is not sent; redirects are not
 * followed. Any failure (an old or proxied Lago, no network) gives LagoServer.unknown: the error codes decide then.
 */
export async function probeLago(baseUrl: string, signal?: AbortSignal): Promise<LagoServer> {
  try {
    const url = new URL(healthUrl(baseUrl));
    const response = await exchange({ url, path: `${url.pathname}${url.search}` }, {
      method: 'GET',
      headers: { accept: 'application/json', 'user-agent': 'source-lago' },
      signal: signal ?? new AbortController().signal,
      timeoutMs: HEALTH_TIMEOUT_MS,
    });
    if (response.status < 200 || response.status >= 300) return LagoServer.unknown;
    const body = JSON.parse(decodeBody(response.body)) as { version?: unknown };
    const server = new LagoServer(typeof body?.version === 'string' ? body.version.trim() : undefined);
    return server.known ? server : LagoServer.unknown;
  } catch {
    return LagoServer.unknown;
  }
}
