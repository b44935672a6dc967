// customer_usage: where lago-api's current usage differs from Lago's OpenAPI document.
import { chargesUsageCorrections, connectorAddedFields } from './customer_usage_past.mjs';

/** @type {import('./types').StreamCorrections} */
export default {
  list:
    'Customers::UsageController#current → Invoices::CustomerUsageService#format_usage → V1::Customers::UsageSerializer (root customer_usage), includes charges_usage (V1::Customers::ChargeUsageSerializer); one request per active subscription',
  checked: ['HEAD 1b1c24a6', 'v1.51.0', 'v1.30.0'],
  guaranteed: [
    ...connectorAddedFields,
    {
      path: 'from_datetime',
      source: 'boundaries.charges_from_datetime.iso8601, no &. (app/services/invoices/customer_usage_service.rb#format_usage): always computed by Subscriptions::DatesService',
    },
  ],
  fields: [
    {
      path: 'lago_invoice_id',
      source: 'app/serializers/v1/customers/usage_serializer.rb (lago_invoice_id: nil)',
      description: 'Always null: the current period has no invoice yet.',
    },
    ...chargesUsageCorrections,
  ],
};
