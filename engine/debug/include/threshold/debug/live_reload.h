// Live reload for the game: a StoryWatcher polls the story's files as the loader lists them
// (story/story_files.h: story.yaml, the place and scene files, the folders they are in, and the
// images and sounds the running story names) with cheap stat() calls, and reload_story() loads it
// again, keeping the player where they were: same scene when it still exists, same variables
// (carried through the save format, which repairs what was removed). A broken edit keeps the old
// story running and returns its diagnostics.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "threshold/story/loader.h"
#include "threshold/story/runtime.h"
#include "threshold/story/story_files.h"

namespace threshold::story {
class Timeline;
}

namespace threshold::debug {

class StoryWatcher {
 public:
  // Polls at most every `interval` seconds (poll() is cheap to call every frame).
  explicit StoryWatcher(std::string dir, double interval_seconds = 0.2);

  // Watches exactly the story files of `files` (as listed for a load's folders): story.yaml, the
  // place and scene files, the *.yml files beside them (the loader warns of those), and the
  // images and sounds the running story names (StoryFiles::media). Each poll lists the folders
  // again as the loader would, so a story file added to them is seen; any other file there
  // (notes, an image no scene names, an editor's swap file) is not. The files' stamps now are
  // the baseline. Call again after each load.
  void watch(const story::StoryFiles& files);

  // True once for each change seen (a watched file's mtime or size changed, a story file
  // appeared or vanished, a folder appeared or vanished). Polls only when `interval` has passed
  // since the last poll, by the steady clock; poll_now() always polls.
  bool poll();
  bool poll_now();
  // Paths that changed at the last poll that returned true.
  const std::vector<std::string>& changed() const { return changed_; }
  const std::string& dir() const { return dir_; }
  size_t watched_count() const { return stamps_.size(); }

 private:
  struct Stamp {
    std::string path;
    int64_t mtime_ns = -1;  // -1: missing
    int64_t size = -1;
    bool folder = false;
    friend bool operator==(const Stamp&, const Stamp&) = default;
  };
  static std::vector<Stamp> scan(const story::StoryFiles& files);
  std::string dir_;
  std::chrono::steady_clock::duration interval_;
  std::chrono::steady_clock::time_point last_poll_{};
  story::StoryFolders folders_;     // as the last load's story.yaml named them
  std::string assets_;              // the game's assets folder the listing was made with
  std::vector<std::string> media_;  // the running story's images and sounds
  std::vector<Stamp> stamps_;
  std::vector<std::string> changed_;
};

struct ReloadResult {
  bool ok = false;  // the directory loaded without errors: story and state are set
  std::shared_ptr<const story::Story> story;  // the new story (when ok)
  story::State state;                         // the player's state carried over (when ok)
  bool carried = true;  // false: the state could not be carried over; the game starts again
  std::vector<std::string> notices;  // what had to be repaired ("scene 'x' is gone...")
  story::Diagnostics diagnostics;    // of the load: errors when !ok (the old story keeps running)
  story::StoryFiles files;           // what the load listed, to watch from now on
  double seconds = 0;                // how long the reload took
};

// What is done to each story loaded before it is played (the game puts it into the player's
// language, engine/locale), and the files besides the story's that it reads (the catalogue),
// watched as the story's own are.
struct StoryPreparation {
  std::function<void(story::Story&)> prepare;
  std::vector<std::string> files;
};

// Loads `dir` again; when it loads, carries `state` (made for `old_story`) over to it.
// `preparation`, when given, is applied to the loaded story first, and its files watched.
ReloadResult reload_story(const std::string& dir, const story::Story& old_story,
                          const story::State& state, const story::LoadOptions& options = {},
                          const StoryPreparation* preparation = nullptr);

// The game's side of live reload in one object: owns the running story, the watcher and the
// last load's diagnostics. Each frame: `if (live.poll(runtime)) ...` — on a good reload the
// runtime is rebuilt over the new story with the player's state, and the timeline (if given) is
// carried over; on a broken one nothing changes but problems().
class LiveStory {
 public:
  // Loads `dir`. ok() tells whether there is a story to play.
  explicit LiveStory(std::string dir, story::LoadOptions options = {});
  // Takes over a story the game already loaded from `dir` (and its load's diagnostics).
  LiveStory(std::string dir, std::shared_ptr<const story::Story> story,
            story::Diagnostics diagnostics = {}, story::LoadOptions options = {});
  bool ok() const { return story_ != nullptr; }
  const std::shared_ptr<const story::Story>& story() const { return story_; }
  // Diagnostics of the last load attempt (errors when the last edit is broken).
  const story::Diagnostics& diagnostics() const { return diagnostics_; }
  bool broken() const { return diagnostics_.has_errors(); }
  // What the last good reload had to repair ("The scene 'x' no longer exists; resuming at ...").
  const std::vector<std::string>& notices() const { return notices_; }
  // For the Problems panel: the last load's diagnostics and the running story's checker
  // warnings (collect_problems), computed once per load attempt, not per frame.
  const std::vector<story::Diagnostic>& problems() const { return problems_; }
  double last_reload_seconds() const { return last_seconds_; }
  // The story's files as the last load attempt listed them (what the watcher watches).
  const story::StoryFiles& files() const { return files_; }
  StoryWatcher& watcher() { return watcher_; }
  const StoryWatcher& watcher() const { return watcher_; }

  // From now on each load is prepared so (the story the game handed over already was), and
  // `preparation.files` are watched: an edited catalogue is reloaded as a scene is.
  void prepare_with(StoryPreparation preparation);

  // Polls the watcher; on a change, reloads. Returns true when `runtime` now runs a new story
  // (it is replaced by a runtime over it, with the state carried over).
  bool poll(story::Runtime& runtime, story::Timeline* timeline = nullptr);
  // Reloads now, whether or not anything changed.
  bool reload(story::Runtime& runtime, story::Timeline* timeline = nullptr);

 private:
  std::string dir_;
  story::LoadOptions options_;
  std::shared_ptr<const story::Story> story_;
  // The story before the last reload, kept one more reload: the game may still hold references
  // into it (a renderer's scene) until its next frame.
  std::shared_ptr<const story::Story> previous_;
  story::Diagnostics diagnostics_;
  story::StoryFiles files_;
  std::vector<story::Diagnostic> problems_;
  std::vector<std::string> notices_;
  double last_seconds_ = 0;
  StoryWatcher watcher_;
  StoryPreparation preparation_;
  void watch_files();  // files_ and the preparation's files
};

}  // namespace threshold::debug
