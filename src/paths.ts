import { fileURLToPath } from 'node:url';

/** The package root: this module sits directly under src/ (tests) or dist/ (built), one level below it. */
export const packageRoot = fileURLToPath(new URL('..', import.meta.url));
export const schemasDir = fileURLToPath(new URL('../schemas/', import.meta.url));
