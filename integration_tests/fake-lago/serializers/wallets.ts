// wallets: what lago-api's wallet list serializes.
import type { Fields, Serializer } from './types.js';

/** V1::PaymentMethod hash of wallets, rules and transactions: payment_method_type is NOT NULL (provider|manual). */
export const paymentMethodFields: Fields = { payment_method_id: { nullable: true }, payment_method_type: {} };

/**
 * V1::AppliedInvoiceCustomSectionSerializer with V1::InvoiceCustomSectionSerializer nested (HEAD 1b1c24a6):
 * the section has no created_at, and applied_to_organization left it in v1.33.3 (3f57d6131).
 */
const appliedInvoiceCustomSections: Fields = {
  lago_id: {},
  invoice_custom_section_id: {},
  created_at: {},
  invoice_custom_section: {
    object: {
      lago_id: {},
      code: {},
      name: {},
      description: { nullable: true },
      details: { nullable: true },
      display_name: { nullable: true },
      organization_id: {},
    },
  },
};

export const wallets: Serializer = {
  source:
    'lago-api HEAD 1b1c24a6 and v1.51.0, v1.30.0: app/controllers/api/v1/wallets_controller.rb#index → ' +
    'app/controllers/concerns/wallet_actions.rb#wallet_index (includes recurring_transaction_rules, limitations since ' +
    'v1.32.0, applied_invoice_custom_sections since v1.45.0) → app/serializers/v1/wallet_serializer.rb, ' +
    'app/serializers/v1/wallets/recurring_transaction_rule_serializer.rb (currently active rules only), ' +
    'app/serializers/v1/applied_invoice_custom_section_serializer.rb; columns: db/structure.sql `wallets`, ' +
    '`recurring_transaction_rules`',
  fields: {
    lago_id: {},
    lago_customer_id: {},
    external_customer_id: {},
    billing_entity_code: { since: '1.48.1' },
    status: {},
    currency: {},
    name: { nullable: true },
    code: { since: '1.41.0', nullable: true },
    purchase_order_number: { since: 'HEAD', nullable: true },
    rate_amount: {},
    credits_balance: {},
    credits_ongoing_balance: {},
    credits_ongoing_usage_balance: {},
    balance_cents: {},
    ongoing_balance_cents: {},
    ongoing_usage_balance_cents: {},
    consumed_credits: {},
    created_at: {},
    expiration_at: { nullable: true },
    last_balance_sync_at: { nullable: true },
    last_consumed_credit_at: { nullable: true },
    // a raw TimeWithZone (no .iso8601): Rails renders it with milliseconds
    terminated_at: { nullable: true },
    invoice_requires_successful_payment: {},
    paid_top_up_min_amount_cents: { since: '1.34.1', nullable: true },
    paid_top_up_max_amount_cents: { since: '1.34.1', nullable: true },
    priority: { since: '1.35.0' },
    recurring_transaction_rules: {
      array: {
        lago_id: {},
        paid_credits: {},
        granted_credits: {},
        grants_target_top_up: { since: '1.49.0' },
        interval: { nullable: true },
        method: {},
        started_at: { nullable: true },
        expiration_at: { nullable: true },
        status: {},
        target_ongoing_balance: { nullable: true },
        threshold_credits: { nullable: true },
        trigger: {},
        created_at: {},
        invoice_requires_successful_payment: {},
        transaction_metadata: { nullable: true },
        transaction_name: { since: '1.33.4', nullable: true },
        purchase_order_number: { since: 'HEAD', nullable: true },
        ignore_paid_top_up_limits: { since: '1.34.1' },
        applied_invoice_custom_sections: { since: '1.38.0', array: appliedInvoiceCustomSections },
        payment_method: { since: '1.39.0', object: paymentMethodFields },
      },
    },
    applies_to: { since: '1.32.0', object: { fee_types: {}, billable_metric_codes: { since: '1.32.1' } } },
    applied_invoice_custom_sections: { since: '1.45.0', array: appliedInvoiceCustomSections },
    payment_method: { since: '1.39.0', object: paymentMethodFields },
    metadata: { since: '1.40.0', when: 'the wallet has metadata (`if model.metadata.present?`)' },
  },
};
