// taxes: where lago-api's list differs from Lago's OpenAPI document (read at HEAD 1b1c24a6, v1.51.0, v1.30.0).
const SERIALIZER = 'app/serializers/v1/tax_serializer.rb';
const count = (name, since, what) => ({
  path: name,
  source: `${SERIALIZER} (constant 0 since 01bc75ab8, v1.16.x)`,
  since,
  add: { type: 'integer', description: `Number of ${what} (always 0: lago-api no longer counts them).` },
});

/** @type {import('./types').StreamCorrections} */
export default {
  list:
    'Api::V1::TaxesController#index → TaxesQuery (name, then created_at DESC, id ASC) → ' +
    'V1::TaxWithBillingEntitiesSerializer since v1.51.0 (V1::TaxSerializer before)',
  checked: ['HEAD 1b1c24a6', 'v1.51.0', 'v1.30.0'],
  guaranteed: [
    { path: 'lago_id', source: `db/structure.sql taxes.id uuid NOT NULL; ${SERIALIZER} lago_id: model.id` },
    { path: 'name', source: 'db/structure.sql taxes.name NOT NULL' },
    { path: 'code', source: 'db/structure.sql taxes.code NOT NULL' },
    { path: 'rate', source: 'db/structure.sql taxes.rate double precision NOT NULL' },
    { path: 'applied_to_organization', source: 'db/structure.sql taxes.applied_to_organization NOT NULL (a boolean expression since v1.51.0)' },
    { path: 'created_at', source: 'db/structure.sql taxes.created_at NOT NULL' },
    { path: 'add_ons_count', source: `${SERIALIZER} (constant 0)` },
    { path: 'customers_count', source: `${SERIALIZER} (constant 0)` },
    { path: 'plans_count', source: `${SERIALIZER} (constant 0)` },
    { path: 'charges_count', source: `${SERIALIZER} (constant 0)` },
    { path: 'commitments_count', source: `${SERIALIZER} (constant 0)` },
    { path: 'applied_to_billing_entities_codes', source: 'app/serializers/v1/tax_with_billing_entities_serializer.rb (an array, .map.sort)' },
  ],
  fields: [
    count('add_ons_count', 'v0.42.0-beta', 'add-ons using the tax'),
    count('customers_count', 'v0.34.0-beta', 'customers using the tax'),
    count('plans_count', 'v0.41.0-beta', 'plans using the tax'),
    count('charges_count', 'v0.41.0-beta', 'charges using the tax'),
    count('commitments_count', 'v0.54.1-beta', 'commitments using the tax'),
    {
      path: 'applied_to_billing_entities_codes',
      source: 'app/serializers/v1/tax_with_billing_entities_serializer.rb',
      since: 'v1.51.0',
      add: { type: 'array', items: { type: 'string' }, description: 'Codes of the billing entities the tax applies to, sorted.' },
    },
    {
      path: 'applied_to_organization',
      source: 'app/serializers/v1/tax_with_billing_entities_serializer.rb#applied_to_organization?',
      description: "Whether the tax applies to the organization's default billing entity (since v1.51.0; the taxes column before).",
    },
  ],
};
