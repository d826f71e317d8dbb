// Page-wise GET lists: `page`, `per_page`, `disable_pagination` in, `pagination` out.
import { invalidData } from './errors.js';
import type { PaginationView } from './schemas.js';

export const DEFAULT_PER_PAGE = 20;
export const MAX_PER_PAGE = 1000;

export interface PageRequest {
  page: number;
  perPage: number;
  disabled: boolean;
}

const lastValue = (v: unknown): string | undefined => {
  const x: unknown = Array.isArray(v) ? v[v.length - 1] : v;
  return typeof x === 'string' ? x : undefined;
};

function positiveInt(name: string, raw: string | undefined, fallback: number, max: number): number {
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw.trim()) || Number(raw) < 1) throw invalidData(`${name} must be a whole number from 1`);
  if (Number(raw) > max) throw invalidData(`${name} must be at most ${max}`);
  return Number(raw);
}

export function parsePageRequest(query: unknown): PageRequest {
  const q = (query && typeof query === 'object' ? query : {}) as Record<string, unknown>;
  const flag = lastValue(q.disable_pagination)?.trim().toLowerCase();
  if (flag !== undefined && !['', '0', '1', 'true', 'false'].includes(flag)) throw invalidData('disable_pagination must be 1, 0, true or false');
  return {
    page: positiveInt('page', lastValue(q.page), 1, Number.MAX_SAFE_INTEGER),
    perPage: positiveInt('per_page', lastValue(q.per_page), DEFAULT_PER_PAGE, MAX_PER_PAGE),
    disabled: flag === '1' || flag === 'true',
  };
}

/** A page past the last is empty and keeps the requested number; an empty list has no pages. */
export function paginate<T>(items: readonly T[], req: PageRequest): { pagination: PaginationView; items: T[] } {
  const totalItems = items.length;
  if (req.disabled) return { pagination: { totalItems, currentPage: 1, totalPages: totalItems > 0 ? 1 : 0 }, items: [...items] };
  const start = (req.page - 1) * req.perPage;
  return {
    pagination: { totalItems, currentPage: req.page, totalPages: Math.ceil(totalItems / req.perPage) },
    items: items.slice(start, start + req.perPage),
  };
}
