import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { catalogChecklistErrors, specChecklistErrors, validateCatalog, validateSpec } from './helpers/protocol.js';
import { ROOT } from './helpers/cli.js';
import { Harness } from './helpers/harness.js';

const TEMPLATE_STREAMS = [
  'customers', 'subscriptions', 'invoices', 'billable_metrics', 'plans', 'events', 'coupons', 'add_ons',
  'customer_usage', 'customer_usage_past', 'fees', 'credit_notes', 'wallets', 'wallet_transactions',
  'applied_coupons', 'taxes', 'payment_requests', 'payments', 'billing_entities', 'webhook_endpoints',
];

let harness: Harness;
beforeAll(async () => {
  harness = await Harness.start();
});
afterAll(() => harness.stop());

describe('spec', () => {
  test('prints exactly one valid SPEC that passes the acceptance checklist and equals spec.json', async () => {
    const run = await harness.run(['spec']);
    expect(run.code).toBe(0);
    expect(run.protocolErrors).toEqual([]);
    expect(run.messages).toHaveLength(1);
    const [message] = run.messages;
    expect(message.type).toBe('SPEC');
    expect(validateSpec(message.spec)).toEqual([]);
    expect(specChecklistErrors(message.spec.connectionSpecification)).toEqual([]);
    expect(message.spec.connectionSpecification.properties.api_key.airbyte_secret).toBe(true);
    expect(message.spec.connectionSpecification.required).toEqual(['api_key']);
    expect(JSON.parse(readFileSync(join(ROOT, 'spec.json'), 'utf8'))).toEqual(message.spec);
  });
});

describe('discover', () => {
  test('lists every template stream with a schema, primary key and full refresh', async () => {
    const run = await harness.run(['discover', '--config', await harness.configFile()]);
    expect(run.code).toBe(0);
    expect(run.protocolErrors).toEqual([]);
    expect(run.messages).toHaveLength(1);
    const { catalog } = run.messages[0];
    expect(validateCatalog(catalog)).toEqual([]);
    expect(catalogChecklistErrors(catalog)).toEqual([]);
    expect(catalog.streams.map((s: any) => s.name).sort()).toEqual([...TEMPLATE_STREAMS].sort());
    const byName = Object.fromEntries(catalog.streams.map((s: any) => [s.name, s]));
    expect(byName.events.source_defined_primary_key).toEqual([['external_subscription_id'], ['code'], ['timestamp'], ['transaction_id']]);
    expect(byName.customer_usage.source_defined_primary_key).toEqual([['external_subscription_id'], ['from_datetime']]);
    expect(byName.customers.source_defined_primary_key).toEqual([['lago_id']]);
    for (const stream of catalog.streams) expect(stream.supported_sync_modes).toContain('full_refresh');
    expect(run.leakedKey).toBe(false);
  });

  test('asks Lago only its version (GET /health, without the key)', async () => {
    const before = harness.lago.requests.length;
    await harness.run(['discover', '--config', await harness.configFile()]);
    const made = harness.lago.requests.slice(before);
    expect(made.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /health']);
    expect(made[0]!.headers.authorization).toBeUndefined();
  });

  test('a bad config is a config_error TRACE and exit 1', async () => {
    const run = await harness.run(['discover', '--config', join(ROOT, 'integration_tests', 'invalid_config.json')]);
    expect(run.code).toBe(1);
    expect(run.protocolErrors).toEqual([]);
    const [error] = run.messages.filter((m) => m.type === 'TRACE');
    expect(error.trace.error.failure_type).toBe('config_error');
    expect(error.trace.error.message).toMatch(/invalid_config\.json/);
    expect(error.trace.error.message).toMatch(/api_key/);
  });
});

describe('check', () => {
  test('SUCCEEDED with the right key, naming the Lago version; one one-record request per org-wide list', async () => {
    const before = harness.lago.requests.length;
    const run = await harness.run(['check', '--config', await harness.configFile()]);
    expect(run.code).toBe(0);
    expect(run.protocolErrors).toEqual([]);
    expect(run.messages).toEqual([{ type: 'CONNECTION_STATUS', connectionStatus: { status: 'SUCCEEDED', message: expect.stringMatching(/^Connected to Lago v1\.51\.0-head\.$/) } }]);
    const made = harness.lago.requests.slice(before);
    expect(made[0]!.path).toBe('/health');
    const lists = made.slice(1);
    expect(lists.map((r) => r.path)).toContain('/api/v1/customers');
    expect(new Set(lists.map((r) => r.path)).size).toBe(lists.length);
    for (const request of lists) {
      expect(request.headers.authorization).toBe(`Bearer ${harness.config().api_key}`);
      expect(request.query.get('per_page') ?? '1').toBe('1');
    }
  });

  test('FAILED naming the refused key, exit 0, key not printed', async () => {
    const run = await harness.run(['check', '--config', await harness.configFile({ api_key: 'wrong-key-123456' })]);
    expect(run.code).toBe(0);
    expect(run.messages).toHaveLength(1);
    expect(run.messages[0].connectionStatus.status).toBe('FAILED');
    expect(run.messages[0].connectionStatus.message).toMatch(/refused the API key.*401/);
    expect(run.stdout).not.toContain('wrong-key-123456');
  });

  test('FAILED saying the URL looks wrong when the path is not the Lago API', async () => {
    const url = harness.lago.url.replace(/\/api\/v1$/, '/not-lago');
    const run = await harness.run(['check', '--config', await harness.configFile({ api_url: url })]);
    expect(run.code).toBe(0);
    expect(run.messages[0].connectionStatus.status).toBe('FAILED');
    expect(run.messages[0].connectionStatus.message).toMatch(/URL/);
  });

  test('FAILED saying the host is unreachable', async () => {
    const run = await harness.run(['check', '--config', await harness.configFile({ api_url: 'http://127.0.0.1:9/api/v1' })]);
    expect(run.code).toBe(0);
    expect(run.messages[0].connectionStatus.status).toBe('FAILED');
    expect(run.messages[0].connectionStatus.message).toMatch(/refused|reach|network/i);
    expect(run.leakedKey).toBe(false);
  });

  test('FAILED with the field named for an invalid config', async () => {
    const run = await harness.run(['check', '--config', join(ROOT, 'integration_tests', 'invalid_config.json')]);
    expect(run.code).toBe(0);
    expect(run.messages[0].connectionStatus.status).toBe('FAILED');
    expect(run.messages[0].connectionStatus.message).toMatch(/api_key/);
  });

  test('accepts a config written for Airbyte\'s own Lago connector, api_url with trailing slash', async () => {
    const run = await harness.run(['check', '--config', await harness.configFile({ api_url: `${harness.lago.url}/` })]);
    expect(run.messages[0].connectionStatus.status).toBe('SUCCEEDED');
    const bare = harness.lago.url.replace(/\/api\/v1$/, '');
    const run2 = await harness.run(['check', '--config', await harness.configFile({ api_url: bare })]);
    expect(run2.messages[0].connectionStatus.status).toBe('SUCCEEDED');
  });
});
