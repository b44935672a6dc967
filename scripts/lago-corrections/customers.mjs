// customers: where lago-api's list differs from Lago's OpenAPI document. The customer entries are also used for the
// customer that invoices, credit notes and payment requests embed (V1::CustomerSerializer), at a path prefix.
const SERIALIZER = 'app/serializers/v1/customer_serializer.rb';
const COLUMNS = 'db/structure.sql customers';
const INTEGRATION = 'app/serializers/v1/integration_customer_serializer.rb';

/** V1::IntegrationCustomerSerializer's keys after v1.51.0 (HEAD 1b1c24a6). */
const integrationHeadFields = (at) => [
  { path: `${at}.code`, since: 'HEAD', source: `${INTEGRATION} (after v1.51.0); integration_customers.code, nullable`, add: { type: ['string', 'null'], description: 'Code of the integration connection for this customer.' } },
  { path: `${at}.is_default`, since: 'HEAD', source: `${INTEGRATION} (after v1.51.0); integration_customers.is_default NOT NULL`, add: { type: 'boolean', description: 'Whether this is the default connection of its category.' } },
  { path: `${at}.category`, since: 'HEAD', source: `${INTEGRATION} (after v1.51.0); enum connection_category, nullable`, add: { type: ['string', 'null'], description: 'Values (lago-api db/structure.sql connection_category): payment, tax, accounting, crm.' } },
];

/** The integration_customers array, for a customer whose document schema lacks it. */
export const integrationCustomersSchema = {
  type: 'array',
  description: 'The customer\'s integration connections (V1::IntegrationCustomerSerializer, settings merged in).',
  items: {
    type: 'object',
    properties: {
      lago_id: { type: 'string' },
      external_customer_id: { type: ['string', 'null'] },
      type: { type: 'string', description: 'Values (lago-api app/serializers/v1/integration_customer_serializer.rb): netsuite, anrok, avalara, xero, hubspot, salesforce.' },
      integration_code: { type: 'string' },
      sync_with_provider: { type: ['boolean', 'null'] },
      subsidiary_id: { type: 'string', description: 'NetSuite customers only (settings).' },
      targeted_object: { type: ['string', 'null'], description: 'HubSpot customers only (settings).' },
      email: { type: ['string', 'null'], description: 'HubSpot customers only (settings).' },
    },
  },
};

/** Field entries for a customer serialized at `prefix` ('' or 'customer.'); `integrations`: the includes pass them. */
export function customerFields(prefix, { integrations, integrationsInDocument = integrations }) {
  const fields = [
    { path: `${prefix}external_salesforce_id`, since: 'v0.44.1-beta', source: `${SERIALIZER}; ${COLUMNS}.external_salesforce_id, nullable`, add: { type: ['string', 'null'], description: 'The customer\'s Salesforce id.' } },
    // the `case model.payment_provider` branch and the provider customer's settings (payment_provider_customers/*)
    { path: `${prefix}billing_configuration.payment_provider`, source: 'app/models/customer.rb PAYMENT_PROVIDERS', values: ['stripe', 'gocardless', 'cashfree', 'adyen', 'flutterwave', 'moneyhash'] },
    { path: `${prefix}billing_configuration.provider_mandate_id`, since: 'v0.15.0-alpha', source: 'app/models/payment_provider_customers/base_customer.rb settings_accessors, merged by #billing_configuration', add: { type: ['string', 'null'], description: 'From the payment provider customer\'s settings, when set.' } },
    { path: `${prefix}billing_configuration.payment_method_id`, since: 'v0.13.3-alpha', source: 'app/models/payment_provider_customers/{stripe,adyen,moneyhash}_customer.rb settings_accessors, merged by #billing_configuration', add: { type: ['string', 'null'], description: 'From the payment provider customer\'s settings, when a payment method was saved.' } },
    // a create/update parameter, never serialized
    { path: `${prefix}billing_configuration.sync`, source: `${SERIALIZER}#billing_configuration (no such key)`, remove: true },
  ];
  if (integrations && integrationsInDocument) {
    fields.push(
      ...integrationHeadFields(`${prefix}integration_customers[]`),
      { path: `${prefix}integration_customers[].type`, source: INTEGRATION, values: ['netsuite', 'anrok', 'avalara', 'xero', 'hubspot', 'salesforce'] },
    );
  } else if (integrations) {
    fields.push(
      { path: `${prefix}integration_customers`, since: 'v1.45.0', source: `app/controllers/concerns/credit_note_index.rb includes {customer: [:integration_customers]}; ${INTEGRATION}`, add: integrationCustomersSchema },
      ...integrationHeadFields(`${prefix}integration_customers[]`),
    );
  }
  return fields;
}

