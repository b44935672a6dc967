import type { Writable } from 'node:stream';
const REDACTED = '**********';

/**
 * The one way out to stdout: one JSON message per line, awaiting 'drain' when the pipe is full so a
 * slow reader pauses the read instead of queueing without bound. Known secrets are masked in every
 * line, whatever message they slipped into.
 */
/** Lines are gathered up to this size before one write to stdout (fewer, larger pipe writes). */
const BATCH_BYTES = 64 * 1024;

export class MessageWriter {
  private secrets: string[] = [];
  private closed = false;
  private batch: string[] = [];
  private batchSize = 0;
  private flushScheduled = false;

  /**
   * `onClosed` runs once when stdout breaks (the reader went away: EPIPE): nothing more can be
   * delivered, so the caller stops fetching instead of reading Lago into the void.
   */
  constructor(
    private readonly out: Writable = process.stdout,
    private readonly onClosed?: () => void,
  ) {
    out.on('error', () => this.close());
    out.on('close', () => this.close());
  }

  private close(): void {
    if (this.closed) return;
    this.closed = true;
    this.onClosed?.();
  }

  /** Registers a value that must never be printed (the API key). */
  addSecret(secret: string): void {
    for (const form of new Set([secret, encodeURIComponent(secret), JSON.stringify(secret).slice(1, -1)])) {
      if (form.length >= 4 && !this.secrets.includes(form)) this.secrets.push(form);
    }
  }


  redact(text: string): string {
    let result = text;
    for (const secret of this.secrets) if (result.includes(secret)) result = result.split(secret).join(REDACTED);
    return result;
  }

  /** Human-readable output (preview, suggest-paths): masked like protocol messages. */
  async writeText(text: string): Promise<void> {
    await this.flush();
    if (this.closed) return;
    if (!this.out.write(this.redact(text))) await this.drained();
  }

  /** Queues one message (see writeLines). */
  write(message: object): Promise<void> {
    return this.writeLines(`${JSON.stringify(message)}\n`);
  }

  /**
   * Queues complete JSON lines. Lines are written in batches: when 64 KiB have gathered (awaiting
   * 'drain' if the pipe is full), or as soon as the current burst of work yields to the event loop,
   * so a message never waits behind a network request.
   */
  async writeLines(lines: string): Promise<void> {
    if (this.closed || lines === '') return;
    this.batch.push(lines);
    this.batchSize += lines.length;
    if (this.batchSize >= BATCH_BYTES) return this.flush();
    if (!this.flushScheduled) {
      this.flushScheduled = true;
      setImmediate(() => void this.flush());
    }
  }

  /** Writes what is queued; resolves once the pipe has taken it (or is gone). */
  async flush(): Promise<void> {
    this.flushScheduled = false;
    if (this.batch.length === 0 || this.closed) return;
    // Masked per batch rather than per line: one scan of 64 KiB instead of hundreds of small ones.
    const chunk = this.redact(this.batch.join(''));
    this.batch = [];
    this.batchSize = 0;
    if (!this.out.write(chunk)) await this.drained();
  }

  private drained(): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        this.out.off('drain', done);
        this.out.off('close', done);
        this.out.off('error', done);
        resolve();
      };
      this.out.once('drain', done);
      this.out.once('close', done);
      this.out.once('error', done);
    });
  }
}
