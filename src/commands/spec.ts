import { specMessage } from '../protocol/messages.js';
import type { MessageWriter } from '../protocol/writer.js';
import { connectorSpecification } from '../spec.js';

export async function spec(writer: MessageWriter): Promise<number> {
  await writer.write(specMessage(connectorSpecification()));
  return 0;
}
