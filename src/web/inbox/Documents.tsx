import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, openDocument } from '../api';
import { dateTime } from '../format';
import type { CaseDocument } from './types';

/**
 * The documents the case produced in its earlier steps (receipts, notices), each opened as a PDF
 * in a new tab. The file is fetched with the session (the server sends it as an attachment) and
 * shown from a blob, so the browser's PDF viewer opens it instead of a download.
 */
export function Documents({ instanceId }: { instanceId: string }) {
  const { t } = useTranslation();
  const [documents, setDocuments] = useState<CaseDocument[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let current = true;
    setDocuments(null);
    api<CaseDocument[]>('GET', `/instances/${encodeURIComponent(instanceId)}/documents`).then(
      (list) => current && setDocuments(list),
      (err: Error) => current && setError(err.message)
    );
    return () => {
      current = false;
    };
  }, [instanceId]);

  async function open(doc: CaseDocument) {
    await openDocument(doc).catch((err: Error) => setError(err.message));
  }

  return (
    <section className="inbox-documents" aria-labelledby="inbox-documents-title">
      <h3 id="inbox-documents-title">{t('inbox.documents.title')}</h3>
      {error && <p className="error" role="alert">{t('app.failed', { message: error })}</p>}
      {documents === null && !error && <p className="loading">{t('app.loading')}</p>}
      {documents?.length === 0 && <p className="muted">{t('inbox.documents.none')}</p>}
      {!!documents?.length && (
        <ul>
          {documents.map((doc) => (
            <li key={doc.id}>
              <button type="button" className="link" onClick={() => void open(doc)}>
                {t(`inbox.documents.kind.${doc.kind}`, { defaultValue: doc.fileName })}
              </button>{' '}
              <span className="muted">{dateTime(doc.createdAt)}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
