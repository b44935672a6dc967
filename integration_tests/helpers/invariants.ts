import { ofType, recordsOf, tracesOf } from './cli.js';
import { SECRET_KEY, type CheckedRun } from './harness.js';

/** Primary key of a record as one string, per stream (as the connector declares them). */
export function recordKey(stream: string, record: Record<string, any>): string {
  if (stream === 'events') return `${record.external_subscription_id}|${record.transaction_id}`;
  if (stream === 'customer_usage') return `${record.external_subscription_id}|${record.from_datetime}`;
  // One period per invoice_subscription: a regenerated or progressive-billing invoice repeats a from_datetime.
  if (stream === 'customer_usage_past') return `${record.external_subscription_id}|${record.from_datetime}|${record.lago_invoice_id}`;
  return String(record.lago_id);
}

/** A raw Node stack trace ("    at fn (file:line)") in some output. */
export const hasStackTrace = (text: string) => /^\s+at .+[:(]/m.test(text);

/**
 * What must hold after any run, whatever went wrong: valid protocol lines, the key nowhere, no stack
 * trace on stderr, every record covered by a later state of its stream with exact counts, no record
 * twice within a stream, and an exit code that matches the presence of an ERROR trace.
 */
export function expectInvariants(run: CheckedRun, streams: string[]): void {
  expect(run.protocolErrors).toEqual([]);
  expect(run.leakedKey).toBe(false);
  expect(run.stdout.includes(SECRET_KEY) || run.stderr.includes(SECRET_KEY)).toBe(false);
  expect(hasStackTrace(run.stderr)).toBe(false);
  for (const stream of streams) {
    let pending = 0;
    for (const message of run.messages) {
      if (message.type === 'RECORD' && message.record.stream === stream) pending += 1;
      if (message.type === 'STATE' && message.state.stream?.stream_descriptor?.name === stream) {
        expect({ stream, counted: message.state.sourceStats.recordCount }).toEqual({ stream, counted: pending });
        pending = 0;
      }
    }
    expect({ stream, uncovered: pending }).toEqual({ stream, uncovered: 0 });
    const keys = recordsOf(run.messages, stream).map((record) => recordKey(stream, record));
    expect({ stream, duplicates: keys.length - new Set(keys).size }).toEqual({ stream, duplicates: 0 });
  }
  const failed = tracesOf(run.messages, 'ERROR').length > 0;
  expect({ code: run.code, failed }).toEqual({ code: failed ? 1 : 0, failed });
  expect(ofType(run.messages, 'STATE').every((m) => m.state.type === 'STREAM')).toBe(true);
}
