/**
 * Singer messages (Singer spec 0.3: https://hub.meltano.com/singer/spec), one JSON object per stdout line.
 * They go through the same MessageWriter as Airbyte messages: backpressure and key masking included.
 */

export type SingerMessage = Record<string, unknown> & { type: 'SCHEMA' | 'RECORD' | 'STATE' | 'ACTIVATE_VERSION' };

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

/** `version`: the table version of a FULL_TABLE sync with ACTIVATE_VERSION messages (see activate-version.ts). */
export const singerRecordMessage = (stream: string, record: Record<string, unknown>, extractedAt: Date = new Date(), version?: number): SingerMessage =>
  // Two literals rather than a spread: this runs once per record.
  version === undefined
    ? { type: 'RECORD', stream, record, time_extracted: extractedAt.toISOString() }
    : { type: 'RECORD', stream, record, version, time_extracted: extractedAt.toISOString() };

/** The Singer extension targets use to drop rows of older table versions (singer_sdk/singerlib/encoding/simple.py ActivateVersionMessage). */
export const activateVersionMessage = (stream: string, version: number): SingerMessage => ({ type: 'ACTIVATE_VERSION', stream, version });

export const singerStateMessage = (state: SingerState): SingerMessage => ({ type: 'STATE', value: state });
