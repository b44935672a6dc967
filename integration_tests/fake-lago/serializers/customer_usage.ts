// customer_usage: what lago-api's list action serializes.
// STUB taken from the earlier fake's records: to be rewritten from lago-api's source (serializer, includes, columns).
import type { Serializer } from './types.js';

export const customerUsage: Serializer = {
  source: 'TODO',
  fields: {
    from_datetime: {  },
    to_datetime: {  },
    issuing_date: {  },
    lago_invoice_id: { nullable: true },
    currency: {  },
    amount_cents: {  },
    taxes_amount_cents: {  },
    total_amount_cents: {  },
    charges_usage: { array: {
      units: {  },
      total_aggregated_units: {  },
      events_count: {  },
      amount_cents: {  },
      amount_currency: {  },
      pricing_unit_details: { nullable: true },
      charge: { object: {
        lago_id: {  },
        charge_model: {  },
        invoice_display_name: { nullable: true },
      } },
      billable_metric: { object: {
        lago_id: {  },
        name: {  },
        code: {  },
        aggregation_type: {  },
      } },
      filters: {  },
      grouped_usage: {  },
      presentation_breakdowns: {  },
    } },
  },
};
