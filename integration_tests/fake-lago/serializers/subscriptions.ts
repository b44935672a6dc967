// subscriptions: what lago-api's list action serializes.
// STUB taken from the earlier fake's records: to be rewritten from lago-api's source (serializer, includes, columns).
import type { Serializer } from './types.js';

export const subscriptions: Serializer = {
  source: 'TODO',
  fields: {
    lago_id: {  },
    external_id: {  },
    lago_customer_id: {  },
    external_customer_id: {  },
    billing_entity_code: {  },
    billing_time: {  },
    name: { nullable: true },
    plan_code: {  },
    plan_amount_cents: {  },
    plan_amount_currency: {  },
    status: {  },
    created_at: {  },
    canceled_at: { nullable: true },
    started_at: { nullable: true },
    ending_at: { nullable: true },
    subscription_at: {  },
    terminated_at: { nullable: true },
    previous_plan_code: { nullable: true },
    next_plan_code: { nullable: true },
    downgrade_plan_date: { nullable: true },
    trial_ended_at: { nullable: true },
    current_billing_period_started_at: { nullable: true },
    current_billing_period_ending_at: { nullable: true },
    on_termination_credit_note: { nullable: true },
    on_termination_invoice: {  },
    applied_invoice_custom_sections: {  },
    payment_method: { object: {
      payment_method_type: {  },
      payment_method_id: {  },
    } },
    consolidate_invoice: {  },
    cancellation_reason: { nullable: true },
    activated_at: { nullable: true },
    activation_rules: {  },
    purchase_order_number: { nullable: true },
  },
};
