import type { AbandonedNumbers } from '../../src/outbound/abandoned-numbers.js';
import { AbandonmentRecordingStore } from '../../src/outbound/abandonment-recording-store.js';
import { EmbeddedAbandonedNumbers } from '../../src/outbound/embedded-abandoned-numbers.js';
import { EmbeddedCampaignStore } from '../../src/outbound/embedded-campaign-store.js';
import { captureLogger, LEVEL } from '../support/capture-logger.js';
import { campaignStoreContract } from './campaign-store.contract.js';
import { T0, contacts, execution } from './campaign-fixtures.js';

/** A register whose writes fail, as a Redis away or a full disk would. */
const UNWRITABLE: AbandonedNumbers = {
  record: () => Promise.reject(new Error('disk full')),
  lastAbandonedAt: () => Promise.resolve(undefined),
};

describe('a campaign store that records abandonments', () => {
  describe('as a CampaignStore (the contract)', () => {
    campaignStoreContract(
      async () =>
        new AbandonmentRecordingStore(
          await EmbeddedCampaignStore.open(undefined),
          EmbeddedAbandonedNumbers.inMemory(),
          captureLogger().logger,
        ),
    );
  });

  async function withTwoAttempts(abandoned: AbandonedNumbers) {
    const logs = captureLogger();
    const store = new AbandonmentRecordingStore(
      await EmbeddedCampaignStore.open(undefined),
      abandoned,
      logs.logger,
    );
    await store.create(execution(), contacts(2));
    await store.setStatus('CE1', ['ready'], 'running', undefined);
    const [first, second] = await store.claim('CE1', 2, T0);
    return { store, logs, first: first!, second: second! };
  }

  it('an attempt ended abandoned records its number at the end time; other outcomes do not', async () => {
    const abandoned = EmbeddedAbandonedNumbers.inMemory();
    const { store, first, second } = await withTwoAttempts(abandoned);

    await store.end('CE1', first.id, { outcome: 'abandoned', at: T0 + 5 });
    await store.end('CE1', second.id, { outcome: 'connected', at: T0 + 6 });

    expect(await abandoned.lastAbandonedAt(contacts(2)[0]!.phone, T0 + 10)).toBe(T0 + 5);
    expect(await abandoned.lastAbandonedAt(contacts(2)[1]!.phone, T0 + 10)).toBeUndefined();
  });

  it('an end that does not happen (the attempt had ended) records nothing', async () => {
    const abandoned = EmbeddedAbandonedNumbers.inMemory();
    const { store, first } = await withTwoAttempts(abandoned);
    await store.end('CE1', first.id, { outcome: 'connected', at: T0 + 5 });

    expect(await store.end('CE1', first.id, { outcome: 'abandoned', at: T0 + 9 })).toBeUndefined();

    expect(await abandoned.lastAbandonedAt(contacts(2)[0]!.phone, T0 + 10)).toBeUndefined();
  });

  it('a register that cannot be written is logged, and the disposition stands', async () => {
    const { store, logs, first } = await withTwoAttempts(UNWRITABLE);

    const disposition = await store.end('CE1', first.id, { outcome: 'abandoned', at: T0 + 5 });

    expect(disposition?.outcome).toBe('abandoned');
    expect((await store.dispositions('CE1')).map((d) => d.attemptId)).toEqual([first.id]);
    expect(logs.lines).toContainEqual(
      expect.objectContaining({
        level: LEVEL.error,
        campaign: 'CE1',
        attempt: first.id,
        msg: 'could not record an abandoned call: its number may be called again within 72 hours',
        err: expect.objectContaining({ message: 'disk full' }) as unknown,
      }),
    );
  });
});
