// Characters no face has. See catalogue_glyphs.h.
#include "catalogue_glyphs.h"

#include <SFML/System/String.hpp>
#include <algorithm>
#include <cstdio>
#include <set>

#include "threshold/locale/catalogue.h"
#include "threshold/render/font_chain.h"
#include "threshold/render/fonts.h"

namespace threshold::game {

namespace {

// What the renderer does not draw as a glyph: controls, the spaces it draws as spaces, joiners
// and variation selectors.
bool not_drawn(sf::Uint32 cp) {
  return cp < 0x20 || cp == 0x7F || cp == 0xA0 || cp == 0x202F || cp == 0x200B || cp == 0x200C ||
         cp == 0x200D || cp == 0xFEFF || (cp >= 0xFE00 && cp <= 0xFE0F) ||
         (cp >= 0x2060 && cp <= 0x2064);
}

std::string code_point(sf::Uint32 cp) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "U+%04X", static_cast<unsigned>(cp));
  return buf;
}

}  // namespace

size_t check_catalogue_glyphs(const std::string& po, const std::string& language,
                              const std::vector<std::string>& font_folders,
                              story::Diagnostics& diags) {
  const std::optional<locale::Catalogue> catalogue = locale::read_catalogue(po);
  if (!catalogue) return 0;  // what is wrong with it is reported where it is read
  const render::FontSearch found = render::find_fonts(font_folders);
  render::FontLibrary fonts;
  const render::FontFile* face = nullptr;
  for (const std::string& path : found.regular) {
    if ((face = fonts.load(path))) break;
  }
  if (!face) return 0;  // no font at all: the game says so when it starts
  const render::FontChain chain(fonts, language, render::locale_fonts(font_folders, language),
                                *face, found.fallbacks);
  // In the order of the file, so that each character is reported where it first appears.
  std::vector<const locale::CatalogueEntry*> entries;
  for (const auto& [context, entry] : catalogue->entries) entries.push_back(&entry);
  std::stable_sort(entries.begin(), entries.end(),
                   [](const auto* a, const auto* b) { return a->po_line < b->po_line; });
  std::set<sf::Uint32> reported;
  size_t added = 0;
  for (const locale::CatalogueEntry* entry : entries) {
    for (const std::string& form : entry->msgstr) {
      for (const sf::Uint32 cp : sf::String::fromUtf8(form.begin(), form.end())) {
        if (not_drawn(cp) || reported.count(cp) || chain.file_for(cp).has(cp)) continue;
        reported.insert(cp);
        const std::basic_string<sf::Uint8> utf8 = sf::String(cp).toUtf8();
        story::Diagnostic d;
        d.file = po;
        d.line = entry->po_line;
        d.severity = story::Severity::Warning;
        d.code = story::Code::NoFontForCharacter;
        d.message = "no font the game would use has '" + std::string(utf8.begin(), utf8.end()) +
                    "' (" + code_point(cp) +
                    "): it is drawn as an empty box; put a font that has it in the story's fonts/" +
                    (language.empty() ? std::string("<language>") : language) +
                    "/, or install one the game looks for (authoring.md, \"Scripts and fonts\")";
        diags.add(std::move(d));
        ++added;
      }
    }
  }
  return added;
}

}  // namespace threshold::game
