// The Problems panel's list (collect_problems): what the panel shows when a load was capped.
#include "threshold/debug/problems.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace threshold::debug {
namespace {

using story::Diagnostic;
using story::Diagnostics;
using story::Severity;
using story::SourcePos;
using story::Sources;

TEST(Problems, ACappedLoadEndsWithHowManyMoreErrorsAndWarnings) {
  Sources sources;
  const int32_t f = sources.add("scenes/a.yaml", "scene: a\n");
  Diagnostics load;
  for (int i = 0; i < 130; ++i)
    load.error(sources, SourcePos{f, 1, 1}, "error " + std::to_string(i));
  for (int i = 0; i < 101; ++i) load.warning(sources, SourcePos{f, 1, 1}, "warning");
  const std::vector<Diagnostic> rows = collect_problems(load, nullptr);
  ASSERT_EQ(rows.size(), Diagnostics::kMaxErrors + Diagnostics::kMaxWarnings + 2);
  EXPECT_EQ(rows.front().severity, Severity::Error);
  const Diagnostic& errors = rows[rows.size() - 2];
  EXPECT_EQ(errors.severity, Severity::Note);
  EXPECT_EQ(errors.message, "and 30 more errors");
  EXPECT_EQ(rows.back().message, "and 1 more warning");
}

TEST(Problems, AnUncappedLoadHasNoMoreRow) {
  Sources sources;
  const int32_t f = sources.add("scenes/a.yaml", "scene: a\n");
  Diagnostics load;
  load.error(sources, SourcePos{f, 1, 1}, "bad");
  const std::vector<Diagnostic> rows = collect_problems(load, nullptr);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].message, "bad");
}

}  // namespace
}  // namespace threshold::debug
