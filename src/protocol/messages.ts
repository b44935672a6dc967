import type { FailureType } from '../errors.js';

/** Builders for the Airbyte messages this source emits; each returns the full envelope. */

export type AirbyteMessage = Record<string, unknown> & { type: string };
export type StreamStatus = 'STARTED' | 'RUNNING' | 'COMPLETE' | 'INCOMPLETE';
export type LogLevel = 'FATAL' | 'ERROR' | 'WARN' | 'INFO' | 'DEBUG' | 'TRACE';

const now = (): number => Date.now();
const descriptor = (stream: string) => ({ name: stream });

/**
 * A page of RECORD messages as JSON lines in UTF-8, shaped like `{"type":"RECORD","record":{stream, data,
 * emitted_at}}`: the envelope is built once per page and each record stringified once (the hot path).
 */
export function recordBytes(stream: string, records: readonly unknown[]): Buffer {
  const head = `{"type":"RECORD","record":{"stream":${JSON.stringify(stream)},"data":`;
  const tail = `,"emitted_at":${now()}}}\n`;
  return lineBytes(records.length, (index) => head + JSON.stringify(records[index]) + tail);
}

/** Where lines are encoded before being copied out at their exact size, off the JS heap. */
const SCRATCH_BYTES = 64 * 1024;
let scratch = Buffer.allocUnsafeSlow(SCRATCH_BYTES);
/** Past this, the scratch buffer goes back to its first size after the page that grew it: one huge page is no reason to hold its size. */
const MAX_KEPT_SCRATCH_BYTES = 1024 * 1024;

/**
 * `count` lines as one UTF-8 buffer, each line encoded as it is made. Never one string for the whole page: V8 keeps a
 * string that large in its old generation, and a page of large records (customers: ≈ 160 KB) made one at every page,
 * for the garbage collector to sweep; its bytes are also what stdout takes, and what masking scans (writer.ts).
 */
export function lineBytes(count: number, line: (index: number) => string): Buffer {
  let at = 0;
  // Lines are encoded a few kilobytes at a time: one encoding call per short line costs more than joining them.
  let pending = '';
  const encode = () => {
    // A UTF-16 code unit takes at most 3 bytes in UTF-8.
    const room = pending.length * 3;
    if (at + room > scratch.length) {
      const larger = Buffer.allocUnsafeSlow(Math.max(scratch.length * 2, at + room));
      scratch.copy(larger, 0, 0, at);
      scratch = larger;
    }
    at += scratch.write(pending, at, 'utf8');
    pending = '';
  };
  for (let index = 0; index < count; index += 1) {
    pending += line(index);
    if (pending.length >= ENCODE_CHARS) encode();
  }
  if (pending !== '') encode();
  const bytes = Buffer.allocUnsafe(at);
  scratch.copy(bytes, 0, 0, at);
  if (scratch.length > MAX_KEPT_SCRATCH_BYTES) scratch = Buffer.allocUnsafeSlow(SCRATCH_BYTES);
  return bytes;
}

/** Characters gathered before they are encoded: small enough to stay out of V8's large-object space. */
const ENCODE_CHARS = 16 * 1024;

export const streamStateMessage = (stream: string, streamState: unknown, recordCount: number): AirbyteMessage => ({
  type: 'STATE',
  state: {
    type: 'STREAM',
    stream: { stream_descriptor: descriptor(stream), stream_state: streamState },
    sourceStats: { recordCount },
  },
});

export const logMessage = (level: LogLevel, message: string): AirbyteMessage => ({ type: 'LOG', log: { level, message } });

export const streamStatusMessage = (stream: string, status: StreamStatus, rateLimitedUntil?: number): AirbyteMessage => ({
  type: 'TRACE',
  trace: {
    type: 'STREAM_STATUS',
    emitted_at: now(),
    stream_status: {
      stream_descriptor: descriptor(stream),
      status,
      ...(rateLimitedUntil === undefined ? {} : { reasons: [{ type: 'RATE_LIMITED', rate_limited: { quota_reset: rateLimitedUntil } }] }),
    },
  },
});

export const estimateMessage = (stream: string, rowEstimate: number): AirbyteMessage => ({
  type: 'TRACE',
  trace: { type: 'ESTIMATE', emitted_at: now(), estimate: { name: stream, type: 'STREAM', row_estimate: rowEstimate } },
});

export const errorTraceMessage = (
  message: string,
  failureType: FailureType,
  options: { stream?: string; internalMessage?: string | undefined } = {},
): AirbyteMessage => ({
  type: 'TRACE',
  trace: {
    type: 'ERROR',
    emitted_at: now(),
    error: {
      message,
      failure_type: failureType,
      ...(options.internalMessage ? { internal_message: options.internalMessage } : {}),
      ...(options.stream ? { stream_descriptor: descriptor(options.stream) } : {}),
    },
  },
});

export const connectionStatusMessage = (status: 'SUCCEEDED' | 'FAILED', message?: string): AirbyteMessage => ({
  type: 'CONNECTION_STATUS',
  connectionStatus: { status, ...(message ? { message } : {}) },
});

export const specMessage = (spec: Record<string, unknown>): AirbyteMessage => ({ type: 'SPEC', spec });

export const catalogMessage = (streams: unknown[]): AirbyteMessage => ({ type: 'CATALOG', catalog: { streams } });
