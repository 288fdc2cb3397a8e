import { createMemoryMetadataStore } from '../../src/metadata/memory-metadata-store.js';
import { metadataStoreContract } from './metadata-store.contract.js';

describe('the memory metadata store (MetadataStore contract)', () => {
  metadataStoreContract(() => Promise.resolve(createMemoryMetadataStore()));

  it('starts from the metadata it is given', async () => {
    const store = createMemoryMetadataStore([['vip', { displayName: 'VIP line' }]]);

    expect(await store.get('vip')).toEqual({ displayName: 'VIP line' });
  });
});
