import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { addStrings } from '../i18n';
import en from '../locales/forms/en.json';
import kk from '../locales/forms/kk.json';
import ru from '../locales/forms/ru.json';
import { readTypedDate, shownDate } from './dates';
import './forms.css';

addStrings({ en, kk, ru });

interface Props {
  /** The input's id, for the page's `<label htmlFor>`. */
  id: string;
  name?: string;
  /** ISO `YYYY-MM-DD`, or what was typed that is not a date yet, or undefined/'' for none. */
  value: string | undefined;
  /** ISO for a whole date, undefined for an empty field, the text as typed otherwise. */
  onChange(value: string | undefined): void;
  onBlur?(): void;
  onFocus?(): void;
  required?: boolean;
  disabled?: boolean;
  readOnly?: boolean;
  autoFocus?: boolean;
  /** The page already shows an error for this field: the input is marked, its own problem is not said twice. */
  invalid?: boolean;
  /** Ids of the page's own descriptions of the field (help, errors), read out after the pattern. */
  describedBy?: string;
}

/**
 * A date field in dd.mm.yyyy for every language — Chromium's own `<input type="date">` follows
 * the browser's locale, mm/dd/yyyy on an English system, while clerks in Almaty write dd.mm.yyyy —
 * giving the page ISO `YYYY-MM-DD`. Typing `5.3.2026`, `05/03/2026`, `05032026` or a pasted ISO
 * date works. What is not a date yet is given as typed, so the page's check (or the server's 400)
 * refuses it; once the clerk leaves the field it says why, at the field: no such date (31.02.2026),
 * or how to write one. The pattern is shown beside the field and read out with it.
 */
export function DateInput({ id, name, value, onChange, onBlur, onFocus, required, disabled, readOnly, autoFocus, invalid, describedBy }: Props) {
  const { t } = useTranslation();
  const [text, setText] = useState(() => shownDate(value));
  const [left, setLeft] = useState(false);

  // A value set from outside (the server's data, a day picked elsewhere) is shown; the clerk's own typing is kept as typed.
  useEffect(() => {
    const typed = readTypedDate(text);
    const same = typed.kind === 'date' ? typed.iso === value : typed.kind === 'empty' ? !value : text === value;
    if (!same) setText(shownDate(value));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [value]);

  const typed = readTypedDate(text);
  const problem = !left || invalid ? null : typed.kind === 'impossible' ? t('forms.date.impossible', { text: text.trim() }) : typed.kind === 'unreadable' ? t('forms.date.unreadable') : null;
  const hint = `${id}__date-pattern`;
  const own = `${id}__date-problem`;

  return (
    <span className="date-widget">
      <input
        id={id}
        name={name ?? id}
        type="text"
        className="form-control date-widget-input"
        inputMode="numeric"
        autoComplete="off"
        maxLength={10}
        size={10}
        value={text}
        required={required}
        disabled={disabled}
        readOnly={readOnly}
        autoFocus={autoFocus}
        aria-invalid={problem || invalid ? true : undefined}
        aria-describedby={[hint, problem ? own : '', describedBy ?? ''].filter(Boolean).join(' ')}
        onChange={(e) => {
          setText(e.target.value);
          const next = readTypedDate(e.target.value);
          onChange(next.kind === 'date' ? next.iso : next.kind === 'empty' ? undefined : e.target.value);
        }}
        onBlur={() => {
          setLeft(true);
          // A whole date typed as 5.3.2026 is shown as the page keeps it: 05.03.2026.
          if (typed.kind === 'date') setText(shownDate(typed.iso));
          onBlur?.();
        }}
        onFocus={() => onFocus?.()}
      />
      <span id={hint} className="date-widget-pattern">
        {t('forms.date.pattern')}
      </span>
      {problem && (
        <span id={own} className="date-widget-problem error" role="alert">
          {problem}
        </span>
      )}
    </span>
  );
}
