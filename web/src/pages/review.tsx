// The linkage review queue (GET /api/review): two source records that may be
// the same person, side by side, with the probability and the explanation of
// the score (which fields agree, disagree or are missing, with their weights).
// The reviewer says "same person" (the two persons are merged), "not the
// same" or "skip" (POST /api/review/{id}/decision); the reviewer's last action
// can be undone (POST /api/review/undo), also after a reload. Keys: M, N, S, U
// when focus is not in a text field.
import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../api';
import { Empty, ErrorBox, fullName, Loaded, motherName, Notice, PageTitle, useAsync } from '../components';
import { fmtDate, fmtNum, fmtPercent, fmtSigned, t } from '../i18n';
import { href } from '../router';
import { humanise, maybe } from '../shared';
import type { SourceRecord } from '../types';
import { label } from '../vocab';

interface FieldEvidence {
  field?: string;
  name?: string;
  level?: string;
  weight?: number;
}

interface ReviewRecord extends SourceRecord {
  person_name?: string;
}

interface Pair {
  id: string | number;
  status?: string;
  a: ReviewRecord;
  b: ReviewRecord;
  probability?: number;
  weight?: number;
  explanation?: string | string[];
  fields?: FieldEvidence[];
  note?: string;
}

type Decision = 'match' | 'non_match' | 'skip';

interface Queue {
  pairs?: Pair[];
  total?: number;
  can_undo?: boolean;
}

/** What a decision or an undo did: the persons it changed, survivor first. */
interface ActionResult {
  persons?: string[];
  message?: string;
}

function fieldLabel(code: string): string {
  return maybe(`field.${code}`) ?? humanise(code);
}

/** "agree: family_name exact +6.1, first_name close +2.3 | disagree: birth_date different -5.0 | missing: mother_name; prior -4.2" */
function parseExplanation(text: string): { group: string; items: string[] }[] | null {
  const parts = text.split('|').map((p) => p.trim()).filter(Boolean);
  const out: { group: string; items: string[] }[] = [];
  for (const part of parts) {
    const m = /^(agree|disagree|missing|partial|close)\s*:\s*(.*)$/i.exec(part.split(';')[0]);
    if (!m) return null;
    out.push({ group: m[1].toLowerCase(), items: m[2].split(',').map((s) => s.trim()).filter(Boolean) });
  }
  return out.length ? out : null;
}

function Evidence({ text }: { text: string }) {
  const parsed = parseExplanation(text);
  if (!parsed) {
    return (
      <p class="explanation" dir="ltr">
        {text}
      </p>
    );
  }
  return (
    <ul class="evidence">
      {parsed.map((g) => (
        <li key={g.group} class={`evidence-${g.group}`}>
          <strong>{maybe(`review.${g.group}`) ?? g.group}:</strong>{' '}
          {g.items.map((item, i) => {
            // "family_name exact +6.1": the field, how it compared, its weight in bits.
            const m = /^(\S+)(?:\s+([A-Za-z_]+))?(?:\s+([+-]?\d+(?:\.\d+)?))?$/.exec(item);
            if (!m) {
              return (
                <span key={i} class="evidence-item">
                  {i ? '، ' : ''}
                  <bdi>{item}</bdi>
                </span>
              );
            }
            const [, field, level, weight] = m;
            return (
              <span key={i} class="evidence-item">
                {i ? '، ' : ''}
                {fieldLabel(field)}
                {level || weight ? (
                  <span class="muted small">
                    {' '}
                    ({[level ? maybe(`compare.${level}`) ?? humanise(level) : '', weight ? t('review.bits', { w: fmtSigned(Number(weight)) }) : ''].filter(Boolean).join('، ')})
                  </span>
                ) : null}
              </span>
            );
          })}
        </li>
      ))}
    </ul>
  );
}

