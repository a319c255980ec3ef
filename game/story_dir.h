// The STORY_DIR argument every story verb takes: loads the story in it (or the bundled one,
// found from the executable), printing the diagnostics and a one-line refusal to stderr when it
// does not load. Also the small helpers the verbs share. Used by the *_command.cpp files.
#pragma once

#include <cstddef>
#include <optional>
#include <string>

#include "threshold/story/diagnostic.h"
#include "threshold/story/loader.h"
#include "threshold/story/model.h"

namespace threshold::game {

constexpr const char* kStoryDirHelp =
    "The story directory (holding story.yaml), or a story pack (`threshold pack`); default: the "
    "bundled story";

// The name of the compiled story an installed game ships in its story directory.
constexpr const char* kBundledPackName = "story.pack";

// The pack `dir` names, when it names one: a pack file itself; a folder with no story.yaml but
// a story.pack; or, for "" (the bundled story), the installed story's story.pack. "" when the
// story is to be loaded from its YAML (a writer's checkout: there live reload works).
std::string story_pack_path(const std::string& dir, const char* argv0);

// `dir` "" is the bundled story; `argv0` helps find it. A pack (story_pack_path) is read
// instead of the YAML when there is one. `keep`, when given, receives the
// diagnostics of a story that loaded (its warnings).
std::optional<story::Story> load_story_dir(const std::string& dir, const char* argv0,
                                           story::Diagnostics* keep = nullptr);

// How the game loads a story: the game's assets folder (find_assets_dir) is the second place
// its images and sounds may be.
story::LoadOptions game_load_options(const char* argv0);

// The whole file, or nullopt when it cannot be read.
std::optional<std::string> read_text_file(const std::string& path);

// "1 error", "3 errors".
std::string count_of(size_t n, const char* one, const char* many);

}  // namespace threshold::game
