// Tests of the vocabulary loader and of the shipped vocabularies themselves:
// structural checks made independently of the parser, the golden anchors that
// pin each code's Arabic and English labels together, parse errors, lookups
// and per-installation overrides.
#include "domain/vocab.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "domain/reference_table.h"
#include "testing.h"
#include "util/embedded.h"

namespace sawt {
namespace {

using sawt::testing::TempDir;

Vocabularies embedded() {
  auto v = Vocabularies::load_embedded();
  if (!v) ADD_FAILURE() << v.error().describe();
  return v ? std::move(*v) : Vocabularies{};
}

std::vector<std::string> split(std::string_view text, char sep) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (true) {
    std::size_t at = text.find(sep, start);
    if (at == std::string_view::npos) {
      out.emplace_back(text.substr(start));
      return out;
    }
    out.emplace_back(text.substr(start, at - start));
    start = at + 1;
  }
}

std::string join(const std::vector<std::string>& parts, char sep) {
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) out += sep;
    out += parts[i];
  }
  return out;
}

// Byte-level checks, deliberately not sharing code with the parser: an Arabic
// letter (U+0621-063A, U+0641-064A) is D8 A1..BA or D9 81..8A in UTF-8; any
// character of the Arabic block U+0600-06FF starts with D8..DB.
bool has_arabic_letter_bytes(std::string_view s) {
  for (std::size_t i = 0; i + 1 < s.size(); ++i) {
    auto lead = static_cast<unsigned char>(s[i]), next = static_cast<unsigned char>(s[i + 1]);
    if (lead == 0xD8 && next >= 0xA1 && next <= 0xBA) return true;
    if (lead == 0xD9 && next >= 0x81 && next <= 0x8A) return true;
  }
  return false;
}
bool has_arabic_block_bytes(std::string_view s) {
  return std::any_of(s.begin(), s.end(), [](char c) {
    auto b = static_cast<unsigned char>(c);
    return b >= 0xD8 && b <= 0xDB;
  });
}
bool is_code(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
}
std::string ascii_lower(std::string s) {
  for (char& c : s) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return s;
}

std::vector<EmbeddedFile> embedded_vocab_files() {
  std::vector<EmbeddedFile> out;
  for (const auto& f : embedded_files()) {
    if (f.path.starts_with("vocab/") && f.path.ends_with(".tsv")) out.push_back(f);
  }
  return out;
}

// The embedded text of vocab/NAME.tsv.
std::string vocab_text(const std::string& name) {
  auto text = embedded_file("vocab/" + name + ".tsv");
  if (!text) ADD_FAILURE() << "no embedded vocab/" << name << ".tsv";
  return text ? std::string(*text) : std::string();
}

// ---------------------------------------------------------------------------
// The shipped vocabularies

TEST(Vocab, LoadsEveryEmbeddedList) {
  const Vocabularies v = embedded();
  const std::vector<std::string> expected = {
      "act_types",      "advocacy_actions", "allegations",       "authorities",     "case_statuses",
      "charges",        "condition_indicators", "condition_ratings", "consent_scopes", "courts",
      "document_kinds", "event_types",      "facility_types",    "genders",         "health_needs",
      "health_severities", "hearing_outcomes", "incident_types", "nationalities",   "person_statuses",
      "profile_flags",  "relationships",    "reliability",       "source_kinds",    "statements_signed",
      "torture_methods", "whereabouts"};
  EXPECT_EQ(v.names(), expected);
  EXPECT_EQ(embedded_vocab_files().size(), expected.size());
}

