// How a gesture is put into words for the player: hints mode (the renderer), the terminal player
// and the debug overlay all say a gesture the same way, through gesture_wording().
//
// An authored `hint:` is said as written. Otherwise the words come from the gesture's kind and
// thing, and from where it stands among the moment's other gestures on that thing: a ladder of
// holds reads "Hold the cup", "Keep holding the cup"; a hesitation "Reach for the cup, and stop".
// No seconds unless asked for (writers' tools: `threshold text --timings`).
//
// Also the plain words of the tools' reports that are not about a gesture: with_thousands().
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "threshold/story/model.h"

namespace threshold::story {

// The game's words around a gesture's (its interface strings, engine/locale/ui_strings.h): the
// gestures that have no thing, and the keys of untimed mode around a hint (`{hint}`). English
// here; the game gives the player's language's.
struct GestureWords {
  std::string wait = "Stay silent";
  std::string turn_away = "Turn away";
  std::string wait_key = "{hint} (W)";
  std::string touch_key = "{hint} (T)";
  std::string press = "{hint} (press to start, again to stop)";
  // The History's words for a hold let go of with no words of the story's (hesitation_wording).
  std::string let_go = "You let go of {thing}.";
  std::string let_go_of_it = "You let go of it.";
};

struct WordingOptions {
  bool untimed = false;  // untimed mode: a hold is pressed once to start and once to stop
  bool timings = false;  // add how long a timed gesture takes: "Hold the cup (3 s)"
  const GestureWords* words = nullptr;  // null: English
};

// The words for `g`, one of the gestures of moment `m` in `scene`. `offered` (indexes into
// m.gestures) is what the ladder is counted among; a gesture not in it counts as offered.
std::string gesture_wording(const Scene& scene, const Moment& m, const Gesture& g,
                            const std::vector<int32_t>& offered, WordingOptions options = {});

// What the player did, in words, for the History screen: "You touched the door.", "You said
// nothing." (`done` words a translation gave the moment come first: Moment::done).
std::string gesture_done_wording(const Scene& scene, const Moment& m, int32_t gesture);
// A hold let go before it completed: "You let go of the cup." (a hesitate gesture of the moment
// on that thing with `done` words gives them).
std::string hesitation_wording(const Scene& scene, const Moment* m, ThingId thing,
                               const GestureWords* words = nullptr);

// How the player sees a thing named: its name ("the cup"), else its id, else "something".
std::string thing_wording(const Scene& scene, ThingId thing);

// How the player sees a place named, in `threshold text`'s headings: its name in the story's
// language (Story::place_names), else its id in words ("bus_stop" → "bus stop").
std::string place_name(const Story& story, const std::string& place);
// The id in words alone: what a catalogue translates.
std::string place_id_words(const std::string& place);

// "7,800": whole numbers with thousands separators, for summaries and reports (check, explore).
std::string with_thousands(size_t n);

}  // namespace threshold::story
