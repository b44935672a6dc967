// events: where lago-api's list differs from Lago's OpenAPI document.
/** @type {import('./types').StreamCorrections} */
export default {
  list:
    'EventsController#index → EventsQuery (Event on Postgres, Clickhouse::EventsRaw on a ClickHouse store) → V1::EventSerializer, no includes',
  checked: ['HEAD 1b1c24a6', 'v1.51.0', 'v1.30.0'],
  guaranteed: [
    {
      path: 'lago_id',
      source: 'events.id uuid NOT NULL (db/structure.sql); on ClickHouse a composite string always built (app/models/clickhouse/events_raw.rb#id)',
    },
    { path: 'transaction_id', source: 'events.transaction_id NOT NULL (db/structure.sql), events_raw.transaction_id not null' },
    { path: 'code', source: 'events.code NOT NULL (db/structure.sql), events_raw.code not null' },
    {
      path: 'timestamp',
      source:
        'set on every insert (app/services/events/create_service.rb, create_batch_service.rb: Time.zone.at(...)) and rendered with model.timestamp.iso8601(3), no &. (app/serializers/v1/event_serializer.rb), so a listed event has one although events."timestamp" is a nullable column; events_raw.timestamp not null',
    },
    { path: 'properties', source: "events.properties jsonb DEFAULT '{}' NOT NULL (db/structure.sql), events_raw.properties not null" },
    { path: 'created_at', source: 'events.created_at NOT NULL (db/structure.sql); ClickHouse: ingested_at not null (app/models/clickhouse/events_raw.rb#created_at)' },
  ],
  keyNotGuaranteed: {
    external_subscription_id:
      'a nullable column that nothing requires on create (app/services/events/create_service.rb copies params[:external_subscription_id]; app/models/event.rb validates transaction_id and code only), and before v1.7.0 events sent with a customer id only got one only when the customer had at most one active subscription at the timestamp (v1.6.0:app/services/events/post_process_service.rb). Postgres unique index (organization_id, external_subscription_id, transaction_id) treats NULLs as distinct, so such events may share a transaction id; the key keeps null as a value, so they stay apart by code, timestamp and transaction_id and only exact re-sends collapse',
  },
  fields: [
    {
      path: 'properties.operation_type',
      remove: true,
      source:
        "app/serializers/v1/event_serializer.rb sends model.properties as stored: the payload's own keys (operation_type among them only when sent), so properties is a free-form map",
    },
    {
      path: 'lago_customer_id',
      source: 'app/services/events/post_process_service.rb (136f23388, v0.52.0-beta stopped setting customer_id; create_service.rb never sets it)',
      description:
        "Lago's id of the event's customer. Null on the Postgres events store for every event received since v0.52.0-beta (Lago no longer links events to customers); on the ClickHouse store, the customer of the subscription active at the event's timestamp.",
    },
    {
      path: 'lago_subscription_id',
      source: 'app/services/events/post_process_service.rb (136f23388, v0.52.0-beta stopped setting subscription_id); app/models/clickhouse/events_raw.rb#subscription_id',
      description:
        "Lago's id of the event's subscription. Null on the Postgres events store for every event received since v0.52.0-beta; on the ClickHouse store, the subscription with this external id active at the event's timestamp.",
    },
    {
      path: 'external_subscription_id',
      source: 'app/services/events/create_service.rb, app/models/event.rb; v1.6.0:app/services/events/post_process_service.rb',
      description:
        'External id of the subscription the event was sent for. Null for events sent without one (nothing requires it on the Postgres store; before v1.7.0 an event could name its customer only).',
    },
  ],
};
