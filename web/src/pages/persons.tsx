// The people list: one search box (Arabic or Latin, any spelling — the server
// matches names across scripts) and filters by facility, status, risk and
// source. The filters live in the address (#/persons?q=...&status=...), so
// the back button and bookmarks keep them.
import { useEffect, useState } from 'preact/hooks';
import { api } from '../api';
import { Empty, ErrorBox, Loading, PageTitle, useAsync } from '../components';
import { fmtNum, getLang, t } from '../i18n';
import { href, navigate, type Route } from '../router';
import { can } from '../session';
import { PersonLink, RiskBadge } from '../shared';
import type { Facility, PersonSummary } from '../types';
import { label, options } from '../vocab';

const PAGE = 50;
const RISK_LEVELS = ['critical', 'high', 'medium', 'low'] as const;

interface Source {
  id?: number;
  name?: string;
  kind?: string;
}

export function facilityName(f: Facility | undefined, code: string): string {
  if (!f) return code;
  return (getLang() === 'ar' ? f.name_ar || f.name_en : f.name_en || f.name_ar) || code;
}

/** The facilities list, fetched once per page that needs it. */
export function useFacilities() {
  return useAsync(() => api<Facility[] | { facilities: Facility[] }>('GET', '/facilities').then((a) => (Array.isArray(a) ? a : a.facilities ?? [])), []);
}

