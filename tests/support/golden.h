// Golden files: a test's output compared with the file checked in beside the test, or the file
// rewritten from the output when THRESHOLD_REGEN=1 (then read the diff before committing it).
#pragma once

#include <filesystem>
#include <source_location>
#include <string>

namespace threshold::test_support {

// True when THRESHOLD_REGEN=1: golden files are written, not compared.
bool regenerating_golden_files();

// Fails the test at the caller's line when `actual` differs from the file at `path`, naming the
// first line that differs (path:line, expected and actual); a missing file is a failure too.
// Under THRESHOLD_REGEN=1 writes `actual` to `path` instead, atomically.
void expect_matches_golden(const std::filesystem::path& path, const std::string& actual,
                           std::source_location where = std::source_location::current());

}  // namespace threshold::test_support
