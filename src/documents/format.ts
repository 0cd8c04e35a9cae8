import { formatLocal } from '../calendar/index.js';

/** 2026-03-10 → 10.03.2026, as the acts write dates. */
export function dateText(isoDate: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(isoDate);
  return m ? `${m[3]}.${m[2]}.${m[1]}` : isoDate;
}

/** An instant as Almaty's wall clock: 10.03.2026 18:30. */
export function dateTimeText(instant: string): string {
  const local = formatLocal(new Date(instant));
  return `${dateText(local)} ${local.slice(11, 16)}`;
}

/** 18450 → "18 450" with no-break spaces between thousands; kopecks only when there are any. */
export function amountText(value: number): string {
  const [whole, fraction] = (Number.isInteger(value) ? String(value) : value.toFixed(2)).split('.');
  const grouped = whole!.replace(/\B(?=(\d{3})+(?!\d))/g, '\u00a0');
  return fraction ? `${grouped},${fraction}` : grouped;
}

/** An amount in both languages: "18 450 теңге / тенге". */
export const tenge = (value: number) => `${amountText(value)}\u00a0теңге / тенге`;

/** Russian plural of "месяц" after a number. */
export function monthsRu(n: number): string {
  const mod10 = n % 10;
  const mod100 = n % 100;
  if (mod10 === 1 && mod100 !== 11) return 'месяц';
  if (mod10 >= 2 && mod10 <= 4 && (mod100 < 12 || mod100 > 14)) return 'месяца';
  return 'месяцев';
}
