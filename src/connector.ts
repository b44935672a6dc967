import { runCli } from './cli.js';
import { errorTraceMessage } from './protocol/messages.js';
import { MessageWriter } from './protocol/writer.js';

/**
 * The connector's process, run by the bin (main.ts) once the V8 heap flags are in force.
 * SIGTERM/SIGINT stop fetching and let written output flush; the signal is then re-raised
 * so callers (PyAirbyte accepts exit 0 or death by SIGTERM) see what happened. The exit code is set
 * with process.exitCode; process.exit() is called only once stdout and stderr have flushed.
 */
const controller = new AbortController();
let caught: NodeJS.Signals | undefined;
const reraise = () => {
  process.off('SIGTERM', onSignal);
  process.off('SIGINT', onSignal);
  process.kill(process.pid, caught);
};
function onSignal(signal: NodeJS.Signals) {
  // A second signal, or a reader that never drains what is left: give up flushing.
  if (caught) return reraise();
  caught = signal;
  controller.abort();
  setTimeout(reraise, 10_000).unref();
}
process.on('SIGTERM', onSignal);
process.on('SIGINT', onSignal);
// Started by main.ts's relaunch: its going away (even by SIGKILL) stops this run as a SIGTERM would.
if (process.channel) {
  process.channel.unref();
  process.once('disconnect', () => onSignal('SIGTERM'));
}

// The reader closed stdout: stop fetching and exit without noise (nothing more can be delivered).
const writer = new MessageWriter(process.stdout, () => controller.abort());
process.stderr.on('error', () => {});
// Last resort: one redacted line, never a raw stack trace that might carry the key; in Airbyte mode
// also a TRACE ERROR, so the platform sees why the run ended.
const singerMode = process.argv[2] === 'singer';
const die = (error: unknown) => {
  const message = writer.redact(error instanceof Error ? error.message : String(error));
  process.stderr.write(`source-lago: unexpected failure: ${message}\n`);
  if (!singerMode) void writer.write(errorTraceMessage(`Unexpected failure: ${message}`, 'system_error')).then(() => writer.flush());
  process.exitCode = 1;
  setTimeout(() => process.exit(1), 1000).unref();
};
process.on('uncaughtException', die);
process.on('unhandledRejection', die);

const code = await runCli(process.argv.slice(2), { writer, signal: controller.signal });
if (caught) process.stdout.end(reraise);
else {
  process.exitCode = code;
  // Idle keep-alive connections to Lago would hold the process open ~0.1 s more; leave as soon as
  // everything written has reached the pipes (a zero-length write calls back after the ones before it).
  await Promise.all([process.stdout, process.stderr].map((stream) => new Promise((resolve) => stream.write('', resolve))));
  // With process.exitCode, which die() may have raised meanwhile.
  process.exit();
}
