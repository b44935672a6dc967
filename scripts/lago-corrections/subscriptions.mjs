// subscriptions: where lago-api's list differs from Lago's OpenAPI document.
// Read in lago-api: app/controllers/concerns/subscription_index.rb, app/serializers/v1/subscription_serializer.rb,
// app/models/subscription.rb, db/structure.sql.
const SUB = 'app/serializers/v1/subscription_serializer.rb';

/** @type {import('./types').StreamCorrections} */
export default {
  list: 'Api::V1::SubscriptionsController#index → concerns/subscription_index.rb → SubscriptionsQuery → V1::SubscriptionSerializer, no includes',
  checked: ['HEAD 1b1c24a6', 'v1.51.0', 'v1.45.2', 'v1.30.0'],
  guaranteed: [
    { path: 'lago_id', source: 'subscriptions.id uuid NOT NULL (db/structure.sql), subscription_serializer.rb lago_id' },
    { path: 'external_id', source: 'subscriptions.external_id NOT NULL' },
    { path: 'lago_customer_id', source: 'subscriptions.customer_id NOT NULL' },
    { path: 'external_customer_id', source: 'customers.external_id NOT NULL (model.customer.external_id)' },
    { path: 'plan_code', source: 'plans.code NOT NULL (model.plan.code)' },
    { path: 'status', source: 'subscriptions.status integer NOT NULL (enum)' },
    { path: 'billing_time', source: 'subscriptions.billing_time integer DEFAULT 0 NOT NULL (enum)' },
    { path: 'created_at', source: 'subscriptions.created_at NOT NULL, .iso8601' },
  ],
  fields: [
    {
      path: 'progressive_billing_disabled',
      source: `${SUB} (subscriptions.progressive_billing_disabled boolean DEFAULT false NOT NULL)`,
      since: 'v1.44.0',
      add: { type: 'boolean', description: 'Whether progressive billing (usage thresholds) is disabled for this subscription.' },
    },
    { path: 'billing_entity_code', source: `${SUB}: never a key of the serializer`, remove: true },
    { path: 'applied_invoice_custom_sections', source: `${SUB}: only with includes applied_invoice_custom_sections (show, create, update), not the list`, remove: true },
    {
      path: 'status',
      source: 'app/models/subscription.rb STATUSES',
      values: ['pending', 'active', 'terminated', 'canceled', 'incomplete'],
      description:
        'Values (app/models/subscription.rb STATUSES): pending, active, terminated, canceled, incomplete (since v1.45.2: ' +
        'started but gated by a pending activation rule, activated_at is null). The list filters by status[] and sends active ' +
        'subscriptions only when it is blank.',
    },
    {
      path: 'cancellation_reason',
      source: `${SUB}; app/models/subscription.rb CANCELLATION_REASONS`,
      values: ['payment_failed', 'timeout'],
      description:
        'Values (app/models/subscription.rb CANCELLATION_REASONS): payment_failed, timeout. Sent by every list since v1.49.0; ' +
        'v1.45.2 to v1.48.1 sent it (as cancelation_reason) only with the payment_gated_subscriptions feature flag.',
    },
    {
      path: 'activated_at',
      source: SUB,
      description: 'When the subscription became active (null while pending or incomplete). Sent by every list since v1.49.0 (v1.45.2 to v1.48.1: only with the payment_gated_subscriptions feature flag).',
    },
    {
      path: 'activation_rules',
      source: `${SUB}#activation_rules, app/serializers/v1/subscriptions/activation_rule_serializer.rb`,
      description: 'Rules gating the activation (a payment rule). Sent by every list since v1.49.0 (v1.45.2 to v1.48.1: only with the payment_gated_subscriptions feature flag).',
    },
    { path: 'on_termination_credit_note', source: 'app/models/subscription.rb ON_TERMINATION_CREDIT_NOTES', values: ['credit', 'skip', 'refund', 'offset'] },
    { path: 'payment_method.payment_method_type', source: 'db/structure.sql payment_method_types', values: ['provider', 'manual'] },
  ],
};
