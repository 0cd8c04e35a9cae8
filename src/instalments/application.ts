import { downPaymentProblem, toTiyn } from './schedule.js';

/**
 * The application's instalment terms (seed 002 Appendix 2), checked where JSON Schema cannot: the
 * initial contribution against the residual value (at least 30 %, less than all of it), both in
 * whole tiyn. The form names this rule (`"x-qyzmet-rules": ["privatizationInstalments"]`); the
 * schema itself checks types, `instalmentYears` ≤ 10 and which fields each method requires.
 *
 * Reads `privatizationMethod` (only `instalments` is checked), `residualValue` and `downPayment`
 * (tenge, up to two decimals) and `instalmentYears`. Each problem names its field as ajv does
 * (`downPayment`), and says what the act asks for.
 */
export function instalmentApplicationProblems(data: Readonly<Record<string, unknown>>): { field: string; message: string }[] {
  if (data.privatizationMethod !== 'instalments') return [];
  const problems: { field: string; message: string }[] = [];
  const tiyn = (field: 'residualValue' | 'downPayment') => {
    const value = data[field];
    if (typeof value !== 'number') return undefined; // missing or not a number: the schema says so
    try {
      return toTiyn(value);
    } catch {
      problems.push({ field, message: 'must be in tenge with at most two decimals (tiyn)' });
      return undefined;
    }
  };
  const price = tiyn('residualValue');
  const down = tiyn('downPayment');
  if (price !== undefined && down !== undefined && price > 0) {
    const problem = downPaymentProblem(price, down);
    if (problem) problems.push({ field: 'downPayment', message: problem });
  }
  return problems;
}
