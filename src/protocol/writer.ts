import type { Writable } from 'node:stream';

const REDACTED = '**********';

/** Lines are gathered up to this size before one write to stdout (fewer, larger pipe writes). */
const BATCH_BYTES = 64 * 1024;

/**
 * Output the pipe has not taken yet, beyond which writing waits for the reader. Not the stream's
 * own mark (16 KiB on Node 20, 64 KiB on 22): a page's messages exceed it, so every page would wait
 * for the reader to be scheduled. 1 MiB still bounds memory.
 */
const MAX_UNWRITTEN_BYTES = 1024 * 1024;

/**
 * The one way out to stdout: one JSON message per line, waiting for 'drain' when more than
 * MAX_UNWRITTEN_BYTES are queued, so a slow reader pauses the read instead of queueing without
 * bound. Known secrets are masked in every line, whatever message they slipped into.
 */
export class MessageWriter {
  private secrets: string[] = [];
  private closed = false;
  /** Lines waiting for the next write: text, or bytes already masked (writeBytes). */
  private batch: Array<string | Buffer> = [];
  private batchSize = 0;
  private flushScheduled = false;
  /** The one wait for 'drain' in progress: every writer that must wait shares it (one set of listeners). */
  private waiting: Promise<void> | undefined;

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
      if (form.length >= 4 && !this.secrets.includes(form)) {
        this.secrets.push(form);
        this.secretBytes.push(Buffer.from(form, 'utf8'));
      }
    }
  }

  /** The secrets' forms in UTF-8: a page of bytes is searched as bytes, far faster than its text would be. */
  private secretBytes: Buffer[] = [];


  redact(text: string): string {
    let result = text;
    for (const secret of this.secrets) if (result.includes(secret)) result = result.split(secret).join(REDACTED);
    return result;
  }

  /** Human-readable output (preview, suggest-paths): masked like protocol messages. */
  async writeText(text: string): Promise<void> {
    await this.flush();
    if (this.closed) return;
    this.out.write(this.redact(text));
    return this.roomForMore();
  }

  /** Queues one message (see writeLines). */
  write(message: object): Promise<void> {
    return this.writeLines(`${JSON.stringify(message)}\n`);
  }

  /**
   * Queues complete JSON lines. Lines are written in batches: when 64 KiB have gathered, or as soon
   * as the current burst of work yields to the event loop, so a message never waits behind a
   * network request. Resolves at once, unless the reader is behind: then when it has caught up.
   */
  async writeLines(lines: string): Promise<void> {
    if (this.closed || lines === '') return;
    return this.queue(lines, lines.length);
  }

  /**
   * Writes complete lines given as UTF-8 bytes (a page of RECORDs, messages.ts lineBytes), after the lines queued
   * before them. Resolves as writeLines does.
   */
  writeBytes(bytes: Buffer): Promise<void> | undefined {
    if (this.closed || bytes.length === 0) return undefined;
    // Masked only when a secret is there (searched in the bytes): then as text, like every other line.
    const masked = this.secretBytes.some((secret) => bytes.includes(secret)) ? this.redact(bytes.toString('utf8')) : bytes;
    // A page too small for a write of its own (a fan-out child's one record) waits in the batch with other lines.
    if (bytes.length < BATCH_BYTES / 4) return this.queue(masked, bytes.length);
    this.writeQueued();
    this.out.write(masked);
    return this.roomForMore();
  }

  private queue(lines: string | Buffer, size: number): Promise<void> | undefined {
    this.batch.push(lines);
    this.batchSize += size;
    if (this.batchSize >= BATCH_BYTES) return this.flush();
    if (!this.flushScheduled) {
      this.flushScheduled = true;
      setImmediate(() => void this.flush());
    }
    return this.waiting;
  }

  /** Writes what is queued; resolves once the pipe has room again (or is gone). */
  async flush(): Promise<void> {
    this.flushScheduled = false;
    this.writeQueued();
    return this.roomForMore();
  }

  private writeQueued(): void {
    if (this.batch.length === 0 || this.closed) return;
    const pieces = this.batch;
    this.batch = [];
    this.batchSize = 0;
    // Text is masked per batch rather than per line: one scan of 64 KiB instead of hundreds of small ones. Bytes
    // were masked as they came.
    const text = pieces.every((piece) => typeof piece === 'string');
    this.out.write(text ? this.redact(pieces.join('')) : Buffer.concat(pieces.map((piece) => (typeof piece === 'string' ? Buffer.from(this.redact(piece)) : piece))));
  }

  /** Resolves once the reader has caught up, if more than MAX_UNWRITTEN_BYTES wait for it. */
  private roomForMore(): Promise<void> | undefined {
    // 'drain' only comes after a write() that returned false (writableNeedDrain): on a stream whose
    // own mark is above ours, wait from there instead.
    if (!this.closed && this.out.writableNeedDrain && this.out.writableLength > MAX_UNWRITTEN_BYTES) return this.drained();
    return this.waiting;
  }

  private drained(): Promise<void> {
    if (this.closed) return Promise.resolve();
    this.waiting ??= new Promise((resolve) => {
      const done = () => {
        this.out.off('drain', done);
        this.out.off('close', done);
        this.out.off('error', done);
        this.waiting = undefined;
        resolve();
      };
      this.out.once('drain', done);
      this.out.once('close', done);
      this.out.once('error', done);
    });
    return this.waiting;
  }
}
