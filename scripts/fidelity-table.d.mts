// Types for scripts/fidelity-table.mjs (imported by integration_tests/readme.test.ts).
export function fidelityTable(): string;
