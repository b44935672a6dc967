// applied_coupons: what lago-api's list action serializes.
// STUB taken from the earlier fake's records: to be rewritten from lago-api's source (serializer, includes, columns).
import type { Serializer } from './types.js';

export const appliedCoupons: Serializer = {
  source: 'TODO',
  fields: {
    lago_id: {  },
    lago_coupon_id: {  },
    coupon_code: {  },
    coupon_name: {  },
    coupon_status: {  },
    coupon_deleted_at: { nullable: true },
    lago_customer_id: {  },
    external_customer_id: {  },
    status: {  },
    amount_cents: { nullable: true },
    amount_cents_remaining: { nullable: true },
    amount_currency: { nullable: true },
    percentage_rate: { nullable: true },
    frequency: {  },
    frequency_duration: { nullable: true },
    frequency_duration_remaining: { nullable: true },
    expiration_at: { nullable: true },
    created_at: {  },
    terminated_at: { nullable: true },
    credits: {  },
  },
};
