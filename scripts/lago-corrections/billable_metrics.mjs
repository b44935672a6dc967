// billable_metrics: where lago-api's list differs from Lago's OpenAPI document.
// Read in lago-api: app/controllers/api/v1/billable_metrics_controller.rb#index, app/serializers/v1/billable_metric_serializer.rb,
// app/models/billable_metric.rb, db/structure.sql.
const BM = 'app/serializers/v1/billable_metric_serializer.rb';
const counter = (path, since) => ({
  path,
  source: `${BM}#counters (billable_metrics_controller.rb#index passes includes: %i[counters], "DEPRECATED since 2024-11-22")`,
  since,
  add: { type: 'integer', description: 'Always 0 (a constant in the serializer).' },
});

/** @type {import('./types').StreamCorrections} */
export default {
  list: 'Api::V1::BillableMetricsController#index → BillableMetricsQuery → V1::BillableMetricSerializer, includes counters (filters always)',
  checked: ['HEAD 1b1c24a6', 'v1.51.0', 'v1.30.0'],
  guaranteed: [
    { path: 'lago_id', source: 'billable_metrics.id uuid NOT NULL (db/structure.sql), billable_metric_serializer.rb lago_id' },
    { path: 'name', source: 'billable_metrics.name NOT NULL' },
    { path: 'code', source: 'billable_metrics.code NOT NULL' },
    { path: 'aggregation_type', source: 'billable_metrics.aggregation_type integer NOT NULL (enum)' },
    { path: 'recurring', source: 'billable_metrics.recurring boolean DEFAULT false NOT NULL' },
    { path: 'created_at', source: 'billable_metrics.created_at NOT NULL, .iso8601' },
    { path: 'filters', source: `${BM}#filters: a collection, always merged` },
    { path: 'filters[].key', source: 'billable_metric_filters.key NOT NULL' },
    { path: 'filters[].values', source: 'billable_metric_filters.values character varying[] NOT NULL' },
  ],
  fields: [
    counter('active_subscriptions_count', 'v0.21.0-beta'),
    counter('draft_invoices_count', 'v0.21.0-beta'),
    counter('plans_count', 'v0.27.0-beta'),
    {
      path: 'aggregation_type',
      source: 'app/models/billable_metric.rb AGGREGATION_TYPES',
      values: ['count_agg', 'sum_agg', 'max_agg', 'unique_count_agg', 'weighted_sum_agg', 'latest_agg', 'custom_agg'],
    },
  ],
};
