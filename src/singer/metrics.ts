import type { ResponseInfo } from '../lago/client.js';

/**
 * Singer metrics (Singer spec "Metrics", as singer_sdk/metrics.py writes them): stderr lines
 * `INFO METRIC: {"type":"counter","metric":"record_count","value":N,"tags":{…}}`, compact JSON. The line prefix is
 * this tap's log format, `LEVEL message` (singer-python's; singer-sdk's console format adds a time and logger name
 * before the same `METRIC: {…}`), so tools that look for `METRIC: ` and parse the JSON after it read both.
 */

/** singer-sdk's DEFAULT_LOG_INTERVAL: a counter logs what it counted when this much time has passed since its last line. */
export const METRIC_LOG_INTERVAL_MS = 60_000;

type Tags = Record<string, string | number>;

export interface MetricPoint {
  type: 'counter' | 'timer';
  metric: 'record_count' | 'http_request_duration' | 'sync_duration';
  value: number;
  tags: Tags;
}

export interface MetricsOptions {
  intervalMs?: number;
  /** Milliseconds, monotonic (tests pass a fake clock). */
  now?: () => number;
}

/** Seconds to the microsecond, as Python's timedelta.total_seconds() gives them. */
const seconds = (value: number): number => Math.round(value * 1e6) / 1e6;

export class Metrics {
  readonly intervalMs: number;
  readonly now: () => number;

  constructor(
    private readonly line: (text: string) => void,
    options: MetricsOptions = {},
  ) {
    this.intervalMs = options.intervalMs ?? METRIC_LOG_INTERVAL_MS;
    this.now = options.now ?? (() => performance.now());
  }

  emit(point: MetricPoint): void {
    this.line(`METRIC: ${JSON.stringify(point)}`);
  }

  /** singer_sdk.metrics.record_counter: tags stream and pid (every singer-sdk Meter adds the pid). */
  recordCounter(stream: string): RecordCounter {
    return new RecordCounter(this, { stream, pid: process.pid });
  }

  /** One line per HTTP answer, as RESTStream._write_request_duration_log: succeeded below HTTP 400, failed from it. */
  httpResponse(response: ResponseInfo): void {
    const tags: Tags = response.stream === undefined ? {} : { stream: response.stream };
    tags.endpoint = response.endpoint;
    tags.http_status_code = response.status;
    tags.status = response.status < 400 ? 'succeeded' : 'failed';
    this.emit({ type: 'timer', metric: 'http_request_duration', value: seconds(response.seconds), tags });
  }

  /** singer_sdk.metrics.sync_timer around one stream's sync. */
  syncTimer(stream: string): (ok: boolean) => void {
    const started = this.now();
    return (ok) => this.emit({ type: 'timer', metric: 'sync_duration', value: seconds((this.now() - started) / 1000), tags: { stream, pid: process.pid, status: ok ? 'succeeded' : 'failed' } });
  }
}

/**
 * singer-sdk's Counter: counts, and logs the count since its last line (then starts again from 0) when an increment
 * comes more than the interval after that line, and once more at the end. Checked once per page, not per record.
 */
export class RecordCounter {
  private value = 0;
  private last: number;

  constructor(
    private readonly metrics: Metrics,
    private readonly tags: Tags,
  ) {
    this.last = metrics.now();
  }

  increment(count: number): void {
    this.value += count;
    if (this.metrics.now() - this.last > this.metrics.intervalMs) this.flush();
  }

  flush(): void {
    this.metrics.emit({ type: 'counter', metric: 'record_count', value: this.value, tags: this.tags });
    this.value = 0;
    this.last = this.metrics.now();
  }
}
