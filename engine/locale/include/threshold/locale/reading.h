// `threshold check --locale LANG`: where a translation makes a silence begin before its lines
// can be read. The rule is the accessibility check's (T0613, accessibility.h): a moment's wait
// should be at least as long as its beat's lines take to read at the slowest text speed. Here the
// lines are the translation's, whose lingers localize.h gave from their own words.
#pragma once

#include <cstddef>

#include "threshold/story/diagnostic.h"
#include "threshold/story/model.h"

namespace threshold::locale {

// Adds a T0616 warning at each translated line that takes longer to read than its English, in a
// beat whose lines the English leaves time to read before its shortest wait and the translation
// does not. `translated` is `english` put into a language (localize()). Returns the warnings added.
size_t check_translated_reading(const story::Story& english, const story::Story& translated,
                                story::Diagnostics& diags);

}  // namespace threshold::locale
