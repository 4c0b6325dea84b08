// The advocacy report and the case brief: vignettes only for persons whose
// consent in force allows publication, never a name in the report, briefs
// refused without consent, Arabic and English PDFs with every glyph drawn and
// every Arabic chart caption's date drawn left to right.
// Renders of the demo store's report are kept in build/test-artifacts/.
#include "reports/report.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <cstdlib>

#include "app/demo.h"
#include "app/reference.h"
#include "render/chart_paint.h"
#include "render/html.h"
#include "render/pdf.h"
#include "render/poppler.h"
#include "testing.h"

namespace sawt::reports {
namespace {

using std::chrono::sys_days;

PartialDate d(const char* s) { return *PartialDate::parse(s); }

// Every string of DOC, one per line, as a reader would see it.
std::string all_text(const render::Document& doc) {
  std::string out = doc.title + "\n" + doc.subtitle + "\n" + doc.footer + "\n";
  for (const auto& block : doc.blocks) {
    std::visit(
        [&](const auto& b) {
          using T = std::decay_t<decltype(b)>;
          if constexpr (std::is_same_v<T, render::Heading>) out += b.text + "\n";
          if constexpr (std::is_same_v<T, render::Paragraph> || std::is_same_v<T, render::Notice>) {
            for (const auto& r : b.runs) out += r.text + "\n";
          }
          if constexpr (std::is_same_v<T, render::Fields>) {
            for (const auto& f : b.fields) out += f.label + "\n" + f.value + "\n";
          }
          if constexpr (std::is_same_v<T, render::Table>) {
            out += b.caption + "\n";
            for (const auto& row : b.rows) {
              for (const auto& cell : row) out += cell + "\n";
            }
          }
          if constexpr (std::is_same_v<T, render::Bullets>) {
            for (const auto& item : b.items) {
              for (const auto& r : item) out += r.text + "\n";
            }
          }
          if constexpr (std::is_same_v<T, render::Chart>) {
            out += b.title + "\n" + b.caption + "\n";
            for (const auto& c : b.categories) out += c + "\n";
          }
        },
        block);
  }
  return out;
}

// The text of the numbered list of case vignettes.
std::string vignette_text(const render::Document& doc) {
  std::string out;
  for (const auto& block : doc.blocks) {
    if (const auto* b = std::get_if<render::Bullets>(&block); b != nullptr && b->numbered) {
      for (const auto& item : b->items) {
        for (const auto& r : item) out += r.text + "\n";
      }
    }
  }
  return out;
}

size_t vignettes(const render::Document& doc) {
  for (const auto& block : doc.blocks) {
    if (const auto* b = std::get_if<render::Bullets>(&block); b != nullptr && b->numbered)
      return b->items.size();
  }
  return 0;
}

class ReportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    setenv("SAWT_INSECURE_FAST_KDF", "1", 1);
    auto s = store::Store::create(tmp / "store", crypto::make_passphrase("report test"));
    ASSERT_TRUE(s) << s.error().describe();
    store = std::move(*s);
    repo = std::make_unique<store::Repository>(*store, "test");
    ASSERT_TRUE(app::seed_reference_data(*repo));
    rules = *app::load_protection_rules(*repo);
    consenting = add("خالد محمود الحموي", "Khaled Mahmoud al-Hamwi", "sy");
    refusing = add("سامر يوسف العلي", "Samer Youssef al-Ali", "ps");
    revoked = add("أحمد سعيد النجار", "Ahmad Said al-Najjar", "iq");
    consent(consenting, "publish_anonymised", Consent::kGranted, "2025-01-01");
    consent(refusing, "publish_anonymised", Consent::kRefused, "2025-01-01");
    consent(revoked, "publish_name", Consent::kGranted, "2024-01-01");
    consent(revoked, "publish_name", Consent::kRefused, "2025-06-01");
  }
  Id add(const char* ar, const char* lat, const char* nationality) {
    Person p;
    p.name_ar.full = ar;
    p.name_lat.full = lat;
    p.nationality = nationality;
    p.status = "pretrial";
    p.facility_code = "lb-roumieh";
    auto added = repo->add_person(p);
    EXPECT_TRUE(added) << added.error().describe();
    EXPECT_TRUE(repo->add_arrest({0, added->id, d("2014-03"), "Arsal", "army_intelligence", ""}));
    return added->id;
  }
  void consent(Id person, const char* scope, Consent decision, const char* date) {
    ConsentRecord c;
    c.person_id = person;
    c.scope = scope;
    c.decision = decision;
    c.given_by = "self";
    c.date = d(date);
    ASSERT_TRUE(repo->add_consent(c));
  }
  render::Document report(const char* lang) {
    ReportOptions o;
    o.lang = lang;
    o.as_of = sys_days{std::chrono::year{2026} / 6 / 30};
    auto doc = make_report(*repo, rules, o);
    EXPECT_TRUE(doc) << doc.error().describe();
    return doc ? *doc : render::Document{};
  }

  sawt::testing::TempDir tmp;
  std::unique_ptr<store::Store> store;
  std::unique_ptr<store::Repository> repo;
  app::ProtectionRules rules;
  Id consenting = 0, refusing = 0, revoked = 0;
};

