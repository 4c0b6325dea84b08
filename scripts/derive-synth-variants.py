#!/usr/bin/env python3
"""Derives the synthetic-data name tables in data/synth/ from hand-written lists
and from the Wikidata Latin/Arabic token pairs (CC0; Merhav & Ash, COLING 2018).

Inputs (kept in the repository):
  scripts/synth-src/male_first.txt, female_first.txt, family_names.txt
    Hand lists, most common name first, each with hand-written Latin spellings.
Input (read only here, never by the tests or the program):
  wd_arabic.normalized.aligned.tokens  (Latin token, Arabic letters separated by
  spaces, count), by default from /work/shared/data/wikidata-names/.
Outputs (committed; the generator embeds them):
  data/synth/first_names.tsv   arabic, gender, weight, latin
  data/synth/family_names.tsv  arabic, weight, article, latin
  data/synth/latin_variants.tsv arabic, latin, weight, origin

How a name's Latin spellings are derived:
  1. Each Arabic word is looked up in Wikidata (hamza seats, alef maqsura and
     ta marbuta folded), and every Latin spelling seen for it is kept when it
     (a) survives a consonant-skeleton check against the Arabic letters (this
     removes mis-aligned noise such as "morocco" for محمد), (b) is not a Turkish
     or Persian form (mehmet, hüseyin, hossein...), which Syrian lists rarely
     use, and (c) has at least 2 observations and 1% of the word's total.
     Accents are folded (muḥammad -> muhammad) and apostrophes dropped.
  2. Hand spellings are added; when Wikidata has nothing, the hand spellings
     plus a few rule-made variants (ou/u, sh/ch, q/k, doubled/single
     consonants, final eh/a, y/i) that pass the same skeleton check are used.
  3. Compound names are composed word by word: عبد + ال-word uses the prefix
     forms learned from Wikidata's tokens for عبد (abdul, abdel, abd al-,
     abdur-, joined or separate, e.g. Abdul Rahman, Abdelrahman, Abd al-Rahman,
     Abdurrahman, Abderrahmane); other X + ال-word compounds (Nur al-Din,
     Zayn al-Abidin) and plain two-word names (Abu Zeid, Mohammad Khair) use
     hand-estimated join weights stated below.
  4. A family name's leading article ال is not part of its Latin spellings: the
     table lists the stem (hamwi) and the generator renders the article
     (al-Hamwi, el-Hamwi, Al Hamwi, Alhamwi, or none) from article_styles.tsv.
Weights: each name's variants sum to 1000. Name weights are Zipf over the hand
ordering: weight = round(1e6 / (rank + 1) ** s), s = 1.0 for given names and
0.8 for family names (the ordering is the authors' estimate, not a census).

Usage: scripts/derive-synth-variants.py [--wikidata PATH] [--out data/synth]
Python 3 standard library only.
"""

import argparse
import collections
import os
import re
import sys
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
DEFAULT_WIKIDATA = "/work/shared/data/wikidata-names/wd_arabic.normalized.aligned.tokens"

# ---------------------------------------------------------------- Arabic side

FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه", "ؤ": "و", "ئ": "ي"})
SUN_LETTERS = set("تثدذرزسشصضطظلن")


def fold_ar(word):
    return word.translate(FOLD)


