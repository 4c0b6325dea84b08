#include "synth/tables.h"

#include <charconv>
#include <map>
#include <optional>

#include <fmt/format.h>

#include "util/embedded.h"

namespace sawt::synth {

namespace {

std::vector<std::string_view> split(std::string_view text, char sep) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  for (;;) {
    const std::size_t end = text.find(sep, start);
    if (end == std::string_view::npos) {
      out.push_back(text.substr(start));
      return out;
    }
    out.push_back(text.substr(start, end - start));
    start = end + 1;
  }
}

struct Row {
  int line = 0;
  std::vector<std::string_view> fields;
  std::string_view operator[](std::size_t i) const { return fields[i]; }
};

// Reads the TSV tables, remembering the first error instead of stopping at
// each call; callers check `error` after each table.
struct Reader {
  std::optional<Error> error;

  void fail_at(std::string_view file, int line, std::string message) {
    if (error) return;
    error = Error{ErrorKind::kInternal, std::move(message),
                  line > 0 ? fmt::format("data/synth/{}:{}", file, line) : fmt::format("data/synth/{}", file),
                  "regenerate with scripts/derive-synth-variants.py or fix the file"};
  }

  // Rows after the header, each with exactly `columns` fields.
  std::vector<Row> rows(std::string_view file, std::string_view text, std::size_t columns) {
    std::vector<Row> out;
    int line_no = 0;
    for (std::string_view line : split(text, '\n')) {
      ++line_no;
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      if (line_no == 1 || line.empty()) continue;
      auto fields = split(line, '\t');
      if (fields.size() != columns) {
        fail_at(file, line_no, fmt::format("expected {} tab-separated fields, found {}", columns, fields.size()));
        return {};
      }
      out.push_back(Row{line_no, std::move(fields)});
    }
    if (out.empty()) fail_at(file, 0, "table is empty");
    return out;
  }

  std::uint64_t number(std::string_view file, const Row& row, std::size_t column) {
    const std::string_view text = row[column];
    std::uint64_t v = 0;
    const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (ec != std::errc() || ptr != text.data() + text.size()) {
      fail_at(file, row.line, fmt::format("'{}' is not a non-negative integer", text));
    }
    return v;
  }
};

std::vector<std::string> alternatives(std::string_view text) {
  std::vector<std::string> out;
  for (auto part : split(text, '|')) {
    if (!part.empty()) out.emplace_back(part);
  }
  return out;
}

}  // namespace

std::uint8_t spelling_marks(std::string_view v) {
  std::uint8_t marks = 0;
  const bool french = v.find("ou") != std::string_view::npos || v.find("dj") != std::string_view::npos ||
                      (v.find("ch") != std::string_view::npos && v.find("sch") == std::string_view::npos) ||
                      v.starts_with("abdel") || v.find("el-") != std::string_view::npos ||
                      (v.size() > 3 && v.back() == 'e' && v[v.size() - 2] != 'e');
  const bool english = v.find("sh") != std::string_view::npos || v.find("oo") != std::string_view::npos ||
                       v.find("ee") != std::string_view::npos || v.find("al-") != std::string_view::npos ||
                       (v.find('u') != std::string_view::npos && v.find("ou") == std::string_view::npos);
  if (french) marks |= kFrenchMark;
  if (english) marks |= kEnglishMark;
  return marks;
}

int Tables::facility_index(std::string_view code) const {
  for (std::size_t i = 0; i < facilities.size(); ++i) {
    if (facilities[i].code == code) return static_cast<int>(i);
  }
  return -1;
}

