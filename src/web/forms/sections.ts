/** A JSON Schema as far as the pruning below reads it. */
interface ObjectSchema {
  type?: unknown;
  required?: readonly string[];
  properties?: Record<string, ObjectSchema>;
}

/**
 * The form's data without the optional sections nobody filled in. rjsf keeps an object for a
 * section once any of its widgets reported a value, even an empty one (a checkbox left alone, a
 * date cleared), and validation then asks for that section's required fields: an application
 * filed without a representative would be refused for the representative's missing name. A
 * section the schema does not require, and in which nothing is filled (no text, number, ticked
 * box or list item; an unticked box is a box left alone), is dropped; required sections are kept,
 * as is anything filled.
 */
export function withoutEmptySections(form: object, data: Record<string, unknown>): Record<string, unknown> {
  const schema = form as ObjectSchema;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(data)) {
    const property = schema.properties?.[key];
    if (property && isPlainObject(value) && property.properties) {
      const inner = withoutEmptySections(property, value);
      if (!schema.required?.includes(key) && !filled(inner)) continue;
      out[key] = inner;
    } else {
      out[key] = value;
    }
  }
  return out;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Whether anything in a value is filled: text, a number, a ticked box, a list item (an unticked box is a box left alone). */
export function filled(value: unknown): boolean {
  if (value === undefined || value === null || value === '' || value === false) return false;
  if (Array.isArray(value)) return value.length > 0;
  if (isPlainObject(value)) return Object.values(value).some(filled);
  return true;
}

/**
 * Whether an rjsf error (`property` as rjsf writes it: `.representative.fullName`) lies inside an
 * optional section of `data` that {@link withoutEmptySections} drops. rjsf validates its own copy
 * of the data, which holds the empty section; such an error would refuse an application for
 * fields nobody was asked to fill.
 */
export function inDroppedSection(form: object, data: Record<string, unknown>, property: string | undefined): boolean {
  const path = (property ?? '').split('.').filter(Boolean);
  let schema = form as ObjectSchema;
  let value: unknown = withoutEmptySections(form, data);
  for (const name of path.slice(0, -1)) {
    const section = schema.properties?.[name];
    if (!section?.properties) return false;
    const here = isPlainObject(value) ? value[name] : undefined;
    if (here === undefined) return !schema.required?.includes(name);
    schema = section;
    value = here;
  }
  return false;
}
