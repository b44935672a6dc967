// There is no Docker engine on the build machines, so the image cannot be built here. Instead:
//  1. the Dockerfile, metadata.yaml and package.json are parsed and checked against each other and
//     against Airbyte's image conventions;
//  2. the Dockerfile's own steps (install, build, then without node_modules run the entrypoint) are
//     reproduced on a clean copy of the repository, and `spec` must print one valid SPEC message.
import { execFile } from 'node:child_process';
import { accessSync, constants, cpSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, posix } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { parse as parseYaml } from 'yaml';
import { startFakeLago } from './fake-lago/index.js';
import { parseProtocolOutput } from './helpers/protocol.js';

const execFileAsync = promisify(execFile);
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const read = (p: string): string => readFileSync(join(ROOT, p), 'utf8');

// ---- a small Dockerfile parser (enough for this Dockerfile: no heredocs, no ARG substitution) ----

interface Instruction {
  keyword: string; // upper-case
  args: string; // the rest of the (joined) line
  stage: number;
}
interface Stage {
  index: number;
  image: string;
  name?: string;
  instructions: Instruction[];
}

function parseDockerfile(text: string): Stage[] {
  const logical: string[] = [];
  let current = '';
  for (const raw of text.split(/\r?\n/)) {
    if (/^\s*#/.test(raw)) continue; // comments (also inside a continuation, as Docker does)
    const line = raw.replace(/\s+$/, '');
    if (line.endsWith('\\')) {
      current += line.slice(0, -1) + ' ';
      continue;
    }
    current += line;
    if (current.trim() !== '') logical.push(current.trim());
    current = '';
  }
  if (current.trim() !== '') logical.push(current.trim());

  const stages: Stage[] = [];
  for (const line of logical) {
    const m = /^(\S+)\s*(.*)$/.exec(line);
    if (!m) continue;
    const keyword = m[1]!.toUpperCase();
    const args = m[2] ?? '';
    if (keyword === 'FROM') {
      const f = /^(?:--platform=\S+\s+)?(\S+)(?:\s+AS\s+(\S+))?$/i.exec(args);
      if (!f) throw new Error(`cannot parse FROM ${args}`);
      const stage: Stage = { index: stages.length, image: f[1]!, instructions: [] };
      if (f[2]) stage.name = f[2];
      stages.push(stage);
      continue;
    }
    const stage = stages.at(-1);
    if (!stage) {
      if (keyword === 'ARG') continue;
      throw new Error(`${keyword} before the first FROM`);
    }
    stage.instructions.push({ keyword, args, stage: stage.index });
  }
  return stages;
}

/** Splits like a shell: whitespace separates words, quotes group, backslash escapes. */
function shellWords(s: string): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let quote: '"' | "'" | null = null;
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (quote) {
      if (c === quote) quote = null;
      else if (c === '\\' && quote === '"' && i + 1 < s.length) word += s[++i];
      else word += c;
    } else if (c === '"' || c === "'") {
      quote = c;
      inWord = true;
    } else if (c === '\\' && i + 1 < s.length) {
      word += s[++i];
      inWord = true;
    } else if (/\s/.test(c)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else {
      word += c;
      inWord = true;
    }
  }
  if (quote) throw new Error(`unterminated quote in: ${s}`);
  if (inWord) words.push(word);
  return words;
}

/** `KEY=value KEY2="v 2"` (or the legacy `KEY value` form for ENV/LABEL with one pair). */
function keyValues(args: string): Record<string, string> {
  const words = shellWords(args);
  const out: Record<string, string> = {};
  if (words.length > 0 && !words[0]!.includes('=')) {
    out[words[0]!] = words.slice(1).join(' ');
    return out;
  }
  for (const w of words) {
    const eq = w.indexOf('=');
    if (eq <= 0) throw new Error(`expected KEY=value, got ${w} in: ${args}`);
    out[w.slice(0, eq)] = w.slice(eq + 1);
  }
  return out;
}

function collect(stage: Stage, keyword: string): Instruction[] {
  return stage.instructions.filter((i) => i.keyword === keyword);
}

function mergedKeyValues(stage: Stage, keyword: string): Record<string, string> {
  return Object.assign({}, ...collect(stage, keyword).map((i) => keyValues(i.args))) as Record<string, string>;
}

/** The WORKDIR in effect at the end of a stage (relative WORKDIRs resolve against the previous one). */
function workdir(stage: Stage): string {
  let dir = '/';
  for (const i of collect(stage, 'WORKDIR')) dir = posix.resolve(dir, i.args.trim());
  return dir;
}

