import { interpretQueueResult } from '../../src/voice/queue-result.js';

describe('interpretQueueResult', () => {
  it.each([
    ['bridged', 'served', 'goodbye'],
    ['bridging-in-process', 'served', 'goodbye'],
    ['redirected-from-bridged', 'served', 'nothing'],
    ['hangup', 'abandoned', 'nothing'],
    ['leave', 'left', 'left'],
    ['redirected', 'left', 'nothing'],
    ['queue-full', undefined, 'queue-full'],
    ['error', undefined, 'system-error'],
    ['system-error', undefined, 'system-error'],
  ])('reads %j as outcome %j, reply %j', (result, outcome, reply) => {
    expect(interpretQueueResult(result)).toEqual({ outcome, reply, known: true });
  });

  it.each(['mystery', 'Bridged', ''])(
    'treats the unknown result %j as a system error learned from nothing',
    (result) => {
      expect(interpretQueueResult(result)).toEqual({
        outcome: undefined,
        reply: 'system-error',
        known: false,
      });
    },
  );

  it('treats a missing result as unknown', () => {
    expect(interpretQueueResult(undefined)).toEqual({
      outcome: undefined,
      reply: 'system-error',
      known: false,
    });
  });

  // Bug: RESULTS is a plain object, so names inherited from Object.prototype are "found" and
  // come back as { known: true } with no reply at all; the handler then sends an empty body.
  it.each(['constructor', 'toString', '__proto__', 'hasOwnProperty'])(
    'treats %j, a name on Object.prototype, as unknown',
    (result) => {
      expect(interpretQueueResult(result)).toEqual({
        outcome: undefined,
        reply: 'system-error',
        known: false,
      });
    },
  );
});
