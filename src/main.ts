#!/usr/bin/env node
import { runCli } from './cli.js';

/**
 * The bin. SIGTERM/SIGINT stop fetching and let written output flush; the signal is then re-raised
 * so callers (PyAirbyte accepts exit 0 or death by SIGTERM) see what happened. The exit code is set
 * with process.exitCode, never process.exit(), which would cut pending stdout.
 */
const controller = new AbortController();
let caught: NodeJS.Signals | undefined;
const onSignal = (signal: NodeJS.Signals) => {
  if (caught) return;
  caught = signal;
  controller.abort();
};
process.on('SIGTERM', onSignal);
process.on('SIGINT', onSignal);

const code = await runCli(process.argv.slice(2), { signal: controller.signal });
if (caught) {
  process.off('SIGTERM', onSignal);
  process.off('SIGINT', onSignal);
  process.stdout.end(() => process.kill(process.pid, caught));
} else {
  process.exitCode = code;
}
