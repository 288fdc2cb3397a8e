import type { Expression, Operand } from './ast.js';
import { formatPath } from './print.js';

/**
 * The worker attribute paths an expression reads, each once, in the order written. `task.`
 * keys are left out: they never read a worker, so no worker change can alter them.
 */
export function collectReferences(expression: Expression): string[] {
  const paths = new Set<string>();
  const visitOperand = (operand: Operand) => {
    if (operand.kind === 'reference' && operand.scope === 'worker') {
      paths.add(formatPath(operand.path));
    }
  };
  const visit = (node: Expression): void => {
    if (node.kind === 'comparison') {
      visitOperand(node.left);
      visitOperand(node.right);
    } else if (node.kind === 'condition') {
      visitOperand(node.operand);
    } else {
      node.operands.forEach(visit);
    }
  };
  visit(expression);
  return [...paths];
}
