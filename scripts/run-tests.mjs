// The test command (npm test): type-check, build the connector and the fake Lago server, run jest,
// and end with the line CI reads: "N passed, N failed". Keeps jest's exit code.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';

const RESULTS = '.jest-results.json';
const run = (command, args) => spawnSync(command, args, { stdio: 'inherit' }).status ?? 1;
const node = (args) => run(process.execPath, args);

rmSync(RESULTS, { force: true });
const steps = [
  ['type-check', ['node_modules/typescript/bin/tsc', '--noEmit']],
  ['build', ['scripts/build.mjs']],
  ['build fake Lago', ['node_modules/typescript/bin/tsc', '-p', 'integration_tests/tsconfig.fake.json']],
];
for (const [name, args] of steps) {
  if (node(args) !== 0) {
    console.log(`${name} failed`);
    console.log('0 passed, 1 failed');
    process.exit(1);
  }
}

const jestArgs = ['--experimental-vm-modules', 'node_modules/jest/bin/jest.js', '--maxWorkers=2', '--json', `--outputFile=${RESULTS}`, ...process.argv.slice(2)];
const code = run(process.execPath, jestArgs);
if (!existsSync(RESULTS)) {
  console.log('0 passed, 1 failed');
  process.exit(code || 1);
}
const results = JSON.parse(readFileSync(RESULTS, 'utf8'));
const failedSuites = results.numFailedTestSuites ?? 0;
// A suite that fails to load has no failed tests of its own: count it, so it cannot hide.
const failed = results.numFailedTests + (results.numRuntimeErrorTestSuites ?? 0);
const skipped = results.numPendingTests + (results.numTodoTests ?? 0);
console.log(`${results.numPassedTests} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(code !== 0 || failedSuites > 0 ? code || 1 : 0);
