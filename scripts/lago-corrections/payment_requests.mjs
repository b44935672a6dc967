// payment_requests: where lago-api's list differs from Lago's OpenAPI document.
import { customerFields, customerGuaranteed } from './customers.mjs';
import { invoiceFields, invoiceGuaranteed } from './invoices.mjs';

const COLUMNS = 'db/structure.sql payment_requests';

/** @type {import('./types').StreamCorrections} */
export default {
  list:
    'Api::V1::PaymentRequestsController#index → concerns/payment_request_index.rb → PaymentRequestsQuery → ' +
    'V1::PaymentRequestSerializer, includes %i[customer invoices] (both serialized without includes)',
  checked: ['HEAD 1b1c24a6', 'v1.51.0', 'v1.30.0'],
  guaranteed: [
    { path: 'lago_id', source: `${COLUMNS}.id uuid NOT NULL` },
    { path: 'amount_cents', source: `${COLUMNS}.amount_cents NOT NULL` },
    { path: 'amount_currency', source: `${COLUMNS}.amount_currency NOT NULL` },
    { path: 'payment_status', source: `${COLUMNS}.payment_status NOT NULL (enum)` },
    { path: 'created_at', source: `${COLUMNS}.created_at NOT NULL, .iso8601` },
    { path: 'customer', source: `${COLUMNS}.customer_id NOT NULL` },
    ...customerGuaranteed('customer.', { integrations: false }),
    { path: 'invoices', source: 'app/serializers/v1/payment_request_serializer.rb#invoices (a collection)' },
    ...invoiceGuaranteed('invoices[].'),
  ],
  fields: [
    ...customerFields('customer.', { integrations: false }),
    ...invoiceFields('invoices[].', { thresholdsInDocument: false }),
  ],
};
