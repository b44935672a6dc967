import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { ROOT, parseLines } from './cli.js';
import { Harness, SECRET_KEY } from './harness.js';

/** The built Singer bin, and the clock the Singer tests run it with (SOURCE_LAGO_NOW). */
export const TAP = join(ROOT, 'dist', 'tap.js');
export const SINGER_NOW = '2026-11-21T00:00:00.000Z';

export interface BinRun {
  code: number | null;
  stdout: string;
  stderr: string;
  messages: any[];
}

/**
 * Runs a built bin (tap-lago, or source-lago for its `singer` command) as Meltano would, with short retry waits and
 * a fixed clock, killed after a minute; whatever the test, the API key must appear in neither output.
 */
export async function runBin(bin: string, args: string[], env: Record<string, string> = {}): Promise<BinRun> {
  const run = await new Promise<BinRun>((resolve, reject) => {
    const child = spawn(bin, args, { cwd: ROOT, env: { ...process.env, SOURCE_LAGO_RETRY_BASE_MS: '5', SOURCE_LAGO_NOW: SINGER_NOW, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, messages: parseLines(stdout) });
    });
  });
  expect(run.stdout.includes(SECRET_KEY) || run.stderr.includes(SECRET_KEY)).toBe(false);
  return run;
}

export const tap = (args: string[], env?: Record<string, string>): Promise<BinRun> => runBin(TAP, args, env);

/**
 * A test file's fake Lago (with `counts`) and the catalog tap-lago discovers from it with `config`, started once for
 * the file and handed to `ready`; each test begins with no requests recorded and no faults set.
 */
export function discoveredTap(counts: Record<string, number>, config: Record<string, unknown>, ready: (harness: Harness, catalog: any) => void): void {
  let harness: Harness;
  beforeAll(async () => {
    harness = await Harness.start({ counts });
    const run = await tap(['--config', await harness.configFile(config), '--discover']);
    expect(run.code).toBe(0);
    ready(harness, JSON.parse(run.stdout));
  });
  afterAll(() => harness.stop());
  beforeEach(() => {
    harness.lago.requests.length = 0;
    harness.lago.clearFaults();
  });
}
