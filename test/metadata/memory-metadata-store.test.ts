import { createMemoryMetadataStore } from '../../src/metadata/memory-metadata-store.js';
import { metadataOf, metadataStoreContract } from './metadata-store.contract.js';

describe('the memory metadata store (MetadataStore contract)', () => {
  metadataStoreContract(() => Promise.resolve(createMemoryMetadataStore()));

  it('starts from the metadata it is given, at version 1', async () => {
    const vip = metadataOf('vip', { displayName: 'VIP line' });
    const store = createMemoryMetadataStore([['vip', vip]]);

    expect(await store.get('vip')).toEqual({ metadata: vip, version: 1 });
  });
});