// Other modules, stored records and the early-warning rules use these codes:
// they must never disappear from the shipped lists.
TEST(Vocab, KeepsTheCodesOtherModulesUse) {
  const std::map<std::string, std::vector<std::string>> required = {
      {"source_kinds",
       {"family", "lawyer", "ngo_list", "official_document", "media", "detainee", "partner_share",
        "leaked_list", "other"}},
      {"reliability", {"1", "2", "3", "4", "5"}},
      {"incident_types", {"death_in_custody", "disease_outbreak", "hunger_strike", "violence", "denial_of_care"}},
      {"condition_indicators",
       {"overcrowding", "sanitation", "ventilation", "food", "water", "medical_access", "disease", "separation",
        "family_contact", "lawyer_contact"}},
      {"condition_ratings", {"critical", "poor", "adequate", "good", "not_observed"}},
      {"genders", {"m", "f"}},
      {"person_statuses",
       {"pretrial", "sentenced", "released", "transferred", "deported", "deceased", "disappeared",
        "unknown"}},
      {"case_statuses", {"investigation", "indictment", "trial", "verdict", "appeal", "final"}},
      {"courts",
       {"military_court", "military_cassation", "judicial_council", "criminal_court", "single_judge",
        "investigating_judge", "military_investigating_judge", "cassation"}},
      {"charges",
       {"pc_335", "law_1958_5_6", "weapons_72", "pc_314", "illegal_entry", "armed_group_membership",
        "attack_on_army", "financing_terrorism", "forged_documents"}},
      {"authorities",
       {"army_intelligence", "isf_information_branch", "general_security", "isf", "military_police",
        "state_security"}},
      {"allegations",
       {"torture", "forced_statement", "coerced_statement", "no_lawyer_interrogation", "no_interpreter",
        "no_medical_exam", "no_family_contact", "incommunicado"}},
      {"event_types",
       {"arrest", "transfer", "hearing", "verdict", "release", "handover", "deportation", "transfer_abroad",
        "death", "hunger_strike", "visit", "health_incident", "deportation_order", "extradition_request"}},
      {"consent_scopes",
       {"publish_name", "publish_anonymised", "un_submission", "share_partner", "transfer"}},
      {"facility_types",
       {"central_prison", "prison", "womens_prison", "military_detention", "retention_centre",
        "police_station", "juvenile"}},
      {"document_kinds",
       {"judgment", "indictment", "medical_report", "power_of_attorney", "consent_form", "photo", "letter",
        "other"}},
      {"hearing_outcomes", {"held", "postponed", "verdict", "no_show", "other"}},
      {"act_types",
       {"arrest", "detention", "disappearance", "torture", "denial_counsel", "denial_prompt_trial",
        "detention_conditions", "expulsion", "refoulement"}},
      {"statements_signed", {"forced_to_sign", "refused_to_sign", "voluntary", "unknown"}},
      {"whereabouts",
       {"acknowledged", "denied", "unknown", "contact_family_allowed", "contact_lawyer_allowed"}},
      {"nationalities", {"sy", "lb", "ps", "iq", "jo", "tr", "eg", "sa", "stateless"}},
      {"relationships",
       {"self", "mother", "father", "spouse", "sibling", "child", "other_relative", "lawyer"}},
  };
  const Vocabularies v = embedded();
  for (const auto& [name, codes] : required) {
    const Vocabulary* list = v.get(name);
    ASSERT_NE(list, nullptr) << name;
    for (const auto& code : codes) EXPECT_TRUE(list->contains(code)) << name << "/" << code;
  }
  EXPECT_GE(v.get("torture_methods")->size(), 15u);
  EXPECT_GE(v.get("nationalities")->size(), 20u);
}

