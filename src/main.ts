#!/usr/bin/env -S node --max-old-space-size=512 --max-semi-space-size=4 --initial-old-space-size=32
import { fileURLToPath } from 'node:url';
import { heapFlagsMissing, relaunchWithHeapFlags } from './heap-flags.js';

/**
 * The bin. `node dist/main.js …` (no shebang) starts without the V8 heap flags: it is relaunched with
 * them. Nothing else is loaded before that check, so the process that stands in costs little memory.
 */
if (heapFlagsMissing()) await relaunchWithHeapFlags(fileURLToPath(import.meta.url));
else await import('./connector.js');
