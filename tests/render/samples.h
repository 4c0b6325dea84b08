// Sample documents for the render tests: an Arabic urgent appeal and its
// English twin (synthetic people), with every block kind and every chart
// type, and a long table. Header-only because tests/ builds *_test.cc only.
#pragma once

#include <filesystem>
#include <string>

#include "render/document.h"

namespace sawt::render::samples {

inline Chart months_chart(bool arabic) {
  Chart c;
  c.type = Chart::Type::kLine;
  c.title = arabic ? "حالات الإعادة القسرية المبلغ عنها شهرياً" : "Reported forced returns per month";
  c.caption = arabic ? "المصدر: سجل حالات صوت، بيانات حتى 2026-11-28" : "Source: sawt case registry, data up to 2026-11-28";
  c.x_label = arabic ? "الشهر" : "Month";
  c.y_label = arabic ? "عدد الحالات" : "Cases";
  c.categories = {"2026-01", "2026-02", "2026-03", "2026-04", "2026-05", "2026-06",
                  "2026-07", "2026-08", "2026-09", "2026-10", "2026-11"};
  c.series = {{arabic ? "حالات" : "Cases", {3, 5, 4, 9, 12, 8, 15, 14, 21, 18, 25}}};
  return c;
}

inline Chart countries_chart(bool arabic) {
  Chart c;
  c.type = Chart::Type::kBar;
  c.title = arabic ? "المحتجزون المعرضون للترحيل حسب بلد الاحتجاز" : "Detainees at risk of return by country of detention";
  c.caption = arabic ? "المصدر: سجل حالات صوت، 2026-11-28" : "Source: sawt case registry, 2026-11-28";
  c.x_label = arabic ? "بلد الاحتجاز" : "Country of detention";
  c.y_label = arabic ? "عدد المحتجزين" : "Detainees";
  c.categories = arabic ? std::vector<std::string>{"لبنان", "تركيا", "الأردن", "مصر", "العراق"}
                        : std::vector<std::string>{"Lebanon", "Türkiye", "Jordan", "Egypt", "Iraq"};
  c.series = {{arabic ? "2025" : "2025", {41, 63, 17, 22, 9}}, {arabic ? "2026" : "2026", {58, 71, 20, 31, 14}}};
  return c;
}

inline Chart prisons_chart(bool arabic) {
  Chart c;
  c.type = Chart::Type::kHBar;
  c.title = arabic ? "أماكن الاحتجاز الأكثر ذكراً" : "Most reported places of detention";
  c.caption = arabic ? "المصدر: سجل حالات صوت، 2026-11-28" : "Source: sawt case registry, 2026-11-28";
  c.x_label = arabic ? "مكان الاحتجاز" : "Place of detention";
  c.y_label = arabic ? "عدد المحتجزين" : "Detainees";
  c.categories = arabic ? std::vector<std::string>{"سجن رومية المركزي", "مركز ترحيل غازي عنتاب",
                                                  "سجن الموقر", "سجن طرة (Tora)", "مطار بيروت — الأمن العام"}
                        : std::vector<std::string>{"Roumieh Central Prison", "Gaziantep Removal Centre",
                                                   "Muwaqqar Prison", "Tora Prison (سجن طرة)",
                                                   "Beirut Airport — General Security"};
  c.series = {{"", {37, 29, 14, 11, 6}}};
  return c;
}

inline Chart detention_histogram(bool arabic) {
  Chart c;
  c.type = Chart::Type::kHistogram;
  c.title = arabic ? "مدة الاحتجاز قبل المحاكمة" : "Time in pretrial detention";
  c.caption = arabic ? "المصدر: سجل حالات صوت، 112 حالة، 2026-11-28" : "Source: sawt case registry, 112 cases, 2026-11-28";
  c.x_label = arabic ? "الأشهر" : "Months";
  c.y_label = arabic ? "عدد المحتجزين" : "Detainees";
  Series s;
  for (int i = 0; i < 112; ++i) s.values.push_back((i * 37 % 61) + (i % 7) * 3);
  c.series = {s};
  return c;
}

inline Document arabic_appeal() {
  Document d;
  d.lang = "ar";
  d.dir = Dir::kRtl;
  d.title = "نداء عاجل: خطر الترحيل القسري للسيد سامر الحلبي";
  d.subtitle = "إلى المقرر الخاص المعني بالتعذيب وفريق الأمم المتحدة العامل المعني بالاحتجاز التعسفي";
  d.footer = "سرّي — أُنشئ بواسطة صوت في 2026-11-28";
  d.blocks.push_back(Heading{"بيانات الشخص المعني"});
  d.blocks.push_back(Fields{{{"الاسم الكامل", "سامر محمود الحلبي"},
                             {"الاسم بالحروف اللاتينية", "Samer Mahmoud al-Halabi"},
                             {"تاريخ الميلاد", "1991-04-17"},
                             {"الجنسية", "سوري"},
                             {"مكان الاحتجاز الحالي", "سجن رومية المركزي، لبنان"},
                             {"رقم القضية", "SAWT-2026-0412"}}});
  d.blocks.push_back(Heading{"الوقائع"});
  d.blocks.push_back(Paragraph{{text("اعتُقل السيد "), value("سامر الحلبي"),
                                text(" في 3 آذار/مارس 2026 عند حاجز للأمن العام قرب بيروت، ولم يُعرض على قاضٍ "
                                     "خلال المهلة القانونية. وقد أُبلغت عائلته في 20 تشرين الثاني/نوفمبر 2026 بأن "
                                     "قراراً بترحيله إلى سوريا صدر دون أن تتاح له فرصة الطعن فيه. ويخشى ذووه أن "
                                     "يتعرض للتعذيب أو الاختفاء القسري إذا أُعيد، إذ سبق أن استُدعي للتحقيق "
                                     "بسبب نشاطه في لجان التنسيق المحلية عام 2012.")}});
  d.blocks.push_back(Paragraph{{strong("الأساس القانوني: "),
                                text("يحظر مبدأ عدم الإعادة القسرية بموجب المادة 3 من اتفاقية مناهضة التعذيب "
                                     "(CAT) إعادة أي شخص إلى دولة توجد فيها أسباب حقيقية تدعو إلى الاعتقاد "
                                     "بأنه سيكون في خطر التعرض للتعذيب.")}});
  d.blocks.push_back(Notice{NoticeKind::kWarning, {text("موعد الترحيل المتوقع: 2026-12-02 — يلزم التحرك قبل هذا التاريخ.")}});
  d.blocks.push_back(Notice{NoticeKind::kMissing, {text("لا يوجد رقم ملف لدى المفوضية السامية لشؤون اللاجئين.")}});
  d.blocks.push_back(Heading{"مسار الاحتجاز", 2});
  d.blocks.push_back(Table{{"التاريخ", "المكان", "الجهة", "ملاحظات"},
                           {{"2026-03-03", "حاجز المدفون", "الأمن العام", "اعتقال دون مذكرة"},
                            {"2026-03-05", "مركز العدلية", "الأمن العام", "منع من الاتصال بمحامٍ"},
                            {"2026-04-11", "سجن رومية المركزي", "وزارة الداخلية", "Block B, cell 14."}},
                           ""});
  d.blocks.push_back(Heading{"الطلبات"});
  d.blocks.push_back(Bullets{{{text("وقف تنفيذ قرار الترحيل فوراً.")},
                              {text("تمكين السيد الحلبي من الاتصال بمحامٍ وبالمفوضية السامية لشؤون اللاجئين.")},
                              {text("إجراء تقييم فردي لخطر التعذيب وفق المادة 3 من اتفاقية مناهضة التعذيب.")}},
                             true});
  d.blocks.push_back(Heading{"السياق"});
  d.blocks.push_back(countries_chart(true));
  d.blocks.push_back(months_chart(true));
  d.blocks.push_back(prisons_chart(true));
  d.blocks.push_back(detention_histogram(true));
  d.blocks.push_back(Notice{NoticeKind::kConfidential, {text("لا تُنشر هذه الوثيقة دون موافقة العائلة.")}});
  return d;
}

inline Document english_appeal() {
  Document d;
  d.lang = "en";
  d.dir = Dir::kLtr;
  d.title = "Urgent appeal: risk of forced return of Mr Samer al-Halabi";
  d.subtitle = "To the Special Rapporteur on torture and the UN Working Group on Arbitrary Detention";
  d.footer = "Confidential — generated by sawt on 2026-11-28";
  d.blocks.push_back(Heading{"The person concerned"});
  d.blocks.push_back(Fields{{{"Full name", "Samer Mahmoud al-Halabi"},
                             {"Name in Arabic", "سامر محمود الحلبي"},
                             {"Date of birth", "1991-04-17"},
                             {"Nationality", "Syrian"},
                             {"Current place of detention", "Roumieh Central Prison, Lebanon"},
                             {"Case number", "SAWT-2026-0412"}}});
  d.blocks.push_back(Heading{"Facts"});
  d.blocks.push_back(Paragraph{{text("Mr "), value("سامر الحلبي"),
                                text(" (Samer al-Halabi) was arrested on 3 March 2026 at a General Security "
                                     "checkpoint near Beirut and was not brought before a judge within the legal "
                                     "time limit. On 20 November 2026 his family was told that a deportation order "
                                     "to Syria had been issued without any opportunity to appeal. His relatives "
                                     "fear he will be tortured or disappeared if returned: he was summoned for "
                                     "interrogation in 2012 for his work with the Local Coordination Committees.")}});
  d.blocks.push_back(Paragraph{{strong("Legal basis: "),
                                text("the principle of non-refoulement under article 3 of the Convention against "
                                     "Torture prohibits returning anyone to a State where there are substantial "
                                     "grounds for believing that they would be in danger of being subjected to "
                                     "torture.")}});
  d.blocks.push_back(Notice{NoticeKind::kWarning, {text("Expected deportation date: 2026-12-02 — action is needed before then.")}});
  d.blocks.push_back(Notice{NoticeKind::kMissing, {text("No UNHCR file number is on record.")}});
  d.blocks.push_back(Heading{"Detention history", 2});
  d.blocks.push_back(Table{{"Date", "Place", "Authority", "Notes"},
                           {{"2026-03-03", "Madfoun checkpoint", "General Security", "Arrest without a warrant"},
                            {"2026-03-05", "Adliyeh centre", "General Security", "Denied access to a lawyer"},
                            {"2026-04-11", "سجن رومية المركزي", "Ministry of Interior", "Block B, cell 14."}},
                           ""});
  d.blocks.push_back(Heading{"Requests"});
  d.blocks.push_back(Bullets{{{text("Halt the deportation order immediately.")},
                              {text("Give Mr al-Halabi access to a lawyer and to UNHCR.")},
                              {text("Carry out an individual assessment of the risk of torture under article 3 CAT.")}},
                             true});
  d.blocks.push_back(Heading{"Context"});
  d.blocks.push_back(countries_chart(false));
  d.blocks.push_back(months_chart(false));
  d.blocks.push_back(prisons_chart(false));
  d.blocks.push_back(detention_histogram(false));
  d.blocks.push_back(Notice{NoticeKind::kConfidential, {text("Do not publish without the family's consent.")}});
  return d;
}

// A table of ROWS rows whose first cell is "R-<n>" (1-based), to test page breaks.
inline Document long_table(bool arabic, int rows) {
  Document d;
  d.lang = arabic ? "ar" : "en";
  d.dir = arabic ? Dir::kRtl : Dir::kLtr;
  d.title = arabic ? "قائمة المحتجزين" : "List of detainees";
  d.footer = arabic ? "وثيقة سرية" : "Confidential";
  Table t;
  t.header = arabic ? std::vector<std::string>{"الرقم", "الاسم", "مكان الاحتجاز", "الحالة"}
                    : std::vector<std::string>{"Number", "Name", "Place of detention", "Status"};
  for (int i = 1; i <= rows; ++i) {
    t.rows.push_back({"R-" + std::to_string(i), arabic ? "محمد عبد الله" : "Mohammed Abdallah",
                      arabic ? "سجن رومية المركزي" : "Roumieh Central Prison", arabic ? "محتجز" : "detained"});
  }
  d.blocks.push_back(std::move(t));
  return d;
}

}  // namespace sawt::render::samples
