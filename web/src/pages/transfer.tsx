// Transfer screening: every person checked against the transfer agreement in
// force (eligible now, not yet, not eligible), with the reasons and, where it
// can be computed, the date from which a person becomes eligible.
import { useState } from 'preact/hooks';
import { api } from '../api';
import { Badge, DateText, Empty, Loaded, PageTitle, useAsync } from '../components';
import { fmtNum, t } from '../i18n';
import { humanise, maybe, PersonLink, serverText } from '../shared';
import type { NameValue, Transfer } from '../types';
import { label } from '../vocab';
import { eligibilityLabel, eligibleFrom, served } from './person';

interface Row extends Transfer {
  public_id?: string;
  name_ar?: NameValue;
}

export function TransferPage() {
  const state = useAsync(() => api<{ agreement?: string; counts?: Record<string, number>; persons?: Row[] }>('GET', '/transfer'), []);
  const [only, setOnly] = useState('');
  return (
    <>
      <PageTitle>{t('transfer.title')}</PageTitle>
      <p class="muted">{t('transfer.intro')}</p>
      <Loaded state={state}>
        {(d) => {
          const persons = (d.persons ?? []).filter((p) => !only || p.eligibility === only);
          const counts = d.counts ?? {};
          return (
            <>
              {d.agreement ? <p>{t('transfer.agreement', { name: d.agreement })}</p> : null}
              <ul class="counts">
                {Object.entries(counts).map(([k, v]) => (
                  <li key={k}>
                    <span class="count-value">{fmtNum(v)}</span>{' '}
                    <span class="count-label">{maybe(`transfer.${k}`) ?? humanise(k)}</span>
                  </li>
                ))}
              </ul>
              <div class="filters">
                <div class="field">
                  <label for="transfer-filter">{t('transfer.show')}</label>
                  <select id="transfer-filter" value={only} onChange={(e) => setOnly(e.currentTarget.value)}>
                    <option value="">{t('common.all')}</option>
                    {Object.keys(counts).map((k) => (
                      <option key={k} value={k}>
                        {maybe(`transfer.${k}`) ?? humanise(k)}
                      </option>
                    ))}
                  </select>
                </div>
              </div>
              {persons.length ? (
                <div class="table-wrap">
                  <table class="data">
                    <caption>{t('transfer.caption', { n: persons.length })}</caption>
                    <thead>
                      <tr>
                        <th scope="col">{t('person.name')}</th>
                        <th scope="col">{t('person.status')}</th>
                        <th scope="col">{t('transfer.eligibility')}</th>
                        <th scope="col">{t('transfer.served')}</th>
                        <th scope="col">{t('transfer.eligibleFrom')}</th>
                        <th scope="col">{t('transfer.reasons')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {persons.map((p, i) => (
                        <tr key={p.person ?? p.public_id ?? i}>
                          <td>
                            <PersonLink id={p.person ?? p.public_id} ar={p.name ?? p.name_ar} lat={p.name_lat} />
                          </td>
                          <td>{label('person_statuses', p.status)}</td>
                          <td>
                            <Badge code={p.eligibility}>{eligibilityLabel(p)}</Badge>
                          </td>
                          <td class="nowrap">{served(p)}</td>
                          <td class="nowrap">{eligibleFrom(p) ? <DateText value={eligibleFrom(p)} /> : ''}</td>
                          <td>
                            <ul class="reasons">
                              {(p.reasons ?? []).map((r, j) => (
                                <li key={r.code ?? j}>
                                  <bdi>{serverText(r.ar, r.en) || r.code}</bdi>
                                </li>
                              ))}
                            </ul>
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              ) : (
                <Empty />
              )}
            </>
          );
        }}
      </Loaded>
    </>
  );
}
