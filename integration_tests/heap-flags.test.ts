import { readFileSync } from 'node:fs';
import { connectorPid, recordsOf } from './helpers/cli.js';
import { harnessPerFile } from './helpers/harness.js';
import { expectInvariants } from './helpers/invariants.js';
import { HEAP_FLAGS, heapFlagsMissing } from '../src/heap-flags.js';

/**
 * The V8 heap flags apply however the connector is started: the bin's shebang and the Docker ENTRYPOINT
 * carry them, and `node dist/main.js …` (how the harness starts it) relaunches itself with them.
 */
const fake = harnessPerFile({ counts: { customers: 3000 }, latencyMs: 20 });
const cmdline = (pid: number) => readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

test('heapFlagsMissing: only when neither the command line nor NODE_OPTIONS sets a heap size (the user\'s choice stands)', () => {
  expect(heapFlagsMissing([], '')).toBe(true);
  expect(heapFlagsMissing(['--experimental-vm-modules'], '--inspect')).toBe(true);
  expect(heapFlagsMissing(['--max-old-space-size=512', '--max-semi-space-size=4'], '')).toBe(false);
  expect(heapFlagsMissing([], '--max-old-space-size=2048')).toBe(false);
});

test('the bins\' shebangs and the Docker ENTRYPOINT carry the same flags as a relaunch', () => {
  const shebang = (file: string) => readFileSync(file, 'utf8').split('\n')[0]!;
  for (const bin of ['src/main.ts', 'src/tap.ts']) expect(shebang(bin)).toBe(`#!/usr/bin/env -S node ${HEAP_FLAGS.join(' ')}`);
  const dockerfile = readFileSync('Dockerfile', 'utf8');
  expect(dockerfile).toContain(`ENTRYPOINT ["node", ${HEAP_FLAGS.map((flag) => JSON.stringify(flag)).join(', ')}, `);
  expect(dockerfile).toContain(`AIRBYTE_ENTRYPOINT="node ${HEAP_FLAGS.join(' ')} `);
});

test('node dist/main.js read runs the connector in a child with the flags; its output is the run\'s, whole and valid', async () => {
  let child: string[] = [];
  let parent: string[] = [];
  const run = await fake.current.read(['customers'], {
    onStdoutLine: (_line, spawned) => {
      if (child.length > 0) return;
      parent = cmdline(spawned.pid!);
      child = cmdline(connectorPid(spawned.pid!));
    },
  });
  expect(run.code).toBe(0);
  expectInvariants(run, ['customers']);
  expect(recordsOf(run.messages, 'customers')).toHaveLength(3000);
  expect(parent).not.toContain('--max-semi-space-size=4');
  expect(child.slice(1, 1 + HEAP_FLAGS.length)).toEqual(['--max-old-space-size=512', '--max-semi-space-size=4', '--initial-old-space-size=32']);
  expect(child.at(-1)).toBe(parent.at(-1));
});

test('with a heap size in NODE_OPTIONS there is no relaunch', async () => {
  let children = -1;
  const run = await fake.current.read(['taxes'], {
    env: { NODE_OPTIONS: '--max-old-space-size=300' },
    onStdoutLine: (_line, spawned) => {
      if (children === -1) children = connectorPid(spawned.pid!) === spawned.pid ? 0 : 1;
    },
  });
  expect(run.code).toBe(0);
  expect(children).toBe(0);
});

test('the relaunched connector stops when the process standing in for it is killed outright (SIGKILL)', async () => {
  let connector = 0;
  const run = await fake.current.read(['customers'], {
    onStdoutLine: (_line, spawned) => {
      if (connector !== 0) return;
      connector = connectorPid(spawned.pid!);
      spawned.kill('SIGKILL');
    },
  });
  expect(run.signal).toBe('SIGKILL');
  expect(connector).not.toBe(0);
  const deadline = Date.now() + 5_000;
  while (alive(connector) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
  expect(alive(connector)).toBe(false);
});
