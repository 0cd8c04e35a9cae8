import { iinCheckDigit } from '../../src/gateway/iin.js';

/** `count` valid IINs of women born on 1 January 1985, by serial: distinct applicants no register knows. */
export function applicantIins(count: number): string[] {
  const out: string[] = [];
  for (let serial = 1; out.length < count; serial++) {
    const first = `8501014${String(serial).padStart(4, '0')}`;
    const check = iinCheckDigit(first);
    if (check !== null) out.push(`${first}${check}`);
  }
  return out;
}
