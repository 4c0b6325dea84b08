// Fuzz target: opening one sealed page (crypto/page_cipher.h).
// Input: a mode byte, then bytes.
//  mode even: the bytes are a page as found on disk (and its page number);
//    open_page() must return cleanly, whatever they are.
//  mode odd: the bytes are a plaintext; sealing then opening must give it
//    back, and flipping any one bit of the sealed page (chosen by the input)
//    or opening it under another page number must fail.
#include <cstring>
#include <vector>

#include "crypto/page_cipher.h"
#include "fuzz_common.h"

using namespace sawt;

namespace {

const crypto::SecretBytes& key() {
  static const crypto::SecretBytes k = [] {
    crypto::init();
    crypto::SecretBytes s(32);
    for (size_t i = 0; i < 32; ++i) s.data()[i] = static_cast<unsigned char>(i);  // the KAT key
    return s;
  }();
  return k;
}
constexpr std::string_view kDbId = "sawt-kat-db-id-1";

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  (void)key();
  if (fuzz::seed_dir() != nullptr) {
    // A legitimately sealed page (the KAT vector: page 7) and a zero page.
    std::string seed(1, '\0');
    seed += std::string("\x07\x00\x00\x00", 4);
    std::vector<unsigned char> page(crypto::kPageSize, 0);
    std::memcpy(page.data(), "sawt fuzz seed page", 19);
    crypto::seal_page(page.data(), 7, crypto::PageKey{&key(), kDbId});
    seed.append(reinterpret_cast<const char*>(page.data()), page.size());
    fuzz::write_seed("sealed-page-7", seed);
    fuzz::write_seed("roundtrip", std::string("\x01\x03\x00\x00\x00", 5) + "plaintext to seal" + std::string(8, '\x2a'));
    std::exit(0);
  }
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  fuzz::Input in(data, size);
  const std::uint8_t mode = in.byte();
  std::uint32_t pgno = in.u32();
  std::string bytes = in.bytes(crypto::kPageSize);
  std::vector<unsigned char> page(bytes.begin(), bytes.end());
  const crypto::PageKey pk{&key(), kDbId};
  if ((mode & 1) == 0) {
    (void)crypto::open_page(page.data(), pgno, pk);
    return 0;
  }
  if (pgno == 0) pgno = 1;
  std::vector<unsigned char> plain = page;
  crypto::seal_page(page.data(), pgno, pk);
  std::vector<unsigned char> copy = page;
  if (!crypto::open_page(copy.data(), pgno, pk)) fuzz::violated("a sealed page does not open");
  if (std::memcmp(copy.data(), plain.data(), crypto::kNonceOffset) != 0) fuzz::violated("a page opened to other bytes");
  const std::uint32_t bit = in.u32() % (crypto::kPageSize * 8);
  copy = page;
  copy[bit / 8] ^= static_cast<unsigned char>(1u << (bit % 8));
  if (crypto::open_page(copy.data(), pgno, pk)) fuzz::violated("a page with a flipped bit opened");
  copy = page;
  if (crypto::open_page(copy.data(), pgno + 1 + (in.byte() % 7), pk)) fuzz::violated("a page opened at another number");
  return 0;
}
