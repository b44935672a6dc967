// invoices: where lago-api's list differs from Lago's OpenAPI document. The invoice entries are also used for the
// invoices payment requests embed (V1::InvoiceSerializer without includes), at a path prefix.
import { customerFields, customerGuaranteed } from './customers.mjs';

const SERIALIZER = 'app/serializers/v1/invoice_serializer.rb';
const MODEL = 'app/models/invoice.rb';
const COLUMNS = 'db/structure.sql invoices';

const appliedUsageThresholdsSchema = {
  type: 'array',
  description: 'Progressive billing invoices only: the usage thresholds the invoice was issued for.',
  items: {
    type: 'object',
    properties: {
      lifetime_usage_amount_cents: { type: 'integer' },
      created_at: { type: 'string', format: 'date-time' },
      usage_threshold: {
        type: 'object',
        properties: {
          lago_id: { type: 'string' },
          threshold_display_name: { type: ['string', 'null'] },
          amount_cents: { type: 'integer' },
          recurring: { type: 'boolean' },
          created_at: { type: 'string', format: 'date-time' },
          updated_at: { type: 'string', format: 'date-time' },
        },
      },
    },
  },
};

/** Field entries for an invoice serialized at `prefix`; `thresholdsInDocument`: the document has applied_usage_thresholds. */
export function invoiceFields(prefix, { thresholdsInDocument }) {
  const fields = [
    { path: `${prefix}purchase_order_number`, since: 'v1.50.0', source: `${SERIALIZER}; ${COLUMNS}.purchase_order_number, nullable`, add: { type: ['string', 'null'], description: 'The purchase order number.' } },
    { path: `${prefix}total_due_amount_cents`, since: 'v1.22.0', source: `${SERIALIZER}; ${MODEL}#total_due_amount_cents (0 once voided)`, add: { type: 'integer', description: 'Amount still due: total minus paid minus credit-note offsets, 0 for a voided invoice.' } },
    { path: `${prefix}total_paid_amount_cents`, since: 'v1.41.0', source: `${SERIALIZER}; ${COLUMNS}.total_paid_amount_cents bigint NOT NULL`, add: { type: 'integer', description: 'Amount paid so far.' } },
    { path: `${prefix}total_offsetted_credit_note_amount_cents`, since: 'v1.41.0', source: `${SERIALIZER}; ${MODEL}#offset_amount_cents (sum of finalized credit notes' offset_amount_cents)`, add: { type: 'integer', description: 'Amount settled by credit notes offsetting this invoice.' } },
    { path: `${prefix}xml_url`, since: 'v1.35.0', source: `${SERIALIZER}; ${MODEL}#xml_url (nil without an XML file)`, add: { type: ['string', 'null'], description: 'URL of the e-invoicing XML document, once generated.' } },
    { path: `${prefix}voided_at`, since: 'v1.32.0', source: `${SERIALIZER} (\`&.iso8601\`); ${COLUMNS}.voided_at, nullable`, add: { type: ['string', 'null'], format: 'date-time', description: 'When the invoice was voided.' } },
    { path: `${prefix}invoice_type`, source: `${MODEL} INVOICE_TYPES`, values: ['subscription', 'add_on', 'credit', 'one_off', 'advance_charges', 'progressive_billing'] },
    // InvoicesQuery returns visible statuses only
    { path: `${prefix}status`, source: `${MODEL} VISIBLE_STATUS`, values: ['draft', 'finalized', 'voided', 'failed', 'pending'] },
    // Invoice#file_url: nil until the PDF is generated, and always for drafts
    { path: `${prefix}file_url`, source: `${MODEL}#file_url (nil without a file)`, description: 'URL of the PDF, once generated: null for drafts and until the PDF job has run.' },
  ];
  if (!thresholdsInDocument) {
    fields.push({ path: `${prefix}applied_usage_thresholds`, since: 'v1.10.0', source: `${SERIALIZER} (\`if model.progressive_billing?\`, whatever the includes); app/serializers/v1/applied_usage_threshold_serializer.rb`, add: appliedUsageThresholdsSchema });
  }
  return fields;
}

