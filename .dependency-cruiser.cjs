/**
 * The house's boundaries, checked by `npm run deps` (part of `npm run check`). Folder cycles are
 * checked by scripts/check-folder-cycles.mjs on the same cruise.
 */
const CALL_PATH = '^src/(voice|api|admin|http|twilio-webhook|outbound|survey)/';
const COMPOSITION = '^src/(runtime/|server\\.ts$|worker\\.ts$|sim/|demo/)';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'A module cycle makes load order matter and the parts impossible to read alone.',
      severity: 'error',
      from: {},
      // Type-only imports vanish at run time, so a cycle through them costs no load order.
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
    {
      name: 'call-path-never-touches-rest',
      comment:
        'A webhook never waits on Twilio: the call path reads only the cache and the event log, ' +
        'so it never imports the REST side, the poller or the Twilio stats source.',
      severity: 'error',
      from: { path: CALL_PATH },
      to: {
        path: '^src/(twilio-rest/|dialer/|stats/(poller|twilio-stats-source|taskrouter-stats))',
      },
    },
    {
      name: 'emulator-and-simulator-stay-out-of-production',
      comment:
        'The emulator loads only in demo mode (a dynamic import in runtime/twilio-access.ts) ' +
        'and the simulator only in benchmarks, tests and its own CLIs.',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/(emulator|sim|demo)/' },
      to: { path: '^src/(emulator|sim)/', dependencyTypesNot: ['dynamic-import'] },
    },
    {
      name: 'concrete-stores-only-in-composition',
      comment:
        'Code works against the store interfaces; only the composition roots pick the memory, ' +
        'file or Redis implementation.',
      severity: 'error',
      from: {
        path: '^src/',
        pathNot: `${COMPOSITION}|^src/(stats|metadata|jobs|eligibility|taskrouter|wait-time|callbacks)/`,
      },
      to: { path: '^src/.+/(memory|file|redis)-[a-z-]*(store|cache|inbox|events|log)\\.ts$' },
    },
    {
      name: 'no-orphans',
      comment: 'A source file nothing imports is dead, or an entry point that is not listed.',
      severity: 'error',
      from: {
        orphan: true,
        pathNot: ['\\.d\\.ts$', '^src/(server|worker)\\.ts$', '^src/(sim|emulator)/.*cli\\.ts$'],
      },
      to: {},
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default'],
    },
  },
};
