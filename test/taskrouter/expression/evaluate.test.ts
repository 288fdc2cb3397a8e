import { evaluate } from '../../../src/taskrouter/expression/evaluate.js';
import { parse } from '../../../src/taskrouter/expression/parse.js';

/** A worker's attributes as Twilio would hand them over: parsed JSON. */
const alice = {
  skills: ['support', 'sales'],
  languages: ['en', 'fr'],
  level: 3,
  rating: 4.5,
  name: 'Alice Smith',
  team: 'blue',
  code: '3',
  vip: true,
  trainee: false,
  manager: null,
  routing: { skills: ['billing', 'tech'], levels: { billing: 2 } },
  tags: ['a', 1, true, null],
  matrix: [[1, 2], [3]],
  profile: { city: 'Paris' },
};

/** Against Alice unless other attributes are given (`undefined` included). */
const matches = (source: string, ...attributes: [unknown?]) =>
  evaluate(parse(source), attributes.length === 0 ? alice : attributes[0]);

type Row = [source: string, expected: boolean];

describe('evaluate', () => {
  describe('literals', () => {
    it.each<Row>([
      ['1==1', true],
      ['1==0', false],
      ['0 != 1', true],
      ['true', true],
      ['false', false],
      ['TRUE AND true', true],
      ['true AND false', false],
      ['false OR true', true],
      ['"a" == "a"', true],
      ['1 == 1.0', true],
      ['null == null', true],
      ['[1, 2] HAS 2', true],
      ['2 IN [1, 2]', true],
    ])('%s is %s', (source, expected) => {
      expect(matches(source, {})).toBe(expected);
    });
  });

  describe('== and != compare by value and type, without coercion', () => {
    it.each<Row>([
      ['team == "blue"', true],
      ['team == "Blue"', false], // strings compare exactly, case included
      ['team != "red"', true],
      ['team != "blue"', false],
      ['level == 3', true],
      ['level == 3.0', true],
      ['level == "3"', false], // no string/number coercion
      ['code == 3', false],
      ['code == "3"', true],
      ['level != "3"', true], // different types are simply not equal
      ['vip == true', true],
      ['vip == "true"', false],
      ['trainee == false', true],
      ['trainee != true', true],
      ['manager == null', true], // a JSON null
      ['profile.city == "Paris"', true],
      ['level == rating', false],
      ['routing.levels.billing == 2', true],
    ])('%s is %s', (source, expected) => {
      expect(matches(source)).toBe(expected);
    });

    it.each<Row>([
      ['skills == "support"', false],
      ['skills != "support"', false],
      ['skills == ["support", "sales"]', false],
      ['skills != ["x"]', false],
      ['profile == "Paris"', false],
      ['profile != "Paris"', false],
    ])(
      'on an array or object, both are false (the docs: scalar operators on arrays are false): %s',
      (source, expected) => {
        expect(matches(source)).toBe(expected);
      },
    );
  });

  describe('> >= < <= order two numbers, or two strings by code unit; anything else is false', () => {
    it.each<Row>([
      ['level > 2', true],
      ['level > 3', false],
      ['level >= 3', true],
      ['level >= 3.5', false],
      ['level < 4', true],
      ['level < 3', false],
      ['level <= 3', true],
      ['level <= 2.9', false],
      ['rating > level', true],
      ['level > -1', true],
      ['team > "alpha"', true],
      ['team < "alpha"', false],
      ['team >= "blue"', true],
      ['team <= "blue"', true],
      ['"Z" < "a"', true], // code units, not locale: upper case sorts first
      ['"10" < "9"', true], // strings stay strings
      ['code > 2', false], // "3" is a string: no coercion
      ['code >= 2', false],
      ['level > "2"', false],
      ['vip > false', false],
      ['skills > 1', false],
      ['skills < 1', false],
      ['missing > 1', false],
      ['missing < 1', false],
      ['missing >= 1', false],
      ['missing <= 1', false],
      ['null <= null', false],
    ])('%s is %s', (source, expected) => {
      expect(matches(source)).toBe(expected);
    });
  });

  describe('CONTAINS: a string on the left holds the string on the right', () => {
    it.each<Row>([
      ['name CONTAINS "Smith"', true],
      ['name CONTAINS "smith"', false], // case-sensitive
      ['name CONTAINS ""', true],
      ['name CONTAINS "Alice Smith"', true],
      ['name CONTAINS "Alice Smithers"', false],
      ['code CONTAINS 3', false], // strings only
      ['level CONTAINS 3', false],
      // A scalar operator in the docs, so false on an array: use HAS for "array holds value".
      ['skills CONTAINS "support"', false],
      ['routing.skills CONTAINS "billing"', false],
      ['missing CONTAINS "a"', false],
      ['name CONTAINS missing', false],
    ])('%s is %s', (source, expected) => {
      expect(matches(source)).toBe(expected);
    });
  });

  describe('HAS: the array on the left holds the value on the right', () => {
    it.each<Row>([
      ['skills HAS "support"', true],
      ['skills HAS "billing"', false],
      ['skills HAS "Support"', false],
      ['routing.skills HAS "billing"', true],
      ['tags HAS 1', true],
      ['tags HAS "1"', false],
      ['tags HAS true', true],
      ['tags HAS null', true],
      ['skills HAS null', false],
      ['skills HAS team', false], // "blue" is not among the skills
      ['languages HAS languages[1]', true],
      ['team HAS "blue"', false], // a scalar on the left: false (docs)
      ['name HAS "Alice"', false],
      ['missing HAS "a"', false],
      ['matrix HAS [3]', false], // the right side must be a scalar
      ['skills HAS ["support"]', false],
    ])('%s is %s', (source, expected) => {
      expect(matches(source)).toBe(expected);
    });
  });

  describe('IN and NOT IN: the scalar on the left is (not) in the array on the right', () => {
    it.each<Row>([
      ['team IN ["red", "blue"]', true],
      ['team IN ["red"]', false],
      ['team IN []', false],
      ['level IN [1, 2, 3]', true],
      ['level IN ["3"]', false],
      ['team IN skills', false],
      ['"sales" IN skills', true],
      ['manager IN [null]', true],
      ['missing IN ["a"]', false],
      ['missing IN [null]', true], // a missing key is null, and null is a value
      ['team NOT IN ["red"]', true],
      ['team NOT IN ["red", "blue"]', false],
      ['team NOT IN []', true],
      ['missing NOT IN ["a"]', true],
      ['"sales" NOT IN skills', false],
      // An array on the left, or a scalar on the right, is outside both operators: false.
      ['skills IN ["support", "sales"]', false],
      ['skills NOT IN ["x"]', false],
      ['team IN "blue"', false],
      ['team NOT IN "red"', false],
      ['team IN missing', false],
      ['team NOT IN missing', false],
    ])('%s is %s', (source, expected) => {
      expect(matches(source)).toBe(expected);
    });
  });

  describe('keys', () => {
    it.each<Row>([
      ['languages[0] == "en"', true],
      ['languages[1] == "fr"', true],
      ['languages[2] == null', true], // past the end: missing
      ['matrix[1][0] == 3', true],
      ['matrix[0] HAS 2', true],
      ['routing.levels.billing >= 2', true],
      ['routing.skills[1] == "tech"', true],
      ['profile.city.name == null', true], // a key on a string: missing
      ['skills.length == null', true], // no JavaScript properties leak through
      ['name.length == null', true],
      ['constructor == null', true],
      ['toString == null', true],
      ['__proto__ == null', true],
      ['routing.hasOwnProperty == null', true],
      ['profile[0] == null', true], // an index on an object: missing
      ['worker.team == "blue"', true],
      ['worker.routing.skills HAS "tech"', true],
    ])('%s is %s', (source, expected) => {
      expect(matches(source)).toBe(expected);
    });
  });

  describe('a missing key is null: it matches nothing but != and NOT IN', () => {
    it.each<Row>([
      ['missing == "x"', false],
      ['missing != "x"', true],
      ['missing == null', true],
      ['missing != null', false],
      ['missing.deeper[3].still == null', true],
      ['missing == false', false],
      ['missing', false],
      ['missing HAS "x"', false],
      ['missing IN ["x"]', false],
      ['missing NOT IN ["x"]', true],
    ])('%s is %s', (source, expected) => {
      expect(matches(source)).toBe(expected);
    });
  });

  describe('task keys: a queue is matched against workers alone, so every task key is null', () => {
    it.each<Row>([
      ['task.language == "en"', false],
      ['task.language == null', true],
      ['task.language IN languages', false],
      ['languages HAS task.language', false],
      ['task.type != "sales"', true],
      ['worker.id IN task.preferred_agents', false],
    ])('%s is %s', (source, expected) => {
      expect(matches(source, { ...alice, id: 'WK1', task: { language: 'en' } })).toBe(expected);
    });
  });

  describe('a lone key holds only when it is the boolean true', () => {
    it.each<Row>([
      ['vip', true],
      ['trainee', false],
      ['level', false], // 3 is not true
      ['team', false],
      ['skills', false],
      ['missing', false],
      ['vip AND level > 2', true],
      ['trainee OR vip', true],
    ])('%s is %s', (source, expected) => {
      expect(matches(source)).toBe(expected);
    });
  });

  describe('AND, OR and parentheses', () => {
    const attributes = { a: true, b: false, c: false };
    it.each<Row>([
      ['a OR b AND c', true], // a OR (b AND c)
      ['(a OR b) AND c', false],
      ['c AND b OR a', true], // (c AND b) OR a
      ['c AND (b OR a)', false],
      ['a AND NOT_A_KEY OR b', false],
      ['b OR c OR a', true],
      ['a AND a AND b', false],
    ])('%s is %s', (source, expected) => {
      expect(matches(source, attributes)).toBe(expected);
    });
  });

  it.each([null, undefined, 'text', 42, [], [1, 2], true])(
    'never throws, even when the attributes are %j: every key is then missing',
    (attributes) => {
      expect(matches('skills HAS "a" OR level > 1 OR name CONTAINS "x"', attributes)).toBe(false);
      expect(matches('team != "red" AND missing NOT IN [1]', attributes)).toBe(true);
    },
  );
});
