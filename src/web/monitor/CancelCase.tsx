import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../api';

/** Cancels a running case (`POST /api/instances/:id/cancel`) after the admin confirms it. */
export function CancelCase({ instanceId, caseName, onCanceled }: { instanceId: string; caseName: string; onCanceled(): void }) {
  const { t } = useTranslation();
  const [asking, setAsking] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // Closing the question (No, Escape) puts focus back on the button that opened it, not on the page's top.
  const opener = useRef<HTMLButtonElement>(null);
  const asked = useRef(false);
  useEffect(() => {
    if (asking) asked.current = true;
    else if (asked.current) opener.current?.focus();
  }, [asking]);

  async function cancel() {
    setBusy(true);
    setError(null);
    try {
      await api('POST', `/instances/${instanceId}/cancel`);
      setAsking(false);
      onCanceled();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  }

  if (!asking) {
    return (
      <button type="button" ref={opener} className="monitor-danger" onClick={() => setAsking(true)}>
        {t('monitor.cancel.button')}
      </button>
    );
  }
  return (
    <div role="alertdialog" aria-labelledby="monitor-cancel-question" className="monitor-confirm" onKeyDown={(e) => e.key === 'Escape' && !busy && setAsking(false)}>
      <p id="monitor-cancel-question">{t('monitor.cancel.question', { name: caseName })}</p>
      <div className="monitor-actions">
        <button type="button" className="monitor-danger-solid" disabled={busy} onClick={() => void cancel()}>
          {t('monitor.cancel.yes')}
        </button>
        <button type="button" autoFocus onClick={() => setAsking(false)}>
          {t('monitor.cancel.no')}
        </button>
      </div>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
    </div>
  );
}
