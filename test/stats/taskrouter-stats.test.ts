import { readTaskRouterStatistics } from '../../src/stats/taskrouter-stats.js';

/** Shaped as TaskRouter documents a queue's cumulative and realtime statistics. */
const cumulative = {
  avg_task_acceptance_time: 41,
  start_time: '2026-11-23T09:30:00Z',
  end_time: '2026-11-23T10:00:00Z',
  reservations_accepted: 120,
  tasks_canceled: 9,
  tasks_entered: 131,
  wait_duration_until_accepted: { avg: 44, min: 2, max: 310, total: 5280 },
  split_by_wait_time: {
    '60': {
      above: { tasks_canceled: 4, reservations_accepted: 30 },
      below: { tasks_canceled: 5, reservations_accepted: 90 },
    },
    '30': {
      above: { tasks_canceled: 6, reservations_accepted: 50 },
      below: { tasks_canceled: 3, reservations_accepted: 70 },
    },
  },
};
const realtime = {
  longest_task_waiting_age: 95,
  total_available_workers: 3,
  total_eligible_workers: 12,
  tasks_by_status: { pending: '4', reserved: '1', assigned: '7' },
};

describe('readTaskRouterStatistics', () => {
  it('reads the numbers the cache keeps', () => {
    expect(readTaskRouterStatistics(cumulative, realtime, 30)).toEqual({
      longestWaitSeconds: 95,
      availableWorkers: 3,
      eligibleWorkers: 12,
      tasksWaiting: 5,
      servedInWindow: 120,
      abandonedInWindow: 9,
      enteredInWindow: 131,
      averageAcceptedWaitSeconds: 44,
      windowSeconds: 1_800,
      serviceLevel: [
        {
          thresholdSeconds: 30,
          acceptedWithin: 70,
          acceptedAbove: 50,
          abandonedWithin: 3,
          abandonedAbove: 6,
        },
        {
          thresholdSeconds: 60,
          acceptedWithin: 90,
          acceptedAbove: 30,
          abandonedWithin: 5,
          abandonedAbove: 4,
        },
      ],
    });
  });

  it('takes the window from the period asked for when Twilio gives no interval', () => {
    const noInterval: Record<string, unknown> = { ...cumulative };
    delete noInterval.start_time;
    delete noInterval.end_time;
    expect(readTaskRouterStatistics(noInterval, realtime, 15).windowSeconds).toBe(900);
  });

  it('leaves missing or nonsensical numbers undefined rather than 0', () => {
    const stats = readTaskRouterStatistics(
      { reservations_accepted: null, tasks_canceled: -1, tasks_entered: 'many' },
      { longest_task_waiting_age: undefined, tasks_by_status: {} },
      30,
    );
    expect(stats.servedInWindow).toBeUndefined();
    expect(stats.abandonedInWindow).toBeUndefined();
    expect(stats.enteredInWindow).toBeUndefined();
    expect(stats.longestWaitSeconds).toBeUndefined();
    expect(stats.tasksWaiting).toBeUndefined();
    expect(stats.serviceLevel).toBeUndefined();
  });

  it('survives objects that are not objects', () => {
    expect(readTaskRouterStatistics(null, 'x', 30)).toEqual({
      windowSeconds: 1_800,
      longestWaitSeconds: undefined,
      availableWorkers: undefined,
      eligibleWorkers: undefined,
      tasksWaiting: undefined,
      servedInWindow: undefined,
      abandonedInWindow: undefined,
      enteredInWindow: undefined,
      averageAcceptedWaitSeconds: undefined,
      serviceLevel: undefined,
    });
  });
});
