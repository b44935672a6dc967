// customer_usage: what lago-api's current-usage action serializes (one usage object per subscription).
import type { Field, Fields, Serializer } from './types.js';

/** PresentationBreakdownSerializer (presentation_by jsonb, units numeric → string). */
const presentationBreakdowns = (since: string): Field => ({ since, array: { presentation_by: {}, units: {} } });

/** `pricing_unit_details`: null unless the charge bills in a pricing unit (`pricing_unit_usage&.then`). */
const pricingUnitDetails: Field = { since: '1.32.0', nullable: true, object: { amount_cents: {}, short_name: {}, conversion_rate: {} } };

/** One `filters[]` entry (`build_filter_data`): the default filter has no charge filter, so null name and values. */
const filterUsage: Fields = {
  units: {},
  total_aggregated_units: { since: '1.35.0' },
  events_count: {},
  amount_cents: {},
  pricing_unit_details: pricingUnitDetails,
  invoice_display_name: { nullable: true },
  values: { nullable: true },
  presentation_breakdowns: presentationBreakdowns('1.48.0'),
};

/**
 * V1::Customers::ChargeUsageSerializer (app/serializers/v1/customers/charge_usage_serializer.rb, HEAD 1b1c24a6;
 * `since` from its history: pricing units 1.32.0, total_aggregated_units 1.35.0, presentation breakdowns 1.46.0 and
 * 1.48.0 in filters, charge.code 1.50.0). Shared by current and past usage.
 */
export const chargeUsageFields: Fields = {
  units: {},
  total_aggregated_units: { since: '1.35.0' },
  events_count: {},
  amount_cents: {},
  amount_currency: {},
  pricing_unit_details: pricingUnitDetails,
  charge: { object: { lago_id: {}, code: { since: '1.50.0' }, charge_model: {}, invoice_display_name: { nullable: true } } },
  billable_metric: { object: { lago_id: {}, name: {}, code: {}, aggregation_type: {} } },
  filters: { array: filterUsage },
  grouped_usage: {
    array: {
      units: {},
      total_aggregated_units: { since: '1.35.0' },
      events_count: {},
      amount_cents: {},
      pricing_unit_details: pricingUnitDetails,
      grouped_by: {},
      filters: { array: filterUsage },
      presentation_breakdowns: presentationBreakdowns('1.46.0'),
    },
  },
  presentation_breakdowns: presentationBreakdowns('1.46.0'),
};

/** A usage period's own keys, the same in UsageSerializer and PastUsageSerializer (app/serializers/v1/customers/). */
export const usagePeriodFields: Fields = {
  from_datetime: {},
  to_datetime: {},
  issuing_date: {},
  currency: {},
  amount_cents: {},
  total_amount_cents: {},
  taxes_amount_cents: {},
};

export const customerUsage: Serializer = {
  source:
    'lago-api HEAD 1b1c24a6 and v1.51.0, v1.30.0: app/controllers/api/v1/customers/usage_controller.rb#current → ' +
    'app/services/invoices/customer_usage_service.rb#format_usage → app/serializers/v1/customers/usage_serializer.rb ' +
    '(includes charges_usage) → app/serializers/v1/customers/charge_usage_serializer.rb, presentation_breakdown_builder.rb',
  fields: {
    ...usagePeriodFields,
    // Always nil: the current period has no invoice yet (usage_serializer.rb).
    lago_invoice_id: { nullable: true },
    charges_usage: { array: chargeUsageFields },
  },
};
