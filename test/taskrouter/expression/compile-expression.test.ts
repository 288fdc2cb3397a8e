import {
  compileExpression,
  ExpressionError,
  print,
} from '../../../src/taskrouter/expression/index.js';

describe('compileExpression', () => {
  it('reads the text once and matches workers by their attributes', () => {
    const queue = compileExpression('skills HAS "support" AND languages IN ["en","fr"]');
    expect(queue.text).toBe('skills HAS "support" AND languages IN ["en","fr"]');
    expect(queue.matches({ skills: ['support'], languages: 'fr' })).toBe(true);
    expect(queue.matches({ skills: ['support'], languages: 'de' })).toBe(false);
    expect(queue.matches({ skills: ['sales'], languages: 'en' })).toBe(false);
    expect(queue.matches({})).toBe(false);
    expect(print(queue.tree)).toBe('skills HAS "support" AND languages IN ["en", "fr"]');
  });

  it('throws ExpressionError, with the offset, for text it cannot read', () => {
    expect(() => compileExpression('skills HAS')).toThrow(
      new ExpressionError('expected a value after "HAS" at 10, found end of expression', 10),
    );
    expect(() => compileExpression('skills HAS')).toThrow(ExpressionError);
  });

  describe('references(): the worker attribute paths it reads', () => {
    it.each<[string, string[]]>([
      ['skills HAS "support" AND languages IN ["en","fr"]', ['skills', 'languages']],
      ['1==1', []],
      ['true', []],
      ['routing.skills HAS "billing"', ['routing.skills']],
      ['languages[0] == "en" OR a.b[2].c > 1', ['languages[0]', 'a.b[2].c']],
      ['worker.level > 1 AND level < 5 OR worker.level == 9', ['level']], // once each
      ['team IN ["a"] OR skills HAS team', ['team', 'skills']], // in the order written
      ['is_vip OR x == y', ['is_vip', 'x', 'y']],
      ['task.language IN worker.languages', ['languages']], // task keys read no worker
      ['worker.task.x == 1', ['task.x']],
      ['worker.in == 1 AND worker.worker == 2', ['in', 'worker']],
    ])('%s reads %j', (text, paths) => {
      expect(compileExpression(text).references()).toEqual(paths);
    });

    it('is the same frozen list on every call', () => {
      const compiled = compileExpression('a == 1 OR b == 2');
      expect(compiled.references()).toBe(compiled.references());
      expect(Object.isFrozen(compiled.references())).toBe(true);
    });
  });

  it('matches a 20,000-term chain without running out of stack', () => {
    const compiled = compileExpression(
      Array.from({ length: 20_000 }, (_, i) => `a == ${i}`).join(' OR '),
    );
    expect(compiled.matches({ a: 19_999 })).toBe(true);
    expect(compiled.matches({ a: 20_000 })).toBe(false);
    expect(compiled.references()).toEqual(['a']);
  });

  it('evaluates 306,000 times (5,100 workers × 60 queues) without trouble', () => {
    // Completion only: timing belongs in bench/, never in a test.
    const compiled = compileExpression(
      '(routing.skills HAS "support" OR routing.skills HAS "billing") AND languages IN ["en", "fr"]' +
        ' AND level >= 2 AND team NOT IN ["night"] AND name CONTAINS "a" AND task.priority != 1',
    );
    const workers = Array.from({ length: 5_100 }, (_, i) => ({
      routing: { skills: i % 3 === 0 ? ['support'] : ['sales', 'billing'] },
      languages: i % 2 === 0 ? 'en' : 'de',
      level: i % 5,
      team: i % 7 === 0 ? 'night' : 'day',
      name: `agent ${i}`,
    }));
    let eligible = 0;
    for (let queue = 0; queue < 60; queue += 1) {
      for (const worker of workers) if (compiled.matches(worker)) eligible += 1;
    }
    // Every worker has support or billing, every name has an "a", and there is no task.
    const perQueue = workers.filter(
      (w, i) => i % 2 === 0 && w.level >= 2 && w.team !== 'night',
    ).length;
    expect(perQueue).toBe(1_311);
    expect(eligible).toBe(perQueue * 60);
  });
});
