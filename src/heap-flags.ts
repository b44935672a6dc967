/**
 * V8 flags that keep the heap from growing with the volume read: without them V8 lets a long read's
 * garbage pile up (≈185 MB at 200k records), though what is live stays small. A 4 MB semi-space keeps
 * a long read's peak (≈113 MB at 1M records) near a short one's (≈105 MB); 8 MB reached ≈125 MB, for
 * ~3% less CPU. A 32 MB initial old space: V8 otherwise starts the old generation so small that a read whose live
 * heap is ≈10 MB runs a full mark-compact every ≈300 ms (5 in 100k events, 72 in 1M); with it, 1 and 33, ≈6% less
 * CPU, for ≈8 MB more peak RSS (64 MB reached 151 MB at 1M events).
 * They are in the bin's shebang and the Docker ENTRYPOINT; V8 reads them only when it starts
 * (v8.setFlagsFromString is too late for heap sizes), so a run started another way is relaunched.
 */
export const HEAP_FLAGS = ['--max-old-space-size=512', '--max-semi-space-size=4', '--initial-old-space-size=32'] as const;

/** Whether this process runs without the heap flags (given on the command line or in NODE_OPTIONS, the user's choice stands). */
export function heapFlagsMissing(execArgv: readonly string[] = process.execArgv, nodeOptions = process.env.NODE_OPTIONS ?? ''): boolean {
  const given = `${execArgv.join(' ')} ${nodeOptions}`;
  return !given.includes('--max-semi-space-size') && !given.includes('--max-old-space-size');
}

/**
 * Runs `entry` again in a node with the heap flags, this process standing in for it: same stdio,
 * signals passed on once (the child has its own process group, so a Ctrl-C reaches it only through
 * here), and the child's exit code or signal taken as its own. Never resolves.
 */
export async function relaunchWithHeapFlags(entry: string): Promise<never> {
  // Loaded only when needed: a start with the flags never compiles child_process.
  const { spawn } = await import('node:child_process');
  const child = spawn(process.execPath, [...HEAP_FLAGS, ...process.execArgv, entry, ...process.argv.slice(2)], {
    stdio: ['inherit', 'inherit', 'inherit', 'ipc'],
    detached: true,
  });
  const forward = (signal: NodeJS.Signals) => child.kill(signal);
  process.on('SIGTERM', forward);
  process.on('SIGINT', forward);
  child.once('error', (error) => {
    process.stderr.write(`source-lago: could not start node with ${HEAP_FLAGS.join(' ')}: ${error.message}\n`);
    process.exit(1);
  });
  child.once('exit', (code, signal) => {
    if (signal) {
      process.off('SIGTERM', forward);
      process.off('SIGINT', forward);
      process.kill(process.pid, signal);
    } else process.exit(code ?? 1);
  });
  return new Promise<never>(() => {});
}
