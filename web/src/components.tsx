// Small building blocks shared by the pages: loading and error states, form
// fields with real <label for>, badges that say their meaning in words (not
// only in colour), and name rendering. All user data is rendered as text
// nodes (JSX children); nothing here ever sets innerHTML.
import type { ComponentChildren, JSX } from 'preact';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, isMissingRoute } from './api';
import { fmtDate, getLang, t } from './i18n';
import type { NameValue } from './types';

export interface Async<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload: () => void;
}

/** Runs FN when DEPS change; a late answer for old deps is dropped. */
export function useAsync<T>(fn: () => Promise<T>, deps: unknown[]): Async<T> {
  const [state, setState] = useState<{ data?: T; error?: unknown; loading: boolean }>({ loading: true });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    setState((s) => ({ data: s.data, loading: true }));
    fn().then(
      (data) => live && setState({ data, loading: false }),
      (error) => live && setState({ error, loading: false }),
    );
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, tick]);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { data: state.data, error: state.error, loading: state.loading, reload };
}

/** The message of any error, in the user's language where it is ours. */
export function errorText(error: unknown): { message: string; hint: string; where: string } {
  if (error instanceof ApiError) {
    if (error.kind === 'network') return { message: t('err.network'), hint: t('err.networkHint'), where: '' };
    if (isMissingRoute(error)) return { message: t('err.missingRoute'), hint: t('err.missingRouteHint'), where: '' };
    return { message: error.message || t('err.unknown'), hint: error.hint, where: error.where };
  }
  if (error instanceof Error) return { message: error.message, hint: '', where: '' };
  return { message: t('err.unknown'), hint: '', where: '' };
}

export function ErrorBox({ error, title }: { error: unknown; title?: string }) {
  if (!error) return null;
  const { message, hint, where } = errorText(error);
  return (
    <div class="notice notice-error" role="alert">
      <p class="notice-title">{title ?? t('err.title')}</p>
      <p>
        <bdi>{message}</bdi>
      </p>
      {where ? (
        <p class="muted">
          {t('err.where')}: <bdi>{where}</bdi>
        </p>
      ) : null}
      {hint ? (
        <p>
          {t('err.hint')}: <bdi>{hint}</bdi>
        </p>
      ) : null}
    </div>
  );
}

export function Notice({ children, tone = 'info' }: { children: ComponentChildren; tone?: 'info' | 'ok' | 'warn' }) {
  return (
    <div class={`notice notice-${tone}`} role="status">
      {children}
    </div>
  );
}

export function Loading() {
  return (
    <p class="loading" role="status" aria-live="polite">
      {t('common.loading')}
    </p>
  );
}

/** Shows loading, then the error, then CHILDREN(data). */
export function Loaded<T>({ state, children }: { state: Async<T>; children: (data: T) => ComponentChildren }) {
  if (state.error) return <ErrorBox error={state.error} />;
  if (state.data === undefined) return <Loading />;
  return <>{children(state.data)}</>;
}

/** The page's heading; the app moves focus here after each navigation. */
export function PageTitle({ children, sub, docTitle }: { children: ComponentChildren; sub?: ComponentChildren; docTitle?: string }) {
  const text = docTitle ?? (typeof children === 'string' ? children : '');
  useEffect(() => {
    document.title = text ? `${text} — ${t('app.name')}` : t('app.name');
  }, [text]);
  return (
    <header class="page-head">
      <h1 id="page-title" tabIndex={-1}>
        {children}
      </h1>
      {sub ? <p class="page-sub">{sub}</p> : null}
    </header>
  );
}

