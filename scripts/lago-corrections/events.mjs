// events: where lago-api's list differs from Lago's OpenAPI document. STUB: to be written from lago-api's source.
/** @type {import('./types').StreamCorrections} */
export default {
  list: 'TODO: controller#index → serializer, includes',
  checked: [],
  guaranteed: [
    { path: 'code', source: 'TODO: the NOT NULL column and the serializer line that always sends it' },
    { path: 'timestamp', source: 'TODO: the NOT NULL column and the serializer line that always sends it' },
    { path: 'transaction_id', source: 'TODO: the NOT NULL column and the serializer line that always sends it' },
  ],
  keyNotGuaranteed: {
    external_subscription_id:
      'null on legacy events sent before v1.7.0 with a customer id only (v1.6.0:app/services/events/post_process_service.rb back-filled it only for customers with one active subscription); the key keeps null as a value, so such events stay apart by code, timestamp and transaction_id',
  },
  fields: [],
};
