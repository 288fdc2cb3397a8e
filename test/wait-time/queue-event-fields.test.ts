import {
  fromFields,
  toFields,
  type SharedQueueEvent,
} from '../../src/wait-time/queue-event-fields.js';

describe('queue events as stream fields', () => {
  it.each<SharedQueueEvent>([
    { kind: 'entered', queue: 'customers', at: 1_795_000_000_000, callSid: 'CA1' },
    {
      kind: 'entered',
      queue: 'customers',
      at: 1_795_000_000_000,
      callSid: 'CA4',
      announcedSeconds: 42.5,
    },
    { kind: 'dropped', queue: 'customers', at: 1_795_000_000_000, callSid: undefined },
    {
      kind: 'left',
      queue: 'premium-customers',
      at: 1_795_000_000_000,
      callSid: 'CA2',
      outcome: 'abandoned',
      waitSeconds: 42,
    },
    {
      kind: 'left',
      queue: 'customers',
      at: 1_795_000_000_000,
      callSid: 'CAcallee',
      outcome: 'callback-taken',
      waitSeconds: 300,
    },
    {
      kind: 'left',
      queue: 'customers',
      at: 1_795_000_000_000,
      callSid: 'CA3',
      outcome: 'served',
      waitSeconds: 30,
      reportedAfterCall: true,
    },
    {
      kind: 'left',
      queue: 'customers',
      at: 1_795_000_000_000,
      callSid: 'CA5',
      outcome: 'callback',
      waitSeconds: 121,
    },
    { kind: 'observed', queue: 'customers', at: 1_795_000_000_000, size: 7 },
  ])('reads back what it wrote ($kind)', (event) => {
    expect(fromFields(toFields(event))).toEqual(event);
  });

  it.each([
    [['k', 'entered', 'q', '', 'a', '1', 'c', 'CA1'], 'no queue'],
    [['k', 'entered', 'q', 'customers', 'a', 'soon', 'c', 'CA1'], 'no time'],
    [['k', 'left', 'q', 'customers', 'a', '1', 'c', 'CA1', 'o', 'bored', 'w', '3'], 'an outcome'],
    [['k', 'left', 'q', 'customers', 'a', '1', 'c', 'CA1', 'o', 'served'], 'no wait'],
    [['k', 'observed', 'q', 'customers', 'a', '1', 'n', '-2'], 'a size'],
    [['k', 'observed', 'q', 'customers', 'a', '1'], 'no size'],
    [['k', 'teleported', 'q', 'customers', 'a', '1', 'c', 'CA1'], 'a kind'],
  ])('refuses an entry it cannot read: %j (%s)', (fields) => {
    expect(fromFields(fields)).toBeUndefined();
  });
});
