#include "app/export.h"

#include <fmt/format.h>

#include <algorithm>
#include <numeric>

#include "app/anonymise.h"
#include "app/protection.h"
#include "domain/reference_table.h"
#include "io/csv.h"
#include "io/xlsx.h"
#include "protection/case_view.h"
#include "store/audit.h"
#include "util/clock.h"
#include "util/embedded.h"
#include "util/strings.h"

namespace sawt::app {

namespace {

constexpr const char* kUnknown = "unknown";

// Every person the export may consider: not merged, visible to `user` when given.
Result<std::vector<Person>> all_persons(store::Repository& repo, const User* user) {
  store::PersonFilter f;
  f.visible_to = user;
  f.limit = 100'000'000;
  return repo.list_persons(f);
}

bool granted(const protection::CaseView& view, std::string_view scope) {
  const auto* c = protection::consent_in_force(view, scope);
  return c != nullptr && c->decision == Consent::kGranted;
}

bool refused(const protection::CaseView& view, std::string_view scope) {
  const auto* c = protection::consent_in_force(view, scope);
  return c != nullptr && c->decision == Consent::kRefused;
}

bool has_allegation(const protection::CaseView& view, std::string_view code) {
  for (const auto& c : view.cases) {
    if (std::find(c.allegations.begin(), c.allegations.end(), code) != c.allegations.end()) return true;
  }
  return false;
}

// The persons a publication may consider at all, with their case views:
// never the confidential ones, never those whose publish_anonymised consent in
// force is refused (counted in `withheld` by reason). `considered` counts
// every (not merged) person.
Result<std::vector<protection::CaseView>> publishable(store::Repository& repo,
                                                      std::map<std::string, int>& withheld, int& considered) {
  std::vector<protection::CaseView> out;
  for (const auto& person : SAWT_TRY(all_persons(repo, nullptr))) {
    ++considered;
    if (person.confidential) {
      ++withheld["confidential"];
      continue;
    }
    auto view = SAWT_TRY(load_case_view(repo, person.id));
    if (refused(view, "publish_anonymised")) {
      ++withheld["refused_anonymised_publication"];
      continue;
    }
    out.push_back(std::move(view));
  }
  return out;
}

PartialDate first_arrest(const protection::CaseView& view) {
  PartialDate best;
  for (const auto& a : view.arrests) {
    if (!a.date.empty() && (best.empty() || a.date.earliest() < best.earliest())) best = a.date;
  }
  return best;
}

// "1985-1989" for a band of `width` years holding `year`.
std::string band(int value, int width) {
  const int lo = value >= 0 ? value / width * width : -((-value + width - 1) / width * width);
  return fmt::format("{}-{}", lo, lo + width - 1);
}

// Places people are born in, folded to governorate and country: the
// gazetteer shipped in data/synth/places.tsv (Arabic and Latin spellings).
// A place it does not know is published as "unknown", never as written.
struct Gazetteer {
  std::map<std::string, std::pair<std::string, std::string>> places;  // folded name -> governorate, country

  static std::string fold(std::string_view s) { return to_lower_ascii(trim(s)); }

  static const Gazetteer& get() {
    static const Gazetteer g = [] {
      Gazetteer out;
      auto text = embedded_file("synth/places.tsv");
      if (!text) return out;
      auto t =
          parse_reference_table(*text, "synth/places.tsv", {"arabic", "latin", "governorate_lat", "group"});
      if (!t) return out;
      const auto col = [&](std::string_view n) { return *t->column(n); };
      for (const auto& row : t->rows) {
        const auto& f = row.fields;
        const std::pair<std::string, std::string> where{f[col("governorate_lat")], f[col("group")]};
        out.places.emplace(fold(f[col("arabic")]), where);
        for (const auto& latin : split(f[col("latin")], '|')) out.places.emplace(fold(latin), where);
        if (auto ga = t->column("governorate_ar")) out.places.emplace(fold(f[*ga]), where);
        out.places.emplace(fold(where.first), where);
      }
      return out;
    }();
    return g;
  }

