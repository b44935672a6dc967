/**
 * What Singer mode can do, in singer-sdk's capability names (singer_sdk/helpers/capabilities.py): `--about`
 * prints this list and meltano.yml declares it (integration_tests/singer.test.ts checks the two agree).
 * Only what the tap really does: no stream maps, flattening, batch or structured logging.
 */
export const SINGER_CAPABILITIES = ['catalog', 'state', 'discover', 'about', 'activate-version'] as const;

export type SingerCapability = (typeof SINGER_CAPABILITIES)[number];
