import { RefreshSchedule } from '../../src/stats/refresh-schedule.js';

/** Reads that end when the test says, so what happens during a read is the test's choice. */
function heldReads() {
  const ends: (() => void)[] = [];
  const waiting: { count: number; resolve: () => void }[] = [];
  return {
    read: () =>
      new Promise<void>((resolve) => {
        ends.push(resolve);
        for (const wait of waiting) if (ends.length >= wait.count) wait.resolve();
      }),
    count: () => ends.length,
    end: (index: number) => ends[index]?.(),
    /** Resolves once `count` reads have started. */
    started: (count: number) =>
      new Promise<void>((resolve) => {
        if (ends.length >= count) resolve();
        else waiting.push({ count, resolve });
      }),
  };
}

describe('RefreshSchedule', () => {
  it('reads once more after a read during which notices arrived, however many', async () => {
    const reads = heldReads();
    const schedule = new RefreshSchedule(reads.read);
    schedule.request('notice');
    schedule.request('notice');
    schedule.request('notice');
    expect(reads.count()).toBe(1);
    const idle = schedule.idle();

    reads.end(0);
    await reads.started(2);
    reads.end(1);
    await idle;

    expect(reads.count()).toBe(2);
  });

  it('drops a timer tick that comes during a read', async () => {
    const reads = heldReads();
    const schedule = new RefreshSchedule(reads.read);
    schedule.request('timer');
    schedule.request('timer');
    const idle = schedule.idle();

    reads.end(0);
    await idle;

    expect(reads.count()).toBe(1);
  });

  it('starts a new read for a request after the last one ended', async () => {
    const reads = heldReads();
    const schedule = new RefreshSchedule(reads.read);
    schedule.request('notice');
    reads.end(0);
    await schedule.idle();

    schedule.request('timer');

    expect(reads.count()).toBe(2);
  });

  it('once stopped, starts no read, not even the one a notice asked for', async () => {
    const reads = heldReads();
    const schedule = new RefreshSchedule(reads.read);
    schedule.request('notice');
    schedule.request('notice');
    schedule.stop();
    const idle = schedule.idle();

    reads.end(0);
    await idle;
    schedule.request('notice');

    expect(reads.count()).toBe(1);
    expect(schedule.startTimer(1_000)).toBe(false);
  });

  describe('its timer', () => {
    beforeEach(() => jest.useFakeTimers());
    afterEach(() => jest.useRealTimers());

    it('asks for a read every period, and starts once', () => {
      const reads = heldReads();
      const schedule = new RefreshSchedule(reads.read);
      expect(schedule.startTimer(1_000)).toBe(true);
      expect(schedule.startTimer(1_000)).toBe(false);

      jest.advanceTimersByTime(999);
      expect(reads.count()).toBe(0);
      jest.advanceTimersByTime(1);
      expect(reads.count()).toBe(1);

      schedule.stop();
      jest.advanceTimersByTime(5_000);
      expect(reads.count()).toBe(1);
    });
  });
});