interface Copy {
  from?: string;
  sources: string[];
  dest: string;
}
function copies(stage: Stage): Copy[] {
  return collect(stage, 'COPY').map((i) => {
    const words = i.args.trim().startsWith('[') ? (JSON.parse(i.args) as string[]) : shellWords(i.args);
    const flags = words.filter((w) => w.startsWith('--'));
    const rest = words.filter((w) => !w.startsWith('--'));
    const from = flags.find((f) => f.startsWith('--from='))?.slice('--from='.length);
    const copy: Copy = { sources: rest.slice(0, -1), dest: rest.at(-1)! };
    if (from !== undefined) copy.from = from;
    return copy;
  });
}

// ---- the files -------------------------------------------------------------------------------

const stages = parseDockerfile(read('Dockerfile'));
const runtime = stages.at(-1)!;
const metadata = parseYaml(read('metadata.yaml')) as { metadataSpecVersion: unknown; data: Record<string, any> };
const pkg = JSON.parse(read('package.json')) as { name: string; version: string; bin: string | Record<string, string>; dependencies?: Record<string, string> };

function entrypoint(): string[] {
  const eps = collect(runtime, 'ENTRYPOINT');
  expect(eps).toHaveLength(1);
  const args = eps[0]!.args.trim();
  expect(args.startsWith('[')).toBe(true); // exec form only: the shell form breaks signal handling
  const ep = JSON.parse(args) as unknown;
  expect(Array.isArray(ep) && ep.length > 0 && ep.every((x) => typeof x === 'string')).toBe(true);
  return ep as string[];
}

/** The bin the image runs: the one named like the package (tap-lago, the Singer mode, is the other). */
function packageBin(): string {
  const bin = typeof pkg.bin === 'string' ? pkg.bin : pkg.bin?.[pkg.name];
  expect(typeof bin).toBe('string');
  return posix.normalize(bin!);
}

describe('Dockerfile, metadata.yaml and package.json agree', () => {
  test('the Dockerfile parses into a build stage and a runtime stage on a current Node LTS', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    for (const s of stages) {
      const m = /^node:(\d+)(?:[.\d]*)-(alpine[.\d]*|bookworm-slim|trixie-slim)(@sha256:[0-9a-f]{64})?$/.exec(s.image);
      expect(m).not.toBeNull();
      expect(Number(m![1])).toBeGreaterThanOrEqual(22);
    }
  });

  test('labels match metadata.yaml and package.json', () => {
    const labels = mergedKeyValues(runtime, 'LABEL');
    expect(labels['io.airbyte.name']).toBe(metadata.data['dockerRepository']);
    expect(labels['io.airbyte.version']).toBe(String(metadata.data['dockerImageTag']));
    expect(String(metadata.data['dockerImageTag'])).toBe(pkg.version);
  });

  test('AIRBYTE_ENTRYPOINT is the space-joined, absolute exec-form ENTRYPOINT', () => {
    const ep = entrypoint();
    const env = mergedKeyValues(runtime, 'ENV');
    expect(env['AIRBYTE_ENTRYPOINT']).toBe(ep.join(' '));
    const script = ep.at(-1)!;
    expect(posix.isAbsolute(script)).toBe(true);
    for (const arg of ep) if (arg.includes('/')) expect(posix.isAbsolute(arg)).toBe(true);
  });

  test('the ENTRYPOINT runs the package.json bin, relative to the WORKDIR', () => {
    const dir = workdir(runtime);
    expect(posix.isAbsolute(dir)).toBe(true);
    const script = entrypoint().at(-1)!;
    expect(posix.relative(dir, script)).toBe(packageBin());
  });

  test('the image runs as a non-root user', () => {
    const users = collect(runtime, 'USER');
    expect(users.length).toBeGreaterThan(0);
    const user = users.at(-1)!.args.trim().split(':')[0];
    expect(['', 'root', '0']).not.toContain(user);
    // nothing after the last USER switches back
    const last = runtime.instructions.lastIndexOf(users.at(-1)!);
    expect(runtime.instructions.slice(last + 1).some((i) => i.keyword === 'USER')).toBe(false);
  });

  test('the build stage installs everything and builds; the runtime stage installs nothing (dist/ is a bundle)', () => {
    const build = stages[0]!;
    const buildRuns = collect(build, 'RUN').map((i) => i.args);
    expect(buildRuns.some((r) => /\bnpm ci\b/.test(r))).toBe(true);
    expect(buildRuns.some((r) => /\bnpm run build\b/.test(r))).toBe(true);
    const runtimeRuns = collect(runtime, 'RUN').map((i) => i.args);
    expect(runtimeRuns.some((r) => /\bnpm (ci|install|i)\b/.test(r))).toBe(false);
  });

  test('the runtime stage gets dist/ from the build stage, and package.json, schemas/, spec.json from the context', () => {
    const dir = workdir(runtime);
    const cs = copies(runtime);
    const buildStage = stages[0]!;
    const distCopy = cs.find((c) => c.from !== undefined && posix.resolve(dir, c.dest) === posix.join(dir, 'dist'));
    expect(distCopy).toBeDefined();
    expect([buildStage.name, String(buildStage.index)]).toContain(distCopy!.from);
    expect(distCopy!.sources).toEqual([posix.join(workdir(buildStage), 'dist')]);
    const fromContext = cs.filter((c) => c.from === undefined).flatMap((c) => c.sources.map((s) => posix.normalize(s)));
    for (const needed of ['package.json', 'schemas', 'spec.json']) expect(fromContext).toContain(needed);
  });

  test('.dockerignore keeps local installs, builds, git and secrets out of the context', () => {
    const lines = read('.dockerignore')
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith('#'));
    for (const p of ['node_modules', 'dist', 'dist-fake', '.git', 'secrets']) expect(lines).toContain(p);
  });

  test('metadata.yaml is in the connector-registry format', () => {
    expect(metadata.metadataSpecVersion).toBe('1.0');
    const d = metadata.data;
    expect(d['connectorType']).toBe('source');
    expect(d['connectorSubtype']).toBe('api');
    expect(d['definitionId']).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(d['dockerRepository']).toBe('sourcelago/source-lago');
    expect(d['name']).toBe('Lago');
    expect(d['releaseStage']).toBe('alpha');
    expect(d['supportLevel']).toBe('community');
    expect(d['license']).toBe('MIT');
    expect(String(d['documentationUrl'])).toMatch(/^https:\/\//);
    expect(typeof d['githubIssueLabel']).toBe('string');
    expect(d['tags']).toContain('language:typescript');
    expect(d['allowedHosts'].hosts).toEqual(expect.arrayContaining(['api.getlago.com', 'api.eu.getlago.com', '${api_url}']));
    expect(d['suggestedStreams'].streams).toEqual(['customers', 'subscriptions', 'invoices', 'fees', 'events']);
    if (d['icon'] !== undefined) expect(existsSync(join(ROOT, d['icon']))).toBe(true);
  });
});

