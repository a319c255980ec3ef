// The words the game says aloud. See speech_words.h.
#include "speech_words.h"

namespace threshold::game::words {

namespace {

// `text` as a sentence: ends with a full stop unless it already ends in punctuation.
std::string sentence(std::string text) {
  while (!text.empty() && (text.back() == ' ' || text.back() == '\n')) text.pop_back();
  if (text.empty()) return text;
  const char last = text.back();
  if (last != '.' && last != '!' && last != '?' && last != ':' && last != ';') text += '.';
  return text;
}

}  // namespace

std::string moment_opening(const locale::UiText& ui, bool can_act, bool can_wait) {
  using locale::Ui;
  if (can_act && can_wait) return ui(Ui::SpeechActOrWait);
  if (can_act) return ui(Ui::SpeechAct);
  if (can_wait) return ui(Ui::SpeechWait);
  return "";
}

std::string focused_thing(const locale::UiText& ui, const std::string& thing,
                          const std::vector<std::string>& hints) {
  using locale::Ui;
  if (hints.empty()) return thing;
  std::string all = hints.front();
  for (size_t i = 1; i < hints.size(); ++i)
    all = ui(Ui::SpeechOr, {{"first", all}, {"next", hints[i]}});
  return ui(Ui::SpeechThing, {{"thing", thing}, {"hints", sentence(all)}});
}

std::string menu_opening(const std::string& title, const std::string& footnote,
                         const std::string& item) {
  std::string text;
  for (const std::string& part : {title, footnote, item}) {
    std::string s;
    for (char c : part) s += c == '\n' ? ' ' : c;
    s = part == item ? s : sentence(s);
    if (s.empty()) continue;
    text += (text.empty() ? "" : " ") + s;
  }
  return text;
}

std::string no_speech_server(const std::string& why) {
  return "speech is on, but no speech server answered (" + why +
         "); the game plays on without speech";
}

std::string speech_stopped(const std::string& why) {
  return "speech stopped (" + why + "); the game plays on without speech";
}

}  // namespace threshold::game::words