# Latin renderings each Arabic letter may take. Short vowels (a e i o u y) may
# appear anywhere in the Latin and are skipped by the matcher.
RENDER = {
    "ا": ["", "a", "e", "aa", "i", "o"],
    "أ": ["", "a", "e", "i", "o", "u", "aa"],
    "إ": ["", "i", "e", "a"],
    "آ": ["a", "aa", "", "e"],
    "ء": ["", "a", "e"],
    "ؤ": ["", "o", "u", "w", "ou"],
    "ئ": ["", "i", "e", "y", "a"],
    "ب": ["b", "p"],
    "ت": ["t"],
    "ث": ["th", "t", "s"],
    "ج": ["j", "g", "dj", "zh"],
    "ح": ["h", "hh"],
    "خ": ["kh", "h", "ch", "j"],
    "د": ["d"],
    "ذ": ["dh", "z", "d", "th"],
    "ر": ["r"],
    "ز": ["z", "s"],
    "س": ["s", "c"],
    "ش": ["sh", "ch", "sch", "s"],
    "ص": ["s", "c"],
    "ض": ["d", "dh", "z"],
    "ط": ["t"],
    "ظ": ["z", "dh", "th", "d"],
    "ع": ["", "a", "e", "i", "o", "u", "aa"],
    "غ": ["gh", "g", "r"],
    "ف": ["f", "ph"],
    "ق": ["q", "k", "g", "c", "kk"],
    "ك": ["k", "c", "ch", "ck"],
    "ل": ["l"],
    "م": ["m"],
    "ن": ["n"],
    "ه": ["h", ""],
    "و": ["w", "u", "o", "ou", "oo", "v", ""],
    "ي": ["y", "i", "ee", "ie", "e", "ei", "ai", ""],
    "ة": ["", "a", "ah", "eh", "e", "at", "et", "h", "t"],
    "ى": ["a", "", "e", "i", "y", "ah", "aa"],
}
VOWELS = set("aeiouy")
CONSONANT_RENDERINGS = {r for rs in RENDER.values() for r in rs if r and r[0] not in VOWELS}


def skeleton_ok(arabic, latin):
    """True when `latin` can be read as a spelling of the Arabic letters."""
    letters = [c for c in arabic if c != " "]
    n, m = len(letters), len(latin)
    memo = {}

    def match(i, j):
        key = (i, j)
        if key in memo:
            return memo[key]
        ok = False
        if i == n:
            ok = all(ch in VOWELS for ch in latin[j:])
        else:
            if j < m and latin[j] in VOWELS and match(i, j + 1):
                ok = True
            else:
                options = list(RENDER.get(letters[i], []))
                # The article's lam may assimilate (ad-din, ar-rahman).
                if letters[i] == "ل" and i == 1 and letters[0] == "ا":
                    options.append("")
                for r in options:
                    if latin.startswith(r, j):
                        if r and match(i + 1, j + len(r)):
                            ok = True
                            break
                        if not r and match(i + 1, j):
                            ok = True
                            break
                        # Doubled consonant (shadda, or a sun letter after the article).
                        if r and r in CONSONANT_RENDERINGS and latin.startswith(r, j + len(r)) and match(
                                i + 1, j + 2 * len(r)):
                            ok = True
                            break
        memo[key] = ok
        return ok

    return match(0, 0)


# ----------------------------------------------------------------- Latin side

TURKISH_LETTERS = set("şçğıöüİ")
FOREIGN_FORMS = {  # Turkish and Persian spellings Syrian lists rarely use
    "mehmet", "mehmed", "ahmet", "mahmut", "huseyin", "omer", "hossein", "hosein", "fatemeh", "halit",
    "hatice", "ayse", "ayca", "ayce", "ebrahim", "khadijeh", "yosef", "iosif", "akhmet", "akhmed",
    "khasan", "mustafá", "ekrem", "emin", "enes", "enver", "kerem", "kerim", "selman", "tevfik", "ramazan",
    "suleyman", "halil", "esra", "halime", "hayriye", "zeynep", "yasemin", "vahid", "hosseini", "usman",
    "ottman",
    # Not Arabic names at all: foreign names that Wikidata writes with the same Arabic letters.
    "papa", "solomon", "ince", "ons", "sid", "syd", "cid", "cyd", "syed", "zane", "zinn", "zare", "dean",
    "tayyip", "summer", "lily", "lilly", "lili", "lilli", "lilley", "lena", "lowe", "louie", "loi", "lyes",
    "meunier", "ryde", "cossery", "safdie", "sofie", "dery", "dierry", "dirie", "mose", "sad", "sammy",
    "farris", "heggy", "malaye", "sebag", "rehman",
}


