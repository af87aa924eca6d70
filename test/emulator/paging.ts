// ARM list pages: `{"value":[…],"nextLink":"<absolute URL>&$skipToken=…"}`, no nextLink on the last page.
import type { EmulatorContext } from './context';
import { armError, type EmulatorRequest, type Reply } from './router';

export interface Pageable<T> {
  page(position: number, size: number): { items: T[]; next: number | undefined };
}

export function arrayPages<T>(items: readonly T[]): Pageable<T> {
  return {
    page: (position, size) => {
      const next = position + size;
      return { items: items.slice(position, next), next: next < items.length ? next : undefined };
    },
  };
}

const encodeToken = (position: number) => Buffer.from(`p:${position}`).toString('base64url');

function decodeToken(token: string): number | undefined {
  const match = /^p:(\d+)$/.exec(Buffer.from(token, 'base64url').toString('utf8'));
  return match ? Number(match[1]) : undefined;
}

/** The list position a continuation parameter (`$skipToken`, `continuationToken`) carries: 0 without one, undefined for one the emulator did not make. */
export function pagePosition(request: EmulatorRequest, parameter: string): number | undefined {
  const token = [...request.query.entries()].find(([key]) => key.toLowerCase() === parameter.toLowerCase())?.[1];
  return token === undefined ? 0 : decodeToken(token);
}

/** The link to the page at `position`: the same path and query, with the continuation parameter replaced. */
export function nextPageLink(request: EmulatorRequest, context: EmulatorContext, parameter: string, position: number): string {
  const query = [...request.query.entries()]
    .filter(([key]) => key.toLowerCase() !== parameter.toLowerCase())
    .map(([key, value]) => `${key}=${encodeURIComponent(value)}`);
  query.push(`${parameter}=${encodeToken(position)}`);
  return `${context.url}${request.path}?${query.join('&')}`;
}

export function pagedReply<T>(request: EmulatorRequest, context: EmulatorContext, source: Pageable<T>, size: number, render: (item: T) => object): Reply {
  const position = pagePosition(request, '$skipToken');
  if (position === undefined) {
    return armError(400, 'InvalidSkipToken', `The $skipToken '${request.query.get('$skipToken') ?? request.query.get('$skiptoken')}' is not valid for this list.`);
  }
  const { items, next } = source.page(position, size);
  const body: { value: object[]; nextLink?: string } = { value: items.map(render) };
  if (next !== undefined) body.nextLink = nextPageLink(request, context, '$skipToken', next);
  return { status: 200, body };
}
