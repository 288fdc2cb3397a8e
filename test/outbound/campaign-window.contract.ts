import type { AttemptOutcome } from '../../src/outbound/attempt.js';
import type { CampaignStore } from '../../src/outbound/campaign-store.js';
import { OUTCOME_HOURS_KEPT } from '../../src/outbound/outcome-hours.js';
import { T0, contacts, execution } from './campaign-fixtures.js';

const HOUR = 3_600_000;

/**
 * What every CampaignStore does for the abandonment window and the runner's pacing state. Call
 * inside a describe; `open` gives an empty store per test.
 */
export function campaignWindowContract(open: () => Promise<CampaignStore>): void {
  let store: CampaignStore;

  beforeEach(async () => {
    store = await open();
  });

  /** A running campaign whose attempts end with these outcomes, at these times. */
  async function ended(endings: readonly (readonly [AttemptOutcome, number])[]): Promise<void> {
    await store.create(execution('CE1'), contacts(endings.length));
    await store.setStatus('CE1', ['ready'], 'running', undefined);
    const attempts = await store.claim('CE1', endings.length, T0);
    for (const [i, [outcome, at]] of endings.entries()) {
      await store.end('CE1', attempts[i]!.id, { outcome, at });
    }
  }

  describe('outcomes per hour', () => {
    it('counts connected, abandoned and machine in the hour each attempt ended; sums from the hour `since` falls in', async () => {
      // T0 is the start of an hour (2026-01-01T00:00Z).
      await ended([
        ['connected', T0],
        ['abandoned', T0 + HOUR - 1],
        ['busy', T0 + 10],
        ['no-answer', T0 + 20],
        ['connected', T0 + HOUR],
        ['machine', T0 + 2 * HOUR + 1],
        ['abandoned', T0 + 2 * HOUR + 2],
      ]);

      expect(await store.outcomesSince('CE1', T0)).toEqual({
        connected: 2,
        abandoned: 2,
        machine: 1,
      });
      expect(await store.outcomesSince('CE1', T0 + HOUR - 1)).toEqual({
        connected: 2,
        abandoned: 2,
        machine: 1,
      });
      expect(await store.outcomesSince('CE1', T0 + HOUR)).toEqual({
        connected: 1,
        abandoned: 1,
        machine: 1,
      });
      expect(await store.outcomesSince('CE1', T0 + 3 * HOUR)).toEqual({
        connected: 0,
        abandoned: 0,
        machine: 0,
      });
      expect(await store.outcomesSince('nope', T0)).toEqual({
        connected: 0,
        abandoned: 0,
        machine: 0,
      });
    });

    it('an attempt ended twice is counted once', async () => {
      await ended([['abandoned', T0]]);
      const [attempt] = await store.dispositions('CE1');
      expect(await store.end('CE1', attempt!.attemptId, { outcome: 'abandoned', at: T0 })).toBe(
        undefined,
      );
      expect(await store.outcomesSince('CE1', T0)).toEqual({
        connected: 0,
        abandoned: 1,
        machine: 0,
      });
    });

    it('a new hour drops the hours OUTCOME_HOURS_KEPT or more before it', async () => {
      const last = T0 + OUTCOME_HOURS_KEPT * HOUR;
      await ended([
        ['abandoned', T0],
        ['connected', T0 + HOUR],
        ['connected', last - HOUR], // T0's hour is kept: 720 hours back
        ['machine', last], // now it is 721 back: dropped
      ]);
      expect(await store.outcomesSince('CE1', 0)).toEqual({
        connected: 2,
        abandoned: 0,
        machine: 1,
      });
    });
  });

  describe('pacing state', () => {
    it('is absent until the runner writes it; then get and list show the last one written', async () => {
      await store.create(execution('CE1'), contacts(1));
      expect((await store.get('CE1'))?.pacingState).toBeUndefined();

      await store.setPacingState('CE1', { dialLevel: 2.5, at: T0 });
      await store.setPacingState('CE1', { dialLevel: null, at: T0 + 1000 });

      expect((await store.get('CE1'))?.pacingState).toEqual({ dialLevel: null, at: T0 + 1000 });
      expect((await store.list()).map((r) => r.pacingState)).toEqual([
        { dialLevel: null, at: T0 + 1000 },
      ]);
    });

    it('is not kept for a campaign that does not exist', async () => {
      await store.setPacingState('nope', { dialLevel: 1, at: T0 });
      expect(await store.get('nope')).toBeUndefined();
    });
  });
}
