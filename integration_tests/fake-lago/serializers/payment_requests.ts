// payment_requests: what lago-api's list action serializes.
import { customerFields } from './customers.js';
import { invoiceFields } from './invoices.js';
import type { Serializer } from './types.js';

// Read at HEAD 1b1c24a6, checked against v1.51.0 and v1.30.0 (the endpoint exists since v1.9.0).
export const paymentRequests: Serializer = {
  source:
    'lago-api HEAD 1b1c24a6 (checked v1.51.0, v1.30.0): app/controllers/api/v1/payment_requests_controller.rb#index → ' +
    'app/controllers/concerns/payment_request_index.rb (includes: %i[customer invoices]), ' +
    'app/serializers/v1/payment_request_serializer.rb (customer and invoices serialized without includes), ' +
    'app/serializers/v1/customer_serializer.rb, app/serializers/v1/invoice_serializer.rb, db/structure.sql `payment_requests`',
  fields: {
    lago_id: {},
    amount_cents: {},
    amount_currency: {},
    // a nullable column
    email: { nullable: true },
    payment_status: { since: '1.10.0' },
    created_at: {},
    customer: { object: customerFields },
    invoices: { array: invoiceFields },
  },
};
