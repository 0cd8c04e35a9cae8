import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, openDocument } from '../api';
import { useLocalName, type Names } from '../names';
import { dateTime } from '../format';

/** The started case as POST /api/definitions/:key/instances answers (the fields shown). */
export interface StartedCase {
  id: string;
  businessKey: string | null;
  registeredAt: string | null;
  dueAt: string | null;
}

interface CaseDocument {
  id: string;
  kind: string;
  fileName: string;
  url: string;
  createdAt: string;
}

interface Task {
  name: string | null;
  names?: Names | null;
  elementId: string;
}

/** How often the page asks whether the receipt has been issued, while it is not. */
const pollMs = 3000;

/** The receipts the start page waits for: given at the counter, or the refusal to accept. */
const receipts = ['acceptanceReceipt', 'refusalReceipt'];

/**
 * The registered case at once: its number, registration moment and statutory due date (Almaty),
 * and its documents to print — the receipt of acceptance once the case issues it (after the
 * completeness check), asked for again every few seconds until then. A service whose diagram
 * issues no receipt (`issues`, the document kinds of GET /api/definitions) is not waited on, and
 * the page says that the system makes none for it.
 */
export function CaseRegistered({ started, issues, onAnother }: { started: StartedCase; issues: readonly string[]; onAnother(): void }) {
  const { t, i18n } = useTranslation();
  const [documents, setDocuments] = useState<CaseDocument[] | null>(null);
  const [task, setTask] = useState<Task | null>(null);
  const [provider, setProvider] = useState<Names | null>(null);
  const localName = useLocalName();
  const step = localName(task) || null;

  // The body that provides this service, as the case's documents name it (the providers directory).
  useEffect(() => {
    api<{ providerNames: Names | null }>('GET', `/instances/${started.id}`).then(
      (details) => setProvider(details.providerNames),
      () => undefined
    );
  }, [started.id]);

  const load = useCallback(async () => {
    const [docs, tasks] = await Promise.all([api<CaseDocument[]>('GET', `/instances/${started.id}/documents`), api<Task[]>('GET', `/tasks?instance=${encodeURIComponent(started.id)}`).catch(() => [] as Task[])]);
    setDocuments(docs);
    setTask(tasks[0] ?? null);
    return docs;
  }, [started.id]);

  const waits = issues.some((kind) => receipts.includes(kind));
  const promised = issues.includes('acceptanceReceipt');

  useEffect(() => {
    let stop = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const tick = async () => {
      const docs = await load().catch(() => null);
      if (!stop && waits && !docs?.some((d) => receipts.includes(d.kind))) timer = setTimeout(() => void tick(), pollMs);
    };
    void tick();
    return () => {
      stop = true;
      clearTimeout(timer);
    };
  }, [load, waits]);

  const kindName = (kind: string) => (i18n.exists(`start.kinds.${kind}`) ? t(`start.kinds.${kind}`) : kind);

  return (
    <section className="start-registered" aria-labelledby="start-registered-title">
      <h2 id="start-registered-title">{t('start.registered')}</h2>
      <dl role="status">
        <div>
          <dt>{t('start.caseNumber')}</dt>
          <dd data-field="businessKey">{started.businessKey ?? t('start.noNumber')}</dd>
        </div>
        <div>
          <dt>{t('start.registeredAt')}</dt>
          <dd data-field="registeredAt">{dateTime(started.registeredAt)}</dd>
        </div>
        <div>
          <dt>{t('start.dueAt')}</dt>
          <dd data-field="dueAt">{dateTime(started.dueAt)}</dd>
        </div>
        {provider && (
          <div>
            <dt>{t('start.provider')}</dt>
            <dd data-field="provider">{localName({ names: provider })}</dd>
          </div>
        )}
      </dl>
      <h3>{t('start.documents')}</h3>
      {documents?.length ? (
        <ul className="start-documents">
          {documents.map((d) => (
            <li key={d.id}>
              <button type="button" className="primary" onClick={() => void openDocument(d)}>
                {t('start.open', { name: kindName(d.kind) })}
              </button>{' '}
              <span className="start-muted">{dateTime(d.createdAt)}</span>
            </li>
          ))}
        </ul>
      ) : promised ? (
        <p className="start-muted">
          {step ? t('start.receiptPending', { step }) : t('start.receiptPendingNoStep')}{' '}
          <button type="button" onClick={() => void load()}>
            {t('start.refresh')}
          </button>
        </p>
      ) : (
        <p className="start-muted" data-field="noReceipt">
          {t('start.noReceipt')}
        </p>
      )}
      <p>
        <button type="button" onClick={onAnother}>
          {t('start.another')}
        </button>
      </p>
    </section>
  );
}
