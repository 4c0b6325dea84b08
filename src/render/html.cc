#include "render/html.h"

#include <fmt/format.h>

#include "render/chart.h"
#include "render/common.h"

namespace sawt::render {

std::string html_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

namespace {

// The style sheet. Logical properties only (inline/block, start/end), so one
// sheet serves both directions.
constexpr std::string_view kStyle = R"css(
@page { size: A4; margin: 2cm 2cm 2.2cm; }
html { color: #1a1a1a; background: #fff; }
body { font-family: "Noto Sans", "Noto Sans Arabic", "Segoe UI", Tahoma, Arial, sans-serif; font-size: 11pt;
       line-height: 1.55; max-inline-size: 48rem; margin-block: 2rem; margin-inline: auto; padding-inline: 1.5rem; }
body.arabic-script { font-family: "Noto Sans Arabic", "Noto Naskh Arabic", "Noto Sans", "Segoe UI", Tahoma,
       sans-serif; font-size: 11.5pt; line-height: 1.7; }
.doc-header { border-block-end: 1px solid #b8c0cc; padding-block-end: .5em; margin-block-end: 1.2em; }
h1 { font-size: 1.75em; line-height: 1.3; color: #17324d; margin-block: 0 .2em; }
.subtitle { font-size: 1.1em; color: #5a5a5a; margin-block: 0; }
h2 { font-size: 1.3em; color: #17324d; margin-block: 1.4em .4em; break-after: avoid; }
h3 { font-size: 1.1em; color: #17324d; margin-block: 1.1em .3em; break-after: avoid; }
p { margin-block: 0 .7em; }
table { border-collapse: collapse; inline-size: 100%; margin-block: .6em 1em; font-size: .88em; }
caption { caption-side: top; text-align: start; font-weight: bold; padding-block-end: .3em; }
th, td { border: 1px solid #c7ccd4; padding-block: .3em; padding-inline: .45em; text-align: start;
         vertical-align: top; }
thead th { background: #e8ecf1; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
table.fields th { background: #f3f5f7; inline-size: 32%; }
ul, ol { margin-block: .3em .8em; padding-inline-start: 1.6em; }
li { margin-block-end: .2em; }
.notice { border-inline-start: 4px solid #2966a8; background: #edf5fc; padding-block: .5em;
          padding-inline: .8em; margin-block: .8em; break-inside: avoid; }
.notice-missing { border-inline-start-color: #cc8500; background: #fff7e6; }
.notice-warning { border-inline-start-color: #bf261f; background: #fcedeb; }
.notice-confidential { border-inline-start-color: #4d386b; background: #f2eef7; }
.notice-label { font-weight: bold; }
figure.chart { margin-block: 1em; margin-inline: 0; break-inside: avoid; }
figure.chart svg { display: block; max-inline-size: 100%; block-size: auto; }
figure.chart details { font-size: .85em; margin-block-start: .3em; }
.page-break { break-after: page; }
footer { margin-block-start: 2em; border-block-start: 1px solid #b8c0cc; padding-block-start: .5em; color: #5a5a5a;
         font-size: .85em; }
@media print {
  body { max-inline-size: none; margin: 0; padding: 0; font-size: 10.5pt; }
  body.arabic-script { font-size: 11pt; }
  figure.chart details { display: none; }
}
)css";

// Escaped text with line breaks as <br>.
std::string text_html(std::string_view raw) {
  const std::string escaped = html_escape(detail::clean_text(raw));
  std::string out;
  out.reserve(escaped.size());
  for (char c : escaped) {
    if (c == '\n') {
      out += "<br>";
    } else {
      out += c;
    }
  }
  return out;
}

std::string runs_html(const std::vector<Inline>& runs) {
  std::string out;
  for (const auto& run : runs) {
    std::string piece = text_html(run.text);
    if (run.italic) piece = "<em>" + piece + "</em>";
    if (run.bold) piece = "<strong>" + piece + "</strong>";
    if (run.isolate) piece = "<bdi>" + piece + "</bdi>";
    out += piece;
  }
  return out;
}

// Cairo writes coordinates with six decimals; a hundredth of a point is
// plenty and halves the size of a chart.
std::string shorten_numbers(std::string_view svg) {
  std::string out;
  out.reserve(svg.size());
  size_t i = 0;
  while (i < svg.size()) {
    const auto dot = svg.find('.', i);
    if (dot == std::string_view::npos) break;
    size_t end = dot + 1;
    while (end < svg.size() && svg[end] >= '0' && svg[end] <= '9') ++end;
    size_t begin = dot;
    while (begin > i && svg[begin - 1] >= '0' && svg[begin - 1] <= '9') --begin;
    if (begin == dot || end - dot <= 3) {  // not a number, or two decimals at most
      out.append(svg.substr(i, end - i));
      i = end;
      continue;
    }
    const bool negative = begin > i && svg[begin - 1] == '-';
    if (negative) --begin;
    out.append(svg.substr(i, begin - i));
    std::string number = fmt::format("{:.2f}", std::stod(std::string(svg.substr(begin, end - begin))));
    while (number.back() == '0') number.pop_back();
    if (number.back() == '.') number.pop_back();
    if (number == "-0") number = "0";
    out += number;
    i = end;
  }
  out.append(svg.substr(std::min(i, svg.size())));
  return out;
}

// Cairo's SVG made fit for inlining: no XML prolog, no namespace URLs (the
// HTML parser knows SVG), ids prefixed so that two charts' glyph and clip ids
// cannot collide, shorter numbers, and an accessible name.
std::string inline_svg(const std::string& svg, int index, std::string_view label) {
  const auto start = svg.find("<svg");
  std::string body = start == std::string::npos ? svg : svg.substr(start);
  const auto tag_end = body.find('>');
  std::string root = body.substr(0, tag_end);
  std::string rest = tag_end == std::string::npos ? std::string() : shorten_numbers(body.substr(tag_end));
  for (size_t at = root.find(" xmlns"); at != std::string::npos; at = root.find(" xmlns")) {
    const auto open = root.find('"', at);
    const auto close = open == std::string::npos ? std::string::npos : root.find('"', open + 1);
    if (close == std::string::npos) break;
    root.erase(at, close + 1 - at);
  }
  root += fmt::format(" role=\"img\" aria-label=\"{}\"", html_escape(label));
  const std::string prefix = fmt::format("c{}-", index);
  auto replace_all = [](std::string& s, std::string_view from, std::string_view to) {
    for (size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size())) {
      s.replace(at, from.size(), to);
    }
  };
  replace_all(rest, "id=\"", "id=\"" + prefix);
  replace_all(rest, "href=\"#", "href=\"#" + prefix);
  replace_all(rest, "url(#", "url(#" + prefix);
  return root + rest;
}

class HtmlWriter {
 public:
  explicit HtmlWriter(const Document& doc) : doc_(doc) {}

  Result<std::string> write() {
    const std::string dir = doc_.dir == Dir::kRtl ? "rtl" : "ltr";
    out_ += fmt::format("<!DOCTYPE html>\n<html lang=\"{}\" dir=\"{}\">\n<head>\n", html_escape(doc_.lang), dir);
    out_ +=
        "<meta charset=\"utf-8\">\n"
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
        "img-src data:\">\n"
        "<meta name=\"referrer\" content=\"no-referrer\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        "<meta name=\"generator\" content=\"sawt\">\n";
    out_ += fmt::format("<title>{}</title>\n<style>{}</style>\n</head>\n", text_html(doc_.title), kStyle);
    out_ += detail::arabic_script(doc_.lang) ? "<body class=\"arabic-script\">\n" : "<body>\n";
    out_ += fmt::format("<header class=\"doc-header\">\n<h1>{}</h1>\n", text_html(doc_.title));
    if (!doc_.subtitle.empty()) out_ += fmt::format("<p class=\"subtitle\">{}</p>\n", text_html(doc_.subtitle));
    out_ += "</header>\n<main>\n";
    for (const auto& block : doc_.blocks) {
      SAWT_CHECK(std::visit([this](const auto& b) { return put(b); }, block));
    }
    out_ += "</main>\n";
    if (!doc_.footer.empty()) out_ += fmt::format("<footer>{}</footer>\n", text_html(doc_.footer));
    out_ += "</body>\n</html>\n";
    return std::move(out_);
  }

 private:
  Status put(const Heading& h) {
    const int level = h.level + 1;  // h1 is the document title
    out_ += fmt::format("<h{0}>{1}</h{0}>\n", level, text_html(h.text));
    return {};
  }

  Status put(const Paragraph& p) {
    out_ += fmt::format("<p>{}</p>\n", runs_html(p.runs));
    return {};
  }

  Status put(const Fields& f) {
    if (f.fields.empty()) return {};
    out_ += "<table class=\"fields\">\n<tbody>\n";
    for (const auto& field : f.fields) {
      out_ += fmt::format("<tr><th scope=\"row\">{}</th><td><bdi>{}</bdi></td></tr>\n", text_html(field.label),
                          text_html(field.value));
    }
    out_ += "</tbody>\n</table>\n";
    return {};
  }

  Status put(const Table& t) {
    out_ += "<table class=\"data\">\n";
    if (!t.caption.empty()) out_ += fmt::format("<caption>{}</caption>\n", text_html(t.caption));
    out_ += "<thead><tr>";
    for (const auto& h : t.header) out_ += fmt::format("<th scope=\"col\">{}</th>", text_html(h));
    out_ += "</tr></thead>\n<tbody>\n";
    for (const auto& row : t.rows) {
      out_ += "<tr>";
      for (size_t c = 0; c < t.header.size(); ++c) {
        if (c < row.size() && !row[c].empty()) {
          out_ += fmt::format("<td><bdi>{}</bdi></td>", text_html(row[c]));
        } else {
          out_ += "<td></td>";
        }
      }
      out_ += "</tr>\n";
    }
    out_ += "</tbody>\n</table>\n";
    return {};
  }

  Status put(const Bullets& b) {
    const char* tag = b.numbered ? "ol" : "ul";
    out_ += fmt::format("<{}>\n", tag);
    for (const auto& item : b.items) out_ += fmt::format("<li>{}</li>\n", runs_html(item));
    out_ += fmt::format("</{}>\n", tag);
    return {};
  }

  Status put(const Notice& n) {
    out_ += fmt::format("<aside class=\"notice notice-{}\" role=\"note\"><span class=\"notice-label\">{}:</span> {}</aside>\n",
                        detail::notice_class(n.kind), html_escape(detail::notice_label(n.kind, doc_.lang)),
                        runs_html(n.runs));
    return {};
  }

  Status put(const Chart& chart) {
    const std::string svg = SAWT_TRY(chart_svg(chart, doc_.dir, doc_.lang));
    const std::string label = chart.title.empty() ? chart.caption : chart.title + " — " + chart.caption;
    out_ += "<figure class=\"chart\">\n";
    out_ += inline_svg(svg, ++charts_, detail::clean_text(label));
    out_ += "\n";
    data_table(chart);
    out_ += "</figure>\n";
    return {};
  }

  // The numbers behind a chart, for screen readers and for copying.
  void data_table(const Chart& chart) {
    out_ += fmt::format("<details><summary>{}</summary>\n<table>\n", html_escape(detail::data_label(doc_.lang)));
    if (chart.type == Chart::Type::kHistogram) {
      out_ += fmt::format("<thead><tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th></tr></thead>\n<tbody>\n",
                          text_html(chart.x_label), text_html(chart.y_label));
      for (const auto& bin : histogram_bins(chart.series[0].values, chart.bins)) {
        out_ += fmt::format("<tr><td>{}–{}</td><td>{}</td></tr>\n", detail::format_number(bin.lo),
                            detail::format_number(bin.hi), bin.count);
      }
    } else {
      out_ += fmt::format("<thead><tr><th scope=\"col\">{}</th>", text_html(chart.x_label));
      for (const auto& s : chart.series) {
        out_ += fmt::format("<th scope=\"col\">{}</th>", text_html(s.name.empty() ? chart.y_label : s.name));
      }
      out_ += "</tr></thead>\n<tbody>\n";
      for (size_t c = 0; c < chart.categories.size(); ++c) {
        out_ += fmt::format("<tr><th scope=\"row\"><bdi>{}</bdi></th>", text_html(chart.categories[c]));
        for (const auto& s : chart.series) out_ += fmt::format("<td>{}</td>", detail::format_number(s.values[c]));
        out_ += "</tr>\n";
      }
    }
    out_ += "</tbody>\n</table>\n</details>\n";
  }

  Status put(const PageBreak&) {
    out_ += "<div class=\"page-break\"></div>\n";
    return {};
  }

  const Document& doc_;
  std::string out_;
  int charts_ = 0;
};

}  // namespace

Result<std::string> to_html(const Document& doc) {
  SAWT_CHECK(validate(doc));
  return HtmlWriter(doc).write();
}

}  // namespace sawt::render
