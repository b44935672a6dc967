/**
 * What tap-lago can do, in the names Meltano and singer-sdk use (singer_sdk/helpers/capabilities.py
 * PluginCapabilities / TapCapabilities), for `--about` and meltano.yml. Only what the tap really does: no
 * stream-maps, schema-flattening or batch. "about" is the --about flag itself.
 */
export const SINGER_CAPABILITIES = ['catalog', 'discover', 'state', 'about', 'activate-version'] as const;

export type SingerCapability = (typeof SINGER_CAPABILITIES)[number];
