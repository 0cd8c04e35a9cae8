import { hashForSchema, type RJSFSchema, type ValidatorType } from '@rjsf/utils';
// The precompiled half only: the package's index would also bring ajv's compiler into the bundle.
import createPrecompiledValidator from '@rjsf/validator-ajv8/lib/createPrecompiledValidator.js';
import { precompiled } from 'virtual:qyzmet-form-validators';

/**
 * The browser's check of a Qyzmet form, with no code compiled in the page: the page's
 * Content-Security-Policy forbids `eval` and `new Function`, which ajv's compiler uses. `npm run
 * build` compiles each form in forms/ (and in the folders QYZMET_FORMS names at build time) into
 * plain functions (rjsf's `compileSchemaValidators`, ./precompile.ts), found here by the hash of
 * the schema the server sends, so a form edited after the build can never be checked by its old
 * functions.
 *
 * A form the build did not see (a folder added to QYZMET_FORMS later, a schema changed on disk)
 * has no functions here: the page then leaves the judgement to the server, which validates every
 * submission and names each field at fault (400, shown at the field); rjsf picks its conditional
 * branches as if no `if` held.
 */
export function formValidator(schema: RJSFSchema): ValidatorType {
  const key = hashForSchema(schema);
  let validator = made.get(key);
  if (!validator) {
    const functions = precompiled[key];
    if (!functions) console.warn('Qyzmet: this form was not precompiled by the build; the server alone checks it.');
    validator = functions ? createPrecompiledValidator(functions, schema) : serverJudged;
    made.set(key, validator);
  }
  return validator;
}

const made = new Map<string, ValidatorType>();

/** For a form with no precompiled functions: nothing is wrong in the browser, the server decides. */
const serverJudged: ValidatorType = {
  validateFormData: () => ({ errors: [], errorSchema: {} }),
  isValid: () => false,
  rawValidation: () => ({ errors: undefined }),
};