/** NOT NULL columns the serializer always sends, at `prefix`. */
export function invoiceGuaranteed(prefix) {
  return [
    { path: `${prefix}lago_id`, source: `${COLUMNS}.id uuid NOT NULL` },
    { path: `${prefix}billing_entity_code`, source: `${COLUMNS}.billing_entity_id NOT NULL → billing_entities.code NOT NULL` },
    { path: `${prefix}number`, source: `${COLUMNS}.number NOT NULL ('PREFIX-DRAFT' until finalized, ${MODEL}#ensure_number)` },
    // the column is nullable, the model is not: `validates :issuing_date, :currency, presence: true`
    { path: `${prefix}issuing_date`, source: `${MODEL} validates :issuing_date presence (the cursor)` },
    { path: `${prefix}net_payment_term`, source: `${COLUMNS}.net_payment_term NOT NULL` },
    { path: `${prefix}invoice_type`, source: `${COLUMNS}.invoice_type NOT NULL (enum)` },
    { path: `${prefix}status`, source: `${COLUMNS}.status NOT NULL (enum)` },
    { path: `${prefix}payment_status`, source: `${COLUMNS}.payment_status NOT NULL (enum)` },
    { path: `${prefix}currency`, source: `${MODEL} validates :currency presence` },
    ...['fees_amount_cents', 'taxes_amount_cents', 'progressive_billing_credit_amount_cents', 'coupons_amount_cents', 'credit_notes_amount_cents',
      'sub_total_excluding_taxes_amount_cents', 'sub_total_including_taxes_amount_cents', 'total_amount_cents', 'prepaid_credit_amount_cents',
      'total_paid_amount_cents', 'version_number', 'self_billed'].map((column) => ({ path: `${prefix}${column}`, source: `${COLUMNS}.${column} NOT NULL` })),
    { path: `${prefix}total_due_amount_cents`, source: `${MODEL}#total_due_amount_cents (integer arithmetic on NOT NULL columns)` },
    { path: `${prefix}total_offsetted_credit_note_amount_cents`, source: `${MODEL}#offset_amount_cents (a sum, 0 when none)` },
    { path: `${prefix}web_url`, source: `${MODEL}#web_url (nil only for invisible statuses, never listed)` },
    { path: `${prefix}created_at`, source: `${COLUMNS}.created_at NOT NULL, .iso8601` },
    { path: `${prefix}updated_at`, source: `${COLUMNS}.updated_at NOT NULL, .iso8601` },
  ];
}

/** @type {import('./types').StreamCorrections} */
export default {
  list:
    'Api::V1::InvoicesController#index → concerns/invoice_index.rb → InvoicesQuery → V1::InvoiceSerializer, ' +
    'includes %i[customer integration_customers metadata applied_taxes]',
  checked: ['HEAD 1b1c24a6', 'v1.51.0', 'v1.30.0'],
  guaranteed: [
    ...invoiceGuaranteed(''),
    { path: 'customer', source: `${SERIALIZER}#customer (invoices.customer_id: every listed invoice has a customer)` },
    ...customerGuaranteed('customer.', { integrations: true }),
    { path: 'metadata', source: `${SERIALIZER}#metadata (a collection)` },
    { path: 'metadata[].lago_id', source: 'db/structure.sql invoice_metadata.id NOT NULL' },
    { path: 'metadata[].key', source: 'db/structure.sql invoice_metadata.key NOT NULL' },
    { path: 'metadata[].value', source: 'db/structure.sql invoice_metadata.value NOT NULL' },
    { path: 'metadata[].created_at', source: 'db/structure.sql invoice_metadata.created_at NOT NULL' },
    { path: 'applied_taxes', source: `${SERIALIZER}#applied_taxes (a collection)` },
    { path: 'applied_taxes[].lago_id', source: 'db/structure.sql invoices_taxes.id NOT NULL' },
    { path: 'applied_taxes[].tax_code', source: 'db/structure.sql invoices_taxes.tax_code NOT NULL' },
    { path: 'applied_taxes[].amount_cents', source: 'db/structure.sql invoices_taxes.amount_cents NOT NULL' },
  ],
  fields: [
    ...invoiceFields('', { thresholdsInDocument: true }),
    ...customerFields('customer.', { integrations: true }),
    // show-only includes (invoices_controller.rb#render_invoice)
    { path: 'applied_invoice_custom_sections', source: 'app/controllers/api/v1/invoices_controller.rb#render_invoice (show only)', remove: true },
  ],
};
