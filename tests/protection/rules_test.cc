// The rule files as data: the shipped files parse and name only known codes;
// a mistake in a file gives an error naming the file, the line and the
// problem; a reload that fails keeps the rules in force.
#include "protection/rules.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include <fmt/format.h>

#include "builders.h"
#include "util/embedded.h"

namespace sawt::protection {
namespace {

std::string shipped(std::string_view path) {
  auto text = embedded_file(path);
  if (!text) throw std::runtime_error("not embedded: " + std::string(path));
  return std::string(*text);
}

// The 1-based line of the first occurrence of NEEDLE in TEXT.
int line_of(const std::string& text, const std::string& needle) {
  const auto at = text.find(needle);
  if (at == std::string::npos) throw std::runtime_error("not in text: " + needle);
  return 1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(at), '\n'));
}

std::string replaced(std::string text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  if (at == std::string::npos) throw std::runtime_error("not in text: " + from);
  return text.replace(at, from.size(), to);
}

Vocabularies vocabularies() {
  auto v = Vocabularies::load_embedded();
  if (!v) throw std::runtime_error(v.error().describe());
  return std::move(*v);
}

TEST(RulesShipped, LebanonRulesParseWithTheNumbersOfTheLaw) {
  const Rules r = test::lb_rules();
  EXPECT_EQ(r.version, "lb-2026.1");
  EXPECT_EQ(r.jurisdiction, "lb");
  EXPECT_EQ(r.origin, "rules/lb.json");
  EXPECT_EQ(r.prison_year_months, 9);
  EXPECT_TRUE(r.pretrial_credit);
  EXPECT_EQ(r.pretrial.misdemeanour.months, 2);
  EXPECT_EQ(r.pretrial.misdemeanour.renewals, 1);
  EXPECT_EQ(r.pretrial.felony.months, 6);
  EXPECT_EQ(r.pretrial.felony.max_months(), 12);
  EXPECT_EQ(r.appeal_window_days, 15);
  EXPECT_TRUE(r.appeal_window_verify);
  EXPECT_EQ(r.escalation_days, (std::array<int, 3>{90, 30, 7}));
  EXPECT_EQ(r.sentence_ends_soon_days, 90);
  EXPECT_NE(r.exemption({"pc_314"}), nullptr);
  EXPECT_EQ(r.exemption({"pc_335"}), nullptr);
}

TEST(RulesShipped, EveryCodeTheShippedFilesNameIsInTheVocabularies) {
  const Vocabularies v = vocabularies();
  auto rules = check_codes(test::lb_rules(), v);
  EXPECT_TRUE(rules) << rules.error().describe();
  auto agreement = check_codes(test::lb_sy_agreement(), v);
  EXPECT_TRUE(agreement) << agreement.error().describe();
  auto risk = check_codes(test::risk_rules(), v);
  EXPECT_TRUE(risk) << risk.error().describe();
}

TEST(RulesShipped, UnknownCodesAreReportedAgainstTheFile) {
  Rules r = test::lb_rules();
  r.pretrial.exempt_charges.push_back({"no_such_charge", "", ""});
  auto s = check_codes(r, vocabularies());
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().where, "rules/lb.json");
  EXPECT_NE(s.error().message.find("no_such_charge"), std::string::npos);
}

TEST(RulesErrors, SyntaxErrorNamesFileLineAndColumn) {
  const std::string text = replaced(shipped("rules/lb.json"), "\"jurisdiction\": \"lb\",", "\"jurisdiction\": \"lb\"");
  auto r = parse_rules(text, "mine/lb.json");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().kind, ErrorKind::kBadInput);
  // The missing comma is noticed at the next key, on the following line; the
  // column is where the parser stopped: the end of that key.
  const int line = line_of(text, "\"note\": \"Lebanon.");
  EXPECT_EQ(r.error().where, fmt::format("mine/lb.json:{}:8", line));
  EXPECT_NE(r.error().message.find("expected '}'"), std::string::npos) << r.error().message;
  EXPECT_NE(r.error().message.find("not valid JSON"), std::string::npos) << r.error().message;
  EXPECT_EQ(r.error().message.find("json.exception"), std::string::npos) << "library jargon leaks: " << r.error().message;
  EXPECT_FALSE(r.error().hint.empty());
}

