// Adding a person: the Arabic name or the Latin one is required (both when
// known); dates are partial (YYYY, YYYY-MM, YYYY-MM-DD, ~ when approximate).
// On success the new person's page opens.
import { api } from '../api';
import { Notice, PageTitle } from '../components';
import { checkArabic, checkLatin, dateField, SimpleForm } from '../forms';
import { t } from '../i18n';
import { href, navigate } from '../router';
import { can } from '../session';
import type { PersonFile } from '../types';
import { options } from '../vocab';
import { facilityName, useFacilities } from './persons';

export function NewPersonPage() {
  const facilities = useFacilities();
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
        ]}
        onSubmit={async (v) => {
          const body: Record<string, string> = {};
          for (const [k, val] of Object.entries(v)) if (val) body[k] = val;
          const created = await api<PersonFile | { person: PersonFile }>('POST', '/persons', { json: body });
          const p = 'person' in created && created.person ? created.person : (created as PersonFile);
          if (p.public_id) navigate(href(['persons', p.public_id]));
        }}
      />
    </>
  );
}
