import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../api';
import { currentLanguage } from '../i18n';
import { DateInput } from '../forms/DateInput';
import { readTypedDate } from '../forms/dates';
import { longDate, type Decree } from './days';

/**
 * The decrees of a year: listed for everyone; an administrator (calendar.edit) records one
 * (PUT /api/calendar/overrides/:date) and removes one (DELETE). The server's 400 is shown at the
 * field it names.
 */
export function DecreeEditor({ year, decrees, canEdit, picked, onChanged }: { year: number; decrees: Decree[]; canEdit: boolean; picked?: string; onChanged(): void }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const [date, setDate] = useState('');
  const [kind, setKind] = useState<'workingDay' | 'dayOff'>('dayOff');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (picked) setDate(picked);
  }, [picked]);

  const ofYear = decrees.filter((d) => d.date.startsWith(String(year))).sort((a, b) => a.date.localeCompare(b.date));

  async function save(e: FormEvent) {
    e.preventDefault();
    setDone(null);
    const problems: Record<string, string> = {};
    if (!date) problems.date = t('calendar.errors.date');
    else if (readTypedDate(date).kind !== 'date') problems.date = t('forms.date.invalid');
    if (!reason.trim()) problems.reason = t('calendar.errors.reason');
    setErrors(problems);
    if (Object.keys(problems).length) return;
    setBusy(true);
    try {
      await api('PUT', `/calendar/overrides/${encodeURIComponent(date)}`, { kind, reason: reason.trim() });
      setDone(t('calendar.saved', { date: longDate(date, lang) }));
      setReason('');
      onChanged();
    } catch (err) {
      const field = err instanceof ApiError ? (err.fields[0]?.field ?? 'date') : 'date';
      const message = err instanceof ApiError && field === 'kind' && /already/.test(err.message) ? t('calendar.errors.changesNothing', { what: kind === 'workingDay' ? t('calendar.toWorkingDay') : t('calendar.toDayOff') }) : (err as Error).message;
      setErrors({ [field]: message });
    } finally {
      setBusy(false);
    }
  }

  async function remove(d: Decree) {
    setDone(null);
    await api('DELETE', `/calendar/overrides/${encodeURIComponent(d.date)}`);
    setDone(t('calendar.removed', { date: longDate(d.date, lang) }));
    onChanged();
  }

  const errorOf = (field: string) =>
    errors[field] ? (
      <span id={`decree-${field}-error`} className="error" role="alert">
        {errors[field]}
      </span>
    ) : null;

  return (
    <section className="calendar-decrees" aria-labelledby="calendar-decrees-title">
      <h2 id="calendar-decrees-title">{t('calendar.decrees', { year })}</h2>
      {ofYear.length ? (
        <ul>
          {ofYear.map((d) => (
            <li key={d.date}>
              <strong>{longDate(d.date, lang)}</strong> — {d.kind === 'workingDay' ? t('calendar.kinds.decreedWorkingDay') : t('calendar.kinds.decreedDayOff')}: {d.reason}{' '}
              {canEdit && (
                <button type="button" aria-label={t('calendar.remove', { date: longDate(d.date, lang) })} onClick={() => void remove(d)}>
                  {t('calendar.removeShort')}
                </button>
              )}
            </li>
          ))}
        </ul>
      ) : (
        <p className="calendar-muted">{t('calendar.noDecrees', { year })}</p>
      )}
      {done && <p role="status">{done}</p>}
      {canEdit ? (
        <form onSubmit={save} noValidate>
          <h3>{t('calendar.addDecree')}</h3>
          <p className="calendar-muted">{t('calendar.pickHint')}</p>
          <div className="calendar-date-field">
            <label htmlFor="decree-date">{t('calendar.date')}</label>
            <DateInput id="decree-date" name="date" value={date} onChange={(value) => setDate(value ?? '')} invalid={!!errors.date} describedBy={errors.date ? 'decree-date-error' : undefined} />
            {errorOf('date')}
          </div>
          <label>
            <span>{t('calendar.kind')}</span>
            <select name="kind" value={kind} onChange={(e) => setKind(e.target.value as 'workingDay' | 'dayOff')} aria-invalid={errors.kind ? true : undefined} aria-describedby={errors.kind ? 'decree-kind-error' : undefined}>
              <option value="dayOff">{t('calendar.toDayOff')}</option>
              <option value="workingDay">{t('calendar.toWorkingDay')}</option>
            </select>
            {errorOf('kind')}
          </label>
          <label className="calendar-reason">
            <span>{t('calendar.reason')}</span>
            <input name="reason" value={reason} maxLength={1000} onChange={(e) => setReason(e.target.value)} aria-invalid={errors.reason ? true : undefined} aria-describedby={errors.reason ? 'decree-reason-error' : undefined} />
            {errorOf('reason')}
          </label>
          <button type="submit" disabled={busy}>
            {t('calendar.save')}
          </button>
        </form>
      ) : (
        <p className="calendar-muted">{t('calendar.readOnly')}</p>
      )}
    </section>
  );
}
