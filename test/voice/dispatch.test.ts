import { decideRepStep, findStarvedQueue, planRound } from '../../src/voice/dispatch.js';

const TWO = ['premium-customers', 'customers'];
const THREE = ['gold', 'silver', 'bronze'];

type StepInput = Parameters<typeof decideRepStep>[0];

const step = (input: Partial<StepInput> & Pick<StepInput, 'queues'>) =>
  decideRepStep({
    result: undefined,
    tried: undefined,
    lead: undefined,
    starved: undefined,
    ...input,
  });

describe('planRound', () => {
  it('without a lead, keeps the priority order', () => {
    expect(planRound(THREE, undefined)).toEqual(['gold', 'silver', 'bronze']);
  });

  it('puts the lead first and keeps the others in order', () => {
    expect(planRound(THREE, 'bronze')).toEqual(['bronze', 'gold', 'silver']);
    expect(planRound(THREE, 'silver')).toEqual(['silver', 'gold', 'bronze']);
  });

  it('ignores a lead that is not one of the queues', () => {
    expect(planRound(THREE, 'platinum')).toEqual(['gold', 'silver', 'bronze']);
  });

  it('returns a copy, never the queue list itself', () => {
    const plan = planRound(THREE, undefined);
    plan.push('extra');
    expect(THREE).toEqual(['gold', 'silver', 'bronze']);
  });
});

describe('decideRepStep', () => {
  describe.each([
    ['two tiers', TWO],
    ['three tiers', THREE],
  ])('with %s', (_label, queues) => {
    const top = queues[0] as string;
    const last = queues[queues.length - 1] as string;

    it('on the first call-in, dials the top queue with no lead', () => {
      expect(step({ queues })).toEqual({ kind: 'dial', queue: top, lead: undefined });
    });

    it.each(['bridged', 'bridging-in-process'])(
      'after %s on the last queue, starts again at the top',
      (result) => {
        expect(step({ queues, result, tried: last })).toEqual({
          kind: 'dial',
          queue: top,
          lead: undefined,
        });
      },
    );

    it('after the last queue of the round comes up empty, rests', () => {
      expect(step({ queues, result: 'queue-empty', tried: last })).toEqual({ kind: 'rest' });
    });

    it('when the queue tried is not one of ours, starts a new round at the top', () => {
      expect(step({ queues, result: 'queue-empty', tried: 'platinum' })).toEqual({
        kind: 'dial',
        queue: top,
        lead: undefined,
      });
    });

    it('when a failure result comes without the queue tried, starts at the top', () => {
      expect(step({ queues, result: 'queue-empty', tried: undefined })).toEqual({
        kind: 'dial',
        queue: top,
        lead: undefined,
      });
    });
  });

  describe('with three tiers', () => {
    it('after an empty top queue, dials the second', () => {
      expect(step({ queues: THREE, result: 'queue-empty', tried: 'gold' })).toEqual({
        kind: 'dial',
        queue: 'silver',
        lead: undefined,
      });
    });

    it('after an empty second queue, dials the third', () => {
      expect(step({ queues: THREE, result: 'queue-empty', tried: 'silver' })).toEqual({
        kind: 'dial',
        queue: 'bronze',
        lead: undefined,
      });
    });

    it('moves on after any other failed dequeue, too', () => {
      expect(step({ queues: THREE, result: 'system-error', tried: 'gold' })).toEqual({
        kind: 'dial',
        queue: 'silver',
        lead: undefined,
      });
    });

    it('after serving a caller from the second queue, starts again at the top', () => {
      expect(step({ queues: THREE, result: 'bridged', tried: 'silver' })).toEqual({
        kind: 'dial',
        queue: 'gold',
        lead: undefined,
      });
    });

    it('ignores a starved queue in the middle of a round', () => {
      expect(
        step({ queues: THREE, result: 'queue-empty', tried: 'gold', starved: 'bronze' }),
      ).toEqual({ kind: 'dial', queue: 'silver', lead: undefined });
    });

    it('walks a round led by a starved queue through the others in order, then rests', () => {
      const first = step({ queues: THREE, starved: 'bronze' });
      expect(first).toEqual({ kind: 'dial', queue: 'bronze', lead: 'bronze' });

      const second = step({
        queues: THREE,
        result: 'queue-empty',
        tried: 'bronze',
        lead: 'bronze',
      });
      expect(second).toEqual({ kind: 'dial', queue: 'gold', lead: 'bronze' });

      const third = step({ queues: THREE, result: 'queue-empty', tried: 'gold', lead: 'bronze' });
      expect(third).toEqual({ kind: 'dial', queue: 'silver', lead: 'bronze' });

      const fourth = step({
        queues: THREE,
        result: 'queue-empty',
        tried: 'silver',
        lead: 'bronze',
      });
      expect(fourth).toEqual({ kind: 'rest' });
    });

    it('carries the lead of a round in progress even when a new queue is starved', () => {
      expect(
        step({
          queues: THREE,
          result: 'queue-empty',
          tried: 'gold',
          lead: 'silver',
          starved: 'bronze',
        }),
      ).toEqual({ kind: 'dial', queue: 'bronze', lead: 'silver' });
    });

    it('after serving a caller, lets a starved queue lead the next round', () => {
      expect(
        step({
          queues: THREE,
          result: 'bridged',
          tried: 'gold',
          lead: undefined,
          starved: 'silver',
        }),
      ).toEqual({ kind: 'dial', queue: 'silver', lead: 'silver' });
    });

    it('gives no lead when the starved queue is the top one anyway', () => {
      expect(step({ queues: THREE, starved: 'gold' })).toEqual({
        kind: 'dial',
        queue: 'gold',
        lead: undefined,
      });
    });

    it('ignores a starved queue that is not one of ours', () => {
      expect(step({ queues: THREE, starved: 'platinum' })).toEqual({
        kind: 'dial',
        queue: 'gold',
        lead: undefined,
      });
    });
  });

  describe('with two tiers', () => {
    it('after an empty premium queue, dials the regular one', () => {
      expect(step({ queues: TWO, result: 'queue-empty', tried: 'premium-customers' })).toEqual({
        kind: 'dial',
        queue: 'customers',
        lead: undefined,
      });
    });

    it('a round led by the starved regular queue goes on to premium, then rests', () => {
      expect(step({ queues: TWO, starved: 'customers' })).toEqual({
        kind: 'dial',
        queue: 'customers',
        lead: 'customers',
      });
      expect(
        step({ queues: TWO, result: 'queue-empty', tried: 'customers', lead: 'customers' }),
      ).toEqual({ kind: 'dial', queue: 'premium-customers', lead: 'customers' });
      expect(
        step({ queues: TWO, result: 'queue-empty', tried: 'premium-customers', lead: 'customers' }),
      ).toEqual({ kind: 'rest' });
    });
  });

  describe('with one queue', () => {
    it('dials it, then rests when it is empty', () => {
      expect(step({ queues: ['only'] })).toEqual({ kind: 'dial', queue: 'only', lead: undefined });
      expect(step({ queues: ['only'], result: 'queue-empty', tried: 'only' })).toEqual({
        kind: 'rest',
      });
    });
  });
});

