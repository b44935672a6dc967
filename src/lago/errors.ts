import { ConnectorError, type FailureType } from '../errors.js';

/** Lago's error body: {"status": 404, "error": "Not Found", "code": "customer_not_found", "error_details": {…}} */
export interface LagoErrorBody {
  status?: number;
  error?: string;
  code?: string;
  error_details?: unknown;
}

function failureTypeFor(status: number): FailureType {
  if (status === 401 || status === 403 || status === 404 || status === 422) return 'config_error';
  if (status === 429 || status >= 500) return 'transient_error';
  return 'system_error';
}

function explain(status: number, request: string, body: LagoErrorBody): string {
  const detail = [body.error, body.code].filter(Boolean).join(', ');
  const said = detail ? ` (${detail})` : '';
  if (status === 401) return `Lago refused the API key: HTTP 401${said} for ${request}. Check api_key, and that it belongs to the Lago instance at api_url/region.`;
  if (status === 403 && body.code === 'feature_unavailable') return `Lago denied access: HTTP 403${said} for ${request}. The feature is not available on your Lago plan.`;
  if (status === 403) return `Lago refused the API key: HTTP 403${said} for ${request}. The key lacks permission; check api_key.`;
  if (status === 404 && body.code === 'resource_not_found') return `Lago has no such endpoint: HTTP 404${said} for ${request}. Check api_url (it should point at the Lago API, e.g. https://lago.example.com/api/v1) and your Lago version.`;
  if (status === 422) return `Lago rejected the request: HTTP 422${said} for ${request}${body.error_details ? `: ${JSON.stringify(body.error_details)}` : ''}. Check the filters in the config.`;
  return `Lago answered HTTP ${status}${said} for ${request}.`;
}

/** A non-2xx answer from Lago, after retries where they apply. */
export class LagoHttpError extends ConnectorError {
  constructor(
    readonly status: number,
    readonly request: string,
    readonly body: LagoErrorBody,
    attempts = 1,
  ) {
    super(explain(status, request, body) + (attempts > 1 ? ` Tried ${attempts} times.` : ''), failureTypeFor(status));
    this.name = 'LagoHttpError';
  }

  get code(): string | undefined {
    return this.body.code;
  }

  /** The key itself was refused: every other request would be refused too, so the sync stops. */
  get keyRefused(): boolean {
    return this.status === 401 || (this.status === 403 && this.body.code !== 'feature_unavailable');
  }
}

export const isLagoHttpError = (error: unknown, ...statuses: number[]): error is LagoHttpError =>
  error instanceof LagoHttpError && (statuses.length === 0 || statuses.includes(error.status));

/** Statuses worth retrying: rate limiting and the gateway/server failures that pass. */
export const RETRIABLE_STATUSES = new Set([429, 500, 502, 503, 504]);