def clean_latin(token):
    """Lower-case ASCII spelling of a Wikidata Latin token, or None to drop it."""
    token = token.strip().lower()
    if not token or any(c in TURKISH_LETTERS for c in token):
        return None
    decomposed = unicodedata.normalize("NFKD", token)
    out = "".join(c for c in decomposed if not unicodedata.combining(c))
    out = re.sub(r"['ʿʾ`’\-]", "", out)
    if not re.fullmatch(r"[a-z]+", out) or out in FOREIGN_FORMS:
        return None
    return out


def load_wikidata(path):
    """folded Arabic word -> Counter(latin -> count), noise not yet filtered."""
    index = collections.defaultdict(collections.Counter)
    with open(path, encoding="utf-8") as f:
        for line in f:
            cols = line.rstrip("\n").split("\t")
            if len(cols) != 3:
                continue
            latin, arabic, count = cols
            word = arabic.replace(" ", "")
            cleaned = clean_latin(latin)
            if cleaned is None:
                continue
            try:
                index[fold_ar(word)][cleaned] += int(count)
            except ValueError:
                continue
    return index


# ------------------------------------------------------------ word variants

RULES = [  # (pattern, replacement): plausible alternations between Latin spellings
    (r"ou", "u"), (r"(?<![aeo])u", "ou"), (r"ee", "i"), (r"sh", "ch"), (r"q", "k"), (r"eh$", "a"),
    (r"a$", "eh"), (r"y$", "i"), (r"(?<=[a-z]{4})i$", "y"), (r"aa", "a"), (r"([bdhklmnrstz])\1", r"\1"),
]


def rule_variants(arabic, base):
    out = []
    for pattern, repl in RULES:
        cand = re.sub(pattern, repl, base, count=1)
        if cand != base and cand not in out and skeleton_ok(arabic, cand):
            out.append(cand)
    return out


def normalise(weights, keep_share=0.01, max_variants=16):
    """Scale to integer weights summing to ~1000, dropping variants under keep_share."""
    total = sum(weights.values())
    if total <= 0:
        return {}
    items = sorted(weights.items(), key=lambda kv: (-kv[1], kv[0]))
    kept = [(k, v) for k, v in items if v / total >= keep_share][:max_variants]
    if not kept:
        kept = items[:1]
    t = sum(v for _, v in kept)
    return {k: max(1, round(1000 * v / t)) for k, v in kept}


def wikidata_counts(wd, arabic_word, strip_article, stem_key=True):
    """Filtered Wikidata spellings of one Arabic word (article stripped from Latin if asked).

    stem_key: also look the word up without its article (family names: حموي for
    الحموي). Not for the second word of a compound (دين would bring "dean").
    """
    counts = collections.Counter()
    keys = [fold_ar(arabic_word)]
    stem = arabic_word[2:] if strip_article else arabic_word
    if strip_article and (stem_key or len(stem) >= 4):
        keys.append(fold_ar(stem))
    for key in keys:
        for latin, c in wd.get(key, {}).items():
            form = latin
            if strip_article:
                if re.match(r"^(al|el)", latin) and skeleton_ok(stem, latin[2:]):
                    form = latin[2:]
                elif re.match(r"^(a|e)(.)\2", latin) and latin[1] in "dnrstz" and skeleton_ok(stem, latin[1:]):
                    form = latin[1:]  # assimilated article: ar-rahman -> rahman... keep the stem
                    if len(form) > 1 and form[0] == form[1]:
                        form = form[1:]
                if not skeleton_ok(stem, form):
                    continue
            elif not skeleton_ok(arabic_word, form):
                continue
            counts[form] += c
    total = sum(counts.values())
    return collections.Counter(
        {k: v for k, v in counts.items() if v >= 2 and v / total >= 0.01} if total > 5 else counts)


