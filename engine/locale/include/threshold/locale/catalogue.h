// A translation catalogue as the game reads it, in either of gettext's two forms:
// - the source, a .po file: each entry by its msgctxt, with its forms, whether it is fuzzy, and
//   the line of the .po it is on. Read with libgettextpo, GNU gettext's own reader of .po files
//   (linked PRIVATE: its header stays in catalogue.cpp). `threshold check` reads this form.
// - the compiled form, a .mo file made from it by gettext's `msgfmt` (the build makes one for
//   each catalogue of data/ and the package installs it beside the .po). Read with Boost.Locale's
//   gnu_gettext messages, a lookup by context and msgid in the file's own hash table: reading a
//   10,000-scene story's catalogue takes a few milliseconds where the .po takes seconds. msgfmt
//   leaves out what is fuzzy or untranslated, so a compiled catalogue knows only what it shows.
// The game reads the .mo beside a .po when it is at least as new as the .po, else the .po
// (load_catalogue): an edited .po is never shadowed by an older compiled one.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
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

// What a catalogue gives for one string: its forms to show, or why it shows in English.
struct Translation {
  enum class Status : uint8_t {
    Translated,
    Missing,       // no entry for its context (a compiled catalogue: nor fuzzy, nor untranslated)
    Untranslated,  // an entry with an empty msgstr
    Fuzzy,         // an entry marked fuzzy
    Stale,         // an entry whose msgid is not the English now: msgmerge has not been run
  };
  Status status = Status::Missing;
  // Translated: one, or one a plural form; the catalogue's own text, valid while it lives.
  std::vector<std::string_view> forms;
  int32_t po_line = 0;  // the .po's line of the entry, when it has one
};

class CompiledMessages;  // a .mo as Boost.Locale reads it (compiled_catalogue.cpp)

struct Catalogue {
  std::string path;                               // the .po or .mo it was read from
  std::string language;                           // its Language header ("fr"), may be empty
  PluralRule plural;                              // its Plural-Forms (English's when it has none)
  std::map<std::string, CatalogueEntry> entries;  // a .po's, by msgctxt; entries with none left out
  std::vector<std::string> problems;              // "fr.po:12: ..." what libgettextpo reported
  std::shared_ptr<const CompiledMessages> compiled;  // a .mo's; then `entries` is empty

  // A .po's entry (check's listing): none from a compiled catalogue.
  const CatalogueEntry* find(const std::string& context) const {
    const auto it = entries.find(context);
    return it == entries.end() ? nullptr : &it->second;
  }

  // The translation of the string at `context` whose English is `msgid` (the singular, for a
  // string with plural forms): one form, or with `plural` one for each of the language's forms.
  Translation translate(const std::string& context, const std::string& msgid, bool plurals) const;
  // The same into `out` (its forms' storage reused: a large story asks a million times).
  void translate(const std::string& context, const std::string& msgid, bool plurals,
                 Translation& out) const;
};

// Reads a .po file, or nullopt with the reason in `why` (cannot be read, does not parse).
std::optional<Catalogue> read_catalogue(const std::string& path, std::string* why = nullptr);

// Reads a .mo file (msgfmt's), or nullopt with the reason in `why` (cannot be read, damaged).
std::optional<Catalogue> read_compiled_catalogue(const std::string& path,
                                                 std::string* why = nullptr);

// The compiled catalogue beside a .po ("locales/fr.po" → "locales/fr.mo"), whether or not it
// exists.
std::string compiled_path(const std::string& po);

// The game's reading of the catalogue `po`: its compiled form when that is a regular file at
// least as new as the .po, else the .po. A compiled form that does not read is passed over for
// the .po, with the reason in the catalogue's problems.
std::optional<Catalogue> load_catalogue(const std::string& po, std::string* why = nullptr);

}  // namespace threshold::locale
