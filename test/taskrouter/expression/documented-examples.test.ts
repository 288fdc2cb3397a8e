import { evaluate } from '../../../src/taskrouter/expression/evaluate.js';
import { parse } from '../../../src/taskrouter/expression/parse.js';
import { shapeOf } from './tree-shape.js';

/*
 * Every expression Twilio's documentation shows, each with a worker that matches and one that
 * does not. Sources (looked up for this module; the page title, then its address):
 *   [syntax]    "Using TaskRouter Expressions", https://www.twilio.com/docs/taskrouter/expression-syntax
 *   [worker]    "Worker Resource", https://www.twilio.com/docs/taskrouter/api/worker
 *   [queue]     "Task Queue resource" (TargetWorkers parameter), https://www.twilio.com/docs/taskrouter/api/task-queue
 *   [activity]  "Activity Based Routing", https://www.twilio.com/docs/taskrouter/activity-based-routing
 *   [changelog] "TaskRouter now supports Activity evaluation with Worker-List API" (Aug. 22, 2022),
 *               https://twilio.com/changelog/taskrouter-now-supports-activity-evaluation-with-worker-list-api
 *   [lifecycle] "Lifecycle of a Task: Workflows and Assignment",
 *               https://www.twilio.com/docs/taskrouter/lifecycle-task-workflows-and-assignment
 *   [time]      time-of-day routing page, https://www.twilio.com/docs/taskrouter/time-of-day-routing
 *   [presence]  "Skipping based on Worker availability", https://www.twilio.com/docs/taskrouter/worker-presence
 */

interface Example {
  source: string;
  expression: string;
  yes: unknown;
  no: unknown;
}

const examples: Example[] = [
  // [syntax] the TaskQueue TargetWorkers example, with the two workers of [worker]
  {
    source: 'syntax, worker',
    expression: "(skills HAS 'support') AND (languages HAS 'english')",
    yes: { skills: ['support', 'sales'], languages: ['english'] }, // Alice
    no: { skills: ['sales'], languages: ['spanish', 'english'] }, // Bob
  },
  // [syntax] the Workflow filter example
  {
    source: 'syntax',
    expression: "customer_value == 'Gold' AND type == 'ticket'",
    yes: { customer_value: 'Gold', type: 'ticket' },
    no: { customer_value: 'Silver', type: 'ticket' },
  },
  // [syntax] "Expression Structure" examples
  { source: 'syntax', expression: 'key > 1', yes: { key: 2 }, no: { key: 1 } },
  {
    source: 'syntax',
    expression: 'object.param != "apple"',
    yes: { object: { param: 'pear' } },
    no: { object: { param: 'apple' } },
  },
  {
    source: 'syntax',
    expression: 'language IN ["en", "es"]',
    yes: { language: 'es' },
    no: { language: 'fr' },
  },
  {
    source: 'syntax',
    expression: '(condition_a == true) OR (condition_b == true)',
    yes: { condition_a: false, condition_b: true },
    no: { condition_a: false },
  },
  {
    source: 'syntax',
    expression: '(language == "en" OR language == "fr") AND skill_rating >= 5.1',
    yes: { language: 'fr', skill_rating: 5.1 },
    no: { language: 'fr', skill_rating: 5 },
  },
  // [syntax] "References": the page's attributes, and what each key resolves to
  ...(['string_const == "foo"', 'object.array[2] == "c"', 'object.attr == "bar"'] as const).map(
    (expression) => ({
      source: 'syntax',
      expression,
      yes: { string_const: 'foo', object: { array: ['a', 'b', 'c'], attr: 'bar' } },
      no: {}, // "If the document does not contain the requested key, it resolves to NULL."
    }),
  ),
  {
    source: 'syntax',
    expression: 'object.array HAS "b"',
    yes: { object: { array: ['a', 'b', 'c'] } },
    no: { object: { array: ['a', 'c'] } },
  },
  // [syntax] CONTAINS: "does the scalar value on the left contain the scalar value on the right"
  {
    source: 'syntax',
    expression: 'string_const CONTAINS "oo"',
    yes: { string_const: 'foo' },
    no: { string_const: 'bar' },
  },
  // [syntax] NOT IN: "does the scalar value on the left not exist in the array on the right"
  {
    source: 'syntax',
    expression: 'language NOT IN ["en", "es"]',
    yes: { language: 'fr' },
    no: { language: 'en' },
  },
  // [activity] (also [changelog] for the bare-key form of the Worker-List API)
  {
    source: 'activity',
    expression: "worker.activity_name in ['Generally Available', 'High Value Tasks']",
    yes: { activity_name: 'High Value Tasks' },
    no: { activity_name: 'Offline' },
  },
  {
    source: 'activity',
    expression: "worker.activity_sid == 'WAXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX'",
    yes: { activity_sid: 'WAXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX' },
    no: { activity_sid: 'WAYYYYYYYYYYYYYYYYYYYYYYYYYYYYYYYY' },
  },
  {
    source: 'changelog',
    expression: "activity_name in ['ABC', 'XYZ']",
    yes: { activity_name: 'XYZ' },
    no: { activity_name: 'ABCD' },
  },
  {
    source: 'changelog',
    expression: "activity_name contains 'MNO'",
    yes: { activity_name: 'LMNOP' },
    no: { activity_name: 'mno' },
  },
  // [lifecycle] a Workflow filter with no spaces
  {
    source: 'lifecycle',
    expression: 'type=="Support"',
    yes: { type: 'Support' },
    no: { type: 'Sales' },
  },
  // [time] `=` for equality, and a number with a leading zero
  {
    source: 'time',
    expression: "taskrouter.dayOfWeek = 'Sat' AND taskrouter.currentTime > 0800",
    yes: { taskrouter: { dayOfWeek: 'Sat', currentTime: 900 } },
    no: { taskrouter: { dayOfWeek: 'Sat', currentTime: 759 } },
  },
  // [presence] skip_if expressions (same grammar)
  {
    source: 'presence',
    expression: 'workers.WAxx < 2 OR workers.WAyy < 2',
    yes: { workers: { WAxx: 3, WAyy: 1 } },
    no: { workers: { WAxx: 2, WAyy: 2 } },
  },
  {
    source: 'presence',
    expression: 'workers.available == 0',
    yes: { workers: { available: 0 } },
    no: { workers: { available: 1 } },
  },
];

