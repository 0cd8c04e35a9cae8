import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, openDocument } from '../api';
import { dateTime } from '../format';
import type { DocumentInfo } from './types';

/** The documents the case produced; each opens as a PDF in a new tab, fetched with the session. */
export function Documents({ instanceId, refresh }: { instanceId: string; refresh: number }) {
  const { t } = useTranslation();
  const [docs, setDocs] = useState<DocumentInfo[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    api<DocumentInfo[]>('GET', `/instances/${instanceId}/documents`).then(setDocs, (err: Error) => setError(err.message));
  }, [instanceId, refresh]);

  async function open(doc: DocumentInfo) {
    await openDocument(doc).catch((err: Error) => setError(err.message));
  }

  return (
    <section aria-labelledby="monitor-documents">
      <h2 id="monitor-documents">{t('monitor.documents.title')}</h2>
      {docs === null ? (
        !error && <p className="monitor-muted">{t('app.loading')}</p>
      ) : docs.length === 0 ? (
        <p className="monitor-muted">{t('monitor.documents.none')}</p>
      ) : (
        <ul className="monitor-documents">
          {docs.map((d) => (
            <li key={d.id}>
              <button type="button" onClick={() => void open(d)}>
                {t('monitor.documents.open', { name: t(`monitor.documents.kinds.${d.kind}`, { defaultValue: d.fileName }) })}
              </button>{' '}
              <span className="monitor-muted">{dateTime(d.createdAt)}</span>
            </li>
          ))}
        </ul>
      )}
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
    </section>
  );
}
