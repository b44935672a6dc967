// customer_usage_past: what lago-api's past-usage list serializes (one period per invoice_subscription).
import { chargeUsageFields, usagePeriodFields } from './customer_usage.js';
import type { Serializer } from './types.js';

export const customerUsagePast: Serializer = {
  source:
    'lago-api HEAD 1b1c24a6 and v1.51.0, v1.30.0: app/controllers/api/v1/customers/usage_controller.rb#past → ' +
    'app/queries/past_usage_query.rb (every invoice_subscription of the external_id with charges_from_datetime, any ' +
    'invoice status) → app/serializers/v1/customers/past_usage_serializer.rb (includes charges_usage) → ' +
    'app/serializers/v1/customers/charge_usage_serializer.rb',
  fields: {
    ...usagePeriodFields,
    lago_invoice_id: {},
    charges_usage: { array: chargeUsageFields },
  },
};