  [[nodiscard]] std::pair<std::string, std::string> find(std::string_view place) const {
    auto it = places.find(fold(place));
    if (it == places.end()) return {kUnknown, kUnknown};
    return it->second;
  }
};

std::string nationality_group(std::string_view code) {
  if (code.empty()) return kUnknown;
  if (code == "sy" || code == "lb" || code == "ps") return std::string(code);
  return "other";
}

const std::vector<std::string>& qi_names() {
  static const std::vector<std::string> names = {"status",      "nationality", "gender",      "facility",
                                                 "arrest_year", "age_band",    "birth_region"};
  return names;
}

// What each level of each quasi-identifier means, for the summary and the dictionary.
const std::map<std::string, std::vector<std::string>>& qi_levels() {
  static const std::map<std::string, std::vector<std::string>> m = {
      {"status", {"status code", "held / not_held"}},
      {"nationality", {"nationality code", "sy / lb / ps / other"}},
      {"gender", {"m / f / unknown"}},
      {"facility", {"facility code", "country/city of the facility", "country of the facility"}},
      {"arrest_year", {"year of first arrest", "5-year period", "10-year period"}},
      {"age_band", {"5-year age band", "10-year age band", "20-year age band"}},
      {"birth_region", {"governorate of birth", "country of birth"}},
  };
  return m;
}

}  // namespace

// ------------------------------------------------------------------ public

Result<PublicDataset> build_public_dataset(store::Repository& repo, const PublicExportOptions& options) {
  if (options.k < 2) {
    return fail(ErrorKind::kUsage, fmt::format("k must be at least 2, not {}", options.k), "--k",
                "k = 5 is the usual minimum for public data");
  }
  PublicDataset d;
  d.k = options.k;
  d.quasi_identifiers = qi_names();
  const std::chrono::year_month_day as_of{options.as_of};
  d.as_of = fmt::format("{:04}-{:02}-{:02}", static_cast<int>(as_of.year()),
                        static_cast<unsigned>(as_of.month()), static_cast<unsigned>(as_of.day()));
  std::map<std::string, Facility> facilities;
  for (auto& f : SAWT_TRY(repo.list_facilities())) facilities[f.code] = f;
  const auto& gazetteer = Gazetteer::get();

  struct Candidate {
    std::string name_ar, name_lat;
    std::string torture, forced;
  };
  std::vector<Candidate> candidates;
  KAnonInput input;
  input.names = qi_names();
  for (const auto& view : SAWT_TRY(publishable(repo, d.persons_withheld, d.persons_in_store))) {
    const Person& person = view.person;
    Candidate c;
    if (granted(view, "publish_name")) {
      c.name_ar = person.name_ar.display();
      c.name_lat = person.name_lat.display();
    }
    c.torture = has_allegation(view, "torture") ? "yes" : "no";
    c.forced =
        has_allegation(view, "forced_statement") || has_allegation(view, "coerced_statement") ? "yes" : "no";

    std::vector<std::vector<std::string>> ladders;
    const std::string status = person.status.empty() ? kUnknown : person.status;
    ladders.push_back({status, status == kUnknown                                 ? kUnknown
                               : protection::status_means_not_held(person.status) ? "not_held"
                                                                                  : "held"});
    ladders.push_back(
        {person.nationality.empty() ? kUnknown : person.nationality, nationality_group(person.nationality)});
    ladders.push_back({person.gender.empty() ? kUnknown : person.gender});
    if (auto f = facilities.find(person.facility_code); f != facilities.end()) {
      const auto& fac = f->second;
      const std::string country = fac.country.empty() ? kUnknown : fac.country;
      ladders.push_back({fac.code, fac.city.empty() ? country : country + "/" + fac.city, country});
    } else {
      ladders.push_back({kUnknown, kUnknown, kUnknown});
    }
    if (const auto arrest = first_arrest(view); !arrest.empty()) {
      ladders.push_back({std::to_string(arrest.year()), band(arrest.year(), 5), band(arrest.year(), 10)});
    } else {
      ladders.push_back({kUnknown, kUnknown, kUnknown});
    }
    if (!person.birth_date.empty()) {
      const int age = static_cast<int>(as_of.year()) - person.birth_date.year();
      ladders.push_back({band(age, 5), band(age, 10), band(age, 20)});
    } else {
      ladders.push_back({kUnknown, kUnknown, kUnknown});
    }
    const auto [governorate, country] = gazetteer.find(person.birth_place);
    ladders.push_back({governorate, country});
    input.rows.push_back(std::move(ladders));
    candidates.push_back(std::move(c));
  }

  KAnonOptions ko;
  ko.k = options.k;
  ko.max_row_share = options.max_row_share;
  const auto result = k_anonymise(input, ko);
  for (size_t q = 0; q < input.names.size(); ++q) {
    const auto& levels = qi_levels().at(input.names[q]);
    d.generalised[input.names[q]] =
        levels[std::min(static_cast<size_t>(result.levels[q]), levels.size() - 1)];
  }
  d.cells_suppressed = result.cells_suppressed;
  if (result.rows_withheld > 0) d.persons_withheld["k_anonymity"] = result.rows_withheld;
  d.smallest_class = smallest_class(result.rows, result.kept);

  d.persons.name = "persons";
  d.persons.columns = {"row", "name_ar", "name_lat"};
  for (const auto& q : input.names) d.persons.columns.push_back(q);
  d.persons.columns.push_back("torture_alleged");
  d.persons.columns.push_back("forced_statement_alleged");
  std::vector<std::vector<std::string>> rows;
  for (size_t r = 0; r < candidates.size(); ++r) {
    if (!result.kept[r]) continue;
    const auto& c = candidates[r];
    std::vector<std::string> row = {"", c.name_ar, c.name_lat};
    row.insert(row.end(), result.rows[r].begin(), result.rows[r].end());
    row.push_back(c.torture);
    row.push_back(c.forced);
    if (!c.name_ar.empty() || !c.name_lat.empty()) {
      ++d.names_published;
    } else {
      ++d.names_withheld;
    }
    rows.push_back(std::move(row));
  }
  // Ordered by value, so the order says nothing about when a person was recorded.
  std::sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) {
    return std::lexicographical_compare(a.begin() + 3, a.end(), b.begin() + 3, b.end()) ||
           (std::equal(a.begin() + 3, a.end(), b.begin() + 3, b.end()) && a < b);
  });
  for (size_t i = 0; i < rows.size(); ++i) rows[i][0] = std::to_string(i + 1);
  d.persons.rows = std::move(rows);
  d.persons_published = static_cast<int>(d.persons.rows.size());
  return d;
}

