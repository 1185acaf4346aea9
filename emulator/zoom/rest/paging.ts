import { ZoomApiError, zoomErrors } from './zoom-errors.ts';

/** Zoom's token paging: `page_size` (default 30, at most 300) and `next_page_token` ("" on the last page). */
export interface Paging {
  pageSize: number;
  offset: number;
}

export interface Page<T> {
  items: T[];
  page_size: number;
  total_records: number;
  next_page_token: string;
}

export const defaultPageSize = 30;
export const maxPageSize = 300;

function queryValue(query: unknown, name: string): string | undefined {
  const value = (query as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/**
 * Reads the paging parameters. A `page_size` above 300 is capped, as Zoom documents; a token is
 * bound to the list it came from (`listKey`), so reusing it for another list is a 300 error.
 */
export function readPaging(query: unknown, listKey: string): Paging {
  const rawSize = queryValue(query, 'page_size');
  let pageSize = defaultPageSize;
  if (rawSize !== undefined) {
    if (!/^\d+$/.test(rawSize) || Number(rawSize) < 1) throw zoomErrors.validation([{ field: 'page_size', message: 'Invalid field.' }]);
    pageSize = Math.min(Number(rawSize), maxPageSize);
  }
  const token = queryValue(query, 'next_page_token');
  if (token !== undefined) return { pageSize, offset: decodeToken(token, listKey) };
  const pageNumber = queryValue(query, 'page_number');
  if (pageNumber !== undefined && /^\d+$/.test(pageNumber) && Number(pageNumber) >= 1) {
    return { pageSize, offset: (Number(pageNumber) - 1) * pageSize };
  }
  return { pageSize, offset: 0 };
}

export function paginate<T>(all: T[], paging: Paging, listKey: string): Page<T> {
  const items = all.slice(paging.offset, paging.offset + paging.pageSize);
  const nextOffset = paging.offset + items.length;
  return {
    items,
    page_size: paging.pageSize,
    total_records: all.length,
    next_page_token: nextOffset < all.length ? Buffer.from(JSON.stringify({ o: nextOffset, k: listKey })).toString('base64url') : '',
  };
}

function decodeToken(token: string, listKey: string): number {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch (cause) {
    throw invalidToken(cause);
  }
  const record = decoded as { o?: unknown; k?: unknown } | null;
  if (!record || typeof record.o !== 'number' || record.k !== listKey) throw invalidToken();
  return record.o;
}

function invalidToken(cause?: unknown): ZoomApiError {
  return new ZoomApiError(400, 300, 'The next page token is invalid or expired.', { cause });
}
