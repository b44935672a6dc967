// billable_metrics: what lago-api's list action serializes.
import type { Serializer } from './types.js';

// Read at HEAD 1b1c24a6 (no change since v1.51.0), checked against v1.30.0. Nullability from db/structure.sql
// `billable_metrics`.
export const billableMetrics: Serializer = {
  source:
    'app/controllers/api/v1/billable_metrics_controller.rb#index (includes counters, "DEPRECATED since 2024-11-22"), ' +
    'app/serializers/v1/billable_metric_serializer.rb, billable_metric_filter_serializer.rb, db/structure.sql; ' +
    'HEAD 1b1c24a6, v1.51.0, v1.30.0',
  fields: {
    lago_id: {},
    name: {},
    code: {},
    description: { nullable: true },
    aggregation_type: {},
    weighted_interval: { nullable: true },
    recurring: {},
    rounding_function: { since: '1.16.0', nullable: true },
    rounding_precision: { since: '1.16.0', nullable: true },
    created_at: {},
    field_name: { nullable: true },
    expression: { since: '1.16.0', nullable: true },
    // `counters`: constant 0 (the list passes includes: %i[counters]; before v1.16.1 they were always sent)
    active_subscriptions_count: {},
    draft_invoices_count: {},
    plans_count: {},
    // V1::BillableMetricFilterSerializer: values sorted
    filters: { array: { key: {}, values: {} } },
  },
};