Result<Tables> parse_tables(std::string_view first_names, std::string_view family_names,
                            std::string_view latin_variants, std::string_view article_styles,
                            std::string_view places, std::string_view facilities) {
  Tables t;
  Reader in;
  const auto failed = [&] { return std::unexpected(*in.error); };

  // Latin variants first: names refer to their sets by Arabic text.
  std::map<std::string, std::uint32_t, std::less<>> set_of;
  for (const Row& r : in.rows("latin_variants.tsv", latin_variants, 4)) {
    auto [it, inserted] = set_of.try_emplace(std::string(r[0]), static_cast<std::uint32_t>(t.variant_sets.size()));
    if (inserted) t.variant_sets.emplace_back();
    auto& set = t.variant_sets[it->second];
    set.latin.emplace_back(r[1]);
    set.marks.push_back(spelling_marks(r[1]));
    set.weights.push_back(in.number("latin_variants.tsv", r, 2));
  }
  if (in.error) return failed();
  for (auto& set : t.variant_sets) {
    set.table = WeightedTable(set.weights);
    if (set.table.total() == 0) in.fail_at("latin_variants.tsv", 0, "a name's spellings all have weight 0");
  }
  const auto variants_of = [&](std::string_view file, const Row& r) -> std::uint32_t {
    const auto it = set_of.find(r[0]);
    if (it != set_of.end()) return it->second;
    in.fail_at(file, r.line, fmt::format("name '{}' has no Latin spellings in latin_variants.tsv", r[0]));
    return 0;
  };

  std::vector<std::uint64_t> male_w;
  std::vector<std::uint64_t> female_w;
  for (const Row& r : in.rows("first_names.tsv", first_names, 4)) {
    Name n{std::string(r[0]), std::string(r[3]), false, variants_of("first_names.tsv", r)};
    const auto w = in.number("first_names.tsv", r, 2);
    if (r[1] == "m") {
      t.male.push_back(std::move(n));
      male_w.push_back(w);
    } else if (r[1] == "f") {
      t.female.push_back(std::move(n));
      female_w.push_back(w);
    } else {
      in.fail_at("first_names.tsv", r.line, fmt::format("gender '{}' is not m or f", r[1]));
    }
  }
  std::vector<std::uint64_t> family_w;
  for (const Row& r : in.rows("family_names.tsv", family_names, 4)) {
    t.family.push_back(Name{std::string(r[0]), std::string(r[3]), r[2] == "1", variants_of("family_names.tsv", r)});
    family_w.push_back(in.number("family_names.tsv", r, 1));
  }
  if (in.error) return failed();
  if (t.male.empty() || t.female.empty()) in.fail_at("first_names.tsv", 0, "both genders need names");
  if (t.male.size() > 0xFFFF || t.female.size() > 0xFFFF || t.family.size() > 0xFFFF) {
    in.fail_at("first_names.tsv", 0, "more than 65535 names in a table");
  }
  t.male_table = WeightedTable(male_w);
  t.female_table = WeightedTable(female_w);
  t.family_table = WeightedTable(family_w);

  static constexpr std::pair<std::string_view, ArticleStyle> kStyles[] = {
      {"al-", ArticleStyle::kAlHyphen},        {"el-", ArticleStyle::kElHyphen},
      {"al_space", ArticleStyle::kAlSpace},    {"al_joined", ArticleStyle::kAlJoined},
      {"el_space", ArticleStyle::kElSpace},    {"el_joined", ArticleStyle::kElJoined},
      {"assimilated", ArticleStyle::kAssimilated}, {"none", ArticleStyle::kNone},
  };
  for (const Row& r : in.rows("article_styles.tsv", article_styles, 3)) {
    bool known = false;
    for (const auto& [name, style] : kStyles) {
      if (name != r[0]) continue;
      t.article_styles.push_back(style);
      t.article_weights.push_back(static_cast<double>(in.number("article_styles.tsv", r, 1)));
      known = true;
    }
    if (!known) in.fail_at("article_styles.tsv", r.line, fmt::format("unknown article style '{}'", r[0]));
  }

  std::vector<std::uint64_t> group_w[3];
  for (const Row& r : in.rows("places.tsv", places, 6)) {
    Place p{std::string(r[0]), alternatives(r[1]), std::string(r[2]), std::string(r[3]), PlaceGroup::kSyria};
    if (r[4] == "lb") p.group = PlaceGroup::kLebanon;
    else if (r[4] == "ps") p.group = PlaceGroup::kPalestinianCamp;
    else if (r[4] != "sy") in.fail_at("places.tsv", r.line, fmt::format("unknown place group '{}'", r[4]));
    if (p.latin.empty()) in.fail_at("places.tsv", r.line, "a place has no Latin name");
    const auto g = static_cast<std::size_t>(p.group);
    t.group_places[g].push_back(static_cast<std::uint16_t>(t.places.size()));
    group_w[g].push_back(in.number("places.tsv", r, 5));
    t.places.push_back(std::move(p));
  }
  for (std::size_t g = 0; g < 3; ++g) {
    t.group_tables[g] = WeightedTable(group_w[g]);
    if (t.group_tables[g].total() == 0) in.fail_at("places.tsv", 0, "a place group (sy, lb, ps) is empty");
  }

  for (const Row& r : in.rows("facilities.tsv", facilities, 5)) {
    FacilityNames f{std::string(r[0]), r[1] == "1", in.number("facilities.tsv", r, 2), alternatives(r[3]),
                    alternatives(r[4])};
    if (f.names_ar.empty() || f.names_en.empty()) in.fail_at("facilities.tsv", r.line, "a facility lacks names");
    if (t.facility_index(f.code) >= 0) in.fail_at("facilities.tsv", r.line, fmt::format("duplicate facility {}", f.code));
    t.facilities.push_back(std::move(f));
  }
  static constexpr std::string_view kNeeded[] = {"lb-roumieh", "lb-roumieh-block-b", "lb-army-intelligence",
                                                 "lb-mod-centre", "lb-gs-adlieh", "lb-baabda-women"};
  for (const auto code : kNeeded) {
    if (t.facility_index(code) < 0) in.fail_at("facilities.tsv", 0, fmt::format("facility {} is missing", code));
  }
  if (in.error) return failed();
  return t;
}

const Result<Tables>& tables() {
  static const Result<Tables> loaded = []() -> Result<Tables> {
    static constexpr const char* kFiles[] = {"first_names.tsv", "family_names.tsv", "latin_variants.tsv",
                                             "article_styles.tsv", "places.tsv", "facilities.tsv"};
    std::string_view text[6];
    for (std::size_t i = 0; i < 6; ++i) {
      const auto file = embedded_file(std::string("synth/") + kFiles[i]);
      if (!file) return fail(ErrorKind::kInternal, "reference table is not embedded", fmt::format("data/synth/{}", kFiles[i]),
                             "rebuild: cmake embeds data/ at build time");
      text[i] = *file;
    }
    return parse_tables(text[0], text[1], text[2], text[3], text[4], text[5]);
  }();
  return loaded;
}

}  // namespace sawt::synth
