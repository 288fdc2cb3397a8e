/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  transform: {
    '^.+\\.ts$': 'ts-jest',
  },
  // tsconfig's isolatedModules makes ts-jest only transpile; `npm run typecheck` catches type errors.
  moduleFileExtensions: ['ts', 'js', 'json'],
  // Sources import with NodeNext `.js` suffixes; map relative `./x.js` to `./x` so jest finds x.ts.
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  // Checks once whether the test Redis answers: Redis suites run, are skipped, or (CI) fail the run.
  globalSetup: '<rootDir>/test/support/redis.ts',
};
