// Adding a person: the Arabic name or the Latin one is required (both when
// known); dates are partial (YYYY, YYYY-MM, YYYY-MM-DD, ~ when approximate).
// A confidential person is seen only by admins and the users named on them;
// admins and coordinators name them here (the access list). On success the
// new person's page opens.
import { api } from '../api';
import { Notice, PageTitle, useAsync } from '../components';
import { checkArabic, checkLatin, dateField, SimpleForm } from '../forms';
import { t } from '../i18n';
import { href, navigate } from '../router';
import { can } from '../session';
import type { PersonFile } from '../types';
import { options } from '../vocab';
import { facilityName, useFacilities } from './persons';

interface UserName {
  username: string;
  display_name?: string;
}

/** The user names in a comma- (or Arabic comma-) separated list. */
export function accessList(text: string): string[] {
  return text
    .split(/[,،\s]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

export function NewPersonPage() {
  const facilities = useFacilities();
  const names = useAsync(() => (can.manageAccess() ? api<UserName[]>('GET', '/user-names') : Promise.resolve([] as UserName[])), []);
  const known = new Set((names.data ?? []).map((u) => u.username));
  if (!can.edit()) {
    return (
      <>
        <PageTitle>{t('newPerson.title')}</PageTitle>
        <Notice tone="warn">{t('err.notAllowed')}</Notice>
      </>
    );
  }
  const needOneName = (_: string, all: Record<string, string>) => (!all.name_ar.trim() && !all.name_lat.trim() ? t('newPerson.needName') : '');
  return (
    <>
      <PageTitle>{t('newPerson.title')}</PageTitle>
      <p class="muted">{t('newPerson.intro')}</p>
      <SimpleForm
        idPrefix="np"
        submitLabel={t('newPerson.save')}
        fields={[
          {
            name: 'name_ar',
            label: t('person.nameAr'),
            hint: t('newPerson.nameArHint'),
            dir: 'rtl',
            lang: 'ar',
            wide: true,
            check: (v, all) => needOneName(v, all) || checkArabic(v),
          },
          {
            name: 'name_lat',
            label: t('person.nameLat'),
            hint: t('newPerson.nameLatHint'),
            dir: 'ltr',
            lang: 'en',
            wide: true,
            check: checkLatin,
          },
          { name: 'gender', label: t('person.gender'), kind: 'select', options: options('genders') },
          dateField('birth_date', t('person.birthDate')),
          { name: 'birth_place', label: t('person.birthPlace') },
          { name: 'nationality', label: t('person.nationality'), kind: 'select', options: options('nationalities') },
          { name: 'status', label: t('person.status'), kind: 'select', options: options('person_statuses') },
          {
            name: 'facility',
            label: t('person.facility'),
            kind: 'select',
            options: (facilities.data ?? []).map((f) => ({ code: f.code, text: facilityName(f, f.code) })),
          },
          { name: 'team', label: t('person.team'), hint: t('newPerson.teamHint') },
          { name: 'notes', label: t('person.notes'), kind: 'textarea' },
          { name: 'confidential', label: t('newPerson.confidential'), kind: 'checkbox', hint: t('newPerson.confidentialHint') },
          {
            name: 'access',
            label: t('newPerson.access'),
            dir: 'ltr',
            wide: true,
            hint: t('newPerson.accessHint', { users: (names.data ?? []).map((u) => u.username).join('، ') }),
            when: (all) => all.confidential === 'true' && can.manageAccess(),
            check: (v) => {
              const unknown = accessList(v).find((n) => !known.has(n));
              return unknown ? t('newPerson.accessUnknown', { name: unknown }) : '';
            },
          },
        ]}
        onSubmit={async (v) => {
          const body: Record<string, unknown> = {};
          for (const [k, val] of Object.entries(v)) if (val) body[k] = val;
          delete body.access;
          if (v.confidential === 'true') {
            body.confidential = true;
            if (can.manageAccess()) body.access = accessList(v.access ?? '');
          }
          const created = await api<PersonFile | { person: PersonFile }>('POST', '/persons', { json: body });
          const p = 'person' in created && created.person ? created.person : (created as PersonFile);
          if (p.public_id) navigate(href(['persons', p.public_id]));
        }}
      />
    </>
  );
}