export function PersonsPage({ route }: { route: Route }) {
  const q = route.query;
  const filters = {
    q: q.get('q') ?? '',
    status: q.get('status') ?? '',
    facility: q.get('facility') ?? '',
    risk: q.get('risk') ?? '',
    source: q.get('source') ?? '',
  };
  const offset = Math.max(0, parseInt(q.get('offset') ?? '0', 10) || 0);
  const [draft, setDraft] = useState(filters);
  useEffect(() => setDraft(filters), [route.href]);

  const facilities = useFacilities();
  const sources = useAsync(
    () => api<Source[] | { sources: Source[] }>('GET', '/sources').then((a) => (Array.isArray(a) ? a : a.sources ?? []), () => null),
    [],
  );
  const list = useAsync(
    () => api<{ total?: number; partial?: boolean; persons: PersonSummary[] }>('GET', '/persons', { query: { ...filters, limit: PAGE, offset } }),
    [route.href],
  );

  const go = (next: typeof filters, nextOffset = 0) =>
    navigate(href(['persons'], { ...next, offset: nextOffset ? String(nextOffset) : undefined }));

  const submit = (e: Event) => {
    e.preventDefault();
    go(draft);
  };
  const set = (k: keyof typeof filters) => (e: Event) => setDraft({ ...draft, [k]: (e.currentTarget as HTMLInputElement).value });
  const facilityList = facilities.data ?? [];
  const facilityByCode = new Map(facilityList.map((f) => [f.code, f]));
  const anyFilter = Object.values(filters).some(Boolean);

  return (
    <>
      <PageTitle>{t('persons.title')}</PageTitle>
      <form role="search" class="filters" onSubmit={submit} aria-label={t('persons.searchLabel')}>
        <div class="field field-search">
          <label for="person-search">{t('persons.search')}</label>
          <input
            id="person-search"
            type="search"
            name="q"
            dir="auto"
            value={draft.q}
            onInput={set('q')}
            aria-describedby="person-search-hint"
            autoComplete="off"
          />
          <p class="hint" id="person-search-hint">
            {t('persons.searchHint')}
          </p>
        </div>
        <div class="field">
          <label for="filter-status">{t('person.status')}</label>
          <select id="filter-status" value={draft.status} onChange={set('status')}>
            <option value="">{t('common.all')}</option>
            {options('person_statuses').map((o) => (
              <option key={o.code} value={o.code}>
                {o.text}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="filter-facility">{t('person.facility')}</label>
          <select id="filter-facility" value={draft.facility} onChange={set('facility')}>
            <option value="">{t('common.all')}</option>
            {facilityList.map((f) => (
              <option key={f.code} value={f.code}>
                {facilityName(f, f.code)}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="filter-risk">{t('person.risk')}</label>
          <select id="filter-risk" value={draft.risk} onChange={set('risk')}>
            <option value="">{t('common.all')}</option>
            {RISK_LEVELS.map((r) => (
              <option key={r} value={r}>
                {t(`risk.${r}`)}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="filter-source">{t('persons.source')}</label>
          {sources.data ? (
            <select id="filter-source" value={draft.source} onChange={set('source')}>
              <option value="">{t('common.all')}</option>
              {sources.data.map((s) => (
                <option key={s.id ?? s.name} value={String(s.id ?? s.name)}>
                  {s.name}
                </option>
              ))}
            </select>
          ) : (
            <input id="filter-source" dir="auto" value={draft.source} onInput={set('source')} />
          )}
        </div>
        <div class="filter-buttons">
          <button type="submit" class="primary">
            {t('persons.searchButton')}
          </button>
          {anyFilter ? (
            <a class="button" href={href(['persons'])}>
              {t('persons.clear')}
            </a>
          ) : null}
          {can.edit() ? (
            <a class="button" href={href(['persons', 'new'])}>
              {t('nav.addPerson')}
            </a>
          ) : null}
        </div>
      </form>

      {list.error ? <ErrorBox error={list.error} /> : null}
      {list.loading && !list.data ? <Loading /> : null}
      {list.data ? (
        <Results
          persons={list.data.persons ?? []}
          total={list.data.total ?? list.data.persons?.length ?? 0}
          partial={list.data.partial === true}
          offset={offset}
          facilityByCode={facilityByCode}
          onPage={(o) => go(filters, o)}
          searched={anyFilter}
        />
      ) : null}
    </>
  );
}

function Results({
  persons,
  total,
  partial,
  offset,
  facilityByCode,
  onPage,
  searched,
}: {
  persons: PersonSummary[];
  total: number;
  partial: boolean;
  offset: number;
  facilityByCode: Map<string, Facility>;
  onPage: (offset: number) => void;
  searched: boolean;
}) {
  if (!persons.length) return <Empty>{searched ? t('persons.noMatch') : t('persons.empty')}</Empty>;
  const from = offset + 1;
  const to = offset + persons.length;
  return (
    <section aria-labelledby="results-h">
      <h2 id="results-h" class="visually-hidden">
        {t('persons.results')}
      </h2>
      <p role="status" class="result-count">
        {t('persons.showing', { from, to, total })}
      </p>
      {partial ? (
        <p class="muted small" id="search-partial">
          {t('persons.partial')}
        </p>
      ) : null}
      <div class="table-wrap">
        <table class="data" id="persons-table">
          <caption class="visually-hidden">{t('persons.results')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('person.name')}</th>
              <th scope="col">{t('person.id')}</th>
              <th scope="col">{t('person.status')}</th>
              <th scope="col">{t('person.facility')}</th>
              <th scope="col">{t('person.risk')}</th>
            </tr>
          </thead>
          <tbody>
            {persons.map((p) => (
              <tr key={p.public_id}>
                <td>
                  <PersonLink id={p.public_id} ar={p.name_ar} lat={p.name_lat} />
                  {p.confidential ? <span class="badge tone-info">{t('person.confidential')}</span> : null}
                </td>
                <td class="nowrap" dir="ltr">
                  {p.public_id}
                </td>
                <td>{label('person_statuses', p.status)}</td>
                <td>{p.facility ? facilityName(facilityByCode.get(p.facility), p.facility) : ''}</td>
                <td>
                  <RiskBadge risk={p.risk} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {total > PAGE ? (
        <nav class="pager" aria-label={t('common.pages')}>
          <button type="button" disabled={offset === 0} onClick={() => onPage(Math.max(0, offset - PAGE))}>
            {t('common.previous')}
          </button>
          <span>
            {t('common.pageOf', { page: Math.floor(offset / PAGE) + 1, pages: Math.ceil(total / PAGE) })}
          </span>
          <button type="button" disabled={to >= total} onClick={() => onPage(offset + PAGE)}>
            {t('common.next')}
          </button>
        </nav>
      ) : null}
      <p class="muted small">{t('persons.total', { n: fmtNum(total) })}</p>
    </section>
  );
}
