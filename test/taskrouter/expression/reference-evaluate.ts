import type { PathSegment } from '../../../src/taskrouter/expression/ast.js';
import type { Generated, GeneratedOperand } from './random-expression.js';

/*
 * A second evaluator, written apart from the module's, over the generator's own structure. It
 * states the documented semantics as a type table: scalar operators want two scalars, HAS an
 * array then a scalar, IN and NOT IN a scalar then an array; anything else is false.
 */

type Kind = 'null' | 'string' | 'number' | 'boolean' | 'array' | 'other';

function kindOf(value: unknown): Kind {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  const type = typeof value;
  return type === 'string' || type === 'number' || type === 'boolean' ? type : 'other';
}

const scalarKinds: readonly Kind[] = ['null', 'string', 'number', 'boolean'];
const isScalar = (value: unknown) => scalarKinds.includes(kindOf(value));

/** Same kind and same value; two nulls are the same. */
const same = (a: unknown, b: unknown) => isScalar(a) && kindOf(a) === kindOf(b) && a === b;

function lookup(attributes: unknown, path: readonly PathSegment[]): unknown {
  let here = attributes;
  for (const step of path) {
    const kind = kindOf(here);
    if (typeof step === 'number') {
      if (kind !== 'array' || !(here as unknown[]).map((_, i) => i).includes(step)) return null;
      here = (here as unknown[])[step];
    } else {
      if (kind !== 'other' || typeof here !== 'object') return null;
      if (!Object.keys(here as object).includes(step)) return null;
      here = (here as Record<string, unknown>)[step];
    }
  }
  return here ?? null;
}

function valueOf(operand: GeneratedOperand, attributes: unknown): unknown {
  if (operand.type === 'constant') return operand.value;
  if (operand.type === 'list') return operand.items;
  return operand.scope === 'task' ? null : lookup(attributes, operand.path);
}

function ordered(a: unknown, b: unknown, holds: (a: never, b: never) => boolean): boolean {
  const kind = kindOf(a);
  return (
    (kind === 'number' || kind === 'string') && kindOf(b) === kind && holds(a as never, b as never)
  );
}

export function referenceEvaluate(node: Generated, attributes: unknown): boolean {
  if (node.type === 'all' || node.type === 'any') {
    const results = node.parts.map((part) => referenceEvaluate(part, attributes));
    return node.type === 'all' ? !results.includes(false) : results.includes(true);
  }
  if (node.type === 'alone') return valueOf(node.operand, attributes) === true;
  const a = valueOf(node.left, attributes);
  const b = valueOf(node.right, attributes);
  switch (node.op) {
    case 'eq':
    case 'assign-style-eq':
      return same(a, b);
    case 'ne':
      return isScalar(a) && isScalar(b) && !same(a, b);
    case 'gt':
      return ordered(a, b, (x, y) => x > y);
    case 'ge':
      return ordered(a, b, (x, y) => x >= y);
    case 'lt':
      return ordered(a, b, (x, y) => x < y);
    case 'le':
      return ordered(a, b, (x, y) => x <= y);
    case 'contains':
      return (
        kindOf(a) === 'string' &&
        kindOf(b) === 'string' &&
        (a as string).indexOf(b as string) !== -1
      );
    case 'has':
      return kindOf(a) === 'array' && isScalar(b) && (a as unknown[]).some((item) => same(item, b));
    case 'in':
      return isScalar(a) && kindOf(b) === 'array' && (b as unknown[]).some((item) => same(a, item));
    case 'not-in':
      return (
        isScalar(a) && kindOf(b) === 'array' && (b as unknown[]).every((item) => !same(a, item))
      );
  }
}
