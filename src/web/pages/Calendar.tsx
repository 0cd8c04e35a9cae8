import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { api } from '../api';
import { addStrings, currentLanguage } from '../i18n';
import { timeZone } from '../format';
import { useSession } from '../session';
import en from '../locales/calendar/en.json';
import kk from '../locales/calendar/kk.json';
import ru from '../locales/calendar/ru.json';
import { DecreeEditor } from '../calendar/DecreeEditor';
import { Legend } from '../calendar/Legend';
import { MonthGrid } from '../calendar/MonthGrid';
import { TrainingClock } from '../calendar/TrainingClock';
import { longDate, nameIn, type CalendarDay, type Decree } from '../calendar/days';
import '../calendar/calendar.css';

addStrings({ en, kk, ru });

/** The API's range of years (GET /api/calendar/:year). */
const firstYear = 1992;
const lastYear = 2100;

/**
 * A year's working-day calendar (GET /api/calendar/:year) as twelve month grids with a legend,
 * the year's holidays and days off by name, and its decrees; administrators (calendar.edit)
 * record and remove decrees, everyone else reads.
 */
export default function Calendar() {
  const { t } = useTranslation();
  const { can } = useSession();
  const lang = currentLanguage();
  const canEdit = can('calendar.edit');
  // The year is in the address (`?year=2026`), so a link or a reload shows the same year.
  const [params, setParams] = useSearchParams();
  const asked = Number(params.get('year'));
  const [year, setYearState] = useState<number | null>(Number.isInteger(asked) && asked >= firstYear && asked <= lastYear ? asked : null);
  const setYear = (y: number) => {
    setYearState(y);
    setParams({ year: String(y) }, { replace: true });
  };
  const [days, setDays] = useState<CalendarDay[] | null>(null);
  const [decrees, setDecrees] = useState<Decree[]>([]);
  const [picked, setPicked] = useState<string | undefined>();
  const [failure, setFailure] = useState<string | null>(null);

  // The year the server's clock is in, in Almaty.
  useEffect(() => {
    if (year !== null) return;
    api<{ now: string }>('GET', '/clock').then(
      (c) => setYearState(Number(new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric' }).format(new Date(c.now)))),
      () => setYearState(new Date().getFullYear())
    );
    // Only the first time: afterwards the year is the one chosen.
  }, []);

  const load = useCallback(async () => {
    if (year === null) return;
    try {
      const [list, overrides] = await Promise.all([api<CalendarDay[]>('GET', `/calendar/${year}`), api<Decree[]>('GET', '/calendar/overrides')]);
      setDays(list);
      setDecrees(overrides);
      setFailure(null);
    } catch (err) {
      setFailure(t('app.failed', { message: (err as Error).message }));
    }
  }, [year, t]);

  useEffect(() => {
    setDays(null);
    void load();
  }, [load]);

  if (year === null) return <p className="loading">{t('app.loading')}</p>;
  const months = Array.from({ length: 12 }, (_, i) => (days ?? []).filter((d) => Number(d.date.slice(5, 7)) === i + 1));
  const named = (days ?? []).filter((d) => d.kind === 'holiday' || d.kind === 'substitute');
  const working = (days ?? []).filter((d) => d.working).length;

  return (
    <div className="calendar-page">
      <h1>{t('calendar.title', { year })}</h1>
      <p className="calendar-muted">{t('calendar.intro')}</p>
      <nav className="calendar-nav" aria-label={t('calendar.year')}>
        <button type="button" onClick={() => setYear(year - 1)} disabled={year <= firstYear}>
          ← {t('calendar.previous', { year: year - 1 })}
        </button>
        <strong aria-live="polite">{year}</strong>
        <button type="button" onClick={() => setYear(year + 1)} disabled={year >= lastYear}>
          {t('calendar.next', { year: year + 1 })} →
        </button>
        {days && <span className="calendar-muted">{t('calendar.counts', { working, off: days.length - working })}</span>}
      </nav>
      {failure && (
        <p className="error" role="alert">
          {failure}
        </p>
      )}
      {days === null ? (
        <p className="loading">{t('app.loading')}</p>
      ) : (
        <div className="calendar-layout">
          <div className="calendar-year">
            {months.map((m, i) => (
              <MonthGrid key={i} year={year} month={i + 1} days={m} lang={lang} picked={picked} onPick={canEdit ? setPicked : undefined} />
            ))}
          </div>
          <aside>
            {can('instances.manage') && <TrainingClock />}
            <Legend />
            <DecreeEditor year={year} decrees={decrees} canEdit={canEdit} picked={picked} onChanged={() => void load()} />
            <section className="calendar-holidays" aria-labelledby="calendar-holidays-title">
              <h2 id="calendar-holidays-title">{t('calendar.holidays', { year })}</h2>
              <ul>
                {named.map((d) => (
                  <li key={d.date} data-date={d.date}>
                    <strong>{longDate(d.date, lang)}</strong> — {d.kind === 'substitute' ? t('calendar.substituteFor', { name: nameIn(d.name, lang) }) : nameIn(d.name, lang)}
                  </li>
                ))}
              </ul>
            </section>
          </aside>
        </div>
      )}
    </div>
  );
}
