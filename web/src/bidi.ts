// Mixed-direction server text (explanations such as "تنتهي ... 2013-01-29
// (Code of Criminal Procedure art. 108)") displayed right-to-left. Under the
// Unicode bidi algorithm digits that follow Arabic letters become Arabic
// numbers, and a hyphen between Arabic numbers does not join them, so an ISO
// date reads backwards (29-01-2013) and a parenthesised English reference
// loses its brackets to the other side. Wrapping such runs in invisible
// LEFT-TO-RIGHT ISOLATE ... POP DIRECTIONAL ISOLATE characters (U+2066,
// U+2069) keeps each run whole. Plain text in, plain text out: no markup.

const LRI = '\u2066';
const PDI = '\u2069';
const ARABIC = /[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]/;

// A date (YYYY-MM-DD, YYYY-MM, optionally ~), a bracketed run with no Arabic
// in it, or a run of Latin words (with digits and light punctuation inside).
const LTR_RUNS = /~?\d{4}-\d{2}(?:-\d{2})?|\([A-Za-z][^()\u0600-\u06FF]*\)|[A-Za-z][A-Za-z0-9 .,'’-]*[A-Za-z0-9.]/g;

/** TEXT with its left-to-right runs isolated, when it contains Arabic; otherwise unchanged. */
export function isolateLtrRuns(text: string): string {
  if (!text || !ARABIC.test(text)) return text;
  // Dates also get WORD JOINERs (U+2060) around their hyphens, so a line never
  // breaks inside one. (Not U+2011 NON-BREAKING HYPHEN: it is a bidi neutral,
  // so between digits it would reverse the date again, and Naskh draws it low.)
  return text.replace(LTR_RUNS, (run) => LRI + (/^~?\d{4}-/.test(run) ? run.replace(/-/g, '\u2060-\u2060') : run) + PDI);
}
