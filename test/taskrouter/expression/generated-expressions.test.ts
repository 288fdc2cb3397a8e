import type { Expression } from '../../../src/taskrouter/expression/ast.js';
import { evaluate } from '../../../src/taskrouter/expression/evaluate.js';
import { parse } from '../../../src/taskrouter/expression/parse.js';
import { print } from '../../../src/taskrouter/expression/print.js';
import { seededRandom } from '../../support/seeded-random.js';
import {
  generateAttributes,
  generateExpression,
  toTree,
  type Generated,
} from './random-expression.js';
import { referenceEvaluate } from './reference-evaluate.js';
import { renderText } from './render-text.js';

const SEED = 20_260_611;
const random = seededRandom(SEED);
const generated: Generated[] = Array.from({ length: 500 }, () => generateExpression(random, 4));
const workers = Array.from({ length: 40 }, () => generateAttributes(random));

/** The tree without offsets: generated trees have none worth comparing. */
const withoutPositions = (tree: Expression): unknown =>
  JSON.parse(
    JSON.stringify(tree, (key, value: unknown) => (key === 'position' ? undefined : value)),
  );

/** Every disagreement, named well enough to reproduce: [expression index, worker index, text]. */
function disagreements(
  evaluateOne: (index: number, worker: unknown) => [boolean, boolean, string],
) {
  const found: string[] = [];
  generated.forEach((_, index) => {
    workers.forEach((worker, w) => {
      const [actual, expected, text] = evaluateOne(index, worker);
      if (actual !== expected) {
        found.push(`#${index} worker ${w}: ${text} gave ${actual} for ${JSON.stringify(worker)}`);
      }
    });
  });
  return found;
}

describe(`500 generated expressions over 40 generated workers (seed ${SEED})`, () => {
  it('evaluate agrees with a separately written reference evaluator', () => {
    expect(
      disagreements((index, worker) => {
        const node = generated[index] as Generated;
        return [
          evaluate(toTree(node), worker),
          referenceEvaluate(node, worker),
          print(toTree(node)),
        ];
      }),
    ).toEqual([]);
  });

  it('print then parse gives back the same tree', () => {
    for (const node of generated) {
      const tree = toTree(node);
      expect(withoutPositions(parse(print(tree)))).toEqual(withoutPositions(tree));
    }
  });

  it('evaluate(parse(print(tree))) equals evaluate(tree)', () => {
    expect(
      disagreements((index, worker) => {
        const tree = toTree(generated[index] as Generated);
        const text = print(tree);
        return [evaluate(parse(text), worker), evaluate(tree, worker), text];
      }),
    ).toEqual([]);
  });

  it('text written with any keyword case, quoting and spacing evaluates like the reference', () => {
    const writer = seededRandom(SEED + 1);
    const texts = generated.map((node) => renderText(writer, node));
    expect(
      disagreements((index, worker) => {
        const text = texts[index] as string;
        return [
          evaluate(parse(text), worker),
          referenceEvaluate(generated[index] as Generated, worker),
          text,
        ];
      }),
    ).toEqual([]);
  });

  it('exercises both outcomes of every operator, so a wrong answer would show', () => {
    const outcomes = new Map<string, { held: number; failed: number }>();
    const visit = (node: Generated, worker: unknown): void => {
      if (node.type === 'all' || node.type === 'any') {
        node.parts.forEach((part) => visit(part, worker));
        return;
      }
      const name = node.type === 'test' ? node.op : 'alone';
      const count = outcomes.get(name) ?? { held: 0, failed: 0 };
      if (referenceEvaluate(node, worker)) count.held += 1;
      else count.failed += 1;
      outcomes.set(name, count);
    };
    let held = 0;
    for (const node of generated) {
      for (const worker of workers) {
        visit(node, worker);
        if (referenceEvaluate(node, worker)) held += 1;
      }
    }
    expect(outcomes.size).toBe(12); // 11 operators and the lone condition
    for (const [name, { held: yes, failed: no }] of outcomes) {
      expect([name, yes > 100, no > 100]).toEqual([name, true, true]);
    }
    const share = held / (generated.length * workers.length);
    expect(share).toBeGreaterThan(0.1);
    expect(share).toBeLessThan(0.9);
  });
});
