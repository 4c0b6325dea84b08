// The alert queue: deadlines and risks due within a chosen horizon, each
// with its stage (notice, warning, urgent, overdue). A case worker
// acknowledges an alert (seen, being handled) or resolves it, with a note;
// both are audit-logged by the server.
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, isMissingRoute } from '../api';
import { ErrorBox, Loaded, PageTitle, useAsync } from '../components';
import { t } from '../i18n';
import { href, navigate, type Route } from '../router';
import { can } from '../session';
import { AlertTable } from '../shared';
import type { Alert } from '../types';

const HORIZONS = ['30', '90', '365', '3650'];
const STATES = ['open', 'acknowledged', 'resolved'];

/**
 * Records an alert's new state. The server takes POST /api/alerts/state
 * {key, state, note} (alert keys contain '/', so they travel in the body);
 * the older form POST /api/alerts/{key}/ack|resolve is tried if that route is missing.
 */
async function setAlertState(key: string, state: 'acknowledged' | 'resolved', note: string): Promise<void> {
  try {
    await api('POST', '/alerts/state', { json: { key, state, note } });
  } catch (err) {
    if (!isMissingRoute(err)) throw err;
    await api('POST', `/alerts/${encodeURIComponent(key)}/${state === 'acknowledged' ? 'ack' : 'resolve'}`, { json: { note } });
  }
}

function AlertActions({ alert, onDone }: { alert: Alert; onDone: () => void }) {
  const [mode, setMode] = useState<'' | 'ack' | 'resolve'>('');
  const [note, setNote] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const noteRef = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (mode) noteRef.current?.focus();
  }, [mode]);
  const id = `note-${alert.key.replace(/[^A-Za-z0-9_-]/g, '_')}`;
  if (!can.actOnAlerts()) return null;
  if (!mode) {
    return (
      <div class="button-row">
        {alert.state !== 'acknowledged' && alert.state !== 'resolved' ? (
          <button type="button" onClick={() => setMode('ack')}>
            {t('alerts.ack')}
          </button>
        ) : null}
        {alert.state !== 'resolved' ? (
          <button type="button" onClick={() => setMode('resolve')}>
            {t('alerts.resolve')}
          </button>
        ) : null}
      </div>
    );
  }
  const send = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await setAlertState(alert.key, mode === 'ack' ? 'acknowledged' : 'resolved', note);
      setMode('');
      setNote('');
      onDone();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="inline-form" onSubmit={send}>
      <label for={id}>{mode === 'ack' ? t('alerts.ackNote') : t('alerts.resolveNote')}</label>
      <input id={id} dir="auto" value={note} onInput={(e) => setNote(e.currentTarget.value)} ref={noteRef} />
      <div class="button-row">
        <button type="submit" class="primary" disabled={busy}>
          {mode === 'ack' ? t('alerts.ack') : t('alerts.resolve')}
        </button>
        <button type="button" onClick={() => setMode('')}>
          {t('common.cancel')}
        </button>
      </div>
      <ErrorBox error={error} />
    </form>
  );
}

export function AlertsPage({ route }: { route: Route }) {
  const due = route.query.get('due') ?? '90';
  const stateFilter = route.query.get('state') ?? 'open';
  const state = useAsync(() => api<{ alerts: Alert[] }>('GET', '/alerts', { query: { due } }), [due]);
  const setQuery = (next: { due?: string; state?: string }) =>
    navigate(href(['alerts'], { due: next.due ?? due, state: next.state ?? stateFilter }), true);
  return (
    <>
      <PageTitle>{t('alerts.title')}</PageTitle>
      <form class="filters" onSubmit={(e) => e.preventDefault()}>
        <div class="field">
          <label for="alerts-due">{t('alerts.horizon')}</label>
          <select id="alerts-due" value={due} onChange={(e) => setQuery({ due: e.currentTarget.value })}>
            {HORIZONS.map((d) => (
              <option key={d} value={d}>
                {t('alerts.days', { n: Number(d) })}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="alerts-state">{t('alerts.state')}</label>
          <select id="alerts-state" value={stateFilter} onChange={(e) => setQuery({ state: e.currentTarget.value })}>
            <option value="all">{t('common.all')}</option>
            {STATES.map((s) => (
              <option key={s} value={s}>
                {t(`alertState.${s}` as 'alertState.open')}
              </option>
            ))}
          </select>
        </div>
      </form>
      <Loaded state={state}>
        {(answer) => {
          const alerts = (answer.alerts ?? []).filter((a) => stateFilter === 'all' || (a.state || 'open') === stateFilter);
          return (
            <AlertTable
              alerts={alerts}
              caption={t('alerts.caption', { n: alerts.length })}
              actions={can.actOnAlerts() ? (a) => <AlertActions alert={a} onDone={state.reload} /> : undefined}
            />
          );
        }}
      </Loaded>
    </>
  );
}
