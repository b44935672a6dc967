// Test helpers for the per-stream JSON schemas in schemas/ (derived from Lago's OpenAPI document by
// scripts/derive-schemas.mjs). Records the connector emits are validated the way Airbyte's acceptance tests do:
// draft-07, strict integers (ajv's default: 1.0 is not an integer), date-time / date formats checked.
import { readFileSync, readdirSync } from 'node:fs';
import { Ajv, type ValidateFunction } from 'ajv';
import ajvFormats from 'ajv-formats';

export const SCHEMAS_DIR = new URL('../../schemas/', import.meta.url);

/** Primary key of every stream (each a list of top-level field names), as the connector declares them. */
export const primaryKeys: Readonly<Record<string, readonly string[]>> = {
  customers: ['lago_id'],
  subscriptions: ['lago_id'],
  invoices: ['lago_id'],
  billable_metrics: ['lago_id'],
  plans: ['lago_id'],
  events: ['external_subscription_id', 'code', 'timestamp', 'transaction_id'],
  coupons: ['lago_id'],
  add_ons: ['lago_id'],
  customer_usage: ['external_subscription_id', 'from_datetime'],
  customer_usage_past: ['external_subscription_id', 'from_datetime', 'lago_invoice_id'],
  fees: ['lago_id'],
  credit_notes: ['lago_id'],
  wallets: ['lago_id'],
  wallet_transactions: ['lago_id'],
  applied_coupons: ['lago_id'],
  taxes: ['lago_id'],
  payment_requests: ['lago_id'],
  payments: ['lago_id'],
  billing_entities: ['lago_id'],
  webhook_endpoints: ['lago_id'],
};

/** Names of the streams that have a schema file, sorted. */
export function schemaStreamNames(): string[] {
  return readdirSync(SCHEMAS_DIR)
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.slice(0, -'.json'.length))
    .sort();
}

/** Reads one stream's schema from schemas/<stream>.json (throws if there is none). */
export function loadStreamSchema(stream: string): Record<string, unknown> {
  return JSON.parse(readFileSync(new URL(`${stream}.json`, SCHEMAS_DIR), 'utf8')) as Record<string, unknown>;
}

/** Every schema in schemas/, by stream name. */
export function loadStreamSchemas(): Record<string, object> {
  const out: Record<string, object> = {};
  for (const stream of schemaStreamNames()) out[stream] = loadStreamSchema(stream);
  return out;
}

// ajv-formats is CommonJS: depending on the loader the default import is the plugin or its module object.
type FormatsPlugin = typeof ajvFormats.default;
const addFormats: FormatsPlugin =
  (ajvFormats as unknown as { default?: FormatsPlugin }).default ?? (ajvFormats as unknown as FormatsPlugin);

/** A new Ajv as record validation uses it: draft-07, strict mode off (descriptions etc.), all errors, formats. */
export function newRecordAjv(): Ajv {
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  return ajv;
}

const validators = new Map<string, ValidateFunction>();

/**
 * A validator for one stream's records (the `data` of RECORD messages), compiled once per stream.
 * Integers are strict (1.0 fails `integer`); `date-time` and `date` formats are checked.
 */
export function makeRecordValidator(stream: string): ValidateFunction {
  let validate = validators.get(stream);
  if (!validate) {
    validate = newRecordAjv().compile(loadStreamSchema(stream));
    validators.set(stream, validate);
  }
  return validate;
}
