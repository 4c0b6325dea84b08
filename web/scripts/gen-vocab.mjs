// Compiles the bilingual vocabularies that ship with sawt (../data/vocab/*.tsv)
// into src/generated/vocab.json, so the interface can label codes (statuses,
// charges, courts...) even before the server answers GET /api/vocab. The
// server's answer, which includes a store's own overrides, wins at run time.
// A row is: code, Arabic label, English label, optional descriptions; lines
// starting with '#' are comments and the first other line is the header.
import { readdirSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const vocabDir = join(here, '..', '..', 'data', 'vocab');
const outFile = join(here, '..', 'src', 'generated', 'vocab.json');

const out = {};
for (const file of readdirSync(vocabDir).filter((f) => f.endsWith('.tsv')).sort()) {
  const lines = readFileSync(join(vocabDir, file), 'utf8').split('\n').filter((l) => l.trim() && !l.startsWith('#'));
  const header = lines.shift().split('\t');
  const col = (name) => header.indexOf(name);
  const [iCode, iAr, iEn] = [col('code'), col('ar'), col('en')];
  if (iCode < 0 || iAr < 0 || iEn < 0) throw new Error(`${file}: header must name code, ar and en`);
  const entries = {};
  for (const line of lines) {
    const cells = line.split('\t');
    entries[cells[iCode]] = { ar: cells[iAr] ?? '', en: cells[iEn] ?? '' };
  }
  out[file.replace(/\.tsv$/, '')] = entries;
}
mkdirSync(dirname(outFile), { recursive: true });
writeFileSync(outFile, JSON.stringify(out, null, 0) + '\n');
console.log(`vocab: ${Object.keys(out).length} vocabularies -> ${outFile}`);
