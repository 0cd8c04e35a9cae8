import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../api';

type ValueType = 'text' | 'number' | 'boolean' | 'json';

function typeOf(value: unknown): ValueType {
  if (typeof value === 'string') return 'text';
  if (typeof value === 'number') return 'number';
  if (typeof value === 'boolean') return 'boolean';
  return 'json';
}

function show(value: unknown, type: ValueType): string {
  return type === 'json' ? JSON.stringify(value, null, 2) : String(value);
}

/** Reads the typed-in text as the chosen type; throws the key of the message when it is not one. */
function parse(text: string, type: ValueType): unknown {
  if (type === 'text') return text;
  if (type === 'boolean') return text === 'true';
  if (type === 'number') {
    const n = Number(text.trim());
    if (text.trim() === '' || !Number.isFinite(n)) throw new Error('monitor.variables.notNumber');
    return n;
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new Error('monitor.variables.notJson');
  }
}

/** The type and value controls of one variable, labelled for the variable they edit. */
function ValueEditor({ name, type, text, onType, onText }: { name: string; type: ValueType; text: string; onType(t: ValueType): void; onText(v: string): void }) {
  const { t } = useTranslation();
  return (
    <>
      <label>
        {t('monitor.variables.type')}
        <select value={type} onChange={(e) => onType(e.target.value as ValueType)} aria-label={t('monitor.variables.typeOf', { name })}>
          {(['text', 'number', 'boolean', 'json'] as const).map((v) => (
            <option key={v} value={v}>
              {t(`monitor.variables.types.${v}`)}
            </option>
          ))}
        </select>
      </label>
      {type === 'boolean' ? (
        <label>
          {t('monitor.variables.value')}
          <select value={text === 'true' ? 'true' : 'false'} onChange={(e) => onText(e.target.value)} aria-label={t('monitor.variables.valueOf', { name })}>
            <option value="true">{t('monitor.yes')}</option>
            <option value="false">{t('monitor.no')}</option>
          </select>
        </label>
      ) : (
        <label>
          {t('monitor.variables.value')}
          <textarea value={text} rows={type === 'json' ? 6 : 1} onChange={(e) => onText(e.target.value)} aria-label={t('monitor.variables.valueOf', { name })} />
        </label>
      )}
    </>
  );
}

/**
 * The case's process variables. An admin (`canEdit`) changes one or sets a new one: the server
 * merges it (`PUT /api/instances/:id/variables`) and history records who did it.
 */
export function Variables({ instanceId, variables, canEdit, running, onSaved }: { instanceId: string; variables: Record<string, unknown>; canEdit: boolean; running: boolean; onSaved(): void }) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState<{ name: string; isNew: boolean; type: ValueType; text: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const names = Object.keys(variables).sort((a, b) => a.localeCompare(b));

  function edit(name: string) {
    const type = typeOf(variables[name]);
    setError(null);
    setEditing({ name, isNew: false, type, text: show(variables[name], type) });
  }

  async function save(e: FormEvent) {
    e.preventDefault();
    if (!editing) return;
    const name = editing.name.trim();
    if (!name) return setError(t('monitor.variables.nameRequired'));
    let value: unknown;
    try {
      value = parse(editing.text, editing.type);
    } catch (err) {
      return setError(t((err as Error).message));
    }
    setBusy(true);
    setError(null);
    try {
      await api('PUT', `/instances/${instanceId}/variables`, { variables: { [name]: value } });
      setEditing(null);
      onSaved();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  }

  const form = editing && (
    <form className="monitor-variable-form" onSubmit={save} aria-label={t('monitor.variables.editing', { name: editing.name || '…' })}>
      {editing.isNew && (
        <label>
          {t('monitor.variables.name')}
          <input value={editing.name} onChange={(e) => setEditing({ ...editing, name: e.target.value })} autoFocus />
        </label>
      )}
      <ValueEditor name={editing.name} type={editing.type} text={editing.text} onType={(type) => setEditing({ ...editing, type })} onText={(text) => setEditing({ ...editing, text })} />
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <div className="monitor-actions">
        <button type="submit" disabled={busy}>
          {t('monitor.variables.save')}
        </button>
        <button type="button" onClick={() => setEditing(null)}>
          {t('monitor.variables.discard')}
        </button>
      </div>
    </form>
  );

  return (
    <section aria-labelledby="monitor-variables">
      <h2 id="monitor-variables">{t('monitor.variables.title')}</h2>
      {names.length === 0 ? (
        <p className="monitor-muted">{t('monitor.variables.none')}</p>
      ) : (
        <table className="monitor-table monitor-variables">
          <thead>
            <tr>
              <th scope="col">{t('monitor.variables.name')}</th>
              <th scope="col">{t('monitor.variables.value')}</th>
              {canEdit && running && <th scope="col"><span className="visually-hidden">{t('monitor.variables.actions')}</span></th>}
            </tr>
          </thead>
          <tbody>
            {names.map((name) => {
              const value = variables[name];
              const type = typeOf(value);
              const text = type === 'boolean' ? t(value ? 'monitor.yes' : 'monitor.no') : show(value, type);
              return (
                <tr key={name}>
                  <th scope="row">
                    <code>{name}</code>
                  </th>
                  <td>
                    {type === 'json' && text.length > 80 ? (
                      <details>
                        <summary>{JSON.stringify(value).slice(0, 60)}…</summary>
                        <pre>{text}</pre>
                      </details>
                    ) : type === 'json' ? (
                      <code>{JSON.stringify(value)}</code>
                    ) : (
                      text
                    )}
                  </td>
                  {canEdit && running && (
                    <td>
                      <button type="button" onClick={() => edit(name)} aria-label={t('monitor.variables.editOne', { name })}>
                        {t('monitor.variables.edit')}
                      </button>
                    </td>
                  )}
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {canEdit && running && (
        <>
          {form}
          {!editing && (
            <button type="button" onClick={() => (setError(null), setEditing({ name: '', isNew: true, type: 'text', text: '' }))}>
              {t('monitor.variables.add')}
            </button>
          )}
        </>
      )}
    </section>
  );
}
