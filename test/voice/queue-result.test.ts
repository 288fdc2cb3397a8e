import { interpretQueueResult } from '../../src/voice/queue-result.js';

describe('interpretQueueResult', () => {
  it.each([
    ['bridged', 'served', 'goodbye', true],
    ['bridging-in-process', 'served', 'goodbye', true],
    ['redirected-from-bridged', 'served', 'nothing', true],
    ['hangup', 'abandoned', 'nothing', false],
    ['leave', 'left', 'left', false],
    ['redirected', 'left', 'nothing', false],
    ['queue-full', undefined, 'queue-full', false],
    ['error', undefined, 'system-error', false],
    ['system-error', undefined, 'system-error', false],
  ])(
    'reads %j as outcome %j, reply %j, reported after the call: %j',
    (result, outcome, reply, afterCall) => {
      expect(interpretQueueResult(result)).toEqual({ outcome, reply, afterCall, known: true });
    },
  );

  it.each(['mystery', 'Bridged', ''])(
    'treats the unknown result %j as a system error learned from nothing',
    (result) => {
      expect(interpretQueueResult(result)).toEqual({
        outcome: undefined,
        reply: 'system-error',
        afterCall: false,
        known: false,
      });
    },
  );

  it('treats a missing result as unknown', () => {
    expect(interpretQueueResult(undefined)).toEqual({
      outcome: undefined,
      reply: 'system-error',
      afterCall: false,
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
        afterCall: false,
        known: false,
      });
    },
  );
});
