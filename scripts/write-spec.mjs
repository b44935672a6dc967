// Writes spec.json from the zod config schema (via the built connector's `spec`), so the two never disagree.
// Run: npm run write-spec
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';

const { spec } = JSON.parse(execFileSync(process.execPath, ['dist/main.js', 'spec'], { encoding: 'utf8' }));
writeFileSync(new URL('../spec.json', import.meta.url), `${JSON.stringify(spec, null, 2)}\n`);
console.error('spec.json written');
