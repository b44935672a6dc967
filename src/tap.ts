#!/usr/bin/env -S node --max-old-space-size=512 --max-semi-space-size=4 --initial-old-space-size=32
/**
 * The `tap-lago` bin: Singer mode, exactly `source-lago singer …`. It runs main.ts with the `singer`
 * command in front, so both bins share one process setup (signals, stdout backpressure, key masking).
 */
process.argv.splice(2, 0, 'singer');
await import('./main.js');
