// coupons: where lago-api's list differs from Lago's OpenAPI document.
// Read in lago-api: app/controllers/api/v1/coupons_controller.rb#index, app/serializers/v1/coupon_serializer.rb,
// app/models/coupon.rb, db/structure.sql. The serializer matches the document field for field.

/** @type {import('./types').StreamCorrections} */
export default {
  list: 'Api::V1::CouponsController#index → CouponsQuery → V1::CouponSerializer, no includes',
  checked: ['HEAD 1b1c24a6', 'v1.51.0', 'v1.30.0'],
  guaranteed: [
    { path: 'lago_id', source: 'coupons.id uuid NOT NULL (db/structure.sql), coupon_serializer.rb lago_id' },
    { path: 'name', source: 'coupons.name NOT NULL' },
    { path: 'code', source: 'coupons.code NOT NULL' },
    { path: 'coupon_type', source: 'coupons.coupon_type integer DEFAULT 0 NOT NULL (enum)' },
    { path: 'frequency', source: 'coupons.frequency integer DEFAULT 0 NOT NULL (enum)' },
    { path: 'reusable', source: 'coupons.reusable boolean DEFAULT true NOT NULL' },
    { path: 'limited_plans', source: 'coupons.limited_plans boolean DEFAULT false NOT NULL' },
    { path: 'limited_billable_metrics', source: 'coupons.limited_billable_metrics boolean DEFAULT false NOT NULL' },
    { path: 'plan_codes', source: 'coupon_serializer.rb: model.plans.parents.pluck(:code), an array' },
    { path: 'billable_metric_codes', source: 'coupon_serializer.rb: model.billable_metrics.pluck(:code), an array' },
    { path: 'expiration', source: 'coupons.expiration integer NOT NULL (enum)' },
    { path: 'created_at', source: 'coupons.created_at NOT NULL, .iso8601' },
  ],
  fields: [
    { path: 'coupon_type', source: 'app/models/coupon.rb COUPON_TYPES', values: ['fixed_amount', 'percentage'] },
    { path: 'frequency', source: 'app/models/coupon.rb FREQUENCIES', values: ['once', 'recurring', 'forever'] },
    { path: 'expiration', source: 'app/models/coupon.rb EXPIRATION_TYPES', values: ['no_expiration', 'time_limit'] },
  ],
};
