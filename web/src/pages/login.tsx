// The login page. A failed login shows the server's message (and its hint,
// e.g. when the account is locked after too many attempts).
import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../api';
import { ErrorBox } from '../components';
import { getLang, setLang, t } from '../i18n';
import type { User } from '../types';

export function LoginPage({ onLoggedIn }: { onLoggedIn: (user: User, csrf: string) => void }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const userRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    document.title = `${t('login.title')} — ${t('app.name')}`;
    userRef.current?.focus();
  }, []);

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const answer = await api<{ user: User; csrf: string }>('POST', '/login', { json: { username, password }, no401Redirect: true });
      setPassword('');
      onLoggedIn(answer.user, answer.csrf);
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };

  const other = getLang() === 'ar' ? 'en' : 'ar';
  return (
    <main id="main" class="login-page" tabIndex={-1}>
      <div class="login-box">
        <p class="brand login-brand">
          <span class="brand-ar" lang="ar">صوت</span> <span class="brand-lat" lang="en">sawt</span>
        </p>
        <h1 id="page-title" tabIndex={-1}>
          {t('login.title')}
        </h1>
        <p class="muted">{t('app.tagline')}</p>
        <form onSubmit={submit} class="stack" aria-describedby={error ? 'login-error' : undefined}>
          <div class="field">
            <label for="login-username">{t('login.username')}</label>
            <input
              id="login-username"
              name="username"
              ref={userRef}
              autoComplete="username"
              dir="ltr"
              required
              value={username}
              onInput={(e) => setUsername(e.currentTarget.value)}
            />
          </div>
          <div class="field">
            <label for="login-password">{t('login.password')}</label>
            <input
              id="login-password"
              name="password"
              type="password"
              autoComplete="current-password"
              dir="ltr"
              required
              value={password}
              onInput={(e) => setPassword(e.currentTarget.value)}
            />
          </div>
          <div id="login-error">
            <ErrorBox error={error} title={t('login.failed')} />
          </div>
          <button type="submit" class="primary" disabled={busy}>
            {busy ? t('login.busy') : t('login.submit')}
          </button>
        </form>
        <p>
          <button type="button" class="link-button" id="lang-switch" lang={other} onClick={() => setLang(other)}>
            {other === 'en' ? 'English' : 'العربية'}
          </button>
        </p>
      </div>
    </main>
  );
}