// Checks every embedded vocabulary file line by line, without the parser, so
// that a parser bug cannot hide a broken file.
TEST(Vocab, EmbeddedFilesAreStructurallySound) {
  for (const auto& file : embedded_vocab_files()) {
    SCOPED_TRACE(std::string(file.path));
    const std::string_view text = file.contents;
    EXPECT_FALSE(text.starts_with("\xEF\xBB\xBF")) << "byte-order mark";
    EXPECT_TRUE(text.ends_with('\n')) << "no newline at the end";
    EXPECT_EQ(text.find('\r'), std::string_view::npos) << "CR line ends";

    std::vector<std::string> header;
    std::map<std::string, int> codes, ar_labels, en_labels;
    int line_no = 0;
    for (const std::string& line : split(text.substr(0, text.size() - 1), '\n')) {
      ++line_no;
      SCOPED_TRACE("line " + std::to_string(line_no));
      EXPECT_FALSE(line.ends_with(' ')) << "trailing space";
      if (line.starts_with('#')) continue;
      ASSERT_FALSE(line.empty()) << "blank line";
      const std::vector<std::string> fields = split(line, '\t');
      for (const auto& f : fields) EXPECT_TRUE(f.empty() || (f.front() != ' ' && f.back() != ' ')) << f;
      if (header.empty()) {
        header = fields;
        ASSERT_GE(header.size(), 3u);
        EXPECT_EQ(header[0], "code");
        EXPECT_EQ(header[1], "ar");
        EXPECT_EQ(header[2], "en");
        continue;
      }
      ASSERT_EQ(fields.size(), header.size()) << line;
      const std::string &code = fields[0], &ar = fields[1], &en = fields[2];
      EXPECT_TRUE(is_code(code)) << code;
      EXPECT_FALSE(ar.empty()) << code;
      EXPECT_FALSE(en.empty()) << code;
      EXPECT_TRUE(has_arabic_letter_bytes(ar)) << code << ": " << ar;
      EXPECT_FALSE(has_arabic_block_bytes(en)) << code << ": " << en;
      EXPECT_TRUE(codes.emplace(code, line_no).second) << "duplicate code " << code;
      EXPECT_TRUE(ar_labels.emplace(ar, line_no).second) << "duplicate ar label " << ar;
      EXPECT_TRUE(en_labels.emplace(ascii_lower(en), line_no).second) << "duplicate en label " << en;
    }
    EXPECT_FALSE(codes.empty());
  }
}

TEST(Vocab, LabelsMatchTheGoldenAnchors) {
  const Vocabularies v = embedded();
  const std::string anchors = sawt::testing::read_file(sawt::testing::data_path("vocab/anchors.tsv"));
  ASSERT_FALSE(anchors.empty());
  auto checked = verify_anchors(v, anchors, "tests/data/vocab/anchors.tsv");
  EXPECT_TRUE(checked) << checked.error().describe();
}

// A shift anywhere in a column moves the last row's label, and a swap moves
// the first's: each list must anchor its first and last rows and a few more.
TEST(Vocab, GoldenAnchorsCoverEveryList) {
  const Vocabularies v = embedded();
  auto table = parse_reference_table(sawt::testing::read_file(sawt::testing::data_path("vocab/anchors.tsv")),
                                     "anchors.tsv", {"vocab", "code", "ar", "en"});
  ASSERT_TRUE(table) << table.error().describe();
  std::map<std::string, std::set<std::string>> anchored;
  for (const auto& row : table->rows) {
    EXPECT_TRUE(anchored[row.fields[0]].insert(row.fields[1]).second)
        << "anchor listed twice: " << row.fields[0] << "/" << row.fields[1];
  }
  for (const auto& name : v.names()) {
    SCOPED_TRACE(name);
    const Vocabulary& list = *v.get(name);
    const auto& codes = anchored[name];
    EXPECT_TRUE(codes.contains(list.terms().front().code)) << "first row not anchored";
    EXPECT_TRUE(codes.contains(list.terms().back().code)) << "last row not anchored";
    EXPECT_GE(codes.size(), std::min<std::size_t>(4, list.size()));
  }
}

