import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Runs the BUILT connector (dist/main.js) as a user or a platform would, capturing everything. */

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const MAIN = join(ROOT, 'dist', 'main.js');

/**
 * The process that runs the connector: `node dist/main.js` without the V8 heap flags relaunches itself
 * with them (src/heap-flags.ts) and stands in for that child, which is then the one to measure.
 */
export function connectorPid(pid: number): number {
  try {
    const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
    return children.length === 1 ? children[0]! : pid;
  } catch {
    return pid;
  }
}

export interface CliRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** Every stdout line parsed as JSON (a test fails elsewhere if a line is not JSON). */
  messages: any[];
}

export interface RunOptions {
  env?: Record<string, string>;
  timeoutMs?: number;
  /** Called with the child once spawned (to send signals, read incrementally…). */
  onSpawn?: (child: import('node:child_process').ChildProcess) => void;
  onStdoutLine?: (line: string, child: import('node:child_process').ChildProcess) => void;
}

export function parseLines(stdout: string): any[] {
  return stdout
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      try {
        return JSON.parse(line);
      } catch {
        return { __unparsable: line };
      }
    });
}

export function runConnector(args: string[], options: RunOptions = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [MAIN, ...args], {
      cwd: ROOT,
      env: { ...process.env, SOURCE_LAGO_RETRY_BASE_MS: '5', ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let pending = '';
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      stdout += chunk;
      if (!options.onStdoutLine) return;
      pending += chunk;
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) if (line) options.onStdoutLine(line, child);
    });
    child.stderr.on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`connector ${args.join(' ')} did not finish within ${options.timeoutMs ?? 60000} ms\n${stderr}`));
    }, options.timeoutMs ?? 60000);
    options.onSpawn?.(child);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr, messages: parseLines(stdout) });
    });
  });
}

export interface TempFiles {
  dir: string;
  write(name: string, value: unknown): Promise<string>;
  cleanup(): Promise<void>;
}

export async function tempFiles(): Promise<TempFiles> {
  const dir = await mkdtemp(join(tmpdir(), 'source-lago-test-'));
  return {
    dir,
    async write(name, value) {
      const path = join(dir, name);
      await writeFile(path, typeof value === 'string' ? value : JSON.stringify(value));
      return path;
    },
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
}

export const ofType = (messages: any[], type: string) => messages.filter((message) => message.type === type);
export const recordsOf = (messages: any[], stream: string) => ofType(messages, 'RECORD').filter((m) => m.record.stream === stream).map((m) => m.record.data);
export const tracesOf = (messages: any[], traceType: string) => ofType(messages, 'TRACE').filter((m) => m.trace.type === traceType).map((m) => m.trace);
export const statesOf = (messages: any[], stream: string) => ofType(messages, 'STATE').filter((m) => m.state.stream?.stream_descriptor?.name === stream).map((m) => m.state);
export const statusesOf = (messages: any[], stream: string) =>
  tracesOf(messages, 'STREAM_STATUS').filter((t) => t.stream_status.stream_descriptor.name === stream).map((t) => t.stream_status.status);

export function catalogFor(streams: string[], syncMode: 'full_refresh' | 'incremental' = 'full_refresh') {
  return {
    streams: streams.map((name) => ({
      stream: { name, json_schema: {}, supported_sync_modes: ['full_refresh'] },
      sync_mode: syncMode,
      destination_sync_mode: syncMode === 'incremental' ? 'append' : 'overwrite',
    })),
  };
}
