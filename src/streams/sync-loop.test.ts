import { readingOrder } from './sync-loop.js';
import { TEMPLATE_STREAMS } from './templates.js';

test('reading order: the list read page after page first, then the fan-outs, then the rest in catalog order', () => {
  const order = readingOrder(TEMPLATE_STREAMS, (definition) => definition).map((definition) => definition.name);
  const keyset = TEMPLATE_STREAMS.filter((d) => d.pagination?.kind === 'keyset').map((d) => d.name);
  const fanOuts = TEMPLATE_STREAMS.filter((d) => d.pagination?.kind !== 'keyset' && d.partitions).map((d) => d.name);
  const rest = TEMPLATE_STREAMS.filter((d) => d.pagination?.kind !== 'keyset' && !d.partitions).map((d) => d.name);
  expect(keyset).toEqual(['fees']);
  expect(fanOuts).toEqual(expect.arrayContaining(['customer_usage', 'customer_usage_past', 'wallet_transactions']));
  expect(order).toEqual([...keyset, ...fanOuts, ...rest]);
  // Nothing is lost or repeated.
  expect([...order].sort()).toEqual(TEMPLATE_STREAMS.map((d) => d.name).sort());
});

test('reading order keeps the catalog order of streams of one kind', () => {
  const streams = ['plans', 'customers', 'taxes'].map((name) => TEMPLATE_STREAMS.find((d) => d.name === name)!);
  expect(readingOrder(streams, (definition) => definition).map((d) => d.name)).toEqual(['plans', 'customers', 'taxes']);
});
