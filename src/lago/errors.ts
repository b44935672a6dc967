import { ConnectorError, type FailureType } from '../errors.js';

/** Lago's error body: {"status": 404, "error": "Not Found", "code": "customer_not_found", "error_details": {…}} */
export interface LagoErrorBody {
  status?: number;
  error?: string;
  code?: string;
  error_details?: unknown;
}

/**
 * The resource a scoped API key may not read: lago-api answers 403 `read_action_not_allowed_for_<resource>`
 * (app/controllers/api/base_controller.rb#authorize, app/models/api_key.rb#permit?, v1.17.1+), e.g. 'invoice'.
 */
export function scopedResource(body: LagoErrorBody): string | undefined {
  const match = /^read_action_not_allowed_for_([a-z_]+)$/.exec(body.code ?? '');
  return match?.[1]?.replace(/_/g, ' ');
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
  const resource = status === 403 ? scopedResource(body) : undefined;
  if (resource) {
    return `The API key has no read permission on ${resource}: HTTP 403${said} for ${request}. Give the key read access to ${resource} in Lago (Developers → API keys), or deselect the stream.`;
  }
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

  /**
   * The key itself was refused: every other request would be refused too, so the sync stops. A key scoped per
   * resource (403 read_action_not_allowed_for_<resource>) or a premium/store-only endpoint is refused for one stream.
   */
  get keyRefused(): boolean {
    if (this.status === 401) return true;
    return this.status === 403 && !['feature_unavailable', 'endpoint_not_available'].includes(this.body.code ?? '') && !scopedResource(this.body);
  }

  /** Lago's catch-all for a route it does not have (an older release): the endpoint, not an object, is missing. */
  get routeMissing(): boolean {
    return this.status === 404 && this.body.code === 'resource_not_found';
  }
}

export const isLagoHttpError = (error: unknown, ...statuses: number[]): error is LagoHttpError =>
  error instanceof LagoHttpError && (statuses.length === 0 || statuses.includes(error.status));

/** Statuses worth retrying: rate limiting and the gateway/server failures that pass. */
export const RETRIABLE_STATUSES = new Set([429, 500, 502, 503, 504]);
