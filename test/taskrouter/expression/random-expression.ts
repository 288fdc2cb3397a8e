import type {
  ComparisonOperator,
  Expression,
  Operand,
  PathSegment,
  Scalar,
} from '../../../src/taskrouter/expression/ast.js';

/*
 * A small generator of expressions and worker attributes for property tests. Expressions are
 * built as the generator's own plain structure (`Generated`), which the tests turn into the
 * module's tree, into text, and evaluate with an independent reference evaluator.
 */

export type Random = () => number;

export type GeneratedOperand =
  | { type: 'constant'; value: Scalar }
  | { type: 'list'; items: Scalar[] }
  | { type: 'key'; scope: 'worker' | 'task'; path: PathSegment[] };

export type GeneratedOp =
  | 'eq'
  | 'assign-style-eq'
  | 'ne'
  | 'gt'
  | 'ge'
  | 'lt'
  | 'le'
  | 'contains'
  | 'has'
  | 'in'
  | 'not-in';

export type Generated =
  | { type: 'test'; op: GeneratedOp; left: GeneratedOperand; right: GeneratedOperand }
  | { type: 'alone'; operand: GeneratedOperand }
  | { type: 'all'; parts: [Generated, Generated] }
  | { type: 'any'; parts: [Generated, Generated] };

/** Values shared by constants and attributes, so equalities hit often enough to matter. */
export const SCALARS: readonly Scalar[] = [
  'support',
  'sales',
  'Support',
  'en',
  'fr',
  '',
  'a"b',
  "it's",
  'line\nbreak',
  'back\\slash',
  'café',
  0,
  1,
  -1,
  2.5,
  3,
  -0.5,
  10,
  true,
  false,
  null,
];

/** Values drawn more often, some of them substrings of others, so HAS, IN and CONTAINS hit too. */
const COMMON: readonly Scalar[] = ['support', 'sales', 'es', 'en', '', 3, 1, true, null];

function scalar(random: Random): Scalar {
  return random() < 0.6 ? pick(random, COMMON) : pick(random, SCALARS);
}

/** Worker keys, including ones the printer must write as `worker.x` (keywords, prefixes, digits). */
export const WORKER_KEYS: readonly PathSegment[][] = [
  ['skills'],
  ['languages'],
  ['level'],
  ['name'],
  ['vip'],
  ['routing', 'skills'],
  ['routing', 'level'],
  ['tags', 0],
  ['tags', 2],
  ['a', 'b', 1, 'c'],
  ['in'],
  ['task', 'x'],
  ['worker'],
  ['constructor'],
  ['2fa'],
  ['missing'],
];

const TASK_KEYS: readonly PathSegment[][] = [['language'], ['skills']];

/** Containers set before the keys inside them, sometimes to the wrong type on purpose. */
const CONTAINERS: readonly [PathSegment[], 'array' | 'object'][] = [
  [['routing'], 'object'],
  [['tags'], 'array'],
  [['a'], 'object'],
  [['a', 'b'], 'array'],
  [['task'], 'object'],
];

export const pick = <T>(random: Random, items: readonly T[]): T =>
  items[Math.floor(random() * items.length)] as T;

function list(random: Random): Scalar[] {
  return Array.from({ length: Math.floor(random() * 5) }, () => scalar(random));
}

function operand(random: Random, weights: [key: number, constant: number]): GeneratedOperand {
  const roll = random();
  if (roll < weights[0]) {
    return random() < 0.15
      ? { type: 'key', scope: 'task', path: [...pick(random, TASK_KEYS)] }
      : { type: 'key', scope: 'worker', path: [...pick(random, WORKER_KEYS)] };
  }
  if (roll < weights[0] + weights[1]) return { type: 'constant', value: scalar(random) };
  return { type: 'list', items: list(random) };
}

const OPS: readonly GeneratedOp[] = [
  'eq',
  'assign-style-eq',
  'ne',
  'gt',
  'ge',
  'lt',
  'le',
  'contains',
  'has',
  'in',
  'not-in',
];

