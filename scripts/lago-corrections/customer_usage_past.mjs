// customer_usage_past: where lago-api's list differs from Lago's OpenAPI document. STUB: to be written from lago-api's source.
/** @type {import('./types').StreamCorrections} */
export default {
  list: 'TODO: controller#index → serializer, includes',
  checked: [],
  guaranteed: [
    { path: 'external_subscription_id', source: 'TODO: the NOT NULL column and the serializer line that always sends it' },
    { path: 'lago_invoice_id', source: 'TODO: the NOT NULL column and the serializer line that always sends it' },
    { path: 'from_datetime', source: 'TODO: the NOT NULL column and the serializer line that always sends it' },
  ],
  fields: [],
};
