// File helpers with the durability the store needs: atomic replacement
// (write a temp file in the same folder, fsync it, rename over the target,
// fsync the folder) so a crash leaves either the old or the new file, never a
// torn one.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "util/error.h"

namespace sawt {

// Reads a whole file. kNotFound if it does not exist; kInternal on I/O errors.
[[nodiscard]] Result<std::string> read_file(const std::filesystem::path& path);

// Atomically replaces (or creates) `path` with `contents`, mode 0600.
[[nodiscard]] Status atomic_write_file(const std::filesystem::path& path, std::string_view contents);

// Creates a folder with mode 0700 (and its parents). Existing folders are fine.
[[nodiscard]] Status make_private_dir(const std::filesystem::path& path);

}  // namespace sawt
