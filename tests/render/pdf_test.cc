#include "render/pdf.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <regex>
#include <set>
#include <thread>
#include <vector>

#include "render/html.h"
#include "render/poppler.h"
#include "render/samples.h"

namespace sawt::render {
namespace {

using poppler::pdf_info;
using poppler::pdf_text;

std::string squeeze(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == ' ' || c == '\n' || c == '\f' || c == '\t') continue;
    out += c;
  }
  return out;
}

// Poppler wraps right-to-left lines in U+202B ... U+202C and numbers in U+202A ... U+202C.
std::string strip_bidi_marks(std::string s) {
  for (const char* mark : {"\u202a", "\u202b", "\u202c"}) {
    for (auto at = s.find(mark); at != std::string::npos; at = s.find(mark)) s.erase(at, 3);
  }
  return s;
}

TEST(Pdf, StartsWithHeaderAndEndsWithTrailer) {
  const auto pdf = to_pdf(samples::english_appeal());
  ASSERT_TRUE(pdf) << pdf.error().describe();
  EXPECT_TRUE(pdf->starts_with("%PDF-"));
  EXPECT_NE(pdf->rfind("%%EOF"), std::string::npos);
}

TEST(Pdf, MetadataHasTitleAndCreator) {
  const auto pdf = to_pdf(samples::arabic_appeal());
  ASSERT_TRUE(pdf) << pdf.error().describe();
  const auto info = pdf_info(*pdf);
  EXPECT_TRUE(std::regex_search(info, std::regex("Title: +نداء عاجل: خطر الترحيل القسري للسيد سامر الحلبي\n")))
      << info;
  EXPECT_TRUE(std::regex_search(info, std::regex("Creator: +sawt\n"))) << info;
  EXPECT_TRUE(std::regex_search(info, std::regex(R"re(Page size: +595.276 x 841.89 pts \(A4\))re"))) << info;
}

TEST(Pdf, SampleDocumentsUseNoMissingGlyphs) {
  for (const auto& doc : {samples::arabic_appeal(), samples::english_appeal()}) {
    const auto out = render_pdf(doc);
    ASSERT_TRUE(out) << out.error().describe();
    EXPECT_EQ(out->unknown_glyphs, 0) << doc.lang;
    EXPECT_GE(out->pages, 2) << doc.lang;
  }
}

// The text layer is real text in logical (reading) order, not outlines.
// (The sentence avoids ligatures (lam-alef, lam-yeh), tashkeel and digits on
// purpose: the PDF maps them correctly, but when poppler rebuilds a
// right-to-left line it reverses the letters of a ligature glyph ("لا" comes
// out "ال"), puts a mark before its letter and moves the space around a
// number. Other readers differ; the PDF's ToUnicode maps are logical.)
TEST(Pdf, ArabicParagraphExtractsInLogicalOrder) {
  Document doc;
  doc.lang = "ar";
  doc.dir = Dir::kRtl;
  doc.title = "اختبار";
  const std::string sentence = "اعتقل الناشط في بيروت ونقل بعدها نحو سجن رومية المركزي دون مذكرة";
  doc.blocks.push_back(paragraph(sentence));
  const auto pdf = to_pdf(doc);
  ASSERT_TRUE(pdf) << pdf.error().describe();
  const auto text = pdf_text(*pdf);
  const auto plain = strip_bidi_marks(text);
  EXPECT_NE(plain.find(sentence), std::string::npos) << text;
}

TEST(Pdf, MixedParagraphKeepsBothScripts) {
  Document doc;
  doc.lang = "ar";
  doc.dir = Dir::kRtl;
  doc.title = "اختبار";
  doc.blocks.push_back(Paragraph{{text("بموجب المادة 3 من اتفاقية "), value("Convention against Torture"),
                                  text(" لعام 1984")}});
  const auto pdf = to_pdf(doc);
  ASSERT_TRUE(pdf) << pdf.error().describe();
  const auto text = squeeze(pdf_text(*pdf));
  EXPECT_NE(text.find(squeeze("بموجب المادة")), std::string::npos) << text;
  EXPECT_NE(text.find("ConventionagainstTorture"), std::string::npos) << text;
  EXPECT_NE(text.find("1984"), std::string::npos) << text;
}

// Finds the page count from pdfinfo.
int info_pages(const std::string& pdf) {
  const auto info = pdf_info(pdf);
  std::smatch m;
  if (!std::regex_search(info, m, std::regex("Pages:\\s+(\\d+)"))) return -1;
  return std::stoi(m[1]);
}