def word_variants(wd, arabic_word, hand, origin_log, stem_key=True):
    """Spellings of one Arabic word -> {latin: weight}; records where each came from."""
    strip = arabic_word.startswith("ال") and len(arabic_word) > 3
    counts = wikidata_counts(wd, arabic_word, strip, stem_key)
    stem_ar = arabic_word[2:] if strip else arabic_word
    weights = collections.Counter()
    total = sum(counts.values())
    if total >= 10:
        for k, v in counts.items():
            weights[k] += v / total
            origin_log.setdefault(k, "wikidata")
        for h in hand:
            if h not in weights:
                weights[h] += 0.04
                origin_log.setdefault(h, "hand")
    else:
        share_wd = 0.5 if total > 0 else 0.0
        for k, v in counts.items():
            weights[k] += share_wd * v / total
            origin_log.setdefault(k, "wikidata")
        hand_weights = [0.55] + [0.25 / max(1, len(hand) - 1)] * (len(hand) - 1) if hand else []
        rules = rule_variants(stem_ar, hand[0]) if hand else []
        rules = [r for r in rules if r not in hand][:4]
        rest = 1.0 - share_wd
        for h, w in zip(hand, hand_weights):
            weights[h] += rest * w
            origin_log.setdefault(h, "hand")
        for r in rules:
            weights[r] += rest * (0.2 if len(hand) == 1 else 0.12) / len(rules)
            origin_log.setdefault(r, "rule")
    return weights


# ------------------------------------------------------------- compositions

# عبد + ال-word: forms learned from Wikidata's Latin tokens for عبد.
def learn_abd_forms(wd):
    counts = collections.Counter()
    for latin, c in wd.get("عبد", {}).items():
        if re.fullmatch(r"abd[aeiou]?l+ah?", latin):
            continue  # عبد الله itself, handled with its own spellings
        if latin == "abdul":
            counts["ul sep"] += c
        elif latin == "abdel":
            counts["el sep"] += c
        elif latin in ("abd", "abed"):
            counts["abd_al sep" if latin == "abd" else "abed sep"] += c
        elif latin == "abdur":
            counts["assim_u sep"] += c
        elif latin.startswith("abdul"):
            counts["ul join"] += c
        elif latin.startswith("abdel"):
            counts["el join"] += c
        elif latin.startswith("abdal"):
            counts["al join"] += c
        elif re.match(r"abdu([dnrstz])\1", latin):
            counts["assim_u join"] += c
        elif re.match(r"abde([dnrstz])\1", latin):
            counts["assim_e join"] += c
    return counts


def first_consonant(latin):
    m = re.match(r"(sh|th|dh|kh|gh|[b-df-hj-np-tv-z])", latin)
    return m.group(1) if m else ""


def is_french_final_e(b, b_variants):
    """rahmane, dine: a French final -e, which only goes with French joins (Abderrahmane, Nour Eddine)."""
    return b.endswith("e") and b[:-1] in b_variants


def compose_abd(abd_forms, b_variants, b_sun):
    out = collections.Counter()
    total = sum(abd_forms.values())
    for form, fc in abd_forms.items():
        pf = fc / total
        kind, join = form.split()
        for b, bw in b_variants.items():
            c = first_consonant(b)
            if is_french_final_e(b, b_variants) and kind not in ("el", "assim_e"):
                continue
            assimilated = kind.startswith("assim")
            if assimilated and (not b_sun or len(c) != 1):
                kind_eff = "ul"  # no assimilation before a moon letter: fall back to abdul
            else:
                kind_eff = kind
            sep = " " if join == "sep" else ""
            if kind_eff == "ul":
                out["abdul" + sep + b] += pf * bw
            elif kind_eff == "el":
                out["abdel" + sep + b] += pf * bw
            elif kind_eff == "al":
                out["abdal" + b] += pf * bw
            elif kind_eff == "abd_al":
                out["abd al-" + b] += pf * bw * 0.6
                out["abd el-" + b] += pf * bw * 0.25
                out["abd al " + b] += pf * bw * 0.15
            elif kind_eff == "abed":
                out["abed " + b] += pf * bw
            elif kind_eff == "assim_u":
                out["abdu" + c + sep + b] += pf * bw
            elif kind_eff == "assim_e":
                out["abde" + c + b] += pf * bw
    return out


