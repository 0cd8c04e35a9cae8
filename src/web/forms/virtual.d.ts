/** Written by ./precompile.ts at build time: each precompiled form's functions, by the hash of its rjsf schema. */
declare module 'virtual:qyzmet-form-validators' {
  import type { ValidatorFunctions } from '@rjsf/validator-ajv8';
  export const precompiled: Record<string, ValidatorFunctions>;
}
