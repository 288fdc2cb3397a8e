/*
 * Two projects over one set of tests. `fast` is the inner loop (`npm run test:fast`): unit and
 * in-process route tests. `slow` holds the suites that launch a browser, spawn processes, crash
 * one, play a simulation or an e2e run over HTTP, or wait on real time (blocking reads, stalled
 * connections). `npm test` runs both. A suite is slow by being listed here, so the two sets
 * never overlap and together are every test file.
 */
const SLOW = [
  '/test/admin/[^/]*browser[^/]*\\.test\\.ts$',
  '/test/process/.*\\.test\\.ts$',
  '\\.process(es)?\\.test\\.ts$',
  '\\.crash\\.test\\.ts$',
  '/test/emulator/cli\\.test\\.ts$',
  '/test/sim/e2e\\.test\\.ts$',
  '\\.e2e\\.test\\.ts$',
  '/test/sim/call-center-erlang\\.test\\.ts$',
  '/test/routes/webhooks-redis-outage\\.test\\.ts$',
  '/test/wait-time/shared-queue-activity\\.test\\.ts$',
];

/** What both projects share: the same transform, resolution and roots. */
const shared = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  transform: {
    '^.+\\.ts$': 'ts-jest',
  },
  // tsconfig's isolatedModules makes ts-jest only transpile; `npm run typecheck` catches type errors.
  moduleFileExtensions: ['ts', 'js', 'json'],
  // Sources import with NodeNext `.js` suffixes; map relative `./x.js` to `./x` so jest finds x.ts.
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
};

/** @type {import('jest').Config} */
module.exports = {
  // Checks once whether the test Redis answers: Redis suites run, are skipped, or (CI) fail the run.
  globalSetup: '<rootDir>/test/support/redis.ts',
  projects: [
    {
      ...shared,
      displayName: 'fast',
      testPathIgnorePatterns: ['/node_modules/', ...SLOW],
    },
    {
      ...shared,
      displayName: 'slow',
      testRegex: SLOW,
    },
  ],
};
