// Fault injection: a list of Fault rules matched against each request before routing and auth.
import type { Fault } from './types.js';

export interface ActiveFault {
  fault: Fault;
  remaining: number;
}

export class FaultList {
  private faults: ActiveFault[] = [];

  add(f: Fault): void {
    this.faults.push({ fault: f, remaining: f.times ?? Number.POSITIVE_INFINITY });
  }

  clear(): void {
    this.faults = [];
  }

  /** The first matching fault (its `times` is consumed), or undefined. */
  take(method: string, path: string, query: URLSearchParams): Fault | undefined {
    for (let k = 0; k < this.faults.length; k++) {
      const a = this.faults[k] as ActiveFault;
      const f = a.fault;
      if (a.remaining <= 0) continue;
      if (f.method && f.method.toUpperCase() !== method.toUpperCase()) continue;
      if (typeof f.path === 'string' ? f.path !== path : !matchRegExp(f.path, path)) continue;
      if (f.when && !f.when({ path, query })) continue;
      a.remaining--;
      if (a.remaining <= 0) this.faults.splice(k, 1);
      return f;
    }
    return undefined;
  }
}

function matchRegExp(re: RegExp, s: string): boolean {
  re.lastIndex = 0; // global / sticky regexps keep state between calls
  return re.test(s);
}

/** Does the fault replace the response (status or body), rather than only delay / decorate it? */
export function replacesResponse(f: Fault): boolean {
  return f.status !== undefined || f.body !== undefined;
}

const REASONS: Record<number, string> = {
  400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed',
  408: 'Request Timeout', 409: 'Conflict', 422: 'Unprocessable Entity', 429: 'Too Many Requests',
  500: 'Internal Server Error', 502: 'Bad Gateway', 503: 'Service Unavailable', 504: 'Gateway Timeout',
};

export function reason(status: number): string {
  return REASONS[status] ?? (status >= 500 ? 'Internal Server Error' : 'Error');
}

/** Lago-style error body for a status. */
export function defaultErrorBody(status: number): unknown {
  if (status === 429) return { status, error: 'Too Many Requests', code: 'too_many_requests' };
  return { status, error: reason(status) };
}

export const NOT_JSON_BODY =
  '<!DOCTYPE html>\n<html><head><title>Service unavailable</title></head><body><h1>Oops</h1><p>Something went wrong.</p></body></html>\n';