describe('findStarvedQueue', () => {
  const waits =
    (table: Record<string, number | undefined>) =>
    (queue: string): number | undefined =>
      table[queue];

  it('with a limit of 0, is off however long callers wait', () => {
    expect(findStarvedQueue(THREE, 0, waits({ silver: 99_999, bronze: 99_999 }))).toBeUndefined();
  });

  it('with a negative limit, is off', () => {
    expect(findStarvedQueue(THREE, -1, waits({ silver: 10, bronze: 10 }))).toBeUndefined();
  });

  it('picks the lower queue whose oldest caller waited longest past the limit', () => {
    expect(findStarvedQueue(THREE, 120, waits({ silver: 500, bronze: 300 }))).toBe('silver');
    expect(findStarvedQueue(THREE, 120, waits({ silver: 300, bronze: 500 }))).toBe('bronze');
  });

  it('does not pick a queue that waited exactly the limit', () => {
    expect(findStarvedQueue(THREE, 120, waits({ silver: 120, bronze: 120 }))).toBeUndefined();
    expect(findStarvedQueue(THREE, 120, waits({ silver: 120, bronze: 120.5 }))).toBe('bronze');
  });

  it('on a tie, picks the higher-priority queue', () => {
    expect(findStarvedQueue(THREE, 120, waits({ silver: 300, bronze: 300 }))).toBe('silver');
  });

  it('skips queues whose wait is unknown', () => {
    expect(findStarvedQueue(THREE, 120, waits({ silver: undefined, bronze: 130 }))).toBe('bronze');
    expect(findStarvedQueue(THREE, 120, waits({}))).toBeUndefined();
  });

  it('never picks, nor asks about, the top queue', () => {
    const asked: string[] = [];
    const starved = findStarvedQueue(THREE, 120, (queue) => {
      asked.push(queue);
      return queue === 'gold' ? 99_999 : 10;
    });

    expect(starved).toBeUndefined();
    expect(asked).toEqual(['silver', 'bronze']);
  });

  it('with one queue, finds nothing', () => {
    expect(findStarvedQueue(['only'], 120, () => 99_999)).toBeUndefined();
  });
});

describe('a round with callback queues', () => {
  const callbackQueueOf = (queue: string) =>
    queue === 'gold' || queue === 'bronze' ? `${queue}-callbacks` : undefined;

  it('tries each queue’s callback queue right before the queue itself', () => {
    expect(planRound(THREE, undefined, callbackQueueOf)).toEqual([
      'gold-callbacks',
      'gold',
      'silver',
      'bronze-callbacks',
      'bronze',
    ]);
  });

  it('a starved queue leads with its callbacks (they entered before everyone waiting in it)', () => {
    expect(planRound(THREE, 'bronze', callbackQueueOf)).toEqual([
      'bronze-callbacks',
      'bronze',
      'gold-callbacks',
      'gold',
      'silver',
    ]);
    expect(step({ queues: THREE, starved: 'bronze', callbackQueueOf })).toEqual({
      kind: 'dial',
      queue: 'bronze-callbacks',
      lead: 'bronze',
    });
  });

  it('walks the round in that order, and rests after the last', () => {
    const walk: string[] = [];
    let tried: string | undefined;
    let next = step({ queues: THREE, callbackQueueOf });
    while (next.kind === 'dial') {
      walk.push(next.queue);
      tried = next.queue;
      next = step({ queues: THREE, callbackQueueOf, result: 'queue-empty', tried });
    }
    expect(walk).toEqual(['gold-callbacks', 'gold', 'silver', 'bronze-callbacks', 'bronze']);
  });

  it('after serving a callback, starts again at the top', () => {
    expect(
      step({ queues: THREE, callbackQueueOf, result: 'bridged', tried: 'bronze-callbacks' }),
    ).toEqual({ kind: 'dial', queue: 'gold-callbacks', lead: undefined });
  });
});
