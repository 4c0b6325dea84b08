// The audit log (administrators only): every change, who made it and when,
// newest first, with the result of the hash-chain check. "Older" pages back
// through the log with `before`.
import { useState } from 'preact/hooks';
import { api } from '../api';
import { DateText, Loaded, Notice, PageTitle, useAsync } from '../components';
import { fmtInt, t } from '../i18n';
import { can } from '../session';

interface AuditRow {
  id: number;
  at?: string;
  actor?: string;
  action?: string;
  entity?: string;
  entity_id?: string;
  before?: string;
  after?: string;
  hash?: string;
}

interface AuditPage {
  rows: AuditRow[];
  verified?: boolean | { ok?: boolean; message?: string; first_broken?: number };
}

const PAGE = 100;

export function AuditPage() {
  const [before, setBefore] = useState<number[]>([]);
  const cursor = before.length ? before[before.length - 1] : undefined;
  const state = useAsync(() => api<AuditPage>('GET', '/audit', { query: { limit: PAGE, before: cursor } }), [cursor]);
  if (!can.admin()) {
    return (
      <>
        <PageTitle>{t('audit.title')}</PageTitle>
        <Notice tone="warn">{t('err.notAllowed')}</Notice>
      </>
    );
  }
  return (
    <>
      <PageTitle>{t('audit.title')}</PageTitle>
      <Loaded state={state}>
        {(d) => {
          const v = d.verified;
          const ok = typeof v === 'object' && v !== null ? v.ok !== false : v !== false;
          const rows = d.rows ?? [];
          const oldest = rows.length ? Math.min(...rows.map((r) => r.id)) : undefined;
          return (
            <>
              {v === undefined ? null : ok ? (
                <Notice tone="ok">{t('audit.verified')}</Notice>
              ) : (
                <div class="notice notice-error" role="alert">
                  {t('audit.broken')}
                  {typeof v === 'object' && v?.message ? (
                    <>
                      {' '}
                      <bdi>{v.message}</bdi>
                    </>
                  ) : null}
                </div>
              )}
              <div class="table-wrap">
                <table class="data compact" id="audit-table">
                  <caption class="visually-hidden">{t('audit.title')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">#</th>
                      <th scope="col">{t('audit.at')}</th>
                      <th scope="col">{t('audit.actor')}</th>
                      <th scope="col">{t('audit.action')}</th>
                      <th scope="col">{t('audit.entity')}</th>
                      <th scope="col">{t('audit.change')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {rows.map((r) => (
                      <tr key={r.id}>
                        <td class="num">{fmtInt(r.id)}</td>
                        <td class="nowrap">
                          <DateText value={r.at} />
                        </td>
                        <td>
                          <bdi>{r.actor}</bdi>
                        </td>
                        <td>
                          <code dir="ltr">{r.action}</code>
                        </td>
                        <td>
                          <bdi dir="ltr">
                            {r.entity}
                            {r.entity_id ? ` ${r.entity_id}` : ''}
                          </bdi>
                        </td>
                        <td>
                          {r.before || r.after ? (
                            <details>
                              <summary>{t('audit.show')}</summary>
                              {r.before ? (
                                <>
                                  <p class="small">{t('audit.before')}</p>
                                  <pre dir="ltr">{r.before}</pre>
                                </>
                              ) : null}
                              {r.after ? (
                                <>
                                  <p class="small">{t('audit.after')}</p>
                                  <pre dir="ltr">{r.after}</pre>
                                </>
                              ) : null}
                            </details>
                          ) : null}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <nav class="pager" aria-label={t('common.pages')}>
                <button type="button" disabled={!before.length} onClick={() => setBefore(before.slice(0, -1))}>
                  {t('audit.newer')}
                </button>
                <button type="button" disabled={rows.length < PAGE || oldest === undefined} onClick={() => oldest !== undefined && setBefore([...before, oldest])}>
                  {t('audit.older')}
                </button>
              </nav>
            </>
          );
        }}
      </Loaded>
    </>
  );
}
