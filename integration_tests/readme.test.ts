// The README's Fidelity table is what the correction tables say (scripts/fidelity-table.mjs prints it).
import { readFileSync } from 'node:fs';
import { fidelityTable } from '../scripts/fidelity-table.mjs';

test('the README\'s Fidelity table matches the correction tables', () => {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
  const inReadme = /<!-- fidelity-table:start -->\n([\s\S]*?)<!-- fidelity-table:end -->/.exec(readme)?.[1];
  expect(inReadme).toBe(fidelityTable());
});
