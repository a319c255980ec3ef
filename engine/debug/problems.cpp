// The Problems panel's list. See problems.h.
#include "engine/debug/problems.h"

#include <algorithm>

#include "engine/story/checker.h"

namespace threshold::debug {

using story::Diagnostic;
using story::Diagnostics;
using story::Severity;

std::vector<Diagnostic> collect_problems(const Diagnostics& load, const story::Story* story) {
  Diagnostics all;
  for (const Diagnostic& d : load.items()) all.add(d);
  // A broken edit's errors come with the old story still running: its warnings are still worth
  // seeing, but they are about the old text, so the errors lead.
  if (story != nullptr) {
    Diagnostics checked;
    story::check(*story, checked);
    for (const Diagnostic& d : checked.items()) {
      const bool seen = std::any_of(all.items().begin(), all.items().end(), [&d](const auto& o) {
        return o.file == d.file && o.line == d.line && o.column == d.column &&
               o.message == d.message;
      });
      if (!seen) all.add(d);
    }
  }
  all.sort();
  std::vector<Diagnostic> out = all.items();
  std::stable_partition(out.begin(), out.end(),
                        [](const Diagnostic& d) { return d.severity == Severity::Error; });
  return out;
}

}  // namespace threshold::debug
