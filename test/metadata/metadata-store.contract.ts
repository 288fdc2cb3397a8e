import type { MetadataStore } from '../../src/metadata/metadata-store.js';
import { defaultQueueMetadata, type QueueMetadata } from '../../src/metadata/queue-metadata.js';

/** Full metadata for `name`: the defaults with `changes`. */
export function metadataOf(name: string, changes: Partial<QueueMetadata> = {}): QueueMetadata {
  return { ...defaultQueueMetadata(name), ...changes };
}

/** The metadata `defaultsFrom(source)` gives `name`. */
export function madeBy(source: string, name: string): QueueMetadata {
  return metadataOf(name, { displayName: `${name} (${source})` });
}

/** Defaults that say who made them, and remember for which queues they were asked. */
export function defaultsFrom(source: string) {
  const askedFor: string[] = [];
  const defaults = (name: string): QueueMetadata => {
    askedFor.push(name);
    return madeBy(source, name);
  };
  return { defaults, askedFor };
}

/** A supervisor's edit: other hours, a holiday, a message of its own. */
export function editedBy(who: string, name: string): QueueMetadata {
  return metadataOf(name, {
    displayName: `${name} as ${who} wants it`,
    timeZone: 'Europe/Paris',
    weeklyHours: {
      monday: [{ open: '09:00', close: '17:00' }],
      tuesday: [{ open: '09:00', close: '17:00' }],
      wednesday: [{ open: '09:00', close: '12:00' }],
      thursday: [{ open: '09:00', close: '17:00' }],
      friday: [{ open: '09:00', close: '16:00' }],
      saturday: [],
      sunday: [],
    },
    closures: [{ date: '2026-12-25', reason: 'Christmas' }],
    closedMessage: `${who} says: we are closed.`,
    announcements: { positionCap: 10 },
    maxQueueSize: 50,
  });
}

