// Users and roles (administrators only): the list, a form to add a user, and
// per user a form to change the role, case teams, disable the account or set
// a new password. The server enforces all of it; this page only asks.
import { api } from '../api';
import { Badge, DateText, Loaded, Notice, PageTitle, useAsync } from '../components';
import { SimpleForm } from '../forms';
import { t } from '../i18n';
import type { Key } from '../strings';
import { can } from '../session';
import type { Role, User } from '../types';

const ROLES: Role[] = ['admin', 'coordinator', 'case_worker', 'researcher', 'viewer'];

function roleOptions() {
  return ROLES.map((r) => ({ code: r, text: t(`role.${r}` as Key) }));
}

function teamsOf(text: string): string[] {
  return text
    .split(/[,،]/)
    .map((s) => s.trim())
    .filter(Boolean);
}

export function UsersPage() {
  const state = useAsync(() => api<User[] | { users: User[] }>('GET', '/users').then((a) => (Array.isArray(a) ? a : a.users ?? [])), []);
  if (!can.admin()) {
    return (
      <>
        <PageTitle>{t('users.title')}</PageTitle>
        <Notice tone="warn">{t('err.notAllowed')}</Notice>
      </>
    );
  }
  return (
    <>
      <PageTitle>{t('users.title')}</PageTitle>
      <p class="muted">{t('users.intro')}</p>
      <Loaded state={state}>
        {(users) => (
          <div class="table-wrap">
            <table class="data" id="users-table">
              <caption class="visually-hidden">{t('users.title')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('users.username')}</th>
                  <th scope="col">{t('users.displayName')}</th>
                  <th scope="col">{t('users.role')}</th>
                  <th scope="col">{t('users.teams')}</th>
                  <th scope="col">{t('users.state')}</th>
                  <th scope="col">{t('users.lastLogin')}</th>
                  <th scope="col">{t('common.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {users.map((u) => (
                  <tr key={u.username}>
                    <td dir="ltr">
                      <bdi>{u.username}</bdi>
                    </td>
                    <td>
                      <bdi>{u.display_name}</bdi>
                    </td>
                    <td>{t(`role.${u.role}` as Key)}</td>
                    <td>
                      <bdi>{(u.teams ?? []).join('، ')}</bdi>
                    </td>
                    <td>{u.disabled ? <Badge code="refused">{t('users.disabled')}</Badge> : <Badge code="granted">{t('users.active')}</Badge>}</td>
                    <td class="nowrap">{u.last_login ? <DateText value={u.last_login} /> : ''}</td>
                    <td>
                      <details class="row-edit">
                        <summary>{t('users.change')}</summary>
                        <SimpleForm
                          idPrefix={`user-${u.username.replace(/[^A-Za-z0-9_-]/g, '_')}`}
                          submitLabel={t('users.save')}
                          successText={t('users.saved')}
                          resetOnSuccess={false}
                          initial={{ role: u.role, teams: (u.teams ?? []).join(', '), disabled: u.disabled ? 'true' : '' }}
                          fields={[
                            { name: 'role', label: t('users.role'), kind: 'select', required: true, options: roleOptions() },
                            { name: 'teams', label: t('users.teams'), hint: t('users.teamsHint') },
                            { name: 'disabled', label: t('users.disable'), kind: 'checkbox' },
                            { name: 'password', label: t('users.newPassword'), kind: 'password', hint: t('users.passwordHint'), autoComplete: 'new-password' },
                          ]}
                          onSubmit={async (v) => {
                            const body: Record<string, unknown> = { role: v.role, teams: teamsOf(v.teams), disabled: v.disabled === 'true' };
                            if (v.password) body.password = v.password;
                            await api('PATCH', `/users/${encodeURIComponent(u.username)}`, { json: body });
                            state.reload();
                          }}
                        />
                      </details>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Loaded>
      <section class="panel" aria-labelledby="add-user-h">
        <h2 id="add-user-h">{t('users.add')}</h2>
        <SimpleForm
          idPrefix="new-user"
          submitLabel={t('users.create')}
          successText={t('users.created')}
          fields={[
            { name: 'username', label: t('users.username'), required: true, dir: 'ltr', hint: t('users.usernameHint') },
            { name: 'display_name', label: t('users.displayName') },
            { name: 'role', label: t('users.role'), kind: 'select', required: true, options: roleOptions() },
            { name: 'teams', label: t('users.teams'), hint: t('users.teamsHint') },
            { name: 'password', label: t('users.password'), kind: 'password', required: true, hint: t('users.passwordHint'), autoComplete: 'new-password' },
          ]}
          onSubmit={async (v) => {
            await api('POST', '/users', { json: { ...v, teams: teamsOf(v.teams) } });
            state.reload();
          }}
        />
      </section>
    </>
  );
}
