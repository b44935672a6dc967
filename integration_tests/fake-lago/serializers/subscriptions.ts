// subscriptions: what lago-api's list action serializes.
import type { Serializer } from './types.js';

// Read at HEAD 1b1c24a6, checked against v1.51.0, v1.45.2 and v1.30.0. The list passes no includes, so customer,
// plan, entitlements, applicable_usage_thresholds and applied_invoice_custom_sections are never sent.
// Nullability from db/structure.sql `subscriptions` and the serializer's `&.`.
export const subscriptions: Serializer = {
  source:
    'app/controllers/concerns/subscription_index.rb (no includes), app/serializers/v1/subscription_serializer.rb, ' +
    'app/serializers/v1/subscriptions/activation_rule_serializer.rb, app/models/subscription.rb, db/structure.sql; ' +
    'HEAD 1b1c24a6, v1.51.0, v1.45.2, v1.30.0',
  fields: {
    lago_id: {},
    external_id: {},
    lago_customer_id: {},
    external_customer_id: {},
    name: { nullable: true },
    plan_code: {},
    // plans.amount_cents is nullable on HEAD (product-catalog plans)
    plan_amount_cents: { since: '1.42.0', nullable: true },
    plan_amount_currency: { since: '1.42.0' },
    status: {},
    billing_time: {},
    subscription_at: { nullable: true },
    // iso8601(3) since v1.35.0; null until the subscription starts (pending, canceled)
    started_at: { nullable: true },
    trial_ended_at: { since: '1.2.0', nullable: true },
    ending_at: { nullable: true },
    terminated_at: { nullable: true },
    canceled_at: { nullable: true },
    created_at: {},
    previous_plan_code: { nullable: true },
    next_plan_code: { nullable: true },
    downgrade_plan_date: { nullable: true },
    current_billing_period_started_at: { since: '1.13.1', nullable: true },
    current_billing_period_ending_at: { since: '1.13.1', nullable: true },
    on_termination_credit_note: { since: '1.32.0', nullable: true },
    on_termination_invoice: { since: '1.32.0' },
    progressive_billing_disabled: { since: '1.44.0' },
    consolidate_invoice: { since: '1.47.0' },
    // after v1.51.0 (main only)
    purchase_order_number: { since: 'HEAD', nullable: true },
    // v1.45.2–v1.48.1 sent cancelation_reason, activated_at and activation_rules only with the
    // payment_gated_subscriptions feature flag; always since v1.49.0
    cancellation_reason: { since: '1.49.0', nullable: true },
    activated_at: { since: '1.49.0', nullable: true },
    payment_method: { since: '1.39.0', object: { payment_method_id: { nullable: true }, payment_method_type: {} } },
    activation_rules: {
      since: '1.49.0',
      array: { lago_id: {}, type: {}, timeout_hours: {}, status: {}, expires_at: { nullable: true }, created_at: {}, updated_at: {} },
    },
  },
};
