import { FakeLago, type FakeLagoOptions } from '../fake-lago/index.js';
import { catalogFor, runConnector, tempFiles, type CliRun, type RunOptions, type TempFiles } from './cli.js';
import { parseProtocolOutput } from './protocol.js';

/** A key nobody could mistake: every run checks it never shows up in any output. */
export const SECRET_KEY = 'lago-SECRET-key-7f3a9c2e-do-not-print';

export interface CheckedRun extends CliRun {
  /** Protocol violations in stdout (empty when every line is a valid Airbyte message). */
  protocolErrors: string[];
  /** Whether the API key appeared in stdout or stderr. */
  leakedKey: boolean;
}

/** A fake Lago server plus temp files, and the connector CLI pointed at it. */
export class Harness {
  private constructor(
    readonly lago: FakeLago,
    readonly files: TempFiles,
  ) {}

  static async start(options: FakeLagoOptions = {}): Promise<Harness> {
    const lago = new FakeLago({ apiKey: SECRET_KEY, ...options });
    await lago.start();
    return new Harness(lago, await tempFiles());
  }

  async stop(): Promise<void> {
    await this.lago.stop();
    await this.files.cleanup();
  }

  config(extra: Record<string, unknown> = {}): Record<string, unknown> {
    return { api_key: SECRET_KEY, api_url: this.lago.url, ...extra };
  }

  async configFile(extra: Record<string, unknown> = {}): Promise<string> {
    return this.files.write(`config-${Math.random().toString(36).slice(2)}.json`, this.config(extra));
  }

  async run(args: string[], options: RunOptions = {}): Promise<CheckedRun> {
    const run = await runConnector(args, options);
    const { errors } = parseProtocolOutput(run.stdout);
    return { ...run, protocolErrors: errors, leakedKey: run.stdout.includes(SECRET_KEY) || run.stderr.includes(SECRET_KEY) };
  }

  async read(
    streams: string[],
    options: { config?: Record<string, unknown>; state?: unknown; syncMode?: 'full_refresh' | 'incremental' } & RunOptions = {},
  ): Promise<CheckedRun> {
    const config = await this.configFile(options.config);
    const catalog = await this.files.write(`catalog-${Math.random().toString(36).slice(2)}.json`, catalogFor(streams, options.syncMode));
    const args = ['read', '--config', config, '--catalog', catalog];
    if (options.state !== undefined) args.push('--state', await this.files.write(`state-${Math.random().toString(36).slice(2)}.json`, options.state));
    return this.run(args, options);
  }

  /** The fake server's records of a resource (mutable: tests add and remove records between syncs). */
  rows(name: string): Array<Record<string, any>> {
    return (this.lago.data as unknown as Record<string, Array<Record<string, any>>>)[name]!;
  }

  /** Requests to the API (below /api/v1): all but the unauthenticated version probe, GET /health. */
  apiRequests() {
    return this.lago.requests.filter((request) => request.path !== '/health');
  }

  /** Requests the fake server saw for a path (without /api/v1), e.g. '/invoices'. */
  requestsTo(path: string | RegExp) {
    return this.lago.requests.filter((request) => {
      const bare = request.path.replace(/^\/api\/v1/, '');
      return typeof path === 'string' ? bare === path : path.test(bare);
    });
  }
}

/**
 * One fake Lago for a whole test file: started before its tests, its request log and faults reset
 * before each test, stopped after them. Use `fake.current` inside tests.
 */
export function harnessPerFile(options: FakeLagoOptions = {}): { readonly current: Harness } {
  const holder = {} as { current: Harness };
  beforeAll(async () => {
    holder.current = await Harness.start(options);
  });
  afterAll(() => holder.current.stop());
  beforeEach(() => {
    holder.current.lago.requests.length = 0;
    holder.current.lago.clearFaults();
  });
  return holder;
}