export function Field({
  id,
  label,
  hint,
  required,
  error,
  children,
  wide,
}: {
  id: string;
  label: string;
  hint?: string;
  required?: boolean;
  error?: string;
  children: ComponentChildren;
  wide?: boolean;
}) {
  return (
    <div class={'field' + (wide ? ' field-wide' : '') + (error ? ' field-invalid' : '')}>
      <label for={id}>
        {label}
        {required ? (
          <span class="required" aria-hidden="true">
            {' '}
            *
          </span>
        ) : null}
      </label>
      {children}
      {hint ? (
        <p class="hint" id={id + '-hint'}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p class="field-error" id={id + '-error'}>
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** ARIA attributes for an input described by its Field's hint and error. */
export function described(id: string, hint?: boolean, error?: string): JSX.HTMLAttributes<HTMLInputElement> {
  const ids = [hint ? id + '-hint' : '', error ? id + '-error' : ''].filter(Boolean).join(' ');
  return { 'aria-describedby': ids || undefined, 'aria-invalid': error ? true : undefined };
}

const TONES: Record<string, string> = {
  critical: 'danger',
  high: 'danger',
  overdue: 'danger',
  urgent: 'danger',
  medium: 'warn',
  warning: 'warn',
  notice: 'info',
  low: 'ok',
  later: 'neutral',
  eligible: 'ok',
  not_yet: 'warn',
  ineligible: 'neutral',
  granted: 'ok',
  refused: 'danger',
  open: 'warn',
  acknowledged: 'info',
  resolved: 'ok',
};

/** A label with a tone; the words carry the meaning, the colour only repeats it. */
export function Badge({ code, children }: { code?: string; children: ComponentChildren }) {
  return <span class={`badge tone-${TONES[code ?? ''] ?? 'neutral'}`}>{children}</span>;
}

/** "first father grandfather family" from parts, or the string as is. */
export function fullName(n: NameValue): string {
  if (!n) return '';
  if (typeof n === 'string') return n;
  if (n.full) return n.full;
  return [n.first, n.father, n.grandfather, n.family].filter(Boolean).join(' ');
}

export function motherName(n: NameValue): string {
  return n && typeof n === 'object' ? n.mother ?? '' : '';
}

/** A person's two names: the Arabic one first, the Latin one isolated left-to-right. */
export function PersonName({ ar, lat }: { ar: NameValue; lat: NameValue }) {
  const a = fullName(ar);
  const l = fullName(lat);
  return (
    <span class="person-name">
      {a ? (
        <span lang="ar" dir="rtl" class="name-ar">
          {a}
        </span>
      ) : null}
      {a && l ? <span class="name-sep"> · </span> : null}
      {l ? (
        <span lang="en" dir="ltr" class="name-lat">
          {l}
        </span>
      ) : null}
      {!a && !l ? <span class="muted">{t('person.noName')}</span> : null}
    </span>
  );
}

/** A date cell: words for reading, the raw value in <time> for machines. */
export function DateText({ value }: { value?: string | null }) {
  if (!value) return <span class="muted">—</span>;
  const iso = value.replace(/^~/, '');
  return <time dateTime={/^\d{4}(-\d{2}){0,2}$/.test(iso) ? iso : undefined}>{fmtDate(value)}</time>;
}

/** Definition rows; empty values are left out. */
export function Facts({ rows }: { rows: [string, ComponentChildren][] }) {
  const shown = rows.filter(([, v]) => v !== '' && v !== null && v !== undefined && v !== false);
  if (!shown.length) return <p class="muted">{t('common.none')}</p>;
  return (
    <dl class="facts">
      {shown.map(([k, v]) => (
        <div class="fact" key={k}>
          <dt>{k}</dt>
          <dd>{v}</dd>
        </div>
      ))}
    </dl>
  );
}

export function Empty({ children }: { children?: ComponentChildren }) {
  return <p class="empty">{children ?? t('common.none')}</p>;
}

/** Moves focus to an element once it is shown (a result message after a form). */
export function useFocusOnShow<T extends HTMLElement>(show: unknown) {
  const ref = useRef<T>(null);
  useEffect(() => {
    if (show && ref.current) ref.current.focus();
  }, [show]);
  return ref;
}

/** Text that may be in either script, isolated so it cannot reorder what is around it. */
export function Text({ children }: { children: string | undefined | null }) {
  if (!children) return null;
  return <bdi>{children}</bdi>;
}

export function langDir(): 'rtl' | 'ltr' {
  return getLang() === 'ar' ? 'rtl' : 'ltr';
}

/** The language of a document to generate (a report, a brief), as a radio group named NAME. */
export function DocLangChoice({ name, value, onChange }: { name: string; value: 'ar' | 'en'; onChange: (lang: 'ar' | 'en') => void }) {
  return (
    <fieldset>
      <legend>{t('dossier.language')}</legend>
      <label>
        <input type="radio" name={name} value="ar" checked={value === 'ar'} onChange={() => onChange('ar')} /> العربية
      </label>
      <label>
        <input type="radio" name={name} value="en" checked={value === 'en'} onChange={() => onChange('en')} /> English
      </label>
    </fieldset>
  );
}
