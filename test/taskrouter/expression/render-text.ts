import type { PathSegment, Scalar } from '../../../src/taskrouter/expression/ast.js';
import { pick, type Generated, type GeneratedOperand, type Random } from './random-expression.js';

/*
 * Writes a generated expression as text the way people do: keywords in any case, either quote,
 * escapes or raw characters, `=` for `==`, spacing from none to newlines, redundant parentheses,
 * and the optional `worker.` prefix. Written independently of the module's printer.
 */

function anyCase(random: Random, word: string): string {
  const roll = random();
  if (roll < 0.3) return word.toUpperCase();
  if (roll < 0.6) return word.toLowerCase();
  if (roll < 0.8) return word[0]?.toUpperCase() + word.slice(1).toLowerCase();
  return [...word].map((c) => (random() < 0.5 ? c.toUpperCase() : c.toLowerCase())).join('');
}

/** At least one blank, for around words. */
const gap = (random: Random) => pick(random, [' ', ' ', '  ', '\t', '\n ']);
/** Possibly none, for around symbols. */
const maybeGap = (random: Random) => pick(random, ['', '', ' ', '  ']);

function writeString(random: Random, value: string): string {
  const quote = random() < 0.5 ? '"' : "'";
  let body = '';
  for (const c of value) {
    if (c === quote || c === '\\') body += `\\${c}`;
    else if (c === '\n') body += random() < 0.5 ? '\\n' : '\n';
    else if (c === 'é' && random() < 0.5) body += '\\u00e9';
    else if (c === "'" || c === '"') body += random() < 0.3 ? `\\${c}` : c;
    else body += c;
  }
  return quote + body + quote;
}

function writeNumber(random: Random, value: number): string {
  const plain = String(value);
  if (Number.isInteger(value) && random() < 0.2) return `${plain}.0`;
  if (value >= 0 && random() < 0.2) return `0${plain}`;
  return plain;
}

function writeScalar(random: Random, value: Scalar): string {
  if (value === null) return anyCase(random, 'null');
  if (typeof value === 'boolean') return anyCase(random, String(value));
  if (typeof value === 'number') return writeNumber(random, value);
  return writeString(random, value);
}

const KEYWORDS = ['and', 'or', 'has', 'in', 'not', 'contains', 'true', 'false', 'null'];

function writePath(path: readonly PathSegment[]): string {
  return path
    .map((step, i) => (typeof step === 'number' ? `[${step}]` : i === 0 ? step : `.${step}`))
    .join('');
}

function writeKey(random: Random, key: Extract<GeneratedOperand, { type: 'key' }>): string {
  const [first, second] = key.path;
  if (key.scope === 'task') return `task.${writePath(key.path)}`;
  const mustPrefix =
    typeof first !== 'string' ||
    KEYWORDS.includes(first.toLowerCase()) ||
    /^[0-9]/.test(first) ||
    ((first === 'task' || first === 'worker') && typeof second === 'string');
  return mustPrefix || random() < 0.3 ? `worker.${writePath(key.path)}` : writePath(key.path);
}

function writeOperand(random: Random, operand: GeneratedOperand): string {
  if (operand.type === 'constant') return writeScalar(random, operand.value);
  if (operand.type === 'key') return writeKey(random, operand);
  const items = operand.items.map((item) => writeScalar(random, item));
  return `[${maybeGap(random)}${items.join(`${maybeGap(random)},${maybeGap(random)}`)}${maybeGap(random)}]`;
}

const SYMBOLS: Readonly<Record<string, string>> = {
  eq: '==',
  'assign-style-eq': '=',
  ne: '!=',
  gt: '>',
  ge: '>=',
  lt: '<',
  le: '<=',
};

function writeTest(random: Random, node: Extract<Generated, { type: 'test' }>): string {
  const left = writeOperand(random, node.left);
  const right = writeOperand(random, node.right);
  const symbol = SYMBOLS[node.op];
  if (symbol !== undefined) return left + maybeGap(random) + symbol + maybeGap(random) + right;
  const word =
    node.op === 'not-in'
      ? `${anyCase(random, 'not')}${gap(random)}${anyCase(random, 'in')}`
      : anyCase(random, node.op);
  return left + gap(random) + word + gap(random) + right;
}

/** The text of a generated expression; `under` is the combinator it sits in, for parentheses. */
export function renderText(random: Random, node: Generated, under?: 'all' | 'any'): string {
  let text: string;
  let needsParentheses = false;
  if (node.type === 'test') text = writeTest(random, node);
  else if (node.type === 'alone') text = writeOperand(random, node.operand);
  else {
    const word = anyCase(random, node.type === 'all' ? 'and' : 'or');
    const [left, right] = node.parts.map((part) => renderText(random, part, node.type));
    text = left + gap(random) + word + gap(random) + right;
    needsParentheses = node.type === 'any' && under === 'all';
  }
  return needsParentheses || random() < 0.15
    ? `(${maybeGap(random)}${text}${maybeGap(random)})`
    : text;
}
