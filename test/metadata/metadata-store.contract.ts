import type { MetadataStore } from '../../src/metadata/metadata-store.js';
import type { QueueMetadata } from '../../src/stats/queue-stats.js';

/** Defaults that say who made them, and remember for which queues they were asked. */
export function defaultsFrom(source: string) {
  const askedFor: string[] = [];
  const defaults = (name: string): QueueMetadata => {
    askedFor.push(name);
    return { displayName: `${name} (${source})` };
  };
  return { defaults, askedFor };
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

  it('gives new queues their defaults and answers in the order of the queue list', async () => {
    const { defaults, askedFor } = defaultsFrom('first');

    const result = await store.reconcile(['premium-customers', 'customers'], defaults);

    expect([...result]).toEqual([
      ['premium-customers', { displayName: 'premium-customers (first)' }],
      ['customers', { displayName: 'customers (first)' }],
    ]);
    expect(askedFor.sort()).toEqual(['customers', 'premium-customers']);
    expect(await store.get('customers')).toEqual({ displayName: 'customers (first)' });
  });

  it('leaves the metadata of queues it already has untouched, asking defaults only for new ones', async () => {
    await store.reconcile(['customers'], defaultsFrom('first').defaults);
    const second = defaultsFrom('second');

    const result = await store.reconcile(['customers', 'vip'], second.defaults);

    expect(result).toEqual(
      new Map([
        ['customers', { displayName: 'customers (first)' }],
        ['vip', { displayName: 'vip (second)' }],
      ]),
    );
    expect(second.askedFor).toEqual(['vip']);
  });

  it('removes the metadata of queues that are gone', async () => {
    await store.reconcile(['customers', 'vip', 'spanish'], defaultsFrom('first').defaults);

    const result = await store.reconcile(['vip'], defaultsFrom('second').defaults);

    expect(result).toEqual(new Map([['vip', { displayName: 'vip (first)' }]]));
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
      store.reconcile(['vip'], () => {
        throw new Error('no default for vip');
      }),
    ).rejects.toThrow('no default for vip');
    expect(await store.list()).toEqual(
      new Map([['customers', { displayName: 'customers (first)' }]]),
    );
  });
}
