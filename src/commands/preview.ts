import type { MessageWriter } from '../protocol/writer.js';
import { createClient, engineDeps } from '../runtime.js';
import { sampleRecords } from '../streams/engine.js';
import { arrayPaths } from '../streams/extract.js';
import { loadConfig, loadSource } from './load.js';

/** The "Test" button, for a person at a terminal: not protocol messages. */

const MASK = 'Authorization: Bearer ********';

/** Text commands keep stdout for their answer: warnings go to stderr, masked. */
const warnOnStderr = (writer: MessageWriter) => (message: string) => void process.stderr.write(`${writer.redact(`warning: ${message}`)}\n`);

export async function preview(args: { config: string; stream: string; limit: number }, writer: MessageWriter): Promise<number> {
  const { config, registry } = await loadSource(args.config, writer, warnOnStderr(writer));
  const definition = registry.get(args.stream);
  const requests: string[] = [];
  const client = createClient(config, { onRequest: (method, url) => requests.push(`${method} ${url}`) }, { maxRetries: 1 });
  const records = await sampleRecords(definition, engineDeps(client, config, registry), args.limit);
  const lines = [
    `Stream ${definition.name}: ${records.length} record(s) (limit ${args.limit}) from ${requests.length} request(s):`,
    ...requests.slice(0, 5).map((request) => `  ${request}`),
    ...(requests.length > 5 ? [`  … and ${requests.length - 5} more`] : []),
    `  ${MASK}`,
    '',
    ...records.flatMap((record, index) => [`--- record ${index + 1} ---`, JSON.stringify(record, null, 2)]),
    '',
  ];
  await writer.writeText(`${lines.join('\n')}\n`);
  return 0;
}

export async function suggestPaths(args: { config: string; url: string }, writer: MessageWriter): Promise<number> {
  const config = await loadConfig(args.config, writer, warnOnStderr(writer));
  const client = createClient(config, {}, { maxRetries: 1 });
  const [path = '', search = ''] = args.url.split(/\?(.*)/s, 2);
  const body = await client.get(path, Object.fromEntries(new URLSearchParams(search)));
  const found = arrayPaths(body);
  const lines = found.length
    ? [`Arrays of objects in the answer to GET ${args.url}, best first:`, ...found.map(({ path: jsonPath, length }) => `  ${jsonPath.padEnd(40)} ${length} item(s)`)]
    : [`No array of objects in the answer to GET ${args.url}.`];
  if (found.length) lines.push('', `Use one as records_path, e.g. "records_path": "${found[0]!.path}"`);
  await writer.writeText(`${lines.join('\n')}\n`);
  return 0;
}
