// A small declarative form: fields described as data, each with a real
// <label for>, hints, client-side checks for what can be checked here
// (required, partial dates, Arabic script), and the server's error shown on
// the field it names (`where`) as well as at the top. Used by every form that
// records something (person, consent, event, advocacy, users).
import { useRef, useState } from 'preact/hooks';
import { ApiError } from './api';
import { ErrorBox, Field, Notice } from './components';
import { t } from './i18n';

export type FieldKind = 'text' | 'textarea' | 'date' | 'select' | 'password' | 'checkbox' | 'number';

export interface FieldSpec {
  name: string;
  label: string;
  kind?: FieldKind;
  hint?: string;
  required?: boolean;
  options?: { code: string; text: string }[];
  /** text direction of the input: names in Arabic rtl, dates and codes ltr, free text auto */
  dir?: 'rtl' | 'ltr' | 'auto';
  lang?: string;
  wide?: boolean;
  autoComplete?: string;
  /** returns an error message or '' */
  check?: (value: string, all: Record<string, string>) => string;
  /** shown only when this returns true */
  when?: (all: Record<string, string>) => boolean;
}

const PARTIAL_DATE = /^~?\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/;
const ARABIC_LETTER = /[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]/;
const LATIN_LETTER = /[A-Za-z\u00C0-\u024F]/;

export function checkPartialDate(v: string): string {
  return v && !PARTIAL_DATE.test(v.trim()) ? t('form.badDate') : '';
}
export function checkArabic(v: string): string {
  return v && !ARABIC_LETTER.test(v) ? t('form.needArabic') : '';
}
export function checkLatin(v: string): string {
  return v && !LATIN_LETTER.test(v) ? t('form.needLatin') : '';
}

export function dateField(name: string, label: string, extra: Partial<FieldSpec> = {}): FieldSpec {
  return { name, label, kind: 'date', dir: 'ltr', hint: t('form.dateHint'), check: checkPartialDate, ...extra };
}

export function SimpleForm({
  idPrefix,
  fields,
  submitLabel,
  initial,
  onSubmit,
  successText,
  resetOnSuccess = true,
}: {
  idPrefix: string;
  fields: FieldSpec[];
  submitLabel: string;
  initial?: Record<string, string>;
  /** sends the values; resolves when saved, rejects with ApiError on refusal */
  onSubmit: (values: Record<string, string>) => Promise<unknown>;
  successText?: string;
  resetOnSuccess?: boolean;
}) {
  const blank = () => Object.fromEntries(fields.map((f) => [f.name, initial?.[f.name] ?? '']));
  const [values, setValues] = useState<Record<string, string>>(blank);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [serverError, setServerError] = useState<unknown>(null);
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);

  const visible = fields.filter((f) => !f.when || f.when(values));

  const focusField = (name: string) => {
    const el = formRef.current?.querySelector<HTMLElement>(`#${idPrefix}-${name}`);
    el?.focus();
  };

  const submit = async (e: Event) => {
    e.preventDefault();
    setDone(false);
    setServerError(null);
    const found: Record<string, string> = {};
    for (const f of visible) {
      const v = (values[f.name] ?? '').trim();
      if (f.required && !v && f.kind !== 'checkbox') found[f.name] = t('form.required');
      else if (f.check) {
        const msg = f.check(v, values);
        if (msg) found[f.name] = msg;
      }
    }
    setErrors(found);
    const firstBad = visible.find((f) => found[f.name]);
    if (firstBad) {
      focusField(firstBad.name);
      return;
    }
    setBusy(true);
    try {
      const sent: Record<string, string> = {};
      for (const f of visible) sent[f.name] = (values[f.name] ?? '').trim();
      await onSubmit(sent);
      setDone(true);
      if (resetOnSuccess) setValues(blank());
    } catch (err) {
      setServerError(err);
      if (err instanceof ApiError && err.where && visible.some((f) => f.name === err.where)) {
        setErrors({ [err.where]: err.message });
        focusField(err.where);
      }
    } finally {
      setBusy(false);
    }
  };

  const set = (name: string, value: string) => {
    setValues((v) => ({ ...v, [name]: value }));
    if (errors[name]) setErrors((e) => ({ ...e, [name]: '' }));
  };

  return (
    <form ref={formRef} class="form-grid" onSubmit={submit} noValidate>
      {visible.map((f) => {
        const id = `${idPrefix}-${f.name}`;
        const err = errors[f.name];
        const describedBy = [f.hint ? id + '-hint' : '', err ? id + '-error' : ''].filter(Boolean).join(' ') || undefined;
        const common = {
          id,
          name: f.name,
          'aria-describedby': describedBy,
          'aria-invalid': err ? true : undefined,
          'aria-required': f.required ? true : undefined,
        };
        let input;
        switch (f.kind) {
          case 'textarea':
            input = <textarea {...common} dir={f.dir ?? 'auto'} rows={3} value={values[f.name]} onInput={(e) => set(f.name, e.currentTarget.value)} />;
            break;
          case 'select':
            input = (
              <select {...common} value={values[f.name]} onChange={(e) => set(f.name, e.currentTarget.value)}>
                {f.required ? null : <option value="">{t('form.choose')}</option>}
                {f.required && !values[f.name] ? <option value="">{t('form.choose')}</option> : null}
                {(f.options ?? []).map((o) => (
                  <option key={o.code} value={o.code}>
                    {o.text}
                  </option>
                ))}
              </select>
            );
            break;
          case 'checkbox':
            input = (
              <input
                {...common}
                type="checkbox"
                checked={values[f.name] === 'true'}
                onChange={(e) => set(f.name, e.currentTarget.checked ? 'true' : '')}
              />
            );
            break;
          default:
            input = (
              <input
                {...common}
                type={f.kind === 'password' ? 'password' : f.kind === 'number' ? 'number' : 'text'}
                dir={f.dir ?? 'auto'}
                lang={f.lang}
                inputMode={f.kind === 'date' ? 'numeric' : undefined}
                autoComplete={f.autoComplete ?? 'off'}
                value={values[f.name]}
                onInput={(e) => set(f.name, e.currentTarget.value)}
              />
            );
        }
        return (
          <Field key={f.name} id={id} label={f.label} hint={f.hint} required={f.required} error={err} wide={f.wide || f.kind === 'textarea'}>
            {input}
          </Field>
        );
      })}
      <div class="form-end field-wide">
        <ErrorBox error={serverError} title={t('form.notSaved')} />
        {done && successText ? <Notice tone="ok">{successText}</Notice> : null}
        <button type="submit" class="primary" disabled={busy}>
          {busy ? t('form.saving') : submitLabel}
        </button>
      </div>
    </form>
  );
}
