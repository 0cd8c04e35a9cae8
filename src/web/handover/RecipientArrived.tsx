import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api';
import { addStrings } from '../i18n';
import en from '../locales/handover/en.json';
import kk from '../locales/handover/kk.json';
import ru from '../locales/handover/ru.json';

addStrings({ en, kk, ru });

/** The message the electronic queue sends when it calls the recipient of a result (README "hand-over"; seed 004 para 11). */
export const recipientArrived = 'ResultRecipientArrived';

/**
 * The name of the message an element waits for (its messageEventDefinition's message), from the
 * diagram's XML; null when it waits for none.
 */
export function awaitedMessage(xml: string, elementId: string): string | null {
  const doc = new DOMParser().parseFromString(xml, 'application/xml');
  const element = Array.from(doc.getElementsByTagNameNS('*', '*')).find((e) => e.getAttribute('id') === elementId);
  const ref = element && Array.from(element.getElementsByTagNameNS('*', 'messageEventDefinition'))[0]?.getAttribute('messageRef');
  if (!ref) return null;
  const message = Array.from(doc.getElementsByTagNameNS('*', 'message')).find((m) => m.getAttribute('id') === ref);
  return message?.getAttribute('name') ?? null;
}

/**
 * A State Corporation operator records that the recipient has come for the result: the case waits
 * for the message ResultRecipientArrived (the Almaty regulation's action 6), and the button posts it
 * by the case's number (POST /api/messages), as the electronic queue would.
 */
export function RecipientArrived({ businessKey, onRecorded }: { businessKey: string; onRecorded(): void }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);

  async function record() {
    setBusy(true);
    setStatus(null);
    try {
      await api('POST', '/messages', { name: recipientArrived, businessKey });
      setStatus({ ok: true, text: t('handover.recorded') });
      onRecorded();
    } catch (err) {
      setStatus({ ok: false, text: t('handover.failed', { message: (err as Error).message }) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <span className="handover-arrived">
      {' '}
      <button type="button" className="primary" disabled={busy} onClick={() => void record()} aria-describedby="handover-arrived-hint">
        {t('handover.arrived')}
      </button>
      <span id="handover-arrived-hint" className="visually-hidden">
        {t('handover.arrivedHint')}
      </span>
      {status && (
        <span role="status" className={status.ok ? undefined : 'error'}>
          {' '}
          {status.text}
        </span>
      )}
    </span>
  );
}
