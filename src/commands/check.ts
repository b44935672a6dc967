import { isConnectorError } from '../errors.js';
import type { LagoClient } from '../lago/client.js';
import { isLagoHttpError, scopedResource } from '../lago/errors.js';
import { probeLago } from '../lago/health.js';
import type { LagoServer } from '../lago/capabilities.js';
import { connectionStatusMessage } from '../protocol/messages.js';
import type { MessageWriter } from '../protocol/writer.js';
import { createClient } from '../runtime.js';
import type { StreamRegistry } from '../streams/registry.js';
import { TEMPLATE_STREAMS } from '../streams/templates.js';
import { loadSource } from './load.js';

/**
 * Validates the config as read does (custom streams, filters, dates), asks Lago its version and calls it with the
 * key: SUCCEEDED, or FAILED saying what is wrong. Exit 0 either way, as the protocol asks: a failed check is an
 * answer, not a crash.
 */
export async function check(configPath: string, writer: MessageWriter): Promise<number> {
  try {
    const { config, registry } = await loadSource(configPath, writer);
    const client = createClient(config, {}, { maxRetries: 1 });
    const lago = await probeLago(config.baseUrl);
    const refused = await unreadableStreams(client, lago, registry);
    const scope = refused.length ? ` The key may not read: ${refused.join(', ')} (scoped API key); those streams will fail until it may.` : '';
    await writer.write(connectionStatusMessage('SUCCEEDED', `Connected to ${lago.describe()}.${scope}`));
  } catch (error) {
    await writer.write(connectionStatusMessage('FAILED', describeCheckFailure(error)));
  }
  return 0;
}

/**
 * Calls Lago with the key, and names the built-in org-wide lists the key may not read: one one-record request each,
 * concurrently; where keys cannot be scoped (before Lago 1.17.1) only /customers. Whatever /customers answers
 * besides a scoped refusal (a refused key, a wrong URL, a host down) fails the check; the other lists' other
 * failures are left for read to report.
 */
async function unreadableStreams(client: LagoClient, lago: LagoServer, registry: StreamRegistry): Promise<string[]> {
  const scoped = lago.supports('scopedApiKeys') !== false;
  const lists = TEMPLATE_STREAMS.filter(
    (definition) => (scoped || definition.name === 'customers') && !definition.partitions && registry.has(definition.name) && lago.hasStream(definition.name) !== false,
  );
  const answers = await Promise.allSettled(lists.map((definition) => client.get(definition.path, definition.paginated ? { page: 1, per_page: 1 } : {})));
  const refused: string[] = [];
  for (const [index, answer] of answers.entries()) {
    if (answer.status === 'fulfilled') continue;
    const error: unknown = answer.reason;
    if (isLagoHttpError(error, 403) && scopedResource(error.body)) refused.push(lists[index]!.name);
    else if (lists[index]!.name === 'customers') throw error;
  }
  return refused;
}

function describeCheckFailure(error: unknown): string {
  if (isLagoHttpError(error, 404)) return `${error.message} The base URL is probably wrong.`;
  if (isConnectorError(error)) return error.message;
  return `Unexpected error: ${(error as Error).message ?? String(error)}`;
}
