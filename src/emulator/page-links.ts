import type { PageQuery, PageSlice } from './paging.js';

/**
 * The links a page of a list carries: TaskRouter's `meta` (absolute URLs) and the 2010 API's
 * paging fields (relative URIs). Both put the filters first, then PageSize, Page, PageToken.
 */

type Params = readonly (readonly [string, string])[];

export interface V1Meta {
  readonly page: number;
  readonly page_size: number;
  readonly first_page_url: string;
  readonly previous_page_url: string | null;
  readonly url: string;
  readonly next_page_url: string | null;
  readonly key: string;
}

/**
 * TaskRouter's `meta`. Every link repeats the filters and PageSize: the SDK follows
 * next_page_url as it is, adding nothing.
 */
export function v1Meta(args: {
  key: string;
  /** Absolute URL of the list without a query. */
  listUrl: string;
  filters: Params;
  query: PageQuery;
  slice: PageSlice<unknown>;
}): V1Meta {
  const { key, listUrl, filters, query, slice } = args;
  const link = (page: number, token: string | undefined) =>
    withQuery(listUrl, [
      ...filters,
      ['PageSize', String(query.pageSize)],
      ['Page', String(page)],
      ...(token === undefined ? [] : ([['PageToken', token]] as const)),
    ]);
  return {
    page: query.page,
    page_size: query.pageSize,
    first_page_url: link(0, undefined),
    previous_page_url:
      slice.previousToken === undefined
        ? null
        : link(Math.max(0, query.page - 1), slice.previousToken),
    url: link(query.page, query.rawToken),
    next_page_url: slice.nextToken === undefined ? null : link(query.page + 1, slice.nextToken),
    key,
  };
}

export interface V2010Paging {
  readonly end: number;
  readonly first_page_uri: string;
  readonly next_page_uri: string | null;
  readonly page: number;
  readonly page_size: number;
  readonly previous_page_uri: string | null;
  readonly start: number;
  readonly uri: string;
}

/**
 * The 2010 API's paging fields: URIs relative to the API host, start/end as indexes. Links
 * repeat the filters, as TaskRouter's do.
 */
export function v2010Paging(args: {
  listPath: string;
  query: PageQuery;
  slice: PageSlice<unknown>;
  filters?: Params;
}): V2010Paging {
  const { listPath, query, slice, filters = [] } = args;
  const link = (page: number, token: string | undefined) =>
    withQuery(listPath, [
      ...filters,
      ['PageSize', String(query.pageSize)],
      ['Page', String(page)],
      ...(token === undefined ? [] : ([['PageToken', token]] as const)),
    ]);
  return {
    end: slice.offset + Math.max(0, slice.items.length - 1),
    first_page_uri: link(0, undefined),
    next_page_uri: slice.nextToken === undefined ? null : link(query.page + 1, slice.nextToken),
    page: query.page,
    page_size: query.pageSize,
    previous_page_uri:
      slice.previousToken === undefined
        ? null
        : link(Math.max(0, query.page - 1), slice.previousToken),
    start: slice.offset,
    uri: link(query.page, query.rawToken),
  };
}

function withQuery(base: string, params: Params): string {
  return `${base}?${new URLSearchParams(params.map(([k, v]): [string, string] => [k, v])).toString()}`;
}