TEST(RulesErrors, EmptyAndTruncatedFilesFail) {
  auto empty = parse_rules("", "e.json");
  ASSERT_FALSE(empty);
  EXPECT_EQ(empty.error().where.rfind("e.json:1:", 0), 0U) << empty.error().where;
  const std::string text = shipped("rules/lb.json");
  auto cut = parse_rules(text.substr(0, text.size() / 2), "cut.json");
  ASSERT_FALSE(cut);
  EXPECT_EQ(cut.error().where.rfind("cut.json:", 0), 0U);
}

TEST(RulesErrors, WrongTypeNamesTheLineOfTheKey) {
  const std::string text = replaced(shipped("rules/lb.json"), "\"felony\": { \"months\": 6,", "\"felony\": { \"months\": \"six\",");
  auto r = parse_rules(text, "rules/lb.json");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().where, fmt::format("rules/lb.json:{}", line_of(text, "\"six\"")));
  EXPECT_EQ(r.error().message, "pretrial/felony/months: expected a whole number, found a text");
}

TEST(RulesErrors, OutOfRangeValueIsRejectedWithTheRange) {
  const std::string text = replaced(shipped("rules/lb.json"), "\"months\": 9,", "\"months\": 14,");
  auto r = parse_rules(text, "rules/lb.json");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().where, fmt::format("rules/lb.json:{}", line_of(text, "\"months\": 14")));
  EXPECT_EQ(r.error().message, "prison_year/months: 14 is out of range");
  EXPECT_EQ(r.error().hint, "use 1 to 12");
}

TEST(RulesErrors, MisspelledKeyIsNotIgnored) {
  const std::string text = replaced(shipped("rules/lb.json"), "\"escalation_days\"", "\"escalaton_days\"");
  auto r = parse_rules(text, "rules/lb.json");
  ASSERT_FALSE(r);
  // The required key is missing, but the error points at the misspelling.
  EXPECT_EQ(r.error().where, fmt::format("rules/lb.json:{}", line_of(text, "\"escalaton_days\"")));
  EXPECT_EQ(r.error().message, "alerts/escalaton_days: is not a known field here");
  EXPECT_EQ(r.error().hint, "did you mean \"escalation_days\"?");

  const std::string gone = replaced(shipped("rules/lb.json"), "\"escalation_days\": [90, 30, 7],", "");
  auto g = parse_rules(gone, "rules/lb.json");
  ASSERT_FALSE(g);
  EXPECT_EQ(g.error().where, fmt::format("rules/lb.json:{}", line_of(gone, "\"alerts\"")));
  EXPECT_EQ(g.error().message, "alerts/escalation_days: is required");

  const std::string extra = replaced(shipped("rules/lb.json"), "\"sentence_ends_soon_days\": 90",
                                     "\"sentence_ends_soon_days\": 90,\n    \"sentence_end_soon\": 60");
  auto e = parse_rules(extra, "rules/lb.json");
  ASSERT_FALSE(e);
  EXPECT_EQ(e.error().where, fmt::format("rules/lb.json:{}", line_of(extra, "\"sentence_end_soon\"")));
  EXPECT_EQ(e.error().message, "alerts/sentence_end_soon: is not a known field here");
}

TEST(RulesErrors, MissingVersionIsReportedAtTheTop) {
  const std::string text = replaced(shipped("rules/lb.json"), "\"version\": \"lb-2026.1\",\n", "");
  auto r = parse_rules(text, "rules/lb.json");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().where, "rules/lb.json:1");
  EXPECT_EQ(r.error().message, "version: is required");
}

TEST(RulesErrors, DuplicateKeysAreRejected) {
  const std::string text = replaced(shipped("rules/lb.json"), "\"jurisdiction\": \"lb\",", "\"jurisdiction\": \"lb\",\n  \"jurisdiction\": \"sy\",");
  auto r = parse_rules(text, "rules/lb.json");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().where, fmt::format("rules/lb.json:{}", line_of(text, "\"jurisdiction\": \"sy\"")));
  EXPECT_NE(r.error().message.find("appears twice"), std::string::npos);
}

