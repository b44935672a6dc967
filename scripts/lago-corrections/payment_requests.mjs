// payment_requests: where lago-api's list differs from Lago's OpenAPI document. STUB: to be written from lago-api's source.
/** @type {import('./types').StreamCorrections} */
export default {
  list: 'TODO: controller#index → serializer, includes',
  checked: [],
  guaranteed: [
    { path: 'lago_id', source: 'TODO: the NOT NULL column and the serializer line that always sends it' },
  ],
  fields: [],
};
