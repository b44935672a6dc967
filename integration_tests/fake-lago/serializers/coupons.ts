// coupons: what lago-api's list action serializes.
// STUB taken from the earlier fake's records: to be rewritten from lago-api's source (serializer, includes, columns).
import type { Serializer } from './types.js';

export const coupons: Serializer = {
  source: 'TODO',
  fields: {
    lago_id: {  },
    name: {  },
    code: {  },
    description: { nullable: true },
    coupon_type: {  },
    amount_cents: { nullable: true },
    amount_currency: { nullable: true },
    reusable: {  },
    limited_plans: {  },
    plan_codes: {  },
    limited_billable_metrics: {  },
    billable_metric_codes: {  },
    percentage_rate: { nullable: true },
    frequency: {  },
    frequency_duration: { nullable: true },
    expiration: {  },
    expiration_at: { nullable: true },
    created_at: {  },
    terminated_at: { nullable: true },
  },
};