// The failure this format exists to prevent: the Arabic column shifted by one
// row. The rows still parse (every label is Arabic and unique), so only the
// golden anchors can tell.
TEST(Vocab, GoldenAnchorsCatchAShiftedArabicColumn) {
  std::vector<std::string> lines = split(vocab_text("charges"), '\n');
  std::vector<std::size_t> rows;
  bool seen_header = false;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (lines[i].empty() || lines[i].starts_with('#')) continue;
    if (!seen_header) {
      seen_header = true;
      continue;
    }
    rows.push_back(i);
  }
  ASSERT_GT(rows.size(), 3u);
  std::vector<std::vector<std::string>> fields;
  for (auto i : rows) fields.push_back(split(lines[i], '\t'));
  for (std::size_t r = 0; r < rows.size(); ++r) {
    auto shifted = fields[r];
    shifted[1] =
        fields[(r + rows.size() - 1) % rows.size()][1];  // each code gets the previous row's ar label
    lines[rows[r]] = join(shifted, '\t');
  }
  TempDir dir;
  sawt::testing::write_file(dir / "charges.tsv", join(lines, '\n'));

  auto shifted = Vocabularies::load(dir.path());
  ASSERT_TRUE(shifted) << shifted.error().describe();
  const std::string anchors = sawt::testing::read_file(sawt::testing::data_path("vocab/anchors.tsv"));
  auto checked = verify_anchors(*shifted, anchors, "anchors.tsv");
  ASSERT_FALSE(checked);
  EXPECT_EQ(checked.error().kind, ErrorKind::kIntegrity);
  EXPECT_NE(checked.error().message.find("charges/pc_335: ar is"), std::string::npos)
      << checked.error().message;
  EXPECT_NE(checked.error().message.find("expected 'جمعية أشرار'"), std::string::npos);
  EXPECT_EQ(checked.error().message.find("en is"), std::string::npos) << "only the ar column moved";
}

// A column shifted from the middle down repeats one label, which the parser
// rejects on its own.
TEST(Vocab, ShiftFromTheMiddleRepeatsALabelAndFailsToParse) {
  const std::string tsv =
      "code\tar\ten\n"
      "mother\tالأم\tMother\n"
      "father\tالأم\tFather\n"
      "spouse\tالأب\tSpouse\n";
  auto v = parse_vocabulary("relationships", tsv, "vocab/relationships.tsv");
  ASSERT_FALSE(v);
  EXPECT_EQ(v.error().where, "vocab/relationships.tsv:3");
  EXPECT_NE(v.error().message.find("is the same as the ar label of code 'mother' (line 2)"),
            std::string::npos)
      << v.error().message;
}

// ---------------------------------------------------------------------------
// Parsing

TEST(Vocab, ReportsADuplicateCodeWithBothLines) {
  const std::string tsv =
      "# Charges\n"
      "code\tar\ten\n"
      "pc_335\tجمعية أشرار\tCriminal association\n"
      "pc_314\tأعمال إرهابية\tTerrorist acts\n"
      "pc_335\tتهمة أخرى\tOther charge\n";
  auto v = parse_vocabulary("charges", tsv, "vocab/charges.tsv");
  ASSERT_FALSE(v);
  EXPECT_EQ(v.error().kind, ErrorKind::kBadInput);
  EXPECT_EQ(v.error().where, "vocab/charges.tsv:5");
  EXPECT_EQ(v.error().message, "code 'pc_335' appears twice (first at line 3)");
  EXPECT_FALSE(v.error().hint.empty());
}

TEST(Vocab, ReportsAMissingColumn) {
  auto v = parse_vocabulary("genders", "# comment\ncode\tar\tenglish\nm\tذكر\tMale\n", "vocab/genders.tsv");
  ASSERT_FALSE(v);
  EXPECT_EQ(v.error().where, "vocab/genders.tsv:2");
  EXPECT_EQ(v.error().message, "the header has no 'en' column");
  EXPECT_NE(v.error().hint.find("code<TAB>ar<TAB>en"), std::string::npos) << v.error().hint;
}

