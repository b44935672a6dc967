// applied_coupons: where lago-api's list differs from Lago's OpenAPI document.
// Read in lago-api: app/controllers/concerns/applied_coupon_index.rb, app/serializers/v1/applied_coupon_serializer.rb,
// app/serializers/v1/credit_serializer.rb, app/models/credit.rb, db/structure.sql.
const AC = 'app/serializers/v1/applied_coupon_serializer.rb';

/** @type {import('./types').StreamCorrections} */
export default {
  list: 'Api::V1::AppliedCouponsController#index → concerns/applied_coupon_index.rb → AppliedCouponsQuery → V1::AppliedCouponSerializer, includes credits',
  checked: ['HEAD 1b1c24a6', 'v1.51.0', 'v1.30.0'],
  guaranteed: [
    { path: 'lago_id', source: 'applied_coupons.id uuid NOT NULL (db/structure.sql), applied_coupon_serializer.rb lago_id' },
    { path: 'lago_coupon_id', source: 'applied_coupons.coupon_id NOT NULL (model.coupon.id)' },
    { path: 'coupon_code', source: 'coupons.code NOT NULL' },
    { path: 'coupon_name', source: 'coupons.name NOT NULL' },
    { path: 'lago_customer_id', source: 'applied_coupons.customer_id NOT NULL' },
    { path: 'external_customer_id', source: 'customers.external_id NOT NULL' },
    { path: 'status', source: 'applied_coupons.status integer DEFAULT 0 NOT NULL (enum)' },
    { path: 'frequency', source: 'applied_coupons.frequency integer DEFAULT 0 NOT NULL (enum)' },
    { path: 'created_at', source: 'applied_coupons.created_at NOT NULL, .iso8601' },
    { path: 'credits', source: `${AC}#credits: a collection, always sent with includes credits` },
    { path: 'credits[].lago_id', source: 'credits.id uuid NOT NULL' },
    { path: 'credits[].amount_cents', source: 'credits.amount_cents bigint NOT NULL' },
    { path: 'credits[].amount_currency', source: 'credits.amount_currency NOT NULL' },
  ],
  fields: [
    {
      path: 'coupon_description',
      source: `${AC} (coupons.description text, nullable)`,
      since: 'v1.45.0',
      add: { type: ['string', 'null'], description: 'Description of the applied coupon.' },
    },
    {
      path: 'credits[].item.description',
      source: 'app/serializers/v1/credit_serializer.rb, app/models/credit.rb#item_description',
      since: 'v1.16.1',
      add: { type: ['string', 'null'], description: "The coupon's (or credit note's) description." },
    },
    { path: 'status', source: 'app/models/applied_coupon.rb STATUSES', values: ['active', 'terminated'] },
    { path: 'coupon_status', source: 'app/models/coupon.rb STATUSES', values: ['active', 'terminated'] },
    { path: 'frequency', source: 'app/models/applied_coupon.rb FREQUENCIES', values: ['once', 'recurring', 'forever'] },
  ],
};