nlohmann::json public_summary_json(const PublicDataset& d) {
  return {{"k", d.k},
          {"as_of", d.as_of},
          {"persons_in_store", d.persons_in_store},
          {"persons_published", d.persons_published},
          {"persons_withheld", d.persons_withheld},
          {"cells_suppressed", d.cells_suppressed},
          {"generalised", d.generalised},
          {"names_published", d.names_published},
          {"names_withheld", d.names_withheld},
          {"smallest_class", d.smallest_class},
          {"quasi_identifiers", d.quasi_identifiers},
          {"never_published",
           {"id numbers", "exact dates", "notes and free text", "mother's and family names without consent",
            "birth places below the governorate", "internal person ids"}}};
}

std::string public_summary_text(const PublicDataset& d) {
  static const std::map<std::string, std::string> reasons = {
      {"confidential", "confidential persons (never published)"},
      {"refused_anonymised_publication",
       "refused even anonymised publication (consent publish_anonymised refused)"},
      {"k_anonymity", "in a group of fewer than k persons even after generalising and suppressing cells"},
  };
  std::string out =
      fmt::format("Public dataset as of {}: {} of {} persons published (k = {}, smallest group {}).\n",
                  d.as_of, d.persons_published, d.persons_in_store, d.k, d.smallest_class);
  out += "Withheld persons:\n";
  if (d.persons_withheld.empty()) out += "  none\n";
  for (const auto& [reason, n] : d.persons_withheld) {
    auto it = reasons.find(reason);
    out += fmt::format("  {:>6}  {}\n", n, it == reasons.end() ? reason : it->second);
  }
  out += "Suppressed cells (shown as *):\n";
  if (d.cells_suppressed.empty()) out += "  none\n";
  for (const auto& [qi, n] : d.cells_suppressed) out += fmt::format("  {:>6}  {}\n", n, qi);
  out += "Generalised to:\n";
  for (const auto& q : d.quasi_identifiers) out += fmt::format("  {:<14} {}\n", q, d.generalised.at(q));
  out += fmt::format("Names: {} published with publish_name consent in force, {} withheld.\n",
                     d.names_published, d.names_withheld);
  out +=
      "Never published: id numbers, exact dates, notes and free text, birth places below the governorate.\n";
  return out;
}