TEST(Vocab, RejectsMalformedRowsNamingTheLine) {
  struct Case {
    const char* tsv;
    const char* where;
    const char* message_part;
  };
  const Case cases[] = {
      {"code\tar\ten\nBad Code\tعربي\tEnglish\n", "t.tsv:2", "code 'Bad Code' is not valid"},
      {"code\tar\ten\na\t\tEnglish\n", "t.tsv:2", "has no Arabic (ar) label"},
      {"code\tar\ten\na\tعربي\t\n", "t.tsv:2", "has no English (en) label"},
      {"code\tar\ten\na\tTorture\tتعذيب\n", "t.tsv:2", "has no Arabic letter"},
      {"code\tar\ten\na\tتعذيب\tTorture تعذيب\n", "t.tsv:2", "contains Arabic letters"},
      {"code\tar\ten\na\tتعذيب \tTorture\n", "t.tsv:2", "starts or ends with a space"},
      {"code\tar\ten\na\tتعذيب\tTorture\textra\n", "t.tsv:2",
       "the row has 4 fields but the header (line 1) has 3"},
      {"code\tar\ten\na\tتعذيب\n", "t.tsv:2", "the row has 2 fields"},
      {"code\tar\ten\na\t\xD8\tTorture\n", "t.tsv:2", "not valid UTF-8"},
      {"code\tar\ten\na\tتعذيب\tTor\x01ture\n", "t.tsv:2", "control character"},
      {"code\tar\ten\tar\n", "t.tsv:1", "column 'ar' appears twice"},
      {"code\tar\ten\n", "t.tsv:1", "has no terms"},
      {"# nothing but a comment\n\n", "t.tsv", "no header row"},
      {"code\tar\ten\na\tأ\tOther\nb\tب\tother\n", "t.tsv:3",
       "the en label 'other' of code 'b' is the same as the en label of code 'a'"},
      {"code\tar\ten\nx\tسين\tX-ray\ny\tصاد\tX\n", "t.tsv:3",
       "the en label 'X' of code 'y' is the same as code 'x' (line 2)"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.tsv);
    auto v = parse_vocabulary("t", c.tsv, "t.tsv");
    ASSERT_FALSE(v);
    EXPECT_EQ(v.error().kind, ErrorKind::kBadInput);
    EXPECT_EQ(v.error().where, c.where);
    EXPECT_NE(v.error().message.find(c.message_part), std::string::npos) << v.error().message;
    EXPECT_FALSE(v.error().hint.empty());
  }
  EXPECT_FALSE(parse_vocabulary("Bad Name", "code\tar\ten\na\tأ\tA\n", "x"));
}

TEST(Vocab, AcceptsWhatEditorsWrite) {
  // A byte-order mark, CRLF line ends, comments, blank lines and a further column.
  const std::string tsv =
      "\xEF\xBB\xBF# exported from a spreadsheet\r\n"
      "\r\n"
      "code\tar\ten\tgroup\r\n"
      "m\tذكر\tMale\t\r\n"
      "# a comment between rows\r\n"
      "f\tأنثى\tFemale\tx\r\n";
  auto v = parse_vocabulary("genders", tsv, "genders.tsv");
  ASSERT_TRUE(v) << v.error().describe();
  ASSERT_EQ(v->size(), 2u);
  EXPECT_EQ(v->terms()[0].line, 4);
  EXPECT_EQ(v->terms()[1].line, 6);
  EXPECT_EQ(v->terms()[1].ar, "أنثى");
  EXPECT_EQ(v->terms()[1].en, "Female");
  EXPECT_EQ(v->extra_columns(), std::vector<std::string>{"group"});
  EXPECT_EQ(v->terms()[0].extra.at("group"), "");
  EXPECT_EQ(v->terms()[1].extra.at("group"), "x");
}

TEST(Vocab, AcceptsColumnsInAnyOrder) {
  auto v = parse_vocabulary("genders", "en\tcode\tar\nMale\tm\tذكر\n", "genders.tsv");
  ASSERT_TRUE(v) << v.error().describe();
  EXPECT_EQ(v->label("m", "ar"), "ذكر");
  EXPECT_EQ(v->label("m", "en"), "Male");
}

// ---------------------------------------------------------------------------
// Lookups

