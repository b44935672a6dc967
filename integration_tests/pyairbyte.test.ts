// PyAirbyte, replayed. PyAirbyte cannot be installed here (no PyPI), so this test drives the built
// connector exactly the way `ab.get_source("source-lago", local_executable=<dist/main.js>, config=…)`
// does, as read in PyAirbyte's source (airbyte/_executors/local.py, airbyte/_executors/base.py,
// airbyte/_connector_base.py, airbyte/sources/base.py, airbyte/_util/temp_files.py,
// airbyte/shared/state_providers.py):
//  - the executable itself is spawned (no `node` in front): one file with a shebang;
//  - every command is preceded by `spec` (PathExecutor.ensure_installation runs in every _execute);
//  - the config is validated against the spec's connectionSpecification (jsonschema) before a read;
//  - the config is written with json.dumps to a temp *.json file; the catalog and the state are
//    pydantic model_dump_json() strings written to temp *.txt files, so unset fields are null;
//  - `check --config`, `discover --config`, `read --config --catalog --state` (always --state: "[]"
//    on a first run, then the saved state messages joined as "[" + "\n, ".join(...) + "]");
//  - the configured catalog has every selected stream with sync_mode "incremental",
//    destination_sync_mode "overwrite" and primary_key = source_defined_primary_key (read());
//    get_records(stream) uses "full_refresh" with no primary key;
//  - only exit 0 (or death by SIGTERM) is accepted; a TRACE ERROR raises; lines that are not
//    AirbyteMessages are logged and skipped.
// SOURCE_LAGO_NOW pins the clock (test-only) so the fake server's dated data gives exact expectations.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { MAIN, ROOT, parseLines } from './helpers/cli.js';
import { Harness, SECRET_KEY } from './helpers/harness.js';
import { parseProtocolOutput } from './helpers/protocol.js';

const NOW = '2026-11-21T00:00:00.000Z';
const DAY = 86_400_000;
const ALL = [
  'customers', 'subscriptions', 'invoices', 'billable_metrics', 'plans', 'events', 'coupons', 'add_ons',
  'customer_usage', 'customer_usage_past', 'fees', 'credit_notes', 'wallets', 'wallet_transactions',
  'applied_coupons', 'taxes', 'payment_requests', 'payments', 'billing_entities', 'webhook_endpoints',
];
const PLAIN_LISTS = ['customers', 'invoices', 'billable_metrics', 'plans', 'coupons', 'add_ons', 'fees', 'credit_notes', 'wallets', 'applied_coupons', 'taxes', 'payment_requests', 'payments', 'billing_entities', 'webhook_endpoints'];

interface Execution {
  args: string[];
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  messages: any[];
}

