// taxes: what lago-api's list action serializes.
// STUB taken from the earlier fake's records: to be rewritten from lago-api's source (serializer, includes, columns).
import type { Serializer } from './types.js';

export const taxes: Serializer = {
  source: 'TODO',
  fields: {
    lago_id: {  },
    name: {  },
    code: {  },
    description: { nullable: true },
    rate: {  },
    applied_to_organization: {  },
    created_at: {  },
  },
};
