// credit_notes: where lago-api's list differs from Lago's OpenAPI document.
import { customerFields, customerGuaranteed } from './customers.mjs';

const SERIALIZER = 'app/serializers/v1/credit_note_serializer.rb';
const COLUMNS = 'db/structure.sql credit_notes';

/** @type {import('./types').StreamCorrections} */
export default {
  list:
    'Api::V1::CreditNotesController#index → concerns/credit_note_index.rb → CreditNotesQuery (finalized only) → ' +
    'V1::CreditNoteSerializer, includes [:items, :applied_taxes, :error_details, {customer: [:integration_customers]}]',
  checked: ['HEAD 1b1c24a6', 'v1.51.0', 'v1.30.0'],
  guaranteed: [
    { path: 'lago_id', source: `${COLUMNS}.id uuid NOT NULL` },
    { path: 'billing_entity_code', source: 'db/structure.sql invoices.billing_entity_id NOT NULL → billing_entities.code NOT NULL (through credit_notes.invoice_id NOT NULL)' },
    { path: 'sequential_id', source: `${COLUMNS}.sequential_id NOT NULL` },
    { path: 'number', source: `${COLUMNS}.number NOT NULL` },
    { path: 'lago_invoice_id', source: `${COLUMNS}.invoice_id NOT NULL` },
    { path: 'invoice_number', source: 'db/structure.sql invoices.number NOT NULL' },
    { path: 'issuing_date', source: `${COLUMNS}.issuing_date date NOT NULL (the cursor)` },
    { path: 'reason', source: `${COLUMNS}.reason NOT NULL (enum)` },
    { path: 'currency', source: `${COLUMNS}.total_amount_currency NOT NULL (CreditNote#currency)` },
    ...['total_amount_cents', 'taxes_amount_cents', 'balance_amount_cents', 'credit_amount_cents', 'refund_amount_cents', 'offset_amount_cents',
      'coupons_adjustment_amount_cents', 'taxes_rate'].map((column) => ({ path: column, source: `${COLUMNS}.${column} NOT NULL` })),
    { path: 'precise_total_amount_cents', source: 'app/models/credit_note.rb#precise_total (a sum of NOT NULL numeric columns)' },
    { path: 'precise_taxes_amount_cents', source: `${COLUMNS}.precise_taxes_amount_cents numeric NOT NULL, &.to_s` },
    { path: 'created_at', source: `${COLUMNS}.created_at NOT NULL, .iso8601` },
    { path: 'updated_at', source: `${COLUMNS}.updated_at NOT NULL, .iso8601` },
    { path: 'self_billed', source: 'db/structure.sql invoices.self_billed NOT NULL' },
    { path: 'items', source: `${SERIALIZER}#items (a collection)` },
    { path: 'items[].lago_id', source: 'db/structure.sql credit_note_items.id NOT NULL' },
    { path: 'items[].amount_cents', source: 'db/structure.sql credit_note_items.amount_cents NOT NULL' },
    { path: 'items[].amount_currency', source: 'db/structure.sql credit_note_items.amount_currency NOT NULL' },
    { path: 'items[].precise_amount_cents', source: 'db/structure.sql credit_note_items.precise_amount_cents NOT NULL, &.to_s' },
    { path: 'applied_taxes', source: `${SERIALIZER}#applied_taxes (a collection)` },
    { path: 'applied_taxes[].lago_id', source: 'db/structure.sql credit_notes_taxes.id NOT NULL' },
    { path: 'applied_taxes[].tax_code', source: 'db/structure.sql credit_notes_taxes.tax_code NOT NULL' },
    { path: 'applied_taxes[].amount_cents', source: 'db/structure.sql credit_notes_taxes.amount_cents NOT NULL' },
    { path: 'error_details', source: `${SERIALIZER}#error_details (a collection; the list includes it)` },
    { path: 'error_details[].lago_id', source: 'db/structure.sql error_details.id NOT NULL' },
    { path: 'error_details[].error_code', source: 'db/structure.sql error_details.error_code NOT NULL (enum)' },
    { path: 'error_details[].details', source: 'db/structure.sql error_details.details jsonb NOT NULL' },
    ...customerGuaranteed('customer.', { integrations: true }),
  ],
  fields: [
    { path: 'purchase_order_number', since: 'v1.50.0', source: `${SERIALIZER}; app/models/credit_note.rb delegates it to the invoice (nullable)`, add: { type: ['string', 'null'], description: 'The purchase order number of the credited invoice.' } },
    { path: 'precise_total_amount_cents', since: 'v1.33.4', source: `${SERIALIZER} (CreditNote#precise_total&.to_s: a BigDecimal)`, add: { type: 'string', description: 'Total amount in cents, unrounded (a decimal string).' } },
    { path: 'precise_taxes_amount_cents', since: 'v1.33.4', source: `${SERIALIZER} (&.to_s of ${COLUMNS}.precise_taxes_amount_cents numeric(30,5))`, add: { type: 'string', description: 'Taxes amount in cents, unrounded (a decimal string).' } },
    { path: 'xml_url', since: 'v1.36.0', source: `${SERIALIZER}; app/models/credit_note.rb#xml_url (nil without an XML file)`, add: { type: ['string', 'null'], description: 'URL of the e-invoicing XML document, once generated.' } },
    { path: 'items[].precise_amount_cents', since: 'v1.33.4', source: 'app/serializers/v1/credit_note_item_serializer.rb (&.to_s of numeric(30,5))', add: { type: 'string', description: 'Item amount in cents, unrounded (a decimal string).' } },
    // V1::CreditNoteItemSerializer serializes the fee with V1::FeeSerializer and no includes
    { path: 'items[].fee.applied_taxes', source: 'app/serializers/v1/credit_note_item_serializer.rb#fee (no includes: no applied_taxes)', remove: true },
    { path: 'items[].fee.lago_original_fee_id', since: 'v1.45.2', source: 'app/serializers/v1/fee_serializer.rb; fees.original_fee_id, nullable', add: { type: ['string', 'null'], description: 'The fee this one regenerates (voided invoice regenerated).' } },
    // the embedded customer (since v1.45.0: credit_note_index.rb includes {customer: [:integration_customers]})
    ...customerFields('customer.', { integrations: true, integrationsInDocument: false }),
  ],
};
