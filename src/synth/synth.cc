#include "synth/synth.h"

#include <fmt/format.h>

#include "synth/casefile.h"
#include "synth/population.h"
#include "synth/sources.h"
#include "synth/tables.h"
#include "synth/text.h"

namespace sawt::synth {

namespace {

constexpr std::uint64_t kTagOrder = 0x6f7264;
constexpr std::uint64_t kTagConfidential = 0x636f6e;

Status validate(const Options& o) {
  const auto bad = [](std::string what, std::string where, std::string hint) {
    return fail(ErrorKind::kUsage, std::move(what), std::move(where), std::move(hint));
  };
  if (o.people < 1)
    return bad(fmt::format("people must be at least 1, got {}", o.people), "people", "e.g. --people 200");
  if (o.people > 20'000'000)
    return bad(fmt::format("people must be at most 20,000,000, got {}", o.people), "people", "");
  if (o.sources < 1 || o.sources > 64) {
    return bad(fmt::format("sources must be between 1 and 64, got {}", o.sources), "sources",
               "the default is 4");
  }
  if (!(o.sibling_share >= 0 && o.sibling_share <= 0.9)) {
    return bad(fmt::format("sibling_share must be between 0 and 0.9, got {}", o.sibling_share),
               "sibling_share", "the default is 0.25");
  }
  if (!(o.arabic_share >= 0 && o.arabic_share <= 1)) {
    return bad(fmt::format("arabic_share must be between 0 and 1, got {}", o.arabic_share), "arabic_share",
               "the default is 0.5");
  }
  if (o.today < std::chrono::sys_days{std::chrono::year{2012} / 1 / 1} ||
      o.today > std::chrono::sys_days{std::chrono::year{2100} / 1 / 1}) {
    return bad(
        fmt::format("today ({}) must lie between 2012 and 2100", PartialDate::from_days(o.today).to_string()),
        "today", "arrests are generated from 2011 on; pass sawt::today()");
  }
  return {};
}

Person curated_person(const Identity& who, int index, const Options& options, const Tables& t) {
  Person p;
  p.public_id = fmt::format("P-{:06}", index + 1);
  const Name& first = first_name(who, t);
  const Name& father = t.male[who.father];
  const Name& grandfather = t.male[who.grandfather];
  const Name& family = t.family[who.family_name];
  const Name& mother = t.female[who.mother_first];
  const Name& mother_family = t.family[who.mother_family];
  p.name_ar.first = first.arabic;
  p.name_ar.father = father.arabic;
  p.name_ar.grandfather = grandfather.arabic;
  p.name_ar.family = family.arabic;
  p.name_ar.mother = mother.arabic + " " + mother_family.arabic;
  const auto lat_family = [](const Name& n) {
    return n.article ? render_article(n.latin, n.arabic, ArticleStyle::kAlHyphen) : n.latin;
  };
  const auto title = [](const std::string& s) { return apply_case(s, LetterCase::kTitleParticles); };
  p.name_lat.first = title(first.latin);
  p.name_lat.father = title(father.latin);
  p.name_lat.grandfather = title(grandfather.latin);
  p.name_lat.family = title(lat_family(family));
  p.name_lat.mother = title(mother.latin + " " + lat_family(mother_family));
  p.gender = who.female != 0 ? "f" : "m";
  p.birth_date = PartialDate::from_days(day(who.birth_day));
  p.birth_place = t.places[who.birth_place].arabic;
  p.nationality = std::string(nationality_code(who.nationality));
  if (who.id_number != 0) p.id_number = fmt::format("{:011}", who.id_number);
  p.status = std::string(status_code(who.status));
  if (who.exit_day == 0) p.facility_code = t.facilities[who.facility].code;
  Rng rng = Rng::keyed(options.seed, kTagConfidential, static_cast<std::uint64_t>(index));
  p.confidential = rng.chance(0.1);
  return p;
}

}  // namespace

struct Generator::Impl {
  Options options;
  const Tables* tables = nullptr;  // not owned: the process-wide tables()
  Population population;
  std::vector<SourceProfile> profiles;
  std::vector<Source> sources;

