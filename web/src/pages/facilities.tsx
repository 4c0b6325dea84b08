// Places of detention: the list with capacity and how many recorded persons
// are held in each, and one facility's page with the persons held there.
import { api } from '../api';
import { Empty, Facts, Loaded, PageTitle, useAsync } from '../components';
import { fmtNum, fmtPercent, t } from '../i18n';
import { href } from '../router';
import { can } from '../session';
import { PersonLink, RiskBadge } from '../shared';
import type { Facility, PersonSummary } from '../types';
import { label } from '../vocab';
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
              {f.population && f.population.length ? (
                <div class="table-wrap">
                  <table class="data compact">
                    <caption>{t('facilities.population')}</caption>
                    <thead>
                      <tr>
                        <th scope="col">{t('common.date')}</th>
                        <th scope="col">{t('facilities.count')}</th>
                        <th scope="col">{t('person.source')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {f.population.map((row, i) => (
                        <tr key={i}>
                          <td>{row.date}</td>
                          <td class="num">{row.count !== undefined ? fmtNum(row.count) : ''}</td>
                          <td>
                            <bdi>{row.source}</bdi>
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              ) : null}
            </section>
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
