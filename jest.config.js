// ESM + ts-jest, as in the toolchain notes: ts-jest does not type-check here, `tsc --noEmit` does.
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: { '^.+\\.ts$': ['ts-jest', { useESM: true }] },
  testMatch: ['<rootDir>/src/**/*.test.ts', '<rootDir>/integration_tests/**/*.test.ts'],
  testTimeout: 60000,
};
