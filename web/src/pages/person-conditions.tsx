// Parts of a person's page that belong to conditions monitoring and advocacy
// outputs: the person's health needs (with a form to record one and to mark
// one met) and the consent-gated case brief (coordinators and administrators).
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { api, apiBlob, isMissingRoute } from '../api';
import { DocLangChoice, Empty, ErrorBox, Loaded, useAsync } from '../components';
import { dateField, SimpleForm } from '../forms';
import { fmtDate, t } from '../i18n';
import { can } from '../session';
import { label, options } from '../vocab';

interface HealthNeed {
  id: number;
  need: string;
  severity: string;
  date: string;
  met: boolean;
  note: string;
}

function Panel({ id, title, children }: { id: string; title: string; children: ComponentChildren }) {
  return (
    <section class="panel person-section" aria-labelledby={id + '-h'} id={id}>
      <h2 id={id + '-h'} tabIndex={-1}>
        {title}
      </h2>
      {children}
    </section>
  );
}

/** The person's health needs, newest last, and (for editors) a form to add one. */
export function HealthSection({ id }: { id: string }) {
  const [version, setVersion] = useState(0);
  const state = useAsync(async () => {
    try {
      return await api<{ health_needs: HealthNeed[] }>('GET', `/persons/${encodeURIComponent(id)}/health`);
    } catch (err) {
      if (isMissingRoute(err)) return null; // a server without conditions monitoring
      throw err;
    }
  }, [id, version]);
  if (state.data === null) return null;
  return (
    <Panel id="sec-health" title={t('person.health')}>
      <Loaded state={state}>
        {(d) =>
          d?.health_needs.length ? (
            <div class="table-wrap">
              <table class="data compact" id="health-needs">
                <thead>
                  <tr>
                    <th scope="col">{t('health.need')}</th>
                    <th scope="col">{t('health.severity')}</th>
                    <th scope="col">{t('common.date')}</th>
                    <th scope="col">{t('health.state')}</th>
                    <th scope="col">{t('health.note')}</th>
                  </tr>
                </thead>
                <tbody>
                  {d.health_needs.map((h) => (
                    <tr key={h.id}>
                      <td>{label('health_needs', h.need)}</td>
                      <td>{h.severity ? label('health_severities', h.severity) : '—'}</td>
                      <td>{fmtDate(h.date)}</td>
                      <td>{h.met ? t('health.met') : t('health.open')}</td>
                      <td>
                        <bdi>{h.note}</bdi>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : (
            <Empty>{t('health.none')}</Empty>
          )
        }
      </Loaded>
      {can.edit() ? (
        <details class="add-form no-print">
          <summary>{t('health.add')}</summary>
          <SimpleForm
            idPrefix="health"
            submitLabel={t('health.save')}
            successText={t('health.saved')}
            fields={[
              { name: 'need', label: t('health.need'), kind: 'select', required: true, options: options('health_needs') },
              { name: 'severity', label: t('health.severity'), kind: 'select', options: options('health_severities') },
              dateField('date', t('common.date')),
              { name: 'note', label: t('health.note'), kind: 'textarea', dir: 'auto' },
            ]}
            onSubmit={async (v) => {
              await api('POST', `/persons/${encodeURIComponent(id)}/health`, { json: v });
              setVersion((n) => n + 1);
            }}
          />
        </details>
      ) : null}
    </Panel>
  );
}

/** The case brief, prepared on request: the server refuses it without consent to publish, and says why. */
export function BriefSection({ id }: { id: string }) {
  const [lang, setLang] = useState<'ar' | 'en'>('ar');
  const [format, setFormat] = useState<'pdf' | 'html'>('pdf');
  const [ready, setReady] = useState<{ url: string; name: string } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  if (!can.reports()) return null;
  const prepare = async () => {
    setBusy(true);
    setError(null);
    if (ready) URL.revokeObjectURL(ready.url);
    setReady(null);
    try {
      const { blob, filename } = await apiBlob(`/persons/${encodeURIComponent(id)}/brief`, { lang, format });
      setReady({ url: URL.createObjectURL(blob), name: filename || `${id}-brief-${lang}.${format}` });
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Panel id="sec-brief" title={t('brief.title')}>
      <p class="muted">{t('brief.intro')}</p>
      <DocLangChoice name="brief-lang" value={lang} onChange={setLang} />
      <fieldset>
        <legend>{t('dossier.format')}</legend>
        <label>
          <input type="radio" name="brief-format" value="pdf" checked={format === 'pdf'} onChange={() => setFormat('pdf')} /> PDF
        </label>
        <label>
          <input type="radio" name="brief-format" value="html" checked={format === 'html'} onChange={() => setFormat('html')} /> HTML
        </label>
      </fieldset>
      <p class="button-row">
        <button type="button" class="primary" id="brief-prepare" onClick={prepare} disabled={busy}>
          {busy ? t('dossier.preparing') : t('brief.prepare')}
        </button>
        {ready ? (
          <a class="button" id="brief-download" href={ready.url} download={ready.name}>
            {t('brief.download')}
          </a>
        ) : null}
      </p>
      {error ? <ErrorBox error={error} title={t('brief.refused')} /> : null}
    </Panel>
  );
}
