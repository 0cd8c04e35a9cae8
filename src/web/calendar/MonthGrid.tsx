import { useTranslation } from 'react-i18next';
import type { Language } from '../i18n';
import { longDate, monthName, nameIn, weekdayNames, weeksOf, type CalendarDay } from './days';

/**
 * One month as a table of weeks. Each day names its kind (and holiday or decree) for screen
 * readers and on hover; with `onPick` (an administrator) the days are buttons that choose the
 * date for a decree.
 */
export function MonthGrid({ year, month, days, lang, picked, onPick }: { year: number; month: number; days: CalendarDay[]; lang: Language; picked?: string; onPick?: (date: string) => void }) {
  const { t } = useTranslation();
  const weekdays = weekdayNames(lang);
  const title = monthName(year, month, lang);
  return (
    <table className="calendar-month">
      <caption>{title}</caption>
      <thead>
        <tr>
          {weekdays.map((w) => (
            <th key={w.long} scope="col" abbr={w.long}>
              {w.short}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {weeksOf(days).map((week, i) => (
          <tr key={i}>
            {week.map((day, j) => {
              if (!day) return <td key={j} />;
              const extra = nameIn(day.name, lang) ?? day.reason;
              const label = t('calendar.dayLabel', { date: longDate(day.date, lang), kind: t(`calendar.kinds.${day.kind}`) }) + (extra ? ` — ${extra}` : '');
              const n = Number(day.date.slice(8));
              return (
                <td key={j} className={`day-${day.kind}${picked === day.date ? ' day-picked' : ''}`} data-date={day.date} data-kind={day.kind} title={label}>
                  {onPick ? (
                    <button type="button" aria-label={label} aria-pressed={picked === day.date} onClick={() => onPick(day.date)}>
                      {n}
                    </button>
                  ) : (
                    <span aria-label={label} role="img">
                      {n}
                    </span>
                  )}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