function leaf(random: Random): Generated {
  if (random() < 0.15) {
    return random() < 0.7
      ? {
          type: 'alone',
          operand: { type: 'key', scope: 'worker', path: [...pick(random, WORKER_KEYS)] },
        }
      : { type: 'alone', operand: { type: 'constant', value: random() < 0.5 } };
  }
  const op = pick(random, OPS);
  const left = operand(random, [0.75, 0.15]);
  const right =
    op === 'in' || op === 'not-in'
      ? operand(random, [0.25, 0.05])
      : op === 'has'
        ? operand(random, [0.3, 0.6])
        : operand(random, [0.3, 0.65]);
  return { type: 'test', op, left, right };
}

export function generateExpression(random: Random, depth: number): Generated {
  if (depth === 0 || random() < 0.35) return leaf(random);
  const parts: [Generated, Generated] = [
    generateExpression(random, depth - 1),
    generateExpression(random, depth - 1),
  ];
  return { type: random() < 0.5 ? 'all' : 'any', parts };
}

function value(random: Random): unknown {
  const roll = random();
  if (roll < 0.55) return scalar(random);
  if (roll < 0.9) return list(random);
  if (roll < 0.95) return { x: scalar(random) };
  return [list(random), scalar(random)];
}

/** Sets `path` to `leafValue`, making containers on the way; gives up where a step is the wrong type. */
function setPath(root: Record<string, unknown>, path: readonly PathSegment[], leafValue: unknown) {
  let here: unknown = root;
  for (const [i, step] of path.entries()) {
    const last = i === path.length - 1;
    const nextIsIndex = typeof path[i + 1] === 'number';
    if (typeof step === 'number') {
      if (!Array.isArray(here)) return;
      while (here.length <= step) here.push(null); // JSON arrays have no holes
      if (last) here[step] = leafValue;
      else if (here[step] === null) here[step] = nextIsIndex ? [] : {};
      here = here[step];
    } else {
      if (typeof here !== 'object' || here === null || Array.isArray(here)) return;
      const record = here as Record<string, unknown>;
      if (last) record[step] = leafValue;
      else if (!(step in record)) record[step] = nextIsIndex ? [] : {};
      here = record[step];
    }
  }
}

/** A worker's attributes: each key present three times in four, containers sometimes mistyped. */
export function generateAttributes(random: Random): Record<string, unknown> {
  const attributes: Record<string, unknown> = {};
  for (const [path, kind] of CONTAINERS) {
    const roll = random();
    if (roll < 0.15) setPath(attributes, path, value(random));
    else if (roll < 0.6) setPath(attributes, path, kind === 'array' ? [] : {});
  }
  for (const path of WORKER_KEYS) if (random() < 0.75) setPath(attributes, path, value(random));
  return attributes;
}

const OPERATORS: Readonly<Record<GeneratedOp, ComparisonOperator>> = {
  eq: '==',
  'assign-style-eq': '==',
  ne: '!=',
  gt: '>',
  ge: '>=',
  lt: '<',
  le: '<=',
  contains: 'CONTAINS',
  has: 'HAS',
  in: 'IN',
  'not-in': 'NOT IN',
};

function toOperand(generated: GeneratedOperand): Operand {
  if (generated.type === 'constant')
    return { kind: 'literal', value: generated.value, position: 0 };
  if (generated.type === 'list') return { kind: 'literal', value: generated.items, position: 0 };
  return { kind: 'reference', scope: generated.scope, path: generated.path, position: 0 };
}

/**
 * The module's tree for a generated expression (positions 0: they play no part in evaluation).
 * Binary here, so `all(all(a, b), c)` is an AND inside an AND: a shape only parentheses give.
 */
export function toTree(generated: Generated): Expression {
  switch (generated.type) {
    case 'test':
      return {
        kind: 'comparison',
        operator: OPERATORS[generated.op],
        left: toOperand(generated.left),
        right: toOperand(generated.right),
        position: 0,
      };
    case 'alone':
      return { kind: 'condition', operand: toOperand(generated.operand), position: 0 };
    default:
      return {
        kind: generated.type === 'all' ? 'and' : 'or',
        operands: generated.parts.map(toTree),
        position: 0,
      };
  }
}
