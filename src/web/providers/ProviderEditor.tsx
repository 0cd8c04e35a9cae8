import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../api';
import { dateTime } from '../format';
import { languages, type Language } from '../i18n';
import { useSession } from '../session';
import type { Names } from '../names';
import { emptyNames, regulations, type Provider, type ProviderInput } from './types';

/** A service the entry may name a body for: a deployed definition or a regulation, with its name on screen. */
export interface ServiceOption {
  key: string;
  label: string;
}

/** A DOM id from a field path the server names (`services.privatization.ru`). */
const idOf = (field: string) => `provider-${field.replace(/[^A-Za-z0-9_-]+/g, '-')}`;

/**
 * One provider's entry, edited whole and saved with PUT /api/providers/:provider; a field the
 * server refuses shows its error beside it (names.en, bin, services.privatization.ru). Mounted
 * afresh (`key`) for each provider, so what is typed never leaks into another's entry.
 */
export function ProviderEditor({ id, saved, services, onSaved }: { id: string; saved: Provider | null; services: ServiceOption[]; onSaved(p: Provider): void }) {
  const { t } = useTranslation();
  const { me } = useSession();
  const [names, setNames] = useState<Names>(saved?.names ?? emptyNames);
  const [bin, setBin] = useState(saved?.bin ?? '');
  const [address, setAddress] = useState(saved?.address ?? '');
  const [bodies, setBodies] = useState<[string, Names][]>(Object.entries(saved?.services ?? {}));
  const [adding, setAdding] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [status, setStatus] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const label = (key: string) => services.find((s) => s.key === key)?.label ?? key;
  const unnamed = services.filter((s) => !bodies.some(([k]) => k === s.key));
  const say = (field: string, message: string) => (field === 'bin' ? t('providers.errors.bin') : field === 'provider' ? t('providers.errors.id') : /^(names|services)\./.test(field) ? t('providers.errors.name') : t('providers.errors.other', { message }));

  async function save(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setErrors({});
    setStatus(null);
    const body: ProviderInput = { names, bin: bin.trim() || null, address: address.trim() || null, services: Object.fromEntries(bodies) };
    try {
      const row = await api<Provider>('PUT', `/providers/${encodeURIComponent(id)}`, body);
      setStatus(t('providers.saved', { at: dateTime(row.updatedAt), by: row.updatedBy === me?.username ? me.displayName : row.updatedBy }));
      onSaved(row);
    } catch (err) {
      const fields = err instanceof ApiError ? err.fields : [];
      if (fields.length) {
        setErrors(Object.fromEntries(fields.map((f) => [f.field, say(f.field, f.message)])));
        setStatus(t('providers.notSaved'));
      } else setStatus((err as Error).message);
    } finally {
      setBusy(false);
    }
  }

  /** A text field with its label; `context` is read out before the label but not shown (the service's name above says it). */
  const text = (field: string, value: string, set: (v: string) => void, labelText: string, multiline = false, context?: string) => {
    const error = errors[field];
    const props = { id: idOf(field), value, 'aria-invalid': error ? true : undefined, 'aria-describedby': error ? `${idOf(field)}-error` : undefined } as const;
    return (
      <div className="providers-field" key={field}>
        <label htmlFor={idOf(field)}>
          {context && <span className="visually-hidden">{context}: </span>}
          {labelText}
        </label>
        {multiline ? <textarea {...props} rows={Math.min(5, Math.max(2, Math.ceil(value.length / 30)))} onChange={(e) => set(e.target.value)} /> : <input {...props} onChange={(e) => set(e.target.value)} />}
        {error && (
          <span className="error" id={`${idOf(field)}-error`}>
            {error}
          </span>
        )}
      </div>
    );
  };

  return (
    <form className="providers-editor" onSubmit={(e) => void save(e)} aria-labelledby="providers-editor-title">
      <h2 id="providers-editor-title">
        {t('providers.id')}: <code>{id}</code>
      </h2>
      <fieldset>
        <legend>{t('providers.names')}</legend>
        <div className="providers-service-names">{languages.map((l) => text(`names.${l.code}`, names[l.code], (v) => setNames({ ...names, [l.code]: v }), t(`providers.${l.code}`), true, t('providers.names')))}</div>
      </fieldset>
      <div className="providers-row">
        {text('bin', bin, setBin, `${t('providers.bin')} (${t('providers.binHint')})`)}
        {text('address', address, setAddress, t('providers.address'), true)}
      </div>
      <fieldset>
        <legend>{t('providers.services')}</legend>
        {bodies.map(([key, body], i) => (
          <div className="providers-service" key={key} data-service={key}>
            <div className="providers-service-head">
              <strong>{label(key)}</strong>
              <button type="button" onClick={() => setBodies(bodies.filter((_, j) => j !== i))}>
                {t('providers.remove')}
                <span className="visually-hidden">: {label(key)}</span>
              </button>
            </div>
            <div className="providers-service-names">
              {languages.map((l) => text(`services.${key}.${l.code}`, body[l.code], (v) => setBodies(bodies.map((b, j) => (j === i ? [key, { ...body, [l.code]: v }] : b))), t(`providers.${l.code}`), true, label(key)))}
            </div>
          </div>
        ))}
        {unnamed.length > 0 && (
          <div className="providers-add-service">
            <label htmlFor="providers-add-service">{t('providers.addService')}</label>
            <select id="providers-add-service" value={adding} onChange={(e) => setAdding(e.target.value)}>
              <option value="" />
              {unnamed.map((s) => (
                <option key={s.key} value={s.key}>
                  {s.label}
                </option>
              ))}
            </select>
            <button
              type="button"
              disabled={!adding}
              onClick={() => {
                setBodies([...bodies, [adding, emptyNames]]);
                setAdding('');
              }}
            >
              {t('providers.addServiceButton')}
            </button>
          </div>
        )}
      </fieldset>
      <p className="providers-actions">
        <button type="submit" className="primary" disabled={busy}>
          {t('providers.save')}
        </button>{' '}
        {status && (
          <span role="status" className={Object.keys(errors).length ? 'error' : 'providers-muted'}>
            {status}
          </span>
        )}
      </p>
    </form>
  );
}

/** The services an entry may name: the two regulations, then each deployed definition by its name. */
export function serviceOptions(definitions: { key: string; name: string | null; names?: Names | null }[], language: Language, t: (key: string) => string): ServiceOption[] {
  return [
    ...regulations.map((key) => ({ key, label: t(`providers.regulation.${key}`) })),
    ...definitions.map((d) => ({ key: d.key, label: d.names?.[language] || d.name || d.key })).sort((a, b) => a.label.localeCompare(b.label, language)),
  ];
}
