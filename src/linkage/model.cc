#include "linkage/model.h"

#include <fmt/format.h>

#include <cmath>
#include <set>

namespace sawt::linkage {

namespace {

constexpr std::array<std::string_view, kLevels> kLevelNames = {"missing", "exact", "close", "partial",
                                                               "different"};

constexpr std::array<std::string_view, kKnownFields> kKnownNames = {
    "first_name",  "father_name", "grandfather_name", "family_name", "mother_name", "birth_date",
    "birth_place", "gender",      "nationality",      "id_number",   "facility",    "arrest_date"};

// m then u over exact, close, partial, different.
struct Defaults {
  std::array<double, 4> m;
  std::array<double, 4> u;
  bool tf;
};

Defaults defaults_for(KnownField field) {
  switch (field) {
    case KnownField::kFirstName:
    case KnownField::kFatherName:
    case KnownField::kGrandfatherName:
    case KnownField::kMotherName:
      return {{0.50, 0.40, 0.05, 0.05}, {0.02, 0.02, 0.06, 0.90}, true};
    case KnownField::kFamilyName:
      return {{0.50, 0.40, 0.05, 0.05}, {0.01, 0.01, 0.05, 0.93}, true};
    case KnownField::kBirthDate:
      return {{0.60, 0.12, 0.23, 0.05}, {0.001, 0.005, 0.04, 0.954}, true};
    case KnownField::kArrestDate:
      return {{0.35, 0.20, 0.30, 0.15}, {0.003, 0.02, 0.10, 0.877}, false};
    case KnownField::kGender:
      return {{0.98, 0, 0, 0.02}, {0.5, 0, 0, 0.5}, false};
    case KnownField::kNationality:
      return {{0.95, 0, 0, 0.05}, {0.7, 0, 0, 0.3}, false};
    case KnownField::kIdNumber:
      return {{0.90, 0.06, 0, 0.04}, {0.0001, 0.0009, 0, 0.999}, true};
    case KnownField::kBirthPlace:
    case KnownField::kFacility:
      return {{0.60, 0.15, 0.10, 0.15}, {0.05, 0.03, 0.07, 0.85}, true};
    case KnownField::kExtra:
      break;
  }
  return {{0.60, 0.15, 0.10, 0.15}, {0.02, 0.02, 0.06, 0.90}, true};
}

}  // namespace

std::string_view level_name(Level level) { return kLevelNames.at(static_cast<std::size_t>(level)); }

std::string_view field_kind_name(FieldKind kind) {
  switch (kind) {
    case FieldKind::kName:
      return "name";
    case FieldKind::kDate:
      return "date";
    case FieldKind::kCategory:
      return "category";
    case FieldKind::kIdentifier:
      return "identifier";
    case FieldKind::kText:
      return "text";
  }
  return "text";
}

bool kind_uses(FieldKind kind, Level level) {
  switch (level) {
    case Level::kMissing:
      return false;
    case Level::kExact:
    case Level::kDifferent:
      return true;
    case Level::kClose:
      return kind != FieldKind::kCategory;
    case Level::kPartial:
      return kind != FieldKind::kCategory && kind != FieldKind::kIdentifier;
  }
  return false;
}

std::string_view known_field_name(KnownField field) {
  const auto i = static_cast<std::size_t>(field);
  return i < kKnownNames.size() ? kKnownNames[i] : std::string_view();
}

KnownField known_field(std::string_view name) {
  for (std::size_t i = 0; i < kKnownNames.size(); ++i) {
    if (kKnownNames[i] == name) return static_cast<KnownField>(i);
  }
  return KnownField::kExtra;
}

FieldKind known_field_kind(KnownField field) {
  switch (field) {
    case KnownField::kFirstName:
    case KnownField::kFatherName:
    case KnownField::kGrandfatherName:
    case KnownField::kFamilyName:
    case KnownField::kMotherName:
    case KnownField::kBirthPlace:
    case KnownField::kFacility:
      return FieldKind::kName;
    case KnownField::kBirthDate:
    case KnownField::kArrestDate:
      return FieldKind::kDate;
    case KnownField::kGender:
    case KnownField::kNationality:
      return FieldKind::kCategory;
    case KnownField::kIdNumber:
      return FieldKind::kIdentifier;
    case KnownField::kExtra:
      break;
  }
  return FieldKind::kText;
}

double FieldParams::weight(Level level) const {
  if (!kind_uses(kind, level)) return 0.0;
  const auto i = static_cast<std::size_t>(level);
  return std::log2(m[i] / u[i]);
}

int ModelParams::find(std::string_view name) const {
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (fields[i].name == name) return static_cast<int>(i);
  }
  return -1;
}

double ModelParams::prior_weight() const { return std::log2(lambda / (1.0 - lambda)); }

