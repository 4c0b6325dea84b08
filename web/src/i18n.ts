// Language and digit preferences, the translation function and number/date
// formatting. Arabic (right-to-left) is the default; English is a switch
// remembered in localStorage, and so is the choice of Arabic-Indic (٠١٢) or
// Latin (012) digits. Switching sets <html lang dir> so the whole layout
// flips through CSS logical properties — nothing is mirrored by hand.
import { isolateLtrRuns } from './bidi';
import { dict, type Key } from './strings';

export type Lang = 'ar' | 'en';
export type Digits = 'auto' | 'arab' | 'latn';

const LANG_KEY = 'sawt.lang';
const DIGITS_KEY = 'sawt.digits';

function stored<T extends string>(key: string, allowed: readonly T[], fallback: T): T {
  try {
    const v = localStorage.getItem(key);
    if (v && (allowed as readonly string[]).includes(v)) return v as T;
  } catch {
    /* storage disabled: defaults */
  }
  return fallback;
}

let lang: Lang = stored<Lang>(LANG_KEY, ['ar', 'en'], 'ar');
let digits: Digits = stored<Digits>(DIGITS_KEY, ['auto', 'arab', 'latn'], 'auto');
const listeners = new Set<() => void>();

export function getLang(): Lang {
  return lang;
}
export function getDigits(): Digits {
  return digits;
}
/** The numbering system in effect: 'auto' means Arabic-Indic in Arabic, Latin in English. */
export function numberingSystem(): 'arab' | 'latn' {
  return digits === 'auto' ? (lang === 'ar' ? 'arab' : 'latn') : digits;
}

export function subscribe(fn: () => void): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

function changed(): void {
  formatCache.clear();
  applyDocument();
  for (const fn of listeners) fn();
}

export function setLang(next: Lang): void {
  lang = next;
  try {
    localStorage.setItem(LANG_KEY, next);
  } catch {
    /* not remembered */
  }
  changed();
}

export function setDigits(next: Digits): void {
  digits = next;
  try {
    localStorage.setItem(DIGITS_KEY, next);
  } catch {
    /* not remembered */
  }
  changed();
}

/** Sets <html lang dir> from the current language. */
export function applyDocument(): void {
  const root = document.documentElement;
  root.lang = lang;
  root.dir = lang === 'ar' ? 'rtl' : 'ltr';
  root.dataset.digits = numberingSystem(); // list numbers follow the digits (styles.css)
}

/**
 * The text for KEY in the current language, with {name} placeholders filled
 * from VARS (numbers are formatted with the chosen digits).
 */
export function t(key: Key, vars?: Record<string, string | number>): string {
  let text = dict[lang][key] ?? dict.en[key] ?? key;
  if (vars) {
    text = text.replace(/\{(\w+)\}/g, (_, name: string) => {
      const v = vars[name];
      if (v === undefined) return `{${name}}`;
      return typeof v === 'number' ? fmtNum(v) : v;
    });
  }
  // Latin words and dates inside an Arabic sentence keep their order (bidi.ts).
  return lang === 'ar' ? isolateLtrRuns(text) : text;
}

/** Picks the Arabic or the English of a pair the server sent (e.g. explanation_ar / explanation). */
export function pick(ar: string | undefined | null, en: string | undefined | null): string {
  return (lang === 'ar' ? ar || en : en || ar) ?? '';
}

const formatCache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();

function locale(): string {
  return `${lang === 'ar' ? 'ar' : 'en-GB'}-u-nu-${numberingSystem()}-ca-gregory`;
}

function numberFormat(opts: Intl.NumberFormatOptions, tag: string): Intl.NumberFormat {
  const key = 'n' + tag;
  let f = formatCache.get(key) as Intl.NumberFormat | undefined;
  if (!f) {
    f = new Intl.NumberFormat(locale(), opts);
    formatCache.set(key, f);
  }
  return f;
}

function dateFormat(opts: Intl.DateTimeFormatOptions, tag: string): Intl.DateTimeFormat {
  const key = 'd' + tag;
  let f = formatCache.get(key) as Intl.DateTimeFormat | undefined;
  if (!f) {
    f = new Intl.DateTimeFormat(locale(), { ...opts, timeZone: 'UTC' });
    formatCache.set(key, f);
  }
  return f;
}

/** A number in the chosen digits (grouped: 1,234 / ١٬٢٣٤). */
export function fmtNum(n: number, maxFraction = 1): string {
  if (!Number.isFinite(n)) return '';
  return numberFormat({ maximumFractionDigits: maxFraction }, 'g' + maxFraction).format(n);
}

/** A number with its sign always shown (+6.1, −4), as the locale writes it. */
export function fmtSigned(n: number): string {
  if (!Number.isFinite(n)) return '';
  return numberFormat({ maximumFractionDigits: 1, signDisplay: 'exceptZero' }, 's').format(n);
}

/** Digits of an identifier-like number without grouping (a year, a line number). */
export function fmtInt(n: number): string {
  return numberFormat({ useGrouping: false, maximumFractionDigits: 0 }, 'i').format(n);
}

/** A share 0..1 as a percentage. */
export function fmtPercent(p: number): string {
  return numberFormat({ style: 'percent', maximumFractionDigits: 0 }, 'p').format(p);
}

const PARTIAL_DATE = /^(~)?(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

/**
 * A partial date as the server writes it (YYYY, YYYY-MM, YYYY-MM-DD, with a
 * leading ~ when approximate), or an ISO timestamp, in words: "4 January 2023",
 * "January 2023", "about 2023". Text that is not a date is returned as is.
 */
export function fmtDate(text: string | undefined | null): string {
  if (!text) return '';
  const m = PARTIAL_DATE.exec(text.trim());
  if (!m) {
    const ts = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})/.exec(text);
    if (ts) {
      const d = new Date(Date.UTC(+ts[1], +ts[2] - 1, +ts[3], +ts[4], +ts[5]));
      return dateFormat({ year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }, 'ts').format(d);
    }
    return text;
  }
  const [, approx, y, mo, d] = m;
  let out: string;
  if (d) out = dateFormat({ year: 'numeric', month: 'long', day: 'numeric' }, 'ymd').format(new Date(Date.UTC(+y, +mo - 1, +d)));
  else if (mo) out = dateFormat({ year: 'numeric', month: 'long' }, 'ym').format(new Date(Date.UTC(+y, +mo - 1, 1)));
  else out = fmtInt(+y);
  return approx ? t('date.about', { date: out }) : out;
}

export function isRtl(): boolean {
  return lang === 'ar';
}
