// The import wizard: (1) choose a CSV or XLSX file and say where it came
// from, (2) check how its columns map to sawt's fields (the server proposes a
// mapping from Arabic and English headers), look at the preview and at the
// rows that will be quarantined (with the reason for each) — every change of
// the mapping or sheet asks POST /imports/preview again — then (3) confirm:
// POST /imports with the same file and the chosen mapping. Nothing is written
// before the confirmation, and the server keeps no upload between the steps;
// quarantined rows are kept with their reasons, never dropped or guessed at.
import { useRef, useState } from 'preact/hooks';
import { api } from '../api';
import { ErrorBox, Notice, PageTitle } from '../components';
import { fmtInt, fmtNum, t } from '../i18n';
import { can } from '../session';
import { humanise, maybe, ValueView } from '../shared';
import { options } from '../vocab';

/** The records interchange fields (docs/FORMATS.md) a column can map to. */
const TARGETS = [
  'record_id',
  'source',
  'full_name',
  'first_name',
  'father_name',
  'grandfather_name',
  'family_name',
  'mother_name',
  'gender',
  'birth_date',
  'birth_place',
  'nationality',
  'id_number',
  'arrest_date',
  'facility',
  'notes',
];
const EXTRA = '';
const IGNORE = '-';

interface Quarantined {
  line?: number;
  reason?: string;
  where?: string;
  row?: string[] | Record<string, string>;
  raw?: string;
}

/** The import report: what was added, what was quarantined and why. */
interface Report {
  already_imported?: boolean;
  import_id?: number;
  rows_total?: number;
  records_added?: number;
  quarantined?: Quarantined[] | number;
  quarantine?: Quarantined[];
  records_per_source?: Record<string, number>;
  [key: string]: unknown;
}

/** The answer of POST /imports/preview. */
interface Upload {
  format?: string;
  sheets?: string[];
  columns: string[];
  proposed?: Record<string, string>;
  mapping?: Record<string, string>;
  preview?: { line: number; cells: string[] }[];
  quarantined?: Quarantined[];
  rows_total?: number;
  records_ok?: number;
  blocking?: { message?: string; hint?: string };
}

/** The select's value for each column: the mapping the preview used, else the column's own name when it is a field. */
function mappingOf(u: Upload): Record<string, string> {
  const m: Record<string, string> = {};
  for (const c of u.columns) {
    const own = c.trim().toLowerCase();
    m[c] = u.mapping && c in u.mapping ? u.mapping[c] : TARGETS.includes(own) ? own : EXTRA;
  }
  return m;
}

function targetLabel(code: string): string {
  return maybe(`field.${code}`) ?? humanise(code);
}

function cells(row: string[] | Record<string, string>, columns: string[]): string[] {
  return Array.isArray(row) ? row : columns.map((c) => row[c] ?? '');
}

/** The query every import call sends with the file. */
function importQuery(file: File, sheet: string, mapping: Record<string, string> | null) {
  return { name: file.name, sheet, mapping: mapping ? JSON.stringify(mapping) : undefined };
}

