/**
 * Individual identification numbers (ЖСН / ИИН): 12 digits — birth date YYMMDD, a digit for
 * century and sex, four registration digits, and a check digit. The check digit is the weighted
 * sum of the first eleven digits mod 11 with weights 1…11; if that gives 10, a second pass with
 * weights 3…11, 1, 2; if that too gives 10, the number is not valid.
 */
const firstWeights = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
const secondWeights = [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2];

export function iinCheckDigit(first11: string): number | null {
  const digits = [...first11].map(Number);
  const sum = (weights: number[]) => digits.reduce((s, d, i) => s + d * weights[i]!, 0) % 11;
  const first = sum(firstWeights);
  if (first !== 10) return first;
  const second = sum(secondWeights);
  return second === 10 ? null : second;
}

/** Why `value` is not a valid IIN, or undefined if it is one. */
export function iinProblem(value: unknown): string | undefined {
  if (typeof value !== 'string' || !/^\d{12}$/.test(value)) return 'must be 12 digits';
  const century = Number(value[6]);
  if (century < 1 || century > 6) return 'the 7th digit (century and sex) must be 1–6';
  const year = (1800 + 100 * Math.floor((century - 1) / 2)) + Number(value.slice(0, 2));
  const birth = new Date(Date.UTC(year, Number(value.slice(2, 4)) - 1, Number(value.slice(4, 6))));
  if (birth.getUTCFullYear() !== year || birth.getUTCMonth() + 1 !== Number(value.slice(2, 4)) || birth.getUTCDate() !== Number(value.slice(4, 6))) {
    return 'the first six digits are not a birth date';
  }
  const check = iinCheckDigit(value.slice(0, 11));
  if (check === null || check !== Number(value[11])) return 'the check digit does not match';
  return undefined;
}

export const isValidIin = (value: unknown): value is string => iinProblem(value) === undefined;

/** The birth date an IIN encodes (YYYY-MM-DD). */
export function birthDateOf(iin: string): string {
  const century = Number(iin[6]);
  const year = 1800 + 100 * Math.floor((century - 1) / 2) + Number(iin.slice(0, 2));
  return `${year}-${iin.slice(2, 4)}-${iin.slice(4, 6)}`;
}

/**
 * Why `value` is not a valid business identification number (БСН / БИН), or undefined if it is one:
 * 12 digits whose last is the check digit of the first eleven, counted as for an IIN.
 */
export function binProblem(value: unknown): string | undefined {
  if (typeof value !== 'string' || !/^\d{12}$/.test(value)) return 'must be 12 digits';
  const check = iinCheckDigit(value.slice(0, 11));
  if (check === null || check !== Number(value[11])) return 'the check digit does not match';
  return undefined;
}
