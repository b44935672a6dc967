// payments: GET /api/v1/payments (list since v1.19.0), read in lago-api at HEAD 1b1c24a6 (checked at v1.51.0, v1.30.0).
import type { Serializer } from './types.js';

/**
 * V1::PaymentSerializer without includes (app/controllers/concerns/payment_index.rb passes none, so no
 * `payment_method` / `payment_receipt`, and never a `payment_method_id`). Manual payments have no provider
 * (payments.payment_provider_id / payment_provider_customer_id NULL, so the `&.` keys are null) and a `reference`;
 * provider payments have no `reference` (app/models/payment.rb validates its absence).
 */
export const payments: Serializer = {
  source:
    'lago-api HEAD 1b1c24a6 (checked at v1.51.0, v1.30.0): app/controllers/api/v1/payments_controller.rb#index, ' +
    'app/controllers/concerns/payment_index.rb (no includes), app/serializers/v1/payment_serializer.rb, ' +
    'app/models/payment.rb, db/structure.sql (payments)',
  fields: {
    lago_id: {},
    lago_customer_id: { since: '1.34.0' },
    external_customer_id: { since: '1.34.0' },
    invoice_ids: {},
    invoice_numbers: { since: '1.44.0' },
    lago_payable_id: { since: '1.34.0' },
    payable_type: { since: '1.34.0' },
    amount_cents: {},
    amount_currency: {},
    status: { since: '1.34.0' }, // the provider's own status string (NOT NULL, free text)
    payment_status: { nullable: true }, // payable_payment_status, a nullable enum column
    type: {},
    reference: { nullable: true }, // manual payments only
    payment_provider_code: { nullable: true, since: '1.34.0' },
    payment_provider_type: { nullable: true, since: '1.34.0' },
    external_payment_id: { nullable: true }, // = provider_payment_id, deprecated
    provider_payment_id: { nullable: true, since: '1.34.0' },
    provider_customer_id: { nullable: true, since: '1.34.0' },
    next_action: { nullable: true, since: '1.34.0' }, // provider_payment_data, jsonb DEFAULT '{}' (nullable)
    created_at: {},
  },
};
