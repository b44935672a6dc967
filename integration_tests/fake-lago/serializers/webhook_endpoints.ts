// webhook_endpoints: GET /api/v1/webhook_endpoints, read in lago-api at HEAD 1b1c24a6 (checked at v1.51.0, v1.30.0).
import type { Serializer } from './types.js';

/** V1::WebhookEndpointSerializer; `name` and `event_types` (NULL: every event type) are nullable columns. */
export const webhookEndpoints: Serializer = {
  source:
    'lago-api HEAD 1b1c24a6 (checked at v1.51.0, v1.30.0): app/controllers/api/v1/webhook_endpoints_controller.rb#index, ' +
    'app/serializers/v1/webhook_endpoint_serializer.rb, app/models/webhook_endpoint.rb, db/structure.sql (webhook_endpoints)',
  fields: {
    lago_id: {},
    lago_organization_id: {},
    webhook_url: {},
    signature_algo: {},
    name: { nullable: true, since: '1.44.0' },
    event_types: { nullable: true, since: '1.44.0' },
    created_at: {},
  },
};
