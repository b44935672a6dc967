/** Failures the connector reports as Airbyte TRACE ERRORs. `failure_type` tells the platform whether to retry. */
export type FailureType = 'config_error' | 'system_error' | 'transient_error';

export class ConnectorError extends Error {
  constructor(
    message: string,
    readonly failureType: FailureType,
    readonly internalMessage?: string,
  ) {
    super(message);
    this.name = 'ConnectorError';
  }
}

/** The user's input (config, catalog, state, key) is wrong: retrying will not help. */
export class ConfigError extends ConnectorError {
  constructor(message: string, internalMessage?: string) {
    super(message, 'config_error', internalMessage);
    this.name = 'ConfigError';
  }
}

/** Lago or the network failed in a way that may pass: the platform may retry the sync. */
export class TransientError extends ConnectorError {
  constructor(message: string, internalMessage?: string) {
    super(message, 'transient_error', internalMessage);
    this.name = 'TransientError';
  }
}

/**
 * The Lago host cannot be reached at all (refused connection, unknown name, TLS failure): a property of the host,
 * not of one request, so once one request has spent its retries the others fail at once.
 */
export class HostUnreachableError extends TransientError {
  constructor(message: string) {
    super(message);
    this.name = 'HostUnreachableError';
  }
}

export const isConnectorError = (error: unknown): error is ConnectorError => error instanceof ConnectorError;

/** Any thrown value as a ConnectorError; unknown failures are bugs, i.e. system errors. */
export function toConnectorError(error: unknown): ConnectorError {
  if (isConnectorError(error)) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new ConnectorError(`Unexpected error: ${message}`, 'system_error', error instanceof Error ? error.stack : undefined);
}
