import type { UiSchema } from '@rjsf/utils';

/** A calendar date as forms keep it (ISO `YYYY-MM-DD`), which the date widget shows as dd.mm.yyyy. */
export const isoDate = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A choice whose schema lets it be unset (`enum: [..., null]`, the holder of a dwelling the tenancy
 * register did not name) drawn without a choice called "null": rjsf would list every enum value,
 * null among them. Only the values are offered (`ui:enumOrder` drops the rest), and the unset
 * state is the select's empty first line, titled `unset` in the field's language.
 *
 * @returns the UI schema entries to merge into the field's, or `{}` for a choice without null
 */
export function withoutNullChoice(property: Record<string, unknown>, unset: string): UiSchema {
  if (!Array.isArray(property.enum) || !property.enum.includes(null)) return {};
  return { 'ui:enumOrder': property.enum.filter((value) => value !== null), 'ui:placeholder': unset };
}
