// plans: where lago-api's list differs from Lago's OpenAPI document.
// Read in lago-api: app/controllers/api/v1/plans_controller.rb#index, app/serializers/v1/plan_serializer.rb and the
// nested serializers it calls, db/structure.sql.
const PLAN = 'app/serializers/v1/plan_serializer.rb';
const TAX = 'app/serializers/v1/tax_serializer.rb';

// V1::TaxSerializer's constant counters, sent wherever a plan embeds taxes (plan, charges, minimum commitment)
const TAX_COUNTS = { add_ons_count: 'v0.42.0-beta', customers_count: 'v0.34.0-beta', plans_count: 'v0.41.0-beta', charges_count: 'v0.41.0-beta', commitments_count: 'v0.54.1-beta' };
const taxCounts = (at) =>
  Object.entries(TAX_COUNTS).map(([key, since]) => ({ path: `${at}.${key}`, source: TAX, since, add: { type: 'integer', description: 'Always 0.' } }));

/** @type {import('./types').StreamCorrections} */
export default {
  list:
    'Api::V1::PlansController#index → PlansQuery (include_pending_deletion: true, parent plans only) → V1::PlanSerializer, ' +
    'includes charges usage_thresholds applicable_usage_thresholds taxes minimum_commitment entitlements',
  checked: ['HEAD 1b1c24a6', 'v1.51.0', 'v1.30.0'],
  guaranteed: [
    { path: 'lago_id', source: 'plans.id uuid NOT NULL (db/structure.sql), plan_serializer.rb lago_id' },
    { path: 'name', source: 'plans.name NOT NULL' },
    { path: 'code', source: 'plans.code NOT NULL' },
    { path: 'created_at', source: 'plans.created_at NOT NULL, .iso8601' },
    { path: 'amount_currency', source: 'plans.amount_currency NOT NULL' },
    { path: 'pending_deletion', source: 'plans.pending_deletion boolean DEFAULT false NOT NULL' },
    { path: 'charges', source: 'plan_serializer.rb#charges: a collection, always sent with includes charges' },
    { path: 'charges[].lago_id', source: 'charges.id NOT NULL (charge_serializer.rb)' },
    { path: 'charges[].charge_model', source: 'charges.charge_model integer NOT NULL (enum)' },
    { path: 'taxes', source: 'plan_serializer.rb#taxes: a collection, always sent with includes taxes' },
  ],
  fields: [
    { path: 'customers_count', source: PLAN, since: 'v0.49.0-beta', add: { type: 'integer', description: 'Always 0 (a constant in the serializer).' } },
    { path: 'active_subscriptions_count', source: PLAN, since: 'v0.22.0-beta', add: { type: 'integer', description: 'Always 0 (a constant in the serializer).' } },
    { path: 'draft_invoices_count', source: PLAN, since: 'v0.22.0-beta', add: { type: 'integer', description: 'Always 0 (a constant in the serializer).' } },
    {
      path: 'parent_id',
      source: `${PLAN} (plans.parent_id uuid, nullable)`,
      since: 'v0.48.0-beta',
      add: { type: ['string', 'null'], description: 'Id of the parent plan of an overridden plan. The list has parent plans only (PlansQuery#base_scope Plan.parents), so it is null there.' },
    },
    {
      path: 'pending_deletion',
      source: `${PLAN}; app/services/plans/prepare_destroy_service.rb`,
      since: 'v1.32.0',
      add: { type: 'boolean', description: 'True while the plan is being deleted (the list includes such plans: plans_controller.rb#index include_pending_deletion: true).' },
    },
    {
      path: 'applicable_usage_thresholds',
      source: `${PLAN}#applicable_usage_thresholds, app/serializers/v1/applicable_usage_threshold_serializer.rb, app/models/plan.rb#applicable_usage_thresholds`,
      since: 'v1.39.0',
      add: {
        type: 'array',
        description: "The usage thresholds that apply to the plan (the parent plan's for an overridden plan).",
        items: {
          type: 'object',
          properties: { threshold_display_name: { type: ['string', 'null'] }, amount_cents: { type: 'integer' }, recurring: { type: 'boolean' } },
        },
      },
    },
    { path: 'fixed_charges', source: 'plans_controller.rb: only render_plan (show, create, update) includes fixed_charges', remove: true },
    {
      path: 'metadata',
      source: `${PLAN}#metadata (item_metadata.value jsonb object), app/serializers/v1/metadata_serializer.rb`,
      description: 'Key-value metadata of the plan. Sent only when the plan has metadata (since v1.39.0).',
    },
    { path: 'interval', source: 'app/models/plan.rb INTERVALS', values: ['weekly', 'monthly', 'yearly', 'quarterly', 'semiannual'] },
    { path: 'charges[].charge_model', source: 'app/models/charge.rb CHARGE_MODELS', values: ['standard', 'graduated', 'package', 'percentage', 'volume', 'graduated_percentage', 'custom', 'dynamic'] },
    { path: 'charges[].regroup_paid_fees', source: 'app/models/charge.rb REGROUPING_PAID_FEES_OPTIONS', values: ['invoice'] },
    { path: 'charges[].filters[].lago_id', source: 'app/serializers/v1/charge_filter_serializer.rb', since: 'v1.39.0', add: { type: 'string' } },
    { path: 'charges[].filters[].charge_code', source: 'app/serializers/v1/charge_filter_serializer.rb', since: 'v1.39.0', add: { type: 'string' } },
    // V1::Entitlement::PlanEntitlementSerializer sends the feature's fields directly, not under an `entitlement` key
    { path: 'entitlements[].entitlement', source: 'app/serializers/v1/entitlement/plan_entitlement_serializer.rb', remove: true },
    { path: 'entitlements[].code', source: 'app/serializers/v1/entitlement/plan_entitlement_serializer.rb (entitlement_features.code NOT NULL)', since: 'v1.32.0', add: { type: 'string' } },
    { path: 'entitlements[].name', source: 'app/serializers/v1/entitlement/plan_entitlement_serializer.rb', since: 'v1.32.0', add: { type: ['string', 'null'] } },
    { path: 'entitlements[].description', source: 'app/serializers/v1/entitlement/plan_entitlement_serializer.rb', since: 'v1.32.0', add: { type: ['string', 'null'] } },
    {
      path: 'entitlements[].privileges',
      source: 'app/serializers/v1/entitlement/plan_entitlement_serializer.rb#privileges (entitlement_privileges)',
      since: 'v1.32.0',
      add: {
        type: 'array',
        items: {
          type: 'object',
          properties: {
            code: { type: 'string' },
            name: { type: ['string', 'null'] },
            value_type: { type: 'string', description: 'Values: integer, boolean, string, select.' },
            value: { description: "Can be any of: integer, boolean, string (Utils::Entitlement.cast_value by the privilege's value_type)." },
            config: { type: 'object' },
          },
        },
      },
    },
    ...taxCounts('taxes[]'),
    ...taxCounts('charges[].taxes[]'),
    ...taxCounts('minimum_commitment.taxes[]'),
  ],
};
