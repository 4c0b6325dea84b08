#include "crypto/bundle.h"

#include <fmt/format.h>
#include <sodium.h>

#include <nlohmann/json.hpp>
#include <set>

#include "crypto/sealed_file.h"
#include "util/clock.h"
#include "util/strings.h"

namespace sawt::crypto {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

constexpr std::string_view kMagic = "SAWTSHR1";
constexpr std::string_view kSignatureEntry = ".signature";
constexpr std::string_view kDomain = "sawt-bundle-v1";

bool valid_name(std::string_view name) {
  if (name.empty() || name.size() > 64 || name.front() == '.') return false;
  for (const char c : name) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
    if (!ok) return false;
  }
  return true;
}

// The digest the sender signs: domain, header, then every entry, each length-prefixed.
class Digest {
 public:
  explicit Digest(std::string_view header) {
    crypto_generichash_init(&state_, nullptr, 0, crypto_generichash_BYTES_MAX);
    add(kDomain);
    add(header);
  }
  void entry(std::string_view name, std::string_view bytes) {
    add(name);
    add(bytes);
  }
  std::string finish() {
    std::string out(crypto_generichash_BYTES_MAX, '\0');
    crypto_generichash_final(&state_, reinterpret_cast<unsigned char*>(out.data()), out.size());
    return out;
  }

 private:
  void add(std::string_view bytes) {
    std::string len;
    put_u64_le(len, bytes.size());
    crypto_generichash_update(&state_, reinterpret_cast<const unsigned char*>(len.data()), len.size());
    crypto_generichash_update(&state_, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
  }
  crypto_generichash_state state_{};
};

std::string framed(std::string_view name, std::string_view bytes) {
  std::string out;
  put_u64_le(out, name.size());
  out += name;
  put_u64_le(out, bytes.size());
  out += bytes;
  return out;
}

Result<BundleInfo> parse_header(const std::string& text, const fs::path& in) {
  const auto bad = [&](std::string_view what) {
    return fail(ErrorKind::kBadInput, fmt::format("not a sawt share bundle, or a damaged one: {}", what),
                in.string(), "check that you were given the right file; ask the sender for a fresh copy");
  };
  auto h = json::parse(text, nullptr, false);
  if (h.is_discarded() || !h.is_object()) return bad("the header is not a JSON object");
  const auto is_str = [](const json& o, const char* k) { return o.contains(k) && o[k].is_string(); };
  if (!is_str(h, "format") || h["format"].get<std::string>() != "sawt-share")
    return bad("no sawt-share format marker");
  if (!h.contains("version") || !h["version"].is_number_integer() || h["version"].get<int>() != 1) {
    return bad("unsupported version (this sawt reads version 1)");
  }
  BundleInfo info;
  if (!is_str(h, "bundle_id") || !from_hex(h["bundle_id"].get<std::string>(), 16))
    return bad("the bundle id is malformed");
  if (!is_str(h, "created")) return bad("the creation time is missing");
  info.bundle_id = h["bundle_id"].get<std::string>();
  info.created = h["created"].get<std::string>();
  if (!h.contains("recipients") || !h["recipients"].is_array() || h["recipients"].empty() ||
      h["recipients"].size() > 16) {
    return bad("the recipients are missing");
  }
  for (const auto& r : h["recipients"]) {
    if (!r.is_object() || !is_str(r, "box_public") || !is_str(r, "sealed_key"))
      return bad("a recipient entry is malformed");
    auto pk = from_hex(r["box_public"].get<std::string>(), crypto_box_PUBLICKEYBYTES);
    if (!pk) return bad("a recipient key is malformed");
    info.recipients.push_back(*pk);
  }
  return info;
}

}  // namespace

