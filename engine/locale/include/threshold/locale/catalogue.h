// A translation catalogue (a gettext .po file) as the game reads it: each entry by its msgctxt,
// with its forms, whether it is fuzzy, and the line of the .po it is on. Read with libgettextpo,
// GNU gettext's own reader of .po files (linked PRIVATE: its header stays here).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "threshold/locale/plural_forms.h"

namespace threshold::locale {

struct CatalogueEntry {
  std::string msgid;
  std::string msgid_plural;         // empty: no plural forms
  std::vector<std::string> msgstr;  // one, or one a plural form; "" where untranslated
  bool fuzzy = false;
  int32_t po_line = 0;  // the line of the .po its msgctxt (or msgid) is on; 0 if not found

  bool translated() const {
    if (msgstr.empty()) return false;
    for (const std::string& s : msgstr)
      if (s.empty()) return false;
    return true;
  }
};

struct Catalogue {
  std::string path;                               // the .po it was read from
  std::string language;                           // its Language header ("fr"), may be empty
  PluralRule plural;                              // its Plural-Forms (English's when it has none)
  std::map<std::string, CatalogueEntry> entries;  // by msgctxt; entries with none are left out
  std::vector<std::string> problems;              // "fr.po:12: ..." what libgettextpo reported

  const CatalogueEntry* find(const std::string& context) const {
    const auto it = entries.find(context);
    return it == entries.end() ? nullptr : &it->second;
  }
};

// Reads a .po file, or nullopt with the reason in `why` (cannot be read, does not parse).
std::optional<Catalogue> read_catalogue(const std::string& path, std::string* why = nullptr);

}  // namespace threshold::locale