TEST(Vocab, FindsTermsAndLabelsByCode) {
  const Vocabularies v = embedded();
  const Vocabulary& charges = *v.get("charges");
  const Term* t = charges.find("pc_335");
  ASSERT_NE(t, nullptr);
  EXPECT_EQ(t->ar, "جمعية أشرار");
  EXPECT_EQ(t->en, "Criminal association");
  EXPECT_EQ(t->extra.at("legal_ref"), "Penal Code art. 335");
  EXPECT_GT(t->line, 1);
  EXPECT_EQ(charges.find("PC_335"), nullptr) << "find() is exact";
  EXPECT_EQ(charges.label("pc_314", "ar"), "أعمال إرهابية");
  EXPECT_EQ(charges.label("pc_314", "en"), "Terrorist acts");
  EXPECT_EQ(charges.label("pc_314", "fr"), "Terrorist acts") << "English is the fallback language";
  EXPECT_EQ(charges.label("no_such_charge", "ar"), "no_such_charge");
  EXPECT_EQ(charges.origin(), "vocab/charges.tsv");
  EXPECT_EQ(charges.name(), "charges");
}

TEST(Vocab, LooksUpLabelsAsPeopleTypeThem) {
  const Vocabularies v = embedded();
  const Vocabulary& courts = *v.get("courts");
  auto code_of = [](const Term* t) { return t == nullptr ? std::string("<none>") : t->code; };
  EXPECT_EQ(code_of(courts.lookup_label("military_court")), "military_court");
  EXPECT_EQ(code_of(courts.lookup_label("MILITARY_COURT")), "military_court");
  EXPECT_EQ(code_of(courts.lookup_label("  permanent   military COURT ")), "military_court");
  EXPECT_EQ(code_of(courts.lookup_label("المحكمة العسكرية الدائمة")), "military_court");
  EXPECT_EQ(code_of(courts.lookup_label("محكمة الاحداث")), "juvenile_court") << "hamza seat omitted";
  EXPECT_EQ(code_of(courts.lookup_label("المَجلِس العدلي")), "judicial_council") << "diacritics";
  EXPECT_EQ(code_of(courts.lookup_label("military")), "<none>") << "no partial matches";
  EXPECT_EQ(code_of(courts.lookup_label("")), "<none>");
  EXPECT_EQ(code_of(v.get("reliability")->lookup_label("٣")), "3") << "Arabic-Indic digit";
  EXPECT_EQ(code_of(v.get("reliability")->lookup_label("موثوق تماما")), "5") << "tanween omitted";
  EXPECT_EQ(code_of(v.get("genders")->lookup_label("انثى")), "f");
}

TEST(Vocab, ValidateCodeExplainsWhatIsValid) {
  const Vocabularies v = embedded();
  EXPECT_TRUE(v.validate_code("courts", "military_court", "line 4, court"));

  auto unknown = v.validate_code("courts", "tribunal", "line 4, court");
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().kind, ErrorKind::kBadInput);
  EXPECT_EQ(unknown.error().where, "line 4, court");
  EXPECT_EQ(unknown.error().message, "'tribunal' is not a code of vocabulary 'courts'");
  EXPECT_NE(unknown.error().hint.find("military_court, military_cassation"), std::string::npos)
      << unknown.error().hint;
  EXPECT_NE(unknown.error().hint.find("vocab/courts.tsv"), std::string::npos);

  auto label = v.validate_code("courts", "Permanent Military Court", "x");
  ASSERT_FALSE(label);
  EXPECT_NE(label.error().hint.find("did you mean 'military_court'"), std::string::npos)
      << label.error().hint;

  auto empty = v.validate_code("genders", "", "x");
  ASSERT_FALSE(empty);
  EXPECT_EQ(empty.error().kind, ErrorKind::kBadInput);

  auto no_list = v.validate_code("planets", "mars", "x");
  ASSERT_FALSE(no_list);
  EXPECT_EQ(no_list.error().kind, ErrorKind::kNotFound);
  EXPECT_NE(no_list.error().hint.find("courts"), std::string::npos);
}

TEST(Vocab, RequireNamesTheKnownLists) {
  const Vocabularies v = embedded();
  auto courts = v.require("courts");
  ASSERT_TRUE(courts);
  EXPECT_EQ(courts->get().name(), "courts");
  EXPECT_EQ(v.get("planets"), nullptr);
  auto missing = v.require("planets");
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().kind, ErrorKind::kNotFound);
  EXPECT_NE(missing.error().hint.find("act_types"), std::string::npos);
}