# Other A + ال-word compounds (hand-estimated join weights; Wikidata's
# tokenisation splits these names, so it cannot measure the joins).
ART_JOIN_MOON = [(" al-", 30), (" el-", 14), (" al ", 8), ("-al-", 4), ("al", 6), ("ul", 8), ("el", 6), (" el ", 6)]
ART_JOIN_SUN = [(" al-", 22), (" el-", 10), (" al ", 5), ("-al-", 3), (" a{c}-", 4), ("e{c}", 14), (" e{c}", 10),
                ("u{c}", 8), ("al", 4)]
PLAIN_JOIN = {"أبو": [(" ", 70), ("", 18), ("-", 12)], "": [(" ", 92), ("", 5), ("-", 3)]}


def compose_article(a_variants, b_variants, b_sun):
    out = collections.Counter()
    table = ART_JOIN_SUN if b_sun else ART_JOIN_MOON
    total = sum(w for _, w in table)
    for a, aw in a_variants.items():
        for b, bw in b_variants.items():
            c = first_consonant(b)
            for join, jw in table:
                if is_french_final_e(b, b_variants) and join.replace(" ", "") not in ("e{c}", "el-", "el"):
                    continue
                if "{c}" in join:
                    if len(c) != 1:
                        continue
                    join = join.replace("{c}", c)
                if join and join[0] not in " -" and a[-1] in VOWELS and join[0] in VOWELS:
                    # Abu + al-Khayr joined is Abul Khayr / Aboul Kheir, not Abuul...
                    if join not in ("ul", "al", "el"):
                        continue
                    form = a[:-1] + "ul" + b if a.endswith("u") else a + "l" + b
                else:
                    form = a + join + b
                out[form] += aw * bw * jw / total
    return out


def compose_plain(a_word, a_variants, b_variants):
    out = collections.Counter()
    table = PLAIN_JOIN.get(a_word, PLAIN_JOIN[""])
    total = sum(w for _, w in table)
    for a, aw in a_variants.items():
        for b, bw in b_variants.items():
            for join, jw in table:
                out[a + join + b] += aw * bw * jw / total
    return out


def hand_words(hand_forms):
    """Split hand spellings of a compound into per-word spellings ('abd al-rahman' -> [['abd'], ['rahman']])."""
    per_word = []
    for form in hand_forms:
        if " " not in form:
            continue  # a joined spelling (abderrahmane) is kept whole, not split
        words = form.replace("al-", "").split()
        for i, w in enumerate(words):
            while len(per_word) <= i:
                per_word.append([])
            if w not in per_word[i]:
                per_word[i].append(w)
    return per_word


def name_variants(wd, abd_forms, arabic, hand, origins):
    """All Latin spellings of one (possibly compound) name, article excluded. -> {latin: weight}"""
    body = arabic
    words = body.split()
    if len(words) == 1:
        w = word_variants(wd, words[0], hand, origins)
        return normalise(w)
    if len(words) == 2 and words[1] == "الله":
        # X الله: the hand spellings, weighted by how often Wikidata shows each.
        counts = collections.Counter()
        for latin, c in wd.get(fold_ar(words[0]), {}).items():
            if latin in hand:
                counts[latin] += c
        weights = collections.Counter()
        for i, h in enumerate(hand):
            weights[h] = counts.get(h, 0) + (3 if i == 0 else 1)
            origins.setdefault(h, "wikidata" if counts.get(h) else "hand")
        return normalise(weights)
    per_word_hand = hand_words(hand)
    units = []
    for i, w in enumerate(words):
        h = per_word_hand[i] if i < len(per_word_hand) else []
        units.append((w, normalise(word_variants(wd, w, h, {}, stem_key=(i == 0)), keep_share=0.03,
                                   max_variants=6)))
    a_word, acc = units[0]
    for w, bv in units[1:]:
        if w.startswith("ال"):
            sun = w[2] in SUN_LETTERS
            acc = compose_abd(abd_forms, bv, sun) if a_word == "عبد" else compose_article(acc, bv, sun)
        else:
            acc = compose_plain(a_word, acc, bv)
        a_word = ""
    total = sum(acc.values())
    for h in hand[1:]:  # whole hand spellings (Abderrahmane) keep a small share
        if acc.get(h, 0) < 0.025 * total:
            acc[h] = 0.025 * total
            origins.setdefault(h, "hand")
    result = normalise(acc, keep_share=0.012, max_variants=16)
    for k in result:
        origins.setdefault(k, "composed")
    return result


