import type { FailureType } from '../errors.js';

/** Builders for the Airbyte messages this source emits; each returns the full envelope. */

export type AirbyteMessage = Record<string, unknown> & { type: string };
export type StreamStatus = 'STARTED' | 'RUNNING' | 'COMPLETE' | 'INCOMPLETE';
export type LogLevel = 'FATAL' | 'ERROR' | 'WARN' | 'INFO' | 'DEBUG' | 'TRACE';

const now = (): number => Date.now();
const descriptor = (stream: string) => ({ name: stream });

/**
 * A page of RECORD messages as JSON lines, shaped like `{"type":"RECORD","record":{stream, data,
 * emitted_at}}`: the envelope is built once per page and each record stringified once (the hot path).
 */
export function recordLines(stream: string, records: readonly unknown[]): string {
  const head = `{"type":"RECORD","record":{"stream":${JSON.stringify(stream)},"data":`;
  const tail = `,"emitted_at":${now()}}}\n`;
  let lines = '';
  for (const record of records) lines += head + JSON.stringify(record) + tail;
  return lines;
}

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
