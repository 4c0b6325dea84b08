#include "render/common.h"

#include <fmt/format.h>

#include <cmath>

namespace sawt::render::detail {

std::string clean_text(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c == '\r') {
      out += '\n';
      if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
    } else if (c < 0x20 && c != '\t' && c != '\n') {
      continue;
    } else if (c == 0x7f) {
      continue;
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

namespace {
std::string_view primary_tag(std::string_view lang) {
  const auto dash = lang.find_first_of("-_");
  return dash == std::string_view::npos ? lang : lang.substr(0, dash);
}
}  // namespace

bool arabic_words(std::string_view lang) { return primary_tag(lang) == "ar"; }

bool arabic_script(std::string_view lang) {
  const auto tag = primary_tag(lang);
  return tag == "ar" || tag == "fa" || tag == "ur" || tag == "ckb" || tag == "ps" || tag == "sd" ||
         tag == "ug";
}

std::string_view notice_label(NoticeKind kind, std::string_view lang) {
  const bool ar = arabic_words(lang);
  switch (kind) {
    case NoticeKind::kInfo: return ar ? "ملاحظة" : "Note";
    case NoticeKind::kMissing: return ar ? "معلومات ناقصة" : "Missing information";
    case NoticeKind::kWarning: return ar ? "تنبيه" : "Warning";
    case NoticeKind::kConfidential: return ar ? "سرّي" : "Confidential";
  }
  return "";
}

std::string_view notice_class(NoticeKind kind) {
  switch (kind) {
    case NoticeKind::kInfo: return "info";
    case NoticeKind::kMissing: return "missing";
    case NoticeKind::kWarning: return "warning";
    case NoticeKind::kConfidential: return "confidential";
  }
  return "info";
}

std::string page_label(int page, int pages, std::string_view lang) {
  if (arabic_words(lang)) return fmt::format("صفحة {} من {}", page, pages);
  return fmt::format("Page {} of {}", page, pages);
}

std::string_view data_label(std::string_view lang) { return arabic_words(lang) ? "البيانات" : "Data"; }

std::string format_number(double v) {
  if (!std::isfinite(v)) return "–";
  const double rounded = std::round(v);
  if (std::fabs(v - rounded) < 1e-9 * std::max(1.0, std::fabs(v))) {
    const auto n = static_cast<long long>(rounded);
    if (std::llabs(n) < 10000) return fmt::format("{}", n);
    std::string digits = fmt::format("{}", std::llabs(n));
    std::string out;
    for (size_t i = 0; i < digits.size(); ++i) {
      if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
      out += digits[i];
    }
    return n < 0 ? "-" + out : out;
  }
  std::string s = fmt::format("{:.2f}", v);
  while (s.back() == '0') s.pop_back();
  if (s.back() == '.') s.pop_back();
  return s;
}

std::string isolate(std::string_view text) {
  static constexpr std::string_view kFsi = "\u2068";
  static constexpr std::string_view kPdi = "\u2069";
  std::string out;
  size_t start = 0;
  while (true) {
    const auto nl = text.find('\n', start);
    const auto line = text.substr(start, nl == std::string_view::npos ? std::string_view::npos : nl - start);
    if (!line.empty()) {
      out += kFsi;
      out += line;
      out += kPdi;
    }
    if (nl == std::string_view::npos) break;
    out += '\n';
    start = nl + 1;
  }
  return out;
}

}  // namespace sawt::render::detail
