// Statistics with their denominators, as the server computes them, and the
// charts the server draws (SVG, Arabic shaped, right-to-left in Arabic). Every
// role may see this page (researchers see only this and the dashboard
// counts). Coordinators and administrators can download the advocacy report.
import { useState } from 'preact/hooks';
import { api, apiUrl } from '../api';
import { DocLangChoice, Loaded, PageTitle, useAsync } from '../components';
import { fmtDate, fmtNum, fmtPercent, getLang, pick, t } from '../i18n';
import { can } from '../session';
import type { Key } from '../strings';

interface Row {
  code: string;
  ar: string;
  en: string;
  count: number;
}
interface Breakdown {
  denominator: number;
  as_of: string;
  rows: Row[];
}
interface Share {
  numerator: number;
  denominator: number;
  share: number;
  as_of: string;
}
interface Durations {
  unit: string;
  known: number;
  unknown: number;
  denominator: number;
  median: number | null;
}
interface Occupancy {
  facility: string;
  name_ar: string;
  name_en: string;
}
export interface Stats {
  as_of: string;
  persons: { count: number };
  by_status: Breakdown;
  by_nationality: Breakdown;
  by_facility: Breakdown;
  transfer: Breakdown & { agreement: string };
  torture: Share;
  forced_statement: Share;
  torture_or_forced_statement: Share;
  pretrial_months: Durations;
  years_detained: Durations;
  incidents: { count: number };
  deaths_per_year: { rows: { year: number; count: number }[] };
  visits: { count: number };
  health_needs: Share;
  occupancy: Occupancy[];
  charts: string[];
}

function shareOf(b: Breakdown, code: string): Share {
  const n = b.rows.filter((r) => r.code === code).reduce((a, r) => a + r.count, 0);
  return { numerator: n, denominator: b.denominator, share: b.denominator ? n / b.denominator : 0, as_of: b.as_of };
}

/** "120 of 300 (40%)" in the user's digits. */
function ShareText({ s }: { s: Share }) {
  return <>{t('stats.ofN', { n: s.numerator, d: s.denominator, p: fmtPercent(s.share) })}</>;
}

function chartTitle(name: string, d: Stats): string {
  if (name.startsWith('occupancy-')) {
    const o = d.occupancy.find((x) => 'occupancy-' + x.facility === name);
    return t('stats.chart.occupancy', { name: o ? pick(o.name_ar, o.name_en) : name.slice(10) });
  }
  return t(`stats.chart.${name}` as Key);
}

function BreakdownTable({ b, title }: { b: Breakdown; title: string }) {
  return (
    <div class="table-wrap">
      <table class="data compact">
        <caption>{title}</caption>
        <thead>
          <tr>
            <th scope="col">{t('stats.category')}</th>
            <th scope="col">{t('stats.count')}</th>
            <th scope="col">{t('stats.share')}</th>
          </tr>
        </thead>
        <tbody>
          {b.rows.map((r) => (
            <tr key={r.code}>
              <td>
                <bdi>{pick(r.ar, r.en)}</bdi>
              </td>
              <td class="num">{fmtNum(r.count)}</td>
              <td class="num">{b.denominator ? fmtPercent(r.count / b.denominator) : ''}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t('stats.denominator')}</th>
            <td class="num">{fmtNum(b.denominator)}</td>
            <td />
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

function ReportDownloads() {
  const [lang, setLang] = useState<'ar' | 'en'>(getLang());
  return (
    <section class="panel" aria-labelledby="stats-report-h">
      <h2 id="stats-report-h">{t('stats.report')}</h2>
      <p class="muted">{t('stats.reportIntro')}</p>
      <DocLangChoice name="report-lang" value={lang} onChange={setLang} />
      <p class="button-row">
        <a class="button primary" id="report-pdf" href={apiUrl('/report', { lang, format: 'pdf' })} download>
          {t('stats.reportPdf')}
        </a>
        <a class="button" id="report-html" href={apiUrl('/report', { lang, format: 'html' })} target="_blank" rel="noopener">
          {t('stats.reportHtml')}
        </a>
      </p>
    </section>
  );
}

export function StatsPage() {
  const state = useAsync(() => api<Stats>('GET', '/stats'), []);
  return (
    <>
      <PageTitle>{t('stats.title')}</PageTitle>
      <p class="muted">{t('stats.intro')}</p>
      <Loaded state={state}>
        {(d) => {
          const deaths = d.deaths_per_year.rows.reduce((a, r) => a + r.count, 0);
          const summary: [string, preact.ComponentChildren][] = [
            [t('stats.persons'), fmtNum(d.persons.count)],
            [t('stats.pretrial'), <ShareText s={shareOf(d.by_status, 'pretrial')} />],
            [t('stats.sentenced'), <ShareText s={shareOf(d.by_status, 'sentenced')} />],
            [t('stats.torture'), <ShareText s={d.torture} />],
            [t('stats.forced'), <ShareText s={d.forced_statement} />],
            [t('stats.eligible'), <ShareText s={shareOf(d.transfer, 'eligible')} />],
            [t('stats.health'), <ShareText s={d.health_needs} />],
            [
              t('stats.pretrialMedian'),
              d.pretrial_months.median === null
                ? '—'
                : t('stats.months', { n: Math.round(d.pretrial_months.median), known: d.pretrial_months.known, d: d.pretrial_months.denominator }),
            ],
            [t('stats.deaths'), fmtNum(deaths)],
            [t('stats.incidents'), fmtNum(d.incidents.count)],
            [t('stats.visits'), fmtNum(d.visits.count)],
          ];
          return (
            <div class="stats">
              <p id="stats-as-of">{t('stats.asOf', { date: fmtDate(d.as_of) })}</p>
              <section class="panel" aria-labelledby="stats-summary-h">
                <h2 id="stats-summary-h">{t('stats.summary')}</h2>
                <table class="data compact kv" id="stats-summary">
                  <tbody>
                    {summary.map(([k, v]) => (
                      <tr key={k}>
                        <th scope="row">{k}</th>
                        <td>{v}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </section>
              {can.reports() ? <ReportDownloads /> : null}
              <section class="panel" aria-labelledby="stats-charts-h">
                <h2 id="stats-charts-h">{t('stats.charts')}</h2>
                <div class="charts">
                  {(d.charts ?? []).map((name) => (
                    <figure class="chart" key={name + getLang()} data-chart={name}>
                      <img src={apiUrl(`/stats/charts/${name}.svg`, { lang: getLang() })} alt={chartTitle(name, d)} loading="lazy" />
                    </figure>
                  ))}
                </div>
              </section>
              <section class="panel" aria-labelledby="stats-tables-h">
                <h2 id="stats-tables-h">{t('stats.tables')}</h2>
                <BreakdownTable b={d.by_status} title={t('stats.chart.status')} />
                <BreakdownTable b={d.transfer} title={t('stats.chart.transfer')} />
                <BreakdownTable b={d.by_nationality} title={t('stats.chart.nationality')} />
                <BreakdownTable b={d.by_facility} title={t('stats.chart.facility')} />
              </section>
            </div>
          );
        }}
      </Loaded>
    </>
  );
}
