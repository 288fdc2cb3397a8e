import type { PathSegment } from './ast.js';
import { expectedError } from './expression-error.js';

/**
 * The words of the grammar. Twilio's own examples write them in either case (`HAS`,
 * `worker.activity_name in [...]`, `activity_name contains 'MNO'`), so they are matched without
 * regard to case; a key with a keyword's name is reached as `worker.in`.
 */
export type Keyword = 'AND' | 'OR' | 'HAS' | 'IN' | 'NOT' | 'CONTAINS' | 'TRUE' | 'FALSE' | 'NULL';

export type SymbolText = '==' | '=' | '!=' | '>' | '>=' | '<' | '<=' | '(' | ')' | '[' | ']' | ',';

interface At {
  /** 0-based offset of the token's first character. */
  readonly position: number;
  /** The token exactly as written. */
  readonly text: string;
}

export type Token =
  | (At & { readonly kind: 'number'; readonly value: number })
  | (At & { readonly kind: 'string'; readonly value: string })
  | (At & { readonly kind: 'name'; readonly path: readonly PathSegment[] })
  | (At & { readonly kind: 'keyword'; readonly keyword: Keyword })
  | (At & { readonly kind: 'symbol'; readonly symbol: SymbolText })
  | (At & { readonly kind: 'end' });

const KEYWORDS: ReadonlySet<string> = new Set<Keyword>([
  'AND',
  'OR',
  'HAS',
  'IN',
  'NOT',
  'CONTAINS',
  'TRUE',
  'FALSE',
  'NULL',
]);

const ESCAPES: Readonly<Record<string, string>> = {
  '\\': '\\',
  '"': '"',
  "'": "'",
  '/': '/',
  n: '\n',
  r: '\r',
  t: '\t',
};

const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';
const isNameStart = (c: string | undefined) =>
  c !== undefined && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c === '_');
/** Keys are letters, digits and `_`: the docs say hyphens are not supported in expressions. */
const isNameChar = (c: string | undefined) => isNameStart(c) || isDigit(c);
const isSpace = (c: string) => c === ' ' || c === '\t' || c === '\n' || c === '\r';

/** How a character is named in an error message. */
function found(source: string, at: number): string {
  const c = source[at];
  return c === undefined ? 'end of expression' : JSON.stringify(c);
}

/** How a token is named in an error message. */
export function describeToken(token: Token): string {
  switch (token.kind) {
    case 'end':
      return 'end of expression';
    case 'number':
      return `number ${token.text}`;
    case 'string':
      return `string ${token.text}`;
    case 'name':
      return `key ${token.text}`;
    default:
      return JSON.stringify(token.text);
  }
}

/** Splits an expression into tokens, ending with an `end` token at the text's length. */
export function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let at = 0;
  for (;;) {
    while (at < source.length && isSpace(source[at] ?? '')) at += 1;
    if (at >= source.length) {
      tokens.push({ kind: 'end', position: source.length, text: '' });
      return tokens;
    }
    const token = readToken(source, at);
    tokens.push(token);
    at += token.text.length;
  }
}

function readToken(source: string, at: number): Token {
  const c = source[at];
  if (isDigit(c) || c === '-') return readNumber(source, at);
  if (c === '"' || c === "'") return readString(source, at, c);
  if (isNameStart(c)) return readName(source, at);
  return readSymbol(source, at);
}

function readNumber(source: string, start: number): Token {
  let at = start;
  if (source[at] === '-') {
    at += 1;
    if (!isDigit(source[at])) {
      // A hyphen anywhere else is the documented "hyphens are not supported" case, e.g. `skill-level`.
      throw expectedError('a digit after "-" (expressions have no hyphens)', at, found(source, at));
    }
  }
  while (isDigit(source[at])) at += 1;
  if (source[at] === '.') {
    at += 1;
    if (!isDigit(source[at])) {
      throw expectedError('a digit after "."', at, found(source, at));
    }
    while (isDigit(source[at])) at += 1;
  }
  const text = source.slice(start, at);
  return { kind: 'number', value: Number(text), position: start, text };
}

function readString(source: string, start: number, quote: string): Token {
  let value = '';
  let at = start + 1;
  for (;;) {
    const c = source[at];
    if (c === undefined) {
      throw expectedError(
        `a closing ${quote} for the string that opens`,
        start,
        'end of expression',
      );
    }
    if (c === quote) break;
    if (c === '\\') {
      const [decoded, width] = readEscape(source, at);
      value += decoded;
      at += width;
    } else {
      value += c;
      at += 1;
    }
  }
  const text = source.slice(start, at + 1);
  return { kind: 'string', value, position: start, text };
}

/** Decodes the escape starting at the backslash at `at`; returns the text and its width. */
function readEscape(source: string, at: number): [string, number] {
  const c = source[at + 1];
  const simple = c === undefined ? undefined : ESCAPES[c];
  if (simple !== undefined) return [simple, 2];
  if (c === 'u') {
    const hex = source.slice(at + 2, at + 6);
    if (/^[0-9a-fA-F]{4}$/.test(hex)) return [String.fromCharCode(parseInt(hex, 16)), 6];
    const shown = hex === '' ? 'end of expression' : JSON.stringify(hex);
    throw expectedError('4 hex digits after "\\u"', at + 2, shown);
  }
  throw expectedError(
    'an escape (\\\\ \\" \\\' \\/ \\n \\r \\t or \\uXXXX) after "\\"',
    at + 1,
    found(source, at + 1),
  );
}

function readWord(source: string, start: number): number {
  let at = start;
  while (isNameChar(source[at])) at += 1;
  return at;
}

function readName(source: string, start: number): Token {
  let at = readWord(source, start);
  const first = source.slice(start, at);
  const upper = first.toUpperCase();
  if (KEYWORDS.has(upper)) {
    return { kind: 'keyword', keyword: upper as Keyword, position: start, text: first };
  }
  const path: PathSegment[] = [first];
  for (;;) {
    if (source[at] === '.') {
      const end = readWord(source, at + 1);
      if (end === at + 1) throw expectedError('a key after "."', end, found(source, end));
      path.push(source.slice(at + 1, end));
      at = end;
    } else if (source[at] === '[') {
      let end = at + 1;
      while (isDigit(source[end])) end += 1;
      if (end === at + 1) {
        throw expectedError('an array index (digits) after "["', end, found(source, end));
      }
      if (source[end] !== ']') throw expectedError('"]"', end, found(source, end));
      path.push(Number(source.slice(at + 1, end)));
      at = end + 1;
    } else {
      return { kind: 'name', path, position: start, text: source.slice(start, at) };
    }
  }
}

const TWO_CHAR_SYMBOLS: ReadonlySet<string> = new Set(['==', '!=', '>=', '<=']);
const ONE_CHAR_SYMBOLS: ReadonlySet<string> = new Set(['=', '>', '<', '(', ')', '[', ']', ',']);

function readSymbol(source: string, at: number): Token {
  const two = source.slice(at, at + 2);
  if (TWO_CHAR_SYMBOLS.has(two)) {
    return { kind: 'symbol', symbol: two as SymbolText, position: at, text: two };
  }
  const one = source[at] ?? '';
  if (ONE_CHAR_SYMBOLS.has(one)) {
    return { kind: 'symbol', symbol: one as SymbolText, position: at, text: one };
  }
  if (one === '!') throw expectedError('"=" after "!"', at + 1, found(source, at + 1));
  throw expectedError('a constant, key, operator or parenthesis', at, found(source, at));
}
