// The `--scene ID` option. See scene_arg.h.
#include "scene_arg.h"

#include <iostream>
#include <vector>

namespace threshold::game {

std::optional<story::SceneId> scene_from_arg(const story::Story& story, const std::string& id) {
  if (id.empty()) return story.start;
  const story::SceneId scene = story.find_scene(id);
  if (scene != story::kNone) return scene;
  std::cerr << "threshold: there is no scene '" << id << "'";
  std::vector<std::string> ids;
  for (const story::Scene& s : story.scenes) ids.push_back(s.id);
  const std::string close = story::closest_match(id, ids);
  if (!close.empty()) std::cerr << "; did you mean '" << close << "'?";
  std::cerr << "\n";
  return std::nullopt;
}

}  // namespace threshold::game
