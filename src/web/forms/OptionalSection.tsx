import type { FieldProps, RJSFSchema } from '@rjsf/utils';
import { filled } from './sections';

/**
 * A section the form does not require (`ui:field: 'OptionalSection'`: the representative, "if
 * any"), drawn as rjsf's own object field — with its required fields marked (asterisk,
 * `required`) only once something in it is filled. Before that nothing in it is asked for
 * (./sections.ts drops it unsent), so marking its fields required would tell the clerk to fill
 * what an application without a representative leaves empty. Only the drawing changes: the
 * form's validation still reads the whole schema, and asks for the section's fields once it is used.
 */
export function OptionalSection(props: FieldProps) {
  const { ObjectField } = props.registry.fields;
  const schema = filled(props.formData) ? props.schema : nothingRequired(props.schema);
  return <ObjectField {...props} schema={schema} />;
}

/** The schema with no `required` list at any depth (its conditions' too). */
function nothingRequired(schema: RJSFSchema): RJSFSchema {
  const strip = (node: unknown): unknown => {
    if (!node || typeof node !== 'object') return node;
    if (Array.isArray(node)) return node.map(strip);
    return Object.fromEntries(Object.entries(node).filter(([key]) => key !== 'required').map(([key, value]) => [key, strip(value)]));
  };
  return strip(schema) as RJSFSchema;
}
