import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ariaDescribedByIds, type WidgetProps } from '@rjsf/utils';
import { dateTime } from '../format';

/** dd.mm.yyyy hh:mm (or dd/mm/yyyy, with or without a comma): a moment in Almaty as people write it. */
const written = /^\s*(\d{1,2})[./](\d{1,2})[./](\d{4}),?\s+(\d{1,2}):(\d{2})\s*$/;

/**
 * The moment a clerk types, read in Almaty's time (UTC+5 all year since 1 March 2024), as the
 * instant the form data keeps: `2026-12-08T11:00:00+05:00`. Text that is no such moment is kept
 * as typed, for the schema's `format: date-time` to refuse at the field.
 */
export function almatyInstant(text: string): string | undefined {
  if (!text.trim()) return undefined;
  const m = written.exec(text);
  if (!m) return text;
  const [day, month, year, hour, minute] = [m[1], m[2], m[3], m[4], m[5]].map(Number) as [number, number, number, number, number];
  const check = new Date(Date.UTC(year, month - 1, day, hour, minute));
  if (check.getUTCDate() !== day || check.getUTCMonth() !== month - 1 || hour > 23) return text;
  const two = (n: number) => String(n).padStart(2, '0');
  return `${year}-${two(month)}-${two(day)}T${two(hour)}:${two(minute)}:00+05:00`;
}

/**
 * react-jsonschema-form's widget for `format: date-time` (./widgets.ts): the moment written and
 * read in Almaty's time and the reader's numeric style (`08.12.2026, 11:00`), whatever the
 * browser's own zone — rjsf's own datetime-local input would take the browser's zone and its
 * US-style mm/dd/yyyy.
 */
export function DateTimeWidget({ id, htmlName, value, required, disabled, readonly, autofocus, onChange, onBlur, onFocus, rawErrors }: WidgetProps) {
  const { t } = useTranslation();
  const shown = (v: unknown) => (typeof v === 'string' && !Number.isNaN(Date.parse(v)) && /T/.test(v) ? dateTime(v) : typeof v === 'string' ? v : '');
  const [text, setText] = useState(() => shown(value));
  // A value set from outside (the form's data loaded, the language switched) is shown anew.
  useEffect(() => {
    if (almatyInstant(text) !== value) setText(shown(value));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [value]);
  return (
    <input
      id={id}
      name={htmlName || id}
      className="form-control"
      type="text"
      inputMode="numeric"
      placeholder={t('forms.dateTime.pattern')}
      title={t('forms.dateTime.help')}
      value={text}
      required={required}
      disabled={disabled}
      readOnly={readonly}
      autoFocus={autofocus}
      aria-invalid={rawErrors?.length ? true : undefined}
      aria-describedby={ariaDescribedByIds(id)}
      onChange={(e) => {
        setText(e.target.value);
        onChange(almatyInstant(e.target.value));
      }}
      onBlur={() => onBlur(id, value)}
      onFocus={() => onFocus(id, value)}
    />
  );
}
