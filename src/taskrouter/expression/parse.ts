import type { ComparisonOperator, Expression, Literal, Operand, Reference, Scalar } from './ast.js';
import { expectedError } from './expression-error.js';
import { describeToken, tokenize, type Token } from './tokenize.js';

export { ExpressionError } from './expression-error.js';

/*
 * Grammar, from Twilio's "Using TaskRouter Expressions"
 * (https://www.twilio.com/docs/taskrouter/expression-syntax) plus the choices noted:
 *
 *   expression := and-list { OR and-list }              OR binds loosest
 *   and-list   := condition { AND condition }
 *   condition  := "(" expression ")"
 *               | operand [ operator operand ]           a lone operand: true, false or a key
 *   operator   := "==" | "=" | "!=" | ">" | ">=" | "<" | "<="
 *               | CONTAINS | HAS | IN | NOT IN
 *   operand    := string | number | TRUE | FALSE | NULL | array | reference
 *   array      := "[" [ constant { "," constant } ] "]"
 *   reference  := [ "worker." | "task." ] key { "." key | "[" digits "]" }
 *
 * `=` is read as `==`: Twilio's time-of-day routing page writes `taskrouter.dayOfWeek = 'Sat'`.
 * Comparisons do not chain (`a == b == c` is an error), and there is no unary NOT: the docs list
 * only AND, OR and the NOT IN operator.
 */

/**
 * Parentheses are the only thing that nests the tree (AND/OR chains stay flat), so capping them
 * keeps parsing and evaluation far from the stack limit whatever text arrives.
 */
export const MAX_NESTING = 64;

interface Cursor {
  peek(): Token;
  next(): Token;
  /** How many "(" are open where the cursor stands. */
  depth: number;
}

function cursorOver(tokens: readonly Token[]): Cursor {
  let index = 0;
  // tokenize always ends with an `end` token, which the cursor never moves past.
  const at = (i: number): Token => tokens[Math.min(i, tokens.length - 1)] as Token;
  return {
    peek: () => at(index),
    next: () => {
      const token = at(index);
      if (token.kind !== 'end') index += 1;
      return token;
    },
    depth: 0,
  };
}

/** Reads an expression into its tree; throws ExpressionError with the offset where it failed. */
export function parse(source: string): Expression {
  const cursor = cursorOver(tokenize(source));
  const expression = parseOr(cursor, 'an expression');
  const rest = cursor.peek();
  if (rest.kind !== 'end') {
    const stray = rest.kind === 'symbol' && rest.symbol === ')';
    const found = stray ? '")" with no "(" to close' : describeToken(rest);
    throw expectedError('AND, OR or end of expression', rest.position, found);
  }
  return expression;
}

function parseOr(cursor: Cursor, expected: string): Expression {
  const operands = [parseAnd(cursor, expected)];
  for (let token = cursor.peek(); isKeyword(token, 'OR'); token = cursor.peek()) {
    cursor.next();
    operands.push(parseAnd(cursor, `a condition after "${token.text}"`));
  }
  return joined('or', operands);
}

function parseAnd(cursor: Cursor, expected: string): Expression {
  const operands = [parseCondition(cursor, expected)];
  for (let token = cursor.peek(); isKeyword(token, 'AND'); token = cursor.peek()) {
    cursor.next();
    operands.push(parseCondition(cursor, `a condition after "${token.text}"`));
  }
  return joined('and', operands);
}

function joined(kind: 'and' | 'or', operands: Expression[]): Expression {
  const [first] = operands;
  if (operands.length === 1 && first !== undefined) return first;
  return { kind, operands, position: first?.position ?? 0 };
}

function parseCondition(cursor: Cursor, expected: string): Expression {
  const first = cursor.peek();
  if (first.kind === 'symbol' && first.symbol === '(') return parseGroup(cursor);
  const left = parseOperand(cursor, expected);
  const operator = readOperator(cursor);
  if (operator === undefined) {
    const alone = cursor.peek();
    if (left.kind === 'literal' && typeof left.value !== 'boolean') {
      // Only true, false or a key can stand alone; `1` or `"x"` on its own is surely a slip.
      const what = Array.isArray(left.value) ? 'the array' : describeToken(first);
      throw expectedError(`an operator after ${what}`, alone.position, describeToken(alone));
    }
    return { kind: 'condition', operand: left, position: left.position };
  }
  const right = parseOperand(cursor, `a value after "${operator.text}"`);
  return { kind: 'comparison', operator: operator.operator, left, right, position: left.position };
}