Status ModelParams::validate() const {
  const auto bad = [](std::string msg, std::string where) {
    return fail(ErrorKind::kBadInput, std::move(msg), std::move(where),
                "estimate the model again or fix the model file");
  };
  if (!(lambda > 0.0 && lambda < 1.0))
    return bad(fmt::format("lambda {} is not in (0, 1)", lambda), "lambda");
  if (fields.empty()) return bad("the model has no fields", "fields");
  if (fields.size() > kMaxFields) {
    return bad(fmt::format("the model has {} fields, at most {} are supported", fields.size(), kMaxFields),
               "fields");
  }
  std::set<std::string, std::less<>> names;
  for (const FieldParams& f : fields) {
    if (f.name.empty()) return bad("a field has no name", "fields");
    if (!names.insert(f.name).second) return bad(fmt::format("field '{}' appears twice", f.name), f.name);
    double sum_m = 0, sum_u = 0;
    for (int l = 1; l < kLevels; ++l) {
      if (!kind_uses(f.kind, static_cast<Level>(l))) continue;
      const double m = f.m[static_cast<std::size_t>(l)], u = f.u[static_cast<std::size_t>(l)];
      if (!(m > 0.0 && m < 1.0) || !(u > 0.0 && u < 1.0)) {
        return bad(fmt::format("m or u of level {} is not in (0, 1)", level_name(static_cast<Level>(l))),
                   f.name);
      }
      sum_m += m;
      sum_u += u;
    }
    if (std::abs(sum_m - 1.0) > 1e-6 || std::abs(sum_u - 1.0) > 1e-6) {
      return bad("m or u does not sum to 1 over the levels", f.name);
    }
  }
  return {};
}

nlohmann::json ModelParams::to_json() const {
  nlohmann::json out;
  out["lambda"] = lambda;
  out["em_iterations"] = em_iterations;
  out["converged"] = converged;
  out["fields"] = nlohmann::json::array();
  for (const FieldParams& f : fields) {
    nlohmann::json jf;
    jf["name"] = f.name;
    jf["kind"] = std::string(field_kind_name(f.kind));
    jf["term_frequency"] = f.term_frequency;
    nlohmann::json m = nlohmann::json::object(), u = nlohmann::json::object();
    for (int l = 1; l < kLevels; ++l) {
      const auto level = static_cast<Level>(l);
      if (!kind_uses(f.kind, level)) continue;
      m[std::string(level_name(level))] = f.m[static_cast<std::size_t>(l)];
      u[std::string(level_name(level))] = f.u[static_cast<std::size_t>(l)];
    }
    jf["m"] = std::move(m);
    jf["u"] = std::move(u);
    out["fields"].push_back(std::move(jf));
  }
  return out;
}

Result<ModelParams> ModelParams::from_json(const nlohmann::json& json) {
  const auto bad = [](std::string msg) {
    return fail(ErrorKind::kBadInput, std::move(msg), "model",
                "give a model written by sawt (ModelParams::to_json)");
  };
  if (!json.is_object() || !json.contains("lambda") || !json.contains("fields") ||
      !json["fields"].is_array()) {
    return bad("the model needs 'lambda' and a 'fields' array");
  }
  ModelParams model;
  try {
    model.lambda = json.at("lambda").get<double>();
    model.em_iterations = json.value("em_iterations", 0);
    model.converged = json.value("converged", false);
    for (const auto& jf : json.at("fields")) {
      FieldParams f;
      f.name = jf.at("name").get<std::string>();
      const std::string kind = jf.at("kind").get<std::string>();
      bool known_kind = false;
      for (FieldKind k : {FieldKind::kName, FieldKind::kDate, FieldKind::kCategory, FieldKind::kIdentifier,
                          FieldKind::kText}) {
        if (field_kind_name(k) == kind) {
          f.kind = k;
          known_kind = true;
        }
      }
      if (!known_kind) return bad(fmt::format("field '{}' has an unknown kind '{}'", f.name, kind));
      f.term_frequency = jf.value("term_frequency", false);
      for (int l = 1; l < kLevels; ++l) {
        const auto level = static_cast<Level>(l);
        if (!kind_uses(f.kind, level)) continue;
        const std::string key(level_name(level));
        f.m[static_cast<std::size_t>(l)] = jf.at("m").at(key).get<double>();
        f.u[static_cast<std::size_t>(l)] = jf.at("u").at(key).get<double>();
      }
      model.fields.push_back(std::move(f));
    }
  } catch (const nlohmann::json::exception& e) {
    return bad(fmt::format("the model cannot be read: {}", e.what()));
  }
  SAWT_CHECK(model.validate());
  return model;
}

FieldParams default_field(std::string_view name) {
  const KnownField known = known_field(name);
  const Defaults d = defaults_for(known);
  FieldParams f;
  f.name = std::string(name);
  f.kind = known_field_kind(known);
  f.term_frequency = d.tf;
  for (int l = 1; l < kLevels; ++l) {
    if (!kind_uses(f.kind, static_cast<Level>(l))) continue;
    f.m[static_cast<std::size_t>(l)] = d.m[static_cast<std::size_t>(l - 1)];
    f.u[static_cast<std::size_t>(l)] = d.u[static_cast<std::size_t>(l - 1)];
  }
  return f;
}

ModelParams default_model(const std::vector<std::string>& field_names) {
  ModelParams model;
  for (const std::string& name : field_names) model.fields.push_back(default_field(name));
  model.lambda = 1e-3;
  return model;
}

std::vector<std::string> known_field_names() {
  std::vector<std::string> out;
  for (std::string_view n : kKnownNames) out.emplace_back(n);
  return out;
}

}  // namespace sawt::linkage
