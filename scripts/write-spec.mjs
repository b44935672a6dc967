// Writes spec.json from the zod config schema (via the built connector), so the two never disagree.
// Run: npm run build && npm run spec
import { writeFileSync } from 'node:fs';
import { connectorSpecification } from '../dist/spec.js';

writeFileSync(new URL('../spec.json', import.meta.url), `${JSON.stringify(connectorSpecification(), null, 2)}\n`);
console.error('spec.json written');
