// Writing a story's strings (story_strings.h) as a gettext POT template, through libgettextpo's
// own writer (so quoting, wrapping and plural entries are gettext's), atomically: a temporary
// beside the file, renamed over it.
#pragma once

#include <string>
#include <vector>

#include "threshold/locale/story_strings.h"

namespace threshold::locale {

struct PotHeader {
  std::string project;  // Project-Id-Version: the story's title
};

// The number of entries written (a context that comes twice, a place's caption, is written
// once, with each of its places as a reference), or -1 with the reason in `why`.
int write_pot(const std::vector<StoryString>& strings, const PotHeader& header,
              const std::string& path, std::string* why = nullptr);

}  // namespace threshold::locale
