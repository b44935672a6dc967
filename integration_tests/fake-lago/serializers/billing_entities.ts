// billing_entities: what lago-api's list action serializes.
// STUB taken from the earlier fake's records: to be rewritten from lago-api's source (serializer, includes, columns).
import type { Serializer } from './types.js';

export const billingEntities: Serializer = {
  source: 'TODO',
  fields: {
    lago_id: {  },
    code: {  },
    name: {  },
    default_currency: {  },
    document_locale: {  },
    document_numbering: {  },
    document_number_prefix: { nullable: true },
    finalize_zero_amount_invoice: {  },
    invoice_footer: { nullable: true },
    invoice_grace_period: {  },
    subscription_invoice_issuing_date_anchor: {  },
    subscription_invoice_issuing_date_adjustment: {  },
    is_default: {  },
    net_payment_term: {  },
    address_line1: {  },
    address_line2: { nullable: true },
    city: {  },
    state: { nullable: true },
    country: {  },
    zipcode: {  },
    email: {  },
    legal_name: {  },
    legal_number: { nullable: true },
    tax_identification_number: { nullable: true },
    timezone: {  },
    email_settings: {  },
    eu_tax_management: {  },
    logo_url: { nullable: true },
    created_at: {  },
    updated_at: {  },
  },
};
