// The `--scene ID` option shared by text, render and audio-render: the scene it names, or the
// story's start when it is empty; an unknown id is told on stderr with a did-you-mean.
#pragma once

#include <optional>
#include <string>

#include "threshold/story/model.h"

namespace threshold::game {

std::optional<story::SceneId> scene_from_arg(const story::Story& story, const std::string& id);

}  // namespace threshold::game
