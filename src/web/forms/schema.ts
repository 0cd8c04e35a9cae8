import type { RJSFSchema } from '@rjsf/utils';

/**
 * A Qyzmet form's JSON Schema (src/forms, draft 2020-12) as every page hands it to
 * react-jsonschema-form: without `$schema`, `$id` and `title` (the page shows the UI schema's
 * title in the chosen language) and without the schema's English `description`s (the UI schema
 * labels and helps in kk/ru/en). The build precompiles each form's validators from exactly this
 * shape (./precompile.ts), so both must come from this one function: any other change to the
 * schema would no longer match its precompiled validator.
 */
export function rjsfSchema(schema: Record<string, unknown>): RJSFSchema {
  const copy = structuredClone(schema);
  delete copy.$schema;
  delete copy.$id;
  delete copy.title;
  stripDescriptions(copy);
  return copy as RJSFSchema;
}

function stripDescriptions(node: unknown): void {
  if (!node || typeof node !== 'object') return;
  if (Array.isArray(node)) return node.forEach(stripDescriptions);
  const o = node as Record<string, unknown>;
  delete o.description;
  for (const v of Object.values(o)) stripDescriptions(v);
}
