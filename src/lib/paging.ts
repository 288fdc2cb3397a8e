/** The part of an SDK page the reader needs. */
export interface SdkPage<T> {
  readonly instances: readonly T[];
  readonly nextPageUrl?: string;
  nextPage(): Promise<SdkPage<T>> | undefined;
}

/** Everything a listing read, and whether that is the whole list. */
export interface Listing<T> {
  readonly items: readonly T[];
  /** False when a page failed or the paging was cut off: absent items may still exist. */
  readonly complete: boolean;
  /** Why the listing is incomplete. */
  readonly problem?: string;
}

/**
 * Follows next-page links to the end, keeping what was read when it cannot get there: a page
 * that fails (after the client's retries), a next link seen before (a loop), or more pages
 * than the bound (a runaway server). Each ends the listing with `complete: false`, so the
 * caller can tell "this queue is gone" from "we did not get that far".
 */
export async function readAllPages<T>(
  firstPage: () => Promise<SdkPage<T>>,
  options: { maxPages: number; label: string },
): Promise<Listing<T>> {
  const items: T[] = [];
  const seen = new Set<string>();
  let page: SdkPage<T>;
  try {
    page = await firstPage();
  } catch (error) {
    return { items, complete: false, problem: `${options.label}: ${describeError(error)}` };
  }
  for (let pages = 1; ; pages += 1) {
    items.push(...page.instances);
    const next = page.nextPageUrl;
    if (next === undefined || next === null || next === '') return { items, complete: true };
    if (seen.has(next)) {
      return {
        items,
        complete: false,
        problem: `${options.label}: next page link repeats (${next})`,
      };
    }
    if (pages >= options.maxPages) {
      return {
        items,
        complete: false,
        problem: `${options.label}: more than ${options.maxPages} pages; stopped there`,
      };
    }
    seen.add(next);
    try {
      const following = page.nextPage();
      if (following === undefined) return { items, complete: true };
      page = await following;
    } catch (error) {
      return {
        items,
        complete: false,
        problem: `${options.label}: page ${pages + 1}: ${describeError(error)}`,
      };
    }
  }
}

export function describeError(error: unknown): string {
  if (error instanceof Error) {
    const status = (error as { status?: unknown }).status;
    const code = (error as { code?: unknown }).code;
    const parts = [
      typeof status === 'number' ? `HTTP ${status}` : undefined,
      typeof code === 'number' ? `code ${code}` : undefined,
    ].filter(Boolean);
    return parts.length > 0 ? `${error.message} (${parts.join(', ')})` : error.message;
  }
  return String(error);
}
