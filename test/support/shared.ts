/**
 * State that exists once per test run. Mocha require()s a spec file and falls back to import() for
 * one that require() cannot load, so a support module can be evaluated twice in one run (a CommonJS
 * and an ES module instance, each with its own module-level variables); what the run shares is
 * therefore kept on globalThis, under one key per `name`.
 */
export function runWide<T extends object>(name: string, make: () => T): T {
  const key = Symbol.for(`qyzmet.test.${name}`);
  const global = globalThis as unknown as Record<symbol, T | undefined>;
  return (global[key] ??= make());
}
