// Fuzz target: reading a partner's share bundle (crypto::read_bundle), the
// file `sawt receive` takes from another organisation. Input: a mode byte,
// then bytes.
//  mode even: the bytes are the bundle file as found (magic, public header,
//    secretstream). Without the key nothing past the first chunk can be
//    forged, so this explores the header parser and the stream framing.
//  mode odd: the bytes are the stream INSIDE a bundle correctly sealed to our
//    key (as the partner, who holds that key, could make): entry framing,
//    names, sizes and the signature entry reach the reader.
// Properties, whatever the input: read_bundle returns cleanly with a message;
// an accepted bundle is signed by the expected sender, names it correctly,
// and holds only valid, distinct entry names, none of them the signature.
#include <sodium.h>

#include <nlohmann/json.hpp>
#include <set>

#include "crypto/bundle.h"
#include "crypto/sealed_file.h"
#include "fuzz_common.h"
#include "util/strings.h"

using namespace sawt;
namespace fs = std::filesystem;

namespace {

constexpr std::string_view kMagic = "SAWTSHR1";

// Fixed key pairs: ours (the recipient) and the sender's, from constant seeds.
struct Fixed {
  std::string box_public = std::string(crypto_box_PUBLICKEYBYTES, '\0');
  crypto::SecretBytes box_secret{crypto_box_SECRETKEYBYTES};
  std::string sign_public = std::string(crypto_sign_PUBLICKEYBYTES, '\0');
  crypto::SecretBytes sign_secret{crypto_sign_SECRETKEYBYTES};
  crypto::SecretBytes file_key{crypto_secretstream_xchacha20poly1305_KEYBYTES};
  std::string header;
  Fixed() {
    crypto::init();
    unsigned char seed[32];
    std::memset(seed, 1, sizeof seed);
    crypto_box_seed_keypair(reinterpret_cast<unsigned char*>(box_public.data()), box_secret.data(), seed);
    std::memset(seed, 2, sizeof seed);
    crypto_sign_seed_keypair(reinterpret_cast<unsigned char*>(sign_public.data()), sign_secret.data(), seed);
    std::memset(file_key.data(), 3, file_key.size());
    std::string sealed(file_key.size() + crypto_box_SEALBYTES, '\0');
    crypto_box_seal(reinterpret_cast<unsigned char*>(sealed.data()), file_key.data(), file_key.size(),
                    reinterpret_cast<const unsigned char*>(box_public.data()));
    header =
        nlohmann::json{{"format", "sawt-share"},
                       {"version", 1},
                       {"bundle_id", "00112233445566778899aabbccddeeff"},
                       {"created", "2026-01-01T00:00:00Z"},
                       {"recipients", {{{"box_public", to_hex(box_public)}, {"sealed_key", to_hex(sealed)}}}}}
            .dump();
  }
};

const Fixed& keys() {
  static const Fixed k;
  return k;
}

void seal(const fs::path& path, std::string_view stream) {
  std::error_code ec;
  fs::remove(path, ec);
  auto w = crypto::SealedWriter::create(path, kMagic, keys().header, keys().file_key);
  if (!w) fuzz::violated("SealedWriter::create");
  if (!w->write(stream) || !w->finish()) fuzz::violated("SealedWriter::write");
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  (void)keys();
  if (fuzz::seed_dir() != nullptr) {
    const fs::path tmp = fuzz::work_dir() / "seed.bundle";
    auto id = crypto::write_bundle(tmp, {keys().box_public}, {keys().sign_public, &keys().sign_secret},
                                   {{"manifest.json", R"({"format":"sawt-share-records","version":1})"},
                                    {"records.csv", "record_id,full_name\nP-1,Test Person\n"}});
    if (!id) fuzz::violated("write_bundle");
    fuzz::write_seed("raw-bundle", std::string(1, '\0') + fuzz::read_file(tmp));
    // The same entries as a plain stream (the signature cannot match this header: explores framing).
    std::string stream;
    const auto put_u64 = [&](std::uint64_t v) {
      for (int i = 0; i < 8; ++i) stream += static_cast<char>((v >> (8 * i)) & 0xff);
    };
    const auto entry = [&](std::string_view name, std::string_view bytes) {
      put_u64(name.size());
      stream += name;
      put_u64(bytes.size());
      stream += bytes;
    };
    entry("records.csv", "record_id,full_name\nP-1,Test\n");
    entry(".signature", std::string(96, 'S'));
    fuzz::write_seed("stream", std::string(1, '\1') + stream);
    std::exit(0);
  }
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  fuzz::Input in(data, size);
  const std::uint8_t mode = in.byte();
  const std::string body = in.rest();
  const fs::path file = fuzz::work_dir() / "in.bundle";
  if ((mode & 1) == 0) {
    fuzz::write_file(file, body);
  } else {
    seal(file, body);
  }
  (void)crypto::bundle_info(file);
  auto r = crypto::read_bundle(file, keys().box_public, keys().box_secret, keys().sign_public);
  if (!r) {
    if (r.error().message.empty()) fuzz::violated("an error without a message");
    return 0;
  }
  if (r->sender_sign_public != keys().sign_public) fuzz::violated("accepted a bundle signed by another key");
  std::set<std::string> names;
  for (const auto& e : r->entries) {
    if (e.name.empty() || e.name.front() == '.' || !names.insert(e.name).second) {
      fuzz::violated("accepted an invalid or repeated entry name");
    }
  }
  return 0;
}
