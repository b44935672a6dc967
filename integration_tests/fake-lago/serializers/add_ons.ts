// add_ons: what lago-api's list action serializes.
import { taxFields } from './taxes.js';
import type { Serializer } from './types.js';

// Read at HEAD 1b1c24a6 (no change since v1.51.0), checked against v1.30.0. Nullability from db/structure.sql `add_ons`.
export const addOns: Serializer = {
  source:
    'app/controllers/api/v1/add_ons_controller.rb#index (includes taxes), app/serializers/v1/add_on_serializer.rb, ' +
    'app/serializers/v1/tax_serializer.rb, db/structure.sql; HEAD 1b1c24a6, v1.51.0, v1.30.0',
  fields: {
    lago_id: {},
    name: {},
    invoice_display_name: { nullable: true },
    code: {},
    amount_cents: {},
    amount_currency: {},
    created_at: {},
    description: { nullable: true },
    taxes: { array: taxFields },
  },
};
