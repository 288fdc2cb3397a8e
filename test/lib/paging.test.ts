import { readAllPages, type SdkPage } from '../../src/lib/paging.js';

/** Pages as the SDK hands them out: each knows its next link and how to fetch it. */
function pages(
  contents: readonly (readonly number[])[],
  links?: readonly (string | undefined)[],
  failAt?: number,
): () => Promise<SdkPage<number>> {
  const page = (index: number): Promise<SdkPage<number>> => {
    if (index === failAt) return Promise.reject(new Error(`page ${index} broke`));
    const nextPageUrl = links
      ? links[index]
      : index + 1 < contents.length
        ? `https://x.test/p?Page=${index + 1}`
        : undefined;
    return Promise.resolve({
      instances: contents[index] ?? [],
      nextPageUrl,
      nextPage: () => (nextPageUrl === undefined ? undefined : page(index + 1)),
    });
  };
  return () => page(0);
}

describe('readAllPages', () => {
  it('reads every page in order and calls the listing complete', async () => {
    await expect(
      readAllPages(pages([[1, 2], [3, 4], [5]]), { maxPages: 10, label: 'L' }),
    ).resolves.toEqual({
      items: [1, 2, 3, 4, 5],
      complete: true,
    });
  });

  it('keeps what it read when a later page fails, and says which', async () => {
    const listing = await readAllPages(pages([[1], [2], [3]], undefined, 2), {
      maxPages: 10,
      label: 'L',
    });
    expect(listing).toEqual({ items: [1, 2], complete: false, problem: 'L: page 3: page 2 broke' });
  });

  it('reports a failed first page as an empty, incomplete listing', async () => {
    const listing = await readAllPages(pages([[1]], undefined, 0), { maxPages: 10, label: 'L' });
    expect(listing).toEqual({ items: [], complete: false, problem: 'L: page 0 broke' });
  });

  it('stops at a next link it has already followed (a loop)', async () => {
    const loop = ['https://x.test/a', 'https://x.test/b', 'https://x.test/a', 'https://x.test/b'];
    const listing = await readAllPages(pages([[1], [2], [3], [4]], loop), {
      maxPages: 10,
      label: 'L',
    });
    expect(listing.items).toEqual([1, 2, 3]);
    expect(listing.complete).toBe(false);
    expect(listing.problem).toBe('L: next page link repeats (https://x.test/a)');
  });

  it('stops after the page bound (a runaway list)', async () => {
    const endless = Array.from({ length: 50 }, (_, i) => [i]);
    const listing = await readAllPages(pages(endless), { maxPages: 3, label: 'L' });
    expect(listing).toEqual({
      items: [0, 1, 2],
      complete: false,
      problem: 'L: more than 3 pages; stopped there',
    });
  });
});
