import { generateWorkspace } from '../../src/emulator/workspace-generator.js';
import { parseWorkspaceFixture } from '../../src/emulator/fixture.js';
import { EmulatorInputError } from '../../src/emulator/validation.js';
import type { WorkspaceEvent } from '../../src/emulator/workspace-events.js';
import { createWorkspaceState, type WorkspaceState } from '../../src/emulator/workspace-state.js';
import { EMULATOR_ACCOUNT_SID, EMULATOR_NOW } from '../support/emulator-sdk.js';

const WS = `WS${'1'.repeat(32)}`;

function stateOn(
  clock: { now(): number },
  fixture = generateWorkspace({ seed: 4, queueCount: 20 }),
): WorkspaceState {
  return createWorkspaceState({
    accountSid: EMULATOR_ACCOUNT_SID,
    workspaceSid: WS,
    fixture,
    clock,
  });
}

function movableClock(start = EMULATOR_NOW) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

const premiumFixture = parseWorkspaceFixture({
  queues: [
    {
      friendlyName: 'premium-customers',
      live: {
        waitingCallers: 3,
        longestWaitSeconds: 95,
        averageWaitSeconds: 50,
        workers: { busy: 4 },
      },
    },
  ],
});

describe('the workspace state', () => {
  it('keeps every number still under a fixed clock', () => {
    const state = stateOn({ now: () => EMULATOR_NOW });

    expect(state.list()).toEqual(state.list());
  });

  it('shows live numbers exactly as the fixture sets them', () => {
    const live = stateOn({ now: () => EMULATOR_NOW }, premiumFixture).get(
      'premium-customers',
    )?.live;

    expect(live).toMatchObject({
      waitingCallers: 3,
      longestWaitSeconds: 95,
      averageWaitSeconds: 50,
      eligibleWorkers: 4,
      availableWorkers: 0,
      tasksByStatus: { pending: 3, reserved: 0, assigned: 4, wrapping: 0 },
      totalTasks: 7,
    });
  });

  it('ages the waiting callers with the clock between ticks', () => {
    const clock = movableClock();
    const state = stateOn(clock, premiumFixture);

    clock.advance(3_000);

    expect(state.get('premium-customers')?.live).toMatchObject({
      waitingCallers: 3,
      longestWaitSeconds: 98,
      averageWaitSeconds: 53,
    });
  });

  it('moves with the clock, the same way for the same seed and the same clock', () => {
    const clockA = movableClock();
    const clockB = movableClock();
    const a = stateOn(clockA);
    const b = stateOn(clockB);
    const start = a.list();

    const seen = [];
    for (let minute = 0; minute < 60; minute += 1) {
      clockA.advance(60_000);
      clockB.advance(60_000);
      const now = a.list();
      expect(b.list()).toEqual(now);
      seen.push(now);
    }

    // Callers came and went, reps changed activity: not just older callers.
    const counts = (list: typeof start) => list.map((q) => [q.live.waitingCallers, q.live.workers]);
    expect(
      seen.some((list) => JSON.stringify(counts(list)) !== JSON.stringify(counts(start))),
    ).toBe(true);
    for (const snapshot of seen) {
      for (const [i, q] of snapshot.entries()) {
        // Reps change activity, never number; an idle rep is never left with callers pending.
        expect(q.live.eligibleWorkers).toBe(start[i]?.live.eligibleWorkers);
        if (q.live.availableWorkers > 0) expect(q.live.tasksByStatus.pending).toBe(0);
        expect(q.live.longestWaitSeconds).toBeGreaterThanOrEqual(q.live.averageWaitSeconds);
      }
    }
  });

  it('takes new live numbers and reports them exactly', () => {
    const state = stateOn({ now: () => EMULATOR_NOW });

    const queue = state.setLive('customers', {
      waitingCallers: 5,
      longestWaitSeconds: 200,
      averageWaitSeconds: 90,
      workers: { idle: 0, busy: 6, reserved: 0, offline: 1 },
    });

    expect(queue.live).toMatchObject({
      waitingCallers: 5,
      longestWaitSeconds: 200,
      averageWaitSeconds: 90,
      eligibleWorkers: 7,
      availableWorkers: 0,
    });
    expect(state.get('customers')?.live.waitingCallers).toBe(5);
  });

  it('empties a queue when told nobody waits', () => {
    const state = stateOn({ now: () => EMULATOR_NOW }, premiumFixture);

    const queue = state.setLive('premium-customers', { waitingCallers: 0 });

    expect(queue.live).toMatchObject({
      waitingCallers: 0,
      longestWaitSeconds: 0,
      averageWaitSeconds: 0,
    });
  });

  it('refuses live numbers no callers could have, naming the field', () => {
    const state = stateOn({ now: () => EMULATOR_NOW });

    expect(() =>
      state.setLive('customers', {
        waitingCallers: 2,
        longestWaitSeconds: 30,
        averageWaitSeconds: 40,
      }),
    ).toThrow(
      expect.objectContaining({
        problems: ['averageWaitSeconds: must not exceed longestWaitSeconds'],
      }) as Error,
    );
    expect(() => state.setLive('customers', { waitingCallers: -1 })).toThrow(EmulatorInputError);
  });

  it('finds a queue by TaskQueue SID, Voice queue SID or name', () => {
    const state = stateOn({ now: () => EMULATOR_NOW });
    const queue = state.list()[0];

    expect(state.get(queue?.taskQueueSid ?? '')?.friendlyName).toBe(queue?.friendlyName);
    expect(state.get(queue?.voiceQueueSid ?? '')?.friendlyName).toBe(queue?.friendlyName);
    expect(state.get('nope')).toBeUndefined();
  });

  it('adds and removes queues; a name can be used once at a time', () => {
    const state = stateOn({ now: () => EMULATOR_NOW }, premiumFixture);

    const added = state.add({ friendlyName: 'overflow', targetWorkers: 'skills HAS "overflow"' });
    expect(() => state.add({ friendlyName: 'overflow' })).toThrow(
      /friendlyName: a queue named "overflow" exists/,
    );
    expect(state.list().map((q) => q.friendlyName)).toEqual(['premium-customers', 'overflow']);
    expect(added.dateCreated).toBe(EMULATOR_NOW);

    expect(state.remove('overflow')).toBe(true);
    expect(state.remove('overflow')).toBe(false);
    const again = state.add({ friendlyName: 'overflow' });
    expect(again.taskQueueSid).not.toBe(added.taskQueueSid);
  });

  describe('events', () => {
    function recording(fixture = premiumFixture) {
      const events: WorkspaceEvent[] = [];
      const clock = movableClock();
      const state = createWorkspaceState({
        accountSid: EMULATOR_ACCOUNT_SID,
        workspaceSid: WS,
        fixture,
        clock,
        emit: (event) => events.push(event),
      });
      return { state, events, clock };
    }

    it('emits nothing for what the fixture starts with', () => {
      const { events } = recording(generateWorkspace({ seed: 2, workerCount: 50 }));

      expect(events).toEqual([]);
    });

    it('emits queue creation, expression changes and deletion, with the queue then', () => {
      const { state, events, clock } = recording();

      state.add({ friendlyName: 'vip' });
      clock.advance(60_000);
      const changed = state.setTargetWorkers('vip', 'routing.skills HAS "premium"');
      state.remove('vip');

      expect(events.map((e) => e.type)).toEqual([
        'task-queue.created',
        'task-queue.expression.updated',
        'task-queue.deleted',
      ]);
      expect(changed).toMatchObject({
        targetWorkers: 'routing.skills HAS "premium"',
        dateCreated: EMULATOR_NOW,
        dateUpdated: EMULATOR_NOW + 60_000,
      });
      expect(events[2]).toMatchObject({ queue: { targetWorkers: 'routing.skills HAS "premium"' } });
      expect(() => state.setTargetWorkers('nope', null)).toThrow(/no queue "nope"/);
    });

    it('emits worker events; every attributes write, an unchanged one too, counts a version', () => {
      const { state, events } = recording();
      const worker = state.workers.add({ friendlyName: 'w1', attributes: { a: 1 } });

      state.workers.update('w1', { attributes: { a: 1 } });
      state.workers.update('W1', { activity: 'Idle', friendlyName: 'w1_renamed' });
      state.workers.update('w1_renamed', { friendlyName: 'w1_again' });
      state.workers.remove(worker.sid);

      expect(events.map((e) => e.type)).toEqual([
        'worker.created',
        'worker.attributes.update',
        'worker.activity.update',
        'worker.deleted',
      ]);
      expect(events.map((e) => ('worker' in e ? e.worker.version : null))).toEqual([0, 1, 2, 3]);
      expect(events[2]).toMatchObject({
        previous: { activity: { friendlyName: 'Offline' } },
        worker: { activity: { friendlyName: 'Idle' }, friendlyName: 'w1_renamed' },
      });
    });
  });
});
