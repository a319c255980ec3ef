// Reading one story file's bytes: a missing, empty, too large or special file is one
// whole-file diagnostic, worded for a writer. See stages.h.
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <system_error>

#include "stages.h"

namespace threshold::story::load {

namespace fs = std::filesystem;

namespace {

std::string format_size(uintmax_t bytes, bool exact_when_whole) {
  constexpr double kKiB = 1024.0;
  constexpr double kMiB = 1024.0 * 1024.0;
  char buf[64];
  auto b = static_cast<double>(bytes);
  if (bytes >= (1u << 20)) {
    if (exact_when_whole && bytes % (1u << 20) == 0) {
      std::snprintf(buf, sizeof buf, "%ju MiB", bytes >> 20);
    } else {
      std::snprintf(buf, sizeof buf, "%.1f MiB", b / kMiB);
    }
  } else if (bytes >= 1024) {
    if (exact_when_whole && bytes % 1024 == 0) {
      std::snprintf(buf, sizeof buf, "%ju KiB", bytes >> 10);
    } else {
      std::snprintf(buf, sizeof buf, "%.1f KiB", b / kKiB);
    }
  } else {
    std::snprintf(buf, sizeof buf, "%ju byte%s", bytes, bytes == 1 ? "" : "s");
  }
  return buf;
}

// What a file that is not a regular file is, in a writer's words.
const char* special_file_kind(fs::file_type type) {
  switch (type) {
    case fs::file_type::fifo:
      return "a FIFO";
    case fs::file_type::character:
      return "a character device";
    case fs::file_type::block:
      return "a block device";
    case fs::file_type::socket:
      return "a socket";
    default:
      return "a special file";
  }
}

}  // namespace

// Reads a whole file. On failure adds a whole-file diagnostic to `out` and returns false.
bool read_file(const std::string& path, size_t max_bytes, std::string& text,
               std::vector<Diagnostic>& out) {
  auto fail = [&](std::string message, Code code = Code::FileUnreadable) {
    Diagnostic d;
    d.file = path;
    d.code = code;
    d.message = std::move(message);
    out.push_back(std::move(d));
    return false;
  };
  std::error_code ec;
  fs::file_status status = fs::status(path, ec);
  if (!fs::exists(status)) return fail("file not found");
  if (fs::is_directory(status)) return fail("expected a file, found a folder");
  // A FIFO, device or socket is refused before it is opened: opening a FIFO blocks until a
  // writer comes, which would hang `check`, `text` and live reload for good.
  if (!fs::is_regular_file(status)) {
    return fail(std::string("not a regular file (") + special_file_kind(status.type()) +
                "); story files must be plain files");
  }
  uintmax_t size = fs::file_size(path, ec);
  if (ec) return fail("cannot read file: " + ec.message());
  if (size > max_bytes) {
    return fail("file is " + format_size(size, false) + "; story files are limited to " +
                    format_size(max_bytes, true),
                Code::FileTooLarge);
  }
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (f == nullptr) return fail(std::string("cannot read file: ") + std::strerror(errno));
  text.resize(static_cast<size_t>(size));
  size_t got = size > 0 ? std::fread(text.data(), 1, text.size(), f) : 0;
  // A file that grows while we read it is read up to the size it had; one that shrinks, to its end.
  text.resize(got);
  bool read_error = std::ferror(f) != 0;
  std::fclose(f);
  if (read_error) return fail("cannot read file: read error");
  if (text.empty()) return fail("file is empty", Code::FileEmpty);
  return true;
}

std::string join_path(const std::string& dir, const std::string& name) {
  if (dir.empty()) return name;
  return (fs::path(dir) / name).string();
}

}  // namespace threshold::story::load
