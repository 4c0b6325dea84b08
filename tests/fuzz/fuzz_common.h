// Shared helpers for the libFuzzer targets in tests/fuzz (see README.md).
#pragma once

#include <stdlib.h>
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>

namespace sawt::fuzz {

// Aborts so that libFuzzer reports a crash with the input that caused it:
// for properties (invariants) rather than memory errors.
[[noreturn]] inline void violated(const char* what) {
  std::fprintf(stderr, "sawt fuzz: property violated: %s\n", what);
  std::fflush(stderr);
  __builtin_trap();
}

// A private folder for this process, on tmpfs when there is one (fuzzers
// write files on every input), removed at exit.
inline const std::filesystem::path& work_dir() {
  static const std::filesystem::path dir = [] {
    const std::filesystem::path base =
        std::filesystem::is_directory("/dev/shm") ? std::filesystem::path("/dev/shm") : std::filesystem::temp_directory_path();
    std::string tmpl = (base / "sawt-fuzz-XXXXXX").string();
    if (mkdtemp(tmpl.data()) == nullptr) violated("mkdtemp");
    std::atexit([] {
      std::error_code ec;
      std::filesystem::remove_all(work_dir(), ec);
    });
    return std::filesystem::path(tmpl);
  }();
  return dir;
}

inline void write_file(const std::filesystem::path& p, std::string_view bytes) {
  std::ofstream out(p, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

inline std::string read_file(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// SAWT_FUZZ_MAKE_SEEDS=DIR: the target writes its generated seed inputs to DIR
// and exits (how the committed corpora were made; see README.md).
inline const char* seed_dir() { return std::getenv("SAWT_FUZZ_MAKE_SEEDS"); }

inline void write_seed(const std::string& name, std::string_view bytes) {
  write_file(std::filesystem::path(seed_dir()) / name, bytes);
}

// Little cursor over the input: takes bytes from the front, zero-pads past the end.
class Input {
 public:
  Input(const std::uint8_t* data, std::size_t size) : p_(data), n_(size) {}
  std::uint8_t byte() {
    if (n_ == 0) return 0;
    --n_;
    return *p_++;
  }
  std::uint32_t u32() {
    std::uint32_t v = 0;
    for (int i = 0; i < 4; ++i) v |= std::uint32_t{byte()} << (8 * i);
    return v;
  }
  // Copies `n` bytes to `dst`; zeros once the input is used up. (memcpy, not
  // a loop or std::string copies: those run instrumented, byte by byte.)
  void take(void* dst, std::size_t n) {
    const std::size_t k = n < n_ ? n : n_;
    if (k > 0) std::memcpy(dst, p_, k);
    if (n > k) std::memset(static_cast<char*>(dst) + k, 0, n - k);
    p_ += k;
    n_ -= k;
  }
  // `n` bytes; zeros once the input is used up.
  std::string bytes(std::size_t n) {
    std::string out;
    out.resize(n);
    take(out.data(), n);
    return out;
  }
  std::string rest() { return bytes(n_); }
  [[nodiscard]] std::size_t left() const { return n_; }

 private:
  const std::uint8_t* p_;
  std::size_t n_;
};

}  // namespace sawt::fuzz
