import type { EligibilityCache } from '../../src/eligibility/eligibility-cache.js';

/** Epoch ms the tests count from: a real date, so the caches meet 13-digit times. */
export const T0 = 1_767_225_600_000;

/** How a claim's ttl runs out for one implementation. */
export interface ClaimExpiry {
  /** A ttl short enough to wait out in a test. */
  readonly ttlMs: number;
  /**
   * Lets `ttlMs` pass. The memory cache judges by the `now` it is given, so nothing need
   * happen; Redis expires the claim on its own clock, so real time must pass.
   */
  passTtl(): Promise<void>;
}

const HOUR = 3_600_000;

/** What every EligibilityCache does. Call inside a describe; `open` gives an empty cache per test. */
export function eligibilityCacheContract(
  open: () => Promise<EligibilityCache>,
  expiry: ClaimExpiry,
): void {
  let cache: EligibilityCache;

  beforeEach(async () => {
    cache = await open();
  });

  it('a new cache knows no workers and no queues, and was never synced', async () => {
    expect(await cache.workers()).toEqual(new Map());
    expect(await cache.queues()).toEqual(new Map());
    expect(await cache.syncedAt()).toBeUndefined();
  });

  describe('workers', () => {
    it('keeps each worker’s attributes text as given, the last set winning', async () => {
      await cache.setWorker('WK1', '{"skills":["en"]}');
      await cache.setWorker('WK2', '{"skills":["fr"],"name":"Zoë \\"Z\\""}');
      await cache.setWorker('WK1', '{"skills":["en","es"]}');

      expect(await cache.workers()).toEqual(
        new Map([
          ['WK1', '{"skills":["en","es"]}'],
          ['WK2', '{"skills":["fr"],"name":"Zoë \\"Z\\""}'],
        ]),
      );
    });

    it('forgets a removed worker and only that one; removing an unknown worker is no error', async () => {
      await cache.setWorker('WK1', '{"a":1}');
      await cache.setWorker('WK2', '{"a":2}');

      await cache.removeWorker('WK1');
      await cache.removeWorker('WK9');

      expect(await cache.workers()).toEqual(new Map([['WK2', '{"a":2}']]));
    });

    it('answers a copy: changing it changes nothing in the cache', async () => {
      await cache.setWorker('WK1', '{"a":1}');

      const seen = await cache.workers();
      seen.set('WK1', 'changed');
      seen.set('WK2', '{"a":2}');

      expect(await cache.workers()).toEqual(new Map([['WK1', '{"a":1}']]));
    });
  });

  describe('queues', () => {
    it('setQueue answers undefined for a new queue, then the expression it replaced', async () => {
      expect(await cache.setQueue('WQ1', 'skills HAS "en"')).toBeUndefined();
      expect(await cache.setQueue('WQ1', 'skills HAS "fr"')).toBe('skills HAS "en"');
      expect(await cache.setQueue('WQ1', '1==1')).toBe('skills HAS "fr"');
      expect(await cache.setQueue('WQ2', 'level > 2')).toBeUndefined();

      expect(await cache.queues()).toEqual(
        new Map([
          ['WQ1', '1==1'],
          ['WQ2', 'level > 2'],
        ]),
      );
    });

    it('an empty expression is kept as one, not taken for a new queue', async () => {
      expect(await cache.setQueue('WQ1', '')).toBeUndefined();
      expect(await cache.setQueue('WQ1', '1==1')).toBe('');
    });

    it('removeQueue answers the expression it removed, and undefined when none was known', async () => {
      await cache.setQueue('WQ1', 'skills HAS "en"');
      await cache.setQueue('WQ2', 'level > 2');

      expect(await cache.removeQueue('WQ1')).toBe('skills HAS "en"');
      expect(await cache.removeQueue('WQ1')).toBeUndefined();
      expect(await cache.removeQueue('WQ9')).toBeUndefined();

      expect(await cache.queues()).toEqual(new Map([['WQ2', 'level > 2']]));
      expect(await cache.setQueue('WQ1', '1==1')).toBeUndefined();
    });

    it('replaceQueues replaces every queue: those not in the new map are gone', async () => {
      await cache.setQueue('WQ1', 'old one');
      await cache.setQueue('WQ2', 'old two');

      await cache.replaceQueues(
        new Map([
          ['WQ2', 'new two'],
          ['WQ3', 'new three'],
        ]),
      );

      expect(await cache.queues()).toEqual(
        new Map([
          ['WQ2', 'new two'],
          ['WQ3', 'new three'],
        ]),
      );
      expect(await cache.removeQueue('WQ1')).toBeUndefined();
      expect(await cache.setQueue('WQ2', 'newer two')).toBe('new two');
    });

    it('replaceQueues with an empty map empties the queues', async () => {
      await cache.setQueue('WQ1', 'one');
      await cache.setQueue('WQ2', 'two');

      await cache.replaceQueues(new Map());

      expect(await cache.queues()).toEqual(new Map());
      expect(await cache.setQueue('WQ1', 'again')).toBeUndefined();
    });

    it('replaceQueues leaves the workers alone', async () => {
      await cache.setWorker('WK1', '{"a":1}');

      await cache.replaceQueues(new Map([['WQ1', 'one']]));
      await cache.replaceQueues(new Map());

      expect(await cache.workers()).toEqual(new Map([['WK1', '{"a":1}']]));
    });

    it('answers a copy: changing it, or the map it was given, changes nothing in the cache', async () => {
      const given = new Map([['WQ1', 'one']]);
      await cache.replaceQueues(given);
      given.set('WQ2', 'two');

      const seen = await cache.queues();
      seen.delete('WQ1');

      expect(await cache.queues()).toEqual(new Map([['WQ1', 'one']]));
    });
  });

  describe('sync', () => {
    it('syncedAt answers the time last marked', async () => {
      await cache.markSynced(T0);
      expect(await cache.syncedAt()).toBe(T0);

      await cache.markSynced(T0 + 60_000);
      expect(await cache.syncedAt()).toBe(T0 + 60_000);
    });

    it('claimSync is granted once, and refused while that claim holds', async () => {
      expect(await cache.claimSync(T0, HOUR)).toBe(true);
      expect(await cache.claimSync(T0 + 1, HOUR)).toBe(false);
      expect(await cache.claimSync(T0 + 1_000, HOUR)).toBe(false);
    });

    it('claimSync is granted again once the ttl has passed, and that claim holds', async () => {
      expect(await cache.claimSync(T0, expiry.ttlMs)).toBe(true);

      await expiry.passTtl();

      expect(await cache.claimSync(T0 + expiry.ttlMs, HOUR)).toBe(true);
      expect(await cache.claimSync(T0 + expiry.ttlMs + 1, HOUR)).toBe(false);
    });
  });
}
