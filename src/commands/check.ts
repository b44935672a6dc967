import { isConnectorError } from '../errors.js';
import { isLagoHttpError } from '../lago/errors.js';
import { connectionStatusMessage } from '../protocol/messages.js';
import type { MessageWriter } from '../protocol/writer.js';
import { createClient } from '../runtime.js';
import { loadConfig } from './load.js';

/**
 * One request with the key: SUCCEEDED, or FAILED saying what is wrong. Exit 0 either way, as the
 * protocol asks: a failed check is an answer, not a crash.
 */
export async function check(configPath: string, writer: MessageWriter): Promise<number> {
  try {
    const config = await loadConfig(configPath, writer);
    const client = createClient(config, {}, { maxRetries: 1 });
    await client.get('/customers', { page: 1, per_page: 1 });
    await writer.write(connectionStatusMessage('SUCCEEDED'));
  } catch (error) {
    await writer.write(connectionStatusMessage('FAILED', describeCheckFailure(error)));
  }
  return 0;
}

function describeCheckFailure(error: unknown): string {
  if (isLagoHttpError(error, 404)) return `${error.message} The base URL is probably wrong.`;
  if (isConnectorError(error)) return error.message;
  return `Unexpected error: ${(error as Error).message ?? String(error)}`;
}
