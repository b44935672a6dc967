/**
 * Singer messages (Singer spec 0.3: https://hub.meltano.com/singer/spec), one JSON object per stdout line.
 * They go through the same MessageWriter as Airbyte messages: backpressure and key masking included.
 */

export type SingerMessage = Record<string, unknown> & { type: 'SCHEMA' | 'RECORD' | 'STATE' };

/** The state a Singer tap reads back with --state: one bookmark object per stream. */
export interface SingerState {
  bookmarks: Record<string, unknown>;
}

export const schemaMessage = (stream: string, schema: Record<string, unknown>, keyProperties: string[], bookmarkProperties: string[]): SingerMessage => ({
  type: 'SCHEMA',
  stream,
  schema,
  key_properties: keyProperties,
  bookmark_properties: bookmarkProperties,
});

export const singerRecordMessage = (stream: string, record: Record<string, unknown>, extractedAt: Date = new Date()): SingerMessage => ({
  type: 'RECORD',
  stream,
  record,
  time_extracted: extractedAt.toISOString(),
});

export const singerStateMessage = (state: SingerState): SingerMessage => ({ type: 'STATE', value: state });