function parseGroup(cursor: Cursor): Expression {
  const open = cursor.next();
  if (cursor.depth === MAX_NESTING) {
    throw expectedError(`at most ${MAX_NESTING} nested "("`, open.position, 'one more');
  }
  cursor.depth += 1;
  const inner = parseOr(cursor, 'an expression after "("');
  const close = cursor.peek();
  if (close.kind === 'symbol' && close.symbol === ')') {
    cursor.next();
    cursor.depth -= 1;
    return inner;
  }
  if (close.kind === 'end') {
    const why = `to close the "(" at ${open.position}`;
    throw expectedError('")"', close.position, describeToken(close), why);
  }
  throw expectedError('AND, OR or ")"', close.position, describeToken(close));
}

const SYMBOL_OPERATORS: Readonly<Record<string, ComparisonOperator>> = {
  '==': '==',
  '=': '==',
  '!=': '!=',
  '>': '>',
  '>=': '>=',
  '<': '<',
  '<=': '<=',
};

const KEYWORD_OPERATORS: Readonly<Record<string, ComparisonOperator>> = {
  CONTAINS: 'CONTAINS',
  HAS: 'HAS',
  IN: 'IN',
};

/** Reads a comparison operator if one is next; `text` is as written, for error messages. */
function readOperator(cursor: Cursor): { operator: ComparisonOperator; text: string } | undefined {
  const token = cursor.peek();
  const operator =
    token.kind === 'symbol'
      ? SYMBOL_OPERATORS[token.symbol]
      : token.kind === 'keyword'
        ? KEYWORD_OPERATORS[token.keyword]
        : undefined;
  if (operator !== undefined) {
    cursor.next();
    return { operator, text: token.text };
  }
  if (!isKeyword(token, 'NOT')) return undefined;
  cursor.next();
  const inToken = cursor.peek();
  if (!isKeyword(inToken, 'IN')) {
    throw expectedError(`IN after "${token.text}"`, inToken.position, describeToken(inToken));
  }
  cursor.next();
  return { operator: 'NOT IN', text: `${token.text} ${inToken.text}` };
}

function parseOperand(cursor: Cursor, expected: string): Operand {
  const token = cursor.peek();
  if (token.kind === 'name') {
    cursor.next();
    return referenceFrom(token);
  }
  if (token.kind === 'symbol' && token.symbol === '[') return parseArray(cursor);
  const value = constantOf(token);
  if (value === undefined) throw expectedError(expected, token.position, describeToken(token));
  cursor.next();
  return { kind: 'literal', value: value.scalar, position: token.position };
}

/**
 * `worker.` and `task.` name whose attributes a key reads (Twilio's Workflow target expressions
 * require them; a queue's bare keys are the worker's). Only a lowercase prefix followed by a dot
 * counts, so a worker attribute called `task` is still reachable as `worker.task.x`.
 */
function referenceFrom(token: Extract<Token, { kind: 'name' }>): Reference {
  const [first, second] = token.path;
  if ((first === 'worker' || first === 'task') && typeof second === 'string') {
    return { kind: 'reference', scope: first, path: token.path.slice(1), position: token.position };
  }
  return { kind: 'reference', scope: 'worker', path: token.path, position: token.position };
}

function constantOf(token: Token): { scalar: Scalar } | undefined {
  if (token.kind === 'string' || token.kind === 'number') return { scalar: token.value };
  if (isKeyword(token, 'TRUE')) return { scalar: true };
  if (isKeyword(token, 'FALSE')) return { scalar: false };
  if (isKeyword(token, 'NULL')) return { scalar: null };
  return undefined;
}

/** An array literal holds constants only: the docs show no keys or nested arrays inside one. */
function parseArray(cursor: Cursor): Literal {
  const open = cursor.next();
  const items: Scalar[] = [];
  let expected = 'a constant or "]"';
  for (;;) {
    const token = cursor.next();
    if (items.length === 0 && token.kind === 'symbol' && token.symbol === ']') break;
    const value = constantOf(token);
    if (value === undefined) throw expectedError(expected, token.position, describeToken(token));
    items.push(value.scalar);
    const separator = cursor.next();
    if (separator.kind === 'symbol' && separator.symbol === ']') break;
    if (separator.kind !== 'symbol' || separator.symbol !== ',') {
      throw expectedError('"," or "]"', separator.position, describeToken(separator));
    }
    expected = 'a constant after ","';
  }
  return { kind: 'literal', value: items, position: open.position };
}

function isKeyword(token: Token, keyword: string): boolean {
  return token.kind === 'keyword' && token.keyword === keyword;
}
