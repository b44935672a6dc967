// webhook_endpoints: what lago-api's list action serializes.
// STUB taken from the earlier fake's records: to be rewritten from lago-api's source (serializer, includes, columns).
import type { Serializer } from './types.js';

export const webhookEndpoints: Serializer = {
  source: 'TODO',
  fields: {
    lago_id: {  },
    lago_organization_id: {  },
    webhook_url: {  },
    signature_algo: {  },
    name: { nullable: true },
    event_types: { nullable: true },
    created_at: {  },
  },
};
