// The overlay's "Problems" panel: the diagnostics of the last load (errors of a broken edit, or
// the loader's warnings) and the checker's warnings, each with file, line, column, severity and
// message (story::Diagnostic), errors first, then by file and position; when the diagnostics were
// capped, a last note row says how many more were counted ("and 40 more warnings").
#pragma once

#include <vector>

#include "threshold/story/diagnostic.h"
#include "threshold/story/model.h"

namespace threshold::debug {

// `load`: the diagnostics of the last load (may hold errors when the reload failed and `story`
// is the previous good one). `story`: the story that runs, checked for warnings; may be null.
std::vector<story::Diagnostic> collect_problems(const story::Diagnostics& load,
                                                const story::Story* story);

}  // namespace threshold::debug
