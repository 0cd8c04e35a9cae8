import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api';
import { languages } from '../i18n';
import { useSession } from '../session';

/** Sign-in with an account of src/auth; the server throttles repeated failures (429). */
export function Login() {
  const { t, i18n } = useTranslation();
  const { signIn } = useSession();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await signIn(username, password);
    } catch (err) {
      setError(err instanceof ApiError && err.status === 401 ? t('login.wrong') : err instanceof ApiError && err.status === 429 ? t('login.throttled') : t('app.failed', { message: (err as Error).message }));
    } finally {
      setBusy(false);
    }
  }

  return (
    <main className="login">
      <form onSubmit={submit} aria-labelledby="login-title">
        <h1 id="login-title">{t('login.title')}</h1>
        <div className="language-choice" role="group" aria-label={t('app.language')}>
          {languages.map((l) => (
            <button key={l.code} type="button" aria-pressed={i18n.resolvedLanguage === l.code} onClick={() => void i18n.changeLanguage(l.code)}>
              {l.label}
            </button>
          ))}
        </div>
        <label>
          {t('login.username')}
          <input name="username" autoComplete="username" autoFocus required value={username} onChange={(e) => setUsername(e.target.value)} />
        </label>
        <label>
          {t('login.password')}
          <input name="password" type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
        </label>
        {error && (
          <p role="alert" className="error">
            {error}
          </p>
        )}
        <button type="submit" disabled={busy}>
          {t('login.submit')}
        </button>
      </form>
    </main>
  );
}
