#!/usr/bin/env node
// node dist-fake/cli.js [--port N] [--seed N] [--latency MS] [--count resource=N ...] [--key K] [--old-wallets] [--per-page-cap N] [--cache-replies] [--lago-version x.y.z|HEAD] [--deny-read resource ...] [--no-health] [--rate-limits cloud|API,USAGE[,WINDOW_MS]]
// Starts a fake Lago server, prints one line of JSON {"url": ..., "apiKey": ...} and runs until SIGTERM/SIGINT.
import { LAGO_CLOUD_LIMITS, type RateLimits } from './rate-limit.js';
import { FakeLago } from './server.js';
import type { FakeLagoOptions, ResourceCounts } from './types.js';

function usage(msg: string): never {
  process.stderr.write(
    `${msg}\nusage: cli.js [--port N] [--seed N] [--latency MS] [--count resource=N ...] [--key K] [--old-wallets] [--per-page-cap N] [--cache-replies] [--lago-version x.y.z|HEAD] [--deny-read resource ...] [--no-health] [--rate-limits cloud|API,USAGE[,WINDOW_MS]]\n`,
  );
  process.exit(2);
}

function int(name: string, v: string | undefined): number {
  const n = Number(v);
  if (v === undefined || !Number.isInteger(n) || n < 0) usage(`${name} needs a non-negative integer`);
  return n;
}

/** 'cloud' (Lago Cloud's 50 and 200 requests/s) or 'API,USAGE[,WINDOW_MS]'. */
function rateLimits(v: string | undefined): RateLimits {
  if (v === 'cloud') return LAGO_CLOUD_LIMITS;
  const m = v ? /^(\d+),(\d+)(?:,(\d+))?$/.exec(v) : null;
  if (!m) usage('--rate-limits needs cloud or API,USAGE[,WINDOW_MS] (requests per window, e.g. 50,200)');
  return { perWindow: Number(m[1]), currentUsagePerWindow: Number(m[2]), ...(m[3] ? { windowMs: Number(m[3]) } : {}) };
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const options: FakeLagoOptions = {};
  const counts: Partial<ResourceCounts> = {};
  let port = 0;
  for (let k = 0; k < args.length; k++) {
    const a = args[k] as string;
    // --flag=value or --flag value (for --count, value is resource=N)
    const eq = a.indexOf('=');
    const [flag, inline] = a.startsWith('--') && eq > 0 ? [a.slice(0, eq), a.slice(eq + 1)] : [a, undefined];
    const next = (): string | undefined => inline ?? args[++k];
    switch (flag) {
      case '--port': port = int('--port', next()); break;
      case '--seed': options.seed = int('--seed', next()); break;
      case '--latency': options.latencyMs = int('--latency', next()); break;
      case '--key': { const v = next(); if (!v) usage('--key needs a value'); options.apiKey = v; break; }
      case '--per-page-cap': options.perPageCap = int('--per-page-cap', next()); break;
      case '--old-wallets': options.walletsOrgWide = false; break;
      case '--cache-replies': options.cacheReplies = true; break;
      case '--deny-read': { const v = next(); if (!v) usage('--deny-read needs a lago-api resource name, e.g. invoice'); (options.readDenied ??= []).push(v); break; }
      case '--no-health': options.health = false; break;
      case '--rate-limits': options.rateLimits = rateLimits(next()); break;
      case '--lago-version': { const v = next(); if (!v) usage('--lago-version needs x.y.z or HEAD'); options.lagoVersion = v; break; }
      case '--count': {
        const v = next();
        const m = v ? /^([a-z_]+)=(\d+)$/.exec(v) : null;
        if (!m) usage('--count needs resource=N');
        counts[m[1] as keyof ResourceCounts] = Number(m[2]);
        break;
      }
      case '--help': case '-h': usage('');
      default: usage(`unknown argument ${a}`);
    }
  }
  options.counts = counts;
  let fake: FakeLago;
  try {
    fake = new FakeLago(options);
  } catch (e) {
    usage((e as Error).message);
  }
  const url = await fake.start(port);
  process.stdout.write(`${JSON.stringify({ url, apiKey: fake.apiKey })}\n`);
  const shutdown = (): void => {
    fake.stop().then(() => process.exit(0), () => process.exit(1));
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}

main().catch((e: unknown) => {
  process.stderr.write(`${String(e)}\n`);
  process.exit(1);
});
