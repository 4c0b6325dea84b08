#include "protection/risk.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <map>
#include <utility>

#include "protection/json_doc.h"
#include "protection/labels.h"
#include "protection/sentence.h"
#include "util/embedded.h"
#include "util/strings.h"

namespace sawt::protection {

namespace chr = std::chrono;
using detail::JsonDoc;
using detail::Obj;

namespace {

constexpr std::array<std::pair<Detector, std::string_view>, 9> kDetectors{{
    {Detector::kSentenceEndsWithin, "sentence_ends_within"},
    {Detector::kHeldPastSentenceEnd, "held_past_sentence_end"},
    {Detector::kEvent, "event"},
    {Detector::kExtraditionWithoutConsent, "extradition_without_consent"},
    {Detector::kPretrialBeyondLimit, "pretrial_beyond_limit"},
    {Detector::kNoLawyer, "no_lawyer"},
    {Detector::kAllegation, "allegation"},
    {Detector::kProfileFlag, "profile_flag"},
    {Detector::kNoTransferConsent, "no_transfer_consent"},
}};

std::optional<RiskLevel> parse_level(std::string_view s) {
  for (auto level : {RiskLevel::kLow, RiskLevel::kMedium, RiskLevel::kHigh, RiskLevel::kCritical}) {
    if (risk_level_name(level) == s) return level;
  }
  return std::nullopt;
}

bool overlaps(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  if (a.empty() || b.empty()) return a.empty() && b.empty();
  return std::any_of(a.begin(), a.end(),
                     [&](const std::string& x) { return std::find(b.begin(), b.end(), x) != b.end(); });
}

}  // namespace

std::string_view risk_level_name(RiskLevel level) {
  switch (level) {
    case RiskLevel::kLow:
      return "low";
    case RiskLevel::kMedium:
      return "medium";
    case RiskLevel::kHigh:
      return "high";
    case RiskLevel::kCritical:
      return "critical";
  }
  return "low";
}

std::string_view risk_level_ar(RiskLevel level) {
  switch (level) {
    case RiskLevel::kLow:
      return "منخفض";
    case RiskLevel::kMedium:
      return "متوسط";
    case RiskLevel::kHigh:
      return "مرتفع";
    case RiskLevel::kCritical:
      return "حرج";
  }
  return "منخفض";
}

std::string_view detector_name(Detector detector) {
  for (const auto& [d, name] : kDetectors) {
    if (d == detector) return name;
  }
  return "";
}

std::vector<const RiskRule*> RiskRules::for_destination(std::string_view destination) const {
  std::vector<const RiskRule*> out;
  std::map<std::string, std::size_t, std::less<>> slot;  // id -> index in out
  for (const RiskRule& r : rules) {
    const bool general = r.destinations.empty();
    const bool specific =
        std::find(r.destinations.begin(), r.destinations.end(), destination) != r.destinations.end();
    if (!general && !specific) continue;
    auto it = slot.find(r.id);
    if (it == slot.end()) {
      slot.emplace(r.id, out.size());
      out.push_back(&r);
    } else if (specific) {
      out[it->second] = &r;  // the destination's own rule replaces the general one
    }
  }
  return out;
}

Result<RiskRules> parse_risk_rules(std::string_view json, std::string_view origin) {
  const JsonDoc doc = SAWT_TRY(JsonDoc::parse(json, origin));
  Obj top = SAWT_TRY(Obj::at(doc, doc.root(), ""));
  RiskRules out;
  out.origin = std::string(origin);
  out.version = SAWT_TRY(top.string("version"));
  {
    Obj levels = SAWT_TRY(top.object("levels"));
    out.medium_score = static_cast<int>(SAWT_TRY(levels.integer("medium", 1, 10000)));
    out.high_score = static_cast<int>(SAWT_TRY(levels.integer("high", 1, 10000)));
    out.critical_score = static_cast<int>(SAWT_TRY(levels.integer("critical", 1, 10000)));
    if (out.high_score < out.medium_score) {
      return std::unexpected(levels.error("high", "must not be below the medium threshold"));
    }
    if (out.critical_score < out.high_score) {
      return std::unexpected(levels.error("critical", "must not be below the high threshold"));
    }
    SAWT_CHECK(levels.finish());
  }
  for (Obj& r : SAWT_TRY(top.objects("rules", true))) {
    RiskRule rule;
    rule.line = doc.line_of(r.pointer());
    rule.id = SAWT_TRY(r.string("id"));
    if (!detail::is_code(rule.id)) {
      return std::unexpected(
          r.error("id", fmt::format("'{}' is not a code", rule.id), "use lower-case letters, digits and _"));
    }
    const std::string detector = SAWT_TRY(r.string("detector"));
    const auto found = std::find_if(kDetectors.begin(), kDetectors.end(),
                                    [&](const auto& d) { return d.second == detector; });
    if (found == kDetectors.end()) {
      std::vector<std::string> names;
      for (const auto& d : kDetectors) names.emplace_back(d.second);
      return std::unexpected(r.error("detector", fmt::format("'{}' is not a known detector", detector),
                                     fmt::format("use one of: {}", join(names, ", "))));
    }
    rule.detector = found->first;
    rule.weight = static_cast<int>(SAWT_TRY(r.integer("weight", 0, 100)));
    const std::string level = SAWT_TRY(r.string("level"));
    const auto parsed_level = parse_level(level);
    if (!parsed_level) {
      return std::unexpected(
          r.error("level", fmt::format("'{}' is not a level", level), "use low, medium, high or critical"));
    }
    rule.level = *parsed_level;
    rule.destinations = SAWT_TRY(r.strings("destinations", false));
    for (const auto& d : rule.destinations) {
      if (!detail::is_code(d)) {
        return std::unexpected(
            r.error("destinations", fmt::format("'{}' is not a country code", d), "e.g. \"sy\""));
      }
    }
    rule.label_en = SAWT_TRY(r.string("label_en"));
    rule.label_ar = SAWT_TRY(r.string("label_ar"));
    switch (rule.detector) {
      case Detector::kSentenceEndsWithin: {
        auto days = SAWT_TRY(r.optional_integer("days", 1, 3650));
        if (days) rule.days = static_cast<int>(*days);
        break;
      }
      case Detector::kEvent: {
        rule.codes = SAWT_TRY(r.strings("event_types", true));
        if (rule.codes.empty())
          return std::unexpected(r.error("event_types", "must list at least one event type"));
        auto days = SAWT_TRY(r.optional_integer("days", 1, 3650));
        if (days) rule.days = static_cast<int>(*days);
        break;
      }
      case Detector::kAllegation:
        rule.codes = SAWT_TRY(r.strings("allegations", true));
        if (rule.codes.empty())
          return std::unexpected(r.error("allegations", "must list at least one allegation"));
        break;
      case Detector::kProfileFlag:
        rule.flag = SAWT_TRY(r.string("flag"));
        if (!detail::is_code(rule.flag))
          return std::unexpected(r.error("flag", fmt::format("'{}' is not a code", rule.flag)));
        break;
      default:
        break;
    }
    SAWT_CHECK(r.finish());
    for (const RiskRule& earlier : out.rules) {
      if (earlier.id == rule.id && overlaps(earlier.destinations, rule.destinations)) {
        return std::unexpected(
            doc.error_at(r.child("id"),
                         fmt::format("rule '{}' is defined twice for the same destinations (first at "
                                     "line {})",
                                     rule.id, earlier.line),
                         "give one of them other \"destinations\" or another id"));
      }
    }
    out.rules.push_back(std::move(rule));
  }
  SAWT_CHECK(top.finish());
  return out;
}

Result<RiskRules> load_embedded_risk_rules(std::string_view path) {
  const auto text = embedded_file(path);
  if (!text) {
    return fail(ErrorKind::kNotFound, fmt::format("no risk rules file '{}' is built in", path),
                std::string(path), "the built-in risk rules are rules/risk.json");
  }
  return parse_risk_rules(*text, path);
}

Status check_codes(const RiskRules& rules, const Vocabularies& vocabularies) {
  const auto check = [&](std::string_view vocab, const std::string& code, const RiskRule& r) -> Status {
    const Vocabulary* list = vocabularies.get(vocab);
    if (list != nullptr && list->contains(code)) return {};
    return fail(ErrorKind::kBadInput,
                fmt::format("rule '{}': '{}' is not a code of the {} vocabulary", r.id, code, vocab),
                fmt::format("{}:{}", rules.origin, r.line),
                fmt::format("add it to vocab/{}.tsv or correct the code", vocab));
  };
  for (const RiskRule& r : rules.rules) {
    for (const auto& d : r.destinations) SAWT_CHECK(check("nationalities", d, r));
    if (r.detector == Detector::kEvent) {
      for (const auto& c : r.codes) SAWT_CHECK(check("event_types", c, r));
    }
    if (r.detector == Detector::kAllegation) {
      for (const auto& c : r.codes) SAWT_CHECK(check("allegations", c, r));
    }
  }
  return {};
}

namespace {

// What the detectors share about one person.
struct Facts {
  const CaseView& view;
  std::string destination;
  chr::sys_days today;
  const Rules& rules;
  SentenceSummary sentence;
  std::vector<PretrialCheck> pretrial;
  const ConsentRecord* transfer_consent;
};

std::string days_word(std::int64_t n) { return n == 1 ? "1 day" : fmt::format("{} days", n); }

std::optional<Reason> detect(const RiskRule& rule, const Facts& f) {
  const std::string& le = rule.label_en;
  const std::string& la = rule.label_ar;
  switch (rule.detector) {
    case Detector::kSentenceEndsWithin: {
      if (!f.sentence.detention.held || !f.sentence.expected_release) return std::nullopt;
      const DateRange& end = *f.sentence.expected_release;
      const int horizon = rule.days.value_or(f.rules.sentence_ends_soon_days);
      const std::int64_t to_earliest = (end.earliest - f.today).count();
      if (end.latest < f.today || to_earliest > horizon) return std::nullopt;
      if (to_earliest < 0) {
        return Reason{rule.id, fmt::format("{} {}: it may already have ended", le, end.to_string()),
                      fmt::format("{} {}: قد تكون انتهت بالفعل", la, end.to_string_ar())};
      }
      return Reason{rule.id, fmt::format("{} {} ({})", le, end.to_string(), days_word(to_earliest)),
                    fmt::format("{} {} (بعد {} يوماً)", la, end.to_string_ar(), to_earliest)};
    }
    case Detector::kHeldPastSentenceEnd: {
      if (!f.sentence.detention.held || !f.sentence.expected_release) return std::nullopt;
      const DateRange& end = *f.sentence.expected_release;
      if (end.latest >= f.today) return std::nullopt;
      const std::int64_t ago = (f.today - end.latest).count();
      return Reason{rule.id,
                    fmt::format("{}: the sentence ended {} ({} ago)", le, end.to_string(), days_word(ago)),
                    fmt::format("{}: انتهت العقوبة {} (منذ {} يوماً)", la, end.to_string_ar(), ago)};
    }
    case Detector::kEvent: {
      const Event* latest = nullptr;
      for (const Event& e : f.view.events) {
        if (std::find(rule.codes.begin(), rule.codes.end(), e.type) == rule.codes.end()) continue;
        if (rule.days) {
          if (e.date.empty()) continue;
          if (e.date.latest() < f.today - chr::days{*rule.days} || e.date.earliest() > f.today) continue;
        }
        if (latest == nullptr || latest->date.empty() ||
            (!e.date.empty() && latest->date.latest() <= e.date.latest())) {
          latest = &e;
        }
      }
      if (latest == nullptr) return std::nullopt;
      const std::string when =
          latest->date.empty() ? std::string("date not recorded") : DateRange::of(latest->date).to_string();
      const std::string when_ar =
          latest->date.empty() ? std::string("تاريخ غير مسجل") : DateRange::of(latest->date).to_string_ar();
      if (rule.days) {
        return Reason{rule.id, fmt::format("{} on {} (within the last {})", le, when, days_word(*rule.days)),
                      fmt::format("{} بتاريخ {} (خلال آخر {} يوماً)", la, when_ar, *rule.days)};
      }
      return Reason{rule.id, fmt::format("{} recorded ({})", le, when),
                    fmt::format("{} مسجل ({})", la, when_ar)};
    }
    case Detector::kExtraditionWithoutConsent: {
      const Event* request = nullptr;
      for (const Event& e : f.view.events) {
        if (e.type == "extradition_request") request = &e;
      }
      if (request == nullptr) return std::nullopt;
      if (f.transfer_consent != nullptr && f.transfer_consent->decision == Consent::kGranted)
        return std::nullopt;
      const std::string when =
          request->date.empty() ? std::string("date not recorded") : request->date.to_string();
      const std::string when_ar =
          request->date.empty() ? std::string("تاريخ غير مسجل") : request->date.to_string();
      return Reason{rule.id, fmt::format("{} ({}) without consent to transfer", le, when),
                    fmt::format("{} ({}) دون موافقة على النقل", la, when_ar)};
    }
    case Detector::kPretrialBeyondLimit: {
      for (const PretrialCheck& p : f.pretrial) {
        if (p.ongoing && p.status == PretrialStatus::kExceeded) {
          return Reason{rule.id, fmt::format("{}: {}", le, p.explanation.en),
                        fmt::format("{}: {}", la, p.explanation.ar)};
        }
      }
      return std::nullopt;
    }
    case Detector::kNoLawyer: {
      const bool any = std::any_of(f.view.cases.begin(), f.view.cases.end(),
                                   [](const CaseFile& c) { return !trim(c.lawyer).empty(); });
      if (any) return std::nullopt;
      return Reason{rule.id, le, la};
    }
    case Detector::kAllegation: {
      std::vector<std::string> found;
      for (const CaseFile& c : f.view.cases) {
        for (const std::string& a : c.allegations) {
          if (std::find(rule.codes.begin(), rule.codes.end(), a) != rule.codes.end() &&
              std::find(found.begin(), found.end(), a) == found.end()) {
            found.push_back(a);
          }
        }
      }
      if (found.empty()) return std::nullopt;
      return Reason{rule.id, fmt::format("{}: {}", le, code_labels("allegations", found, "en")),
                    fmt::format("{}: {}", la, code_labels("allegations", found, "ar"))};
    }
    case Detector::kProfileFlag: {
      for (const ProfileFlag& flag : f.view.profile_flags) {
        if (flag.code != rule.flag) continue;
        if (!flag.destination.empty() && flag.destination != f.destination) continue;
        const std::string note = flag.note.empty() ? "" : fmt::format(" ({})", flag.note);
        return Reason{rule.id, le + note, la + note};
      }
      return std::nullopt;
    }
    case Detector::kNoTransferConsent: {
      if (f.transfer_consent != nullptr && f.transfer_consent->decision == Consent::kGranted)
        return std::nullopt;
      if (f.transfer_consent != nullptr && f.transfer_consent->decision == Consent::kRefused) {
        return Reason{rule.id, fmt::format("{}: transfer refused", le), fmt::format("{}: رفض النقل", la)};
      }
      return Reason{rule.id, le, la};
    }
  }
  return std::nullopt;
}

}  // namespace

RiskAssessment assess_risk(const CaseView& view, std::string_view destination, const Rules& rules,
                           const RiskRules& risk_rules, chr::sys_days today) {
  RiskAssessment out;
  out.destination = destination.empty() ? view.person.nationality : std::string(destination);
  out.rules_version = risk_rules.version;
  Facts facts{view,
              out.destination,
              today,
              rules,
              assess_sentence(view, rules, today),
              assess_pretrial(view, rules, today),
              consent_in_force(view, "transfer")};

  const auto applicable = risk_rules.for_destination(out.destination);
  for (const RiskRule* rule : applicable) {
    if (auto reason = detect(*rule, facts)) {
      out.factors.push_back({rule->id, rule->weight, rule->level, std::move(*reason)});
    }
  }
  // What kept checks from running.
  for (const Reason& note : facts.sentence.detention.notes) out.gaps.push_back(note);
  for (const SentenceCalc& s : facts.sentence.sentences) {
    for (const Reason& note : s.notes) {
      if (note.code == "no_sentence_start") out.gaps.push_back(note);
    }
  }
  if (out.destination.empty()) {
    out.gaps.push_back({"no_destination",
                        "no destination given and no nationality recorded: destination-specific "
                        "rules and flags were not applied",
                        "لم تُحدَّد وجهة ولا توجد جنسية مسجلة: لم تُطبَّق القواعد والمؤشرات الخاصة بالوجهة"});
  }

  std::stable_sort(out.factors.begin(), out.factors.end(),
                   [](const RiskFactor& a, const RiskFactor& b) { return a.weight > b.weight; });
  RiskLevel level = RiskLevel::kLow;
  for (const RiskFactor& f : out.factors) {
    out.score += f.weight;
    level = std::max(level, f.level);
  }
  if (out.score >= risk_rules.critical_score)
    level = std::max(level, RiskLevel::kCritical);
  else if (out.score >= risk_rules.high_score)
    level = std::max(level, RiskLevel::kHigh);
  else if (out.score >= risk_rules.medium_score)
    level = std::max(level, RiskLevel::kMedium);
  out.level = level;

  const std::string name(risk_level_name(level));
  const std::string name_ar(risk_level_ar(level));
  if (out.factors.empty()) {
    const std::string dest = out.destination.empty() ? std::string("any destination") : out.destination;
    const std::string dest_ar = out.destination.empty() ? std::string("أي وجهة") : out.destination;
    out.explanation = {name,
                       fmt::format("{}: none of the {} risk factors checked for {} was found", name,
                                   applicable.size(), dest),
                       fmt::format("{}: لم يُعثر على أي من عوامل الخطر الـ{} التي فُحصت للوجهة {}", name_ar,
                                   applicable.size(), dest_ar)};
  } else {
    std::vector<Reason> reasons;
    for (const RiskFactor& f : out.factors) reasons.push_back(f.reason);
    out.explanation = {name, fmt::format("{} because: {}", name, join_en(reasons)),
                       fmt::format("{} بسبب: {}", name_ar, join_ar(reasons))};
  }
  return out;
}

}  // namespace sawt::protection
