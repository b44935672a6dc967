// taxes: what lago-api's list action serializes.
// STUB for the list (to be finished from lago-api's source); `taxFields` is V1::TaxSerializer at HEAD 1b1c24a6,
// which customers (includes taxes) and plans (includes taxes) embed too.
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

export const taxes: Serializer = {
  source: 'TODO',
  fields: { ...taxFields },
};