// ---------------------------------------------------------------------------
// Overrides

TEST(Vocab, OverrideReplacesOneList) {
  TempDir dir;
  std::string courts = vocab_text("courts");
  const std::string old_row = "military_court\tالمحكمة العسكرية الدائمة\tPermanent Military Court\tmilitary";
  ASSERT_NE(courts.find(old_row), std::string::npos);
  courts.replace(courts.find(old_row), old_row.size(),
                 "military_court\tالمحكمة العسكرية\tMilitary Court\tmilitary");
  courts += "special_tribunal\tالمحكمة الخاصة\tSpecial tribunal\texceptional\n";
  sawt::testing::write_file(dir / "courts.tsv", courts);
  sawt::testing::write_file(dir / "README.txt", "not a vocabulary");
  sawt::testing::write_file(dir / ".~lock.courts.tsv#", "editor lock file");
  sawt::testing::write_file(dir / ".hidden.tsv", "code\n");

  auto v = Vocabularies::load(dir.path());
  ASSERT_TRUE(v) << v.error().describe();
  const Vocabulary& replaced = *v->get("courts");
  EXPECT_EQ(replaced.origin(), (dir / "courts.tsv").string());
  EXPECT_EQ(replaced.label("military_court", "en"), "Military Court");
  EXPECT_EQ(replaced.label("military_court", "ar"), "المحكمة العسكرية");
  EXPECT_TRUE(replaced.contains("special_tribunal"));
  EXPECT_EQ(replaced.size(), embedded().get("courts")->size() + 1);
  EXPECT_EQ(v->get("charges")->origin(), "vocab/charges.tsv") << "other lists stay embedded";
  EXPECT_EQ(v->names(), embedded().names());
}

TEST(Vocab, OverrideMayNotDropABuiltInCode) {
  TempDir dir;
  sawt::testing::write_file(dir / "genders.tsv", "code\tar\ten\nm\tذكر\tMale\n");
  auto v = Vocabularies::load(dir.path());
  ASSERT_FALSE(v);
  EXPECT_EQ(v.error().kind, ErrorKind::kBadInput);
  EXPECT_EQ(v.error().where, (dir / "genders.tsv").string());
  EXPECT_NE(v.error().message.find("built-in code 'f'"), std::string::npos) << v.error().message;
}

TEST(Vocab, OverrideErrorsNameTheFileAndLine) {
  TempDir dir;
  sawt::testing::write_file(dir / "genders.tsv", "code\tar\ten\nm\tذكر\tMale\nm\tأنثى\tFemale\n");
  auto v = Vocabularies::load(dir.path());
  ASSERT_FALSE(v);
  EXPECT_EQ(v.error().where, (dir / "genders.tsv").string() + ":3");
  EXPECT_EQ(v.error().message, "code 'm' appears twice (first at line 2)");
}

TEST(Vocab, OverrideNamedAfterNoListIsRejected) {
  TempDir dir;
  sawt::testing::write_file(dir / "court.tsv", "code\tar\ten\nx\tس\tX\n");
  auto v = Vocabularies::load(dir.path());
  ASSERT_FALSE(v);
  EXPECT_NE(v.error().message.find("'court.tsv' does not replace any built-in vocabulary"),
            std::string::npos);
  EXPECT_NE(v.error().hint.find("courts"), std::string::npos);
}

TEST(Vocab, MissingOverrideFolderMeansNoOverrides) {
  TempDir dir;
  auto v = Vocabularies::load(dir / "no-such-folder");
  ASSERT_TRUE(v) << v.error().describe();
  EXPECT_EQ(v->names(), embedded().names());

  sawt::testing::write_file(dir / "a-file", "x");
  auto not_a_folder = Vocabularies::load(dir / "a-file");
  ASSERT_FALSE(not_a_folder);
  EXPECT_EQ(not_a_folder.error().kind, ErrorKind::kBadInput);
}

}  // namespace
}  // namespace sawt
