// applied_coupons: what lago-api's list action serializes.
import type { Serializer } from './types.js';

// Read at HEAD 1b1c24a6 (no change since v1.51.0), checked against v1.30.0. Nullability from db/structure.sql
// `applied_coupons`, `coupons`, `credits`.
export const appliedCoupons: Serializer = {
  source:
    'app/controllers/concerns/applied_coupon_index.rb (includes credits), app/serializers/v1/applied_coupon_serializer.rb, ' +
    'app/serializers/v1/credit_serializer.rb, app/models/credit.rb, db/structure.sql; HEAD 1b1c24a6, v1.51.0, v1.30.0',
  fields: {
    lago_id: {},
    lago_coupon_id: {},
    coupon_code: {},
    coupon_name: {},
    coupon_description: { since: '1.45.0', nullable: true },
    coupon_status: { since: '1.45.0' },
    coupon_deleted_at: { since: '1.45.0', nullable: true },
    lago_customer_id: {},
    external_customer_id: {},
    status: {},
    amount_cents: { nullable: true },
    // nil for recurring, forever and percentage coupons
    amount_cents_remaining: { nullable: true },
    amount_currency: { nullable: true },
    percentage_rate: { nullable: true },
    frequency: {},
    frequency_duration: { nullable: true },
    frequency_duration_remaining: { nullable: true },
    expiration_at: { nullable: true },
    created_at: {},
    terminated_at: { nullable: true },
    credits: {
      array: {
        lago_id: {},
        amount_cents: {},
        amount_currency: {},
        before_taxes: {},
        // Credit#item_*: for a coupon credit, the coupon's id, code, name and description
        item: { object: { lago_item_id: {}, type: {}, code: {}, name: {}, description: { since: '1.16.1', nullable: true } } },
        invoice: { object: { lago_id: {}, payment_status: {} } },
      },
    },
  },
};
