// Places of detention: the list with capacity and how many recorded persons
// are held in each, and one facility's page with its conditions record
// (population and capacity by source, visits with their checklist and
// documents, incidents) and the persons held there.
import { useState } from 'preact/hooks';
import { api, apiUrl, isMissingRoute } from '../api';
import { Empty, Facts, Loaded, PageTitle, useAsync } from '../components';
import { Documents } from '../documents';
import { fmtDate, fmtNum, fmtPercent, getLang, t } from '../i18n';
import { href } from '../router';
import { can } from '../session';
import { PersonLink, RiskBadge } from '../shared';
import type { Facility, PersonSummary } from '../types';
import { label } from '../vocab';
import { ConditionsForms } from './conditions-forms';
import { facilityName, useFacilities } from './persons';

function occupancy(f: Facility): string {
  if (!f.capacity || f.persons_held === undefined) return '';
  return fmtPercent(f.persons_held / f.capacity);
}

export function FacilitiesPage() {
  const state = useFacilities();
  return (
    <>
      <PageTitle>{t('facilities.title')}</PageTitle>
      <p class="muted">{t('facilities.intro')}</p>
      <Loaded state={state}>
        {(list) =>
          list.length ? (
            <div class="table-wrap">
              <table class="data">
                <caption class="visually-hidden">{t('facilities.title')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('facilities.name')}</th>
                    <th scope="col">{t('facilities.city')}</th>
                    <th scope="col">{t('facilities.type')}</th>
                    <th scope="col">{t('facilities.authority')}</th>
                    <th scope="col">{t('facilities.capacity')}</th>
                    <th scope="col">{t('facilities.held')}</th>
                  </tr>
                </thead>
                <tbody>
                  {list.map((f) => (
                    <tr key={f.code}>
                      <td>
                        <a href={href(['facilities', f.code])}>{facilityName(f, f.code)}</a>
                      </td>
                      <td>
                        <bdi>{f.city}</bdi>
                      </td>
                      <td>{label('facility_types', f.type)}</td>
                      <td>{label('authorities', f.authority)}</td>
                      <td class="num">{f.capacity ? fmtNum(f.capacity) : <span class="muted">—</span>}</td>
                      <td class="num">{f.persons_held !== undefined ? fmtNum(f.persons_held) : ''}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : (
            <Empty />
          )
        }
      </Loaded>
    </>
  );
}

export function FacilityPage({ code }: { code: string }) {
  const facilities = useFacilities();
  const persons = useAsync(
    () => (can.seePersons() ? api<{ total?: number; persons: PersonSummary[] }>('GET', '/persons', { query: { facility: code, limit: 200 } }) : Promise.resolve(null)),
    [code],
  );
  return (
    <Loaded state={facilities}>
      {(list) => {
        const f = list.find((x) => x.code === code);
        if (!f) {
          return (
            <>
              <PageTitle>{t('facilities.notFound')}</PageTitle>
              <p>
                <a href={href(['facilities'])}>{t('facilities.title')}</a>
              </p>
            </>
          );
        }
        return (
          <>
            <PageTitle>{facilityName(f, f.code)}</PageTitle>
            <p>
              <a href={href(['facilities'])}>{t('facilities.back')}</a>
            </p>
            <section class="panel" aria-labelledby="fac-h">
              <h2 id="fac-h">{t('facilities.details')}</h2>
              <Facts
                rows={[
                  [t('facilities.nameAr'), f.name_ar ? <bdi lang="ar">{f.name_ar}</bdi> : ''],
                  [t('facilities.nameEn'), f.name_en ? <bdi lang="en">{f.name_en}</bdi> : ''],
                  [t('facilities.code'), <code dir="ltr">{f.code}</code>],
                  [t('facilities.city'), f.city ? <bdi>{f.city}</bdi> : ''],
                  [t('facilities.country'), label('nationalities', f.country)],
                  [t('facilities.type'), label('facility_types', f.type)],
                  [t('facilities.authority'), label('authorities', f.authority)],
                  [t('facilities.capacity'), f.capacity ? fmtNum(f.capacity) : ''],
                  [t('facilities.held'), f.persons_held !== undefined ? fmtNum(f.persons_held) : ''],
                  [t('facilities.occupancy'), occupancy(f)],
                ]}
              />
            </section>
            <FacilityConditions code={f.code} />
            {can.seePersons() ? (
              <section class="panel" aria-labelledby="fac-persons-h">
                <h2 id="fac-persons-h">{t('facilities.persons')}</h2>
                <Loaded state={persons}>
                  {(answer) =>
                    answer && answer.persons.length ? (
                      <div class="table-wrap">
                        <table class="data">
                          <thead>
                            <tr>
                              <th scope="col">{t('person.name')}</th>
                              <th scope="col">{t('person.status')}</th>
                              <th scope="col">{t('person.risk')}</th>
                            </tr>
                          </thead>
                          <tbody>
                            {answer.persons.map((p) => (
                              <tr key={p.public_id}>
                                <td>
                                  <PersonLink id={p.public_id} ar={p.name_ar} lat={p.name_lat} />
                                </td>
                                <td>{label('person_statuses', p.status)}</td>
                                <td>
                                  <RiskBadge risk={p.risk} />
                                </td>
                              </tr>
                            ))}
                          </tbody>
                        </table>
                      </div>
                    ) : (
                      <Empty />
                    )
                  }
                </Loaded>
              </section>
            ) : null}
          </>
        );
      }}
    </Loaded>
  );
}

interface Figure {
  date: string;
  population: number | null;
  capacity: number | null;
  source: string;
  scope: string;
}
interface Visit {
  id: number;
  date: string;
  visitor: string;
  notes: string;
  indicators: { indicator: string; rating: string; note: string }[];
}
interface Incident {
  id: number;
  date: string;
  type: string;
  deaths: number;
  affected: number;
  description: string;
  source: string;
  persons: string[];
  persons_not_shown?: number;
}
interface Conditions {
  capacity: number;
  figures: Figure[];
  visits: Visit[];
  incidents: Incident[];
}

/** Population and capacity by source, the latest visits' checklists and the incidents of one facility. */
function FacilityConditions({ code }: { code: string }) {
  const [version, setVersion] = useState(0);
  const state = useAsync(async () => {
    try {
      return await api<Conditions>('GET', `/facilities/${encodeURIComponent(code)}/conditions`);
    } catch (err) {
      if (isMissingRoute(err)) return null; // a server without conditions monitoring
      throw err;
    }
  }, [code, version]);
  if (state.data === null) return null;
  return (
    <section class="panel" aria-labelledby="fac-cond-h" id="facility-conditions">
      <h2 id="fac-cond-h">{t('facilities.conditions')}</h2>
      <Loaded state={state}>
        {(c) => {
          if (!c) return null;
          if (!c.figures.length && !c.visits.length && !c.incidents.length) return <Empty>{t('facilities.noConditions')}</Empty>;
          const occupancy = (f: Figure) => {
            const cap = f.capacity ?? (c.capacity > 0 ? c.capacity : null);
            return f.population !== null && cap ? fmtPercent(f.population / cap) : '';
          };
          const charted = c.figures.some((f) => f.population !== null && (f.capacity || c.capacity));
          return (
            <>
              {c.figures.length ? (
                <div class="table-wrap">
                  <table class="data compact" id="facility-figures">
                    <caption>{t('facilities.population')}</caption>
                    <thead>
                      <tr>
                        <th scope="col">{t('common.date')}</th>
                        <th scope="col">{t('facilities.count')}</th>
                        <th scope="col">{t('facilities.figCapacity')}</th>
                        <th scope="col">{t('facilities.figOccupancy')}</th>
                        <th scope="col">{t('person.source')}</th>
                        <th scope="col">{t('facilities.scope')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {c.figures.map((f, i) => (
                        <tr key={i}>
                          <td>{fmtDate(f.date)}</td>
                          <td class="num">{f.population !== null ? fmtNum(f.population) : '—'}</td>
                          <td class="num">{f.capacity !== null ? fmtNum(f.capacity) : '—'}</td>
                          <td class="num">{occupancy(f)}</td>
                          <td>
                            <bdi>{f.source}</bdi>
                          </td>
                          <td>
                            <bdi>{f.scope}</bdi>
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              ) : null}
              {charted ? (
                <figure class="chart">
                  <img src={apiUrl(`/stats/charts/occupancy-${code}.svg`, { lang: getLang() })} alt={t('facilities.occupancyChart')} loading="lazy" />
                </figure>
              ) : null}
              {c.visits.length ? <h3>{t('facilities.visits')}</h3> : null}
              {c.visits
                .slice()
                .reverse()
                .map((v) => (
                  <div class="visit" key={v.id} id={`visit-${v.id}`}>
                    <div class="table-wrap">
                      <table class="data compact">
                        <caption>{t('facilities.visitBy', { date: fmtDate(v.date), who: v.visitor })}</caption>
                        <thead>
                          <tr>
                            <th scope="col">{t('facilities.indicator')}</th>
                            <th scope="col">{t('facilities.rating')}</th>
                            <th scope="col">{t('facilities.note')}</th>
                          </tr>
                        </thead>
                        <tbody>
                          {v.indicators.map((r) => (
                            <tr key={r.indicator}>
                              <td>{label('condition_indicators', r.indicator)}</td>
                              <td>
                                <span class={`rating rating-${r.rating}`}>{label('condition_ratings', r.rating)}</span>
                              </td>
                              <td>
                                <bdi>{r.note}</bdi>
                              </td>
                            </tr>
                          ))}
                        </tbody>
                      </table>
                    </div>
                    {can.seePersons() ? (
                      <details class="visit-documents" id={`visit-${v.id}-documents`}>
                        <summary>{t('facilities.visitDocuments')}</summary>
                        <Documents path={`/visits/${v.id}/documents`} prefix={`visit-${v.id}-`} kind="visit_report" />
                      </details>
                    ) : null}
                  </div>
                ))}
              {c.incidents.length ? (
                <div class="table-wrap">
                  <table class="data compact" id="facility-incidents">
                    <caption>{t('facilities.incidents')}</caption>
                    <thead>
                      <tr>
                        <th scope="col">{t('common.date')}</th>
                        <th scope="col">{t('facilities.incidentType')}</th>
                        <th scope="col">{t('facilities.deaths')}</th>
                        <th scope="col">{t('facilities.affected')}</th>
                        <th scope="col">{t('facilities.note')}</th>
                        <th scope="col">{t('person.source')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {c.incidents.map((i) => (
                        <tr key={i.id}>
                          <td>{fmtDate(i.date)}</td>
                          <td>{label('incident_types', i.type)}</td>
                          <td class="num">{fmtNum(i.deaths)}</td>
                          <td class="num">{i.affected ? fmtNum(i.affected) : '—'}</td>
                          <td>
                            <bdi>{i.description}</bdi>
                            {i.persons.map((p) => (
                              <span key={p}>
                                {' '}
                                <a href={href(['persons', p])}>
                                  <bdi>{p}</bdi>
                                </a>
                              </span>
                            ))}
                          </td>
                          <td>
                            <bdi>{i.source}</bdi>
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                  {can.seePersons()
                    ? c.incidents.map((i) => (
                        <details class="incident-documents" id={`incident-${i.id}-documents`} key={i.id}>
                          <summary>
                            {t('facilities.incidentDocuments', { date: fmtDate(i.date), type: label('incident_types', i.type) })}
                          </summary>
                          <Documents path={`/incidents/${i.id}/documents`} prefix={`incident-${i.id}-`} kind="medical_report" />
                        </details>
                      ))
                    : null}
                </div>
              ) : null}
            </>
          );
        }}
      </Loaded>
      <ConditionsForms code={code} onSaved={() => setVersion((n) => n + 1)} />
    </section>
  );
}
