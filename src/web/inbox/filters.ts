import type { Filters } from './types';

export const defaultFilters: Filters = { process: '', step: '', overdue: false, assignment: 'any', sort: 'dueAt' };

/** Each clerk's filters, in this browser, under their username. */
const keyOf = (username: string) => `qyzmet.inbox.filters.${username}`;

export function loadFilters(username: string): Filters {
  try {
    const saved = JSON.parse(localStorage.getItem(keyOf(username)) ?? 'null') as Partial<Filters> | null;
    return { ...defaultFilters, ...(saved ?? {}) };
  } catch {
    return defaultFilters;
  }
}

export function saveFilters(username: string, filters: Filters): void {
  localStorage.setItem(keyOf(username), JSON.stringify(filters));
}
