// The translated reading check. See reading.h.
#include "threshold/locale/reading.h"

#include <string>

#include "threshold/story/accessibility.h"

namespace threshold::locale {

// As T0613 reads and says them (story/accessibility.h).
using story::seconds_text;
using story::slowest_reading;

size_t check_translated_reading(const story::Story& english, const story::Story& translated,
                                story::Diagnostics& diags) {
  size_t found = 0;
  if (english.scenes.size() != translated.scenes.size()) return 0;  // not its translation
  for (size_t si = 0; si < english.scenes.size(); ++si) {
    const story::Scene& en = english.scenes[si];
    const story::Scene& tr = translated.scenes[si];
    if (en.beats.size() != tr.beats.size()) continue;
    for (size_t bi = 0; bi < en.beats.size(); ++bi) {
      const story::Beat& eb = en.beats[bi];
      const story::Beat& tb = tr.beats[bi];
      if (!eb.moment || eb.lines.size() != tb.lines.size()) continue;
      const story::Gesture* wait = nullptr;  // the shortest: the first silence that chooses
      for (const story::Gesture& g : eb.moment->gestures) {
        if (g.kind == story::GestureKind::Wait && (!wait || g.seconds < wait->seconds)) wait = &g;
      }
      if (!wait) continue;
      double english_reading = 0, translated_reading = 0;
      for (size_t li = 0; li < eb.lines.size(); ++li) {
        english_reading += slowest_reading(eb.lines[li]);
        translated_reading += slowest_reading(tb.lines[li]);
      }
      // The English already too long for its wait is the accessibility check's (T0613).
      if (english_reading > wait->seconds || translated_reading <= wait->seconds) continue;
      for (size_t li = 0; li < eb.lines.size(); ++li) {
        const double mine = slowest_reading(tb.lines[li]), theirs = slowest_reading(eb.lines[li]);
        if (mine <= theirs) continue;
        ++found;
        diags.warning(
            english.sources, eb.lines[li].at,
            "translated, this line takes " + seconds_text(mine) +
                " to read at the slowest text speed, its English " + seconds_text(theirs) +
                ": its beat's lines then take " + seconds_text(translated_reading) +
                " (the English " + seconds_text(english_reading) + "), more than the wait of " +
                seconds_text(wait->seconds) + " at line " + std::to_string(wait->at.line) +
                ", so a slow reader may still be reading when the silence chooses",
            story::Code::TranslationBeforeReading);
      }
    }
  }
  return found;
}

}  // namespace threshold::locale
