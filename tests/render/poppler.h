// Test helpers that look at our PDFs with poppler-utils (pdftotext, pdfinfo,
// pdftoppm). The library never writes files; the tests write the in-memory
// PDF into a temporary folder so the tools can read it.
#pragma once

#include <array>
#include <cstdio>
#include <filesystem>
#include <string>

#include "testing.h"

namespace sawt::render::poppler {

// stdout of COMMAND (run by the shell).
inline std::string run(const std::string& command) {
  std::string out;
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return out;
  std::array<char, 4096> buffer{};
  size_t n = 0;
  while ((n = fread(buffer.data(), 1, buffer.size(), pipe)) > 0) out.append(buffer.data(), n);
  pclose(pipe);
  return out;
}

inline std::string quote(const std::filesystem::path& p) { return "'" + p.string() + "'"; }

// Text of page FIRST..LAST (0: all pages) as pdftotext extracts it (logical order, UTF-8).
inline std::string pdf_text(const std::string& pdf, int first = 0, int last = 0) {
  testing::TempDir dir;
  testing::write_file(dir / "doc.pdf", pdf);
  std::string range;
  if (first > 0) range = " -f " + std::to_string(first) + " -l " + std::to_string(last > 0 ? last : first);
  return run("pdftotext -enc UTF-8" + range + " " + quote(dir / "doc.pdf") + " - 2>/dev/null");
}

// pdfinfo's output ("Title: ...", "Creator: ...", "Pages: ...").
inline std::string pdf_info(const std::string& pdf) {
  testing::TempDir dir;
  testing::write_file(dir / "doc.pdf", pdf);
  return run("pdfinfo -enc UTF-8 " + quote(dir / "doc.pdf") + " 2>/dev/null");
}

// build/test-artifacts, next to the sawt binary; created on demand.
inline std::filesystem::path artifacts_dir() {
  const auto dir = std::filesystem::path(SAWT_BINARY).parent_path() / "test-artifacts";
  std::filesystem::create_directories(dir);
  return dir;
}

// Writes NAME.pdf and NAME-<page>.png (60 dpi) into build/test-artifacts for a person to look at.
inline void keep_renders(const std::string& pdf, const std::string& name) {
  const auto dir = artifacts_dir();
  testing::write_file(dir / (name + ".pdf"), pdf);
  run("pdftoppm -r 60 -png " + quote(dir / (name + ".pdf")) + " " + quote(dir / name) + " 2>/dev/null");
}

}  // namespace sawt::render::poppler
