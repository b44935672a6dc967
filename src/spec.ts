import * as z from 'zod';
import { configSchema } from './config.js';
import { jsonTextOverride } from './json-text.js';

export const DOCUMENTATION_URL = 'https://github.com/source-lago/source-lago#readme';

/** zod writes `additionalProperties: {}` for loose objects; Airbyte's checklist wants the literal `true`. */
function airbyteFlavoured(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(airbyteFlavoured);
  if (node === null || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === 'additionalProperties' && value !== null && typeof value === 'object' && Object.keys(value).length === 0) out[key] = true;
    else out[key] = airbyteFlavoured(value);
  }
  return out;
}

/** The connectionSpecification, generated from the zod config schema (spec.json is a copy, checked by a test). */
export function connectionSpecification(): Record<string, unknown> {
  return airbyteFlavoured(z.toJSONSchema(configSchema, { target: 'draft-7', io: 'input', override: jsonTextOverride })) as Record<string, unknown>;
}

export function connectorSpecification(): Record<string, unknown> {
  return {
    documentationUrl: DOCUMENTATION_URL,
    connectionSpecification: connectionSpecification(),
    supportsIncremental: true,
    supported_destination_sync_modes: ['overwrite', 'append', 'append_dedup'],
  };
}
