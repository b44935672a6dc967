// add_ons: where lago-api's list differs from Lago's OpenAPI document.
// Read in lago-api: app/controllers/api/v1/add_ons_controller.rb#index, app/serializers/v1/add_on_serializer.rb,
// app/serializers/v1/tax_serializer.rb, db/structure.sql.
const TAX = 'app/serializers/v1/tax_serializer.rb';
const TAX_COUNTS = { add_ons_count: 'v0.42.0-beta', customers_count: 'v0.34.0-beta', plans_count: 'v0.41.0-beta', charges_count: 'v0.41.0-beta', commitments_count: 'v0.54.1-beta' };

/** @type {import('./types').StreamCorrections} */
export default {
  list: 'Api::V1::AddOnsController#index → AddOnsQuery → V1::AddOnSerializer, includes taxes',
  checked: ['HEAD 1b1c24a6', 'v1.51.0', 'v1.30.0'],
  guaranteed: [
    { path: 'lago_id', source: 'add_ons.id uuid NOT NULL (db/structure.sql), add_on_serializer.rb lago_id' },
    { path: 'name', source: 'add_ons.name NOT NULL' },
    { path: 'code', source: 'add_ons.code NOT NULL' },
    { path: 'amount_cents', source: 'add_ons.amount_cents bigint NOT NULL' },
    { path: 'amount_currency', source: 'add_ons.amount_currency NOT NULL' },
    { path: 'created_at', source: 'add_ons.created_at NOT NULL, .iso8601' },
    { path: 'taxes', source: 'add_on_serializer.rb#taxes: a collection, always sent with includes taxes' },
  ],
  // V1::TaxSerializer's constant counters, in every embedded tax
  fields: Object.entries(TAX_COUNTS).map(([key, since]) => ({
    path: `taxes[].${key}`,
    source: TAX,
    since,
    add: { type: 'integer', description: 'Always 0.' },
  })),
};
