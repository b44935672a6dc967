import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { ROOT } from './helpers/cli.js';
import { validateConfiguredCatalog } from './helpers/protocol.js';

/**
 * acceptance-test-config.yml, as Airbyte's CAT reads it (connector_acceptance_test/config.py: pydantic models with
 * extra = "forbid", so an unknown key fails the whole run): known keys only, every file it names exists, and the
 * image is the one metadata.yaml and the Dockerfile describe.
 */

const config = parse(readFileSync(join(ROOT, 'acceptance-test-config.yml'), 'utf8'));
const tests = (section: string): Array<Record<string, any>> => config.acceptance_tests[section]?.tests ?? [];

/** The fields of CAT's config models (config.py: Config, SpecTestConfig, ConnectionTestConfig, …). */
const COMMON = ['config_path', 'timeout_seconds', 'deployment_mode'];
const KNOWN_KEYS: Record<string, readonly string[]> = {
  spec: [...COMMON, 'spec_path', 'backward_compatibility_tests_config', 'auth_default_method'],
  connection: [...COMMON, 'status'],
  discovery: [...COMMON, 'backward_compatibility_tests_config', 'validate_primary_keys_data_type'],
  basic_read: [
    ...COMMON, 'configured_catalog_path', 'empty_streams', 'expect_records', 'validate_schema', 'validate_stream_statuses', 'validate_state_messages',
    'validate_primary_keys_data_type', 'fail_on_extra_columns', 'validate_data_points', 'expect_trace_message_on_failure', 'file_types',
    'client_container_config', 'ignored_fields',
  ],
  full_refresh: [...COMMON, 'configured_catalog_path', 'ignored_fields', 'client_container_config'],
  incremental: [...COMMON, 'configured_catalog_path', 'future_state', 'skip_comprehensive_incremental_tests', 'client_container_config'],
};

/** Every value of a key ending in `_path` (config_path, future_state_path, …), however deep. */
function paths(node: unknown, found: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((item) => paths(item, found));
  else if (node !== null && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if ((key.endsWith('_path') || key === 'path') && typeof value === 'string') found.push(value);
      else paths(value, found);
    }
  }
  return found;
}

test('top level: the image, high strictness, the default test suites', () => {
  expect(Object.keys(config).sort()).toEqual(['acceptance_tests', 'connector_image', 'test_strictness_level']);
  expect(config.test_strictness_level).toBe('high');
  expect(Object.keys(config.acceptance_tests).sort()).toEqual(['basic_read', 'connection', 'discovery', 'full_refresh', 'incremental', 'spec']);
});

test('only keys CAT knows (its models forbid others)', () => {
  for (const [section, allowed] of Object.entries(KNOWN_KEYS)) {
    expect(Object.keys(config.acceptance_tests[section]).filter((key) => key !== 'tests' && key !== 'bypass_reason')).toEqual([]);
    for (const entry of tests(section)) expect({ section, unknown: Object.keys(entry).filter((key) => !allowed.includes(key)) }).toEqual({ section, unknown: [] });
  }
  const [incremental] = tests('incremental');
  expect(Object.keys(incremental!.future_state).filter((key) => !['future_state_path', 'missing_streams', 'bypass_reason', 'cursor_format'].includes(key))).toEqual([]);
  const [read] = tests('basic_read');
  expect(Object.keys(read!.expect_records).filter((key) => !['bypass_reason', 'path', 'exact_order'].includes(key))).toEqual([]);
});

test('every file it names exists in the repository', () => {
  const named = paths(config.acceptance_tests);
  expect(named).toEqual(expect.arrayContaining([
    'spec.json', 'integration_tests/sample_config.json', 'integration_tests/invalid_config.json',
    'integration_tests/configured_catalog.json', 'integration_tests/abnormal_state.json',
  ]));
  for (const path of named) expect({ path, exists: existsSync(join(ROOT, path)) }).toEqual({ path, exists: true });
});

test('the image is the one metadata.yaml and the Dockerfile name', () => {
  const [repository, tag] = String(config.connector_image).split(':');
  const metadata = parse(readFileSync(join(ROOT, 'metadata.yaml'), 'utf8'));
  expect(repository).toBe(metadata.data.dockerRepository);
  expect(tag).toBe('dev');
  const dockerfile = readFileSync(join(ROOT, 'Dockerfile'), 'utf8');
  expect(dockerfile).toMatch(new RegExp(`LABEL io\\.airbyte\\.name=${repository!.replace('/', '\\/')}(\\s|$)`));
});

test('what high strictness demands (CAT test_core.py / test_incremental.py fixtures)', () => {
  // TestBasicRead.configured_catalog_fixture: no custom catalog for basic read at high strictness.
  for (const read of tests('basic_read')) {
    expect(read.configured_catalog_path).toBeUndefined();
    // should_validate_schema_fixture: validate_schema must stay true.
    expect(read.validate_schema ?? true).toBe(true);
    expect(read.fail_on_extra_columns ?? true).toBe(true);
    for (const empty of read.empty_streams ?? []) expect(empty.bypass_reason).toEqual(expect.any(String));
    expect(Boolean(read.expect_records?.path) !== Boolean(read.expect_records?.bypass_reason)).toBe(true);
  }
  // future_state_configuration_fixture: a future state (or a bypass reason) is required.
  for (const incremental of tests('incremental')) expect(incremental.future_state.future_state_path).toBe('integration_tests/abnormal_state.json');
  expect(tests('connection').map((t) => t.status).sort()).toEqual(['failed', 'succeed']);
});

test('the catalogs and state it points at are what the protocol expects', () => {
  const catalog = JSON.parse(readFileSync(join(ROOT, 'integration_tests', 'configured_catalog.json'), 'utf8'));
  expect(validateConfiguredCatalog(catalog)).toEqual([]);
  const state = JSON.parse(readFileSync(join(ROOT, 'integration_tests', 'abnormal_state.json'), 'utf8'));
  for (const entry of state) expect(entry).toEqual({ type: 'STREAM', stream: { stream_descriptor: { name: expect.any(String) }, stream_state: expect.any(Object) } });
});
