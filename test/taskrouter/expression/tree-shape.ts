import type { Expression, Operand } from '../../../src/taskrouter/expression/ast.js';
import { formatPath } from '../../../src/taskrouter/expression/print.js';

/**
 * A tree as a one-line s-expression, for tables that read at a glance:
 * `(or @a (and @b (== @c 1)))`. `@path` is a worker key, `task:path` a task key, `(bare x)` a
 * lone condition; constants are JSON.
 */
export function shapeOf(expression: Expression): string {
  switch (expression.kind) {
    case 'or':
    case 'and':
      return `(${[expression.kind, ...expression.operands.map(shapeOf)].join(' ')})`;
    case 'comparison':
      return `(${expression.operator} ${operandShape(expression.left)} ${operandShape(expression.right)})`;
    case 'condition':
      return `(bare ${operandShape(expression.operand)})`;
  }
}

function operandShape(operand: Operand): string {
  if (operand.kind === 'literal') return JSON.stringify(operand.value);
  const path = formatPath(operand.path);
  return operand.scope === 'task' ? `task:${path}` : `@${path}`;
}
