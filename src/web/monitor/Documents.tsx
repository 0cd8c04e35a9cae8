import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, openDocument } from '../api';
import { dateTime } from '../format';
import { useLocalName } from '../names';
import type { DocumentInfo } from './types';

/**
 * The documents the case and the cases it called for the same applicant issued, each titled as the
 * act titles it in the reader's language, with its number and date, and the step that issued it;
 * each opens as a PDF in a new tab, fetched with the session.
 */
export function Documents({ instanceId, refresh, processName }: { instanceId: string; refresh: number; processName(key: string): string }) {
  const { t } = useTranslation();
  const localName = useLocalName();
  // As the acts date their documents: dd.mm.yyyy, Almaty's day.
  const date = (iso: string) => dateTime(iso).split(',')[0]!;
  const title = (d: DocumentInfo) => {
    const name = t(`monitor.documents.kinds.${d.kind}`, { defaultValue: d.kind });
    return d.number ? t('monitor.documents.titled', { title: name, number: d.number, date: date(d.createdAt) }) : t('monitor.documents.titledNoNumber', { title: name, date: date(d.createdAt) });
  };
  const issuer = (d: DocumentInfo) => {
    if (!d.issuedBy) return null;
    const step = localName(d.issuedBy, d.issuedBy.elementId);
    return d.issuedBy.instanceId === instanceId ? t('monitor.documents.issuedBy', { step }) : t('monitor.documents.issuedByCalled', { step, process: processName(d.issuedBy.definitionKey) });
  };
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
                {title(d)}
              </button>{' '}
              <span className="monitor-muted">
                {dateTime(d.createdAt)}
                {issuer(d) && ` · ${issuer(d)}`}
              </span>
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
