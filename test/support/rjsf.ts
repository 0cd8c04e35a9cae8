import { retrieveSchema, type RJSFSchema } from '@rjsf/utils';
import { customizeValidator } from '@rjsf/validator-ajv8';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { rjsfSchema } from '../../src/web/forms/schema.js';

const validator = customizeValidator({ AjvClass: Ajv2020 as never });

/**
 * The fields react-jsonschema-form shows for a task's form as `GET /api/tasks/:id/form` serves it
 * (`{ schema, data }`), with the data the clerk has filled in on top: the schema as the browser
 * hands it to rjsf (src/web/forms/schema.ts), its conditions resolved by rjsf itself.
 */
export function shownFields(form: { schema: Record<string, unknown>; data: Record<string, unknown> }, filled: Record<string, unknown> = {}): { fields: string[]; required: string[] } {
  const schema = rjsfSchema(form.schema);
  const resolved = retrieveSchema(validator, schema, schema as RJSFSchema, { ...form.data, ...filled });
  return { fields: Object.keys(resolved.properties ?? {}), required: (resolved.required ?? []) as string[] };
}
