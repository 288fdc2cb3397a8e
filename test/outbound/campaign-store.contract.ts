import type { CampaignStore } from '../../src/outbound/campaign-store.js';
import { T0, contacts, execution } from './campaign-fixtures.js';

/** What every CampaignStore does. Call inside a describe; `open` gives an empty store per test. */
export function campaignStoreContract(open: () => Promise<CampaignStore>): void {
  let store: CampaignStore;

  beforeEach(async () => {
    store = await open();
  });

  async function running(id = 'CE1', n = 3): Promise<void> {
    expect(await store.create(execution(id), contacts(n))).toBe(true);
    expect(await store.setStatus(id, ['ready'], 'running', undefined)).toBe(true);
  }

  describe('create', () => {
    it('a new execution is ready, every contact remaining, and its id cannot be taken again', async () => {
      expect(await store.create(execution(), contacts(3))).toBe(true);
      expect(await store.create(execution(), contacts(1))).toBe(false);

      const record = await store.get('CE1');
      expect(record?.status).toBe('ready');
      expect(record?.execution).toEqual(execution());
      expect(record?.counts).toEqual({
        total: 3,
        remaining: 3,
        dialed: 0,
        active: 0,
        answered: 0,
        connected: 0,
        abandoned: 0,
        machine: 0,
        failed: 0,
        finished: 0,
      });
      expect((await store.list()).map((r) => r.execution.id)).toEqual(['CE1']);
      expect(await store.contact('CE1', 'c2')).toEqual(contacts(3)[1]);
    });

    it('an unknown execution reads as undefined and changes nothing', async () => {
      expect(await store.get('nope')).toBeUndefined();
      expect(await store.setStatus('nope', ['ready'], 'running', undefined)).toBe(false);
      expect(await store.claim('nope', 5, T0)).toEqual([]);
      expect(await store.completeIfDone('nope', T0)).toBe(false);
    });
  });

  describe('status', () => {
    it('moves only from the states named, publishing the event with the move', async () => {
      await store.create(execution(), contacts(1));
      const started = { campaignId: 'CE1', event: 'started' as const, at: T0 };

      expect(await store.setStatus('CE1', ['paused'], 'running', started)).toBe(false);
      expect(await store.setStatus('CE1', ['ready', 'paused'], 'running', started)).toBe(true);

      expect((await store.get('CE1'))?.status).toBe('running');
      expect(await store.queueEvents('CE1')).toEqual([started]);
    });
  });

  describe('claim', () => {
    it('takes only while running, in list order, as claimed attempts in the active set', async () => {
      await store.create(execution(), contacts(3));
      expect(await store.claim('CE1', 2, T0)).toEqual([]);
      await store.setStatus('CE1', ['ready'], 'running', undefined);

      const claimed = await store.claim('CE1', 2, T0);

      expect(claimed).toEqual([
        {
          id: 'c1#1',
          campaignId: 'CE1',
          contactId: 'c1',
          phone: '+14155551000',
          number: 1,
          state: 'claimed',
          claimedAt: T0,
        },
        {
          id: 'c2#1',
          campaignId: 'CE1',
          contactId: 'c2',
          phone: '+14155551001',
          number: 1,
          state: 'claimed',
          claimedAt: T0,
        },
      ]);
      expect((await store.active('CE1')).map((a) => a.id)).toEqual(['c1#1', 'c2#1']);
      expect((await store.get('CE1'))?.counts).toMatchObject({ remaining: 1, active: 2 });
      expect((await store.claim('CE1', 5, T0)).map((a) => a.id)).toEqual(['c3#1']);
      expect(await store.claim('CE1', 5, T0)).toEqual([]);
    });

    it('never hands one contact to two claims racing', async () => {
      await running('CE1', 20);
      const claims = await Promise.all([1, 2, 3, 4].map(() => store.claim('CE1', 7, T0)));
      const ids = claims.flat().map((a) => a.contactId);
      expect(ids).toHaveLength(20);
      expect(new Set(ids).size).toBe(20);
    });
  });

  describe('advance', () => {
    it('moves by compare-and-set: only from the states named, once', async () => {
      await running();
      const [a] = await store.claim('CE1', 1, T0);

      const dialing = await store.advance('CE1', a!.id, ['claimed'], {
        state: 'dialing',
        dialedAt: T0 + 5,
      });
      const again = await store.advance('CE1', a!.id, ['claimed'], {
        state: 'dialing',
        dialedAt: T0 + 9,
      });

      expect(dialing).toMatchObject({ state: 'dialing', dialedAt: T0 + 5 });
      expect(again).toBeUndefined();
      expect(await store.attempt('CE1', a!.id)).toMatchObject({
        state: 'dialing',
        dialedAt: T0 + 5,
      });
    });

    it('a call SID belongs to one attempt only, and counts the attempt as dialed once', async () => {
      await running();
      const [a, b] = await store.claim('CE1', 2, T0);
      await store.advance('CE1', a!.id, ['claimed'], { state: 'dialing' });
      await store.advance('CE1', b!.id, ['claimed'], { state: 'dialing' });

      expect(
        await store.advance('CE1', a!.id, ['dialing'], { state: 'live', callSid: 'CA1' }),
      ).toBeDefined();
      expect(
        await store.advance('CE1', b!.id, ['dialing'], { state: 'live', callSid: 'CA1' }),
      ).toBeUndefined();
      expect(
        await store.advance('CE1', a!.id, ['live'], { state: 'live', callStatus: 'ringing' }),
      ).toBeDefined();

      expect(await store.attemptOfCall('CE1', 'CA1')).toBe(a!.id);
      expect((await store.get('CE1'))?.counts.dialed).toBe(1);
    });
  });

  describe('release', () => {
    it('puts the contact back, due when asked, and the next attempt keeps the number but not the id', async () => {
      await running('CE1', 1);
      const [a] = await store.claim('CE1', 1, T0);
      await store.advance('CE1', a!.id, ['claimed'], { state: 'dialing' });

      expect(await store.release('CE1', a!.id, ['claimed'], T0)).toBe(false);
      expect(await store.release('CE1', a!.id, ['dialing', 'unknown'], T0 + 1000)).toBe(true);

      expect(await store.attempt('CE1', a!.id)).toBeUndefined();
      expect(await store.active('CE1')).toEqual([]);
      expect(await store.claim('CE1', 1, T0 + 999)).toEqual([]);
      const [next] = await store.claim('CE1', 1, T0 + 1000);
      expect(next).toMatchObject({ id: 'c1#2', contactId: 'c1', number: 1 });
    });

    it('a contact put back due now goes before the fresh ones', async () => {
      await running('CE1', 3);
      const [a] = await store.claim('CE1', 1, T0);
      await store.release('CE1', a!.id, ['claimed'], T0);
      expect((await store.claim('CE1', 3, T0)).map((x) => x.contactId)).toEqual(['c1', 'c2', 'c3']);
    });
  });

  describe('end', () => {
    it('publishes one disposition per attempt, whoever ends it first', async () => {
      await running('CE1', 1);
      const [a] = await store.claim('CE1', 1, T0);
      await store.advance('CE1', a!.id, ['claimed'], { state: 'dialing' });
      await store.advance('CE1', a!.id, ['dialing'], { state: 'live', callSid: 'CA9' });

      const first = await store.end('CE1', a!.id, { outcome: 'connected', at: T0 + 60_000 });
      const second = await store.end('CE1', a!.id, { outcome: 'no-answer', at: T0 + 61_000 });

      expect(first).toEqual({
        campaignId: 'CE1',
        attemptId: 'c1#1',
        contactId: 'c1',
        phone: '+14155551000',
        attempt: 1,
        outcome: 'connected',
        callSid: 'CA9',
        final: true,
        at: T0 + 60_000,
      });
      expect(second).toBeUndefined();
      expect(await store.dispositions('CE1')).toEqual([first]);
      expect(await store.attempt('CE1', a!.id)).toMatchObject({
        state: 'ended',
        outcome: 'connected',
      });
      expect((await store.get('CE1'))?.counts).toMatchObject({
        active: 0,
        dialed: 1,
        answered: 1,
        connected: 1,
        finished: 1,
      });
    });

    it('a retry puts the contact back due at retryAt, numbered one higher', async () => {
      await running('CE1', 1);
      const [a] = await store.claim('CE1', 1, T0);
      const ended = await store.end('CE1', a!.id, {
        outcome: 'busy',
        callSid: 'CA2',
        retryAt: T0 + 600_000,
        at: T0 + 10,
      });

      expect(ended).toMatchObject({ final: false, callSid: 'CA2', outcome: 'busy' });
      expect((await store.get('CE1'))?.counts).toMatchObject({
        remaining: 1,
        dialed: 1,
        finished: 0,
      });
      expect(await store.claim('CE1', 1, T0 + 599_999)).toEqual([]);
      expect(await store.claim('CE1', 1, T0 + 600_000)).toMatchObject([{ id: 'c1#2', number: 2 }]);
    });

    it('counts final failures, abandons and machines', async () => {
      await running('CE1', 3);
      const [a, b, c] = await store.claim('CE1', 3, T0);
      await store.end('CE1', a!.id, { outcome: 'failed', reason: '21215', at: T0 });
      await store.end('CE1', b!.id, { outcome: 'abandoned', at: T0 });
      await store.end('CE1', c!.id, { outcome: 'machine', at: T0 });
      expect((await store.get('CE1'))?.counts).toMatchObject({
        failed: 1,
        abandoned: 1,
        answered: 1,
        machine: 1,
        finished: 3,
      });
    });
  });

  describe('completeIfDone', () => {
    it('completes once, when the cache is empty and nothing is active, publishing "complete" once', async () => {
      await running('CE1', 1);
      expect(await store.completeIfDone('CE1', T0)).toBe(false);
      const [a] = await store.claim('CE1', 1, T0);
      expect(await store.completeIfDone('CE1', T0)).toBe(false);
      await store.end('CE1', a!.id, { outcome: 'connected', at: T0 + 1 });

      const results = await Promise.all([
        store.completeIfDone('CE1', T0 + 2),
        store.completeIfDone('CE1', T0 + 3),
      ]);

      expect(results.filter(Boolean)).toHaveLength(1);
      expect((await store.get('CE1'))?.status).toBe('complete');
      expect(await store.queueEvents('CE1')).toEqual([
        { campaignId: 'CE1', event: 'complete', at: expect.any(Number) as number },
      ]);
    });

    it('a paused execution does not complete', async () => {
      await running('CE1', 0);
      await store.setStatus('CE1', ['running'], 'paused', undefined);
      expect(await store.completeIfDone('CE1', T0)).toBe(false);
    });
  });
}
