// Attached documents, wherever they are attached (a person, a monitoring
// visit, an incident): the list with download and delete, and the upload
// form. Downloads are fetched and saved as files, never shown in the page.
import { useState } from 'preact/hooks';
import { api, apiBlob } from './api';
import { DateText, Empty, ErrorBox, Field, Notice, useAsync } from './components';
import { fmtNum, t } from './i18n';
import { can } from './session';
import type { Document } from './types';
import { label, options } from './vocab';

/** Bytes as "12 KB" / "1.2 MB" in the user's digits. */
function fmtSize(n?: number): string {
  if (n === undefined) return '';
  if (n < 1024) return `${fmtNum(n)} B`;
  if (n < 1024 * 1024) return `${fmtNum(Math.round(n / 1024))} KB`;
  return `${fmtNum(Math.round((n / (1024 * 1024)) * 10) / 10)} MB`;
}

/**
 * The documents at PATH (a person's, a visit's or an incident's documents
 * endpoint): listed from the server, downloaded as files (never opened in the
 * page), attached and deleted by those who may edit. The file goes to the
 * server as the request body; the server decides its type from its bytes and
 * stores it encrypted. PREFIX keeps element ids unique when a page shows
 * several lists (one per visit).
 */
export function Documents({ path, prefix = '', kind = 'other' }: { path: string; prefix?: string; kind?: string }) {
  const docs = useAsync(() => api<{ documents: Document[] }>('GET', path), [path]);
  const [error, setError] = useState<unknown>(null);
  const download = async (d: Document) => {
    setError(null);
    try {
      const { blob, filename } = await apiBlob(`/documents/${d.id}`);
      const url = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = filename || d.file_name || `document-${d.id}`;
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10000);
    } catch (err) {
      setError(err);
    }
  };
  const remove = async (d: Document) => {
    if (!window.confirm(t('documents.confirmDelete', { title: d.title || d.file_name || String(d.id) }))) return;
    setError(null);
    try {
      await api('DELETE', `/documents/${d.id}`);
      docs.reload();
    } catch (err) {
      setError(err);
    }
  };
  const list = docs.data?.documents ?? [];
  return (
    <>
      <ErrorBox error={error ?? docs.error} />
      {!docs.loading && !list.length ? <Empty>{t('documents.none')}</Empty> : null}
      {list.length ? (
        <div class="table-wrap">
          <table class="data" id={`${prefix}documents-table`}>
            <thead>
              <tr>
                <th scope="col">{t('documents.kind')}</th>
                <th scope="col">{t('documents.title')}</th>
                <th scope="col">{t('common.date')}</th>
                <th scope="col">{t('documents.size')}</th>
                <th scope="col">{t('documents.hash')}</th>
                <th scope="col" class="no-print">
                  <span class="visually-hidden">{t('documents.download')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.map((d, i) => (
                <tr key={d.id ?? i}>
                  <td>{label('document_kinds', d.kind)}</td>
                  <td>
                    <bdi>{d.title || d.file_name}</bdi>
                  </td>
                  <td class="nowrap">
                    <DateText value={d.date || (d.created_at ?? '').slice(0, 10)} />
                  </td>
                  <td class="nowrap">{fmtSize(d.size)}</td>
                  <td>
                    <code class="hash" dir="ltr" title={d.sha256}>
                      {(d.sha256 ?? '').slice(0, 16)}…
                    </code>
                  </td>
                  <td class="nowrap no-print">
                    <button type="button" class="link-button" onClick={() => download(d)}>
                      {t('documents.download')}
                    </button>
                    {can.edit() ? (
                      <>
                        {' · '}
                        <button type="button" class="link-button danger" onClick={() => remove(d)}>
                          {t('documents.delete')}
                        </button>
                      </>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {can.edit() ? <DocumentUpload path={path} prefix={prefix} initialKind={kind} onAdded={docs.reload} /> : null}
    </>
  );
}

function DocumentUpload({ path, prefix, initialKind, onAdded }: { path: string; prefix: string; initialKind: string; onAdded: () => void }) {
  const [file, setFile] = useState<File | null>(null);
  const [title, setTitle] = useState('');
  const [kind, setKind] = useState(initialKind);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState(false);
  const [fileError, setFileError] = useState('');
  const submit = async (e: Event) => {
    e.preventDefault();
    setDone(false);
    setError(null);
    if (!file) {
      setFileError(t('documents.needFile'));
      return;
    }
    setFileError('');
    setBusy(true);
    try {
      await api('POST', path, {
        raw: file,
        query: { name: file.name, title: title.trim(), kind },
      });
      setDone(true);
      setTitle('');
      setFile(null);
      (e.target as HTMLFormElement).reset();
      onAdded();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="doc-upload no-print" id={`${prefix}document-upload`} onSubmit={submit} noValidate>
      <h3>{t('documents.upload')}</h3>
      <ErrorBox error={error} />
      {done ? <Notice tone="ok">{t('documents.added')}</Notice> : null}
      <div class="form-grid">
        <Field id={`${prefix}doc-file`} label={t('documents.file')} hint={t('documents.fileHint')} required error={fileError} wide>
          <input
            id={`${prefix}doc-file`}
            type="file"
            accept="application/pdf,image/png,image/jpeg,image/gif,image/webp,text/plain"
            onChange={(e) => setFile(e.currentTarget.files?.[0] ?? null)}
          />
        </Field>
        <Field id={`${prefix}doc-title`} label={t('documents.title')} hint={t('documents.titleHint')}>
          <input id={`${prefix}doc-title`} type="text" dir="auto" value={title} onInput={(e) => setTitle(e.currentTarget.value)} />
        </Field>
        <Field id={`${prefix}doc-kind`} label={t('documents.kind')}>
          <select id={`${prefix}doc-kind`} value={kind} onChange={(e) => setKind(e.currentTarget.value)}>
            {options('document_kinds').map((o) => (
              <option key={o.code} value={o.code}>
                {o.text}
              </option>
            ))}
          </select>
        </Field>
      </div>
      <p class="button-row">
        <button type="submit" class="primary" disabled={busy}>
          {busy ? t('documents.sending') : t('documents.send')}
        </button>
      </p>
    </form>
  );
}
