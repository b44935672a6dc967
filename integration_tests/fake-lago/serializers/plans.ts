// plans: what lago-api's list action serializes.
import { taxFields } from './taxes.js';
import type { Fields, Serializer } from './types.js';

// Read at HEAD 1b1c24a6 (no change since v1.51.0), checked against v1.30.0. Nullability from db/structure.sql
// (`plans`, `charges`, `charge_filters`, `commitments`, `usage_thresholds`, `entitlement_*`).

/** V1::ChargeFilterSerializer (app/serializers/v1/charge_filter_serializer.rb). */
const chargeFilterFields: Fields = {
  lago_id: { since: '1.39.0' },
  charge_code: { since: '1.39.0' },
  invoice_display_name: { since: '1.0.0', nullable: true },
  // the charge_filters.properties jsonb (charge-model specific)
  properties: { since: '1.0.0' },
  // ChargeFilter#to_h: { billable metric filter key => [values] }
  values: { since: '1.1.0' },
};

/** V1::ChargeSerializer with includes [:taxes] (app/serializers/v1/charge_serializer.rb). */
const chargeFields: Fields = {
  lago_id: {},
  lago_billable_metric_id: {},
  code: { since: '1.39.0' },
  invoice_display_name: { nullable: true },
  billable_metric_code: {},
  created_at: {},
  charge_model: {},
  invoiceable: {},
  regroup_paid_fees: { since: '1.6.1', nullable: true },
  pay_in_advance: {},
  prorated: {},
  min_amount_cents: {},
  accepts_target_wallet: { since: '1.42.0' },
  // the charges.properties jsonb, keys depending on charge_model
  properties: {},
  // nil when the charge has no applied pricing unit
  applied_pricing_unit: { since: '1.32.0', nullable: true, object: { conversion_rate: {}, code: {} } },
  lago_parent_id: { since: '1.39.0', nullable: true },
  filters: { since: '1.0.0', array: chargeFilterFields },
  taxes: { array: taxFields },
};

export const plans: Serializer = {
  source:
    'app/controllers/api/v1/plans_controller.rb#index (PlansQuery include_pending_deletion: true, Plan.parents; includes ' +
    'charges usage_thresholds applicable_usage_thresholds taxes minimum_commitment entitlements), ' +
    'app/serializers/v1/plan_serializer.rb, charge_serializer.rb, charge_filter_serializer.rb, commitment_serializer.rb, ' +
    'usage_threshold_serializer.rb, applicable_usage_threshold_serializer.rb, entitlement/plan_entitlement_serializer.rb, ' +
    'metadata_serializer.rb, tax_serializer.rb, db/structure.sql; HEAD 1b1c24a6, v1.51.0, v1.30.0',
  fields: {
    lago_id: {},
    name: {},
    invoice_display_name: { nullable: true },
    created_at: {},
    code: {},
    // nullable on HEAD: product-catalog plans (check_plans_on_legacy_billing_fields)
    interval: { nullable: true },
    description: { nullable: true },
    amount_cents: { nullable: true },
    amount_currency: {},
    trial_period: { nullable: true },
    pay_in_advance: { nullable: true },
    bill_charges_monthly: { nullable: true },
    bill_fixed_charges_monthly: { since: '1.33.0', nullable: true },
    // constants (0) in the serializer
    customers_count: {},
    active_subscriptions_count: {},
    draft_invoices_count: {},
    // always null here: the list has parent plans only (PlansQuery#base_scope Plan.parents)
    parent_id: { nullable: true },
    pending_deletion: { since: '1.32.0' },
    charges: { array: chargeFields },
    entitlements: {
      since: '1.32.0',
      array: {
        code: {},
        name: { nullable: true },
        description: { nullable: true },
        privileges: {
          array: { code: {}, name: { nullable: true }, value_type: {}, value: {}, config: {} },
        },
      },
    },
    usage_thresholds: {
      since: '1.9.0',
      array: { lago_id: {}, threshold_display_name: { nullable: true }, amount_cents: {}, recurring: {}, created_at: {}, updated_at: {} },
    },
    // Plan#applicable_usage_thresholds: the parent's (or its own) thresholds, without ids
    applicable_usage_thresholds: {
      since: '1.39.0',
      array: { threshold_display_name: { nullable: true }, amount_cents: {}, recurring: {} },
    },
    taxes: { array: taxFields },
    // V1::CommitmentSerializer with includes [:taxes], except commitment_type
    minimum_commitment: {
      when: 'the plan has a minimum commitment',
      object: {
        lago_id: {},
        plan_code: {},
        invoice_display_name: { nullable: true },
        amount_cents: {},
        interval: { nullable: true },
        created_at: {},
        updated_at: {},
        taxes: { array: taxFields },
      },
    },
    // item_metadata.value (a JSON object), only when the plan has metadata
    metadata: { since: '1.39.0', when: 'the plan has metadata' },
  },
};
