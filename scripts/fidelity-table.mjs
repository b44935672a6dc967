#!/usr/bin/env node
// Prints the README's Fidelity table from the correction tables (scripts/lago-corrections/), so the README says
// what the tables say: per stream, the lago-api list action its fields come from, the versions it was checked
// against, and what the tables change in Lago's OpenAPI document. integration_tests/readme.test.ts compares.
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import { CORRECTIONS } from './lago-corrections/index.mjs';

const code = (paths) => paths.map((p) => `\`${p}\``).join(', ');

/** Top-level paths first, nested ones after; at most `limit` shown. */
function listed(paths, limit = 6) {
  const sorted = [...paths].sort((a, b) => a.split(/[.[]/).length - b.split(/[.[]/).length);
  const shown = sorted.slice(0, limit);
  return `${code(shown)}${sorted.length > limit ? ` and ${sorted.length - limit} more` : ''}`;
}

export function fidelityTable() {
  const rows = ['| stream | fields from (lago-api list action) | checked against | added to the document | removed (never in the list) | never null |', '|---|---|---|---|---|---|'];
  for (const [stream, table] of Object.entries(CORRECTIONS)) {
    const added = table.fields.filter((f) => f.add).map((f) => f.path);
    const removed = table.fields.filter((f) => f.remove).map((f) => f.path);
    const topGuaranteed = table.guaranteed.map((g) => g.path).filter((p) => !/[.[]/.test(p));
    rows.push(
      `| ${stream} | ${table.list.replace(/\|/g, '\\|')} | ${table.checked.join(', ')} | ${added.length ? listed(added) : '–'} | ${removed.length ? listed(removed, 4) : '–'} | ${topGuaranteed.length} top-level fields |`,
    );
  }
  return `${rows.join('\n')}\n`;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) process.stdout.write(fidelityTable());
