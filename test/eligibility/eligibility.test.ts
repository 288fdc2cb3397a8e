import { eligibleQueues, workersFlippedBy } from '../../src/eligibility/eligibility.js';
import { compileExpression } from '../../src/taskrouter/expression/index.js';

const queue = (sid: string, text: string) => ({ sid, expression: compileExpression(text) });

const anna = { skills: ['billing', 'support'], languages: ['en', 'fr'], level: 3 };
const ben = { skills: ['sales'], languages: ['en'], level: 1 };
const cleo = { skills: ['support'], languages: ['es'], level: 2 };
const workers = [
  ['WK-anna', anna],
  ['WK-ben', ben],
  ['WK-cleo', cleo],
] as const;

describe('worker eligibility', () => {
  it('lists the queues whose expressions a worker meets, sorted by SID', () => {
    const queues = [
      queue('WQ3', 'skills HAS "support"'),
      queue('WQ1', '1==1'),
      queue('WQ2', 'languages HAS "fr" AND level >= 2'),
      queue('WQ4', 'skills HAS "sales"'),
    ];
    expect(eligibleQueues(anna, queues)).toEqual(['WQ1', 'WQ2', 'WQ3']);
    expect(eligibleQueues(ben, queues)).toEqual(['WQ1', 'WQ4']);
    expect(eligibleQueues({}, queues)).toEqual(['WQ1']);
  });

  it('an expression change touches only the workers whose membership flips', () => {
    const before = compileExpression('skills HAS "support"');
    const after = compileExpression('skills HAS "support" AND languages HAS "en"');
    expect(workersFlippedBy(workers, before, after)).toEqual(['WK-cleo']);
  });

  it('a new queue adds the workers it selects; a deleted one removes those it selected', () => {
    const expression = compileExpression('level < 3');
    expect(workersFlippedBy(workers, undefined, expression)).toEqual(['WK-ben', 'WK-cleo']);
    expect(workersFlippedBy(workers, expression, undefined)).toEqual(['WK-ben', 'WK-cleo']);
  });

  it('an unchanged expression flips nobody', () => {
    const expression = compileExpression('level IN [1, 2]');
    expect(workersFlippedBy(workers, expression, compileExpression('level in [1,2]'))).toEqual([]);
  });
});
