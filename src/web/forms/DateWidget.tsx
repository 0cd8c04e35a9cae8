import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ariaDescribedByIds, type WidgetProps } from '@rjsf/utils';
import { addStrings } from '../i18n';
import en from '../locales/forms/en.json';
import kk from '../locales/forms/kk.json';
import ru from '../locales/forms/ru.json';
import { readTypedDate, shownDate } from './dates';
import './forms.css';

addStrings({ en, kk, ru });

/**
 * react-jsonschema-form's date widget for Qyzmet (`widgets={{ DateWidget }}`): a text field that
 * shows and takes dd.mm.yyyy in every language — Chromium's own date input follows the browser's
 * locale (mm/dd/yyyy on an English system) — and gives the form ISO `YYYY-MM-DD`. What is not a
 * date yet stays in the form as typed, so the form's check (or the server's 400) refuses it;
 * after the clerk leaves the field the widget says why, at the field: no such date (31.02.2026),
 * or how to write one. The label is rjsf's (`for` this input); the expected pattern is said
 * beside the field and read out with it.
 */
export function DateWidget({ id, htmlName, value, required, disabled, readonly, autofocus, onChange, onBlur, onFocus, rawErrors }: WidgetProps) {
  const { t } = useTranslation();
  const [text, setText] = useState(() => shownDate(value));
  const [left, setLeft] = useState(false);

  // A value set from outside (the server's data, a reset) is shown; the clerk's own typing is kept as typed.
  useEffect(() => {
    const typed = readTypedDate(text);
    const same = typed.kind === 'date' ? typed.iso === value : typed.kind === 'empty' ? value === undefined || value === '' : text === value;
    if (!same) setText(shownDate(value));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [value]);

  const typed = readTypedDate(text);
  const problem = !left || rawErrors?.length ? null : typed.kind === 'impossible' ? t('forms.date.impossible', { text: text.trim() }) : typed.kind === 'unreadable' ? t('forms.date.unreadable') : null;
  const hint = `${id}__date-pattern`;
  const own = `${id}__date-problem`;

  return (
    <span className="date-widget">
      <input
        id={id}
        name={htmlName || id}
        type="text"
        className="form-control date-widget-input"
        inputMode="numeric"
        autoComplete="off"
        maxLength={10}
        size={10}
        value={text}
        required={required}
        disabled={disabled}
        readOnly={readonly}
        autoFocus={autofocus}
        aria-invalid={problem || rawErrors?.length ? true : undefined}
        aria-describedby={[hint, problem ? own : '', ariaDescribedByIds(id)].filter(Boolean).join(' ')}
        onChange={(e) => {
          setText(e.target.value);
          const next = readTypedDate(e.target.value);
          onChange(next.kind === 'date' ? next.iso : next.kind === 'empty' ? undefined : e.target.value);
        }}
        onBlur={() => {
          setLeft(true);
          // A whole date typed as 5.3.2026 is shown as the form keeps it: 05.03.2026.
          if (typed.kind === 'date') setText(shownDate(typed.iso));
          onBlur(id, value);
        }}
        onFocus={() => onFocus(id, value)}
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
