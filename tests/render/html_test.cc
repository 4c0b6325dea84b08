#include "render/html.h"

#include <gtest/gtest.h>

#include <regex>
#include <set>

#include "render/samples.h"

namespace sawt::render {
namespace {

std::string html_of(const Document& doc) {
  auto html = to_html(doc);
  EXPECT_TRUE(html) << html.error().describe();
  return html ? *html : std::string();
}

size_t count(const std::string& haystack, const std::string& needle) {
  size_t n = 0;
  for (auto at = haystack.find(needle); at != std::string::npos; at = haystack.find(needle, at + 1)) ++n;
  return n;
}

TEST(Html, EscapesTheFiveCharacters) {
  EXPECT_EQ(html_escape(R"(<a href="x">'&'</a>)"), "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
  EXPECT_EQ(html_escape("سامر <b>"), "سامر &lt;b&gt;");
}

// A document where every place a caller can put text holds a script payload.
Document hostile(bool arabic) {
  const std::string p = arabic ? "سامر<script>alert('س')</script>\"'&" : "Samer<script>alert(1)</script>\"'&";
  Document d;
  d.lang = arabic ? "ar" : "en";
  d.dir = arabic ? Dir::kRtl : Dir::kLtr;
  d.title = p;
  d.subtitle = p;
  d.footer = p;
  d.blocks.push_back(Heading{p});
  d.blocks.push_back(Heading{p, 2});
  d.blocks.push_back(Paragraph{{text(p), strong(p), value(p), Inline{p, false, true, false}}});
  d.blocks.push_back(Fields{{{p, p}}});
  d.blocks.push_back(Table{{p, p}, {{p, p}}, p});
  d.blocks.push_back(Bullets{{{text(p)}}, false});
  d.blocks.push_back(Notice{NoticeKind::kWarning, {text(p)}});
  Chart c = samples::countries_chart(arabic);
  c.title = p;
  c.caption = p;
  c.x_label = p;
  c.y_label = p;
  c.categories[0] = p;
  c.series[0].name = p;
  d.blocks.push_back(c);
  return d;
}

TEST(Html, EscapesEveryTextValueLatinAndArabic) {
  for (bool arabic : {false, true}) {
    const auto html = html_of(hostile(arabic));
    EXPECT_EQ(html.find("<script"), std::string::npos) << html;
    EXPECT_EQ(html.find("alert('"), std::string::npos);
    EXPECT_EQ(html.find("\"'&\""), std::string::npos);
    EXPECT_GE(count(html, "&lt;script&gt;"), 18u);
    EXPECT_GE(count(html, "&quot;&#39;&amp;"), 18u);
  }
}

TEST(Html, StructureCarriesLanguageAndDirection) {
  const auto ar = html_of(samples::arabic_appeal());
  EXPECT_TRUE(ar.starts_with("<!DOCTYPE html>\n<html lang=\"ar\" dir=\"rtl\">"));
  EXPECT_NE(ar.find("<meta charset=\"utf-8\">"), std::string::npos);
  EXPECT_NE(ar.find("<title>نداء عاجل: خطر الترحيل القسري للسيد سامر الحلبي</title>"), std::string::npos);
  EXPECT_NE(ar.find("<h1>نداء عاجل"), std::string::npos);
  EXPECT_NE(ar.find("<th scope=\"col\">التاريخ</th><th scope=\"col\">المكان</th>"), std::string::npos)
      << "columns stay in logical order; dir=rtl puts the first on the right";
  EXPECT_NE(ar.find("<td><bdi>Block B, cell 14.</bdi></td>"), std::string::npos) << "values are isolated";
  EXPECT_NE(ar.find("<footer>سرّي — أُنشئ بواسطة صوت في 2026-11-28</footer>"), std::string::npos);
  EXPECT_NE(ar.find("class=\"notice notice-warning\""), std::string::npos);
  EXPECT_NE(ar.find("<span class=\"notice-label\">تنبيه:</span>"), std::string::npos);
  EXPECT_NE(ar.find("<ol>"), std::string::npos);

  const auto en = html_of(samples::english_appeal());
  EXPECT_TRUE(en.starts_with("<!DOCTYPE html>\n<html lang=\"en\" dir=\"ltr\">"));
  EXPECT_NE(en.find("<span class=\"notice-label\">Warning:</span>"), std::string::npos);
}

TEST(Html, UsesLogicalCssPropertiesOnly) {
  const auto html = html_of(samples::arabic_appeal());
  const auto style = html.substr(html.find("<style>"), html.find("</style>") - html.find("<style>"));
  for (const char* physical : {"margin-left", "margin-right", "padding-left", "padding-right", "border-left",
                               "border-right", "text-align: left", "text-align: right", "float:"}) {
    EXPECT_EQ(style.find(physical), std::string::npos) << physical;
  }
  EXPECT_NE(style.find("border-inline-start"), std::string::npos);
  EXPECT_NE(style.find("@page { size: A4"), std::string::npos);
  EXPECT_NE(style.find("@media print"), std::string::npos);
}

TEST(Html, IsSelfContained) {
  for (const auto& doc : {samples::arabic_appeal(), samples::english_appeal(), hostile(true)}) {
    const auto html = html_of(doc);
    EXPECT_NE(html.find("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
                        "style-src 'unsafe-inline'; img-src data:\">"),
              std::string::npos);
    // No URL of any kind: "http" appears only in the http-equiv attribute name.
    EXPECT_EQ(count(html, "http"), 1u);
    EXPECT_EQ(html.find("//"), std::string::npos);
    EXPECT_EQ(html.find("url("), std::string::npos);
    EXPECT_EQ(html.find("<script"), std::string::npos);
    EXPECT_EQ(html.find("<link"), std::string::npos);
    EXPECT_EQ(html.find("@import"), std::string::npos);
    EXPECT_EQ(html.find("@font-face"), std::string::npos);
    EXPECT_EQ(html.find(" src="), std::string::npos);
    EXPECT_EQ(html.find("xmlns"), std::string::npos);
  }
}

TEST(Html, ChartsAreInlineSvgWithDistinctIds) {
  const auto html = html_of(samples::english_appeal());
  EXPECT_EQ(count(html, "<figure class=\"chart\">"), 4u);
  EXPECT_EQ(count(html, "<svg "), 4u);
  EXPECT_EQ(count(html, "</svg>"), 4u);
  EXPECT_EQ(html.find("<?xml"), std::string::npos);
  EXPECT_NE(html.find("role=\"img\" aria-label=\"Reported forced returns per month — Source: sawt case registry, "
                      "data up to 2026-11-28\""),
            std::string::npos);
  // Every id is defined once in the whole document, and every reference finds one.
  std::set<std::string> ids;
  const std::regex id_re("id=\"([^\"]+)\"");
  for (auto it = std::sregex_iterator(html.begin(), html.end(), id_re); it != std::sregex_iterator(); ++it) {
    EXPECT_TRUE(ids.insert((*it)[1]).second) << "duplicate id " << (*it)[1];
  }
  const std::regex ref_re("href=\"#([^\"]+)\"");
  for (auto it = std::sregex_iterator(html.begin(), html.end(), ref_re); it != std::sregex_iterator(); ++it) {
    EXPECT_TRUE(ids.contains((*it)[1])) << "dangling reference " << (*it)[1];
  }
  // The numbers behind the chart, as a table.
  EXPECT_NE(html.find("<tr><th scope=\"row\"><bdi>Türkiye</bdi></th><td>63</td><td>71</td></tr>"), std::string::npos);
  EXPECT_NE(html.find("<details><summary>Data</summary>"), std::string::npos);
}

TEST(Html, KeepsLineBreaksAndDropsControlCharacters) {
  Document d;
  d.title = "t";
  d.blocks.push_back(paragraph("one\r\ntwo\x07three"));
  const auto html = html_of(d);
  EXPECT_NE(html.find("<p>one<br>twothree</p>"), std::string::npos);
}

TEST(Html, PageBreakAndEmptyCells) {
  Document d;
  d.title = "t";
  d.blocks.push_back(PageBreak{});
  d.blocks.push_back(Table{{"a", "b", "c"}, {{"1"}}, ""});
  const auto html = html_of(d);
  EXPECT_NE(html.find("<div class=\"page-break\"></div>"), std::string::npos);
  EXPECT_NE(html.find("<tr><td><bdi>1</bdi></td><td></td><td></td></tr>"), std::string::npos);
}

TEST(Html, RejectsAnInvalidDocument) {
  Document d;
  d.title = "t";
  d.blocks.push_back(Table{{"a"}, {{"1", "2"}}, ""});
  const auto html = to_html(d);
  ASSERT_FALSE(html);
  EXPECT_EQ(html.error().kind, ErrorKind::kBadInput);
  EXPECT_EQ(html.error().where, "block 1 (table), row 1");
}

}  // namespace
}  // namespace sawt::render
