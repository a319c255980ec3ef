// The overlay's "Scenes" panel: finding a scene by part of its id or its place. Jumping and
// restarting go through the Timeline (timeline.h) so that they are recorded.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "threshold/story/model.h"

namespace threshold::debug {

struct SceneMatch {
  story::SceneId scene = story::kNone;
  std::string id;
  std::string place;
  int32_t day = 0;
  int score = 0;  // higher is better: exact id, id prefix, word of the id, inside the id, place
};

// Case-insensitive substring search over scene ids and places, best first (ties in story
// order). An empty query lists every scene in story order. At most `limit` matches.
std::vector<SceneMatch> search_scenes(const story::Story& story, std::string_view query,
                                      size_t limit = 100);

}  // namespace threshold::debug
