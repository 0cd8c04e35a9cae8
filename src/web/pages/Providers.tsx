import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { api } from '../api';
import { addStrings, currentLanguage } from '../i18n';
import type { Names } from '../names';
import en from '../locales/providers/en.json';
import kk from '../locales/providers/kk.json';
import ru from '../locales/providers/ru.json';
import { CommissionEditor } from '../providers/CommissionEditor';
import { ProviderEditor, serviceOptions } from '../providers/ProviderEditor';
import type { Provider } from '../providers/types';
import '../providers/providers.css';

addStrings({ en, kk, ru });

/**
 * The providers directory (admins, accounts.manage): each provider's names, BIN and address, and
 * the body that provides each service — what the case's documents, its page in the monitor and
 * the start page's receipt name (GET/PUT /api/providers) — and its housing commission
 * (GET/PUT /api/providers/:provider/commission). `?provider=` opens that provider's entry: the
 * incident of a privatization stopped for want of a commission links here.
 */
export default function Providers() {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const [providers, setProviders] = useState<Provider[] | null>(null);
  const [definitions, setDefinitions] = useState<{ key: string; name: string | null; names?: Names | null }[]>([]);
  const [params] = useSearchParams();
  const [selected, setSelected] = useState<string | null>(params.get('provider'));
  const [newId, setNewId] = useState('');
  const [failure, setFailure] = useState<string | null>(null);

  useEffect(() => {
    api<Provider[]>('GET', '/providers').then(
      (list) => {
        setProviders(list);
        setSelected((s) => s ?? list[0]?.id ?? null);
      },
      (err: Error) => setFailure(t('app.failed', { message: err.message }))
    );
    api<{ key: string; name: string | null; names?: Names | null }[]>('GET', '/definitions').then(
      (list) => setDefinitions([...new Map(list.map((d) => [d.key, d])).values()]),
      () => undefined
    );
  }, [t]);

  const services = useMemo(() => serviceOptions(definitions, lang, t), [definitions, lang, t]);
  const current = providers?.find((p) => p.id === selected) ?? null;

  function add(e: FormEvent) {
    e.preventDefault();
    const id = newId.trim();
    if (!id) return;
    setSelected(id);
    setNewId('');
  }

  return (
    <div className="providers-page">
      <h1>{t('providers.title')}</h1>
      <p className="providers-muted">{t('providers.intro')}</p>
      {failure && (
        <p className="error" role="alert">
          {failure}
        </p>
      )}
      {providers === null ? (
        <p className="loading">{t('app.loading')}</p>
      ) : (
        <div className="providers-layout">
          <aside>
            <h2>{t('providers.list')}</h2>
            {providers.length === 0 && <p className="providers-muted">{t('providers.empty')}</p>}
            <ul className="providers-list">
              {providers.map((p) => (
                <li key={p.id}>
                  <button type="button" aria-current={p.id === selected ? 'true' : undefined} onClick={() => setSelected(p.id)}>
                    <span>{p.names[lang] || p.id}</span>
                    <code>{p.id}</code>
                  </button>
                </li>
              ))}
            </ul>
            <form className="providers-new" onSubmit={add}>
              <h3>{t('providers.add')}</h3>
              <label htmlFor="providers-new-id">{t('providers.newId')}</label>
              <input id="providers-new-id" value={newId} maxLength={100} onChange={(e) => setNewId(e.target.value)} />
              <button type="submit" disabled={!newId.trim()}>
                {t('providers.create')}
              </button>
            </form>
          </aside>
          {selected && (
            <div className="providers-entry">
              <ProviderEditor
                key={selected}
                id={selected}
                saved={current}
                services={services}
                onSaved={(row) => setProviders((list) => [...(list ?? []).filter((p) => p.id !== row.id), row].sort((a, b) => a.id.localeCompare(b.id)))}
              />
              <CommissionEditor key={`commission-${selected}`} provider={selected} />
            </div>
          )}
        </div>
      )}
    </div>
  );
}
