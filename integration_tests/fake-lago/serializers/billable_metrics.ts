// billable_metrics: what lago-api's list action serializes.
// STUB taken from the earlier fake's records: to be rewritten from lago-api's source (serializer, includes, columns).
import type { Serializer } from './types.js';

export const billableMetrics: Serializer = {
  source: 'TODO',
  fields: {
    lago_id: {  },
    name: {  },
    code: {  },
    description: { nullable: true },
    recurring: {  },
    rounding_function: { nullable: true },
    rounding_precision: { nullable: true },
    created_at: {  },
    expression: {  },
    field_name: { nullable: true },
    aggregation_type: {  },
    weighted_interval: { nullable: true },
    filters: { array: {
      key: {  },
      values: {  },
    } },
  },
};
