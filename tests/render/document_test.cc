#include "render/document.h"

#include <gtest/gtest.h>

#include "render/common.h"
#include "render/samples.h"

namespace sawt::render {
namespace {

TEST(RenderDocument, SamplesAreValid) {
  EXPECT_TRUE(validate(samples::arabic_appeal()));
  EXPECT_TRUE(validate(samples::english_appeal()));
}

TEST(RenderDocument, ValidationNamesTheBlock) {
  Document d;
  d.title = "t";
  d.blocks.push_back(paragraph("fine"));
  d.blocks.push_back(Paragraph{{text("fine"), text("bad \xc3\x28")}});
  auto st = validate(d);
  ASSERT_FALSE(st);
  EXPECT_EQ(st.error().kind, ErrorKind::kBadInput);
  EXPECT_EQ(st.error().where, "block 2 (paragraph), run 2");

  d.blocks = {Heading{"h", 3}};
  EXPECT_FALSE(validate(d));

  d.blocks = {Table{{}, {}, ""}};
  EXPECT_FALSE(validate(d));

  Chart c = samples::months_chart(false);
  c.caption.clear();
  d.blocks = {paragraph("x"), c};
  st = validate(d);
  ASSERT_FALSE(st);
  EXPECT_EQ(st.error().where, "block 2 (chart), chart");
}

TEST(RenderDocument, NeedsTitleAndLanguage) {
  Document d;
  EXPECT_FALSE(validate(d));
  d.title = "t";
  EXPECT_TRUE(validate(d));
  d.lang = "ar\" onload=\"x";
  EXPECT_FALSE(validate(d));
  d.lang = "";
  EXPECT_FALSE(validate(d));
  d.lang = "ar-SY";
  EXPECT_TRUE(validate(d));
}

TEST(RenderCommon, CleanTextKeepsTabsAndNewlines) {
  EXPECT_EQ(detail::clean_text("a\r\nb\rc\td\x01\x1f\x7f" "e"), "a\nb\nc\tde");
  EXPECT_EQ(detail::clean_text("سامر"), "سامر");
}

TEST(RenderCommon, IsolatesEachLine) {
  EXPECT_EQ(detail::isolate("ab"), "\u2068ab\u2069");
  EXPECT_EQ(detail::isolate("a\nb"), "\u2068a\u2069\n\u2068b\u2069");
  EXPECT_EQ(detail::isolate(""), "");
}

TEST(RenderCommon, FormatsNumbers) {
  EXPECT_EQ(detail::format_number(0), "0");
  EXPECT_EQ(detail::format_number(12), "12");
  EXPECT_EQ(detail::format_number(9999), "9999");
  EXPECT_EQ(detail::format_number(12345), "12,345");
  EXPECT_EQ(detail::format_number(-1234567), "-1,234,567");
  EXPECT_EQ(detail::format_number(3.5), "3.5");
  EXPECT_EQ(detail::format_number(-0.25), "-0.25");
  EXPECT_EQ(detail::format_number(2.004), "2");
}

TEST(RenderCommon, LocalisedWords) {
  EXPECT_EQ(detail::page_label(2, 5, "en"), "Page 2 of 5");
  EXPECT_EQ(detail::page_label(2, 5, "ar"), "صفحة 2 من 5");
  EXPECT_EQ(detail::notice_label(NoticeKind::kMissing, "ar-SY"), "معلومات ناقصة");
  EXPECT_EQ(detail::notice_label(NoticeKind::kMissing, "fr"), "Missing information");
  EXPECT_TRUE(detail::arabic_script("fa"));
  EXPECT_FALSE(detail::arabic_words("fa"));
  EXPECT_FALSE(detail::arabic_script("en"));
}

}  // namespace
}  // namespace sawt::render
