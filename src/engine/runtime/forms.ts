import { ValidationError } from '../../errors/index.js';
import type { FieldProblem, Forms } from '../../forms/index.js';
import type { TaskRow } from '../../store/index.js';

/** A task with a form accepts only what the form allows; read-only fields come from the state, not the clerk. */
export function checkTaskForm(forms: Forms | undefined, task: TaskRow, submitted: Record<string, unknown>, variables: Record<string, unknown>) {
  const form = task.formKey ? forms?.get(task.formKey) : undefined;
  if (!form || !forms) return;
  const readOnly = Object.keys(submitted).filter((name) => form.ui.fields[name]?.readOnly);
  if (readOnly.length) {
    const fields = readOnly.map((name) => ({ field: `variables.${name}`, message: 'is read-only: the state systems supply it' }));
    throw new ValidationError(`variables: ${fields.map((f) => `${f.field} ${f.message}`).join('; ')}`, { fields });
  }
  refuseProblems(`form ${form.key}`, forms.validate(form.key, { ...forms.prefill(form.key, variables), ...submitted }));
}

/**
 * A process with an application form starts only with a valid application: the form's editable
 * fields are checked, and so is a read-only field shown from a start variable of its own name
 * (`"iin": { "readOnly": true, "from": "iin" }`: the applicant's IIN, found in the register before
 * the form is filled, is what the case is about, so an application without it is a 400 naming
 * `variables.iin`, not an incident at the first lookup). Other read-only fields come later from the
 * state systems, and other start variables (channel, certificate) are not the form's business.
 */
export function checkApplication(forms: Forms | undefined, formKey: string | null, variables: Record<string, unknown>) {
  const form = formKey ? forms?.get(formKey) : undefined;
  if (!form || !forms) return;
  const suppliedAtStart = (name: string) => !form.ui.fields[name]?.readOnly || form.ui.fields[name]?.from === name;
  const editable = Object.keys((form.schema.properties as Record<string, unknown>) ?? {}).filter(suppliedAtStart);
  const application = Object.fromEntries(editable.filter((name) => name in variables).map((name) => [name, variables[name]]));
  refuseProblems(`application ${form.key}`, forms.validate(form.key, application));
}

/** A 400 listing each invalid field as `variables.<path>`. */
function refuseProblems(what: string, problems: FieldProblem[]) {
  if (!problems.length) return;
  const fields = problems.map((p) => ({ field: p.field ? `variables.${p.field}` : 'variables', message: p.message }));
  throw new ValidationError(`${what}: ${fields.map((f) => `${f.field} ${f.message}`).join('; ')}`, { fields });
}