Result<std::string> write_bundle(const fs::path& out, const std::vector<std::string>& recipients,
                                 const BundleSigner& signer, const std::vector<BundleEntry>& entries) {
  if (recipients.empty() || recipients.size() > 16) {
    return fail(ErrorKind::kUsage, "a bundle needs between 1 and 16 recipients");
  }
  if (signer.sign_public.size() != crypto_sign_PUBLICKEYBYTES || signer.sign_secret == nullptr ||
      signer.sign_secret->size() != crypto_sign_SECRETKEYBYTES) {
    return fail(ErrorKind::kInternal, "the signing key is malformed");
  }
  std::set<std::string> names;
  for (const auto& e : entries) {
    if (!valid_name(e.name) || !names.insert(e.name).second) {
      return fail(ErrorKind::kInternal, fmt::format("bad or repeated bundle entry name '{}'", e.name));
    }
  }
  unsigned char id_raw[16];
  randombytes_buf(id_raw, sizeof id_raw);
  const std::string bundle_id =
      to_hex(std::string_view(reinterpret_cast<const char*>(id_raw), sizeof id_raw));

  SecretBytes file_key(crypto_secretstream_xchacha20poly1305_KEYBYTES);
  randombytes_buf(file_key.data(), file_key.size());
  json header = {{"format", "sawt-share"},
                 {"version", 1},
                 {"bundle_id", bundle_id},
                 {"created", now_timestamp()},
                 {"recipients", json::array()}};
  for (const auto& pk : recipients) {
    if (pk.size() != crypto_box_PUBLICKEYBYTES)
      return fail(ErrorKind::kBadInput, "a recipient key has the wrong length");
    std::string sealed(file_key.size() + crypto_box_SEALBYTES, '\0');
    crypto_box_seal(reinterpret_cast<unsigned char*>(sealed.data()), file_key.data(), file_key.size(),
                    reinterpret_cast<const unsigned char*>(pk.data()));
    header["recipients"].push_back({{"box_public", to_hex(pk)}, {"sealed_key", to_hex(sealed)}});
  }
  const std::string header_text = header.dump();

  Digest digest(header_text);
  auto writer = SAWT_TRY(SealedWriter::create(out, kMagic, header_text, file_key));
  for (const auto& e : entries) {
    digest.entry(e.name, e.bytes);
    SAWT_CHECK(writer.write(framed(e.name, e.bytes)));
  }
  const std::string d = digest.finish();
  std::string signature(crypto_sign_BYTES, '\0');
  crypto_sign_detached(reinterpret_cast<unsigned char*>(signature.data()), nullptr,
                       reinterpret_cast<const unsigned char*>(d.data()), d.size(),
                       signer.sign_secret->data());
  SAWT_CHECK(writer.write(framed(kSignatureEntry, signer.sign_public + signature)));
  SAWT_CHECK(writer.finish());
  return bundle_id;
}

Result<BundleInfo> bundle_info(const fs::path& in) {
  auto reader = SAWT_TRY(SealedReader::open(in, kMagic));
  return parse_header(reader.header(), in);
}

