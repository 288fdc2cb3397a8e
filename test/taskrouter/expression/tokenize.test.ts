import { ExpressionError } from '../../../src/taskrouter/expression/expression-error.js';
import { tokenize, type Token } from '../../../src/taskrouter/expression/tokenize.js';

/** Each token as `kind:text@position`, the compact form these tables compare. */
const shapes = (source: string) => tokenize(source).map((t) => `${t.kind}:${t.text}@${t.position}`);

function only(source: string): Token {
  const [token, end, ...rest] = tokenize(source);
  expect(end?.kind).toBe('end');
  expect(rest).toEqual([]);
  return token as Token;
}

function errorOf(source: string): { message: string; position: number } {
  try {
    tokenize(source);
  } catch (error) {
    if (!(error instanceof ExpressionError)) throw error;
    return { message: error.message, position: error.position };
  }
  throw new Error(`tokenize(${JSON.stringify(source)}) did not throw`);
}

describe('tokenize', () => {
  it('gives each token its 0-based offset and ends with an end token at the text length', () => {
    expect(shapes(' skills  HAS\t"support"\n')).toEqual([
      'name:skills@1',
      'keyword:HAS@9',
      'string:"support"@13',
      'end:@23',
    ]);
    expect(shapes('')).toEqual(['end:@0']);
  });

  it.each([
    ['1', 1],
    ['0', 0],
    ['1.0', 1],
    ['1.00', 1],
    ['3.141529', 3.141529],
    ['-1', -1],
    ['-0.5', -0.5],
    ['0800', 800], // Twilio's time-of-day page compares `taskrouter.currentTime > 0800`
  ])('reads the number %s as %d', (source, value) => {
    expect(only(source)).toMatchObject({ kind: 'number', value, text: source });
  });

  it.each([
    [`"support"`, 'support'],
    [`'support'`, 'support'],
    [`""`, ''],
    [`"it's"`, "it's"],
    [`'say "hi"'`, 'say "hi"'],
    [`"a\\"b"`, 'a"b'],
    [`'it\\'s'`, "it's"],
    [`"back\\\\slash"`, 'back\\slash'],
    [`"a\\/b"`, 'a/b'],
    [`"tab\\tnew\\nline\\r"`, 'tab\tnew\nline\r'],
    [`"caf\\u00e9"`, 'café'],
    ['"raw\nnewline"', 'raw\nnewline'],
  ])('reads the string %s', (source, value) => {
    expect(only(source)).toMatchObject({ kind: 'string', value, text: source });
  });

  it.each([
    ['skills', ['skills']],
    ['routing.skills', ['routing', 'skills']],
    ['languages[0]', ['languages', 0]],
    ['a.b[2].c', ['a', 'b', 2, 'c']],
    ['object.array[2]', ['object', 'array', 2]],
    ['grid[1][12]', ['grid', 1, 12]],
    ['_private.x_1', ['_private', 'x_1']],
    ['worker.activity_name', ['worker', 'activity_name']],
    ['a.in.HAS', ['a', 'in', 'HAS']],
    ['codes.2xx', ['codes', '2xx']],
  ])('reads the key %s as one token with its path', (source, path) => {
    expect(only(source)).toMatchObject({ kind: 'name', path, text: source });
  });

  it.each([
    ['and', 'AND'],
    ['AND', 'AND'],
    ['Or', 'OR'],
    ['Has', 'HAS'],
    ['in', 'IN'],
    ['not', 'NOT'],
    ['Contains', 'CONTAINS'],
    ['TRUE', 'TRUE'],
    ['false', 'FALSE'],
    ['Null', 'NULL'],
  ])(
    'reads %s as the keyword %s, whatever its case, keeping the text as written',
    (text, keyword) => {
      expect(only(text)).toMatchObject({ kind: 'keyword', keyword, text });
    },
  );

  it('reads a keyword followed by "[" as the keyword and an array bracket, not an index', () => {
    expect(shapes('x IN["a"]')).toEqual([
      'name:x@0',
      'keyword:IN@2',
      'symbol:[@4',
      'string:"a"@5',
      'symbol:]@8',
      'end:@9',
    ]);
  });

  it('reads every operator and bracket, two-character ones first', () => {
    expect(shapes('== = != > >= < <= ( ) [ ] ,').map((s) => s.split('@')[0])).toEqual([
      'symbol:==',
      'symbol:=',
      'symbol:!=',
      'symbol:>',
      'symbol:>=',
      'symbol:<',
      'symbol:<=',
      'symbol:(',
      'symbol:)',
      'symbol:[',
      'symbol:]',
      'symbol:,',
      'end:',
    ]);
  });

  it('needs no spaces around symbols', () => {
    expect(shapes('1==1')).toEqual(['number:1@0', 'symbol:==@1', 'number:1@3', 'end:@4']);
    expect(shapes('a>=-2')).toEqual(['name:a@0', 'symbol:>=@1', 'number:-2@3', 'end:@5']);
    expect(shapes('(x<"b")')).toEqual([
      'symbol:(@0',
      'name:x@1',
      'symbol:<@2',
      'string:"b"@3',
      'symbol:)@6',
      'end:@7',
    ]);
  });

  it('takes an index only when "[" touches the key', () => {
    expect(shapes('languages [0]')).toEqual([
      'name:languages@0',
      'symbol:[@10',
      'number:0@11',
      'symbol:]@12',
      'end:@13',
    ]);
  });

  it.each([
    [
      `name == "abc`,
      'expected a closing " for the string that opens at 8, found end of expression',
      8,
    ],
    [`'abc`, "expected a closing ' for the string that opens at 0, found end of expression", 0],
    [`"ab\\"`, 'expected a closing " for the string that opens at 0, found end of expression', 0],
    [
      `"a\\qb"`,
      'expected an escape (\\\\ \\" \\\' \\/ \\n \\r \\t or \\uXXXX) after "\\" at 3, found "q"',
      3,
    ],
    [`"\\u12g4"`, 'expected 4 hex digits after "\\u" at 3, found "12g4"', 3],
    [`"\\u12`, 'expected 4 hex digits after "\\u" at 3, found "12"', 3],
    [
      'skill-level > 3',
      'expected a digit after "-" (expressions have no hyphens) at 6, found "l"',
      6,
    ],
    ['a == - 1', 'expected a digit after "-" (expressions have no hyphens) at 6, found " "', 6],
    ['x > 1.', 'expected a digit after "." at 6, found end of expression', 6],
    ['x > .5', 'expected a constant, key, operator or parenthesis at 4, found "."', 4],
    ['a.', 'expected a key after "." at 2, found end of expression', 2],
    ['a..b', 'expected a key after "." at 2, found "."', 2],
    ['a[x]', 'expected an array index (digits) after "[" at 2, found "x"', 2],
    ['a[-1]', 'expected an array index (digits) after "[" at 2, found "-"', 2],
    ['a[1', 'expected "]" at 3, found end of expression', 3],
    ['a ! b', 'expected "=" after "!" at 3, found " "', 3],
    ['a == #', 'expected a constant, key, operator or parenthesis at 5, found "#"', 5],
    ['a && b', 'expected a constant, key, operator or parenthesis at 2, found "&"', 2],
  ])('rejects %j: %s', (source, message, position) => {
    expect(errorOf(source)).toEqual({ message, position });
  });
});