TEST_F(ReportTest, VignettesOnlyWithConsentInForceAndNeverAName) {
  for (const char* lang : {"en", "ar"}) {
    SCOPED_TRACE(lang);
    const auto doc = report(lang);
    EXPECT_EQ(vignettes(doc), 1u);
    const auto text = all_text(doc);
    const auto cases = vignette_text(doc);
    const bool ar = std::string_view(lang) == "ar";
    EXPECT_NE(cases.find(ar ? "سوريا" : "Syria"), std::string::npos) << "the consenting person's vignette";
    EXPECT_EQ(cases.find(ar ? "فلسطين" : "Palestine"), std::string::npos) << "refused consent: no vignette";
    EXPECT_EQ(cases.find(ar ? "العراق" : "Iraq"), std::string::npos) << "revoked consent: no vignette";
    for (Id id : {consenting, refusing, revoked}) {
      const auto p = *repo->get_person(id);
      EXPECT_EQ(text.find(p.name_ar.full), std::string::npos);
      EXPECT_EQ(text.find(p.name_lat.full), std::string::npos);
      EXPECT_EQ(text.find(p.public_id), std::string::npos);
      EXPECT_EQ(text.find("Arsal"), std::string::npos);
    }
  }
  ReportOptions bad;
  bad.lang = "fr";
  EXPECT_EQ(make_report(*repo, rules, bad).error().kind, ErrorKind::kBadInput);
}

TEST_F(ReportTest, BriefNeedsConsentAndNamesOnlyWithPublishName) {
  const sys_days today{std::chrono::year{2026} / 6 / 30};
  auto refused = make_brief(*repo, rules, refusing, "en", today);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().kind, ErrorKind::kAuth);
  EXPECT_NE(refused.error().hint.find("publish_anonymised"), std::string::npos);
  EXPECT_EQ(make_brief(*repo, rules, revoked, "ar", today).error().kind, ErrorKind::kAuth);

  auto anonymous = make_brief(*repo, rules, consenting, "ar", today);
  ASSERT_TRUE(anonymous) << anonymous.error().describe();
  EXPECT_EQ(all_text(*anonymous).find("الحموي"), std::string::npos);
  EXPECT_EQ(anonymous->dir, render::Dir::kRtl);

  consent(consenting, "publish_name", Consent::kGranted, "2026-01-01");
  ASSERT_TRUE(repo->add_health_need({0, consenting, "medication", "urgent", d("2026-02"), false, ""}));
  auto named = make_brief(*repo, rules, consenting, "en", today);
  ASSERT_TRUE(named) << named.error().describe();
  const auto text = all_text(*named);
  EXPECT_NE(text.find("Khaled Mahmoud al-Hamwi"), std::string::npos);
  EXPECT_NE(text.find("Regular medication"), std::string::npos);
  auto pdf = render::render_pdf(*named);
  ASSERT_TRUE(pdf) << pdf.error().describe();
  EXPECT_EQ(pdf->unknown_glyphs, 0);
}

// The demo store's report in both languages, rendered and kept for people to
// look at: build/test-artifacts/report-{ar,en}.pdf and report-{ar,en}-N.png.
TEST(ReportDemo, RendersArabicAndEnglishPdfsWithEveryGlyph) {
  setenv("SAWT_INSECURE_FAST_KDF", "1", 1);
  setenv("SAWT_TODAY", "2026-06-30", 1);
  sawt::testing::TempDir tmp;
  ASSERT_TRUE(app::build_demo_store(tmp / "demo", crypto::make_passphrase("report demo"), {200, 4}));
  unsetenv("SAWT_TODAY");
  auto s = store::Store::open(tmp / "demo", crypto::make_passphrase("report demo"));
  ASSERT_TRUE(s);
  store::Repository repo(**s, "test");
  const auto rules = *app::load_protection_rules(repo);
  for (const char* lang : {"ar", "en"}) {
    SCOPED_TRACE(lang);
    ReportOptions o;
    o.lang = lang;
    o.as_of = sys_days{std::chrono::year{2026} / 6 / 30};
    auto doc = make_report(repo, rules, o);
    ASSERT_TRUE(doc) << doc.error().describe();
    EXPECT_EQ(vignettes(*doc), 8u);
    auto pdf = render::render_pdf(*doc);
    ASSERT_TRUE(pdf) << pdf.error().describe();
    EXPECT_EQ(pdf->unknown_glyphs, 0) << "tofu boxes in the " << lang << " report";
    EXPECT_GE(pdf->pages, 5);
    const auto text = render::poppler::pdf_text(pdf->bytes);
    EXPECT_NE(text.find(std::string_view(lang) == "ar" ? "رومية" : "Roumieh"), std::string::npos);
    if (std::string_view(lang) == "en") {
      EXPECT_NE(text.find("as of 2026-06-30"), std::string::npos);
    } else {
      // Every chart's caption shows its as-of date as written, as drawn (not only as stored).
      int charts = 0;
      for (const auto& block : doc->blocks) {
        const auto* chart = std::get_if<render::Chart>(&block);
        if (chart == nullptr) continue;
        ++charts;
        render::detail::TextEngine engine("ar", render::Dir::kRtl);
        auto layout = render::detail::caption_layout(engine, *chart);
        std::string drawn;
        for (int i = 0; i < pango_layout_get_line_count(layout.get()); ++i)
          drawn += render::detail::visual_ascii(layout.get(), i) + "\n";
        EXPECT_NE(drawn.find("2026-06-30"), std::string::npos) << chart->title << ": " << drawn;
      }
      EXPECT_GE(charts, 8);
    }
    render::poppler::keep_renders(pdf->bytes, fmt::format("report-{}", lang));
    auto html = render::to_html(*doc);
    ASSERT_TRUE(html);
    testing::write_file(render::poppler::artifacts_dir() / fmt::format("report-{}.html", lang), *html);
  }
}

}  // namespace
}  // namespace sawt::reports
