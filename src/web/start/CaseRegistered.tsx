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

/**
 * The registered case at once: its number, registration moment and statutory due date (Almaty),
 * and its documents to print — the receipt of acceptance once the case issues it (after the
 * completeness check), asked for again every few seconds until then.
 */
export function CaseRegistered({ started, onAnother }: { started: StartedCase; onAnother(): void }) {
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

  useEffect(() => {
    let stop = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const tick = async () => {
      const docs = await load().catch(() => null);
      if (!stop && !docs?.some((d) => d.kind === 'acceptanceReceipt' || d.kind === 'refusalReceipt')) timer = setTimeout(() => void tick(), pollMs);
    };
    void tick();
    return () => {
      stop = true;
      clearTimeout(timer);
    };
  }, [load]);

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
      ) : (
        <p className="start-muted">
          {step ? t('start.receiptPending', { step }) : t('start.receiptPendingNoStep')}{' '}
          <button type="button" onClick={() => void load()}>
            {t('start.refresh')}
          </button>
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
