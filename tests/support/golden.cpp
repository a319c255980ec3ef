#include "tests/support/golden.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string_view>
#include <system_error>
#include <vector>

namespace threshold::test_support {
namespace {

namespace fs = std::filesystem;

// The lines of `text` without their '\n'; a final line with no '\n' is still a line.
std::vector<std::string_view> lines_of(std::string_view text) {
  std::vector<std::string_view> lines;
  while (!text.empty()) {
    const size_t nl = text.find('\n');
    lines.push_back(text.substr(0, nl));
    text = nl == std::string_view::npos ? std::string_view{} : text.substr(nl + 1);
  }
  return lines;
}

// Where `golden` and `actual` first part, as a message that reads like a compiler's.
std::string first_difference(const fs::path& path, std::string_view golden,
                             std::string_view actual) {
  const std::vector<std::string_view> g = lines_of(golden), a = lines_of(actual);
  size_t i = 0;
  while (i < g.size() && i < a.size() && g[i] == a[i]) ++i;
  std::ostringstream out;
  out << path.string() << ":" << i + 1 << ": the output differs from the golden file here\n";
  if (i == g.size() && i == a.size()) {
    // Every line is the same: only the newline at the very end differs.
    out << "  the golden file " << (golden.ends_with('\n') ? "ends" : "does not end")
        << " with a newline, the output " << (actual.ends_with('\n') ? "does" : "does not") << "\n";
  } else {
    out << "  golden: " << (i < g.size() ? std::string(g[i]) : "(end of file)") << "\n"
        << "  actual: " << (i < a.size() ? std::string(a[i]) : "(end of output)") << "\n";
  }
  out << "(" << g.size() << " lines in the golden file, " << a.size()
      << " in the output; THRESHOLD_REGEN=1 rewrites it after a deliberate change)";
  return out.str();
}

// Written beside the file and renamed over it, so an interrupted run leaves the old file whole.
bool write_atomically(const fs::path& path, const std::string& text, std::string* error) {
  fs::path tmp = path;
  tmp += ".regen-tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out << text;
    out.close();
    if (!out) {
      *error = "cannot write " + tmp.string();
      return false;
    }
  }
  std::error_code ec;
  fs::rename(tmp, path, ec);
  if (ec) {
    *error = "cannot rename " + tmp.string() + " to " + path.string() + ": " + ec.message();
    fs::remove(tmp, ec);
    return false;
  }
  return true;
}

}  // namespace

bool regenerating_golden_files() {
  const char* regen = std::getenv("THRESHOLD_REGEN");
  return regen != nullptr && std::string_view(regen) == "1";
}

void expect_matches_golden(const fs::path& path, const std::string& actual,
                           std::source_location where) {
  const char* file = where.file_name();
  const int line = static_cast<int>(where.line());
  if (regenerating_golden_files()) {
    std::string error;
    if (!write_atomically(path, actual, &error)) ADD_FAILURE_AT(file, line) << error;
    return;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    ADD_FAILURE_AT(file, line) << path.string()
                               << " is missing; run with THRESHOLD_REGEN=1 to write it";
    return;
  }
  std::ostringstream golden;
  golden << in.rdbuf();
  if (golden.str() != actual) {
    ADD_FAILURE_AT(file, line) << first_difference(path, golden.str(), actual);
  }
}

}  // namespace threshold::test_support