/** What every MetadataStore does. Call inside a describe; `open` gives an empty store per test. */
export function metadataStoreContract(open: () => Promise<MetadataStore>): void {
  let store: MetadataStore;

  beforeEach(async () => {
    store = await open();
  });

  it('holds nothing at first', async () => {
    expect(await store.list()).toEqual(new Map());
    expect(await store.get('customers')).toBeUndefined();
  });

  it('gives new queues their defaults at version 1, answering in the order of the queue list', async () => {
    const { defaults, askedFor } = defaultsFrom('first');

    const result = await store.reconcile(['premium-customers', 'customers'], defaults);

    expect([...result]).toEqual([
      ['premium-customers', madeBy('first', 'premium-customers')],
      ['customers', madeBy('first', 'customers')],
    ]);
    expect(askedFor.sort()).toEqual(['customers', 'premium-customers']);
    expect(await store.get('customers')).toEqual({
      metadata: madeBy('first', 'customers'),
      version: 1,
    });
  });

  it('leaves the metadata of queues it already has untouched, asking defaults only for new ones', async () => {
    await store.reconcile(['customers'], defaultsFrom('first').defaults);
    const second = defaultsFrom('second');

    const result = await store.reconcile(['customers', 'vip'], second.defaults);

    expect(result).toEqual(
      new Map([
        ['customers', madeBy('first', 'customers')],
        ['vip', madeBy('second', 'vip')],
      ]),
    );
    expect(second.askedFor).toEqual(['vip']);
  });

  it('removes the metadata of queues that are gone', async () => {
    await store.reconcile(['customers', 'vip', 'spanish'], defaultsFrom('first').defaults);

    const result = await store.reconcile(['vip'], defaultsFrom('second').defaults);

    expect(result).toEqual(new Map([['vip', madeBy('first', 'vip')]]));
    expect(await store.list()).toEqual(result);
    expect(await store.get('customers')).toBeUndefined();
  });

  it('lists every queue by name', async () => {
    await store.reconcile(['vip', 'customers', 'spanish'], defaultsFrom('first').defaults);

    expect([...(await store.list()).keys()]).toEqual(['customers', 'spanish', 'vip']);
  });

  it('counts a name listed twice once', async () => {
    const { defaults, askedFor } = defaultsFrom('first');

    const result = await store.reconcile(['vip', 'vip'], defaults);

    expect([...result.keys()]).toEqual(['vip']);
    expect(askedFor).toEqual(['vip']);
  });

  it('empties itself for an empty queue list', async () => {
    await store.reconcile(['customers'], defaultsFrom('first').defaults);

    expect(await store.reconcile([], defaultsFrom('second').defaults)).toEqual(new Map());
    expect(await store.list()).toEqual(new Map());
  });

  it('changes nothing when a default cannot be made', async () => {
    await store.reconcile(['customers'], defaultsFrom('first').defaults);

    await expect(
      store.reconcile(['vip'], (name) => {
        throw new Error(`no default for ${name}`);
      }),
    ).rejects.toThrow('no default for vip');
    expect(await store.list()).toEqual(new Map([['customers', madeBy('first', 'customers')]]));
  });

  describe('update', () => {
    it('saves an edit that names the current version, and bumps the version', async () => {
      await store.reconcile(['vip', 'customers'], defaultsFrom('first').defaults);

      const outcome = await store.update('vip', editedBy('alice', 'vip'), 1);

      expect(outcome).toEqual({ kind: 'saved', version: 2 });
      expect(await store.get('vip')).toEqual({ metadata: editedBy('alice', 'vip'), version: 2 });
      expect(await store.list()).toEqual(
        new Map([
          ['customers', madeBy('first', 'customers')],
          ['vip', editedBy('alice', 'vip')],
        ]),
      );
      expect(await store.get('customers')).toEqual({
        metadata: madeBy('first', 'customers'),
        version: 1,
      });
    });

    it('saves edit after edit, each naming the version the one before gave', async () => {
      await store.reconcile(['vip'], defaultsFrom('first').defaults);

      expect(await store.update('vip', editedBy('alice', 'vip'), 1)).toEqual({
        kind: 'saved',
        version: 2,
      });
      expect(await store.update('vip', editedBy('bob', 'vip'), 2)).toEqual({
        kind: 'saved',
        version: 3,
      });
      expect(await store.get('vip')).toEqual({ metadata: editedBy('bob', 'vip'), version: 3 });
    });

    it('refuses an edit of a stale version, answering with what is stored, and writes nothing', async () => {
      await store.reconcile(['vip'], defaultsFrom('first').defaults);
      await store.update('vip', editedBy('alice', 'vip'), 1);

      const outcome = await store.update('vip', editedBy('bob', 'vip'), 1);

      expect(outcome).toEqual({
        kind: 'conflict',
        current: { metadata: editedBy('alice', 'vip'), version: 2 },
      });
      expect(await store.get('vip')).toEqual({ metadata: editedBy('alice', 'vip'), version: 2 });
    });

    it('refuses an edit naming a version the queue has not reached yet', async () => {
      await store.reconcile(['vip'], defaultsFrom('first').defaults);

      const outcome = await store.update('vip', editedBy('bob', 'vip'), 2);

      expect(outcome).toEqual({
        kind: 'conflict',
        current: { metadata: madeBy('first', 'vip'), version: 1 },
      });
      expect(await store.get('vip')).toEqual({ metadata: madeBy('first', 'vip'), version: 1 });
    });

    it('answers not-found for a queue it does not have, and adds nothing', async () => {
      await store.reconcile(['customers'], defaultsFrom('first').defaults);

      expect(await store.update('vip', editedBy('alice', 'vip'), 1)).toEqual({
        kind: 'not-found',
      });
      expect(await store.get('vip')).toBeUndefined();
      expect([...(await store.list()).keys()]).toEqual(['customers']);
    });

    it('of two edits of the same version at once, saves exactly one and tells the other', async () => {
      await store.reconcile(['vip'], defaultsFrom('first').defaults);

      const outcomes = await Promise.all([
        store.update('vip', editedBy('alice', 'vip'), 1),
        store.update('vip', editedBy('bob', 'vip'), 1),
      ]);

      const saved = outcomes.filter((outcome) => outcome.kind === 'saved');
      expect(saved).toEqual([{ kind: 'saved', version: 2 }]);
      const winner = outcomes[0]?.kind === 'saved' ? 'alice' : 'bob';
      expect(outcomes.filter((outcome) => outcome.kind !== 'saved')).toEqual([
        { kind: 'conflict', current: { metadata: editedBy(winner, 'vip'), version: 2 } },
      ]);
      expect(await store.get('vip')).toEqual({ metadata: editedBy(winner, 'vip'), version: 2 });
    });

    it('keeps an edited queue with its version through later reconciles', async () => {
      await store.reconcile(['vip', 'customers'], defaultsFrom('first').defaults);
      await store.update('vip', editedBy('alice', 'vip'), 1);

      const result = await store.reconcile(['vip', 'spanish'], defaultsFrom('second').defaults);

      expect(result.get('vip')).toEqual(editedBy('alice', 'vip'));
      expect(await store.get('vip')).toEqual({ metadata: editedBy('alice', 'vip'), version: 2 });
      expect(await store.update('vip', editedBy('bob', 'vip'), 2)).toEqual({
        kind: 'saved',
        version: 3,
      });
    });

    it('starts a queue removed and listed again afresh: its defaults at version 1', async () => {
      await store.reconcile(['vip'], defaultsFrom('first').defaults);
      await store.update('vip', editedBy('alice', 'vip'), 1);
      await store.reconcile([], defaultsFrom('second').defaults);

      expect(await store.update('vip', editedBy('bob', 'vip'), 2)).toEqual({ kind: 'not-found' });
      await store.reconcile(['vip'], defaultsFrom('third').defaults);

      expect(await store.get('vip')).toEqual({ metadata: madeBy('third', 'vip'), version: 1 });
      expect(await store.update('vip', editedBy('bob', 'vip'), 2)).toMatchObject({
        kind: 'conflict',
      });
    });
  });
}
