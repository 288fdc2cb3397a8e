import type { Expression, Operand, PathSegment, Scalar } from './ast.js';

/**
 * Writes an expression back as text that `parse` reads into the same tree: keywords in upper
 * case, strings in double quotes, and only the parentheses the tree's shape needs.
 * Used to show a normalised expression and to test the parser against generated trees.
 */
export function print(expression: Expression): string {
  switch (expression.kind) {
    case 'or':
    case 'and': {
      const word = expression.kind === 'or' ? ' OR ' : ' AND ';
      return expression.operands.map((operand) => printChild(operand, expression)).join(word);
    }
    case 'comparison':
      return `${printOperand(expression.left)} ${expression.operator} ${printOperand(expression.right)}`;
    case 'condition':
      return printOperand(expression.operand);
  }
}

function precedence(expression: Expression): number {
  if (expression.kind === 'or') return 1;
  if (expression.kind === 'and') return 2;
  return 3;
}

/** The parser flattens chains, so a same-kind child came from parentheses and keeps them. */
function printChild(child: Expression, parent: Expression): string {
  const bare = print(child);
  return precedence(child) > precedence(parent) ? bare : `(${bare})`;
}

function printOperand(operand: Operand): string {
  if (operand.kind === 'literal') {
    const { value } = operand;
    return Array.isArray(value)
      ? `[${value.map(printScalar).join(', ')}]`
      : printScalar(value as Scalar);
  }
  if (operand.scope === 'task') return `task.${formatPath(operand.path)}`;
  return needsWorkerPrefix(operand.path)
    ? `worker.${formatPath(operand.path)}`
    : formatPath(operand.path);
}

const KEYWORDS = new Set(['AND', 'OR', 'HAS', 'IN', 'NOT', 'CONTAINS', 'TRUE', 'FALSE', 'NULL']);
const KEY = /^[A-Za-z0-9_]+$/;

/** A bare key that would read as a keyword, a number, or a `task.`/`worker.` prefix. */
function needsWorkerPrefix(path: readonly PathSegment[]): boolean {
  const [first, second] = path;
  if (typeof first !== 'string') return true;
  if (KEYWORDS.has(first.toUpperCase()) || !/^[A-Za-z_]/.test(first)) return true;
  return (first === 'worker' || first === 'task') && typeof second === 'string';
}

/** A key path as written in an expression, without scope: `routing.skills`, `a.b[2].c`. */
export function formatPath(path: readonly PathSegment[]): string {
  let text = '';
  for (const segment of path) {
    if (typeof segment === 'number') {
      text += `[${segment}]`;
    } else {
      if (!KEY.test(segment)) throw new Error(`key ${JSON.stringify(segment)} cannot be written`);
      text += text === '' ? segment : `.${segment}`;
    }
  }
  return text;
}

function printScalar(value: Scalar): string {
  if (value === null) return 'null';
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'number') {
    const text = String(value);
    if (!/^-?\d+(\.\d+)?$/.test(text)) throw new Error(`number ${text} cannot be written`);
    return text;
  }
  let text = '"';
  for (const c of value) {
    if (c === '"' || c === '\\') text += `\\${c}`;
    else if (c === '\n') text += '\\n';
    else if (c === '\r') text += '\\r';
    else if (c === '\t') text += '\\t';
    else if (c < ' ') text += `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
    else text += c;
  }
  return `${text}"`;
}
