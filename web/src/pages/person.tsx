// A person's file: identity with every name variant and where it came from,
// risk of forced return with its reasons, alerts, detention, case files,
// allegations, timeline, consent, documents, transfer screening, advocacy
// log and dossiers. Forms add consent, events and advocacy entries. Every
// name and note is rendered as text. Prints as a clean case sheet.
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { api, apiBlob, apiUrl } from '../api';
import { Badge, DateText, Empty, ErrorBox, Facts, fullName, Loaded, motherName, Notice, PageTitle, useAsync } from '../components';
import { dateField, SimpleForm } from '../forms';
import { Documents } from '../documents';
import { BriefSection, HealthSection } from './person-conditions';
import { fmtNum, getLang, pick, t } from '../i18n';
import type { Key } from '../strings';
import { href } from '../router';
import { can } from '../session';
import { AlertTable, humanise, maybe, RiskBadge, riskExplanation, serverText } from '../shared';
import type { Facility, PersonFile, Reason, Transfer } from '../types';
import { label, options } from '../vocab';
import { facilityName, useFacilities } from './persons';

const SECTIONS: [string, Key][] = [
  ['sec-identity', 'person.identity'],
  ['sec-risk', 'person.riskTitle'],
  ['sec-alerts', 'person.alerts'],
  ['sec-detention', 'person.detention'],
  ['sec-cases', 'person.cases'],
  ['sec-allegations', 'person.allegations'],
  ['sec-timeline', 'person.timeline'],
  ['sec-consent', 'person.consent'],
  ['sec-documents', 'person.documents'],
  ['sec-transfer', 'person.transfer'],
  ['sec-health', 'person.health'],
  ['sec-advocacy', 'person.advocacy'],
  ['sec-dossiers', 'person.dossiers'],
];

function Section({ id, title, children, noPrint }: { id: string; title: string; children: ComponentChildren; noPrint?: boolean }) {
  return (
    <section class={'panel person-section' + (noPrint ? ' no-print' : '')} aria-labelledby={id + '-h'} id={id}>
      <h2 id={id + '-h'} tabIndex={-1}>
        {title}
      </h2>
      {children}
    </section>
  );
}

