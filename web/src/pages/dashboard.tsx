// The dashboard: what is due in the next 30 days (with its escalation stage),
// the people at high risk of forced return with the reasons, and counts.
import { api } from '../api';
import { Empty, Loaded, PageTitle, useAsync } from '../components';
import { fmtNum, t } from '../i18n';
import { href } from '../router';
import { can, user } from '../session';
import { AlertTable, countLabel, PersonLink, RiskBadge, riskExplanation } from '../shared';
import type { Alert, NameValue, Risk } from '../types';

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

function Counts({ counts }: { counts: Record<string, unknown> }) {
  const flat = Object.entries(counts).filter(([, v]) => typeof v === 'number') as [string, number][];
  if (!flat.length) return null;
  return (
    <section aria-labelledby="counts-h" class="panel">
      <h2 id="counts-h">{t('dash.counts')}</h2>
      <ul class="counts">
        {flat.map(([k, v]) => (
          <li key={k}>
            <span class="count-value">{fmtNum(v)}</span> <span class="count-label">{countLabel(k)}</span>
          </li>
        ))}
      </ul>
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
