/**
 * Progress a person can read: on a terminal, one line per stream, rewritten in place (records so
 * far / Lago's estimate, pages, rate); at the end, a summary. Platforms (stderr not a terminal) get
 * the summary only, as LOG messages. SOURCE_LAGO_PROGRESS=always|never overrides the detection.
 */
interface StreamProgress {
  name: string;
  startedAt: number;
  records: number;
  pages: number;
  estimate: number | undefined;
  skipped: number;
  outcome?: 'complete' | 'failed';
  seconds?: number;
}

const REDRAW_MS = 250;

export interface StreamTracker {
  estimate(rows: number): void;
  records(count: number): void;
  page(): void;
  skipped(count?: number): void;
  finish(outcome: 'complete' | 'failed'): void;
}

export class Progress {
  private readonly streams: StreamProgress[] = [];
  private readonly startedAt = Date.now();
  private lastDraw = 0;

  constructor(private readonly terminal: NodeJS.WritableStream | undefined) {}

  static forStderr(): Progress {
    const mode = process.env.SOURCE_LAGO_PROGRESS;
    const show = mode === 'always' || (mode !== 'never' && process.stderr.isTTY === true);
    return new Progress(show ? process.stderr : undefined);
  }

  /** A stream's progress; streams read at once each have their own. */
  start(name: string): StreamTracker {
    const stream: StreamProgress = { name, startedAt: Date.now(), records: 0, pages: 0, estimate: undefined, skipped: 0 };
    this.streams.push(stream);
    return {
      estimate: (rows) => void (stream.estimate = rows),
      records: (count) => void (stream.records += count),
      page: () => {
        stream.pages += 1;
        if (Date.now() - this.lastDraw >= REDRAW_MS) this.draw(stream, false);
      },
      skipped: (count = 1) => void (stream.skipped += count),
      finish: (outcome) => {
        stream.outcome = outcome;
        stream.seconds = (Date.now() - stream.startedAt) / 1000;
        this.draw(stream, true);
      },
    };
  }

  private line(stream: StreamProgress): string {
    const seconds = stream.seconds ?? (Date.now() - stream.startedAt) / 1000;
    const of = stream.estimate !== undefined ? ` / ~${thousands(stream.estimate)}` : '';
    const rate = seconds > 0 ? thousands(Math.round(stream.records / seconds)) : '–';
    const skipped = stream.skipped ? `, ${stream.skipped} skipped` : '';
    const status = stream.outcome ? ` ${stream.outcome}` : '';
    return `${stream.name}: ${thousands(stream.records)}${of} records, ${stream.pages} pages, ${seconds.toFixed(1)} s, ${rate}/s${skipped}${status}`;
  }

  private draw(stream: StreamProgress, final: boolean): void {
    this.lastDraw = Date.now();
    if (!this.terminal) return;
    this.terminal.write(`\r\x1b[2K${this.line(stream)}${final ? '\n' : ''}`);
  }

  /** The end-of-sync summary: one line per stream and a total; also printed on a terminal. */
  summary(retries: number): string[] {
    const seconds = (Date.now() - this.startedAt) / 1000;
    const records = this.streams.reduce((sum, s) => sum + s.records, 0);
    const failed = this.streams.filter((s) => s.outcome === 'failed').length;
    const skipped = this.streams.reduce((sum, s) => sum + s.skipped, 0);
    const lines = [
      ...this.streams.map((stream) => this.line(stream)),
      `Sync summary: ${thousands(records)} records from ${this.streams.length} stream(s) (${this.streams.length - failed} complete, ${failed} failed) in ${seconds.toFixed(1)} s; ${retries} retried request(s); ${skipped} skipped object(s).`,
    ];
    if (this.terminal) this.terminal.write(`${lines.at(-1)}\n`);
    return lines;
  }
}

/** 12345 → "12,345". Not toLocaleString: its first call loads ICU data, ~20 ms of a short read. */
export function thousands(count: number): string {
  return String(count).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
