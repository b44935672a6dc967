// taxes: GET /api/v1/taxes, read in lago-api at HEAD 1b1c24a6 (checked at v1.51.0, v1.30.0). `taxFields` is
// V1::TaxSerializer, which customers (includes taxes) and plans (includes taxes) embed too.
import type { Fields, Serializer } from './types.js';

/** V1::TaxSerializer (app/serializers/v1/tax_serializer.rb, HEAD 1b1c24a6): the *_count keys are constant 0. */
export const taxFields: Fields = {
  lago_id: {},
  name: {},
  code: {},
  rate: {},
  description: { nullable: true },
  applied_to_organization: {},
  add_ons_count: {},
  customers_count: {},
  plans_count: {},
  charges_count: {},
  commitments_count: {},
  created_at: {},
};

/**
 * The list renders V1::TaxWithBillingEntitiesSerializer since v1.51.0 (V1::TaxSerializer before): it adds the codes
 * of the billing entities the tax applies to (sorted), and `applied_to_organization` then means "applied to the
 * default billing entity" rather than the column.
 */
export const taxes: Serializer = {
  source:
    'lago-api HEAD 1b1c24a6 (checked at v1.51.0, v1.30.0): app/controllers/api/v1/taxes_controller.rb#index, ' +
    'app/queries/taxes_query.rb, app/serializers/v1/tax_with_billing_entities_serializer.rb, ' +
    'app/serializers/v1/tax_serializer.rb, db/structure.sql (taxes)',
  fields: {
    ...taxFields,
    applied_to_billing_entities_codes: { since: '1.51.0' },
  },
};
