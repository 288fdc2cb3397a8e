import type { StatsStore } from '../../src/stats/stats-store.js';
import { eventually } from '../support/eventually.js';
import { T0, fullSnapshot } from './sample-snapshot.js';

export interface StatsStoresUnderTest {
  /** The store the poller writes through. */
  readonly writer: StatsStore;
  /** The store a web process reads: the writer itself when the store lives in one process. */
  readonly reader: StatsStore;
  close?(): Promise<void>;
}

/**
 * What every StatsStore does, whatever keeps the snapshot. Call inside a describe; `open` gives
 * fresh, empty stores for each test. A reader in another process may learn of a write a moment
 * later, so its held snapshot is awaited (bounded), never slept for.
 */
export function statsStoreContract(open: () => Promise<StatsStoresUnderTest>): void {
  let stores: StatsStoresUnderTest;

  beforeEach(async () => {
    stores = await open();
  });

  afterEach(async () => {
    await stores.close?.();
  });

  it('holds nothing before the first write', async () => {
    expect(stores.reader.currentSnapshot()).toBeUndefined();
    await expect(stores.reader.readSnapshot()).resolves.toBeUndefined();
    expect(stores.writer.currentSnapshot()).toBeUndefined();
  });

  it('gives back a snapshot exactly as written, every field included', async () => {
    const snapshot = fullSnapshot();
    await stores.writer.writeSnapshot(snapshot);

    expect(stores.writer.currentSnapshot()).toEqual(snapshot);
    await expect(stores.reader.readSnapshot()).resolves.toEqual(snapshot);
    expect(stores.reader.currentSnapshot()).toEqual(snapshot);
  });

  it('gives readers the newest of several snapshots', async () => {
    for (const [i, waiting] of [1, 2, 3].entries()) {
      await stores.writer.writeSnapshot(fullSnapshot(T0 + i * 15_000, waiting));
    }

    await expect(stores.reader.readSnapshot()).resolves.toEqual(fullSnapshot(T0 + 30_000, 3));
    await eventually(() =>
      expect(stores.reader.currentSnapshot()).toEqual(fullSnapshot(T0 + 30_000, 3)),
    );
  });

  it('replaces the snapshot whole: a queue that is gone does not linger', async () => {
    await stores.writer.writeSnapshot(fullSnapshot());
    await eventually(() => expect(stores.reader.currentSnapshot()).toBeDefined());
    const fewer = { fetchedAt: T0 + 15_000, queues: [] };

    await stores.writer.writeSnapshot(fewer);

    await eventually(() => expect(stores.reader.currentSnapshot()).toEqual(fewer));
    await expect(stores.reader.readSnapshot()).resolves.toEqual(fewer);
  });

  it('takes the later write even if its fetchedAt is older: a new poller whose clock runs behind', async () => {
    await stores.writer.writeSnapshot(fullSnapshot(T0 + 60_000, 1));
    await eventually(() => expect(stores.reader.currentSnapshot()?.fetchedAt).toBe(T0 + 60_000));

    await stores.writer.writeSnapshot(fullSnapshot(T0, 7));

    await eventually(() => expect(stores.reader.currentSnapshot()).toEqual(fullSnapshot(T0, 7)));
    await expect(stores.reader.readSnapshot()).resolves.toEqual(fullSnapshot(T0, 7));
  });
}
