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

/** The link to the page at `position`: the same path and query, with `$skipToken` replaced. */
function nextLink(request: EmulatorRequest, context: EmulatorContext, position: number): string {
  const query = [...request.query.entries()]
    .filter(([key]) => key.toLowerCase() !== '$skiptoken')
    .map(([key, value]) => `${key}=${encodeURIComponent(value)}`);
  query.push(`$skipToken=${encodeToken(position)}`);
  return `${context.url}${request.path}?${query.join('&')}`;
}

export function pagedReply<T>(request: EmulatorRequest, context: EmulatorContext, source: Pageable<T>, size: number, render: (item: T) => object): Reply {
  const token = request.query.get('$skipToken') ?? request.query.get('$skiptoken');
  const position = token === null ? 0 : decodeToken(token);
  if (position === undefined) return armError(400, 'InvalidSkipToken', `The $skipToken '${token}' is not valid for this list.`);
  const { items, next } = source.page(position, size);
  const body: { value: object[]; nextLink?: string } = { value: items.map(render) };
  if (next !== undefined) body.nextLink = nextLink(request, context, next);
  return { status: 200, body };
}
