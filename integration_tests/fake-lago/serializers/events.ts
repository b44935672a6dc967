// events: what lago-api's list action serializes, for the Postgres events store (the fake's).
import type { Serializer } from './types.js';

export const events: Serializer = {
  source:
    'lago-api HEAD 1b1c24a6 and v1.51.0, v1.30.0: app/controllers/api/v1/events_controller.rb#index → app/queries/events_query.rb ' +
    '(Event, or Clickhouse::EventsRaw on a ClickHouse store) → app/serializers/v1/event_serializer.rb (no includes); columns: ' +
    'db/structure.sql `events`; app/services/events/create_service.rb, app/services/events/post_process_service.rb',
  fields: {
    lago_id: {},
    transaction_id: {},
    // customer_id and subscription_id are no longer written since v0.52.0-beta (136f23388: post_process_service.rb
    // stopped setting them; create_service.rb never does), so Postgres events list them as null.
    lago_customer_id: { nullable: true },
    code: {},
    timestamp: {},
    precise_total_amount_cents: { since: '1.12.0', nullable: true },
    // The event's own properties (jsonb NOT NULL DEFAULT '{}'), as sent: a free-form map.
    properties: {},
    lago_subscription_id: { nullable: true },
    // Nullable column, required by nothing on create (the Event model validates transaction_id and code only).
    external_subscription_id: { nullable: true },
    created_at: {},
    // external_customer_id: dropped from the serializer in v1.7.0 (ce509e2f4), not modelled.
  },
};