Result<OpenedBundle> read_bundle(const fs::path& in, std::string_view box_public,
                                 const SecretBytes& box_secret, std::string_view expected_sender) {
  auto reader = SAWT_TRY(SealedReader::open(in, kMagic));
  OpenedBundle out;
  out.info = SAWT_TRY(parse_header(reader.header(), in));
  // parse_header checked the shape; find our slot.
  const auto header = json::parse(reader.header());
  SecretBytes file_key(crypto_secretstream_xchacha20poly1305_KEYBYTES);
  bool opened = false;
  for (const auto& r : header["recipients"]) {
    if (r["box_public"].get<std::string>() != to_hex(std::string(box_public))) continue;
    auto sealed = from_hex(r["sealed_key"].get<std::string>(), file_key.size() + crypto_box_SEALBYTES);
    if (sealed && crypto_box_seal_open(
                      file_key.data(), reinterpret_cast<const unsigned char*>(sealed->data()), sealed->size(),
                      reinterpret_cast<const unsigned char*>(box_public.data()), box_secret.data()) == 0) {
      opened = true;
      break;
    }
  }
  if (!opened) {
    return fail(ErrorKind::kAuth, "this bundle is not encrypted to this installation's key", in.string(),
                "the sender must make it with your public key ('sawt key export-public')");
  }
  SAWT_CHECK(reader.start(file_key));

  Digest digest(reader.header());
  std::string buffer;
  bool ended = false;
  std::uint64_t total = 0;
  const auto fill = [&](std::uint64_t need) -> Result<bool> {
    while (buffer.size() < need && !ended) {
      auto chunk = SAWT_TRY(reader.next());
      if (!chunk) {
        ended = true;
        break;
      }
      total += chunk->size();
      if (total > kMaxBundleBytes)
        return fail(ErrorKind::kIntegrity, "the bundle is larger than any sawt makes", in.string());
      buffer += *chunk;
    }
    return buffer.size() >= need;
  };
  const auto truncated = [&] {
    return fail(ErrorKind::kIntegrity, "the bundle ends inside an entry", in.string());
  };
  std::set<std::string> names;
  std::string signature_entry;
  bool signed_seen = false;
  while (true) {
    if (!SAWT_TRY(fill(8))) {
      if (!buffer.empty()) return truncated();
      break;
    }
    if (signed_seen)
      return fail(ErrorKind::kIntegrity, "the bundle continues after its signature", in.string());
    const auto name_len = get_u64_le(buffer);
    if (name_len == 0 || name_len > 64)
      return fail(ErrorKind::kIntegrity, "an entry has an impossible name length", in.string());
    if (!SAWT_TRY(fill(8 + name_len + 8))) return truncated();
    std::string name = buffer.substr(8, name_len);
    const auto size = get_u64_le(std::string_view(buffer).substr(8 + name_len));
    if (size > kMaxBundleBytes)
      return fail(ErrorKind::kIntegrity, "an entry has an impossible size", in.string());
    buffer.erase(0, 16 + name_len);
    if (!SAWT_TRY(fill(size))) return truncated();
    std::string bytes = buffer.substr(0, size);
    buffer.erase(0, size);
    if (name == kSignatureEntry) {
      signed_seen = true;
      signature_entry = std::move(bytes);
      continue;
    }
    if (!valid_name(name) || !names.insert(name).second || out.entries.size() >= kMaxBundleEntries) {
      return fail(ErrorKind::kIntegrity, "the bundle holds an unexpected or repeated entry", in.string());
    }
    digest.entry(name, bytes);
    out.entries.push_back({std::move(name), std::move(bytes)});
  }
  if (auto tail = SAWT_TRY(reader.next()); tail) {
    return fail(ErrorKind::kIntegrity, "the bundle continues after its end", in.string());
  }
  if (!signed_seen || signature_entry.size() != crypto_sign_PUBLICKEYBYTES + crypto_sign_BYTES) {
    return fail(ErrorKind::kIntegrity, "the bundle is not signed", in.string(),
                "ask the sender for a fresh copy");
  }
  out.sender_sign_public = signature_entry.substr(0, crypto_sign_PUBLICKEYBYTES);
  if (out.sender_sign_public != expected_sender) {
    return fail(
        ErrorKind::kAuth, "the bundle was signed by a different key than the sender's you gave", in.string(),
        fmt::format("it is signed by {}; check the sender's public key file with them over another channel",
                    to_hex(out.sender_sign_public)));
  }
  const std::string d = digest.finish();
  if (crypto_sign_verify_detached(
          reinterpret_cast<const unsigned char*>(signature_entry.data()) + crypto_sign_PUBLICKEYBYTES,
          reinterpret_cast<const unsigned char*>(d.data()), d.size(),
          reinterpret_cast<const unsigned char*>(out.sender_sign_public.data())) != 0) {
    return fail(ErrorKind::kIntegrity, "the bundle's signature does not verify: it was altered after signing",
                in.string(), "do not use it; ask the sender for a fresh copy");
  }
  return out;
}

}  // namespace sawt::crypto
