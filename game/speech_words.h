// Every word the game says aloud that is neither the story's nor a menu's (the menus' own words
// are their entries, in menus.cpp), put together from the game's interface strings in the
// player's language (engine/locale/ui_strings.h). Read by the narration (narration.h) and its
// tests. The log's lines (no_speech_server, speech_stopped) are the terminal's, in English.
#pragma once

#include <string>
#include <vector>

#include "threshold/locale/ui_strings.h"

namespace threshold::game::words {

// A moment opens: "You can act. Or wait." (what it offers: something to do, a silence to keep).
// "" when it offers nothing.
std::string moment_opening(const locale::UiText& ui, bool can_act, bool can_wait);

// The focused thing as it is named ("the cup"), with the gestures on offer when hints are on:
// "the cup: Hold the cup, or Reach for the cup, and stop."
std::string focused_thing(const locale::UiText& ui, const std::string& thing,
                          const std::vector<std::string>& hints);

// A screen of the menus opens: its title, the words under it, then the highlighted item.
std::string menu_opening(const std::string& title, const std::string& footnote,
                         const std::string& item);

// The game's log, once each: no speech server answered (`why`, Speech Dispatcher's own words),
// and a server that stopped answering during the game.
std::string no_speech_server(const std::string& why);
std::string speech_stopped(const std::string& why);

}  // namespace threshold::game::words
