#!/usr/bin/env node
// `npm run generate`: writes src/generated/<stream>.ts (one exported interface per stream) and src/generated/index.ts
// from schemas/<stream>.json. The rendering lives in scripts/types-renderer.mjs (reused by the freshness test).
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { GENERATED_DIR, renderTypes } from './types-renderer.mjs';

export { renderTypes };

async function main() {
  const files = await renderTypes();
  mkdirSync(GENERATED_DIR, { recursive: true });
  // Remove generated files of streams that no longer exist.
  for (const name of readdirSync(GENERATED_DIR)) {
    if (name.endsWith('.ts') && !(name in files)) rmSync(resolve(GENERATED_DIR, name));
  }
  for (const [name, content] of Object.entries(files)) writeFileSync(resolve(GENERATED_DIR, name), content);
  console.error(`wrote ${Object.keys(files).length} files to src/generated`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main().catch((err) => {
    console.error(err);
    process.exitCode = 1;
  });
}
