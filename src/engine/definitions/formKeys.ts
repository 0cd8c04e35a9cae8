import type { ModdleElement } from './parse.js';
import { applicationFormOf } from './properties.js';

/**
 * The forms a process uses: its application form and every `camunda:formKey` in it, sub-processes
 * included. `dynamic`: some formKey is an expression, so which forms its tasks show is known only
 * when they are created.
 */
export function formKeysOf(process: ModdleElement): { keys: string[]; dynamic: boolean } {
  const keys = new Set<string>();
  let dynamic = false;
  const application = applicationFormOf(process);
  if (application) keys.add(application);
  const walk = (container: ModdleElement) => {
    for (const element of (container.flowElements ?? []) as ModdleElement[]) {
      const formKey = element.formKey as unknown;
      if (typeof formKey === 'string' && formKey) {
        if (formKey.includes('${')) dynamic = true;
        else keys.add(formKey);
      }
      if (element.flowElements) walk(element);
    }
  };
  walk(process);
  return { keys: [...keys].sort(), dynamic };
}

/**
 * Deployment binding: each form a process uses, at its version current now (every current form
 * when a formKey is an expression). Null when forms are not versioned here (no forms at all).
 */
export function bindForms(process: ModdleElement, current: ReadonlyMap<string, { version: number }> | null): Record<string, number> | null {
  return bindingOf(formKeysOf(process), current);
}

/** {@link bindForms} for forms already read from a process (CompiledDefinition.formKeys). */
export function bindingOf(uses: { keys: readonly string[]; dynamic: boolean }, current: ReadonlyMap<string, { version: number }> | null): Record<string, number> | null {
  if (!current) return null;
  const bound = uses.dynamic ? [...current.keys()].sort() : uses.keys;
  return Object.fromEntries(bound.filter((key) => current.has(key)).map((key) => [key, current.get(key)!.version]));
}

/** The version of `key` a diagram version is bound to: its binding, else version 1 (deployed before forms were versioned). */
export function boundVersion(formVersions: Readonly<Record<string, number>> | null | undefined, key: string): number {
  return formVersions?.[key] ?? 1;
}

/** Whether a stored diagram version is bound as `bindings` would bind it (for the keys `bindings` names). */
export function sameBindings(stored: Readonly<Record<string, number>> | null | undefined, bindings: Readonly<Record<string, number>> | null): boolean {
  if (!bindings) return true;
  return Object.entries(bindings).every(([key, version]) => boundVersion(stored, key) === version);
}
