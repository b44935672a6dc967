// invoices: what lago-api's list action serializes, and the invoice shape payment requests embed.
import { customerWithIntegrationsFields } from './customers.js';
import type { Fields, Serializer } from './types.js';

// Read at HEAD 1b1c24a6, checked against v1.51.0 and v1.30.0. Nullability from db/structure.sql `invoices` and the
// life cycle in app/models/invoice.rb.
/** V1::InvoiceSerializer without includes (app/serializers/v1/invoice_serializer.rb). */
export const invoiceFields: Fields = {
  lago_id: {},
  billing_entity_code: { since: '1.25.0' },
  // Sequenced assigns it on finalization only (Invoice#should_assign_sequential_id?): null on drafts
  sequential_id: { nullable: true },
  // 'PREFIX-DRAFT' until finalized (Invoice#ensure_number)
  number: {},
  purchase_order_number: { since: '1.50.0', nullable: true },
  // a nullable column, but `validates :issuing_date, presence: true`
  issuing_date: {},
  payment_due_date: { nullable: true },
  net_payment_term: {},
  invoice_type: {},
  status: {},
  payment_status: {},
  // a raw TimeWithZone (milliseconds), nullable column
  payment_dispute_lost_at: { since: '1.1.1', nullable: true },
  // `boolean DEFAULT false` without NOT NULL
  payment_overdue: { since: '1.6.0', nullable: true },
  currency: {},
  fees_amount_cents: {},
  taxes_amount_cents: {},
  progressive_billing_credit_amount_cents: { since: '1.10.0' },
  coupons_amount_cents: {},
  credit_notes_amount_cents: {},
  sub_total_excluding_taxes_amount_cents: {},
  sub_total_including_taxes_amount_cents: {},
  total_amount_cents: {},
  // Invoice#total_due_amount_cents: 0 when voided, else total - paid - offset
  total_due_amount_cents: { since: '1.22.0' },
  total_paid_amount_cents: { since: '1.41.0' },
  // Invoice#offset_amount_cents: sum of the finalized credit notes' offsets
  total_offsetted_credit_note_amount_cents: { since: '1.41.0' },
  prepaid_credit_amount_cents: {},
  prepaid_granted_credit_amount_cents: { since: '1.41.0', nullable: true },
  prepaid_purchased_credit_amount_cents: { since: '1.41.0', nullable: true },
  // Invoice#file_url / #xml_url: null until the document is generated
  file_url: { nullable: true },
  xml_url: { since: '1.35.0', nullable: true },
  // Invoice#web_url: null only for invisible statuses, which no list returns
  web_url: { since: '1.51.0' },
  version_number: {},
  self_billed: { since: '1.19.0' },
  created_at: {},
  updated_at: {},
  voided_at: { since: '1.32.0', nullable: true },
  // sent whatever the includes, `if model.progressive_billing?` (V1::AppliedUsageThresholdSerializer)
  applied_usage_thresholds: {
    since: '1.10.0',
    when: 'a progressive_billing invoice',
    array: {
      lifetime_usage_amount_cents: {},
      created_at: {},
      usage_threshold: {
        object: {
          lago_id: {},
          threshold_display_name: { nullable: true },
          amount_cents: {},
          recurring: {},
          created_at: {},
          updated_at: {},
        },
      },
    },
  },
};

export const invoices: Serializer = {
  source:
    'lago-api HEAD 1b1c24a6 (checked v1.51.0, v1.30.0): app/controllers/api/v1/invoices_controller.rb#index → ' +
    'app/controllers/concerns/invoice_index.rb (includes: %i[customer integration_customers metadata applied_taxes]; ' +
    'billing_periods, subscriptions, fees, credits, error_details, applied_invoice_custom_sections are show-only), ' +
    'app/serializers/v1/invoice_serializer.rb, app/serializers/v1/invoices/metadata_serializer.rb, ' +
    'app/serializers/v1/invoices/applied_tax_serializer.rb, app/serializers/v1/applied_usage_threshold_serializer.rb, ' +
    'app/serializers/v1/usage_threshold_serializer.rb, app/serializers/v1/customer_serializer.rb, app/models/invoice.rb, db/structure.sql',
  fields: {
    ...invoiceFields,
    customer: { object: customerWithIntegrationsFields },
    metadata: { array: { lago_id: {}, key: {}, value: {}, created_at: {} } },
    applied_taxes: {
      array: {
        lago_id: {},
        lago_invoice_id: {},
        // invoices_taxes.tax_id is nullable (the tax may be deleted)
        lago_tax_id: { nullable: true },
        tax_name: {},
        tax_code: {},
        tax_rate: {},
        tax_description: { nullable: true },
        amount_cents: {},
        amount_currency: {},
        fees_amount_cents: {},
        created_at: {},
      },
    },
  },
};
