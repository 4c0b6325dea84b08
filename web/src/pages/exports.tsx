// Exports: the anonymised public dataset (its summary of what was withheld
// and why, then persons.csv and the bilingual dictionary), the full export
// for partners (CSV, JSON or XLSX; unencrypted, and the page says so) and
// the Uwazi CSV. Every export is a POST the server writes to the audit log;
// files come back as downloads (blob links), nothing is kept in the page.
import { useState } from 'preact/hooks';
import { api, apiPostBlob } from '../api';
import { ErrorBox, Notice, PageTitle } from '../components';
import { t } from '../i18n';
import { can } from '../session';

interface PublicAnswer {
  summary_text?: string;
  summary?: { persons_published?: number; persons_in_store?: number; k?: number };
}

interface Download {
  url: string;
  name: string;
}

function DownloadLink({ file }: { file: Download | null }) {
  if (!file) return null;
  return (
    <a class="button" href={file.url} download={file.name} id={`download-${file.name.replace(/\W/g, '-')}`}>
      {t('exports.download')} <bdi>{file.name}</bdi>
    </a>
  );
}

export function ExportsPage() {
  const today = new Date().toISOString().slice(0, 10);
  const [k, setK] = useState('5');
  const [asOf, setAsOf] = useState(today);
  const [summary, setSummary] = useState<PublicAnswer | null>(null);
  const [format, setFormat] = useState('xlsx');
  const [lang, setLang] = useState('ar');
  const [files, setFiles] = useState<Record<string, Download | null>>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState('');

  if (!can.publicExports()) {
    return (
      <>
        <PageTitle>{t('exports.title')}</PageTitle>
        <Notice tone="warn">{t('err.notAllowed')}</Notice>
      </>
    );
  }

  const fetchFile = async (slot: string, path: string, body: Record<string, unknown>) => {
    setBusy(slot);
    setError(null);
    try {
      const { blob, filename } = await apiPostBlob(path, body);
      const old = files[slot];
      if (old) URL.revokeObjectURL(old.url);
      setFiles({ ...files, [slot]: { url: URL.createObjectURL(blob), name: filename || slot } });
    } catch (err) {
      setError(err);
    } finally {
      setBusy('');
    }
  };

  const preparePublic = async (e: Event) => {
    e.preventDefault();
    setBusy('public');
    setError(null);
    try {
      setSummary(await api<PublicAnswer>('POST', '/exports/public', { json: { k: Number(k), as_of: asOf } }));
    } catch (err) {
      setError(err);
    } finally {
      setBusy('');
    }
  };

  return (
    <>
      <PageTitle>{t('exports.title')}</PageTitle>
      <ErrorBox error={error} />

      <section class="panel" aria-labelledby="public-h">
        <h2 id="public-h">{t('exports.public')}</h2>
        <p class="muted">{t('exports.publicHint')}</p>
        <form class="form-grid" onSubmit={preparePublic}>
          <div class="field">
            <label for="export-k">{t('exports.k')}</label>
            <input id="export-k" type="number" min={2} max={100} value={k} onInput={(e) => setK(e.currentTarget.value)} />
          </div>
          <div class="field">
            <label for="export-as-of">{t('exports.asOf')}</label>
            <input id="export-as-of" type="date" value={asOf} onInput={(e) => setAsOf(e.currentTarget.value)} />
          </div>
          <div class="form-end field-wide">
            <button type="submit" class="primary" disabled={busy !== ''} id="export-public">
              {t('exports.prepare')}
            </button>
          </div>
        </form>
        {summary ? (
          <>
            <h3>{t('exports.withheld')}</h3>
            <pre class="export-summary" id="export-summary" dir="ltr">
              {summary.summary_text}
            </pre>
            <div class="button-row">
              <button type="button" disabled={busy !== ''} onClick={() => fetchFile('persons', '/exports/public', { k: Number(k), as_of: asOf, format: 'csv' })}>
                persons.csv
              </button>
              <button type="button" disabled={busy !== ''} onClick={() => fetchFile('dictionary', '/exports/public', { k: Number(k), as_of: asOf, format: 'dictionary' })}>
                dictionary.md
              </button>
              <DownloadLink file={files.persons ?? null} />
              <DownloadLink file={files.dictionary ?? null} />
            </div>
          </>
        ) : null}
      </section>

      {can.partnerExports() ? (
        <>
          <section class="panel" aria-labelledby="full-h">
            <h2 id="full-h">{t('exports.full')}</h2>
            <Notice tone="warn">{t('exports.unencrypted')}</Notice>
            <div class="field">
              <label for="export-format">{t('exports.format')}</label>
              <select id="export-format" value={format} onChange={(e) => setFormat(e.currentTarget.value)}>
                <option value="xlsx">XLSX</option>
                <option value="json">JSON</option>
                <option value="csv">CSV (persons)</option>
              </select>
            </div>
            <div class="button-row">
              <button type="button" class="primary" id="export-full" disabled={busy !== ''} onClick={() => fetchFile('full', '/exports/full', { format })}>
                {t('exports.prepare')}
              </button>
              <DownloadLink file={files.full ?? null} />
            </div>
          </section>
          <section class="panel" aria-labelledby="uwazi-h">
            <h2 id="uwazi-h">{t('exports.uwazi')}</h2>
            <p class="muted">{t('exports.uwaziHint')}</p>
            <div class="field">
              <label for="export-lang">{t('exports.labels')}</label>
              <select id="export-lang" value={lang} onChange={(e) => setLang(e.currentTarget.value)}>
                <option value="ar">العربية</option>
                <option value="en">English</option>
              </select>
            </div>
            <div class="button-row">
              <button type="button" class="primary" id="export-uwazi" disabled={busy !== ''} onClick={() => fetchFile('uwazi', '/exports/uwazi', { lang })}>
                {t('exports.prepare')}
              </button>
              <DownloadLink file={files.uwazi ?? null} />
            </div>
          </section>
        </>
      ) : null}
    </>
  );
}
