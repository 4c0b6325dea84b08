// The dashboard: what is due in the next 30 days (with its escalation stage),
// the people at high risk of forced return with the reasons, and counts.
import { api } from '../api';
import { Empty, Loaded, PageTitle, useAsync } from '../components';
import { fmtNum, t } from '../i18n';
import { href } from '../router';
import { can, user } from '../session';
import { AlertTable, countLabel, PersonLink, RiskBadge, riskExplanation } from '../shared';
import type { Alert, NameValue, Risk } from '../types';
import { label } from '../vocab';

interface HighRisk {
  public_id?: string;
  person?: string;
  name?: NameValue;
  name_ar?: NameValue;
  name_lat?: NameValue;
  risk?: Risk | string;
  level?: string;
  level_ar?: string;
  explanation?: string;
  explanation_ar?: string;
  factors?: Risk['factors'];
}

interface Dashboard {
  counts?: Record<string, unknown>;
  alerts?: Alert[];
  high_risk?: HighRisk[];
}

function riskOf(h: HighRisk): Risk {
  if (h.risk && typeof h.risk === 'object') return h.risk;
  return { level: typeof h.risk === 'string' ? h.risk : h.level, level_ar: h.level_ar, explanation: h.explanation, explanation_ar: h.explanation_ar, factors: h.factors };
}

/** Vocabularies that label the keys of a "by_..." breakdown. */
const BREAKDOWN_VOCAB: Record<string, string> = {
  by_status: 'person_statuses',
  by_nationality: 'nationalities',
  by_gender: 'genders',
};

function Counts({ counts }: { counts: Record<string, unknown> }) {
  const flat = Object.entries(counts).filter(([, v]) => typeof v === 'number') as [string, number][];
  const groups = Object.entries(counts).filter(([, v]) => v && typeof v === 'object' && !Array.isArray(v)) as [string, Record<string, unknown>][];
  if (!flat.length && !groups.length) return null;
  return (
    <section aria-labelledby="counts-h" class="panel">
      <h2 id="counts-h">{t('dash.counts')}</h2>
      {flat.length ? (
        <ul class="counts">
          {flat.map(([k, v]) => (
            <li key={k}>
              <span class="count-value">{fmtNum(v)}</span> <span class="count-label">{countLabel(k)}</span>
            </li>
          ))}
        </ul>
      ) : null}
      {groups.map(([group, values]) => (
        <div key={group}>
          <h3 class="counts-group">{countLabel(group)}</h3>
          <ul class="counts">
            {Object.entries(values)
              .filter(([, v]) => typeof v === 'number')
              .map(([k, v]) => (
                <li key={k}>
                  <span class="count-value">{fmtNum(v as number)}</span>{' '}
                  <span class="count-label">{BREAKDOWN_VOCAB[group] ? label(BREAKDOWN_VOCAB[group], k) : countLabel(k)}</span>
                </li>
              ))}
          </ul>
        </div>
      ))}
    </section>
  );
}

export function DashboardPage() {
  const state = useAsync(() => api<Dashboard>('GET', '/dashboard'), []);
  const u = user();
  return (
    <>
      <PageTitle sub={u ? t('dash.welcome', { name: u.display_name || u.username }) : undefined}>{t('dash.title')}</PageTitle>
      <Loaded state={state}>
        {(d) => (
          <div class="dash">
            {d.counts ? <Counts counts={d.counts} /> : null}
            {can.seeAlerts() && d.alerts ? (
              <section aria-labelledby="due-h" class="panel">
                <h2 id="due-h">{t('dash.due')}</h2>
                <AlertTable alerts={d.alerts} caption={t('dash.dueCaption', { n: d.alerts.length })} />
                <p>
                  <a href={href(['alerts'])}>{t('dash.allAlerts')}</a>
                </p>
              </section>
            ) : null}
            {can.seePersons() && d.high_risk ? (
              <section aria-labelledby="risk-h" class="panel">
                <h2 id="risk-h">{t('dash.highRisk')}</h2>
                {d.high_risk.length ? (
                  <ul class="risk-list">
                    {d.high_risk.map((h, i) => {
                      const risk = riskOf(h);
                      const id = h.public_id ?? h.person;
                      return (
                        <li key={id ?? i}>
                          <p class="risk-head">
                            <RiskBadge risk={risk} /> <PersonLink id={id} ar={h.name_ar ?? h.name} lat={h.name_lat} />
                          </p>
                          <p class="risk-why">
                            <bdi>{riskExplanation(risk)}</bdi>
                          </p>
                        </li>
                      );
                    })}
                  </ul>
                ) : (
                  <Empty>{t('dash.noHighRisk')}</Empty>
                )}
              </section>
            ) : null}
          </div>
        )}
      </Loaded>
    </>
  );
}
