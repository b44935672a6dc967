// customers: what lago-api's list action serializes, and the customer shapes the other lists embed.
import { taxFields } from './taxes.js';
import type { Fields, Serializer } from './types.js';

// Read at HEAD 1b1c24a6, checked against v1.51.0 and v1.30.0. Nullability from db/structure.sql `customers`.
/** V1::CustomerSerializer without includes (app/serializers/v1/customer_serializer.rb): what every list embeds. */
export const customerFields: Fields = {
  lago_id: {},
  billing_entity_code: { since: '1.25.0' },
  external_id: {},
  account_type: { since: '1.19.0' },
  name: { nullable: true },
  firstname: { since: '1.11.0', nullable: true },
  lastname: { since: '1.11.0', nullable: true },
  customer_type: { since: '1.11.0', nullable: true },
  // bigint columns without NOT NULL, set by Sequenced on create
  sequential_id: { nullable: true },
  slug: { nullable: true },
  created_at: {},
  updated_at: {},
  country: { nullable: true },
  address_line1: { nullable: true },
  address_line2: { nullable: true },
  state: { nullable: true },
  zipcode: { nullable: true },
  email: { nullable: true },
  city: { nullable: true },
  url: { nullable: true },
  phone: { nullable: true },
  logo_url: { nullable: true },
  legal_name: { nullable: true },
  legal_number: { nullable: true },
  currency: { nullable: true },
  tax_identification_number: { nullable: true },
  timezone: { nullable: true },
  // Customer#applicable_timezone: the customer's, else the billing entity's, else 'UTC'
  applicable_timezone: {},
  net_payment_term: { nullable: true },
  external_salesforce_id: { nullable: true },
  finalize_zero_amount_invoice: { since: '1.10.0' },
  billing_configuration: {
    object: {
      invoice_grace_period: { nullable: true },
      payment_provider: { nullable: true },
      payment_provider_code: { nullable: true },
      document_locale: { nullable: true },
      subscription_invoice_issuing_date_anchor: { since: '1.36.0', nullable: true },
      subscription_invoice_issuing_date_adjustment: { since: '1.36.0', nullable: true },
      // set by the `case model.payment_provider` branch, through `&.`
      provider_customer_id: { nullable: true, when: 'the customer has a payment provider' },
      provider_payment_methods: { nullable: true, when: 'the payment provider is stripe' },
      // the provider customer's settings, merged in (PaymentProviderCustomers::BaseCustomer settings_accessors)
      sync_with_provider: { when: "the provider customer's settings hold it" },
      provider_mandate_id: { when: "the provider customer's settings hold it" },
      payment_method_id: { when: 'a stripe, adyen or moneyhash customer saved a payment method' },
    },
  },
  // Customer#shipping_address: a hash of the shipping_* columns
  shipping_address: {
    since: '1.6.1',
    object: {
      address_line1: { nullable: true },
      address_line2: { nullable: true },
      city: { nullable: true },
      zipcode: { nullable: true },
      state: { nullable: true },
      country: { nullable: true },
    },
  },
  skip_invoice_custom_sections: { since: '1.18.0' },
  // V1::Customers::MetadataSerializer, always (customer_metadata: every column NOT NULL)
  metadata: {
    array: { lago_id: {}, key: {}, value: {}, display_in_invoice: {}, created_at: {} },
  },
};

/** V1::IntegrationCustomerSerializer (app/serializers/v1/integration_customer_serializer.rb), settings merged in. */
export const integrationCustomerFields: Fields = {
  lago_id: {},
  external_customer_id: { nullable: true },
  type: {},
  integration_code: { since: '1.6.0' },
  // after v1.51.0 (HEAD only)
  code: { since: 'HEAD', nullable: true },
  is_default: { since: 'HEAD' },
  category: { since: 'HEAD', nullable: true },
  // settings_accessors of IntegrationCustomers::*Customer
  sync_with_provider: { when: 'the settings hold it' },
  subsidiary_id: { when: 'a netsuite customer' },
  targeted_object: { when: 'a hubspot customer' },
  email: { when: 'a hubspot customer', nullable: true },
};

/** The customer with `includes: [:integration_customers]` (embedded by invoices and credit notes). */
export const customerWithIntegrationsFields: Fields = {
  ...customerFields,
  integration_customers: { since: '1.3.0', array: integrationCustomerFields },
};

export const customers: Serializer = {
  source:
    'lago-api HEAD 1b1c24a6 (checked v1.51.0, v1.30.0): app/controllers/api/v1/customers_controller.rb#index ' +
    '(includes: %i[taxes integration_customers]; applicable_invoice_custom_sections and error_details are show-only), ' +
    'app/serializers/v1/customer_serializer.rb, app/serializers/v1/customers/metadata_serializer.rb, ' +
    'app/serializers/v1/tax_serializer.rb, app/serializers/v1/integration_customer_serializer.rb, db/structure.sql',
  fields: {
    ...customerWithIntegrationsFields,
    taxes: { array: taxFields },
  },
};
