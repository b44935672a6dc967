import { PassThrough } from 'node:stream';
import { MessageWriter } from '../protocol/writer.js';
import type { AirbyteMessage } from '../protocol/messages.js';

export type Level = 'INFO' | 'WARN' | 'ERROR';

/** Singer taps log to stderr, one "LEVEL message" line each; the key is masked as on stdout. */
export class StderrLog {
  constructor(
    private readonly writer: MessageWriter,
    private readonly stderr: NodeJS.WritableStream,
  ) {}

  line(level: Level, message: string): void {
    this.stderr.write(`${level} ${this.writer.redact(message.replace(/\s*\n\s*/g, ' '))}\n`);
  }

  /**
   * A MessageWriter for code shared with the Airbyte mode that reports through Airbyte LOG messages
   * (e.g. discover's schema inference): in Singer mode those become stderr lines, never stdout.
   */
  asWriter(): MessageWriter {
    const log = this;
    return new (class extends MessageWriter {
      override async write(message: AirbyteMessage): Promise<void> {
        const payload = message.log as { level?: string; message?: string } | undefined;
        const level: Level = payload?.level === 'ERROR' || payload?.level === 'FATAL' ? 'ERROR' : payload?.level === 'WARN' ? 'WARN' : 'INFO';
        log.line(level, payload?.message ?? JSON.stringify(message));
      }
    })(new PassThrough());
  }
}
