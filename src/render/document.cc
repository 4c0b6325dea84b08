#include "render/document.h"

#include <fmt/format.h>

#include <cmath>

#include "util/strings.h"

namespace sawt::render {

Inline text(std::string s) { return Inline{.text = std::move(s)}; }
Inline strong(std::string s) { return Inline{.text = std::move(s), .bold = true}; }
Inline value(std::string s) { return Inline{.text = std::move(s), .isolate = true}; }
Paragraph paragraph(std::string s) { return Paragraph{{text(std::move(s))}}; }
Notice notice(NoticeKind kind, std::string s) { return Notice{kind, {text(std::move(s))}}; }

namespace {

const char* block_name(const Block& block) {
  static constexpr const char* kNames[] = {"heading", "paragraph", "fields", "table",
                                           "bullets", "notice",    "chart",  "page break"};
  return kNames[block.index()];
}

Status utf8(const std::string& s, const std::string& where) {
  if (!is_valid_utf8(s)) {
    return fail(ErrorKind::kBadInput, "text is not valid UTF-8", where,
                "convert the source data to UTF-8 before building the document");
  }
  return {};
}

Status runs_ok(const std::vector<Inline>& runs, const std::string& where) {
  for (size_t i = 0; i < runs.size(); ++i) SAWT_CHECK(utf8(runs[i].text, fmt::format("{}, run {}", where, i + 1)));
  return {};
}

struct BlockChecker {
  std::string where;

  Status operator()(const Heading& h) const {
    if (h.level != 1 && h.level != 2) {
      return fail(ErrorKind::kBadInput, fmt::format("heading level {} is not 1 or 2", h.level), where);
    }
    return utf8(h.text, where);
  }
  Status operator()(const Paragraph& p) const { return runs_ok(p.runs, where); }
  Status operator()(const Fields& f) const {
    for (size_t i = 0; i < f.fields.size(); ++i) {
      const auto at = fmt::format("{}, field {}", where, i + 1);
      SAWT_CHECK(utf8(f.fields[i].label, at));
      SAWT_CHECK(utf8(f.fields[i].value, at));
    }
    return {};
  }
  Status operator()(const Table& t) const {
    if (t.header.empty()) {
      return fail(ErrorKind::kBadInput, "a table needs a header", where, "name every column");
    }
    SAWT_CHECK(utf8(t.caption, where));
    for (size_t c = 0; c < t.header.size(); ++c) SAWT_CHECK(utf8(t.header[c], fmt::format("{}, header", where)));
    for (size_t r = 0; r < t.rows.size(); ++r) {
      const auto at = fmt::format("{}, row {}", where, r + 1);
      if (t.rows[r].size() > t.header.size()) {
        return fail(ErrorKind::kBadInput,
                    fmt::format("row has {} cells but the header has {}", t.rows[r].size(), t.header.size()),
                    at);
      }
      for (const auto& cell : t.rows[r]) SAWT_CHECK(utf8(cell, at));
    }
    return {};
  }
  Status operator()(const Bullets& b) const {
    for (size_t i = 0; i < b.items.size(); ++i) SAWT_CHECK(runs_ok(b.items[i], fmt::format("{}, item {}", where, i + 1)));
    return {};
  }
  Status operator()(const Notice& n) const { return runs_ok(n.runs, where); }
  Status operator()(const Chart& c) const {
    auto st = validate(c);
    if (!st) {
      st.error().where = st.error().where.empty() ? where : where + ", " + st.error().where;
    }
    return st;
  }
  Status operator()(const PageBreak&) const { return {}; }
};

}  // namespace

Status validate(const Chart& chart) {
  for (const auto* s : {&chart.title, &chart.caption, &chart.x_label, &chart.y_label}) SAWT_CHECK(utf8(*s, "chart"));
  if (chart.caption.empty()) {
    return fail(ErrorKind::kBadInput, "a chart has no caption", "chart",
                "say where the numbers come from and when, e.g. \"Source: sawt case registry, 2026-11-28\"");
  }
  if (!(chart.width >= 120 && chart.width <= 2000 && chart.height >= 80 && chart.height <= 2000)) {
    return fail(ErrorKind::kBadInput,
                fmt::format("chart size {}x{} pt is outside 120..2000 x 80..2000", chart.width, chart.height),
                "chart");
  }
  if (chart.series.empty()) return fail(ErrorKind::kBadInput, "a chart has no series", "chart");
  for (size_t s = 0; s < chart.series.size(); ++s) {
    const auto& series = chart.series[s];
    const auto at = fmt::format("chart series {}", s + 1);
    SAWT_CHECK(utf8(series.name, at));
    for (double v : series.values) {
      if (std::isnan(v) && chart.type == Chart::Type::kLine) continue;  // no value for this period
      if (!std::isfinite(v)) return fail(ErrorKind::kBadInput, "a value is not a finite number", at);
      if (chart.type != Chart::Type::kLine && v < 0) {
        return fail(ErrorKind::kBadInput, "bars and histograms take counts or amounts, not negative values", at,
                    "use a line chart for values that can be negative");
      }
    }
  }
  if (chart.type == Chart::Type::kHistogram) {
    if (chart.series.size() != 1) {
      return fail(ErrorKind::kBadInput, "a histogram takes exactly one series of observations", "chart");
    }
    if (chart.series[0].values.empty()) return fail(ErrorKind::kBadInput, "a histogram has no observations", "chart");
    if (chart.bins < 0 || chart.bins > 100) {
      return fail(ErrorKind::kBadInput, fmt::format("{} bins is outside 0..100", chart.bins), "chart");
    }
    return {};
  }
  if (chart.categories.empty()) return fail(ErrorKind::kBadInput, "a chart has no categories", "chart");
  for (const auto& c : chart.categories) SAWT_CHECK(utf8(c, "chart categories"));
  for (size_t s = 0; s < chart.series.size(); ++s) {
    if (chart.series[s].values.size() != chart.categories.size()) {
      return fail(ErrorKind::kBadInput,
                  fmt::format("series has {} values for {} categories", chart.series[s].values.size(),
                              chart.categories.size()),
                  fmt::format("chart series {}", s + 1));
    }
  }
  return {};
}

Status validate(const Document& doc) {
  if (doc.title.empty()) return fail(ErrorKind::kBadInput, "the document has no title", "document");
  if (doc.lang.empty() || doc.lang.size() > 35 ||
      doc.lang.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-") !=
          std::string::npos) {
    return fail(ErrorKind::kBadInput, fmt::format("\"{}\" is not a language tag", doc.lang), "document",
                "use a BCP 47 tag such as \"ar\" or \"en\"");
  }
  SAWT_CHECK(utf8(doc.title, "document title"));
  SAWT_CHECK(utf8(doc.subtitle, "document subtitle"));
  SAWT_CHECK(utf8(doc.footer, "document footer"));
  for (size_t i = 0; i < doc.blocks.size(); ++i) {
    const auto& block = doc.blocks[i];
    SAWT_CHECK(std::visit(BlockChecker{fmt::format("block {} ({})", i + 1, block_name(block))}, block));
  }
  return {};
}

}  // namespace sawt::render
