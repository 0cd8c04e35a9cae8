import { ValidationError } from '../../errors/index.js';
import type { CompiledForm, FieldProblem } from '../../forms/index.js';
import type { DefinitionRow } from '../../store/index.js';
import type { FormVersions } from '../forms/index.js';

/** The version of form `key` a diagram version is bound to; undefined without forms, key or such form. */
export async function boundForm(forms: FormVersions | undefined, definition: Pick<DefinitionRow, 'formVersions'>, key: string | null): Promise<CompiledForm | undefined> {
  return forms && key ? forms.bound(definition, key) : undefined;
}

/**
 * A task with a form accepts only what the form allows; read-only fields come from the state, not
 * the clerk. `form`: the version of the task's form its case's diagram version is bound to.
 */
export function checkTaskForm(form: CompiledForm | undefined, submitted: Record<string, unknown>, variables: Record<string, unknown>) {
  if (!form) return;
  const readOnly = Object.keys(submitted).filter((name) => form.ui.fields[name]?.readOnly);
  if (readOnly.length) {
    const fields = readOnly.map((name) => ({ field: `variables.${name}`, message: 'is read-only: the state systems supply it' }));
    throw new ValidationError(`variables: ${fields.map((f) => `${f.field} ${f.message}`).join('; ')}`, { fields });
  }
  refuseProblems(`form ${form.key}`, form.validate({ ...form.prefill(variables), ...submitted }));
}

/**
 * A process with an application form starts only with a valid application: the form's editable
 * fields are checked, and so is a read-only field shown from a start variable of its own name
 * (`"iin": { "readOnly": true, "from": "iin" }`: the applicant's IIN, found in the register before
 * the form is filled, is what the case is about, so an application without it is a 400 naming
 * `variables.iin`, not an incident at the first lookup). Other read-only fields come later from the
 * state systems, and other start variables (channel, certificate) are not the form's business.
 * `form`: the application form's version the diagram version is bound to.
 */
export function checkApplication(form: CompiledForm | undefined, variables: Record<string, unknown>) {
  if (!form) return;
  const suppliedAtStart = (name: string) => !form.ui.fields[name]?.readOnly || form.ui.fields[name]?.from === name;
  const editable = Object.keys((form.schema.properties as Record<string, unknown>) ?? {}).filter(suppliedAtStart);
  const application = Object.fromEntries(editable.filter((name) => name in variables).map((name) => [name, variables[name]]));
  refuseProblems(`application ${form.key}`, form.validate(application));
}

/** A 400 listing each invalid field as `variables.<path>`. */
function refuseProblems(what: string, problems: FieldProblem[]) {
  if (!problems.length) return;
  const fields = problems.map((p) => ({ field: p.field ? `variables.${p.field}` : 'variables', message: p.message }));
  throw new ValidationError(`${what}: ${fields.map((f) => `${f.field} ${f.message}`).join('; ')}`, { fields });
}