/** PyAirbyte's json.dumps: ", " and ": " separators, ASCII only. */
function pythonJsonDumps(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(pythonJsonDumps).join(', ')}]`;
  if (value !== null && typeof value === 'object') return `{${Object.entries(value).map(([k, v]) => `${JSON.stringify(k)}: ${pythonJsonDumps(v)}`).join(', ')}}`;
  return JSON.stringify(value).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** The fields pydantic dumps for the protocol models PyAirbyte uses (None → null). */
const AIRBYTE_STREAM_FIELDS = ['name', 'json_schema', 'supported_sync_modes', 'source_defined_cursor', 'default_cursor_field', 'source_defined_primary_key', 'namespace', 'is_resumable', 'is_file_based'];
const pydanticStream = (stream: Record<string, unknown>) => Object.fromEntries(AIRBYTE_STREAM_FIELDS.map((field) => [field, stream[field] ?? null]));
const configuredStream = (stream: Record<string, any>, syncMode: 'incremental' | 'full_refresh', primaryKey: unknown) => ({
  stream: pydanticStream(stream),
  sync_mode: syncMode,
  cursor_field: null,
  destination_sync_mode: 'overwrite',
  primary_key: primaryKey ?? null,
  generation_id: null,
  minimum_generation_id: null,
  sync_id: null,
});
/** AirbyteStateMessage.model_dump_json() of a state the cache saved (recordCount is a float in the model). */
const stateArtifact = (state: any) =>
  JSON.stringify({
    type: state.type,
    stream: { stream_descriptor: { name: state.stream.stream_descriptor.name, namespace: null }, stream_state: state.stream.stream_state },
    global_: null,
    data: null,
    sourceStats: state.sourceStats ? { recordCount: state.sourceStats.recordCount } : null,
    destinationStats: null,
  }).replace(/"recordCount":(\d+)(?=[},])/, '"recordCount":$1.0');

class PyAirbyteReplay {
  readonly executions: Execution[] = [];
  private spec: any;

  constructor(
    private readonly executable: string,
    private readonly config: Record<string, unknown>,
    private readonly tempDir: string,
  ) {}

  /** airbyte._util.temp_files.as_temp_files: dicts as *.json (json.dumps), strings as *.txt. */
  private async tempFile(content: Record<string, unknown> | string): Promise<string> {
    const path = join(this.tempDir, `tmp${randomBytes(4).toString('hex')}${typeof content === 'string' ? '.txt' : '.json'}`);
    await writeFile(path, typeof content === 'string' ? content : pythonJsonDumps(content), 'utf8');
    return path;
  }

  private run(args: string[]): Promise<Execution> {
    return new Promise((resolve, reject) => {
      const child = spawn(this.executable, args, { cwd: ROOT, env: { ...process.env, SOURCE_LAGO_RETRY_BASE_MS: '5', SOURCE_LAGO_NOW: NOW }, stdio: ['inherit', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
      child.on('error', reject);
      child.on('close', (code, signal) => {
        const execution = { args, code, signal, stdout, stderr, messages: parseLines(stdout) };
        this.executions.push(execution);
        resolve(execution);
      });
    });
  }

  /** ConnectorBase._execute: ensure_installation (`spec`), then the command; exit 0 or SIGTERM only; TRACE ERROR raises. */
  private async execute(args: string[]): Promise<any[]> {
    const installed = await this.run(['spec']);
    if (installed.code !== 0) throw new Error(`AirbyteConnectorExecutableNotFoundError: spec exited ${installed.code}`);
    const execution = await this.run(args);
    if (!(execution.code === 0 || execution.signal === 'SIGTERM')) throw new Error(`AirbyteSubprocessFailedError: ${args[0]} exited ${execution.code}\n${execution.stderr}`);
    const messages = execution.messages.filter((m) => !m.__unparsable);
    const error = messages.find((m) => m.type === 'TRACE' && m.trace.type === 'ERROR');
    if (error) throw new Error(`AirbyteConnectorFailedError: ${error.trace.error.message}`);
    return messages;
  }

  async getSpec(): Promise<any> {
    this.spec ??= (await this.execute(['spec'])).find((m) => m.type === 'SPEC').spec;
    return this.spec;
  }

  async validateConfig(): Promise<void> {
    const spec = await this.getSpec();
    // jsonschema.validate(config, spec) checks no formats unless given a FormatChecker: neither does this.
    const validate = new Ajv({ strict: false, validateFormats: false }).compile(spec.connectionSpecification);
    if (!validate(this.config)) throw new Error(`AirbyteConnectorValidationFailedError: ${JSON.stringify(validate.errors)}`);
  }

  async check(): Promise<string> {
    const messages = await this.execute(['check', '--config', await this.tempFile(this.config)]);
    return messages.find((m) => m.type === 'CONNECTION_STATUS').connectionStatus.status;
  }

  async discover(): Promise<any> {
    const messages = await this.execute(['discover', '--config', await this.tempFile(this.config)]);
    return messages.find((m) => m.type === 'CATALOG').catalog;
  }

  /** Source._read_with_catalog. */
  async readWithCatalog(catalog: unknown, stateText: string): Promise<any[]> {
    return this.execute(['read', '--config', await this.tempFile(this.config), '--catalog', await this.tempFile(JSON.stringify(catalog)), '--state', await this.tempFile(stateText)]);
  }

  /** Source.read(): validate the config, configured_catalog (all selected streams incremental), state from the cache or "[]". */
  async read(discovered: any, streams: string[], savedStates: any[] | undefined): Promise<any[]> {
    await this.validateConfig();
    const catalog = { streams: discovered.streams.filter((s: any) => streams.includes(s.name)).map((s: any) => configuredStream(s, 'incremental', s.source_defined_primary_key)) };
    const stateText = savedStates ? `[${savedStates.map(stateArtifact).join('\n, ')}]` : '[]';
    return this.readWithCatalog(catalog, stateText);
  }

  /** Source.get_records(stream): full_refresh, overwrite, no primary key, state "[]". */
  async getRecords(discovered: any, stream: string): Promise<any[]> {
    const entry = discovered.streams.find((s: any) => s.name === stream);
    const catalog = { streams: [{ ...configuredStream(entry, 'full_refresh', null) }] };
    return (await this.readWithCatalog(catalog, '[]')).filter((m) => m.type === 'RECORD').map((m) => m.record.data);
  }
}

const recordsOf = (messages: any[], stream: string) => messages.filter((m) => m.type === 'RECORD' && m.record.stream === stream).map((m) => m.record.data);
/** What PyAirbyte's cache keeps: the last state of each stream. */
const lastStates = (messages: any[]) => [...new Map(messages.filter((m) => m.type === 'STATE').map((m) => [m.state.stream.stream_descriptor.name, m.state])).values()];
const eventKey = (e: Record<string, any>) => `${e.external_subscription_id}|${e.transaction_id}`;

let harness: Harness;
let source: PyAirbyteReplay;
let discovered: any;
let first: any[];
beforeAll(async () => {
  harness = await Harness.start({ counts: { customers: 80, events: 300, invoices: 90 } });
  source = new PyAirbyteReplay(MAIN, harness.config({ start_date: '2025-01-01', lookback_window_days: 2 }), harness.files.dir);
  expect(await source.check()).toBe('SUCCEEDED');
  discovered = await source.discover();
  first = await source.read(discovered, discovered.streams.map((s: any) => s.name), undefined);
}, 120_000);
afterAll(() => harness.stop());

type Row = Record<string, any>;
const rows = (name: string) => (harness.lago.data as unknown as Record<string, Row[]>)[name]!;

test('every command ran as PyAirbyte runs it: the executable directly, spec before each, exit 0, only valid messages, no key', () => {
  const commands = source.executions.map((e) => e.args[0]);
  // check; discover; read(): validate_config fetches the spec (itself preceded by spec), then read
  expect(commands).toEqual(['spec', 'check', 'spec', 'discover', 'spec', 'spec', 'spec', 'read']);
  for (const execution of source.executions) {
    expect({ args: execution.args[0], code: execution.code }).toEqual({ args: execution.args[0], code: 0 });
    expect(parseProtocolOutput(execution.stdout).errors).toEqual([]);
    expect(execution.stdout.includes(SECRET_KEY) || execution.stderr.includes(SECRET_KEY)).toBe(false);
  }
  const read = source.executions.at(-1)!;
  expect(read.args).toEqual(['read', '--config', expect.stringMatching(/\.json$/), '--catalog', expect.stringMatching(/\.txt$/), '--state', expect.stringMatching(/\.txt$/)]);
});

test('the first read (state "[]", every stream asked incremental) returns records for every stream', () => {
  expect(discovered.streams.map((s: any) => s.name).sort()).toEqual([...ALL].sort());
  for (const stream of ALL) expect({ stream, some: recordsOf(first, stream).length > 0 }).toEqual({ stream, some: true });
  // full-refresh-only streams asked incremental are read in full, as are the cursor streams on a first sync
  for (const stream of PLAIN_LISTS) {
    expect({ stream, ids: recordsOf(first, stream).map((r) => r.lago_id).sort() }).toEqual({ stream, ids: rows(stream).map((r) => r.lago_id).sort() });
  }
  expect(recordsOf(first, 'events').map(eventKey).sort()).toEqual(rows('events').map(eventKey).sort());
});

test('every stream has STREAM states PyAirbyte can store; cursor streams end at the pinned clock', () => {
  const states = lastStates(first);
  expect(states.map((s) => s.stream.stream_descriptor.name).sort()).toEqual([...ALL].sort());
  for (const state of states) expect(state.type).toBe('STREAM');
  const byName = Object.fromEntries(states.map((s) => [s.stream.stream_descriptor.name, s.stream.stream_state]));
  expect(byName.events).toEqual({ timestamp: NOW });
  expect(byName.invoices).toEqual({ issuing_date: '2026-11-21' });
  // Credit notes also keep the oldest draft invoice's creation day (less a day), from which late ones can arrive.
  const oldestDraft = rows('invoices').filter((i) => i.status === 'draft').map((i) => Date.parse(i.created_at)).sort((a, b) => a - b)[0]!;
  expect(byName.credit_notes).toEqual({ issuing_date: '2026-11-21', draft_invoices_since: new Date(Math.floor(oldestDraft / 86_400_000) * 86_400_000 - 86_400_000).toISOString().slice(0, 10) });
});

test('a second read with the saved states (pydantic dump, nulls, "\\n, "-joined) reads the cursor streams from their cursors', async () => {
  const second = await source.read(discovered, discovered.streams.map((s: any) => s.name), lastStates(first));
  const stateFile = source.executions.at(-1)!.args.at(-1)!;
  expect(stateFile).toMatch(/\.txt$/);
  const since = Date.parse(NOW) - 2 * DAY;
  expect(recordsOf(second, 'events').map(eventKey).sort()).toEqual(rows('events').filter((e) => Date.parse(e.timestamp) >= since).map(eventKey).sort());
  expect(recordsOf(second, 'events').length).toBeLessThan(recordsOf(first, 'events').length);
  for (const stream of PLAIN_LISTS.filter((s) => s !== 'invoices' && s !== 'credit_notes')) expect({ stream, n: recordsOf(second, stream).length }).toEqual({ stream, n: rows(stream).length });
  expect(lastStates(second).find((s) => s.stream.stream_descriptor.name === 'events').stream.stream_state).toEqual({ timestamp: NOW });
}, 120_000);

test('read() of a subset (select_streams) asks only for those streams', async () => {
  const messages = await source.read(discovered, ['customers', 'events'], undefined);
  expect(new Set(messages.filter((m) => m.type === 'RECORD').map((m) => m.record.stream))).toEqual(new Set(['customers', 'events']));
});

test('get_records(stream): full_refresh with no primary key and state "[]"', async () => {
  const records = await source.getRecords(discovered, 'customers');
  expect(records.map((r) => r.lago_id).sort()).toEqual(rows('customers').map((r) => r.lago_id).sort());
});

test('a wrong key fails check with a FAILED status (exit 0), which PyAirbyte turns into its own error', async () => {
  const wrong = new PyAirbyteReplay(MAIN, { ...harness.config(), api_key: 'lago-wrong-key-0000' }, harness.files.dir);
  expect(await wrong.check()).toBe('FAILED');
});
