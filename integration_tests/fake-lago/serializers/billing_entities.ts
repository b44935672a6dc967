// billing_entities: GET /api/v1/billing_entities (since v1.25.0), read in lago-api at HEAD 1b1c24a6 (checked at
// v1.51.0, v1.30.0).
import type { Serializer } from './types.js';

/**
 * V1::BillingEntitySerializer without includes, over `current_organization.billing_entities`
 * (app/models/organization.rb `-> { active }`: archived entities left out, created_at ASC), not paginated.
 * Address, contact and legal columns are nullable in db/structure.sql (billing_entities), as is eu_tax_management.
 */
export const billingEntities: Serializer = {
  source:
    'lago-api HEAD 1b1c24a6 (checked at v1.51.0, v1.30.0): app/controllers/api/v1/billing_entities_controller.rb#index, ' +
    'app/serializers/v1/billing_entity_serializer.rb, app/models/billing_entity.rb, app/models/organization.rb, ' +
    'db/structure.sql (billing_entities)',
  fields: {
    lago_id: {},
    code: {},
    name: {},
    default_currency: {},
    created_at: {},
    updated_at: {},
    country: { nullable: true },
    address_line1: { nullable: true },
    address_line2: { nullable: true },
    phone: { nullable: true, since: '1.49.0' },
    city: { nullable: true },
    state: { nullable: true },
    zipcode: { nullable: true },
    einvoicing: { since: '1.35.0' },
    email: { nullable: true },
    legal_name: { nullable: true },
    legal_number: { nullable: true },
    timezone: {},
    net_payment_term: {},
    email_settings: {},
    document_numbering: {},
    document_number_prefix: { nullable: true },
    tax_identification_number: { nullable: true },
    finalize_zero_amount_invoice: {},
    invoice_footer: { nullable: true },
    invoice_grace_period: {},
    subscription_invoice_issuing_date_adjustment: { since: '1.36.0' },
    subscription_invoice_issuing_date_anchor: { since: '1.36.0' },
    document_locale: {},
    is_default: {},
    eu_tax_management: { nullable: true },
    logo_url: { nullable: true },
  },
};