describe("Twilio's documented expressions", () => {
  it.each(examples)('[$source] $expression', ({ expression, yes, no }) => {
    const tree = parse(expression);
    expect(evaluate(tree, yes)).toBe(true);
    expect(evaluate(tree, no)).toBe(false);
  });

  it.each(['1 == 1', '1==1', '0 != 1', '"apple" != "orange"'])(
    '[syntax, queue] %s holds for every worker (1==1 is the TargetWorkers default)',
    (expression) => {
      for (const worker of [{}, { skills: ['x'] }, null]) {
        expect(evaluate(parse(expression), worker)).toBe(true);
      }
    },
  );

  it('[syntax] "Using scalar operators on Arrays results in false"', () => {
    const worker = { object: { array: ['a', 'b', 'c'] } };
    for (const expression of [
      'object.array == "a"',
      'object.array != "a"',
      'object.array > "a"',
      'object.array CONTAINS "a"',
    ]) {
      expect([expression, evaluate(parse(expression), worker)]).toEqual([expression, false]);
    }
  });

  it('[syntax] "Using array operators on two scalar values also returns false"', () => {
    const worker = { string_const: 'foo' };
    for (const expression of [
      'string_const HAS "foo"',
      'string_const IN "foo"',
      'string_const NOT IN "bar"',
    ]) {
      expect([expression, evaluate(parse(expression), worker)]).toEqual([expression, false]);
    }
  });

  it('[syntax] "Hyphens are not supported in TaskRouter expressions"', () => {
    expect(() => parse('skill-level > 3')).toThrow(
      'expected a digit after "-" (expressions have no hyphens) at 6, found "l"',
    );
  });

  it('[queue] the TargetWorkers example \'"language" == "spanish"\' compares two constants: never true', () => {
    // The docs quote the key; by the grammar's own rules a quoted word is a string constant.
    expect(shapeOf(parse('"language" == "spanish"'))).toBe('(== "language" "spanish")');
    expect(evaluate(parse('"language" == "spanish"'), { language: 'spanish' })).toBe(false);
  });

  it('[lifecycle] "worker.id IN task.preferred_agents": with no task in a queue, nobody matches', () => {
    expect(evaluate(parse('worker.id IN task.preferred_agents'), { id: 'WK1' })).toBe(false);
  });
});
