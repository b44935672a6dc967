// webhook_endpoints: where lago-api's list differs from Lago's OpenAPI document (read at HEAD 1b1c24a6, v1.51.0, v1.30.0).
const SERIALIZER = 'app/serializers/v1/webhook_endpoint_serializer.rb';

/** @type {import('./types').StreamCorrections} */
export default {
  list: 'Api::V1::WebhookEndpointsController#index → WebhookEndpointsQuery → V1::WebhookEndpointSerializer, no includes',
  checked: ['HEAD 1b1c24a6', 'v1.51.0', 'v1.30.0'],
  guaranteed: [
    { path: 'lago_id', source: `db/structure.sql webhook_endpoints.id uuid NOT NULL; ${SERIALIZER} lago_id: model.id` },
    { path: 'lago_organization_id', source: 'db/structure.sql webhook_endpoints.organization_id NOT NULL' },
    { path: 'webhook_url', source: 'db/structure.sql webhook_endpoints.webhook_url NOT NULL' },
    { path: 'signature_algo', source: 'db/structure.sql webhook_endpoints.signature_algo integer DEFAULT 0 NOT NULL (an enum)' },
    { path: 'created_at', source: 'db/structure.sql webhook_endpoints.created_at NOT NULL' },
  ],
  fields: [
    { path: 'signature_algo', source: 'app/models/webhook_endpoint.rb SIGNATURE_ALGOS', values: ['jwt', 'hmac'] },
    {
      path: 'event_types',
      source: 'app/models/webhook_endpoint.rb (event_types character varying[], nullable; names from config/webhook_event_types.yml)',
      description: 'Webhook event types sent to this endpoint (v1.44.0); null means every event type.',
    },
  ],
};
