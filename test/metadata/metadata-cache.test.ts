import { createMetadataCache } from '../../src/metadata/metadata-cache.js';
import { defaultQueueMetadata, type QueueMetadata } from '../../src/metadata/queue-metadata.js';
import { captureLogger } from '../support/capture-logger.js';

const named = (name: string, displayName: string): QueueMetadata => ({
  ...defaultQueueMetadata(name),
  displayName,
});

/** A store whose list() answers what `answer` says when the test releases it. */
function controllableStore() {
  const pending: ((result: ReadonlyMap<string, QueueMetadata> | Error) => void)[] = [];
  return {
    store: {
      list: () =>
        new Promise<ReadonlyMap<string, QueueMetadata>>((resolve, reject) => {
          pending.push((result) => (result instanceof Error ? reject(result) : resolve(result)));
        }),
    },
    answer: (result: ReadonlyMap<string, QueueMetadata> | Error) => pending.shift()?.(result),
  };
}

describe('the call path’s metadata cache', () => {
  it('answers defaults for a queue it has not read: open, the app’s announcements', () => {
    const { store } = controllableStore();
    const cache = createMetadataCache({ store, logger: captureLogger().logger });
    expect(cache.get('customers')).toEqual(defaultQueueMetadata('customers'));
    expect(cache.get('customers')).toBe(cache.get('customers'));
  });

  it('takes what the store lists; a failed read keeps it and is logged once until it recovers', async () => {
    const { store, answer } = controllableStore();
    const { logger, lines } = captureLogger();
    const cache = createMetadataCache({ store, logger });
    const first = cache.refresh();
    answer(new Map([['customers', named('customers', 'Customers')]]));
    await first;
    for (let i = 0; i < 3; i += 1) {
      const failing = cache.refresh();
      answer(new Error('connection refused'));
      await failing;
    }
    expect(cache.get('customers').displayName).toBe('Customers');
    expect(lines.filter((l) => l.msg.startsWith('queue metadata unreadable'))).toHaveLength(1);
    const back = cache.refresh();
    answer(new Map());
    await back;
    expect(lines.filter((l) => l.msg === 'queue metadata readable again')).toHaveLength(1);
  });

  it('an edit saved here shows at once, and a read that began before it cannot undo it', async () => {
    const { store, answer } = controllableStore();
    const cache = createMetadataCache({ store, logger: captureLogger().logger });
    const stale = cache.refresh();
    cache.saved('customers', named('customers', 'Edited'));
    answer(new Map([['customers', named('customers', 'Before the edit')]]));
    await stale;
    expect(cache.get('customers').displayName).toBe('Edited');
  });
});
