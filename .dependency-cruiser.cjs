/**
 * The layer table of docs/design.md, enforced: each folder of src/ may import only the
 * folders listed for it (imports point down), no module takes part in an import cycle,
 * and the layers below the page never load UI libraries. `npm run lint` runs it.
 * Tests may reach across their layer (a lesson test builds views, an engine test reads
 * scenario files), so the layer rules look at production code only; cycles count everywhere.
 */
const TESTS = '(\\.test\\.tsx?$|/test-states\\.ts$|^src/test-support/)';
const UI = '^node_modules/(react|react-dom|zustand|d3|d3-[a-z-]+|@tanstack)/';

/** folder -> the folders of src/ its code may import (besides itself) */
const LAYERS = {
  engine: [],
  scenario: ['engine'],
  links: ['scenario', 'engine'],
  lessons: ['engine', 'scenario'],
  worker: ['engine', 'scenario', 'lessons'],
  state: ['worker', 'scenario', 'links', 'lessons', 'engine'],
  views: ['state', 'worker', 'lessons', 'links', 'scenario', 'engine'],
  app: ['views', 'state'],
};

const layerRules = Object.entries(LAYERS).map(([layer, allowed]) => ({
  name: `layer-${layer}`,
  comment: `src/${layer} may import only ${allowed.length ? allowed.map((l) => `src/${l}`).join(', ') : 'itself'} (docs/design.md, layers)`,
  severity: 'error',
  from: { path: `^src/${layer}/`, pathNot: TESTS },
  to: { path: '^src/', pathNot: [`^src/(${[layer, ...allowed].join('|')})/`, '\\.css$'] },
}));

/** The public entry (src/index.ts) stands on engine, scenario and links; the command line, npm run bench and npm run fuzz use only it. */
const entryRules = [
  {
    name: 'index-below-the-page',
    comment: 'src/index.ts exports what a program needs without the page: engine, scenario, links',
    severity: 'error',
    from: { path: '^src/index\\.ts$' },
    to: { path: '^src/', pathNot: '^src/(engine|scenario|links)/' },
  },
  {
    name: 'programs-use-the-public-entry',
    comment: 'the CLI, the benchmark and the fuzzers reach the engine through src/index.ts only',
    severity: 'error',
    from: { path: '^(src/cli/|src/fuzz/|bench/(run|fuzz|replay-workload)\\.ts$)', pathNot: TESTS },
    to: { path: '^src/', pathNot: ['^src/index\\.ts$', '^src/(cli|fuzz)/'] },
  },
];

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'an import cycle, type-only ones included: modules that need each other are one module',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    ...layerRules,
    ...entryRules,
    {
      name: 'no-ui-below-the-page',
      comment: 'engine, scenario, links, lessons, worker and the command line run without a page',
      severity: 'error',
      from: { path: '^src/(engine|scenario|links|lessons|worker|cli|fuzz)/|^src/index\\.ts$' },
      to: { path: UI },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(dist|dist-cli|dist-bench|test-results)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'], extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json'] },
  },
};
