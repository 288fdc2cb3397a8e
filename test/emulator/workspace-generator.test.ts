import { cumulativeNumbers, type CumulativeNumbers } from '../../src/emulator/cumulative-stats.js';
import { generateWorkspace } from '../../src/emulator/workspace-generator.js';
import { EmulatorInputError } from '../../src/emulator/validation.js';
import { compileExpression } from '../../src/taskrouter/expression/index.js';
import { EMULATOR_NOW } from '../support/emulator-sdk.js';

const HOUR = 3_600_000;

describe('generateWorkspace', () => {
  it('is the same for the same seed, and differs for another', () => {
    const first = generateWorkspace({ seed: 5, queueCount: 40 });

    expect(generateWorkspace({ seed: 5, queueCount: 40 })).toEqual(first);
    expect(generateWorkspace({ seed: 6, queueCount: 40 }).queues).not.toEqual(first.queues);
  });

  it('defaults to holdline’s two queues', () => {
    expect(generateWorkspace({ seed: 1 }).queues.map((q) => q.friendlyName)).toEqual([
      'premium-customers',
      'customers',
    ]);
  });

  it('uses the names given, then numbered names up to queueCount', () => {
    const names = generateWorkspace({
      seed: 1,
      queueNames: ['vip', 'general'],
      queueCount: 4,
    }).queues.map((q) => q.friendlyName);

    expect(names).toEqual(['vip', 'general', 'queue-0003', 'queue-0004']);
  });

  it('refuses a queueCount below the names given, naming the field', () => {
    expect(() => generateWorkspace({ seed: 1, queueNames: ['a', 'b'], queueCount: 1 })).toThrow(
      expect.objectContaining({
        problems: [expect.stringMatching(/^queueCount: /)],
      }) as EmulatorInputError,
    );
  });

  it('gives every queue distinct, well-formed SIDs', () => {
    const { queues, workspaceSid } = generateWorkspace({ seed: 2, queueCount: 500 });

    expect(workspaceSid).toMatch(/^WS[0-9a-f]{32}$/);
    expect(new Set(queues.map((q) => q.taskQueueSid)).size).toBe(500);
    expect(new Set(queues.map((q) => q.voiceQueueSid)).size).toBe(500);
    for (const q of queues) {
      expect(q.taskQueueSid).toMatch(/^WQ[0-9a-f]{32}$/);
      expect(q.voiceQueueSid).toMatch(/^QU[0-9a-f]{32}$/);
    }
  });

  describe('workers', () => {
    const withoutTargets = (seed: number, workerCount: number) =>
      generateWorkspace({ seed, queueCount: 30, workerCount }).queues.map(
        ({ targetWorkers: _ignored, ...queue }) => queue,
      );

    it('leaves the queues’ SIDs, names and numbers as they were, whatever the workers', () => {
      expect(withoutTargets(5, 0)).toEqual(withoutTargets(5, 8));
      expect(withoutTargets(5, 0)).toEqual(withoutTargets(5, 2_000));
    });

    it('defaults to 8 workers; none keeps the old skills HAS "<queue>" expressions', () => {
      expect(generateWorkspace({ seed: 1 }).workers).toHaveLength(8);
      expect(
        generateWorkspace({ seed: 1, workerCount: 0 }).queues.map((q) => q.targetWorkers),
      ).toEqual(['skills HAS "premium-customers"', 'skills HAS "customers"']);
      expect(generateWorkspace({ seed: 1, workerCount: 0 }).workers).toEqual([]);
    });

    it('gives workers distinct SIDs and names, the same for the same seed', () => {
      const { workers = [] } = generateWorkspace({ seed: 3, workerCount: 1_000 });

      expect(generateWorkspace({ seed: 3, workerCount: 1_000 }).workers).toEqual(workers);
      expect(new Set(workers.map((w) => w.workerSid)).size).toBe(1_000);
      expect(new Set(workers.map((w) => w.friendlyName)).size).toBe(1_000);
      for (const w of workers) expect(w.workerSid).toMatch(/^WK[0-9a-f]{32}$/);
    });

    it('writes realistic attributes: skills, languages, level, routing, department; no hyphens', () => {
      const { workers = [] } = generateWorkspace({ seed: 3, workerCount: 200 });

      for (const { attributes } of workers) {
        const text = JSON.stringify(attributes);
        expect(Buffer.byteLength(text)).toBeLessThanOrEqual(4096);
        expect(text).not.toMatch(/-/);
        expect(attributes).toMatchObject({
          skills: expect.any(Array) as unknown[],
          languages: expect.any(Array) as unknown[],
          level: expect.any(Number) as number,
          department: expect.any(String) as string,
          routing: { skills: expect.any(Array) as unknown[] },
        });
      }
      const activities = new Set(workers.map((w) => w.activity));
      expect([...activities].sort()).toEqual(['Busy', 'Idle', 'Offline', 'Reserved']);
    });

    describe('target_workers expressions', () => {
      const { queues, workers = [] } = generateWorkspace({
        seed: 9,
        queueCount: 60,
        workerCount: 40,
      });
      const attributes = workers.map((w) => w.attributes);

      it.each(queues.map((q) => [q.friendlyName, q.targetWorkers ?? ''] as const))(
        '%s: %s picks some workers, not all, with HAS, IN, ==, AND, OR only',
        (_name, expression) => {
          const matched = attributes.filter((a) => compileExpression(expression).matches(a));

          expect(matched.length).toBeGreaterThan(0);
          expect(matched.length).toBeLessThan(attributes.length);
          const operators = expression
            .replace(/"[^"]*"/g, '')
            .replace(/\[[^\]]*\]/g, '')
            .split(/\s+/)
            .filter((word) => word !== '' && !/^[a-z_.]+$/.test(word));
          expect(operators.filter((op) => !['HAS', 'IN', '==', 'AND', 'OR'].includes(op))).toEqual(
            [],
          );
          expect(expression.includes(' AND ') && expression.includes(' OR ')).toBe(false);
        },
      );

      it('differ between queues', () => {
        expect(new Set(queues.map((q) => q.targetWorkers)).size).toBeGreaterThan(20);
      });
    });
  });

  describe('live numbers that hang together', () => {
    const { queues } = generateWorkspace({ seed: 9, queueCount: 100 });

    it.each(queues.map((q) => [q.friendlyName, q.live] as const))('%s', (_name, live) => {
      const {
        waitingCallers: n,
        longestWaitSeconds: longest,
        averageWaitSeconds: average,
        workers,
      } = live;
      // Nobody waits while a rep is idle, except the caller being offered to a rep right now.
      if (workers.idle > 0) expect(n).toBeLessThanOrEqual(workers.reserved);
      if (n === 0) {
        expect([longest, average]).toEqual([0, 0]);
      } else {
        expect(average).toBeLessThanOrEqual(longest);
        expect((average ?? 0) * n).toBeGreaterThanOrEqual(longest);
      }
      expect(workers.idle + workers.busy + workers.reserved).toBeGreaterThan(0);
    });
  });

  describe('cumulative numbers that hang together', () => {
    const { queues } = generateWorkspace({ seed: 9, queueCount: 50 });
    const source = (i: number) => {
      const q = queues[i];
      if (q === undefined) throw new Error(`no queue ${i}`);
      return {
        taskQueueSid: q.taskQueueSid ?? '',
        traffic: q.traffic,
        dateCreated: EMULATOR_NOW - 40 * 24 * HOUR,
      };
    };
    const window = (hours: number, endOffsetHours = 0) => ({
      startMs: EMULATOR_NOW - (hours + endOffsetHours) * HOUR,
      endMs: EMULATOR_NOW - endOffsetHours * HOUR,
    });
    const invariants = (c: CumulativeNumbers) => {
      expect(c.reservationsAccepted + c.tasksCanceled + c.tasksMoved + c.tasksDeleted).toBe(
        c.tasksEntered,
      );
      expect(c.reservationsAccepted).toBeLessThanOrEqual(c.reservationsCreated);
      expect(c.tasksCompleted).toBeLessThanOrEqual(c.reservationsAccepted);
      for (const d of [c.waitUntilAccepted, c.waitUntilCanceled]) {
        expect(d.min).toBeLessThanOrEqual(d.avg);
        expect(d.avg).toBeLessThanOrEqual(d.max);
      }
      expect(c.waitUntilAccepted.total).toBe(c.waitUntilAccepted.avg * c.reservationsAccepted);
      let previous = { accepted: 0, canceled: 0 };
      for (const split of c.splits) {
        expect(split.acceptedBelow + split.acceptedAbove).toBe(c.reservationsAccepted);
        expect(split.canceledBelow + split.canceledAbove).toBe(c.tasksCanceled);
        // A longer threshold never has fewer callers below it.
        expect(split.acceptedBelow).toBeGreaterThanOrEqual(previous.accepted);
        expect(split.canceledBelow).toBeGreaterThanOrEqual(previous.canceled);
        previous = { accepted: split.acceptedBelow, canceled: split.canceledBelow };
      }
    };

    it.each(queues.map((q, i) => [q.friendlyName, i] as const))('%s', (_name, i) => {
      const q = source(i);
      const thresholds = [10, 30, 60, 120, 600];
      const hour = cumulativeNumbers(q, window(1), thresholds, EMULATOR_NOW);
      const earlierHour = cumulativeNumbers(q, window(1, 1), thresholds, EMULATOR_NOW);
      const twoHours = cumulativeNumbers(q, window(2), thresholds, EMULATOR_NOW);
      const day = cumulativeNumbers(q, window(24), thresholds, EMULATOR_NOW);

      for (const c of [hour, earlierHour, twoHours, day]) invariants(c);
      // Adjacent windows add up; over a whole day the daily swing cancels out.
      expect(twoHours.tasksEntered).toBe(hour.tasksEntered + earlierHour.tasksEntered);
      expect(Math.abs(day.tasksEntered - q.traffic.callsPerHour * 24)).toBeLessThanOrEqual(1);
    });

    it('counts nothing before the queue existed or after now', () => {
      const q = { ...source(0), dateCreated: EMULATOR_NOW - HOUR };
      const before = cumulativeNumbers(q, window(1, 1), [], EMULATOR_NOW);
      const future = cumulativeNumbers(
        q,
        { startMs: EMULATOR_NOW, endMs: EMULATOR_NOW + HOUR },
        [],
        EMULATOR_NOW,
      );

      expect(before.tasksEntered).toBe(0);
      expect(future.tasksEntered).toBe(0);
    });
  });
});
