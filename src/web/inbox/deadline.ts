import type { TFunction } from 'i18next';
import type { DueIn } from './types';

/** How urgent a deadline reads: overdue (red), due within the working day (amber), or later (green). */
export type Urgency = 'late' | 'soon' | 'ok' | 'none';

/**
 * A task's deadline in words, with plural forms of the language: "2 working days left", "overdue
 * by 3 hours". Whole working days when at least one lies between now and the due date, else hours.
 */
export function deadlineText(t: TFunction, due: DueIn | null): { text: string; urgency: Urgency } {
  if (!due) return { text: t('inbox.due.none'), urgency: 'none' };
  const way = due.overdue ? 'overdue' : 'left';
  if (due.workingDays > 0) return { text: t(`inbox.due.${way}Days`, { count: due.workingDays }), urgency: due.overdue ? 'late' : 'ok' };
  if (due.hours > 0) return { text: t(`inbox.due.${way}Hours`, { count: due.hours }), urgency: due.overdue ? 'late' : 'soon' };
  return { text: t(`inbox.due.${way}LessThanHour`), urgency: due.overdue ? 'late' : 'soon' };
}
