// The Problems panel's list. See problems.h.
#include "threshold/debug/problems.h"

#include <algorithm>
#include <string>

#include "threshold/story/checker.h"

namespace threshold::debug {

using story::Diagnostic;
using story::Diagnostics;
using story::Severity;

std::vector<Diagnostic> collect_problems(const Diagnostics& load, const story::Story* story) {
  Diagnostics all;
  for (const Diagnostic& d : load.items()) all.add(d);
  size_t more_errors = load.more_errors();
  size_t more_warnings = load.more_warnings();
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
    more_warnings += checked.more_warnings();
  }
  more_errors += all.more_errors();
  more_warnings += all.more_warnings();
  all.sort();
  std::vector<Diagnostic> out = all.items();
  std::stable_partition(out.begin(), out.end(),
                        [](const Diagnostic& d) { return d.severity == Severity::Error; });
  // What the caps counted but did not keep, as the last rows: a writer who sees 100 errors
  // must know whether that is all of them.
  auto more = [&out](size_t count, const char* one, const char* many) {
    if (count == 0) return;
    Diagnostic d;
    d.severity = Severity::Note;
    d.message = "and " + std::to_string(count) + (count == 1 ? one : many);
    out.push_back(std::move(d));
  };
  more(more_errors, " more error", " more errors");
  more(more_warnings, " more warning", " more warnings");
  return out;
}

}  // namespace threshold::debug
