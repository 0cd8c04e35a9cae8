import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../api';
import { dateTime, timeZone } from '../format';
import { DateInput } from '../forms/DateInput';
import type { CalendarDay } from './days';

/** GET /api/clock. */
interface ClockState {
  now: string;
  movable: boolean;
}

/** A date (`2026-12-07`) in Almaty as of the instant. */
function almatyDate(instant: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant);
}

/**
 * The instant a wall-clock time in Almaty stands for: its UTC offset is that of the day (UTC+6
 * until 1 March 2024, UTC+5 since), as the browser's time-zone data gives it.
 */
export function almatyInstant(date: string, time: string): Date {
  const noon = new Date(`${date}T12:00:00Z`);
  const offset = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'shortOffset' }).formatToParts(noon).find((p) => p.type === 'timeZoneName')!.value;
  const [, sign = '+', hours = '0', minutes = '0'] = /GMT([+-])?(\d+)?(?::(\d+))?/.exec(offset) ?? [];
  const shift = (sign === '-' ? -1 : 1) * (Number(hours) * 60 + Number(minutes));
  return new Date(Date.parse(`${date}T${time}:00Z`) - shift * 60_000);
}

/** The first working day after `today` (both `yyyy-mm-dd`), by the calendar of its year and the next. */
async function nextWorkingDay(today: string): Promise<string | undefined> {
  const year = Number(today.slice(0, 4));
  for (const y of [year, year + 1]) {
    const days = await api<CalendarDay[]>('GET', `/calendar/${y}`);
    const next = days.find((d) => d.working && d.date > today);
    if (next) return next.date;
  }
  return undefined;
}

/**
 * The manual clock (QYZMET_CLOCK=manual: training and demonstrations), for those who may move it
 * (instances.manage): where it stands, and a move to the next working morning or to a date and
 * time in Almaty (POST /api/clock; forward only, and the jobs due by then run before it answers).
 * Nothing is shown where the server runs on the system clock.
 */
export function TrainingClock() {
  const { t } = useTranslation();
  const [clock, setClock] = useState<ClockState | null>(null);
  /** ISO `YYYY-MM-DD` once a whole date is typed, the text as typed before. */
  const [date, setDate] = useState<string | undefined>();
  const [time, setTime] = useState('09:00');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ kind: 'done' | 'error'; text: string } | null>(null);

  useEffect(() => {
    api<ClockState>('GET', '/clock').then(setClock, () => setClock(null));
  }, []);

  if (!clock?.movable) return null;

  async function moveTo(instant: Date) {
    setBusy(true);
    setMessage(null);
    try {
      const moved = await api<ClockState>('POST', '/clock', { now: instant.toISOString() });
      setClock(moved);
      setMessage({ kind: 'done', text: t('calendar.clock.moved', { now: dateTime(moved.now) }) });
    } catch (err) {
      const backwards = err instanceof ApiError && err.fields.some((f) => f.field === 'now') && Date.parse(clock!.now) > instant.getTime();
      setMessage({ kind: 'error', text: backwards ? t('calendar.clock.notBackwards', { now: dateTime(clock!.now) }) : err instanceof ApiError ? err.message : String(err) });
    } finally {
      setBusy(false);
    }
  }

  async function nextMorning() {
    const day = await nextWorkingDay(almatyDate(new Date(clock!.now)));
    if (day) await moveTo(almatyInstant(day, '09:00'));
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!date || !/^\d{4}-\d{2}-\d{2}$/.test(date)) return setMessage({ kind: 'error', text: t('calendar.clock.badDate') });
    if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(time)) return setMessage({ kind: 'error', text: t('calendar.clock.badTime') });
    void moveTo(almatyInstant(date, time));
  }

  return (
    <section className="calendar-clock" aria-labelledby="calendar-clock-title">
      <h2 id="calendar-clock-title">{t('calendar.clock.title')}</h2>
      <p>
        {t('calendar.clock.now')} <strong data-testid="clock-now">{dateTime(clock.now)}</strong>
      </p>
      <p className="calendar-muted">{t('calendar.clock.intro')}</p>
      <button type="button" className="primary" disabled={busy} onClick={() => void nextMorning()}>
        {t('calendar.clock.nextMorning')}
      </button>
      <form onSubmit={submit} className="calendar-clock-form">
        <div className="calendar-date-field">
          <label htmlFor="training-clock-date">{t('calendar.clock.date')}</label>
          <DateInput id="training-clock-date" value={date} onChange={setDate} />
        </div>
        <label>
          {t('calendar.clock.time')}
          <input value={time} onChange={(e) => setTime(e.target.value)} placeholder="09:00" inputMode="numeric" />
        </label>
        <button type="submit" disabled={busy}>
          {t('calendar.clock.move')}
        </button>
      </form>
      {message && (
        <p className={message.kind === 'error' ? 'error' : 'calendar-muted'} role={message.kind === 'error' ? 'alert' : 'status'}>
          {message.text}
        </p>
      )}
    </section>
  );
}
