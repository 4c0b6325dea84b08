// The monitor's forms on a facility's page: a population/capacity figure with
// its source (sources disagree: every figure is kept), a visit with the
// indicator checklist (a rating and a note per indicator), and an incident,
// optionally naming persons by their ids. Shown to those who may record.
import { api } from '../api';
import { dateField, type FieldSpec, SimpleForm } from '../forms';
import { t } from '../i18n';
import { can } from '../session';
import { label, options } from '../vocab';

function checkCount(v: string): string {
  return v && !/^\d+$/.test(v.trim()) ? t('conditions.badCount') : '';
}

/** "P-000001, P-000002" -> ["P-000001", "P-000002"] */
function personIds(v: string): string[] {
  return v
    .split(/[,،\s]+/)
    .map((x) => x.trim())
    .filter(Boolean);
}

function counts(v: Record<string, string>, names: string[]): Record<string, number | undefined> {
  return Object.fromEntries(names.map((n) => [n, v[n]?.trim() ? Number(v[n]) : undefined]));
}

export function ConditionsForms({ code, onSaved }: { code: string; onSaved: () => void }) {
  if (!can.edit()) return null;
  const base = `/facilities/${encodeURIComponent(code)}`;
  const indicators = options('condition_indicators');
  const ratings = options('condition_ratings');
  const visitFields: FieldSpec[] = [
    dateField('date', t('common.date'), { required: true }),
    { name: 'visitor', label: t('conditions.visitor') },
    ...indicators.flatMap((i): FieldSpec[] => [
      { name: `rate_${i.code}`, label: i.text, kind: 'select', options: ratings },
      {
        name: `note_${i.code}`,
        label: t('conditions.noteOn', { indicator: label('condition_indicators', i.code) }),
        dir: 'auto',
        when: (all) => Boolean(all[`rate_${i.code}`]),
      },
    ]),
    { name: 'notes', label: t('conditions.notes'), kind: 'textarea', dir: 'auto' },
  ];
  return (
    <div class="no-print" id="conditions-forms">
      <details class="add-form">
        <summary>{t('conditions.addFigure')}</summary>
        <SimpleForm
          idPrefix="figure"
          submitLabel={t('conditions.save')}
          successText={t('conditions.saved')}
          fields={[
            dateField('date', t('common.date'), { required: true }),
            { name: 'population', label: t('facilities.count'), kind: 'number', dir: 'ltr', check: checkCount },
            { name: 'capacity', label: t('facilities.figCapacity'), kind: 'number', dir: 'ltr', check: checkCount },
            { name: 'source', label: t('person.source'), required: true, hint: t('conditions.sourceHint') },
            { name: 'scope', label: t('facilities.scope'), hint: t('conditions.scopeHint') },
            { name: 'notes', label: t('conditions.notes'), kind: 'textarea', dir: 'auto' },
          ]}
          onSubmit={async (v) => {
            await api('POST', `${base}/figures`, { json: { ...v, ...counts(v, ['population', 'capacity']) } });
            onSaved();
          }}
        />
      </details>
      <details class="add-form">
        <summary>{t('conditions.addVisit')}</summary>
        <SimpleForm
          idPrefix="visit"
          submitLabel={t('conditions.save')}
          successText={t('conditions.saved')}
          fields={visitFields}
          onSubmit={async (v) => {
            const rated = indicators.filter((i) => v[`rate_${i.code}`]);
            await api('POST', `${base}/visits`, {
              json: {
                date: v.date,
                visitor: v.visitor,
                notes: v.notes,
                indicators: rated.map((i) => ({ indicator: i.code, rating: v[`rate_${i.code}`], note: v[`note_${i.code}`] ?? '' })),
              },
            });
            onSaved();
          }}
        />
      </details>
      <details class="add-form">
        <summary>{t('conditions.addIncident')}</summary>
        <SimpleForm
          idPrefix="incident"
          submitLabel={t('conditions.save')}
          successText={t('conditions.saved')}
          fields={[
            { name: 'type', label: t('facilities.incidentType'), kind: 'select', required: true, options: options('incident_types') },
            dateField('date', t('common.date'), { required: true }),
            { name: 'deaths', label: t('facilities.deaths'), kind: 'number', dir: 'ltr', check: checkCount },
            { name: 'affected', label: t('facilities.affected'), kind: 'number', dir: 'ltr', check: checkCount },
            { name: 'persons', label: t('conditions.persons'), dir: 'ltr', hint: t('conditions.personsHint') },
            { name: 'description', label: t('conditions.description'), kind: 'textarea', dir: 'auto' },
            { name: 'source', label: t('person.source') },
          ]}
          onSubmit={async (v) => {
            await api('POST', `${base}/incidents`, {
              json: { ...v, ...counts(v, ['deaths', 'affected']), persons: personIds(v.persons ?? '') },
            });
            onSaved();
          }}
        />
      </details>
    </div>
  );
}
