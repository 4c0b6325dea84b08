// The linkage review queue: two source records that may be the same person,
// side by side, with the probability and the explanation of the score (which
// fields agree, disagree or are missing). The reviewer says "same person",
// "not the same" or "skip"; the last decision can be undone. Keys: M, N, S, U
// when focus is not in a text field.
import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../api';
import { Empty, ErrorBox, fullName, Loaded, motherName, Notice, PageTitle, useAsync } from '../components';
import { fmtDate, fmtNum, fmtPercent, fmtSigned, t } from '../i18n';
import { humanise, maybe } from '../shared';
import type { SourceRecord } from '../types';
import { label } from '../vocab';

interface FieldEvidence {
  field?: string;
  name?: string;
  level?: string;
  weight?: number;
}

interface Pair {
  id: string | number;
  a: SourceRecord;
  b: SourceRecord;
  probability?: number;
  weight?: number;
  explanation?: string | string[];
  fields?: FieldEvidence[];
  note?: string;
}

type Decision = 'match' | 'non_match' | 'skip';

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

const ROWS: [string, (r: SourceRecord) => string][] = [
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
  const state = useAsync(() => api<{ pairs: Pair[] }>('GET', '/review'), []);
  return (
    <>
      <PageTitle>{t('review.title')}</PageTitle>
      <p class="muted">{t('review.intro')}</p>
      <Loaded state={state}>{(d) => <Queue pairs={d.pairs ?? []} reload={state.reload} />}</Loaded>
    </>
  );
}

function Queue({ pairs, reload }: { pairs: Pair[]; reload: () => void }) {
  const [done, setDone] = useState<Set<string>>(new Set());
  const [last, setLast] = useState<{ id: string; decision: Decision } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState('');
  const headRef = useRef<HTMLHeadingElement>(null);

  const remaining = pairs.filter((p) => !done.has(String(p.id)));
  const pair = remaining[0];

  const decide = async (decision: Decision) => {
    if (!pair || busy) return;
    setBusy(true);
    setError(null);
    try {
      await api('POST', `/review/${encodeURIComponent(String(pair.id))}`, { json: { decision } });
      setDone(new Set(done).add(String(pair.id)));
      setLast({ id: String(pair.id), decision });
      setMessage(t(`review.recorded.${decision}`));
      headRef.current?.focus();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const undo = async () => {
    if (!last || busy) return;
    setBusy(true);
    setError(null);
    try {
      await api('POST', `/review/${encodeURIComponent(last.id)}/undo`);
      setLast(null);
      setMessage(t('review.undone'));
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

  return (
    <div class="review">
      <div aria-live="polite" class="review-status">
        {message ? <Notice tone="ok">{message}</Notice> : null}
      </div>
      {last ? (
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
            {t('review.pairOf', { n: pairs.length - remaining.length + 1, total: pairs.length })}
          </h2>
          <p class="probability">
            {t('review.probability')}: <strong>{pair.probability !== undefined ? fmtPercent(pair.probability) : '—'}</strong>
            {pair.weight !== undefined ? <span class="muted small"> ({t('review.weight', { w: fmtNum(pair.weight) })})</span> : null}
          </p>
          <SideBySide pair={pair} />
          <h3>{t('review.why')}</h3>
          {Array.isArray(pair.explanation) ? (
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