/** The per-field evidence the server sends: agreeing, disagreeing and missing fields with their weights. */
function FieldEvidenceList({ fields }: { fields: FieldEvidence[] }) {
  const groups: [string, FieldEvidence[]][] = [
    ['agree', fields.filter((f) => f.level !== 'missing' && (f.weight ?? 0) >= 0).sort((x, y) => Math.abs(y.weight ?? 0) - Math.abs(x.weight ?? 0))],
    ['disagree', fields.filter((f) => f.level !== 'missing' && (f.weight ?? 0) < 0).sort((x, y) => Math.abs(y.weight ?? 0) - Math.abs(x.weight ?? 0))],
    ['missing', fields.filter((f) => f.level === 'missing')],
  ];
  return (
    <ul class="evidence" id="review-evidence">
      {groups
        .filter(([, items]) => items.length)
        .map(([group, items]) => (
          <li key={group} class={`evidence-${group}`}>
            <strong>{maybe(`review.${group}`) ?? group}:</strong>{' '}
            {items.map((f, i) => (
              <span key={i} class="evidence-item">
                {i ? '، ' : ''}
                {fieldLabel(f.field ?? f.name ?? '')}
                {group !== 'missing' ? (
                  <span class="muted small">
                    {' '}
                    ({[f.level ? maybe(`compare.${f.level}`) ?? humanise(f.level) : '', t('review.bits', { w: fmtSigned(f.weight ?? 0) })].filter(Boolean).join('، ')})
                  </span>
                ) : null}
              </span>
            ))}
          </li>
        ))}
    </ul>
  );
}

const ROWS: [string, (r: ReviewRecord) => string][] = [
  ['person', (r) => r.person ?? ''],
  ['name', (r) => fullName(r.name ?? r.name_ar ?? null) || fullName(r.name_lat ?? null)],
  ['mother_name', (r) => motherName(r.name ?? null)],
  ['birth_date', (r) => fmtDate(r.birth_date)],
  ['birth_place', (r) => r.birth_place ?? ''],
  ['gender', (r) => label('genders', r.gender)],
  ['nationality', (r) => label('nationalities', r.nationality)],
  ['id_number', (r) => r.id_number ?? ''],
  ['arrest_date', (r) => fmtDate(r.arrest_date)],
  ['facility', (r) => r.facility ?? ''],
  ['source', (r) => r.source ?? ''],
  ['record_id', (r) => r.record_id ?? ''],
  ['notes', (r) => r.notes ?? ''],
];

