/**
 * The dependency rule of design §2, checked on every `npm test`.
 * A ──► B means "A may import B". Everything not allowed below is forbidden.
 */
const ADAPTERS = '^src/(nomad|openstack|consul|vault|levant|declarations|http|ssh)/';
module.exports = {
  forbidden: [
    {
      name: 'commands-are-pure',
      comment: 'commands/ parse text into data: only src/operations, src/errors and zod.',
      severity: 'error',
      from: { path: '^commands/' },
      to: { pathNot: ['^commands/', '^src/operations/', '^src/errors\\.ts$', 'node_modules/zod'] },
    },
    {
      name: 'jobs-see-ports-not-adapters',
      comment: 'jobs/ get concrete clients injected through src/ports.ts (types only).',
      severity: 'error',
      from: { path: '^jobs/' },
      to: {
        pathNot: ['^jobs/', '^src/operations/', '^src/errors\\.ts$', '^src/ports\\.ts$', '^src/ports/', '^src/redact\\.ts$', 'node_modules/zod'],
        dependencyTypesNot: ['core'],
      },
    },
    {
      name: 'operations-import-zod-only',
      severity: 'error',
      from: { path: '^src/operations/' },
      to: { pathNot: ['^src/operations/', 'node_modules/zod'] },
    },
    {
      name: 'lifecycle-is-pure',
      comment: 'The operation lifecycle table (src/queue/lifecycle.ts) is pure data and functions: no Redis, BullMQ, clock or I/O.',
      severity: 'error',
      from: { path: '^src/queue/lifecycle\\.ts$' },
      to: { pathNot: ['^src/operations/'] },
    },
    {
      name: 'adapters-stand-alone',
      comment: 'Driven adapters never reach into slack/queue/monitors/commands/jobs.',
      severity: 'error',
      from: { path: ADAPTERS },
      to: { path: ['^src/(slack|queue|monitors|config)/', '^commands/', '^jobs/'] },
    },
    {
      name: 'monitors-reach-slack-through-their-port',
      comment:
        'The monitors post alerts through their AlertSink port (src/monitors/alerts/types.ts); rendering and the Web API live in src/slack (issue 15.3).',
      severity: 'error',
      from: { path: '^src/monitors/' },
      to: { path: ['^src/slack/', 'node_modules/@slack/'] },
    },
    {
      name: 'queue-reaches-slack-through-the-notifier',
      comment: 'Operations reach people only through the Notifier port of src/ports.ts.',
      severity: 'error',
      from: { path: '^src/queue/' },
      to: { path: ['^src/slack/', 'node_modules/@slack/'] },
    },
    {
      name: 'ports-are-our-own-interfaces',
      comment:
        "src/ports.ts and src/ports/ describe what jobs may ask in their own interfaces; they name the adapters' and the monitors' data types (schemas, requests, alert listings, maintenance windows) but never lean on their classes (no Pick<NomadJobs, ...>, no ClusterWatch) (issue 15.3).",
      severity: 'error',
      from: { path: '^src/ports(\\.ts$|/)' },
      to: {
        path: [
          '^src/(nomad|openstack|consul|vault|declarations|levant|http|ssh|redis|remediation|masters|merge|observability)/',
          '^src/(slack|queue|monitors)/',
        ],
        pathNot: [
          '^src/(nomad|openstack)/(schemas/|requests\\.ts$|paging\\.ts$)',
          '^src/declarations/types\\.ts$',
          '^src/monitors/(alerts/listing|alerts/types|maintenance|farm-view|facts)\\.ts$',
        ],
      },
    },
    {
      name: 'ports-name-monitor-data-as-types-only',
      comment:
        'The monitors data the ports name (alert listings, silences, maintenance windows, farm nodes) are types: nothing of the monitors runs through the ports.',
      severity: 'error',
      from: { path: '^src/ports(\\.ts$|/)' },
      to: { path: '^src/monitors/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'main-sees-monitors-through-their-index',
      comment:
        "src/main.ts wires the watch (createClusterWatch and its options) and builds no alert of its own: facts such as master health are the monitors' (src/monitors/master-health.ts) (issue 15.3).",
      severity: 'error',
      from: { path: '^src/main\\.ts$' },
      to: { path: '^src/monitors/', pathNot: '^src/monitors/index\\.ts$' },
    },
    {
      name: 'adapter-factories-only-in-main',
      comment:
        'The factories that make concrete clients from the configuration and environment (src/*/from-env.ts, from-config.ts) are called by the composition root only (and check-config, which tries them); everything else gets ports.',
      severity: 'error',
      from: { path: '^(src|commands|jobs|sim)/', pathNot: ['^src/main\\.ts$', '^src/cli/'] },
      to: { path: '^src/[^/]+/from-(env|config)\\.ts$' },
    },
    {
      name: 'queue-sees-ports-not-adapters',
      comment:
        'The operation lifecycle (src/queue) reaches Nomad, OpenStack, SSH, the declarations and the monitors only through the ports that src/main.ts fills in (JobDeps, Notifier).',
      severity: 'error',
      from: { path: '^src/queue/' },
      to: { path: '^src/(nomad|openstack|consul|vault|ssh|declarations|levant|http|monitors|remediation|masters|merge)/' },
    },
    {
      name: 'monitors-make-no-clients',
      comment:
        "The cluster watch is handed its Nomad client (src/main.ts makes it): it uses the client's types, schemas, paging and event-stream reader, and no other adapter.",
      severity: 'error',
      from: { path: '^src/monitors/' },
      to: {
        path: ['^src/(openstack|consul|vault|ssh|declarations|levant|queue|remediation|masters|merge)/', '^src/nomad/'],
        pathNot: ['^src/nomad/(schemas/|paging\\.ts$|event-stream\\.ts$|requests\\.ts$)'],
        dependencyTypesNot: ['type-only'],
      },
    },
    {
      name: 'only-main-wires-registries',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/main\\.ts$' },
      to: { path: '^(commands|jobs)/' },
    },
    {
      name: 'src-never-imports-sim',
      severity: 'error',
      from: { path: '^(src|commands|jobs)/' },
      to: { path: '^(sim|test|bench)/' },
    },
    {
      name: 'simulators-never-borrow-the-code-they-test',
      comment: 'The simulators (and their shared HTTP server and farm link) import nothing of the bot: their data and constants are their own (issue 15.4).',
      severity: 'error',
      from: { path: '^sim/(nomad|slack|openstack|consul|vault|http|farm|ssh)/' },
      to: { path: '^(src|commands|jobs)/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'], extensions: ['.ts', '.js'] },
  },
};
