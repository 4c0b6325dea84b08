// Renderers shared by several pages: alert rows, risk levels and
// explanations, count tables and generic key/value views of statistics.
import type { ComponentChildren } from 'preact';
import { isolateLtrRuns } from './bidi';
import { Badge, DateText, Empty, fullName } from './components';
import { fmtNum, getLang, pick, t } from './i18n';
import { href } from './router';
import type { Key } from './strings';
import { dict } from './strings';
import type { Alert, NameValue, Risk } from './types';

/** A dictionary entry if there is one (for codes the server sends), else null. */
export function maybe(key: string): string | null {
  return key in dict.en ? t(key as Key) : null;
}

/** "held_past_sentence_end" → "held past sentence end": the last resort for an unknown code. */
export function humanise(code: string): string {
  return code.replace(/_/g, ' ');
}

export function stageLabel(stage?: string): string {
  return stage ? maybe(`stage.${stage}`) ?? humanise(stage) : '';
}

export function riskLabel(level?: string, levelAr?: string): string {
  if (!level) return '';
  return maybe(`risk.${level}`) ?? (getLang() === 'ar' && levelAr ? levelAr : humanise(level));
}

export function alertKindLabel(kind?: string): string {
  return kind ? maybe(`alertKind.${kind}`) ?? humanise(kind) : '';
}

export function StageBadge({ stage }: { stage?: string }) {
  if (!stage) return null;
  return <Badge code={stage}>{stageLabel(stage)}</Badge>;
}

export function RiskBadge({ risk }: { risk?: string | Risk | null }) {
  if (!risk) return <span class="muted">—</span>;
  const level = typeof risk === 'string' ? risk : risk.level;
  if (!level) return <span class="muted">—</span>;
  return <Badge code={level}>{riskLabel(level, typeof risk === 'string' ? undefined : risk.level_ar)}</Badge>;
}

export function riskExplanation(risk?: Risk | null): string {
  if (!risk) return '';
  return serverText(risk.explanation_ar, risk.explanation);
}

/** A server-written sentence in the user's language, safe to show in a right-to-left line. */
export function serverText(ar: string | undefined | null, en: string | undefined | null): string {
  return isolateLtrRuns(pick(ar, en));
}

/** The person link used in every list: the public id and the name. */
export function PersonLink({ id, ar, lat }: { id?: string; ar?: NameValue; lat?: NameValue }) {
  const a = fullName(ar ?? null);
  const l = fullName(lat ?? null);
  const main = getLang() === 'ar' ? a || l : l || a;
  const other = main === a ? l : a;
  const body = (
    <>
      <bdi class="person-main">{main || id || '—'}</bdi>
      {other ? (
        <>
          {' '}
          <bdi class="person-other muted">{other}</bdi>
        </>
      ) : null}
    </>
  );
  if (!id) return body;
  return (
    <a href={href(['persons', id])} class="person-link">
      {body}
    </a>
  );
}

/** A table of alerts; ACTIONS renders the last cell (ack/resolve) when given. */
export function AlertTable({
  alerts,
  caption,
  actions,
  showPerson = true,
}: {
  alerts: Alert[];
  caption: string;
  actions?: (a: Alert) => ComponentChildren;
  showPerson?: boolean;
}) {
  if (!alerts.length) return <Empty>{t('alerts.none')}</Empty>;
  return (
    <div class="table-wrap">
      <table class="data">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('alerts.due')}</th>
            <th scope="col">{t('alerts.stage')}</th>
            {showPerson ? <th scope="col">{t('alerts.person')}</th> : null}
            <th scope="col">{t('alerts.kind')}</th>
            <th scope="col">{t('alerts.explanation')}</th>
            <th scope="col">{t('alerts.state')}</th>
            {actions ? <th scope="col">{t('common.actions')}</th> : null}
          </tr>
        </thead>
        <tbody>
          {alerts.map((a) => (
            <tr key={a.key}>
              <td class="nowrap">
                <DateText value={a.due ?? a.due_earliest} />
              </td>
              <td>
                <StageBadge stage={a.stage} />
              </td>
              {showPerson ? (
                <td>
                  <PersonLink id={a.person} ar={a.name_ar ?? a.name} lat={a.name_lat} />
                </td>
              ) : null}
              <td>{alertKindLabel(a.kind)}</td>
              <td>
                <bdi>{serverText(a.explanation_ar, a.explanation)}</bdi>
              </td>
              <td>
                <AlertState alert={a} />
              </td>
              {actions ? <td class="actions">{actions(a)}</td> : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function AlertState({ alert }: { alert: Alert }) {
  const state = alert.state || 'open';
  return (
    <span>
      <Badge code={state}>{maybe(`alertState.${state}`) ?? humanise(state)}</Badge>
      {alert.state_by ? (
        <span class="small muted">
          {' '}
          <bdi>{alert.state_by}</bdi>
        </span>
      ) : null}
      {alert.state_note ? (
        <span class="small">
          {' '}
          — <bdi>{alert.state_note}</bdi>
        </span>
      ) : null}
    </span>
  );
}

/** A label for a count or statistic key the server sends. */
export function countLabel(key: string): string {
  return maybe(`count.${key}`) ?? humanise(key);
}

/**
 * Any JSON value of numbers, strings, lists and objects as nested tables: the
 * statistics page and import reports show what the server sends, labelled
 * where the dictionary knows the key.
 */
export function ValueView({ value, depth = 0 }: { value: unknown; depth?: number }): preact.JSX.Element {
  if (value === null || value === undefined || value === '') return <span class="muted">—</span>;
  if (typeof value === 'number') return <span class="num">{fmtNum(value, 2)}</span>;
  if (typeof value === 'boolean') return <span>{value ? t('common.yes') : t('common.no')}</span>;
  if (typeof value === 'string') return <bdi>{value}</bdi>;
  if (Array.isArray(value)) {
    if (!value.length) return <span class="muted">—</span>;
    if (value.every((v) => typeof v !== 'object' || v === null)) {
      return <span>{value.map((v, i) => <span key={i}>{i ? '، ' : ''}<ValueView value={v} /></span>)}</span>;
    }
    const cols = Array.from(new Set(value.flatMap((v) => (v && typeof v === 'object' ? Object.keys(v) : []))));
    return (
      <div class="table-wrap">
        <table class="data compact">
          <thead>
            <tr>
              {cols.map((c) => (
                <th scope="col" key={c}>
                  {countLabel(c)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {value.map((row, i) => (
              <tr key={i}>
                {cols.map((c) => (
                  <td key={c}>
                    <ValueView value={(row as Record<string, unknown>)?.[c]} depth={depth + 1} />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    );
  }
  const entries = Object.entries(value as Record<string, unknown>);
  if (!entries.length) return <span class="muted">—</span>;
  return (
    <table class="data compact kv">
      <tbody>
        {entries.map(([k, v]) => (
          <tr key={k}>
            <th scope="row">{countLabel(k)}</th>
            <td>
              <ValueView value={v} depth={depth + 1} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
