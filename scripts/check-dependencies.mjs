// `npm run deps`: the house's boundaries. Reads dependency-cruiser's JSON on stdin, fails on its
// rule violations (.dependency-cruiser.cjs) and on folders of src/ that depend on each other in a
// cycle (a → b → … → a): a folder should be readable knowing only the folders below it.
//   depcruise src --config .dependency-cruiser.cjs --output-type json | node scripts/check-dependencies.mjs
// Type-only imports count for folders: they tie the folders' meanings together all the same.
import { readFileSync } from 'node:fs';

const cruise = JSON.parse(readFileSync(0, 'utf8'));
let failed = false;
for (const violation of cruise.summary.violations) {
  const via = violation.cycle
    ? ` (${violation.cycle.map((step) => step.name ?? step).join(' → ')})`
    : '';
  process.stdout.write(`${violation.rule.name}: ${violation.from} → ${violation.to}${via}\n`);
  failed = true;
}
/** `src/voice/x.ts` → `voice`; a file directly in src/ is a node of its own (`config.ts`). */
const nodeOf = (source) => {
  const parts = source.split('/');
  return parts[0] === 'src' && parts.length > 2 ? parts[1] : parts.slice(1).join('/');
};

const edges = new Map();
for (const module of cruise.modules) {
  if (!module.source.startsWith('src/')) continue;
  const from = nodeOf(module.source);
  for (const dependency of module.dependencies) {
    if (!dependency.resolved.startsWith('src/')) continue;
    if (dependency.dependencyTypes.includes('dynamic-import')) continue;
    const to = nodeOf(dependency.resolved);
    if (to === from) continue;
    if (!edges.has(from)) edges.set(from, new Map());
    const targets = edges.get(from);
    if (!targets.has(to)) targets.set(to, `${module.source} → ${dependency.resolved}`);
  }
}

// Tarjan's strongly connected components: every component of more than one node is a cycle.
let index = 0;
const indexOf = new Map();
const low = new Map();
const stack = [];
const onStack = new Set();
const cycles = [];
const visit = (node) => {
  indexOf.set(node, index);
  low.set(node, index);
  index += 1;
  stack.push(node);
  onStack.add(node);
  for (const next of edges.get(node)?.keys() ?? []) {
    if (!indexOf.has(next)) {
      visit(next);
      low.set(node, Math.min(low.get(node), low.get(next)));
    } else if (onStack.has(next)) {
      low.set(node, Math.min(low.get(node), indexOf.get(next)));
    }
  }
  if (low.get(node) !== indexOf.get(node)) return;
  const component = [];
  let member;
  do {
    member = stack.pop();
    onStack.delete(member);
    component.push(member);
  } while (member !== node);
  if (component.length > 1) cycles.push(component);
};
for (const node of edges.keys()) if (!indexOf.has(node)) visit(node);

if (cycles.length === 0 && !failed) {
  process.stdout.write(
    `dependencies: no rule broken, no folder cycle (${cruise.summary.totalCruised} modules, ` +
      `${edges.size} folders and files of src/)\n`,
  );
} else {
  for (const component of cycles) {
    process.stdout.write(`folder cycle: ${component.sort().join(', ')}\n`);
    const members = new Set(component);
    for (const from of component) {
      for (const [to, example] of edges.get(from) ?? []) {
        if (members.has(to)) process.stdout.write(`  ${from} → ${to}: ${example}\n`);
      }
    }
  }
  process.exitCode = 1;
}
