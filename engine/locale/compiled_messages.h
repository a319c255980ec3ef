// A compiled catalogue's lookups, behind catalogue.h's Catalogue::translate: Boost.Locale's
// messages over a .mo (compiled_catalogue.cpp), whose header stays there.
#pragma once

#include <string>

#include "threshold/locale/catalogue.h"

namespace threshold::locale {

class CompiledMessages {
 public:
  virtual ~CompiledMessages() = default;
  // Fills `out` (cleared first), as Catalogue::translate.
  virtual void translate(const std::string& context, const std::string& msgid, bool plural,
                         Translation& out) const = 0;
};

}  // namespace threshold::locale
