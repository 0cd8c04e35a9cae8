import { lazy, Suspense, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { BrowserRouter, Navigate, NavLink, Route, Routes } from 'react-router';
import { languages } from './i18n';
import { Login } from './pages/Login';
import { SessionProvider, useSession } from './session';

// The heavy pages (bpmn-js, charts) load when first opened, so a clerk's inbox does not wait for them.
const Inbox = lazy(() => import('./pages/Inbox'));
const StartCase = lazy(() => import('./pages/StartCase'));
const Monitor = lazy(() => import('./pages/Monitor'));
const Instance = lazy(() => import('./pages/Instance'));
const Dashboard = lazy(() => import('./pages/Dashboard'));
const Modeler = lazy(() => import('./pages/Modeler'));
const Calendar = lazy(() => import('./pages/Calendar'));
const Providers = lazy(() => import('./pages/Providers'));
const Forms = lazy(() => import('./pages/Forms'));

/** The pages, who may open each (a permission of src/auth/roles.ts), and the nav label's key. */
const pages: { path: string; label: string; permission: string; element: ReactNode; nav?: boolean }[] = [
  { path: '/inbox', label: 'nav.inbox', permission: 'tasks.work', element: <Inbox /> },
  { path: '/start', label: 'nav.start', permission: 'instances.start', element: <StartCase /> },
  { path: '/monitor', label: 'nav.monitor', permission: 'instances.read', element: <Monitor /> },
  { path: '/monitor/:id', label: 'nav.monitor', permission: 'instances.read', element: <Instance />, nav: false },
  { path: '/dashboard', label: 'nav.dashboard', permission: 'instances.read', element: <Dashboard /> },
  { path: '/modeler', label: 'nav.modeler', permission: 'definitions.deploy', element: <Modeler /> },
  { path: '/modeler/:key', label: 'nav.modeler', permission: 'definitions.deploy', element: <Modeler />, nav: false },
  // Task forms belong with the diagrams that bind them: analysts (and admins) deploy and roll out versions there.
  { path: '/forms', label: 'nav.forms', permission: 'definitions.deploy', element: <Forms /> },
  { path: '/forms/:key', label: 'nav.forms', permission: 'definitions.deploy', element: <Forms />, nav: false },
  { path: '/calendar', label: 'nav.calendar', permission: 'instances.read', element: <Calendar /> },
  { path: '/providers', label: 'nav.providers', permission: 'accounts.manage', element: <Providers /> },
];

function LanguageSwitcher() {
  const { t, i18n } = useTranslation();
  return (
    <label className="language">
      <span className="visually-hidden">{t('app.language')}</span>
      <select value={i18n.resolvedLanguage} onChange={(e) => void i18n.changeLanguage(e.target.value)} aria-label={t('app.language')}>
        {languages.map((l) => (
          <option key={l.code} value={l.code}>
            {l.label}
          </option>
        ))}
      </select>
    </label>
  );
}

function Shell() {
  const { t } = useTranslation();
  const { me, signOut, can } = useSession();
  if (me === undefined) return <p className="loading">{t('app.loading')}</p>;
  if (me === null) return <Login />;
  const allowed = pages.filter((p) => can(p.permission));
  const home = allowed[0]?.path ?? '/none';
  return (
    <>
      <header className="topbar">
        <span className="brand">Qyzmet</span>
        <nav aria-label={t('app.navigation')}>
          {allowed
            .filter((p) => p.nav !== false)
            .map((p) => (
              <NavLink key={p.path} to={p.path}>
                {t(p.label)}
              </NavLink>
            ))}
        </nav>
        <LanguageSwitcher />
        <span className="who" title={me.roles.join(', ')}>
          {me.displayName} · {me.roles.map((r) => t(`role.${r}`)).join(', ')}
        </span>
        <button type="button" onClick={() => void signOut()}>
          {t('app.signOut')}
        </button>
      </header>
      <main>
        <Suspense fallback={<p className="loading">{t('app.loading')}</p>}>
          <Routes>
            {allowed.map((p) => (
              <Route key={p.path} path={p.path} element={p.element} />
            ))}
            <Route path="*" element={allowed.length ? <Navigate to={home} replace /> : <p>{t('app.nothingAllowed')}</p>} />
          </Routes>
        </Suspense>
      </main>
    </>
  );
}

export function App() {
  return (
    <SessionProvider>
      <BrowserRouter>
        <Shell />
      </BrowserRouter>
    </SessionProvider>
  );
}
