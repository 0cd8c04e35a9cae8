import type { Definitions, Names } from '../engine/index.js';
import type { Store } from '../store/index.js';

/**
 * The names of a definition version's elements in Kazakh, Russian and English (the diagram's
 * `name` and its `name:ru`/`name:en` properties), for answers that carry an element's `name`: each
 * answer adds `names` beside it, so a screen shows `names[language] ?? name`.
 */
export interface Naming {
  /** Element id → its names in the version with this id; null for an element without a name. */
  of(definitionId: string): Promise<(elementId: string | null | undefined) => Names | null>;
  /** The names of the latest version's process of each key (what lists of processes and steps show). */
  latest(key: string): Promise<(elementId: string | null | undefined) => Names | null>;
}

export function createNaming(definitions: Pick<Definitions, 'get' | 'compiled'>, store: Pick<Store, 'definitions'>): Naming {
  const lookup = (names: ReadonlyMap<string, Names>) => (elementId: string | null | undefined) => (elementId ? names.get(elementId) ?? null : null);
  return {
    async of(definitionId) {
      return lookup((await definitions.compiled(await definitions.get(definitionId))).names);
    },
    async latest(key) {
      const row = await store.definitions.latest(key);
      return row ? lookup((await definitions.compiled(row)).names) : () => null;
    },
  };
}

/** A case's parts with the names of their elements: where it waits, its history, its tasks. */
export async function withNames<T extends { definitionId: string; activities: { elementId: string }[] }>(naming: Naming, instance: T) {
  const names = await naming.of(instance.definitionId);
  return { ...instance, activities: instance.activities.map((a) => ({ ...a, names: names(a.elementId) })) };
}

/** Rows that name an element (history, tasks), each with the element's names. */
export async function rowsWithNames<T extends { elementId: string | null }>(naming: Naming, definitionId: string, rows: T[]) {
  const names = await naming.of(definitionId);
  return rows.map((row) => ({ ...row, names: names(row.elementId) }));
}
