import { planWaitTurn } from '../../src/voice/wait.js';

const INTERVAL = 60;

describe('planWaitTurn', () => {
  it('on the first turn, announces position and estimate and stamps the queue time', () => {
    expect(
      planWaitTurn({
        position: 3,
        queueTime: 0,
        lastPosition: undefined,
        lastAnnouncedAt: undefined,
        minIntervalSeconds: INTERVAL,
      }),
    ).toEqual({ announcePosition: true, announceEstimate: true, announcedAt: 0 });
  });

  it('within the interval and in the same place, announces nothing and keeps the stamp', () => {
    expect(
      planWaitTurn({
        position: 3,
        queueTime: 59,
        lastPosition: 3,
        lastAnnouncedAt: 0,
        minIntervalSeconds: INTERVAL,
      }),
    ).toEqual({ announcePosition: false, announceEstimate: false, announcedAt: 0 });
  });

  it('within the interval, announces a changed position but not the estimate', () => {
    expect(
      planWaitTurn({
        position: 2,
        queueTime: 30,
        lastPosition: 3,
        lastAnnouncedAt: 0,
        minIntervalSeconds: INTERVAL,
      }),
    ).toEqual({ announcePosition: true, announceEstimate: false, announcedAt: 0 });
  });

  it('once the interval has elapsed exactly, announces both and restamps', () => {
    expect(
      planWaitTurn({
        position: 3,
        queueTime: 80,
        lastPosition: 3,
        lastAnnouncedAt: 20,
        minIntervalSeconds: INTERVAL,
      }),
    ).toEqual({ announcePosition: true, announceEstimate: true, announcedAt: 80 });
  });

  it('when QueueTime is missing, announces both and carries no stamp', () => {
    expect(
      planWaitTurn({
        position: 3,
        queueTime: undefined,
        lastPosition: 3,
        lastAnnouncedAt: 20,
        minIntervalSeconds: INTERVAL,
      }),
    ).toEqual({ announcePosition: true, announceEstimate: true, announcedAt: undefined });
  });

  it('when the position is unknown on both turns, does not count it as changed', () => {
    expect(
      planWaitTurn({
        position: undefined,
        queueTime: 30,
        lastPosition: undefined,
        lastAnnouncedAt: 0,
        minIntervalSeconds: INTERVAL,
      }),
    ).toEqual({ announcePosition: false, announceEstimate: false, announcedAt: 0 });
  });

  it('with an interval of 0, announces the estimate every turn', () => {
    expect(
      planWaitTurn({
        position: 3,
        queueTime: 20,
        lastPosition: 3,
        lastAnnouncedAt: 20,
        minIntervalSeconds: 0,
      }),
    ).toEqual({ announcePosition: true, announceEstimate: true, announcedAt: 20 });
  });

  it('announces again when the carried mark is ahead of QueueTime (tampered or re-queued)', () => {
    expect(
      planWaitTurn({
        position: 3,
        queueTime: 10,
        lastPosition: 3,
        lastAnnouncedAt: 500,
        minIntervalSeconds: INTERVAL,
      }),
    ).toEqual({ announcePosition: true, announceEstimate: true, announcedAt: 10 });
  });
});