void check_long_table(bool arabic) {
  constexpr int kRows = 150;
  const auto doc = samples::long_table(arabic, kRows);
  const auto out = render_pdf(doc);
  ASSERT_TRUE(out) << out.error().describe();
  EXPECT_EQ(out->unknown_glyphs, 0);
  // One-line rows are about 20 pt on a 712 pt column: about 35 rows a page.
  EXPECT_GE(out->pages, 4);
  EXPECT_LE(out->pages, 6);
  EXPECT_EQ(info_pages(out->bytes), out->pages);

  const std::string header = arabic ? "الحالة" : "Place of detention";
  const std::string footer = arabic ? "وثيقة سرية" : "Confidential";
  int next = 1;
  for (int page = 1; page <= out->pages; ++page) {
    const auto text = strip_bidi_marks(pdf_text(out->bytes, page));
    EXPECT_NE(text.find(header), std::string::npos) << "header missing on page " << page;
    EXPECT_NE(text.find(footer), std::string::npos) << "footer missing on page " << page;
    const std::string number = arabic ? fmt::format("صفحة {} من {}", page, out->pages)
                                      : fmt::format("Page {} of {}", page, out->pages);
    EXPECT_NE(squeeze(text).find(squeeze(number)), std::string::npos) << text;
    // Rows continue where the previous page stopped, each exactly once.
    int on_page = 0;
    while (text.find(fmt::format("R-{}\n", next)) != std::string::npos) {
      ++next;
      ++on_page;
    }
    EXPECT_GT(on_page, 0) << "page " << page;
  }
  EXPECT_EQ(next, kRows + 1);
}

TEST(Pdf, LongTableSplitsByRowsAndRepeatsHeader) { check_long_table(false); }
TEST(Pdf, LongArabicTableSplitsByRowsAndRepeatsHeader) { check_long_table(true); }

TEST(Pdf, LongParagraphBreaksAcrossPages) {
  Document doc;
  doc.title = "Long";
  std::string long_text;
  for (int i = 0; i < 400; ++i) long_text += fmt::format("Sentence number {} of the long paragraph. ", i);
  doc.blocks.push_back(paragraph(long_text));
  doc.blocks.push_back(paragraph("THE-END"));
  const auto out = render_pdf(doc);
  ASSERT_TRUE(out) << out.error().describe();
  EXPECT_GE(out->pages, 3);
  const auto text = squeeze(pdf_text(out->bytes));
  EXPECT_NE(text.find("Sentencenumber399"), std::string::npos);
  EXPECT_NE(text.find("THE-END"), std::string::npos);
}

TEST(Pdf, RowTallerThanAPageIsSplitBetweenLines) {
  Document doc;
  doc.title = "Tall row";
  std::string tall;
  for (int i = 0; i < 120; ++i) tall += fmt::format("line {}\n", i);
  doc.blocks.push_back(Table{{"Name", "Narrative"}, {{"A", tall}, {"B", "short"}}, ""});
  const auto out = render_pdf(doc);
  ASSERT_TRUE(out) << out.error().describe();
  EXPECT_GE(out->pages, 2);
  const auto text = pdf_text(out->bytes);
  EXPECT_NE(text.find("line 119"), std::string::npos);
  EXPECT_NE(text.find("short"), std::string::npos);
}

TEST(Pdf, PageBreakStartsANewPageButNeverABlankOne) {
  Document doc;
  doc.title = "Breaks";
  doc.blocks.push_back(paragraph("one"));
  doc.blocks.push_back(PageBreak{});
  doc.blocks.push_back(PageBreak{});
  doc.blocks.push_back(paragraph("two"));
  const auto out = render_pdf(doc);
  ASSERT_TRUE(out) << out.error().describe();
  EXPECT_EQ(out->pages, 2);
}

TEST(Pdf, RejectsAnInvalidDocument) {
  Document doc;
  doc.title = "Bad";
  doc.blocks.push_back(paragraph("\xff\xfe"));
  const auto out = to_pdf(doc);
  ASSERT_FALSE(out);
  EXPECT_EQ(out.error().kind, ErrorKind::kBadInput);
}

TEST(Pdf, ConcurrentRendersAgree) {
  const auto doc = samples::arabic_appeal();
  const auto reference = render_pdf(doc);
  ASSERT_TRUE(reference);
  const auto reference_text = pdf_text(reference->bytes);
  std::vector<std::string> texts(4);
  std::vector<int> pages(4, 0);
  std::vector<std::thread> threads;
  for (size_t t = 0; t < texts.size(); ++t) {
    threads.emplace_back([&, t] {
      for (int round = 0; round < 2; ++round) {
        auto out = render_pdf(t % 2 == 0 ? doc : samples::english_appeal());
        if (!out) return;
        if (t % 2 == 0) {
          texts[t] = std::move(out->bytes);
          pages[t] = out->pages;
        }
      }
    });
  }
  for (auto& th : threads) th.join();
  for (size_t t = 0; t < texts.size(); t += 2) {
    EXPECT_EQ(pages[t], reference->pages);
    EXPECT_EQ(pdf_text(texts[t]), reference_text);
  }
}

// Renders the samples for a person to look at (build/test-artifacts/*.png).
TEST(Pdf, RendersSampleArtifacts) {
  for (const auto& [name, doc] : {std::pair{"appeal-ar", samples::arabic_appeal()},
                                 std::pair{"appeal-en", samples::english_appeal()},
                                 std::pair{"table-ar", samples::long_table(true, 60)}}) {
    const auto pdf = to_pdf(doc);
    ASSERT_TRUE(pdf) << pdf.error().describe();
    poppler::keep_renders(*pdf, name);
    const auto html = to_html(doc);
    ASSERT_TRUE(html) << html.error().describe();
    testing::write_file(poppler::artifacts_dir() / (std::string(name) + ".html"), *html);
  }
  EXPECT_TRUE(std::filesystem::exists(poppler::artifacts_dir() / "appeal-ar-1.png"));
}

}  // namespace
}  // namespace sawt::render
