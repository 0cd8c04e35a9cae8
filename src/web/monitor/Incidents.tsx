import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, ApiError } from '../api';
import { dateTime } from '../format';
import type { Incident } from './types';

/** The case's incidents; an admin retries an open one (`POST /api/incidents/:id/retry`) once the cause is repaired. */
export function Incidents({ incidents, names, canRetry, onRetried }: { incidents: Incident[]; names: Map<string, string>; canRetry: boolean; onRetried(): void }) {
  const { t } = useTranslation();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  async function retry(incident: Incident) {
    setBusy(incident.id);
    setError(null);
    try {
      await api('POST', `/incidents/${incident.id}/retry`);
      onRetried();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
    } finally {
      setBusy(null);
    }
  }

  return (
    <section aria-labelledby="monitor-incidents">
      <h2 id="monitor-incidents">{t('monitor.incidents.title')}</h2>
      {incidents.length === 0 ? (
        <p className="monitor-muted">{t('monitor.incidents.none')}</p>
      ) : (
        <ul className="monitor-incidents">
          {incidents.map((i) => (
            <li key={i.id} className={i.status === 'open' ? 'monitor-incident-open' : 'monitor-incident-resolved'}>
              <div>
                <strong>{names.get(i.elementId) ?? i.elementId}</strong> · {t(`monitor.incidents.status.${i.status}`)} · {dateTime(i.createdAt)}
                {i.resolvedAt && ` → ${dateTime(i.resolvedAt)}`}
              </div>
              {/* What happened in the reader's language; the engine's own text (English) follows, for whoever repairs it. */}
              <p className="monitor-incident-lead">{t(`monitor.incidents.lead.${i.kind}`, { defaultValue: t('monitor.incidents.lead.error') })}</p>
              {i.status === 'open' && <CommissionHint message={i.message} />}
              <p className="monitor-message" lang="en">
                {i.message}
              </p>
              {canRetry && i.status === 'open' && (
                <button type="button" className="primary" disabled={busy === i.id} onClick={() => void retry(i)}>
                  {t('monitor.incidents.retry')}
                </button>
              )}
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

/** Where an admin sets the commission a privatization stopped for (src/engine/services/commission.ts's message names the provider). */
function CommissionHint({ message }: { message: string }) {
  const { t } = useTranslation();
  const provider = /provider "([^"]+)" has no housing commission/.exec(message)?.[1];
  if (!provider) return null;
  return (
    <p className="monitor-incident-lead">
      {t('monitor.incidents.noCommission', { provider })}{' '}
      <Link to={`/providers?provider=${encodeURIComponent(provider)}#commission`}>{t('monitor.incidents.openCommission', { provider })}</Link>
    </p>
  );
}
