// fees: GET /api/v1/fees, read in lago-api at HEAD 1b1c24a6 (checked at v1.51.0 and v1.30.0).
import type { Fields, Serializer } from './types.js';

/**
 * V1::FeeSerializer without includes (app/serializers/v1/fee_serializer.rb): also what credit notes embed as
 * `items[].fee` (app/serializers/v1/credit_note_item_serializer.rb passes no includes). BigDecimal columns render as
 * strings (`units`, `precise_*`, `total_aggregated_units`); `customer` goes through the subscription
 * (app/models/fee.rb `has_one :customer, through: :subscription`), so fees without one have null customer ids.
 */
export const feeFields: Fields = {
  lago_id: {},
  lago_charge_id: { nullable: true, since: '1.15.0' },
  lago_charge_filter_id: { nullable: true },
  lago_fixed_charge_id: { nullable: true, since: '1.39.0' },
  lago_invoice_id: { nullable: true }, // pay-in-advance fees before their invoice
  lago_true_up_fee_id: { nullable: true },
  lago_true_up_parent_fee_id: { nullable: true },
  lago_original_fee_id: { nullable: true, since: '1.45.2' }, // root of a void/regenerate chain
  lago_subscription_id: { nullable: true },
  external_subscription_id: { nullable: true },
  lago_customer_id: { nullable: true },
  external_customer_id: { nullable: true },
  item: {
    object: {
      type: {},
      code: {},
      name: {},
      description: { nullable: true },
      invoice_display_name: {},
      filters: { nullable: true, since: '1.1.2' }, // charge_filter&.to_h
      filter_invoice_display_name: { nullable: true },
      lago_item_id: {},
      item_type: {},
      grouped_by: {},
    },
  },
  pay_in_advance: {},
  invoiceable: {},
  amount_cents: {},
  amount_currency: {},
  precise_amount: { since: '1.10.0' },
  precise_total_amount: { since: '1.10.0' },
  taxes_amount_cents: {},
  taxes_precise_amount: { since: '1.10.0' },
  taxes_rate: {},
  total_aggregated_units: { nullable: true, since: '1.35.0' }, // numeric, NULL outside charge fees
  total_amount_cents: {},
  total_amount_currency: {},
  units: {},
  description: { nullable: true },
  precise_unit_amount: {},
  precise_coupons_amount_cents: { since: '1.8.2' },
  sub_total_excluding_taxes_amount_cents: { since: '1.45.2' },
  sub_total_excluding_taxes_precise_amount_cents: { since: '1.45.2' },
  events_count: { nullable: true },
  payment_status: {},
  created_at: {},
  succeeded_at: { nullable: true },
  failed_at: { nullable: true },
  refunded_at: { nullable: true },
  amount_details: {}, // jsonb NOT NULL DEFAULT '{}': the charge model's details, {} for standard charges
  self_billed: { since: '1.16.1' },
  pricing_unit_details: {
    nullable: true, // null unless the charge is priced in a pricing unit
    since: '1.32.0',
    object: {
      lago_pricing_unit_id: {},
      pricing_unit_code: {},
      short_name: {},
      amount_cents: {},
      precise_amount_cents: {},
      unit_amount_cents: {},
      precise_unit_amount: {},
      conversion_rate: {},
    },
  }, // app/serializers/v1/pricing_unit_usage_serializer.rb
  presentation_breakdowns: { since: '1.46.0', array: { presentation_by: {}, units: {} } }, // presentation_breakdown_serializer.rb
  // Fee#date_boundaries, merged for charge, subscription, add-on and fixed-charge fees (charge and subscription
  // only before v1.39.0); from fee properties, so null when the period is not recorded.
  from_date: { nullable: true, when: 'charge, subscription, add-on and fixed-charge fees' },
  to_date: { nullable: true, when: 'charge, subscription, add-on and fixed-charge fees' },
  event_transaction_id: { nullable: true, when: 'pay-in-advance charge fees' },
};

export const fees: Serializer = {
  source:
    'lago-api HEAD 1b1c24a6 (checked at v1.51.0, v1.30.0): app/controllers/api/v1/fees_controller.rb#index ' +
    '(includes: %i[applied_taxes]), app/queries/fees_query.rb, app/serializers/v1/fee_serializer.rb, ' +
    'app/serializers/v1/fees/applied_tax_serializer.rb, app/serializers/v1/pricing_unit_usage_serializer.rb, ' +
    'app/serializers/v1/presentation_breakdown_serializer.rb, app/models/fee.rb, db/structure.sql (fees, fees_taxes)',
  fields: {
    ...feeFields,
    applied_taxes: {
      array: {
        lago_id: {},
        lago_fee_id: {},
        lago_tax_id: { nullable: true }, // fees_taxes.tax_id is nullable (the tax may be deleted)
        tax_name: {},
        tax_code: {},
        tax_rate: {},
        tax_description: { nullable: true },
        amount_cents: {},
        amount_currency: {},
        created_at: {},
      },
    },
  },
};