std::string public_dictionary_markdown(const PublicDataset& d) {
  struct Entry {
    const char* column;
    const char* ar;
    const char* en;
  };
  static const Entry entries[] = {
      {"row", "رقم الصف، بلا أي دلالة على الشخص أو على ترتيب تسجيله",
       "Row number; says nothing about the person or when they were recorded"},
      {"name_ar", "الاسم بالعربية، فقط لمن وافق على نشر اسمه (موافقة سارية)",
       "Name in Arabic, only with publish_name consent in force"},
      {"name_lat", "الاسم بالحروف اللاتينية، بالشرط نفسه", "Name in Latin script, same condition"},
      {"status", "الوضع: موقوف، محكوم، مفرج عنه، مرحّل...؛ أو held/not_held عند التعميم",
       "Status code (pretrial, sentenced, released, deported, ...); held/not_held when generalised"},
      {"nationality", "الجنسية (رمز ISO)، أو مجموعة sy/lb/ps/other عند التعميم",
       "Nationality (ISO code), or sy/lb/ps/other when generalised"},
      {"gender", "الجنس: m ذكر، f أنثى", "Sex: m, f or unknown"},
      {"facility", "مكان الاحتجاز الحالي (رمز)، أو البلد/المدينة، أو البلد",
       "Current place of detention (code), or country/city, or country"},
      {"arrest_year", "سنة أول اعتقال، أو فترة خمس أو عشر سنوات",
       "Year of first arrest, or a 5- or 10-year period"},
      {"age_band", "الفئة العمرية في تاريخ التصدير (5 أو 10 أو 20 سنة)",
       "Age band at the export date (5, 10 or 20 years)"},
      {"birth_region", "محافظة الولادة، أو بلد الولادة", "Governorate of birth, or country of birth"},
      {"torture_alleged", "هل يدّعي التعرض للتعذيب (yes/no)", "Torture alleged in a case file (yes/no)"},
      {"forced_statement_alleged", "هل يدّعي انتزاع اعتراف بالإكراه (yes/no)",
       "Forced or coerced statement alleged (yes/no)"},
  };
  std::string out = "# البيانات العامة — قاموس البيانات / Public dataset — data dictionary\n\n";
  out += fmt::format(
      "الملف `persons.csv`: صف لكل شخص، بتاريخ {}. لا أسماء إلا بموافقة، ولا أرقام هوية ولا تواريخ دقيقة ولا "
      "ملاحظات. "
      "كل تركيبة من المعرّفات شبه المباشرة تتكرر {} مرات على الأقل (k-anonymity)، و`*` قيمة محجوبة.\n\n",
      d.as_of, d.k);
  out += fmt::format(
      "`persons.csv` has one row per person, as of {}. No names without consent, no id numbers, no exact "
      "dates, no "
      "notes. Every combination of the quasi-identifiers ({}) occurs at least {} times (k-anonymity); `*` is "
      "a "
      "suppressed value and `unknown` a value the registry does not have.\n\n",
      d.as_of, join(d.quasi_identifiers, ", "), d.k);
  out += "| column / العمود | العربية | English | published as / النشر |\n|---|---|---|---|\n";
  for (const auto& e : entries) {
    auto g = d.generalised.find(e.column);
    out += fmt::format("| `{}` | {} | {} | {} |\n", e.column, e.ar, e.en,
                       g == d.generalised.end() ? "" : g->second);
  }
  out +=
      "\nCodes: see the bilingual vocabularies (person_statuses, nationalities, facilities) shipped with "
      "sawt.\n";
  return out;
}

// ------------------------------------------------------------------ full

