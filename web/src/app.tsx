// The application shell: checks the session (GET /api/me), shows the login
// page when there is none, and otherwise the header, the navigation (on the
// inline-start side: the right in Arabic) and the current page. After every
// navigation focus moves to the page's heading, so keyboard and screen-reader
// users land on the new content; the skip link jumps past the navigation.
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, onUnauthorized } from './api';
import { Loading } from './components';
import { getDigits, getLang, setDigits, setLang, subscribe, t, type Digits } from './i18n';
import type { Key } from './strings';
import { href, navigate, useRoute, type Route } from './router';
import { can, setSession, user } from './session';
import type { User } from './types';
import { loadServerVocab } from './vocab';
import { AlertsPage } from './pages/alerts';
import { AuditPage } from './pages/audit';
import { DashboardPage } from './pages/dashboard';
import { FacilitiesPage, FacilityPage } from './pages/facilities';
import { ExportsPage } from './pages/exports';
import { ImportPage } from './pages/import';
import { LoginPage } from './pages/login';
import { NewPersonPage } from './pages/person-new';
import { PersonPage } from './pages/person';
import { PersonsPage } from './pages/persons';
import { ReviewPage } from './pages/review';
import { StatsPage } from './pages/stats';
import { TransferPage } from './pages/transfer';
import { UsersPage } from './pages/users';

interface NavItem {
  key: Key;
  parts: string[];
  show: () => boolean;
}

const NAV: NavItem[] = [
  { key: 'nav.dashboard', parts: [], show: () => true },
  { key: 'nav.persons', parts: ['persons'], show: can.seePersons },
  { key: 'nav.addPerson', parts: ['persons', 'new'], show: can.edit },
  { key: 'nav.alerts', parts: ['alerts'], show: can.seeAlerts },
  { key: 'nav.transfer', parts: ['transfer'], show: can.transfer },
  { key: 'nav.facilities', parts: ['facilities'], show: () => true },
  { key: 'nav.review', parts: ['review'], show: can.review },
  { key: 'nav.import', parts: ['import'], show: can.imports },
  { key: 'nav.exports', parts: ['exports'], show: can.publicExports },
  { key: 'nav.stats', parts: ['stats'], show: () => true },
  { key: 'nav.users', parts: ['users'], show: can.admin },
  { key: 'nav.audit', parts: ['audit'], show: can.admin },
];

function isCurrent(item: NavItem, route: Route): boolean {
  const p = route.parts;
  if (item.parts.length === 0) return p.length === 0;
  if (item.parts[0] === 'persons' && item.parts.length === 1) return p[0] === 'persons' && p[1] !== 'new';
  return item.parts.every((part, i) => p[i] === part);
}

function Page({ route }: { route: Route }) {
  const [first, second] = route.parts;
  switch (first) {
    case undefined:
    case 'login':
      return <DashboardPage />;
    case 'persons':
      if (second === 'new') return <NewPersonPage />;
      if (second) return <PersonPage id={second} />;
      return <PersonsPage route={route} />;
    case 'alerts':
      return <AlertsPage route={route} />;
    case 'transfer':
      return <TransferPage />;
    case 'facilities':
      return second ? <FacilityPage code={second} /> : <FacilitiesPage />;
    case 'review':
      return <ReviewPage />;
    case 'import':
      return <ImportPage />;
    case 'exports':
      return <ExportsPage />;
    case 'stats':
      return <StatsPage />;
    case 'users':
      return <UsersPage />;
    case 'audit':
      return <AuditPage />;
    default:
      return (
        <section>
          <h1 id="page-title" tabIndex={-1}>
            {t('err.pageNotFound')}
          </h1>
          <p>
            <a href="#/">{t('nav.dashboard')}</a>
          </p>
        </section>
      );
  }
}

function Preferences() {
  const other = getLang() === 'ar' ? 'en' : 'ar';
  return (
    <div class="prefs">
      <button type="button" class="link-button" id="lang-switch" lang={other} onClick={() => setLang(other)}>
        {other === 'en' ? 'English' : 'العربية'}
      </button>
      <label class="inline-label" for="digits-select">
        {t('prefs.digits')}
      </label>
      <select id="digits-select" value={getDigits()} onChange={(e) => setDigits((e.currentTarget as HTMLSelectElement).value as Digits)}>
        <option value="auto">{t('prefs.digitsAuto')}</option>
        <option value="arab">{t('prefs.digitsArab')}</option>
        <option value="latn">{t('prefs.digitsLatn')}</option>
      </select>
    </div>
  );
}

function Shell({ route, onLogout, children }: { route: Route; onLogout: () => void; children: ComponentChildren }) {
  const u = user();
  return (
    <div class="shell">
      <a class="skip-link" href="#main" onClick={(e) => {
        e.preventDefault();
        const main = document.getElementById('main');
        main?.focus();
      }}>
        {t('nav.skip')}
      </a>
      <header class="topbar">
        <p class="brand">
          <span class="brand-ar" lang="ar">صوت</span> <span class="brand-lat" lang="en">sawt</span>
          <span class="brand-tag">{t('app.tagline')}</span>
        </p>
        <Preferences />
        {u ? (
          <div class="whoami">
            <span>
              <bdi>{u.display_name || u.username}</bdi> <span class="muted">({t(`role.${u.role}` as Key)})</span>
            </span>
            <button type="button" class="link-button" onClick={onLogout}>
              {t('nav.logout')}
            </button>
          </div>
        ) : null}
      </header>
      <div class="layout">
        <nav class="sidenav" aria-label={t('nav.label')}>
          <ul>
            {NAV.filter((item) => item.show()).map((item) => (
              <li key={item.key}>
                <a href={href(item.parts)} aria-current={isCurrent(item, route) ? 'page' : undefined}>
                  {t(item.key)}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <main id="main" tabIndex={-1}>
          {children}
        </main>
      </div>
    </div>
  );
}

export function App() {
  const [, setVersion] = useState(0);
  const [state, setState] = useState<'checking' | 'in' | 'out'>('checking');
  const route = useRoute();
  const lastHref = useRef<string | null>(null);

  useEffect(() => subscribe(() => setVersion((n) => n + 1)), []);

  useEffect(() => {
    onUnauthorized(() => {
      setSession(null, '');
      setState('out');
    });
    api<{ user: User; csrf: string }>('GET', '/me', { no401Redirect: true }).then(
      async (me) => {
        setSession(me.user, me.csrf);
        await loadServerVocab();
        setState('in');
      },
      () => setState('out'),
    );
  }, []);

  // Focus the new page's heading after a navigation (not on the first load).
  useEffect(() => {
    if (state !== 'in') return;
    if (lastHref.current !== null && lastHref.current !== route.href) {
      const target = document.getElementById('page-title') ?? document.getElementById('main');
      target?.focus();
      window.scrollTo(0, 0);
    }
    lastHref.current = route.href;
  }, [route.href, state]);

  if (state === 'checking') return <Loading />;

  if (state === 'out') {
    return (
      <LoginPage
        onLoggedIn={async (u, csrf) => {
          setSession(u, csrf);
          await loadServerVocab();
          setState('in');
          if (route.parts[0] === 'login') navigate('#/', true);
          setTimeout(() => document.getElementById('page-title')?.focus(), 0);
        }}
      />
    );
  }

  const logout = async () => {
    try {
      await api('POST', '/logout');
    } catch {
      /* the session is dropped here either way */
    }
    setSession(null, '');
    setState('out');
  };

  return (
    <Shell route={route} onLogout={logout}>
      <Page route={route} />
    </Shell>
  );
}
