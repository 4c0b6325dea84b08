#include "util/fs.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include <fmt/format.h>

namespace sawt {

namespace {

Error io_error(const std::filesystem::path& path, std::string_view what) {
  return Error{ErrorKind::kInternal, fmt::format("{} failed: {}", what, std::strerror(errno)), path.string(),
               "check that the disk is not full and that you may write there"};
}

}  // namespace

Result<std::string> read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    if (!std::filesystem::exists(path)) {
      return fail(ErrorKind::kNotFound, "no such file", path.string());
    }
    return std::unexpected(io_error(path, "open"));
  }
  std::ostringstream ss;
  ss << in.rdbuf();
  if (in.bad()) return std::unexpected(io_error(path, "read"));
  return std::move(ss).str();
}

Status atomic_write_file(const std::filesystem::path& path, std::string_view contents) {
  const auto dir = path.has_parent_path() ? path.parent_path() : std::filesystem::path(".");
  std::string tmpl = (dir / ("." + path.filename().string() + ".tmp-XXXXXX")).string();
  const int fd = mkstemp(tmpl.data());
  if (fd < 0) return std::unexpected(io_error(path, "create temp file"));
  const auto cleanup = [&] {
    close(fd);
    unlink(tmpl.c_str());
  };
  fchmod(fd, 0600);
  size_t off = 0;
  while (off < contents.size()) {
    const ssize_t n = write(fd, contents.data() + off, contents.size() - off);
    if (n < 0) {
      if (errno == EINTR) continue;
      auto err = io_error(path, "write");
      cleanup();
      return std::unexpected(err);
    }
    off += static_cast<size_t>(n);
  }
  if (fsync(fd) != 0) {
    auto err = io_error(path, "fsync");
    cleanup();
    return std::unexpected(err);
  }
  close(fd);
  if (rename(tmpl.c_str(), path.c_str()) != 0) {
    auto err = io_error(path, "rename");
    unlink(tmpl.c_str());
    return std::unexpected(err);
  }
  const int dfd = open(dir.c_str(), O_RDONLY | O_DIRECTORY);
  if (dfd >= 0) {
    fsync(dfd);
    close(dfd);
  }
  return {};
}

Status make_private_dir(const std::filesystem::path& path) {
  std::error_code ec;
  std::filesystem::create_directories(path, ec);
  if (ec) {
    return fail(ErrorKind::kInternal, fmt::format("cannot create folder: {}", ec.message()), path.string());
  }
  std::filesystem::permissions(path, std::filesystem::perms::owner_all, std::filesystem::perm_options::replace, ec);
  return {};
}

}  // namespace sawt
