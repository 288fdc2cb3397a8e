import { startEmulator, type Emulator } from '../../src/emulator/emulator.js';
import {
  EMULATOR_ACCOUNT_SID,
  EMULATOR_AUTH_TOKEN,
  EMULATOR_NOW,
  fixedClock,
  sdkFor,
} from '../support/emulator-sdk.js';

/**
 * TaskRouter through the app's own client: the official SDK, our HTTP client, the emulator.
 * What the poller will do, page by page.
 */
describe('TaskRouter TaskQueues through the Twilio SDK', () => {
  describe('a workspace of 2,500 queues', () => {
    let emulator: Emulator;
    beforeAll(async () => {
      emulator = await startEmulator({
        accountSid: EMULATOR_ACCOUNT_SID,
        authToken: EMULATOR_AUTH_TOKEN,
        workspace: { queueCount: 2_500, seed: 7 },
        clock: fixedClock,
      });
    });
    afterAll(() => emulator.close());
    beforeEach(() => emulator.clearRequests());

    it('lists every queue, in order, once, in 3 requests of up to 1000', async () => {
      const { client } = sdkFor(emulator);

      const queues = await client.taskrouter.v1
        .workspaces(emulator.workspaceSid)
        .taskQueues.list({ pageSize: 1000 });

      const expected = emulator.workspace.list().map((q) => q.taskQueueSid);
      expect(queues.map((q) => q.sid)).toEqual(expected);
      expect(new Set(queues.map((q) => q.sid)).size).toBe(2_500);
      expect(emulator.requests.count()).toBe(3);
      const [first, second, third] = emulator.requests.entries;
      expect(first?.query).toEqual({ PageSize: '1000' });
      expect(second?.query).toMatchObject({
        PageSize: '1000',
        Page: '1',
        PageToken: expect.stringMatching(/^PA/) as string,
      });
      expect(third?.query).toMatchObject({
        PageSize: '1000',
        Page: '2',
        PageToken: expect.stringMatching(/^PA/) as string,
      });
    });

    it('reads the statistics of every queue from the bulk endpoint in 3 requests', async () => {
      const { client } = sdkFor(emulator);

      const stats = await client.taskrouter.v1
        .workspaces(emulator.workspaceSid)
        .taskQueues.statistics.list({ pageSize: 1000, minutes: 30, splitByWaitTime: '30,60,120' });

      expect(stats).toHaveLength(2_500);
      expect(stats.map((s) => s.taskQueueSid)).toEqual(
        emulator.workspace.list().map((q) => q.taskQueueSid),
      );
      expect(emulator.requests.count()).toBe(3);
      // The later pages carry the same window and splits: the SDK adds nothing to next_page_url.
      for (const entry of emulator.requests.entries) {
        expect(entry.query).toMatchObject({
          Minutes: '30',
          SplitByWaitTime: '30,60,120',
          PageSize: '1000',
        });
      }
      const cumulative = stats[0]?.cumulative as Record<string, unknown>;
      expect(cumulative.start_time).toBe('2026-11-23T09:30:00Z');
      expect(cumulative.end_time).toBe('2026-11-23T10:00:00Z');
      expect(Object.keys(cumulative.split_by_wait_time as object)).toEqual(['30', '60', '120']);
    });
  });

  describe('a small workspace on a fixed clock', () => {
    let emulator: Emulator;
    beforeEach(async () => {
      emulator = await startEmulator({
        accountSid: EMULATOR_ACCOUNT_SID,
        authToken: EMULATOR_AUTH_TOKEN,
        workspace: {
          queues: [
            {
              friendlyName: 'premium-customers',
              live: {
                waitingCallers: 3,
                longestWaitSeconds: 95,
                averageWaitSeconds: 50,
                workers: { idle: 0, busy: 4, reserved: 1, offline: 2 },
              },
              traffic: { callsPerHour: 120, abandonShare: 0.1, meanAcceptedWaitSeconds: 40 },
            },
            { friendlyName: 'customers' },
            { friendlyName: 'callbacks' },
          ],
        },
        clock: fixedClock,
      });
    });
    afterEach(() => emulator.close());

    const premium = () => {
      const queue = emulator.workspace.get('premium-customers');
      if (queue === undefined) throw new Error('premium-customers is missing');
      return queue;
    };

    it('fetches one queue by SID', async () => {
      const { client } = sdkFor(emulator);

      const queue = await client.taskrouter.v1
        .workspaces(emulator.workspaceSid)
        .taskQueues(premium().taskQueueSid)
        .fetch();

      expect(queue.friendlyName).toBe('premium-customers');
      expect(queue.sid).toBe(premium().taskQueueSid);
      expect(queue.workspaceSid).toBe(emulator.workspaceSid);
      expect(queue.taskOrder).toBe('FIFO');
    });

    it('filters the list by FriendlyName', async () => {
      const { client } = sdkFor(emulator);

      const queues = await client.taskrouter.v1
        .workspaces(emulator.workspaceSid)
        .taskQueues.list({ friendlyName: 'customers' });

      expect(queues.map((q) => q.friendlyName)).toEqual(['customers']);
    });

    it('answers realtime statistics from the live numbers', async () => {
      const { client } = sdkFor(emulator);

      const realtime = await client.taskrouter.v1
        .workspaces(emulator.workspaceSid)
        .taskQueues(premium().taskQueueSid)
        .realTimeStatistics()
        .fetch({ taskChannel: 'voice' });

      expect(realtime.longestTaskWaitingAge).toBe(95);
      expect(realtime.longestTaskWaitingSid).toMatch(/^WT[0-9a-f]{32}$/);
      expect(realtime.tasksByStatus).toEqual({ pending: 2, reserved: 1, assigned: 4, wrapping: 0 });
      expect(realtime.totalTasks).toBe(7);
      expect(realtime.totalEligibleWorkers).toBe(7);
      expect(realtime.totalAvailableWorkers).toBe(0);
      expect(realtime.activityStatistics).toEqual([
        expect.objectContaining({ friendly_name: 'Offline', workers: 2 }),
        expect.objectContaining({ friendly_name: 'Idle', workers: 0 }),
        expect.objectContaining({ friendly_name: 'Busy', workers: 4 }),
        expect.objectContaining({ friendly_name: 'Reserved', workers: 1 }),
      ]);
    });

    it('has no tasks on a channel other than voice', async () => {
      const { client } = sdkFor(emulator);

      const realtime = await client.taskrouter.v1
        .workspaces(emulator.workspaceSid)
        .taskQueues(premium().taskQueueSid)
        .realTimeStatistics()
        .fetch({ taskChannel: 'chat' });

      expect(realtime.totalTasks).toBe(0);
      expect(realtime.longestTaskWaitingSid).toBeNull();
      expect(realtime.totalEligibleWorkers).toBe(7);
    });

    it('answers cumulative statistics for the Minutes window with the requested splits', async () => {
      const { client } = sdkFor(emulator);

      const cumulative = await client.taskrouter.v1
        .workspaces(emulator.workspaceSid)
        .taskQueues(premium().taskQueueSid)
        .cumulativeStatistics()
        .fetch({ minutes: 60, splitByWaitTime: '30,60' });

      expect(cumulative.startTime).toEqual(new Date(EMULATOR_NOW - 3_600_000));
      expect(cumulative.endTime).toEqual(new Date(EMULATOR_NOW));
      // 120 calls an hour, give or take the daily swing.
      expect(cumulative.tasksEntered).toBeGreaterThanOrEqual(60);
      expect(cumulative.tasksEntered).toBeLessThanOrEqual(180);
      expect(cumulative.reservationsAccepted).toBeLessThanOrEqual(cumulative.reservationsCreated);
      const split = cumulative.splitByWaitTime as Record<
        string,
        { below: Record<string, number>; above: Record<string, number> }
      >;
      expect(Object.keys(split)).toEqual(['30', '60']);
      for (const threshold of ['30', '60']) {
        const { below, above } = split[threshold] ?? { below: {}, above: {} };
        expect((below.reservations_accepted ?? 0) + (above.reservations_accepted ?? 0)).toBe(
          cumulative.reservationsAccepted,
        );
        expect((below.tasks_canceled ?? 0) + (above.tasks_canceled ?? 0)).toBe(
          cumulative.tasksCanceled,
        );
      }
      expect((cumulative.waitDurationUntilAccepted as { avg: number }).avg).toBe(40);
    });

    it('answers StartDate/EndDate windows as given', async () => {
      const { client } = sdkFor(emulator);
      const startDate = new Date('2026-11-23T08:00:00Z');
      const endDate = new Date('2026-11-23T09:00:00Z');

      const cumulative = await client.taskrouter.v1
        .workspaces(emulator.workspaceSid)
        .taskQueues(premium().taskQueueSid)
        .cumulativeStatistics()
        .fetch({ startDate, endDate });

      expect(cumulative.startTime).toEqual(startDate);
      expect(cumulative.endTime).toEqual(endDate);
      expect(cumulative.splitByWaitTime).toBeNull();
    });

    it('answers a queue’s Statistics with cumulative and realtime together', async () => {
      const { client } = sdkFor(emulator);

      const stats = await client.taskrouter.v1
        .workspaces(emulator.workspaceSid)
        .taskQueues(premium().taskQueueSid)
        .statistics()
        .fetch({ minutes: 15, splitByWaitTime: '20' });

      const cumulative = stats.cumulative as Record<string, unknown>;
      const realtime = stats.realtime as Record<string, unknown>;
      expect(cumulative.start_time).toBe('2026-11-23T09:45:00Z');
      expect(Object.keys(cumulative.split_by_wait_time as object)).toEqual(['20']);
      expect(realtime.longest_task_waiting_age).toBe(95);
      expect(stats.taskQueueSid).toBe(premium().taskQueueSid);
    });

    it('follows the pages when a queue is added and another removed between them', async () => {
      const { client } = sdkFor(emulator);
      const taskQueues = client.taskrouter.v1.workspaces(emulator.workspaceSid).taskQueues;

      const first = await taskQueues.page({ pageSize: 2 });
      expect(first.instances.map((q) => q.friendlyName)).toEqual([
        'premium-customers',
        'customers',
      ]);
      emulator.workspace.remove('premium-customers');
      emulator.workspace.add({ friendlyName: 'overflow' });
      const second = await first.nextPage();

      // Nothing repeats, nothing that stayed is skipped, and the new queue is at the end.
      expect(second?.instances.map((q) => q.friendlyName)).toEqual(['callbacks', 'overflow']);
      expect(second?.nextPageUrl).toBeUndefined();
      expect((await taskQueues.list()).map((q) => q.friendlyName)).toEqual([
        'customers',
        'callbacks',
        'overflow',
      ]);
    });

    it('gives a queue added while running its own SIDs and no history', async () => {
      const { client } = sdkFor(emulator);
      const added = emulator.workspace.add({
        friendlyName: 'overflow',
        traffic: { callsPerHour: 600 },
      });

      const cumulative = await client.taskrouter.v1
        .workspaces(emulator.workspaceSid)
        .taskQueues(added.taskQueueSid)
        .cumulativeStatistics()
        .fetch({ minutes: 60 });

      expect(added.taskQueueSid).toMatch(/^WQ[0-9a-f]{32}$/);
      expect(added.voiceQueueSid).toMatch(/^QU[0-9a-f]{32}$/);
      expect(cumulative.tasksEntered).toBe(0);
    });

    it('no longer finds a removed queue', async () => {
      const { client } = sdkFor(emulator);
      const sid = premium().taskQueueSid;
      emulator.workspace.remove(sid);

      await expect(
        client.taskrouter.v1.workspaces(emulator.workspaceSid).taskQueues(sid).fetch(),
      ).rejects.toMatchObject({ status: 404, code: 20404 });
    });

    it('refuses a PageSize above 1000 with a 400 that names it', async () => {
      const { client } = sdkFor(emulator);

      await expect(
        client.taskrouter.v1.workspaces(emulator.workspaceSid).taskQueues.page({ pageSize: 1001 }),
      ).rejects.toMatchObject({
        status: 400,
        code: 20001,
        message: expect.stringContaining('PageSize') as string,
      });
      expect(emulator.requests.count()).toBe(1);
    });

    it('refuses a bad SplitByWaitTime with a 400 that names it', async () => {
      const { client } = sdkFor(emulator);

      await expect(
        client.taskrouter.v1
          .workspaces(emulator.workspaceSid)
          .taskQueues(premium().taskQueueSid)
          .cumulativeStatistics()
          .fetch({ splitByWaitTime: '30,soon' }),
      ).rejects.toMatchObject({
        status: 400,
        code: 20001,
        message: expect.stringContaining('SplitByWaitTime') as string,
      });
    });

    it('does not know another workspace', async () => {
      const { client } = sdkFor(emulator);

      await expect(
        client.taskrouter.v1.workspaces(`WS${'0'.repeat(32)}`).taskQueues.list(),
      ).rejects.toMatchObject({ status: 404, code: 20404 });
    });
  });
});
