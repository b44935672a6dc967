// events: what lago-api's list action serializes.
// STUB taken from the earlier fake's records: to be rewritten from lago-api's source (serializer, includes, columns).
import type { Serializer } from './types.js';

export const events: Serializer = {
  source: 'TODO',
  fields: {
    lago_id: { nullable: true },
    transaction_id: {  },
    lago_customer_id: {  },
    code: {  },
    timestamp: {  },
    precise_total_amount_cents: { nullable: true },
    properties: { object: {
      method: { when: 'TODO' },
      user_id: { when: 'TODO' },
      operation_type: { when: 'TODO' },
      gb: { when: 'TODO' },
      hours: { when: 'TODO' },
      region: { when: 'TODO' },
      tokens: { when: 'TODO' },
      model: { when: 'TODO' },
    } },
    lago_subscription_id: {  },
    external_subscription_id: {  },
    external_customer_id: { nullable: true },
    created_at: {  },
  },
};
