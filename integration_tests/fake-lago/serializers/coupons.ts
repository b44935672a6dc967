// coupons: what lago-api's list action serializes.
import type { Serializer } from './types.js';

// Read at HEAD 1b1c24a6 (no change since v1.51.0), checked against v1.30.0. Nullability from db/structure.sql `coupons`.
export const coupons: Serializer = {
  source:
    'app/controllers/api/v1/coupons_controller.rb#index (no includes), app/serializers/v1/coupon_serializer.rb, ' +
    'app/models/coupon.rb, db/structure.sql; HEAD 1b1c24a6, v1.51.0, v1.30.0',
  fields: {
    lago_id: {},
    name: {},
    code: {},
    description: { nullable: true },
    coupon_type: {},
    amount_cents: { nullable: true },
    amount_currency: { nullable: true },
    // numeric(10,5): a string
    percentage_rate: { nullable: true },
    frequency: {},
    frequency_duration: { nullable: true },
    reusable: {},
    limited_plans: {},
    limited_billable_metrics: {},
    plan_codes: {},
    billable_metric_codes: {},
    created_at: {},
    expiration: {},
    expiration_at: { nullable: true },
    terminated_at: { nullable: true },
  },
};