function SideBySide({ pair }: { pair: Pair }) {
  const extras = Array.from(new Set([...Object.keys(pair.a.extra ?? {}), ...Object.keys(pair.b.extra ?? {})]));
  const rows: [string, string, string][] = ROWS.map(([k, f]) => [fieldLabel(k), f(pair.a), f(pair.b)]);
  for (const k of extras) rows.push([k, pair.a.extra?.[k] ?? '', pair.b.extra?.[k] ?? '']);
  return (
    <div class="table-wrap">
      <table class="data compare" id="review-compare">
        <caption class="visually-hidden">{t('review.compareCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('review.field')}</th>
            <th scope="col">{t('review.recordA')}</th>
            <th scope="col">{t('review.recordB')}</th>
            <th scope="col">{t('review.same')}</th>
          </tr>
        </thead>
        <tbody>
          {rows
            .filter(([, a, b]) => a || b)
            .map(([k, a, b]) => {
              const same = a && b ? (a.trim() === b.trim() ? 'yes' : 'no') : '';
              return (
                <tr key={k} class={same === 'no' ? 'differs' : ''}>
                  <th scope="row">{k}</th>
                  <td>
                    <bdi>{a}</bdi>
                  </td>
                  <td>
                    <bdi>{b}</bdi>
                  </td>
                  <td>{same === 'yes' ? t('review.identical') : same === 'no' ? t('review.different') : <span class="muted">—</span>}</td>
                </tr>
              );
            })}
        </tbody>
      </table>
    </div>
  );
}

export function ReviewPage() {
  const state = useAsync(() => api<Queue>('GET', '/review', { query: { limit: 50 } }), []);
  return (
    <>
      <PageTitle>{t('review.title')}</PageTitle>
      <p class="muted">{t('review.intro')}</p>
      <Loaded state={state}>{(d) => <QueueView pairs={d.pairs ?? []} total={d.total ?? (d.pairs ?? []).length} canUndo={!!d.can_undo} reload={state.reload} />}</Loaded>
    </>
  );
}

function QueueView({ pairs, total, canUndo, reload }: { pairs: Pair[]; total: number; canUndo: boolean; reload: () => void }) {
  const [done, setDone] = useState<Set<string>>(new Set());
  const [undoable, setUndoable] = useState(canUndo);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState('');
  const [persons, setPersons] = useState<string[]>([]);
  const headRef = useRef<HTMLHeadingElement>(null);

  const remaining = pairs.filter((p) => !done.has(String(p.id)));
  const pair = remaining[0];

  const decide = async (decision: Decision) => {
    if (!pair || busy) return;
    setBusy(true);
    setError(null);
    try {
      const r = await api<ActionResult>('POST', `/review/${encodeURIComponent(String(pair.id))}/decision`, { json: { decision } });
      setDone(new Set(done).add(String(pair.id)));
      setUndoable(true);
      setMessage(t(`review.recorded.${decision}`));
      setPersons(r.persons ?? []);
      headRef.current?.focus();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const undo = async () => {
    if (!undoable || busy) return;
    setBusy(true);
    setError(null);
    try {
      const r = await api<ActionResult>('POST', '/review/undo');
      setMessage(t('review.undone'));
      setPersons(r.persons ?? []);
      setDone(new Set());
      reload();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      if (target && /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName)) return;
      // e.code, not e.key: the same physical keys work on an Arabic keyboard layout.
      if (e.code === 'KeyM') decide('match');
      else if (e.code === 'KeyN') decide('non_match');
      else if (e.code === 'KeyS') decide('skip');
      else if (e.code === 'KeyU') undo();
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  const position = pairs.length - remaining.length + 1;
  return (
    <div class="review">
      <div aria-live="polite" class="review-status">
        {message ? (
          <Notice tone="ok">
            {message}
            {persons.length ? (
              <span class="review-persons">
                {' '}
                {persons.map((id, i) => (
                  <span key={id}>
                    {i ? '، ' : ''}
                    <a href={href(['persons', id])}>
                      <bdi>{id}</bdi>
                    </a>
                  </span>
                ))}
              </span>
            ) : null}
          </Notice>
        ) : null}
      </div>
      {undoable ? (
        <p>
          <button type="button" id="review-undo" onClick={undo} disabled={busy} aria-keyshortcuts="U">
            {t('review.undo')} <kbd>U</kbd>
          </button>
        </p>
      ) : null}
      <ErrorBox error={error} />
      {!pair ? (
        <Empty>{pairs.length ? t('review.allDone') : t('review.empty')}</Empty>
      ) : (
        <section class="panel" aria-labelledby="pair-h">
          <h2 id="pair-h" ref={headRef} tabIndex={-1}>
            {t('review.pairOf', { n: position, total })}
          </h2>
          <p class="probability">
            {t('review.probability')}: <strong>{pair.probability !== undefined ? fmtPercent(pair.probability) : '—'}</strong>
            {pair.weight !== undefined ? <span class="muted small"> ({t('review.weight', { w: fmtNum(pair.weight) })})</span> : null}
          </p>
          <SideBySide pair={pair} />
          <h3>{t('review.why')}</h3>
          {pair.fields && pair.fields.length ? (
            <FieldEvidenceList fields={pair.fields} />
          ) : Array.isArray(pair.explanation) ? (
            <ul>
              {pair.explanation.map((x, i) => (
                <li key={i}>
                  <bdi>{x}</bdi>
                </li>
              ))}
            </ul>
          ) : pair.explanation ? (
            <Evidence text={pair.explanation} />
          ) : null}
          {pair.note ? (
            <p class="notice notice-warn">
              <bdi>{pair.note}</bdi>
            </p>
          ) : null}
          <div class="button-row decision-row">
            <button type="button" class="primary" id="review-match" disabled={busy} onClick={() => decide('match')} aria-keyshortcuts="M">
              {t('review.match')} <kbd>M</kbd>
            </button>
            <button type="button" id="review-nonmatch" disabled={busy} onClick={() => decide('non_match')} aria-keyshortcuts="N">
              {t('review.nonMatch')} <kbd>N</kbd>
            </button>
            <button type="button" id="review-skip" disabled={busy} onClick={() => decide('skip')} aria-keyshortcuts="S">
              {t('review.skip')} <kbd>S</kbd>
            </button>
          </div>
        </section>
      )}
    </div>
  );
}
