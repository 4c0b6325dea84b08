// Labels for the codes the server sends (statuses, charges, courts, consent
// scopes...). The vocabularies that ship with sawt are compiled in at build
// time (scripts/gen-vocab.mjs); if the server offers GET /api/vocab (with a
// store's own overrides), its answer replaces them. An unknown code is shown
// as the code itself, never hidden.
import shipped from './generated/vocab.json';
import { api } from './api';
import { getLang } from './i18n';

export interface Label {
  ar: string;
  en: string;
}
type Vocabs = Record<string, Record<string, Label>>;

let vocabs: Vocabs = shipped as Vocabs;

export function label(vocab: string, code: string | undefined | null): string {
  if (!code) return '';
  const entry = vocabs[vocab]?.[code];
  if (!entry) return code;
  return (getLang() === 'ar' ? entry.ar || entry.en : entry.en || entry.ar) || code;
}

/** The codes of VOCAB with their labels in the current language, in file order. */
export function options(vocab: string): { code: string; text: string }[] {
  return Object.keys(vocabs[vocab] ?? {}).map((code) => ({ code, text: label(vocab, code) }));
}

type ServerEntry = { code?: string; ar?: string; en?: string; label_ar?: string; label_en?: string };

/** Accepts {vocab: {code: {ar, en}}} or {vocab: [{code, ar, en}]}, optionally under "vocabularies". */
function normalise(answer: unknown): Vocabs {
  const out: Vocabs = {};
  if (!answer || typeof answer !== 'object') return out;
  const root = (answer as { vocabularies?: unknown }).vocabularies ?? answer;
  if (!root || typeof root !== 'object') return out;
  for (const [name, value] of Object.entries(root as Record<string, unknown>)) {
    const entries: Record<string, Label> = {};
    const rows: [string, ServerEntry][] = Array.isArray(value)
      ? (value as ServerEntry[]).map((e) => [e.code ?? '', e])
      : Object.entries((value ?? {}) as Record<string, ServerEntry>);
    for (const [code, e] of rows) {
      if (code && e && typeof e === 'object') entries[code] = { ar: e.ar ?? e.label_ar ?? '', en: e.en ?? e.label_en ?? '' };
    }
    if (Object.keys(entries).length) out[name] = entries;
  }
  return out;
}

/** Asks the server for its vocabularies once logged in; keeps the shipped ones if it has none. */
export async function loadServerVocab(): Promise<void> {
  try {
    const v = normalise(await api<unknown>('GET', '/vocab'));
    if (Object.keys(v).length) vocabs = { ...vocabs, ...v };
  } catch {
    /* a server without /api/vocab: the shipped labels stay */
  }
}