// ---- the Dockerfile's steps on a clean copy ------------------------------------------------------

async function run(cmd: string, args: string[], cwd: string, timeoutMs = 180_000): Promise<{ stdout: string; stderr: string }> {
  try {
    return await execFileAsync(cmd, args, {
      cwd,
      timeout: timeoutMs,
      maxBuffer: 64 * 1024 * 1024,
      env: { ...process.env, NODE_ENV: undefined, npm_config_production: undefined },
    });
  } catch (e) {
    const err = e as { code?: unknown; signal?: unknown; stdout?: string; stderr?: string; message: string };
    throw new Error(
      `${cmd} ${args.join(' ')} (in ${cwd}) failed: code=${String(err.code)} signal=${String(err.signal)}\n` +
        `--- stdout (tail)\n${(err.stdout ?? '').slice(-3000)}\n--- stderr (tail)\n${(err.stderr ?? '').slice(-3000)}`,
    );
  }
}

/** Files the repository consists of: tracked plus untracked-but-not-ignored (as a fresh checkout + local work). */
async function repositoryFiles(): Promise<string[]> {
  const { stdout } = await run('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], ROOT, 30_000);
  const files = [...new Set(stdout.split('\0').filter(Boolean))];
  // deleted-but-still-indexed files are not part of the working tree
  return files.filter((f) => existsSync(join(ROOT, f)) && !lstatSync(join(ROOT, f)).isDirectory());
}

describe('the Dockerfile build steps work on a clean copy of the repository', () => {
  let dir = '';
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test('npm ci, npm run build, then with node_modules gone (as in the runtime stage) `node <bin> spec` prints one valid SPEC message', async () => {
    dir = mkdtempSync(join(tmpdir(), 'source-lago-docker-'));
    const files = await repositoryFiles();
    expect(files).toContain('package.json');
    expect(files).toContain('package-lock.json');
    for (const f of files) {
      mkdirSync(dirname(join(dir, f)), { recursive: true });
      cpSync(join(ROOT, f), join(dir, f), { verbatimSymlinks: true });
    }
    expect(existsSync(join(dir, 'node_modules'))).toBe(false);
    expect(existsSync(join(dir, 'dist'))).toBe(false);

    // what the runtime stage copies from the context must be in the repository
    for (const c of copies(runtime).filter((x) => x.from === undefined)) {
      for (const s of c.sources) expect([s, existsSync(join(dir, s))]).toEqual([s, true]);
    }

    await run('npm', ['ci', '--ignore-scripts', '--prefer-offline', '--no-audit', '--no-fund'], dir);
    await run('npm', ['run', 'build'], dir);
    // Every runtime package (the lockfile's non-dev ones, dependencies of dependencies included) is
    // bundled into dist/, so its licence ships there too.
    const licences = readFileSync(join(dir, 'dist', 'THIRD_PARTY_LICENSES.txt'), 'utf8');
    const sections = licences.split(/\n-{72}\n/);
    const lock = JSON.parse(read('package-lock.json')) as { packages: Record<string, { dev?: boolean; devOptional?: boolean }> };
    const runtimePackages = Object.entries(lock.packages).filter(([path, entry]) => path.startsWith('node_modules/') && !entry.dev && !entry.devOptional);
    expect(runtimePackages.map(([path]) => path)).toEqual(expect.arrayContaining(Object.keys(pkg.dependencies ?? {}).map((name) => `node_modules/${name}`)));
    for (const name of runtimePackages.map(([path]) => path.slice('node_modules/'.length))) {
      const section = sections.find((text) => text.includes(`${name} `) && new RegExp(`^${name} \\d+\\.\\d+\\.\\d+$`, 'm').test(text));
      expect([name, section?.includes('Permission is hereby granted')]).toEqual([name, true]);
    }
    // The runtime stage has no node_modules: the bundle must not need any package at run time.
    rmSync(join(dir, 'node_modules'), { recursive: true, force: true });

    const bin = packageBin();
    const binPath = join(dir, bin);
    // every bin (source-lago, tap-lago) is built executable, with a shebang
    for (const other of typeof pkg.bin === 'string' ? [pkg.bin] : Object.values(pkg.bin)) {
      expect(readFileSync(join(dir, other), 'utf8')).toMatch(/^#!\/usr\/bin\/env (-S )?node[ \n]/);
      accessSync(join(dir, other), constants.X_OK);
    }

    // the ENTRYPOINT is `node <WORKDIR>/<bin>`; run it from the WORKDIR stand-in
    const ep = entrypoint();
    const { stdout } = await run(ep[0]!, [...ep.slice(1, -1), binPath, 'spec'], dir, 60_000);
    const { messages, errors } = parseProtocolOutput(stdout);
    expect(errors).toEqual([]);
    expect(messages).toHaveLength(1);
    expect(messages[0].type).toBe('SPEC');
    expect(messages[0].spec.documentationUrl).toBe(metadata.data['documentationUrl']);

    // A read through every bundled package (ky, zod, dayjs macros, jsonpath-plus), still without node_modules.
    const fake = await startFakeLago({ counts: { customers: 150, invoices: 30 } });
    try {
      writeFileSync(join(dir, 'config.json'), JSON.stringify({
        api_key: fake.apiKey,
        api_url: fake.url,
        custom_streams: [{ name: 'recent_invoices', path: '/invoices?issuing_date_from={now-3650}', records_path: '$.invoices[*]', primary_key: ['lago_id'], date_format: 'YYYY-MM-DD' }],
      }));
      writeFileSync(join(dir, 'catalog.json'), JSON.stringify({
        streams: ['customers', 'invoices', 'recent_invoices'].map((name) => ({ stream: { name, json_schema: {}, supported_sync_modes: ['full_refresh'] }, sync_mode: 'full_refresh', destination_sync_mode: 'overwrite' })),
      }));
      const read = await run(ep[0]!, [...ep.slice(1, -1), binPath, 'read', '--config', 'config.json', '--catalog', 'catalog.json'], dir, 60_000);
      const output = parseProtocolOutput(read.stdout);
      expect(output.errors).toEqual([]);
      const counts = new Map<string, number>();
      for (const m of output.messages) if (m.type === 'RECORD') counts.set(m.record.stream, (counts.get(m.record.stream) ?? 0) + 1);
      expect(Object.fromEntries(counts)).toEqual({ customers: 150, invoices: 30, recent_invoices: 30 });
      expect(fake.requestsTo('/invoices').some((r) => /^\d{4}-\d{2}-\d{2}$/.test(r.query.get('issuing_date_from') ?? ''))).toBe(true);
    } finally {
      await fake.stop();
    }
  }, 300_000);
});