# -------------------------------------------------------------------- main

def read_list(path):
    rows = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            arabic, latin = line.split("\t")
            rows.append((arabic.strip(), [s.strip() for s in latin.split("|") if s.strip()]))
    return rows


def zipf(rank, s):
    return max(1, round(1_000_000 / (rank + 1) ** s))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--wikidata", default=DEFAULT_WIKIDATA)
    ap.add_argument("--src", default=os.path.join(HERE, "synth-src"))
    ap.add_argument("--out", default=os.path.join(REPO, "data", "synth"))
    args = ap.parse_args()

    wd = load_wikidata(args.wikidata)
    abd_forms = learn_abd_forms(wd)
    male = read_list(os.path.join(args.src, "male_first.txt"))
    female = read_list(os.path.join(args.src, "female_first.txt"))
    family = read_list(os.path.join(args.src, "family_names.txt"))

    variants = {}  # arabic -> [(latin, weight, origin)]
    for arabic, hand in male + female + family:
        if arabic in variants:
            continue
        has_article = arabic.startswith("ال") and (arabic, hand) in family
        body = arabic[2:] if has_article else arabic
        origins = {}
        table = name_variants(wd, abd_forms, body, hand, origins)
        for h in hand[:1]:  # the canonical spelling is always present
            if h not in table:
                table[h] = max(20, min(table.values()) if table else 1000)
                origins[h] = "hand"
        variants[arabic] = sorted(((k, v, origins.get(k, "composed")) for k, v in table.items()),
                                  key=lambda r: (-r[1], r[0]))

    os.makedirs(args.out, exist_ok=True)
    with open(os.path.join(args.out, "first_names.tsv"), "w", encoding="utf-8") as f:
        f.write("arabic\tgender\tweight\tlatin\n")
        for gender, rows, s in (("m", male, 1.0), ("f", female, 1.0)):
            for rank, (arabic, hand) in enumerate(rows, start=1):
                f.write(f"{arabic}\t{gender}\t{zipf(rank, s)}\t{hand[0]}\n")
    with open(os.path.join(args.out, "family_names.tsv"), "w", encoding="utf-8") as f:
        f.write("arabic\tweight\tarticle\tlatin\n")
        for rank, (arabic, hand) in enumerate(family, start=1):
            article = 1 if arabic.startswith("ال") else 0
            f.write(f"{arabic}\t{zipf(rank, 0.8)}\t{article}\t{hand[0]}\n")
    with open(os.path.join(args.out, "latin_variants.tsv"), "w", encoding="utf-8") as f:
        f.write("arabic\tlatin\tweight\torigin\n")
        for arabic, rows in variants.items():
            for latin, weight, origin in rows:
                f.write(f"{arabic}\t{latin}\t{weight}\t{origin}\n")
    n_rows = sum(len(r) for r in variants.values())
    by_origin = collections.Counter(o for rows in variants.values() for _, _, o in rows)
    print(f"{len(variants)} names, {n_rows} spellings {dict(by_origin)}; عبد forms learned: {dict(abd_forms)}",
          file=sys.stderr)


if __name__ == "__main__":
    main()