function QuarantineTable({ rows, columns }: { rows: Quarantined[]; columns: string[] }) {
  if (!rows.length) return <p>{t('import.noQuarantine')}</p>;
  return (
    <>
      <p class="muted">{t('import.quarantineHint')}</p>
      <div class="table-wrap">
        <table class="data compact" id="import-quarantine">
          <thead>
            <tr>
              <th scope="col">{t('import.line')}</th>
              <th scope="col">{t('import.reason')}</th>
              <th scope="col">{t('import.row')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((q, i) => (
              <tr key={i}>
                <td class="num">{q.line !== undefined ? fmtInt(q.line) : ''}</td>
                <td>
                  <bdi>{q.reason}</bdi>
                  {q.where ? <span class="muted small"> ({q.where})</span> : null}
                </td>
                <td>
                  <bdi>{q.raw ?? (q.row ? cells(q.row, columns).join(' | ') : '')}</bdi>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

/** The outcome of an import: the figures, the rows per source, the quarantined rows. */
function ReportView({ report }: { report: Report }) {
  // The rows come as `quarantined` (the server) or `quarantine` (the CLI's JSON, where `quarantined` is their count).
  const { quarantined, quarantine, records_per_source, already_imported, ...rest } = report;
  const rows = Array.isArray(quarantined) ? quarantined : Array.isArray(quarantine) ? (quarantine as Quarantined[]) : [];
  return (
    <>
      {already_imported ? <Notice tone="info">{t('import.already')}</Notice> : <Notice tone="ok">{t('import.done')}</Notice>}
      <section class="panel" aria-labelledby="report-h">
        <h3 id="report-h">{t('import.report')}</h3>
        <ValueView value={rest} />
        {records_per_source && Object.keys(records_per_source).length ? (
          <>
            <h4>{t('import.perSource')}</h4>
            <ValueView value={records_per_source} />
          </>
        ) : null}
      </section>
      <section class="panel" aria-labelledby="report-q-h">
        <h3 id="report-q-h">{t('import.quarantined', { n: rows.length })}</h3>
        <QuarantineTable rows={rows} columns={[]} />
      </section>
    </>
  );
}

export function ImportPage() {
  const [step, setStep] = useState<1 | 2 | 3>(1);
  const [file, setFile] = useState<File | null>(null);
  const [source, setSource] = useState('');
  const [kind, setKind] = useState('');
  const [reliability, setReliability] = useState('3');
  const [upload, setUpload] = useState<Upload | null>(null);
  const [sheet, setSheet] = useState('');
  const [mapping, setMapping] = useState<Record<string, string>>({});
  const [report, setReport] = useState<Report | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [missing, setMissing] = useState('');
  const stepHead = useRef<HTMLHeadingElement>(null);

  if (!can.imports()) {
    return (
      <>
        <PageTitle>{t('import.title')}</PageTitle>
        <Notice tone="warn">{t('err.notAllowed')}</Notice>
      </>
    );
  }

  const goto = (s: 1 | 2 | 3) => {
    setStep(s);
    setTimeout(() => stepHead.current?.focus(), 0);
  };

  /** Asks the server what an import would do, with this sheet and mapping (null: its own proposal). */
  const previewWith = async (f: File, sh: string, m: Record<string, string> | null) => {
    setBusy(true);
    setError(null);
    try {
      const answer = await api<Upload>('POST', '/imports/preview', { query: { ...importQuery(f, sh, m), rows: 20 }, raw: f });
      setUpload(answer);
      setMapping(mappingOf(answer));
      return true;
    } catch (err) {
      setError(err);
      return false;
    } finally {
      setBusy(false);
    }
  };

  const send = async (e: Event) => {
    e.preventDefault();
    if (!file) {
      setMissing('file');
      document.getElementById('import-file')?.focus();
      return;
    }
    if (!source.trim()) {
      setMissing('source');
      document.getElementById('import-source')?.focus();
      return;
    }
    setMissing('');
    if (await previewWith(file, sheet, null)) goto(2);
  };

  const remap = (column: string, field: string) => {
    const next = { ...mapping, [column]: field };
    setMapping(next);
    if (file) void previewWith(file, sheet, next);
  };

  const chooseSheet = (name: string) => {
    setSheet(name);
    if (file) void previewWith(file, name, null);
  };

  const confirm = async () => {
    if (!upload || !file) return;
    setBusy(true);
    setError(null);
    try {
      const answer = await api<Report>('POST', '/imports', {
        query: { ...importQuery(file, sheet, mapping), source: source.trim(), source_kind: kind, reliability },
        raw: file,
      });
      setReport(answer);
      goto(3);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const restart = () => {
    setUpload(null);
    setSheet('');
    setReport(null);
    setFile(null);
    setError(null);
    goto(1);
  };

  return (
    <>
      <PageTitle>{t('import.title')}</PageTitle>
      <ol class="wizard-steps" aria-label={t('import.steps')}>
        {([1, 2, 3] as const).map((s) => (
          <li key={s} aria-current={step === s ? 'step' : undefined} class={step === s ? 'current' : step > s ? 'done' : ''}>
            {t(`import.step${s}`)}
          </li>
        ))}
      </ol>
      <h2 ref={stepHead} tabIndex={-1}>
        {t(`import.step${step}`)}
      </h2>
      <ErrorBox error={error} />

      {step === 1 ? (
        <form class="form-grid" onSubmit={send} noValidate>
          <div class={'field field-wide' + (missing === 'file' ? ' field-invalid' : '')}>
            <label for="import-file">
              {t('import.file')} <span class="required" aria-hidden="true">*</span>
            </label>
            <input
              id="import-file"
              type="file"
              accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              aria-describedby="import-file-hint"
              onChange={(e) => setFile(e.currentTarget.files?.[0] ?? null)}
            />
            <p class="hint" id="import-file-hint">
              {t('import.fileHint')}
            </p>
            {missing === 'file' ? <p class="field-error">{t('import.needFile')}</p> : null}
          </div>
          <div class={'field' + (missing === 'source' ? ' field-invalid' : '')}>
            <label for="import-source">
              {t('import.source')} <span class="required" aria-hidden="true">*</span>
            </label>
            <input id="import-source" dir="auto" value={source} onInput={(e) => setSource(e.currentTarget.value)} aria-describedby="import-source-hint" />
            <p class="hint" id="import-source-hint">
              {t('import.sourceHint')}
            </p>
            {missing === 'source' ? <p class="field-error">{t('form.required')}</p> : null}
          </div>
          <div class="field">
            <label for="import-kind">{t('import.kind')}</label>
            <select id="import-kind" value={kind} onChange={(e) => setKind(e.currentTarget.value)}>
              <option value="">{t('form.choose')}</option>
              {options('source_kinds').map((o) => (
                <option key={o.code} value={o.code}>
                  {o.text}
                </option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for="import-reliability">{t('import.reliability')}</label>
            <select id="import-reliability" value={reliability} onChange={(e) => setReliability(e.currentTarget.value)}>
              {options('reliability').map((o) => (
                <option key={o.code} value={o.code}>
                  {fmtInt(Number(o.code))} — {o.text}
                </option>
              ))}
            </select>
          </div>
          <div class="form-end field-wide">
            <button type="submit" class="primary" disabled={busy}>
              {busy ? t('import.reading') : t('import.read')}
            </button>
          </div>
        </form>
      ) : null}

      {step === 2 && upload ? (
        <>
          {upload.sheets && upload.sheets.length > 1 ? (
            <div class="field">
              <label for="import-sheet">{t('import.sheet')}</label>
              <select id="import-sheet" value={sheet || upload.sheets[0]} disabled={busy} onChange={(e) => chooseSheet(e.currentTarget.value)}>
                {upload.sheets.map((name) => (
                  <option key={name} value={name}>
                    {name}
                  </option>
                ))}
              </select>
            </div>
          ) : null}
          {upload.blocking ? (
            <Notice tone="warn">
              <span id="import-blocking">
                {t('import.blocked')} <bdi>{upload.blocking.message}</bdi>
              </span>
            </Notice>
          ) : (
            <p class="muted" id="import-summary">
              {t('import.wouldImport', { n: fmtNum(upload.records_ok ?? 0), total: fmtNum(upload.rows_total ?? 0) })}
            </p>
          )}
          <section class="panel" aria-labelledby="map-h">
            <h3 id="map-h">{t('import.mapping')}</h3>
            <p class="muted">{t('import.mappingHint')}</p>
            <div class="table-wrap">
              <table class="data compact" id="import-mapping">
                <thead>
                  <tr>
                    <th scope="col">{t('import.column')}</th>
                    <th scope="col">{t('import.field')}</th>
                  </tr>
                </thead>
                <tbody>
                  {upload.columns.map((c, i) => (
                    <tr key={c}>
                      <th scope="row">
                        <label for={`map-${i}`}>
                          <bdi>{c}</bdi>
                        </label>
                      </th>
                      <td>
                        <select id={`map-${i}`} value={mapping[c] ?? EXTRA} disabled={busy} onChange={(e) => remap(c, e.currentTarget.value)}>
                          <option value={EXTRA}>{t('import.extra')}</option>
                          <option value={IGNORE}>{t('import.ignore')}</option>
                          {TARGETS.map((f) => (
                            <option key={f} value={f}>
                              {targetLabel(f)}
                            </option>
                          ))}
                        </select>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
          <section class="panel" aria-labelledby="preview-h">
            <h3 id="preview-h">{t('import.preview')}</h3>
            {upload.preview && upload.preview.length ? (
              <div class="table-wrap">
                <table class="data compact" id="import-preview">
                  <thead>
                    <tr>
                      <th scope="col">{t('import.line')}</th>
                      {upload.columns.map((c) => (
                        <th scope="col" key={c}>
                          <bdi>{c}</bdi>
                          <span class="small muted"> {mapping[c] === IGNORE ? t('import.ignore') : mapping[c] ? targetLabel(mapping[c]) : t('import.extra')}</span>
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {upload.preview.map((row) => (
                      <tr key={row.line}>
                        <td class="num">{fmtInt(row.line)}</td>
                        {upload.columns.map((_, j) => (
                          <td key={j}>
                            <bdi>{row.cells[j] ?? ''}</bdi>
                          </td>
                        ))}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            ) : (
              <p class="muted">{t('common.none')}</p>
            )}
          </section>
          <section class="panel" aria-labelledby="quarantine-h">
            <h3 id="quarantine-h">{t('import.quarantined', { n: upload.quarantined?.length ?? 0 })}</h3>
            <QuarantineTable rows={upload.quarantined ?? []} columns={upload.columns} />
          </section>
          <div class="button-row">
            <button type="button" class="primary" onClick={confirm} disabled={busy || !!upload.blocking} id="import-confirm">
              {busy ? t('import.importing') : t('import.confirm')}
            </button>
            <button type="button" onClick={restart} disabled={busy}>
              {t('import.startOver')}
            </button>
          </div>
        </>
      ) : null}

      {step === 3 && report ? (
        <>
          <ReportView report={report} />
          <p>
            <button type="button" onClick={restart}>
              {t('import.another')}
            </button>
          </p>
        </>
      ) : null}
    </>
  );
}
