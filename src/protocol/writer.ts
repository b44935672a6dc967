import type { Writable } from 'node:stream';
import type { AirbyteMessage } from './messages.js';

const REDACTED = '**********';

/**
 * The one way out to stdout: one JSON message per line, awaiting 'drain' when the pipe is full so a
 * slow reader pauses the read instead of queueing without bound. Known secrets are masked in every
 * line, whatever message they slipped into.
 */
export class MessageWriter {
  private secrets: string[] = [];
  private closed = false;

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

  get isClosed(): boolean {
    return this.closed;
  }

  redact(text: string): string {
    let result = text;
    for (const secret of this.secrets) if (result.includes(secret)) result = result.split(secret).join(REDACTED);
    return result;
  }

  /** Human-readable output (preview, suggest-paths): masked like protocol messages. */
  async writeText(text: string): Promise<void> {
    if (this.closed) return;
    if (!this.out.write(this.redact(text))) await this.drained();
  }

  async write(message: AirbyteMessage): Promise<void> {
    if (this.closed) return;
    const line = `${this.redact(JSON.stringify(message))}\n`;
    if (!this.out.write(line)) await this.drained();
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
