import { predictQueueWaitSeconds } from '../../src/wait-time/queue-length-predictor.js';

describe('the queue-length predictor', () => {
  it('without abandonment, position n waits n services: n ÷ c', () => {
    // 100 agents, 5-minute calls: c = 1/3 per second.
    const c = 100 / 300;
    expect(
      predictQueueWaitSeconds({
        position: 1,
        waitingAhead: 0,
        serviceRate: c,
        abandonmentRate: 0,
      }),
    ).toBeCloseTo(3, 12);
    expect(
      predictQueueWaitSeconds({
        position: 40,
        waitingAhead: 0,
        serviceRate: c,
        abandonmentRate: 0,
      }),
    ).toBeCloseTo(120, 12);
  });

  it('with abandonment, each stage is shortened by the callers ahead who may hang up', () => {
    // c = 0.5/s, θ = 0.1/s, position 3: 1/0.5 + 1/0.6 + 1/0.7 = 2 + 1.6667 + 1.4286 = 5.0952
    expect(
      predictQueueWaitSeconds({
        position: 3,
        waitingAhead: 0,
        serviceRate: 0.5,
        abandonmentRate: 0.1,
      }),
    ).toBeCloseTo(2 + 1 / 0.6 + 1 / 0.7, 12);
  });

  it('counts callers waiting in higher-priority queues as ahead, at the service rate', () => {
    // 6 premium callers ahead at c = 0.5/s add 12 s to the 2 s of position 1.
    expect(
      predictQueueWaitSeconds({
        position: 1,
        waitingAhead: 6,
        serviceRate: 0.5,
        abandonmentRate: 0.2,
      }),
    ).toBeCloseTo(14, 12);
  });

  it('refuses rates that make no sense rather than answering Infinity or NaN', () => {
    const at = (serviceRate: number, abandonmentRate: number) => () =>
      predictQueueWaitSeconds({ position: 2, waitingAhead: 0, serviceRate, abandonmentRate });
    expect(at(0, 0)).toThrow(RangeError);
    expect(at(Number.NaN, 0)).toThrow(RangeError);
    expect(at(0.5, -0.1)).toThrow(RangeError);
  });
});
