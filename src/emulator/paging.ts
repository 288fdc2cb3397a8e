import { integerParam } from './query.js';
import { twilioErrors } from './twilio-errors.js';

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 1000;

/** Where a page starts: after the item with this `seq`, or (going back) before it. */
export interface PageToken {
  readonly direction: 'after' | 'before';
  readonly seq: number;
}

export interface PageQuery {
  readonly pageSize: number;
  /** Client state that Twilio echoes; it positions the page only when there is no token. */
  readonly page: number;
  readonly token: PageToken | undefined;
  readonly rawToken: string | undefined;
}

/** One page of a list, and the tokens of its neighbours (undefined: there is none). */
export interface PageSlice<T> {
  readonly items: readonly T[];
  /** Index of the first item in the whole (filtered) list. */
  readonly offset: number;
  readonly nextToken: string | undefined;
  readonly previousToken: string | undefined;
}

/**
 * Tokens point at an item's creation sequence, not at an offset, so a list that changes
 * between pages (a queue added or removed) neither repeats nor skips the items that stay. The
 * text is opaque to clients, like Twilio's (`PA…`/`PB…` for after/before).
 */
export function encodePageToken(token: PageToken): string {
  const prefix = token.direction === 'after' ? 'PA' : 'PB';
  return `${prefix}${Buffer.from(`v1:${token.seq}`).toString('base64url')}`;
}

export function decodePageToken(text: string): PageToken | undefined {
  const match = /^(PA|PB)([A-Za-z0-9_-]+)$/.exec(text);
  if (match === null) return undefined;
  const decoded = /^v1:(\d{1,15})$/.exec(Buffer.from(match[2] ?? '', 'base64url').toString());
  if (decoded === null) return undefined;
  return { direction: match[1] === 'PA' ? 'after' : 'before', seq: Number(decoded[1]) };
}

export function readPageQuery(query: Readonly<Record<string, string>>): PageQuery {
  const pageSize =
    integerParam(query, 'PageSize', { min: 1, max: MAX_PAGE_SIZE }) ?? DEFAULT_PAGE_SIZE;
  const page = integerParam(query, 'Page', { min: 0 }) ?? 0;
  const rawToken = query.PageToken;
  const token = rawToken === undefined ? undefined : decodePageToken(rawToken);
  if (rawToken !== undefined && token === undefined) {
    throw twilioErrors.invalidParameter('PageToken', 'not a token this server issued');
  }
  return { pageSize, page, token, rawToken };
}

export function slicePage<T extends { readonly seq: number }>(
  all: readonly T[],
  query: PageQuery,
): PageSlice<T> {
  const { pageSize, token } = query;
  let start: number;
  let end: number;
  if (token?.direction === 'before') {
    end = indexFrom(all, (item) => item.seq >= token.seq);
    start = Math.max(0, end - pageSize);
  } else {
    start =
      token === undefined
        ? Math.min(all.length, query.page * pageSize)
        : indexFrom(all, (item) => item.seq > token.seq);
    end = Math.min(all.length, start + pageSize);
  }
  const items = all.slice(start, end);
  const first = items[0];
  const last = items[items.length - 1];
  return {
    items,
    offset: start,
    nextToken:
      end < all.length && last !== undefined
        ? encodePageToken({ direction: 'after', seq: last.seq })
        : undefined,
    previousToken:
      start > 0
        ? encodePageToken({
            direction: 'before',
            seq: first?.seq ?? (all[start - 1]?.seq ?? 0) + 1,
          })
        : undefined,
  };
}

function indexFrom<T>(all: readonly T[], predicate: (item: T) => boolean): number {
  const index = all.findIndex(predicate);
  return index === -1 ? all.length : index;
}