Result<FullExport> build_full_export(store::Repository& repo, const FullExportOptions& options) {
  FullExport out;
  Table persons{"persons",
                {"person_id", "name_ar", "name_lat", "gender", "birth_date", "birth_place", "nationality",
                 "id_number", "status", "facility", "confidential", "notes"},
                {}};
  Table names{"names",
              {"person_id", "origin", "script", "source", "source_kind", "source_reliability", "record_id",
               "full_name", "first_name", "father_name", "grandfather_name", "family_name", "mother_name"},
              {}};
  Table detention{
      "detention", {"person_id", "kind", "from", "to", "facility", "place", "authority", "notes"}, {}};
  Table cases{"cases",
              {"person_id", "court", "case_number", "charges", "statuses", "hearings", "sentence_months",
               "sentence_start", "lawyer", "allegations", "notes"},
              {}};
  Table consents{
      "consents",
      {"person_id", "scope", "partner", "decision", "given_by", "witness", "recorded_by", "date", "notes"},
      {}};
  std::map<Id, Source> sources;
  for (auto& s : SAWT_TRY(repo.list_sources())) sources[s.id] = s;
  const auto name_row = [](const std::string& pid, const char* origin, const NameParts& n, const Source* s,
                           const std::string& record_id) {
    return std::vector<std::string>{pid,
                                    origin,
                                    contains_arabic(n.display() + n.mother) ? "ar" : "lat",
                                    s == nullptr ? "" : s->name,
                                    s == nullptr ? "" : s->kind,
                                    s == nullptr ? "" : std::to_string(s->reliability),
                                    record_id,
                                    n.full,
                                    n.first,
                                    n.father,
                                    n.grandfather,
                                    n.family,
                                    n.mother};
  };
  for (const auto& p : SAWT_TRY(all_persons(repo, options.visible_to))) {
    if (p.confidential && !options.include_confidential && options.visible_to == nullptr) {
      ++out.confidential_left_out;
      continue;
    }
    auto view = SAWT_TRY(load_case_view(repo, p.id));
    const std::string& pid = p.public_id;
    persons.rows.push_back({pid, p.name_ar.display(), p.name_lat.display(), p.gender,
                            p.birth_date.to_string(), p.birth_place, p.nationality, p.id_number, p.status,
                            p.facility_code, p.confidential ? "yes" : "no", p.notes});
    if (!p.name_ar.empty() || !p.name_ar.mother.empty())
      names.rows.push_back(name_row(pid, "curated", p.name_ar, nullptr, ""));
    if (!p.name_lat.empty() || !p.name_lat.mother.empty())
      names.rows.push_back(name_row(pid, "curated", p.name_lat, nullptr, ""));
    for (const auto& r : SAWT_TRY(repo.person_records(p.id))) {
      auto s = sources.find(r.source_id);
      names.rows.push_back(
          name_row(pid, "source", r.name, s == sources.end() ? nullptr : &s->second, r.record_id));
    }
    for (const auto& a : view.arrests) {
      detention.rows.push_back({pid, "arrest", a.date.to_string(), "", "", a.place, a.authority, a.notes});
    }
    for (const auto& c : view.custody) {
      detention.rows.push_back(
          {pid, "custody", c.from.to_string(), c.to.to_string(), c.facility_code, "", "", ""});
    }
    for (const auto& c : view.cases) {
      std::vector<std::string> statuses;
      for (const auto& s : c.statuses)
        statuses.push_back(s.date.empty() ? s.status : s.status + "@" + s.date.to_string());
      std::vector<std::string> hearings;
      for (const auto& h : c.hearings)
        hearings.push_back(h.date.to_string() + (h.outcome.empty() ? "" : " " + h.outcome));
      cases.rows.push_back({pid, c.court, c.case_number, join(c.charges, "|"), join(statuses, "|"),
                            join(hearings, "|"), std::to_string(c.sentence_months),
                            c.sentence_start.to_string(), c.lawyer, join(c.allegations, "|"), c.notes});
    }
    for (const auto& c : view.consents) {
      consents.rows.push_back({pid, c.scope, c.partner,
                               c.decision == Consent::kGranted   ? "granted"
                               : c.decision == Consent::kRefused ? "refused"
                                                                 : "unknown",
                               c.given_by, c.witness, c.recorded_by, c.date.to_string(), c.notes});
    }
  }
  out.tables = {std::move(persons), std::move(names), std::move(detention), std::move(cases),
                std::move(consents)};
  return out;
}

// ------------------------------------------------------------------ Uwazi

