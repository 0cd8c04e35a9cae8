import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../api';
import { dateTime } from '../format';
import { useSession } from '../session';

/** An account as GET /api/users answers it (admins). */
interface Account {
  username: string;
  displayName: string;
  provider: string;
  roles: string[];
  disabled: boolean;
}

/** The commission as GET/PUT /api/providers/:provider/commission answer it. */
interface Commission {
  members: { username: string; displayName: string }[];
  chair: string;
  updatedAt: string;
  updatedBy: string;
}

/**
 * A provider's housing commission (seed 002 para 9(1): the provider forms the commission that votes
 * on a privatization; its chairman presides, and his vote decides a tie): the members, ticked among
 * the provider's accounts, and the chairman, one of them. Saved with PUT
 * /api/providers/:provider/commission; a 400 is shown at the member (`members[i]`) or the
 * chairman (`chair`) it names. The API and the act name no secretary, so there is none here.
 */
export function CommissionEditor({ provider }: { provider: string }) {
  const { t } = useTranslation();
  const { me } = useSession();
  const [accounts, setAccounts] = useState<Account[] | null>(null);
  const [members, setMembers] = useState<string[]>([]);
  const [chair, setChair] = useState('');
  const [saved, setSaved] = useState<Commission | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [status, setStatus] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    api<Account[]>('GET', '/users').then(setAccounts, (err: Error) => setStatus(err.message));
    api<Commission>('GET', `/providers/${encodeURIComponent(provider)}/commission`).then(
      (c) => {
        setSaved(c);
        setMembers(c.members.map((m) => m.username));
        setChair(c.chair);
      },
      (err) => {
        if (!(err instanceof ApiError && err.status === 404)) setStatus((err as Error).message);
      }
    );
  }, [provider]);

  const by = (username: string) => (username === me?.username ? me.displayName : (accounts?.find((a) => a.username === username)?.displayName ?? username));
  // The provider's enabled accounts, and any member since disabled (so it can be taken off).
  const choices = (accounts ?? []).filter((a) => a.provider === provider && (!a.disabled || members.includes(a.username)));

  function toggle(username: string, on: boolean) {
    const next = on ? [...members, username] : members.filter((m) => m !== username);
    setMembers(next);
    if (!next.includes(chair)) setChair('');
  }

  async function save(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setErrors({});
    setStatus(null);
    try {
      const row = await api<Commission>('PUT', `/providers/${encodeURIComponent(provider)}/commission`, { members, chair });
      setSaved(row);
      setStatus(t('providers.commission.saved', { at: dateTime(row.updatedAt), by: by(row.updatedBy) }));
    } catch (err) {
      const fields = err instanceof ApiError ? err.fields : [];
      if (!fields.length) return setStatus((err as Error).message);
      const shown: Record<string, string> = {};
      for (const f of fields) {
        const member = /^members\[(\d+)\]$/.exec(f.field);
        if (member) shown[`member:${members[Number(member[1])]}`] = t('providers.commission.errors.member', { message: f.message });
        else if (f.field === 'chair') shown.chair = t('providers.commission.errors.chair');
        else shown.members = t('providers.commission.errors.members');
      }
      setErrors(shown);
      setStatus(t('providers.notSaved'));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="providers-editor providers-commission" id="commission" onSubmit={(e) => void save(e)} aria-labelledby="providers-commission-title">
      <h2 id="providers-commission-title">{t('providers.commission.title')}</h2>
      <p className="providers-muted">{t('providers.commission.intro')}</p>
      {accounts === null ? (
        <p className="loading">{t('app.loading')}</p>
      ) : (
        <>
          {!saved && <p className="providers-muted">{t('providers.commission.none')}</p>}
          <fieldset aria-describedby={errors.members ? 'commission-members-error' : undefined}>
            <legend>{t('providers.commission.members')}</legend>
            {choices.length === 0 && <p className="providers-muted">{t('providers.commission.noAccounts')}</p>}
            <ul className="providers-commission-members">
              {choices.map((a) => {
                const error = errors[`member:${a.username}`];
                const id = `commission-member-${a.username.replace(/[^A-Za-z0-9_-]+/g, '-')}`;
                return (
                  <li key={a.username}>
                    <input type="checkbox" id={id} checked={members.includes(a.username)} onChange={(e) => toggle(a.username, e.target.checked)} aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined} />
                    <label htmlFor={id}>
                      {a.displayName} <code>{a.username}</code>
                      {a.disabled && ` · ${t('providers.commission.disabled')}`}
                    </label>
                    {error && (
                      <span className="error" id={`${id}-error`}>
                        {error}
                      </span>
                    )}
                  </li>
                );
              })}
            </ul>
            {errors.members && (
              <span className="error" id="commission-members-error">
                {errors.members}
              </span>
            )}
          </fieldset>
          <div className="providers-field">
            <label htmlFor="commission-chair">{t('providers.commission.chair')}</label>
            <select id="commission-chair" value={chair} onChange={(e) => setChair(e.target.value)} aria-invalid={errors.chair ? true : undefined} aria-describedby={errors.chair ? 'commission-chair-error' : undefined}>
              <option value="">{t('providers.commission.pickChair')}</option>
              {members.map((m) => (
                <option key={m} value={m}>
                  {by(m)}
                </option>
              ))}
            </select>
            {errors.chair && (
              <span className="error" id="commission-chair-error">
                {errors.chair}
              </span>
            )}
          </div>
          <p className="providers-actions">
            <button type="submit" className="primary" disabled={busy}>
              {t('providers.commission.save')}
            </button>{' '}
            {status && (
              <span role="status" className={Object.keys(errors).length ? 'error' : 'providers-muted'}>
                {status}
              </span>
            )}
          </p>
        </>
      )}
    </form>
  );
}
