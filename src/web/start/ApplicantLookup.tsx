import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../api';
import type { Applicant } from './applicationForm';

/**
 * The applicant's IIN and the register's answer (GET /api/applicants/:iin): a malformed IIN, an
 * unknown person or a gateway failure is said at the IIN field.
 */
export function ApplicantLookup({ onFound }: { onFound(applicant: Applicant | null): void }) {
  const { t } = useTranslation();
  const [iin, setIin] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [found, setFound] = useState<Applicant | null>(null);

  async function find(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const applicant = await api<Applicant>('GET', `/applicants/${encodeURIComponent(iin.trim())}`);
      setFound(applicant);
      onFound(applicant);
    } catch (err) {
      setFound(null);
      onFound(null);
      const status = err instanceof ApiError ? err.status : 0;
      setError(status === 400 ? t('start.iinInvalid') : status === 404 ? t('start.iinUnknown') : status === 502 ? t('start.gatewayDown') : t('app.failed', { message: (err as Error).message }));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="start-lookup" onSubmit={find} noValidate>
      <label>
        <span>{t('start.iin')}</span>
        <input
          name="iin"
          inputMode="numeric"
          autoComplete="off"
          maxLength={12}
          value={iin}
          onChange={(e) => {
            setIin(e.target.value);
            if (found) {
              setFound(null);
              onFound(null);
            }
          }}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? 'start-iin-error' : undefined}
        />
      </label>
      <button type="submit" disabled={busy || !iin.trim()}>
        {busy ? t('start.finding') : t('start.find')}
      </button>
      {error && (
        <p id="start-iin-error" className="error" role="alert">
          {error}
        </p>
      )}
      {found && <p className="start-found">{t('start.applicantFound', { name: [found.lastName, found.firstName, found.middleName].filter(Boolean).join(' ') })}</p>}
    </form>
  );
}
