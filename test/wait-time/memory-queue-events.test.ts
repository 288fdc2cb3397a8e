import { createMemoryQueueEventLog } from '../../src/wait-time/memory-queue-events.js';
import type { QueueEvent } from '../../src/wait-time/queue-events.js';

const event = (overrides: Partial<QueueEvent> = {}): QueueEvent => ({
  queue: 'customers',
  outcome: 'served',
  waitSeconds: 42,
  at: 1_000,
  callSid: 'CA0001',
  ...overrides,
});

describe('the memory queue event log', () => {
  it('records an event and returns it', async () => {
    const log = createMemoryQueueEventLog();

    await expect(log.record(event())).resolves.toBe(true);
    await expect(log.since('customers', 0)).resolves.toEqual([event()]);
  });

  it('records a call once per queue, however often the webhook repeats', async () => {
    const log = createMemoryQueueEventLog();

    await expect(log.record(event())).resolves.toBe(true);
    await expect(log.record(event({ waitSeconds: 99, at: 2_000 }))).resolves.toBe(false);
    await expect(log.since('customers', 0)).resolves.toEqual([event()]);
  });

  it('records the same call separately in another queue', async () => {
    const log = createMemoryQueueEventLog();

    await log.record(event());
    await expect(log.record(event({ queue: 'premium-customers' }))).resolves.toBe(true);
    await expect(log.since('premium-customers', 0)).resolves.toEqual([
      event({ queue: 'premium-customers' }),
    ]);
    await expect(log.since('customers', 0)).resolves.toEqual([event()]);
  });

  it('records every event without a CallSid', async () => {
    const log = createMemoryQueueEventLog();

    await expect(log.record(event({ callSid: undefined }))).resolves.toBe(true);
    await expect(log.record(event({ callSid: undefined }))).resolves.toBe(true);
    await expect(log.since('customers', 0)).resolves.toHaveLength(2);
  });

  it('over capacity, drops the oldest events of that queue only', async () => {
    const log = createMemoryQueueEventLog(2);

    await log.record(event({ callSid: 'CA1', at: 1 }));
    await log.record(event({ callSid: 'CA2', at: 2 }));
    await log.record(event({ callSid: 'P1', at: 2, queue: 'premium-customers' }));
    await log.record(event({ callSid: 'CA3', at: 3 }));

    await expect(log.since('customers', 0)).resolves.toEqual([
      event({ callSid: 'CA2', at: 2 }),
      event({ callSid: 'CA3', at: 3 }),
    ]);
    await expect(log.since('premium-customers', 0)).resolves.toEqual([
      event({ callSid: 'P1', at: 2, queue: 'premium-customers' }),
    ]);
  });

  it('forgets the CallSid of an evicted event and keeps those still held', async () => {
    const log = createMemoryQueueEventLog(2);

    await log.record(event({ callSid: 'CA1', at: 1 }));
    await log.record(event({ callSid: 'CA2', at: 2 }));
    await log.record(event({ callSid: 'CA3', at: 3 }));

    await expect(log.record(event({ callSid: 'CA2', at: 4 }))).resolves.toBe(false);
    await expect(log.record(event({ callSid: 'CA1', at: 5 }))).resolves.toBe(true);
    await expect(log.since('customers', 0)).resolves.toEqual([
      event({ callSid: 'CA3', at: 3 }),
      event({ callSid: 'CA1', at: 5 }),
    ]);
  });

  it('since returns events at or after the given time, oldest first', async () => {
    const log = createMemoryQueueEventLog();
    await log.record(event({ callSid: 'CA1', at: 100 }));
    await log.record(event({ callSid: 'CA2', at: 200 }));
    await log.record(event({ callSid: 'CA3', at: 300 }));

    await expect(log.since('customers', 200)).resolves.toEqual([
      event({ callSid: 'CA2', at: 200 }),
      event({ callSid: 'CA3', at: 300 }),
    ]);
    await expect(log.since('customers', 301)).resolves.toEqual([]);
  });

  it('since returns nothing for a queue with no events', async () => {
    const log = createMemoryQueueEventLog();
    await log.record(event());

    await expect(log.since('premium-customers', 0)).resolves.toEqual([]);
  });
});
