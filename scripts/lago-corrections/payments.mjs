// payments: where lago-api's list differs from Lago's OpenAPI document (read at HEAD 1b1c24a6, v1.51.0, v1.30.0).
const SERIALIZER = 'app/serializers/v1/payment_serializer.rb';

/** @type {import('./types').StreamCorrections} */
export default {
  list:
    'Api::V1::PaymentsController#index → concerns/payment_index.rb → PaymentsQuery (created_at DESC, id ASC) → ' +
    'V1::PaymentSerializer, no includes',
  checked: ['HEAD 1b1c24a6', 'v1.51.0', 'v1.30.0'],
  guaranteed: [
    { path: 'lago_id', source: 'db/structure.sql payments.id uuid NOT NULL; payment_serializer.rb lago_id: model.id' },
    { path: 'lago_customer_id', source: 'db/structure.sql customers.id NOT NULL (model.payable.customer.id, v1.34.0)' },
    { path: 'external_customer_id', source: 'db/structure.sql customers.external_id NOT NULL (v1.34.0)' },
    { path: 'invoice_ids', source: `${SERIALIZER}#invoice_id (always an array)` },
    { path: 'lago_payable_id', source: 'db/structure.sql invoices.id / payment_requests.id NOT NULL (PaymentsQuery requires payable_id)' },
    { path: 'payable_type', source: "db/structure.sql payments.payable_type DEFAULT 'Invoice' NOT NULL" },
    { path: 'amount_cents', source: 'db/structure.sql payments.amount_cents bigint NOT NULL' },
    { path: 'amount_currency', source: 'db/structure.sql payments.amount_currency NOT NULL' },
    { path: 'status', source: 'db/structure.sql payments.status NOT NULL (v1.34.0)' },
    { path: 'type', source: "db/structure.sql payments.payment_type DEFAULT 'provider' NOT NULL" },
    { path: 'created_at', source: 'db/structure.sql payments.created_at NOT NULL' },
  ],
  fields: [
    {
      path: 'payment_method_id',
      source: `${SERIALIZER} (only a payment_method object, with the :payment_method include, which the list does not pass)`,
      remove: true,
    },
    { path: 'payment_status', source: 'app/models/payment.rb PAYABLE_PAYMENT_STATUS (payable_payment_status, a nullable column)', values: ['pending', 'processing', 'succeeded', 'failed'] },
    { path: 'type', source: 'app/models/payment.rb PAYMENT_TYPES', values: ['provider', 'manual'] },
    { path: 'payable_type', source: 'app/models/payment.rb (belongs_to :payable, polymorphic)', values: ['Invoice', 'PaymentRequest'] },
    {
      path: 'payment_provider_type',
      source: 'app/models/payment_providers/*.rb (the STI type column of payment_providers)',
      values: [
        'PaymentProviders::AdyenProvider', 'PaymentProviders::CashfreeProvider', 'PaymentProviders::FlutterwaveProvider',
        'PaymentProviders::GocardlessProvider', 'PaymentProviders::MoneyhashProvider', 'PaymentProviders::StripeProvider',
      ],
    },
    {
      path: 'status',
      source: 'app/models/payment_providers/*_provider.rb (PROCESSING_/SUCCESS_/FAILED_STATUSES)',
      description: "The payment provider's own status (e.g. Stripe succeeded, GoCardless paid_out, Adyen Authorised); succeeded for manual payments.",
    },
    {
      path: 'reference',
      source: 'app/models/payment.rb (validates reference presence on manual payments, absence on provider payments)',
      description: 'Reference of a manual payment; null for provider payments.',
    },
    {
      path: 'payment_provider_code',
      source: `${SERIALIZER} (payment_provider&.code)`,
      description: 'Code of the payment provider; null for manual payments.',
    },
    {
      path: 'provider_customer_id',
      source: `${SERIALIZER} (payment_provider_customer&.provider_customer_id)`,
      description: "The customer's id at the payment provider; null for manual payments.",
    },
  ],
};