/** NOT NULL columns (or methods that never return nil) the serializer always sends, at `prefix`. */
export function customerGuaranteed(prefix, { integrations }) {
  const g = [
    { path: `${prefix}lago_id`, source: `${COLUMNS}.id uuid NOT NULL` },
    { path: `${prefix}external_id`, source: `${COLUMNS}.external_id NOT NULL` },
    { path: `${prefix}billing_entity_code`, source: `${COLUMNS}.billing_entity_id NOT NULL → billing_entities.code NOT NULL` },
    { path: `${prefix}account_type`, source: `${COLUMNS}.account_type NOT NULL` },
    { path: `${prefix}applicable_timezone`, source: 'app/models/customer.rb#applicable_timezone (falls back to "UTC")' },
    { path: `${prefix}created_at`, source: `${COLUMNS}.created_at NOT NULL, .iso8601` },
    { path: `${prefix}updated_at`, source: `${COLUMNS}.updated_at NOT NULL, .iso8601` },
    { path: `${prefix}finalize_zero_amount_invoice`, source: `${COLUMNS}.finalize_zero_amount_invoice NOT NULL (enum)` },
    { path: `${prefix}skip_invoice_custom_sections`, source: `${COLUMNS}.skip_invoice_custom_sections NOT NULL` },
    { path: `${prefix}billing_configuration`, source: `${SERIALIZER}#billing_configuration (always a hash)` },
    { path: `${prefix}shipping_address`, source: 'app/models/customer.rb#shipping_address (always a hash)' },
    { path: `${prefix}metadata`, source: `${SERIALIZER}#metadata (a collection, always sent)` },
    { path: `${prefix}metadata[].lago_id`, source: 'db/structure.sql customer_metadata.id NOT NULL' },
    { path: `${prefix}metadata[].key`, source: 'db/structure.sql customer_metadata.key NOT NULL' },
    { path: `${prefix}metadata[].value`, source: 'db/structure.sql customer_metadata.value NOT NULL' },
    { path: `${prefix}metadata[].display_in_invoice`, source: 'db/structure.sql customer_metadata.display_in_invoice NOT NULL' },
    { path: `${prefix}metadata[].created_at`, source: 'db/structure.sql customer_metadata.created_at NOT NULL' },
  ];
  if (integrations) {
    g.push(
      { path: `${prefix}integration_customers`, source: `${SERIALIZER}#integration_customers (a collection)` },
      { path: `${prefix}integration_customers[].lago_id`, source: 'db/structure.sql integration_customers.id NOT NULL' },
      { path: `${prefix}integration_customers[].type`, source: 'db/structure.sql integration_customers.type NOT NULL, mapped by #type' },
    );
  }
  return g;
}

/** @type {import('./types').StreamCorrections} */
export default {
  list: 'Api::V1::CustomersController#index → V1::CustomerSerializer, includes %i[taxes integration_customers]',
  checked: ['HEAD 1b1c24a6', 'v1.51.0', 'v1.30.0'],
  guaranteed: [
    ...customerGuaranteed('', { integrations: true }),
    { path: 'taxes', source: `${SERIALIZER}#taxes (a collection)` },
    { path: 'taxes[].lago_id', source: 'db/structure.sql taxes.id NOT NULL' },
    { path: 'taxes[].name', source: 'db/structure.sql taxes.name NOT NULL' },
    { path: 'taxes[].code', source: 'db/structure.sql taxes.code NOT NULL' },
    { path: 'taxes[].rate', source: 'db/structure.sql taxes.rate NOT NULL' },
    { path: 'taxes[].applied_to_organization', source: 'db/structure.sql taxes.applied_to_organization NOT NULL' },
    { path: 'taxes[].created_at', source: 'db/structure.sql taxes.created_at NOT NULL' },
  ],
  fields: [
    ...customerFields('', { integrations: true }),
    // V1::TaxSerializer sends five constant counters
    ...Object.entries({ add_ons_count: 'v0.42.0-beta', customers_count: 'v0.34.0-beta', plans_count: 'v0.41.0-beta', charges_count: 'v0.41.0-beta', commitments_count: 'v0.54.1-beta' }).map(([key, since]) => ({
      path: `taxes[].${key}`,
      since,
      source: 'app/serializers/v1/tax_serializer.rb (constant 0)',
      add: { type: 'integer', description: 'Always 0 in this list (V1::TaxSerializer).' },
    })),
    // show-only includes (customers_controller.rb#render_customer)
    { path: 'applicable_invoice_custom_sections', source: 'app/controllers/api/v1/customers_controller.rb#render_customer (show only)', remove: true },
    { path: 'error_details', source: 'app/controllers/api/v1/customers_controller.rb#render_customer (show only)', remove: true },
  ],
};
