import { ExpressionError, MAX_NESTING, parse } from '../../../src/taskrouter/expression/parse.js';
import { shapeOf } from './tree-shape.js';

const shape = (source: string) => shapeOf(parse(source));

function errorOf(source: string): { message: string; position: number } {
  try {
    parse(source);
  } catch (error) {
    if (!(error instanceof ExpressionError)) throw error;
    return { message: error.message, position: error.position };
  }
  throw new Error(`parse(${JSON.stringify(source)}) did not throw`);
}

describe('parse', () => {
  describe('precedence: OR < AND < comparison', () => {
    it.each([
      ['a OR b AND c', '(or (bare @a) (and (bare @b) (bare @c)))'],
      ['a AND b OR c', '(or (and (bare @a) (bare @b)) (bare @c))'],
      ['a == 1 OR b == 2 AND c == 3', '(or (== @a 1) (and (== @b 2) (== @c 3)))'],
      ['a OR b OR c', '(or (bare @a) (bare @b) (bare @c))'],
      ['a AND b AND c', '(and (bare @a) (bare @b) (bare @c))'],
      ['(a OR b) OR c', '(or (or (bare @a) (bare @b)) (bare @c))'],
      ['a OR b AND c OR d', '(or (bare @a) (and (bare @b) (bare @c)) (bare @d))'],
      ['(a OR b) AND c', '(and (or (bare @a) (bare @b)) (bare @c))'],
      ['a AND (b OR c)', '(and (bare @a) (or (bare @b) (bare @c)))'],
      ['((a == 1))', '(== @a 1)'],
      ['( a == 1 ) OR ( ( b != 2 ) )', '(or (== @a 1) (!= @b 2))'],
    ])('%s reads as %s', (source, expected) => {
      expect(shape(source)).toBe(expected);
    });
  });

  describe('comparisons', () => {
    it.each([
      ['a == 1', '(== @a 1)'],
      ['a = 1', '(== @a 1)'], // `=` is `==`: Twilio's time-of-day page writes dayOfWeek = 'Sat'
      ['a != "x"', '(!= @a "x")'],
      ['a > 1.5', '(> @a 1.5)'],
      ['a >= -1', '(>= @a -1)'],
      ['a < 0', '(< @a 0)'],
      ['a <= 10', '(<= @a 10)'],
      ['name CONTAINS "smith"', '(CONTAINS @name "smith")'],
      ['skills HAS "support"', '(HAS @skills "support")'],
      ['lang IN ["en", "fr"]', '(IN @lang ["en","fr"])'],
      ['lang NOT IN ["en"]', '(NOT IN @lang ["en"])'],
      ['lang not   in []', '(NOT IN @lang [])'],
      ['x IN [1, "a", true, false, null, -2.5]', '(IN @x [1,"a",true,false,null,-2.5])'],
      ['1 == 1', '(== 1 1)'],
      ['"apple" != "orange"', '(!= "apple" "orange")'],
      ['task.language IN worker.languages', '(IN task:language @languages)'],
      ['a == b', '(== @a @b)'],
      ['["a"] HAS a', '(HAS ["a"] @a)'],
    ])('%s reads as %s', (source, expected) => {
      expect(shape(source)).toBe(expected);
    });

    it('reads keywords in any case as the same tree', () => {
      const upper = shape('a HAS "x" AND b IN [1] OR c CONTAINS "y" OR d NOT IN [TRUE, NULL]');
      expect(shape('a has "x" and b in [1] or c contains "y" or d not in [true, null]')).toBe(
        upper,
      );
      expect(shape('a Has "x" And b iN [1] oR c CoNtAiNs "y" Or d NoT In [True, Null]')).toBe(
        upper,
      );
    });
  });

  describe('keys', () => {
    it.each([
      ['skills', '(bare @skills)'],
      ['routing.skills HAS "billing"', '(HAS @routing.skills "billing")'],
      ['languages[0] == "en"', '(== @languages[0] "en")'],
      ['a.b[2].c == 1', '(== @a.b[2].c 1)'],
      ['worker.skills HAS "x"', '(HAS @skills "x")'],
      ['worker.routing.skills[1] == "x"', '(== @routing.skills[1] "x")'],
      ['task.priority > 1', '(> task:priority 1)'],
      ['worker.task.x == 1', '(== @task.x 1)'], // a worker attribute called "task"
      ['worker.worker == 1', '(== @worker 1)'],
      ['worker == 1', '(== @worker 1)'],
      ['task == 1', '(== @task 1)'],
      ['worker[0] == 1', '(== @worker[0] 1)'],
      ['Worker.skills == 1', '(== @Worker.skills 1)'], // prefixes are lowercase, like keys
      ['worker.in == 1', '(== @in 1)'], // a key with a keyword's name
    ])('%s reads as %s', (source, expected) => {
      expect(shape(source)).toBe(expected);
    });
  });

  describe('lone conditions', () => {
    it.each([
      ['true', '(bare true)'],
      ['FALSE', '(bare false)'],
      ['is_vip', '(bare @is_vip)'],
      ['flags.night AND true', '(and (bare @flags.night) (bare true))'],
    ])('%s reads as %s', (source, expected) => {
      expect(shape(source)).toBe(expected);
    });
  });

  it('keeps the offset each node starts at', () => {
    const tree = parse('  a == 1 OR (b HAS "x")');
    expect(tree).toMatchObject({
      kind: 'or',
      position: 2,
      operands: [
        { kind: 'comparison', position: 2, left: { position: 2 }, right: { position: 7 } },
        { kind: 'comparison', position: 13, right: { position: 19 } },
      ],
    });
  });

  it('keeps a long AND/OR chain flat, so its length costs no depth', () => {
    const chain = Array.from({ length: 20_000 }, (_, i) => `a == ${i}`).join(' OR ');
    const tree = parse(chain);
    expect(tree.kind === 'or' && tree.operands.length).toBe(20_000);
  });

  it(`takes up to ${MAX_NESTING} nested parentheses, and refuses one more`, () => {
    const nested = (depth: number) => `${'('.repeat(depth)}a == 1${')'.repeat(depth)}`;
    expect(shape(nested(MAX_NESTING))).toBe('(== @a 1)');
    expect(errorOf(nested(MAX_NESTING + 1))).toEqual({
      message: `expected at most ${MAX_NESTING} nested "(" at ${MAX_NESTING}, found one more`,
      position: MAX_NESTING,
    });
    expect(errorOf(`${'('.repeat(100_000)}`).position).toBe(MAX_NESTING);
  });

  describe('errors name what was expected and what was found, at an offset', () => {
    it.each([
      ['skill_level ==', 'expected a value after "==" at 14, found end of expression', 14],
      ['', 'expected an expression at 0, found end of expression', 0],
      ['   ', 'expected an expression at 3, found end of expression', 3],
      ['a == ', 'expected a value after "==" at 5, found end of expression', 5],
      ['a = AND', 'expected a value after "=" at 4, found "AND"', 4],
      ['skills has', 'expected a value after "has" at 10, found end of expression', 10],
      ['a NOT IN', 'expected a value after "NOT IN" at 8, found end of expression', 8],
      ['a not b', 'expected IN after "not" at 6, found key b', 6],
      ['NOT a', 'expected an expression at 0, found "NOT"', 0],
      ['AND a', 'expected an expression at 0, found "AND"', 0],
      ['a AND', 'expected a condition after "AND" at 5, found end of expression', 5],
      ['a or or b', 'expected a condition after "or" at 5, found "or"', 5],
      ['(a == 1', 'expected ")" at 7 to close the "(" at 0, found end of expression', 7],
      ['((a == 1)', 'expected ")" at 9 to close the "(" at 0, found end of expression', 9],
      ['(a == 1 b)', 'expected AND, OR or ")" at 8, found key b', 8],
      ['a == 1)', 'expected AND, OR or end of expression at 6, found ")" with no "(" to close', 6],
      ['(a) )', 'expected AND, OR or end of expression at 4, found ")" with no "(" to close', 4],
      [')', 'expected an expression at 0, found ")"', 0],
      ['()', 'expected an expression after "(" at 1, found ")"', 1],
      ['a == 1 b', 'expected AND, OR or end of expression at 7, found key b', 7],
      ['a == 1 "x"', 'expected AND, OR or end of expression at 7, found string "x"', 7],
      ['a == b == c', 'expected AND, OR or end of expression at 7, found "=="', 7],
      ['(a) == 1', 'expected AND, OR or end of expression at 4, found "=="', 4],
      ['a == (b)', 'expected a value after "==" at 5, found "("', 5],
      ['1', 'expected an operator after number 1 at 1, found end of expression', 1],
      ['"x" AND a', 'expected an operator after string "x" at 4, found "AND"', 4],
      ['null', 'expected an operator after "null" at 4, found end of expression', 4],
      ['[1] OR a', 'expected an operator after the array at 4, found "OR"', 4],
      ['1 2', 'expected an operator after number 1 at 2, found number 2', 2],
      ['a IN [1,', 'expected a constant after "," at 8, found end of expression', 8],
      ['a IN [1,]', 'expected a constant after "," at 8, found "]"', 8],
      ['a IN [', 'expected a constant or "]" at 6, found end of expression', 6],
      ['a IN [1 2]', 'expected "," or "]" at 8, found number 2', 8],
      ['a IN [b]', 'expected a constant or "]" at 6, found key b', 6],
      ['a IN [[1]]', 'expected a constant or "]" at 6, found "["', 6],
      ['a IN (1, 2)', 'expected a value after "IN" at 5, found "("', 5],
      [
        'name == "abc',
        'expected a closing " for the string that opens at 8, found end of expression',
        8,
      ],
    ])('%j: %s', (source, message, position) => {
      expect(errorOf(source)).toEqual({ message, position });
    });

    it('throws an ExpressionError, an Error with a name and a position', () => {
      expect(() => parse('a ==')).toThrow(ExpressionError);
      const error = (() => {
        try {
          parse('a ==');
        } catch (caught) {
          return caught as ExpressionError;
        }
      })();
      expect(error).toBeInstanceOf(Error);
      expect(error?.name).toBe('ExpressionError');
      expect(error?.position).toBe(4);
    });
  });
});