function Contents() {
  return (
    <nav class="contents no-print" aria-label={t('person.contents')}>
      <ul>
        {SECTIONS.map(([id, key]) => (
          <li key={id}>
            <button
              type="button"
              class="link-button"
              onClick={() => {
                const h = document.getElementById(id + '-h');
                h?.scrollIntoView({ block: 'start' });
                h?.focus();
              }}
            >
              {t(key)}
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}

export function PersonPage({ id }: { id: string }) {
  const state = useAsync(() => api<PersonFile>('GET', `/persons/${encodeURIComponent(id)}`), [id]);
  const facilities = useFacilities();
  const byCode = new Map((facilities.data ?? []).map((f) => [f.code, f]));
  const fac = (code?: string) => (code ? facilityName(byCode.get(code), code) : '');
  return (
    <Loaded state={state}>
      {(p) => <PersonView p={p} fac={fac} reload={state.reload} facilities={facilities.data ?? []} />}
    </Loaded>
  );
}

function PersonView({ p, fac, reload, facilities }: { p: PersonFile; fac: (c?: string) => string; reload: () => void; facilities: Facility[] }) {
  const nameAr = fullName(p.name_ar);
  const nameLat = fullName(p.name_lat);
  const title = (getLang() === 'ar' ? nameAr || nameLat : nameLat || nameAr) || p.public_id;
  const other = title === nameAr ? nameLat : nameAr;
  return (
    <article class="person">
      <PageTitle docTitle={`${title} (${p.public_id})`}>
        <bdi>{title}</bdi>
      </PageTitle>
      <div class="person-head">
        {other ? (
          <p class="person-othername">
            <bdi>{other}</bdi>
          </p>
        ) : null}
        <p class="person-tags">
          <span class="tag" dir="ltr">
            {p.public_id}
          </span>
          {p.status ? <Badge code="neutral">{label('person_statuses', p.status)}</Badge> : null}
          {p.facility ? <span class="tag">{fac(p.facility)}</span> : null}
          <RiskBadge risk={p.risk ?? null} />
          {p.confidential ? <Badge code="notice">{t('person.confidential')}</Badge> : null}
          <button type="button" class="link-button no-print" onClick={() => window.print()}>
            {t('person.print')}
          </button>
        </p>
      </div>
      <Contents />

      <Section id="sec-identity" title={t('person.identity')}>
        <Facts
          rows={[
            [t('person.nameAr'), nameAr ? <bdi lang="ar">{nameAr}</bdi> : ''],
            [t('person.nameLat'), nameLat ? <bdi lang="en">{nameLat}</bdi> : ''],
            [
              t('person.mother'),
              motherName(p.name_ar) || motherName(p.name_lat) ? (
                <span class="lines">
                  {[motherName(p.name_ar), motherName(p.name_lat)]
                    .filter(Boolean)
                    .map((m, i) => (
                      <bdi key={i}>{m}</bdi>
                    ))}
                </span>
              ) : (
                ''
              ),
            ],
            [t('person.gender'), label('genders', p.gender)],
            [t('person.birthDate'), p.birth_date ? <DateText value={p.birth_date} /> : ''],
            [t('person.birthPlace'), p.birth_place ? <bdi>{p.birth_place}</bdi> : ''],
            [t('person.nationality'), label('nationalities', p.nationality)],
            [t('person.idNumber'), p.id_number ? <bdi dir="ltr">{p.id_number}</bdi> : ''],
            [t('person.team'), p.team || p.teams?.length ? <bdi>{p.team || (p.teams ?? []).join('، ')}</bdi> : ''],
            [t('person.notes'), p.notes ? <bdi>{p.notes}</bdi> : ''],
          ]}
        />
        {can.edit() ? (
          <details class="add-form no-print">
            <summary>{t('person.edit')}</summary>
            <SimpleForm
              idPrefix="edit"
              submitLabel={t('person.editSave')}
              successText={t('person.editSaved')}
              resetOnSuccess={false}
              initial={{
                status: p.status ?? '',
                facility: p.facility ?? '',
                gender: p.gender ?? '',
                birth_date: p.birth_date ?? '',
                birth_place: p.birth_place ?? '',
                nationality: p.nationality ?? '',
                notes: p.notes ?? '',
              }}
              fields={[
                { name: 'status', label: t('person.status'), kind: 'select', options: options('person_statuses') },
                { name: 'facility', label: t('person.facility'), kind: 'select', options: facilities.map((f) => ({ code: f.code, text: facilityName(f, f.code) })) },
                { name: 'gender', label: t('person.gender'), kind: 'select', options: options('genders') },
                dateField('birth_date', t('person.birthDate')),
                { name: 'birth_place', label: t('person.birthPlace') },
                { name: 'nationality', label: t('person.nationality'), kind: 'select', options: options('nationalities') },
                { name: 'notes', label: t('person.notes'), kind: 'textarea' },
              ]}
              onSubmit={async (v) => {
                await api('PATCH', `/persons/${encodeURIComponent(p.public_id)}`, { json: v });
                reload();
              }}
            />
          </details>
        ) : null}
        <h3>{t('person.nameVariants')}</h3>
        <NameVariants p={p} />
        {p.flags && p.flags.length ? (
          <>
            <h3>{t('person.flags')}</h3>
            <ul>
              {p.flags.map((f, i) => {
                const code = typeof f === 'string' ? f : f.flag ?? f.code ?? '';
                return (
                  <li key={i}>
                    {label('profile_flags', code)}
                    {typeof f === 'object' && f.notes ? (
                      <>
                        {' — '}
                        <bdi>{f.notes}</bdi>
                      </>
                    ) : null}
                  </li>
                );
              })}
            </ul>
          </>
        ) : null}
      </Section>

      <Section id="sec-risk" title={t('person.riskTitle')}>
        <RiskView p={p} />
      </Section>

      <Section id="sec-alerts" title={t('person.alerts')}>
        <AlertTable alerts={p.alerts ?? []} caption={t('person.alertsCaption')} showPerson={false} />
      </Section>

      <Section id="sec-detention" title={t('person.detention')}>
        <Detention p={p} fac={fac} />
      </Section>

      <Section id="sec-cases" title={t('person.cases')}>
        <Cases p={p} />
      </Section>

      <Section id="sec-allegations" title={t('person.allegations')}>
        <Allegations p={p} />
      </Section>

      <Section id="sec-timeline" title={t('person.timeline')}>
        <Timeline p={p} fac={fac} />
        {can.edit() ? (
          <details class="add-form no-print">
            <summary>{t('event.add')}</summary>
            <SimpleForm
              idPrefix="event"
              submitLabel={t('event.save')}
              successText={t('event.saved')}
              fields={[
                { name: 'type', label: t('event.type'), kind: 'select', required: true, options: options('event_types') },
                dateField('date', t('event.date'), { required: true }),
                { name: 'description', label: t('event.description'), kind: 'textarea' },
                { name: 'facility', label: t('event.facility'), kind: 'select', options: facilities.map((f) => ({ code: f.code, text: facilityName(f, f.code) })) },
              ]}
              onSubmit={async (v) => {
                await api('POST', `/persons/${encodeURIComponent(p.public_id)}/events`, { json: v });
                reload();
              }}
            />
          </details>
        ) : null}
      </Section>

      <Section id="sec-consent" title={t('person.consent')}>
        <Consents p={p} />
        <Shares p={p} />
        {can.edit() ? (
          <details class="add-form no-print">
            <summary>{t('consent.add')}</summary>
            <SimpleForm
              idPrefix="consent"
              submitLabel={t('consent.save')}
              successText={t('consent.saved')}
              fields={[
                { name: 'scope', label: t('consent.scope'), kind: 'select', required: true, options: options('consent_scopes') },
                {
                  name: 'decision',
                  label: t('consent.decision'),
                  kind: 'select',
                  required: true,
                  options: ['granted', 'refused', 'unknown'].map((c) => ({ code: c, text: t(`consent.${c}` as Key) })),
                },
                { name: 'given_by', label: t('consent.givenBy'), hint: t('consent.givenByHint'), required: true },
                { name: 'witness', label: t('consent.witness') },
                { name: 'partner', label: t('consent.partner'), when: (v) => v.scope === 'share_partner', required: true },
                dateField('date', t('consent.date'), { required: true }),
                { name: 'notes', label: t('consent.notes'), kind: 'textarea' },
              ]}
              onSubmit={async (v) => {
                await api('POST', `/persons/${encodeURIComponent(p.public_id)}/consents`, { json: v });
                reload();
              }}
            />
          </details>
        ) : null}
      </Section>

      <Section id="sec-documents" title={t('person.documents')}>
        <Documents path={`/persons/${encodeURIComponent(p.public_id)}/documents`} />
      </Section>

      <Section id="sec-transfer" title={t('person.transfer')}>
        <TransferView tr={p.transfer ?? null} />
      </Section>

      <HealthSection id={p.public_id} />

      <Section id="sec-advocacy" title={t('person.advocacy')}>
        <Advocacy p={p} />
        {can.edit() ? (
          <details class="add-form no-print">
            <summary>{t('advocacy.add')}</summary>
            <SimpleForm
              idPrefix="advocacy"
              submitLabel={t('advocacy.save')}
              successText={t('advocacy.saved')}
              fields={[
                { name: 'action', label: t('advocacy.action'), kind: 'select', required: true, options: options('advocacy_actions') },
                { name: 'addressee', label: t('advocacy.addressee') },
                dateField('date', t('advocacy.date'), { required: true }),
                { name: 'reference', label: t('advocacy.reference'), dir: 'auto' },
                { name: 'response', label: t('advocacy.response'), kind: 'textarea' },
                dateField('follow_up', t('advocacy.followUp')),
                dateField('act_until', t('advocacy.actUntil')),
              ]}
              onSubmit={async (v) => {
                await api('POST', `/persons/${encodeURIComponent(p.public_id)}/advocacy`, { json: v });
                reload();
              }}
            />
          </details>
        ) : null}
      </Section>

      {can.dossiers() ? (
        <Section id="sec-dossiers" title={t('person.dossiers')} noPrint>
          <Dossiers id={p.public_id} />
        </Section>
      ) : null}
      <BriefSection id={p.public_id} />
    </article>
  );
}

function scriptOf(text: string): string {
  if (/[\u0600-\u06FF]/.test(text)) return t('person.scriptArabic');
  if (/[A-Za-z]/.test(text)) return t('person.scriptLatin');
  return '';
}

/** Every spelling of the name: the organisation's own and each source's, with where it came from. */
function NameVariants({ p }: { p: PersonFile }) {
  const rows: { name: string; mother: string; source: string; ref: string; key: string }[] = [];
  const own = t('person.curated');
  if (fullName(p.name_ar)) rows.push({ name: fullName(p.name_ar), mother: motherName(p.name_ar), source: own, ref: '', key: 'ar' });
  if (fullName(p.name_lat)) rows.push({ name: fullName(p.name_lat), mother: motherName(p.name_lat), source: own, ref: '', key: 'lat' });
  for (const n of p.names ?? []) {
    rows.push({ name: fullName(n.name ?? null), mother: motherName(n.name ?? null), source: n.source ?? '', ref: '', key: 'n' + rows.length });
  }
  for (const r of p.records ?? []) {
    for (const nv of [r.name, r.name_ar, r.name_lat]) {
      const name = fullName(nv ?? null);
      if (!name) continue;
      rows.push({
        name,
        mother: motherName(nv ?? null),
        source: r.source ?? (r.source_id ? `#${r.source_id}` : ''),
        ref: [r.record_id, r.line ? t('person.line', { n: r.line }) : ''].filter(Boolean).join(' · '),
        key: `r${r.id ?? rows.length}-${rows.length}`,
      });
    }
  }
  if (!rows.length) return <Empty />;
  return (
    <div class="table-wrap">
      <table class="data" id="name-variants">
        <caption class="visually-hidden">{t('person.nameVariants')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('person.name')}</th>
            <th scope="col">{t('person.script')}</th>
            <th scope="col">{t('person.mother')}</th>
            <th scope="col">{t('person.source')}</th>
            <th scope="col">{t('person.sourceRef')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key}>
              <td>
                <bdi class="variant-name">{r.name}</bdi>
              </td>
              <td>{scriptOf(r.name)}</td>
              <td>
                <bdi>{r.mother}</bdi>
              </td>
              <td>
                <bdi>{r.source}</bdi>
              </td>
              <td>
                <bdi dir="ltr">{r.ref}</bdi>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function RiskView({ p }: { p: PersonFile }) {
  const r = p.risk;
  if (!r || !r.level) return <Empty>{t('risk.none')}</Empty>;
  return (
    <>
      <p class="risk-head">
        <RiskBadge risk={r} />
        {r.score !== undefined ? <span class="muted"> {t('risk.score', { n: r.score })}</span> : null}
        {r.destination ? <span class="muted"> · {t('risk.destination', { place: label('nationalities', r.destination) })}</span> : null}
      </p>
      <p class="risk-why">
        <bdi>{riskExplanation(r)}</bdi>
      </p>
      {r.factors && r.factors.length ? (
        <div class="table-wrap">
          <table class="data compact">
            <caption>{t('risk.factors')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('risk.factor')}</th>
                <th scope="col">{t('risk.level')}</th>
                <th scope="col">{t('risk.weight')}</th>
              </tr>
            </thead>
            <tbody>
              {r.factors.map((f, i) => (
                <tr key={f.id ?? i}>
                  <td>
                    <bdi>{serverText(f.ar, f.en) || (f.id ? humanise(f.id) : '')}</bdi>
                  </td>
                  <td>
                    <RiskBadge risk={f.level} />
                  </td>
                  <td class="num">{f.weight !== undefined ? fmtNum(f.weight) : ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {r.gaps && r.gaps.length ? (
        <>
          <h3>{t('risk.gaps')}</h3>
          <ul>
            {r.gaps.map((g, i) => (
              <li key={i}>
                <bdi>{typeof g === 'string' ? g : serverText(g.ar, g.en) || g.code}</bdi>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {r.rules_version ? <p class="muted small">{t('risk.rules', { v: r.rules_version })}</p> : null}
    </>
  );
}

function Detention({ p, fac }: { p: PersonFile; fac: (c?: string) => string }) {
  const arrests = p.arrests ?? [];
  const custody = p.custody ?? [];
  return (
    <>
      <h3>{t('detention.arrests')}</h3>
      {arrests.length ? (
        <div class="table-wrap">
          <table class="data">
            <thead>
              <tr>
                <th scope="col">{t('common.date')}</th>
                <th scope="col">{t('detention.place')}</th>
                <th scope="col">{t('detention.authority')}</th>
                <th scope="col">{t('common.notes')}</th>
              </tr>
            </thead>
            <tbody>
              {arrests.map((a, i) => (
                <tr key={a.id ?? i}>
                  <td class="nowrap">
                    <DateText value={a.date} />
                  </td>
                  <td>
                    <bdi>{a.place}</bdi>
                  </td>
                  <td>{label('authorities', a.authority)}</td>
                  <td>
                    <bdi>{a.notes}</bdi>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <Empty />
      )}
      <h3>{t('detention.custody')}</h3>
      {custody.length ? (
        <div class="table-wrap">
          <table class="data">
            <thead>
              <tr>
                <th scope="col">{t('person.facility')}</th>
                <th scope="col">{t('detention.from')}</th>
                <th scope="col">{t('detention.to')}</th>
              </tr>
            </thead>
            <tbody>
              {custody.map((c, i) => (
                <tr key={c.id ?? i}>
                  <td>{c.facility ? <a href={href(['facilities', c.facility])}>{fac(c.facility)}</a> : ''}</td>
                  <td class="nowrap">
                    <DateText value={c.from} />
                  </td>
                  <td class="nowrap">{c.to ? <DateText value={c.to} /> : <span>{t('detention.now')}</span>}</td>
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
}

function Cases({ p }: { p: PersonFile }) {
  const cases = p.cases ?? [];
  if (!cases.length) return <Empty>{t('case.none')}</Empty>;
  return (
    <>
      {cases.map((c, i) => {
        const latest = c.statuses && c.statuses.length ? c.statuses[c.statuses.length - 1] : undefined;
        return (
          <div class="case" key={c.id ?? i}>
            <h3>
              {t('case.title', { number: c.case_number || '—' })} — {label('courts', c.court)}
            </h3>
            <Facts
              rows={[
                [t('case.status'), latest ? <span>{label('case_statuses', latest.status)} (<DateText value={latest.date} />)</span> : ''],
                [t('case.lawyer'), c.lawyer ? <bdi>{c.lawyer}</bdi> : <span class="muted">{t('case.noLawyer')}</span>],
                [t('case.sentenceMonths'), c.sentence_months ? fmtNum(c.sentence_months) : ''],
                [t('case.sentenceStart'), c.sentence_start ? <DateText value={c.sentence_start} /> : ''],
                [t('case.sentenceEnd'), c.sentence_end ? <DateText value={c.sentence_end} /> : ''],
                [t('common.notes'), c.notes ? <bdi>{c.notes}</bdi> : ''],
              ]}
            />
            <h4>{t('case.charges')}</h4>
            {c.charges && c.charges.length ? (
              <ul class="chips">
                {c.charges.map((ch) => (
                  <li key={ch}>{label('charges', ch)}</li>
                ))}
              </ul>
            ) : (
              <Empty />
            )}
            {c.statuses && c.statuses.length > 1 ? (
              <>
                <h4>{t('case.history')}</h4>
                <ol class="steps">
                  {c.statuses.map((s, j) => (
                    <li key={j}>
                      <DateText value={s.date} /> — {label('case_statuses', s.status)}
                    </li>
                  ))}
                </ol>
              </>
            ) : null}
            <h4>{t('case.hearings')}</h4>
            {c.hearings && c.hearings.length ? (
              <div class="table-wrap">
                <table class="data compact">
                  <thead>
                    <tr>
                      <th scope="col">{t('common.date')}</th>
                      <th scope="col">{t('case.outcome')}</th>
                      <th scope="col">{t('common.notes')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {c.hearings.map((h, j) => (
                      <tr key={h.id ?? j}>
                        <td class="nowrap">
                          <DateText value={h.date} />
                        </td>
                        <td>{label('hearing_outcomes', h.outcome)}</td>
                        <td>
                          <bdi>{h.notes}</bdi>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            ) : (
              <Empty />
            )}
          </div>
        );
      })}
    </>
  );
}

function Allegations({ p }: { p: PersonFile }) {
  const rows = (p.cases ?? []).flatMap((c) => (c.allegations ?? []).map((a) => ({ a, c: c.case_number ?? '' })));
  if (!rows.length) return <Empty>{t('allegation.none')}</Empty>;
  return (
    <ul class="allegations">
      {rows.map((r, i) => (
        <li key={i}>
          {label('allegations', r.a)}
          {r.c ? <span class="muted small"> — {t('case.title', { number: r.c })}</span> : null}
        </li>
      ))}
    </ul>
  );
}

function Timeline({ p, fac }: { p: PersonFile; fac: (c?: string) => string }) {
  const events = [...(p.events ?? [])].sort((a, b) => (a.date ?? '').replace('~', '').localeCompare((b.date ?? '').replace('~', '')));
  if (!events.length) return <Empty />;
  return (
    <ol class="timeline">
      {events.map((e, i) => (
        <li key={e.id ?? i}>
          <span class="tl-date">
            <DateText value={e.date} />
          </span>
          <span class="tl-type">{label('event_types', e.type)}</span>
          {e.description ? (
            <span class="tl-text">
              <bdi>{e.description}</bdi>
            </span>
          ) : null}
          {e.facility ? <span class="tl-place muted">{fac(e.facility)}</span> : null}
        </li>
      ))}
    </ol>
  );
}

/**
 * The partner shares that carried this person. When the consent to share with
 * that partner is no longer granted, the row says to ask the partner to
 * delete what they received (a share cannot be recalled).
 */
function Shares({ p }: { p: PersonFile }) {
  const list = p.shares ?? [];
  if (!list.length) return null;
  return (
    <div class="table-wrap">
      <h3>{t('shares.title')}</h3>
      <table class="data" id="shares-table">
        <thead>
          <tr>
            <th scope="col">{t('shares.partner')}</th>
            <th scope="col">{t('common.date')}</th>
            <th scope="col">{t('shares.by')}</th>
            <th scope="col">{t('shares.consentNow')}</th>
          </tr>
        </thead>
        <tbody>
          {list.map((s, i) => (
            <tr key={s.bundle_id ?? i}>
              <td>
                <bdi>{s.partner}</bdi>
              </td>
              <td class="nowrap">
                <DateText value={(s.at ?? '').slice(0, 10)} />
              </td>
              <td>
                <bdi>{s.by}</bdi>
              </td>
              <td>
                {s.consent_now === 'granted' ? (
                  <Badge code="granted">{t('consent.granted')}</Badge>
                ) : (
                  <span class="share-withdrawn">
                    <Badge code="refused">
                      {s.consent_now === 'refused' ? t('consent.refused') : t('shares.noConsent')}
                    </Badge>{' '}
                    {t('shares.askDelete')}
                  </span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Consents({ p }: { p: PersonFile }) {
  const list = p.consents ?? [];
  if (!list.length) return <Empty>{t('consent.none')}</Empty>;
  return (
    <div class="table-wrap">
      <table class="data" id="consent-table">
        <thead>
          <tr>
            <th scope="col">{t('consent.scope')}</th>
            <th scope="col">{t('consent.decision')}</th>
            <th scope="col">{t('consent.givenBy')}</th>
            <th scope="col">{t('consent.witness')}</th>
            <th scope="col">{t('common.date')}</th>
            <th scope="col">{t('consent.recordedBy')}</th>
            <th scope="col">{t('common.notes')}</th>
          </tr>
        </thead>
        <tbody>
          {list.map((c, i) => (
            <tr key={c.id ?? i}>
              <td>
                {label('consent_scopes', c.scope)}
                {c.partner ? (
                  <>
                    {' — '}
                    <bdi>{c.partner}</bdi>
                  </>
                ) : null}
              </td>
              <td>
                <Badge code={c.decision}>{maybe(`consent.${c.decision}`) ?? c.decision}</Badge>
              </td>
              <td>
                <bdi>{c.given_by ? label('relationships', c.given_by) : ''}</bdi>
              </td>
              <td>
                <bdi>{c.witness}</bdi>
              </td>
              <td class="nowrap">
                <DateText value={c.date} />
              </td>
              <td>
                <bdi>{c.recorded_by}</bdi>
              </td>
              <td>
                <bdi>{c.notes}</bdi>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function eligibilityLabel(tr: Transfer): string {
  if (!tr.eligibility) return '';
  return maybe(`transfer.${tr.eligibility}`) ?? pick(tr.eligibility_ar, tr.eligibility);
}

export function eligibleFrom(tr: Transfer): string {
  const e = tr.eligible_from;
  if (!e) return '';
  if (typeof e === 'string') return e;
  return e.earliest ?? e.text ?? '';
}

export function served(tr: Transfer): string {
  const s = tr.prison_years_served;
  if (s === undefined || s === null) return '';
  // Rounded down, as the screening itself does: time served is never overstated.
  const down = (x: number) => Math.floor(x * 10) / 10;
  const min = down(typeof s === 'number' ? s : s.min ?? 0);
  const max = down(typeof s === 'number' ? s : s.max ?? min);
  const text = min === max ? fmtNum(min) : `${fmtNum(min)}–${fmtNum(max)}`;
  return tr.required_prison_years ? t('transfer.servedOf', { served: text, required: fmtNum(tr.required_prison_years) }) : text;
}

function ReasonList({ items }: { items: Reason[] }) {
  return (
    <ul>
      {items.map((r, i) => (
        <li key={r.code ?? i}>
          <bdi>{serverText(r.ar, r.en) || r.code}</bdi>
        </li>
      ))}
    </ul>
  );
}

function TransferView({ tr }: { tr: Transfer | null }) {
  if (!tr || !tr.eligibility) return <Empty>{t('transfer.notScreened')}</Empty>;
  return (
    <>
      <p>
        <Badge code={tr.eligibility}>{eligibilityLabel(tr)}</Badge>
        {tr.agreement ? <span class="muted"> · {t('transfer.agreement', { name: tr.agreement_version ?? tr.agreement })}</span> : null}
      </p>
      <Facts
        rows={[
          [t('transfer.served'), served(tr)],
          [t('transfer.eligibleFrom'), eligibleFrom(tr) ? <DateText value={eligibleFrom(tr)} /> : ''],
        ]}
      />
      {tr.reasons && tr.reasons.length ? (
        <>
          <h3>{t('transfer.reasons')}</h3>
          <ReasonList items={tr.reasons} />
        </>
      ) : null}
      {tr.met && tr.met.length ? (
        <>
          <h3>{t('transfer.met')}</h3>
          <ReasonList items={tr.met} />
        </>
      ) : null}
    </>
  );
}

function Advocacy({ p }: { p: PersonFile }) {
  const list = p.advocacy ?? [];
  if (!list.length) return <Empty>{t('advocacy.none')}</Empty>;
  return (
    <div class="table-wrap">
      <table class="data" id="advocacy-table">
        <thead>
          <tr>
            <th scope="col">{t('common.date')}</th>
            <th scope="col">{t('advocacy.action')}</th>
            <th scope="col">{t('advocacy.addressee')}</th>
            <th scope="col">{t('advocacy.reference')}</th>
            <th scope="col">{t('advocacy.response')}</th>
            <th scope="col">{t('advocacy.followUp')}</th>
            <th scope="col">{t('advocacy.actUntil')}</th>
          </tr>
        </thead>
        <tbody>
          {list.map((a, i) => (
            <tr key={a.id ?? i}>
              <td class="nowrap">
                <DateText value={a.date} />
              </td>
              <td>{label('advocacy_actions', a.action)}</td>
              <td>
                <bdi>{a.addressee}</bdi>
              </td>
              <td>
                <bdi>{a.reference}</bdi>
              </td>
              <td>
                <bdi>{a.response}</bdi>
              </td>
              <td class="nowrap">{a.follow_up ? <DateText value={a.follow_up} /> : ''}</td>
              <td class="nowrap">{a.act_until ? <DateText value={a.act_until} /> : ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

const DOSSIER_FORMS: [string, Key][] = [
  ['sp-urgent', 'dossier.spUrgent'],
  ['wgad', 'dossier.wgad'],
  ['wgeid', 'dossier.wgeid'],
  ['ua', 'dossier.ua'],
];

/**
 * Dossier buttons. The document is fetched first, so a refusal (consent
 * missing) is shown here with the server's reason; a document that is ready
 * is offered as a download and as a link that opens it in a new tab.
 */
function Dossiers({ id }: { id: string }) {
  const [lang, setLang] = useState<'en' | 'ar'>('en');
  const [format, setFormat] = useState<'html' | 'pdf'>('pdf');
  const [busy, setBusy] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [ready, setReady] = useState<{ url: string; direct: string; name: string; form: string } | null>(null);

  const make = async (form: string) => {
    setBusy(form);
    setError(null);
    if (ready) URL.revokeObjectURL(ready.url);
    setReady(null);
    const query = { form, lang, format };
    try {
      const { blob, filename } = await apiBlob(`/persons/${encodeURIComponent(id)}/dossier`, query);
      const name = filename || `${id}-${form}-${lang}.${format}`;
      setReady({ url: URL.createObjectURL(blob), direct: apiUrl(`/persons/${encodeURIComponent(id)}/dossier`, query), name, form });
    } catch (err) {
      setError(err);
    } finally {
      setBusy('');
    }
  };

  return (
    <div class="dossiers">
      <p class="muted">{t('dossier.intro')}</p>
      <div class="dossier-options">
        <fieldset>
          <legend>{t('dossier.language')}</legend>
          <label>
            <input type="radio" name="dossier-lang" value="en" checked={lang === 'en'} onChange={() => setLang('en')} /> English
          </label>
          <label>
            <input type="radio" name="dossier-lang" value="ar" checked={lang === 'ar'} onChange={() => setLang('ar')} /> العربية
          </label>
        </fieldset>
        <fieldset>
          <legend>{t('dossier.format')}</legend>
          <label>
            <input type="radio" name="dossier-format" value="pdf" checked={format === 'pdf'} onChange={() => setFormat('pdf')} /> PDF
          </label>
          <label>
            <input type="radio" name="dossier-format" value="html" checked={format === 'html'} onChange={() => setFormat('html')} /> HTML
          </label>
        </fieldset>
      </div>
      <div class="button-row">
        {DOSSIER_FORMS.map(([form, key]) => (
          <button type="button" key={form} data-form={form} disabled={busy !== ''} onClick={() => make(form)}>
            {busy === form ? t('dossier.preparing') : t(key)}
          </button>
        ))}
      </div>
      <div aria-live="polite">
        {error ? <ErrorBox error={error} title={t('dossier.refused')} /> : null}
        {ready ? (
          <Notice tone="ok">
            <p>{t('dossier.ready')}</p>
            <p class="button-row">
              <a class="button primary" href={ready.url} download={ready.name}>
                {t('dossier.download')}
              </a>
              <a class="button" href={ready.direct} target="_blank" rel="noopener noreferrer">
                {t('dossier.open')}
              </a>
            </p>
          </Notice>
        ) : null}
      </div>
    </div>
  );
}
