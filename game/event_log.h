// The event log of a run, one event a line with its time: what `threshold replay` prints, so a
// developer can read exactly what happened in a player's recorded run (a bug report) and when.
#pragma once

#include <string>
#include <vector>

#include "threshold/story/runtime.h"

namespace threshold::game {

// "  12.500  gesture   kitchen_morning.cup.put_it_down (hesitate, 0.9 s)"
std::string format_event(const story::Story& story, const story::Event& event);
std::string format_events(const story::Story& story, const std::vector<story::Event>& events);

}  // namespace threshold::game
