// billing_entities: where lago-api's list differs from Lago's OpenAPI document (read at HEAD 1b1c24a6, v1.51.0, v1.30.0).
const SERIALIZER = 'app/serializers/v1/billing_entity_serializer.rb';
const COLUMN = (c) => `db/structure.sql billing_entities.${c} NOT NULL`;

/** @type {import('./types').StreamCorrections} */
export default {
  list:
    'Api::V1::BillingEntitiesController#index → current_organization.billing_entities (app/models/organization.rb ' +
    '-> { active }: archived entities excluded, created_at ASC; not paginated) → V1::BillingEntitySerializer, no includes',
  checked: ['HEAD 1b1c24a6', 'v1.51.0', 'v1.30.0'],
  guaranteed: [
    { path: 'lago_id', source: `${COLUMN('id')}; ${SERIALIZER} lago_id: model.id` },
    { path: 'code', source: COLUMN('code') },
    { path: 'name', source: COLUMN('name') },
    { path: 'default_currency', source: COLUMN('default_currency') },
    { path: 'document_locale', source: COLUMN('document_locale') },
    { path: 'document_numbering', source: COLUMN('document_numbering') },
    { path: 'finalize_zero_amount_invoice', source: COLUMN('finalize_zero_amount_invoice') },
    { path: 'invoice_grace_period', source: COLUMN('invoice_grace_period') },
    { path: 'net_payment_term', source: COLUMN('net_payment_term') },
    { path: 'timezone', source: COLUMN('timezone') },
    { path: 'email_settings', source: COLUMN('email_settings') },
    { path: 'subscription_invoice_issuing_date_anchor', source: `${COLUMN('subscription_invoice_issuing_date_anchor')} (v1.36.0)` },
    { path: 'subscription_invoice_issuing_date_adjustment', source: `${COLUMN('subscription_invoice_issuing_date_adjustment')} (v1.36.0)` },
    { path: 'einvoicing', source: `${COLUMN('einvoicing')} (v1.35.0)` },
    { path: 'is_default', source: `${SERIALIZER} (a comparison, true or false)` },
    { path: 'created_at', source: COLUMN('created_at') },
    { path: 'updated_at', source: COLUMN('updated_at') },
  ],
  fields: [
    {
      path: 'einvoicing',
      source: SERIALIZER,
      since: 'v1.35.0',
      add: { type: 'boolean', description: 'Whether e-invoicing is enabled (only in BillingEntity::EINVOICING_COUNTRIES: FR, DE).' },
    },
    { path: 'phone', source: SERIALIZER, since: 'v1.49.0', add: { type: 'string', description: 'Phone number of the billing entity.' } },
    { path: 'document_numbering', source: 'app/models/billing_entity.rb DOCUMENT_NUMBERINGS', values: ['per_customer', 'per_billing_entity'] },
    {
      path: 'subscription_invoice_issuing_date_anchor',
      source: 'app/models/billing_entity.rb SUBSCRIPTION_INVOICE_ISSUING_DATE_ANCHORS',
      values: ['current_period_end', 'next_period_start'],
    },
    {
      path: 'subscription_invoice_issuing_date_adjustment',
      source: 'app/models/billing_entity.rb SUBSCRIPTION_INVOICE_ISSUING_DATE_ADJUSTMENTS',
      values: ['keep_anchor', 'align_with_finalization_date'],
    },
    { path: 'email_settings[]', source: 'app/models/billing_entity.rb EMAIL_SETTINGS', values: ['invoice.finalized', 'credit_note.created', 'payment_receipt.created'] },
  ],
};