  // Produces every record in dataset order; the sink may take the record's contents.
  template <typename Sink>
  Status each_record(Sink&& sink) const {
    SourceRecord record;
    const int n = static_cast<int>(population.people.size());
    std::vector<std::uint64_t> entries;  // person << 1 | copy
    for (int s = 0; s < static_cast<int>(profiles.size()); ++s) {
      entries.clear();
      for (int p = 0; p < n; ++p) {
        const int copies =
            listings(profiles, s, population.people[static_cast<std::size_t>(p)], p, options.seed);
        for (int c = 0; c < copies; ++c)
          entries.push_back(static_cast<std::uint64_t>(p) << 1 | static_cast<std::uint64_t>(c));
      }
      Rng order = Rng::keyed(options.seed, kTagOrder, static_cast<std::uint64_t>(s));
      order.shuffle(entries);
      std::int64_t position = 0;
      for (const std::uint64_t e : entries) {
        const auto p = static_cast<int>(e >> 1);
        const auto copy = static_cast<int>(e & 1);
        render_record(profiles[static_cast<std::size_t>(s)], s,
                      population.people[static_cast<std::size_t>(p)], p, copy, ++position, options, *tables,
                      record);
        SAWT_CHECK(sink(record, p));
      }
    }
    return {};
  }
};

Generator::Generator(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Generator::Generator(Generator&&) noexcept = default;
Generator& Generator::operator=(Generator&&) noexcept = default;
Generator::~Generator() = default;

Result<Generator> Generator::create(const Options& options) {
  SAWT_CHECK(validate(options));
  const Result<Tables>& loaded = tables();
  if (!loaded) return std::unexpected(loaded.error());
  auto impl = std::make_unique<Impl>();
  impl->options = options;
  impl->tables = &*loaded;
  impl->population = make_population(options, *loaded);
  impl->profiles = make_profiles(options);
  for (int i = 0; i < static_cast<int>(impl->profiles.size()); ++i) {
    impl->sources.push_back(to_source(impl->profiles[static_cast<std::size_t>(i)], i));
  }
  return Generator(std::move(impl));
}

const Options& Generator::options() const { return impl_->options; }
const std::vector<Source>& Generator::sources() const { return impl_->sources; }
int Generator::people() const { return static_cast<int>(impl_->population.people.size()); }

SynthPerson Generator::person(int index) const {
  const Identity& who = impl_->population.people.at(static_cast<std::size_t>(index));
  SynthPerson out;
  out.person = curated_person(who, index, impl_->options, *impl_->tables);
  out.family = who.family;
  out.clan = who.clan;
  if (impl_->options.case_data) add_case_data(out, who, index, impl_->options, *impl_->tables);
  return out;
}

const std::vector<std::string>& Generator::extra_columns() { return synth::extra_columns(); }

int Generator::family_of(int index) const {
  return impl_->population.people.at(static_cast<std::size_t>(index)).family;
}

Status Generator::for_each_record(const RecordSink& sink) const {
  return impl_->each_record([&](const SourceRecord& r, int p) { return sink(r, p); });
}

Result<Dataset> generate(const Options& options) {
  auto created = Generator::create(options);
  if (!created) return std::unexpected(std::move(created.error()));
  const Generator& gen = *created;
  Dataset ds;
  ds.sources = gen.sources();
  ds.people.reserve(static_cast<std::size_t>(gen.people()));
  for (int i = 0; i < gen.people(); ++i) ds.people.push_back(gen.person(i));
  double per_person = 0;
  for (const auto& s : gen.impl_->profiles) per_person += s.coverage * (1 + s.duplicates);
  const auto estimate = static_cast<std::size_t>((per_person + 0.2) * gen.people());
  ds.records.reserve(estimate);
  ds.record_person.reserve(estimate);
  SAWT_CHECK(gen.impl_->each_record([&](SourceRecord& r, int p) -> Status {
    ds.records.push_back(std::move(r));
    ds.record_person.push_back(p);
    return {};
  }));
  return ds;
}

}  // namespace sawt::synth