TEST(RulesErrors, EscalationStagesMustShrink) {
  const std::string text = replaced(shipped("rules/lb.json"), "[90, 30, 7]", "[90,\n 30,\n 45]");
  auto r = parse_rules(text, "rules/lb.json");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().where, fmt::format("rules/lb.json:{}", line_of(text, " 45]")));
  EXPECT_NE(r.error().message.find("alerts/escalation_days/2"), std::string::npos) << r.error().message;
}

TEST(RulesErrors, AChargeCannotBeBothClasses) {
  const std::string text = replaced(shipped("rules/lb.json"), "[\"illegal_entry\",", "[\"pc_335\", \"illegal_entry\",");
  auto r = parse_rules(text, "rules/lb.json");
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("'pc_335' is also listed as a misdemeanour"), std::string::npos) << r.error().message;
}

TEST(RulesErrors, ArrayElementsAreLocatedByLine) {
  const std::string text = replaced(shipped("rules/lb.json"), "{ \"code\": \"explosives\",", "{ \"code\": 7,");
  auto r = parse_rules(text, "rules/lb.json");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().where, fmt::format("rules/lb.json:{}", line_of(text, "{ \"code\": 7,")));
  EXPECT_EQ(r.error().message, "pretrial/exempt_charges/8/code: expected a text, found a number");
}

TEST(RulesReload, AFailedReloadKeepsTheRulesInForce) {
  auto set = RuleSet::load(shipped("rules/lb.json"), "rules/lb.json");
  ASSERT_TRUE(set) << set.error().describe();
  EXPECT_EQ(set->current().prison_year_months, 9);

  const std::string broken = replaced(shipped("rules/lb.json"), "\"months\": 9,", "\"months\": \"9\",");
  auto failed = set->reload(broken, "reference/rules/lb.json");
  ASSERT_FALSE(failed);
  EXPECT_EQ(failed.error().where.rfind("reference/rules/lb.json:", 0), 0U);
  EXPECT_EQ(set->current().prison_year_months, 9);
  EXPECT_EQ(set->current().origin, "rules/lb.json");

  const std::string changed = replaced(replaced(shipped("rules/lb.json"), "\"months\": 9,", "\"months\": 12,"),
                                       "\"lb-2026.1\"", "\"lb-2026.2\"");
  auto ok = set->reload(changed, "reference/rules/lb.json");
  ASSERT_TRUE(ok) << ok.error().describe();
  EXPECT_EQ(set->current().prison_year_months, 12);
  EXPECT_EQ(set->current().version, "lb-2026.2");
}

TEST(RulesReload, RiskAndAgreementFilesReloadTheSameWay) {
  auto risk = RiskRuleSet::load(shipped("rules/risk.json"), "rules/risk.json");
  ASSERT_TRUE(risk) << risk.error().describe();
  const std::string bad = replaced(shipped("rules/risk.json"), "\"detector\": \"no_lawyer\"", "\"detector\": \"no_lawyers\"");
  auto failed = risk->reload(bad, "rules/risk.json");
  ASSERT_FALSE(failed);
  EXPECT_EQ(failed.error().where, fmt::format("rules/risk.json:{}", line_of(bad, "\"no_lawyers\"")));
  EXPECT_NE(failed.error().message.find("'no_lawyers' is not a known detector"), std::string::npos);
  EXPECT_EQ(risk->current().version, "risk-2026.1");

  auto agreement = AgreementSet::load(shipped("agreements/lb-sy-2026.json"), "agreements/lb-sy-2026.json");
  ASSERT_TRUE(agreement) << agreement.error().describe();
  const std::string no_version = replaced(shipped("agreements/lb-sy-2026.json"), "\"version\": \"lb-sy-2026.1\",", "");
  EXPECT_FALSE(agreement->reload(no_version, "x.json"));
  EXPECT_EQ(agreement->current().min_prison_years, 10);
}

}  // namespace
}  // namespace sawt::protection
