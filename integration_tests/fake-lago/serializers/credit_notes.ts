// credit_notes: what lago-api's list action serializes.
import { customerWithIntegrationsFields } from './customers.js';
import { fees } from './fees.js';
import type { Serializer } from './types.js';

// V1::CreditNoteItemSerializer serializes the fee with V1::FeeSerializer and no includes: no applied_taxes.
const { applied_taxes: _feeTaxes, ...feeWithoutIncludes } = fees.fields;

// Read at HEAD 1b1c24a6, checked against v1.51.0 and v1.30.0. Nullability from db/structure.sql `credit_notes`.
export const creditNotes: Serializer = {
  source:
    'lago-api HEAD 1b1c24a6 (checked v1.51.0, v1.30.0): app/controllers/api/v1/credit_notes_controller.rb#index → ' +
    'app/controllers/concerns/credit_note_index.rb (includes: [:items, :applied_taxes, :error_details, ' +
    '{customer: [:integration_customers]}]; customer since v1.45.0), app/serializers/v1/credit_note_serializer.rb, ' +
    'app/serializers/v1/credit_note_item_serializer.rb, app/serializers/v1/fee_serializer.rb, ' +
    'app/serializers/v1/credit_notes/applied_tax_serializer.rb, app/serializers/v1/error_detail_serializer.rb, ' +
    'app/serializers/v1/metadata_serializer.rb, app/models/credit_note.rb, db/structure.sql',
  fields: {
    lago_id: {},
    billing_entity_code: { since: '1.25.0' },
    sequential_id: {},
    number: {},
    lago_invoice_id: {},
    invoice_number: {},
    purchase_order_number: { since: '1.50.0', nullable: true },
    issuing_date: {},
    credit_status: { nullable: true },
    refund_status: { nullable: true },
    reason: {},
    description: { nullable: true },
    currency: {},
    total_amount_cents: {},
    // CreditNote#precise_total and the numeric(30,5) column, `&.to_s`: decimal strings
    precise_total_amount_cents: { since: '1.33.4' },
    taxes_amount_cents: {},
    precise_taxes_amount_cents: { since: '1.33.4' },
    sub_total_excluding_taxes_amount_cents: {},
    balance_amount_cents: {},
    credit_amount_cents: {},
    refund_amount_cents: {},
    offset_amount_cents: { since: '1.40.0' },
    coupons_adjustment_amount_cents: {},
    taxes_rate: {},
    created_at: {},
    updated_at: {},
    file_url: { nullable: true },
    xml_url: { since: '1.36.0', nullable: true },
    self_billed: { since: '1.19.1' },
    customer: { since: '1.45.0', object: customerWithIntegrationsFields },
    items: {
      array: {
        lago_id: {},
        amount_cents: {},
        precise_amount_cents: { since: '1.33.4' },
        amount_currency: {},
        fee: { object: feeWithoutIncludes },
      },
    },
    applied_taxes: {
      array: {
        lago_id: {},
        lago_credit_note_id: {},
        // credit_notes_taxes.tax_id is nullable
        lago_tax_id: { nullable: true },
        tax_name: {},
        tax_code: {},
        tax_rate: {},
        tax_description: { nullable: true },
        base_amount_cents: {},
        amount_cents: {},
        amount_currency: {},
        created_at: {},
      },
    },
    // the list includes :error_details (unlike customers and invoices, where it is show-only)
    error_details: { since: '1.12.0', array: { lago_id: {}, error_code: {}, details: {} } },
    // `if model.metadata.present?`: the item_metadata jsonb object, as V1::MetadataSerializer returns it
    metadata: { since: '1.37.0', when: 'the credit note has metadata' },
  },
};