Result<UwaziExport> build_uwazi_export(store::Repository& repo, const UwaziOptions& options) {
  UwaziExport out;
  const auto& vocab = repo.store().vocab();
  const auto label = [&](std::string_view list, const std::string& code) -> std::string {
    if (code.empty()) return "";
    const auto* v = vocab.get(list);
    return v == nullptr ? code : v->label(code, options.lang);
  };
  const auto labels = [&](std::string_view list, const std::vector<std::string>& codes) {
    std::vector<std::string> out_labels;
    for (const auto& c : codes) {
      auto l = label(list, c);
      // '|' separates values in Uwazi's CSV; never let a label split itself.
      std::replace(l.begin(), l.end(), '|', '/');
      if (std::find(out_labels.begin(), out_labels.end(), l) == out_labels.end()) out_labels.push_back(l);
    }
    return join(out_labels, "|");
  };
  std::map<std::string, Facility> facilities;
  for (auto& f : SAWT_TRY(repo.list_facilities())) facilities[f.code] = f;
  // Uwazi's importer matches columns to template properties by name; text
  // properties take a language suffix (title__ar); multi-values use '|'.
  out.entities.name = "uwazi";
  out.entities.columns = {"title__ar", "title__en",   "sawt_id",  "gender", "nationality", "status",
                          "facility",  "arrest_date", "age_band", "court",  "charges",     "allegations"};
  const auto today_ymd = std::chrono::year_month_day{today()};
  int considered = 0;
  for (const auto& view : SAWT_TRY(publishable(repo, out.withheld, considered))) {
    const Person& p = view.person;
    std::string title_ar = fmt::format("معتقل {}", p.public_id);
    std::string title_en = fmt::format("Detainee {}", p.public_id);
    if (granted(view, "publish_name")) {
      if (!p.name_ar.display().empty()) title_ar = p.name_ar.display();
      if (!p.name_lat.display().empty()) title_en = p.name_lat.display();
      ++out.named;
    }
    std::vector<std::string> courts, charges, allegations;
    for (const auto& c : view.cases) {
      if (!c.court.empty()) courts.push_back(c.court);
      charges.insert(charges.end(), c.charges.begin(), c.charges.end());
      allegations.insert(allegations.end(), c.allegations.begin(), c.allegations.end());
    }
    std::string facility;
    if (auto f = facilities.find(p.facility_code); f != facilities.end()) {
      facility = options.lang == "ar" ? f->second.name_ar : f->second.name_en;
    }
    const auto arrest = first_arrest(view);
    const std::string age = p.birth_date.empty()
                                ? std::string()
                                : band(static_cast<int>(today_ymd.year()) - p.birth_date.year(), 5);
    out.entities.rows.push_back(
        {title_ar, title_en, p.public_id, label("genders", p.gender), label("nationalities", p.nationality),
         label("person_statuses", p.status), facility, arrest.empty() ? "" : std::to_string(arrest.year()),
         age, labels("courts", courts), labels("charges", charges), labels("allegations", allegations)});
  }
  return out;
}

Status audit_export(store::Repository& repo, std::string_view kind, const nlohmann::json& details) {
  return repo.store().audit().append(
      {repo.actor(), "export", "export", std::string(kind), "", details.dump()});
}

// ------------------------------------------------------------------ writing

std::string table_csv(const Table& t) {
  std::string out = "\xEF\xBB\xBF";
  out += io::csv_line(t.columns);
  for (const auto& r : t.rows) out += io::csv_line(r);
  return out;
}

nlohmann::json tables_json(const std::vector<Table>& tables, std::string_view format) {
  nlohmann::json j = {{"format", format}, {"version", 1}, {"exported_at", now_timestamp()}};
  j["tables"] = nlohmann::json::object();
  for (const auto& t : tables) {
    auto rows = nlohmann::json::array();
    for (const auto& r : t.rows) {
      nlohmann::json o = nlohmann::json::object();
      for (size_t c = 0; c < t.columns.size() && c < r.size(); ++c) o[t.columns[c]] = r[c];
      rows.push_back(std::move(o));
    }
    j["tables"][t.name] = std::move(rows);
  }
  return j;
}

Result<std::string> tables_xlsx(const std::vector<Table>& tables) {
  std::vector<io::XlsxTable> sheets;
  for (const auto& t : tables) {
    io::XlsxTable s;
    s.name = t.name;
    std::vector<io::XlsxCell> header;
    for (const auto& c : t.columns) header.push_back(io::XlsxCell::of(c));
    s.rows.push_back(std::move(header));
    for (const auto& r : t.rows) {
      std::vector<io::XlsxCell> row;
      for (const auto& v : r) row.push_back(io::XlsxCell::of(v));
      s.rows.push_back(std::move(row));
    }
    sheets.push_back(std::move(s));
  }
  return io::write_xlsx(sheets);
}

}  // namespace sawt::app
