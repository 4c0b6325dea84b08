#include "crypto/sealed_file.h"

#include <fcntl.h>
#include <sodium.h>
#include <unistd.h>

#include <cstring>

#include <fmt/format.h>

namespace sawt::crypto {

namespace fs = std::filesystem;

static_assert(sizeof(crypto_secretstream_xchacha20poly1305_state) <= 64);

namespace {

auto* st(unsigned char* p) { return reinterpret_cast<crypto_secretstream_xchacha20poly1305_state*>(p); }

void put_u32(std::string& out, std::uint32_t v) {
  for (int i = 0; i < 4; ++i) out += static_cast<char>((v >> (8 * i)) & 0xff);
}

bool get_u32(std::ifstream& in, std::uint32_t& v) {
  unsigned char b[4];
  if (!in.read(reinterpret_cast<char*>(b), 4)) return false;
  v = b[0] | (std::uint32_t{b[1]} << 8) | (std::uint32_t{b[2]} << 16) | (std::uint32_t{b[3]} << 24);
  return true;
}

}  // namespace

SealedWriter::SealedWriter(SealedWriter&& o) noexcept
    : path_(std::move(o.path_)), out_(std::move(o.out_)), header_(std::move(o.header_)), first_(o.first_),
      pending_(std::move(o.pending_)) {
  std::memcpy(state_, o.state_, sizeof state_);
  sodium_memzero(o.state_, sizeof o.state_);
  o.path_.clear();
}

SealedWriter::~SealedWriter() {
  sodium_memzero(state_, sizeof state_);
  sodium_memzero(pending_.data(), pending_.size());
  if (!path_.empty() && out_.is_open()) {
    out_.close();
    std::error_code ec;
    fs::remove(path_, ec);  // an unfinished file is never left behind
  }
}

Result<SealedWriter> SealedWriter::create(const fs::path& path, std::string_view magic, std::string_view header,
                                          const SecretBytes& key) {
  init();
  if (fs::exists(path)) {
    return fail(ErrorKind::kConflict, "the output file exists already", path.string(), "choose a new file name");
  }
  SealedWriter w;
  w.out_.open(path, std::ios::binary | std::ios::trunc);
  if (!w.out_) return fail(ErrorKind::kInternal, "cannot create the output file", path.string());
  w.path_ = path;
  std::string head(magic);
  put_u32(head, static_cast<std::uint32_t>(header.size()));
  head += header;
  unsigned char ss_header[crypto_secretstream_xchacha20poly1305_HEADERBYTES];
  crypto_secretstream_xchacha20poly1305_init_push(st(w.state_), ss_header, key.data());
  head.append(reinterpret_cast<const char*>(ss_header), sizeof ss_header);
  w.out_.write(head.data(), static_cast<std::streamsize>(head.size()));
  w.header_ = std::string(header);
  return w;
}

Status SealedWriter::emit(bool final) {
  std::string cipher(pending_.size() + crypto_secretstream_xchacha20poly1305_ABYTES, '\0');
  unsigned long long clen = 0;
  const auto* ad = first_ ? reinterpret_cast<const unsigned char*>(header_.data()) : nullptr;
  crypto_secretstream_xchacha20poly1305_push(
      st(state_), reinterpret_cast<unsigned char*>(cipher.data()), &clen,
      reinterpret_cast<const unsigned char*>(pending_.data()), pending_.size(), ad, first_ ? header_.size() : 0,
      final ? crypto_secretstream_xchacha20poly1305_TAG_FINAL : crypto_secretstream_xchacha20poly1305_TAG_MESSAGE);
  first_ = false;
  std::string len;
  put_u32(len, static_cast<std::uint32_t>(clen));
  out_.write(len.data(), 4);
  out_.write(cipher.data(), static_cast<std::streamsize>(clen));
  sodium_memzero(pending_.data(), pending_.size());
  pending_.clear();
  if (!out_) return fail(ErrorKind::kInternal, "write failed (is the disk full?)", path_.string());
  return {};
}

Status SealedWriter::write(std::string_view data) {
  while (!data.empty()) {
    const size_t take = std::min(data.size(), kSealedChunk - pending_.size());
    pending_.append(data.substr(0, take));
    data.remove_prefix(take);
    if (pending_.size() == kSealedChunk) SAWT_CHECK(emit(false));
  }
  return {};
}

Status SealedWriter::finish() {
  SAWT_CHECK(emit(true));
  out_.flush();
  out_.close();
  if (!out_) return fail(ErrorKind::kInternal, "write failed (is the disk full?)", path_.string());
  const int fd = ::open(path_.c_str(), O_RDONLY);
  if (fd >= 0) {
    ::fsync(fd);
    ::close(fd);
  }
  path_.clear();  // finished: the destructor keeps the file
  return {};
}

Result<SealedReader> SealedReader::open(const fs::path& path, std::string_view magic) {
  init();
  SealedReader r;
  r.in_.open(path, std::ios::binary);
  if (!r.in_) return fail(ErrorKind::kNotFound, "cannot open the file", path.string());
  r.path_ = path;
  std::string m(magic.size(), '\0');
  std::uint32_t len = 0;
  if (!r.in_.read(m.data(), static_cast<std::streamsize>(m.size())) || m != magic || !get_u32(r.in_, len) ||
      len > (1u << 20)) {
    return fail(ErrorKind::kBadInput, fmt::format("not a {} file", std::string(magic).substr(0, 4) == "SAWT" ? "sawt" : "known"),
                path.string(), "check that you gave the right file");
  }
  r.header_.assign(len, '\0');
  if (!r.in_.read(r.header_.data(), len)) {
    return fail(ErrorKind::kIntegrity, "the file ends inside its header: it is truncated", path.string());
  }
  return r;
}

Status SealedReader::start(const SecretBytes& key) {
  unsigned char ss_header[crypto_secretstream_xchacha20poly1305_HEADERBYTES];
  if (!in_.read(reinterpret_cast<char*>(ss_header), sizeof ss_header)) {
    return fail(ErrorKind::kIntegrity, "the file is truncated", path_.string());
  }
  if (crypto_secretstream_xchacha20poly1305_init_pull(st(state_), ss_header, key.data()) != 0) {
    return fail(ErrorKind::kIntegrity, "the stream header is invalid", path_.string());
  }
  return {};
}

Result<std::optional<std::string>> SealedReader::next() {
  if (done_) {
    if (in_.peek() != std::char_traits<char>::eof()) {
      return fail(ErrorKind::kIntegrity, "data follows the end of the sealed stream: the file was extended",
                  path_.string(), "use an untouched copy");
    }
    return std::optional<std::string>();
  }
  std::uint32_t len = 0;
  if (!get_u32(in_, len)) {
    return fail(ErrorKind::kIntegrity, "the file ends before its final chunk: it is truncated", path_.string(),
                "use a complete copy of the file");
  }
  if (len < crypto_secretstream_xchacha20poly1305_ABYTES || len > kSealedChunk + crypto_secretstream_xchacha20poly1305_ABYTES) {
    return fail(ErrorKind::kIntegrity, "a chunk has an impossible length: the file is damaged", path_.string());
  }
  std::string cipher(len, '\0');
  if (!in_.read(cipher.data(), len)) {
    return fail(ErrorKind::kIntegrity, "the file ends inside a chunk: it is truncated", path_.string());
  }
  std::string plain(len - crypto_secretstream_xchacha20poly1305_ABYTES, '\0');
  unsigned long long plen = 0;
  unsigned char tag = 0;
  const auto* ad = first_ ? reinterpret_cast<const unsigned char*>(header_.data()) : nullptr;
  if (crypto_secretstream_xchacha20poly1305_pull(st(state_), reinterpret_cast<unsigned char*>(plain.data()), &plen, &tag,
                                                 reinterpret_cast<const unsigned char*>(cipher.data()), len, ad,
                                                 first_ ? header_.size() : 0) != 0) {
    return fail(ErrorKind::kIntegrity,
                first_ ? "the first chunk does not decrypt: wrong key, or the header was altered"
                       : "a chunk does not authenticate: the file was altered, reordered or mixed with another",
                path_.string());
  }
  first_ = false;
  plain.resize(plen);
  if (tag == crypto_secretstream_xchacha20poly1305_TAG_FINAL) done_ = true;
  return std::optional<std::string>(std::move(plain));
}

}  // namespace sawt::crypto
