/**
 * An unticked checkbox says "no": `false` for every yes/no field of a form that shows as a single
 * checkbox — a top-level `type: "boolean"` property that is not read-only, has no `const` (a consent
 * the act makes a condition must be ticked, so an untouched one stays unanswered and is asked for),
 * no `default`, and is not a choice between named answers (`widget: "radio"`/`"select"` or
 * `options`, where "no" is a choice the clerk makes). react-jsonschema-form leaves an untouched
 * checkbox undefined, which a form requiring the field refuses as missing (the Housing Provision
 * Center's "my only dwelling is declared unfit", seed 003 para 7(2)). Fields that only a condition
 * adds (`then`) are left alone: they are sent only while they show.
 *
 * @param schema the form's JSON Schema (src/forms)
 * @param fields the UI schema's fields by property name
 * @returns `{ [field]: false }`, to lay under the form's initial data
 */
export function uncheckedBoxes(schema: Record<string, unknown>, fields: Record<string, { readOnly?: boolean; widget?: string; options?: unknown } | undefined>): Record<string, false> {
  const out: Record<string, false> = {};
  for (const [name, property] of Object.entries((schema.properties ?? {}) as Record<string, Record<string, unknown>>)) {
    const field = fields[name];
    if (property.type !== 'boolean' || 'const' in property || 'default' in property || 'enum' in property) continue;
    if (field?.readOnly || field?.widget === 'radio' || field?.widget === 'select' || field?.options) continue;
    out[name] = false;
  }
  return out;
}
