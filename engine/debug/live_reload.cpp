// Watching the story directory and reloading it while keeping the player's place. See
// live_reload.h.
#include "threshold/debug/live_reload.h"

#include <sys/stat.h>

#include <algorithm>

#include "threshold/debug/problems.h"
#include "threshold/story/save.h"
#include "threshold/story/timeline.h"
#include "threshold/story/walks.h"

namespace threshold::debug {

StoryWatcher::StoryWatcher(std::string dir, double interval_seconds)
    : dir_(std::move(dir)),
      interval_(std::chrono::duration_cast<std::chrono::steady_clock::duration>(
          std::chrono::duration<double>(interval_seconds))) {}

void StoryWatcher::watch(const story::StoryFiles& files) {
  folders_ = {files.scenes.written, files.places.written};
  assets_ = files.assets;
  media_ = files.media;
  stamps_ = scan(files);
  changed_.clear();
  last_poll_ = std::chrono::steady_clock::now();
}

std::vector<StoryWatcher::Stamp> StoryWatcher::scan(const story::StoryFiles& files) {
  std::vector<Stamp> out;
  auto stamp = [&out](const std::string& path) {
    Stamp s;
    s.path = path;
    struct stat st {};
    if (::stat(path.c_str(), &st) == 0) {
      s.mtime_ns = static_cast<int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
      s.size = static_cast<int64_t>(st.st_size);
      s.folder = S_ISDIR(st.st_mode);
      // A folder's own stamp changes with any file made in it (an editor's swap file); what it
      // holds is listed and stamped one by one instead, so only that it exists counts.
      if (s.folder) s.mtime_ns = s.size = 0;
    }
    out.push_back(std::move(s));
  };
  stamp(files.manifest);
  for (const story::StoryFolder* folder : {&files.places, &files.scenes}) {
    stamp(folder->path);
    for (const std::string& path : folder->files) stamp(path);
    for (const std::string& path : folder->misnamed) stamp(path);
  }
  for (const std::string& path : files.media) stamp(path);
  std::sort(out.begin(), out.end(), [](const Stamp& a, const Stamp& b) { return a.path < b.path; });
  out.erase(std::unique(out.begin(), out.end(),
                        [](const Stamp& a, const Stamp& b) { return a.path == b.path; }),
            out.end());
  return out;
}

bool StoryWatcher::poll() {
  const auto now = std::chrono::steady_clock::now();
  if (now - last_poll_ < interval_) return false;
  return poll_now();
}

bool StoryWatcher::poll_now() {
  last_poll_ = std::chrono::steady_clock::now();
  story::StoryFiles listed = story::list_story_files(dir_, folders_, assets_);
  listed.media = media_;
  std::vector<Stamp> fresh = scan(listed);
  if (fresh == stamps_) return false;
  // Both lists are sorted by path: walk them together.
  changed_.clear();
  size_t i = 0, j = 0;
  while (i < stamps_.size() || j < fresh.size()) {
    if (j == fresh.size() || (i < stamps_.size() && stamps_[i].path < fresh[j].path)) {
      changed_.push_back(stamps_[i++].path);  // gone
    } else if (i == stamps_.size() || fresh[j].path < stamps_[i].path) {
      changed_.push_back(fresh[j++].path);  // new
    } else {
      if (!(stamps_[i] == fresh[j])) changed_.push_back(fresh[j].path);
      ++i;
      ++j;
    }
  }
  stamps_ = std::move(fresh);
  return true;
}

ReloadResult reload_story(const std::string& dir, const story::Story& old_story,
                          const story::State& state, const story::LoadOptions& options,
                          const StoryPreparation* preparation) {
  const auto began = std::chrono::steady_clock::now();
  ReloadResult r;
  story::LoadResult loaded = story::load_story(dir, options);
  if (loaded.story && preparation && preparation->prepare) preparation->prepare(*loaded.story);
  r.diagnostics = std::move(loaded.diagnostics);
  r.files = story::list_story_files(dir, loaded.folders, options.assets_dir);
  // Until a good load, the old story's images and sounds are the ones on screen and heard.
  r.files.media = story::media_files(old_story);
  if (loaded.story && !r.diagnostics.has_errors()) {
    r.story = std::make_shared<const story::Story>(std::move(*loaded.story));
    r.files.media = story::media_files(*r.story);
    story::LoadedSave carried =
        story::load_from_text(*r.story, story::save_to_text(old_story, state));
    r.notices = std::move(carried.notices);
    if (carried.ok) {
      r.state = std::move(carried.state);
    } else {
      // Only a story with no scene to resume at gets here; the game starts it again.
      r.carried = false;
      r.notices.push_back("The game could not be carried over (" + carried.error +
                          "); it starts again.");
    }
    r.ok = true;
  }
  r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - began).count();
  return r;
}

LiveStory::LiveStory(std::string dir, story::LoadOptions options)
    : dir_(std::move(dir)), options_(options), watcher_(dir_) {
  const auto began = std::chrono::steady_clock::now();
  story::LoadResult loaded = story::load_story(dir_, options_);
  diagnostics_ = std::move(loaded.diagnostics);
  files_ = story::list_story_files(dir_, loaded.folders, options_.assets_dir);
  if (loaded.story && !diagnostics_.has_errors()) {
    story_ = std::make_shared<const story::Story>(std::move(*loaded.story));
    files_.media = story::media_files(*story_);
  }
  last_seconds_ = std::chrono::duration<double>(std::chrono::steady_clock::now() - began).count();
  watcher_.watch(files_);
  problems_ = collect_problems(diagnostics_, story_.get());
}

LiveStory::LiveStory(std::string dir, std::shared_ptr<const story::Story> story,
                     story::Diagnostics diagnostics, story::LoadOptions options)
    : dir_(std::move(dir)),
      options_(options),
      story_(std::move(story)),
      diagnostics_(std::move(diagnostics)),
      // The game loaded the story itself: its files are listed again, as that load listed them.
      files_(story::list_story_files(dir_, story::read_story_folders(dir_, options_),
                                     options_.assets_dir)),
      watcher_(dir_) {
  if (story_) files_.media = story::media_files(*story_);
  watcher_.watch(files_);
  problems_ = collect_problems(diagnostics_, story_.get());
}

void LiveStory::prepare_with(StoryPreparation preparation) {
  preparation_ = std::move(preparation);
  watch_files();
}

void LiveStory::watch_files() {
  story::StoryFiles files = files_;
  files.media.insert(files.media.end(), preparation_.files.begin(), preparation_.files.end());
  watcher_.watch(files);
}

bool LiveStory::poll(story::Runtime& runtime, story::Timeline* timeline) {
  if (!watcher_.poll()) return false;
  return reload(runtime, timeline);
}

bool LiveStory::reload(story::Runtime& runtime, story::Timeline* timeline) {
  if (!story_) {
    // Nothing ran yet (the first load was broken): a good load now is a fresh start.
    story::LoadResult loaded = story::load_story(dir_, options_);
    diagnostics_ = std::move(loaded.diagnostics);
    files_ = story::list_story_files(dir_, loaded.folders, options_.assets_dir);
    if (loaded.story && !diagnostics_.has_errors()) {
      if (preparation_.prepare) preparation_.prepare(*loaded.story);
      story_ = std::make_shared<const story::Story>(std::move(*loaded.story));
      files_.media = story::media_files(*story_);
      runtime = story::Runtime(*story_);
      if (timeline) timeline->clear();
    }
    watch_files();
    problems_ = collect_problems(diagnostics_, story_.get());
    return story_ != nullptr;
  }
  ReloadResult r = reload_story(dir_, *story_, runtime.state(), options_, &preparation_);
  diagnostics_ = std::move(r.diagnostics);
  files_ = std::move(r.files);
  last_seconds_ = r.seconds;
  // Whether the edit loaded or not, its files are the ones to watch (story.yaml may have named
  // another scenes folder).
  watch_files();
  if (!r.ok) {
    // The last good story keeps running; only what is wrong is new.
    problems_ = collect_problems(diagnostics_, story_.get());
    return false;
  }
  previous_ = std::move(story_);
  story_ = std::move(r.story);
  notices_ = std::move(r.notices);
  story::Runtime fresh(*story_);
  if (r.carried) fresh.restore(std::move(r.state));
  runtime = std::move(fresh);
  if (timeline) {
    if (r.carried) {
      timeline->rebase(*previous_, *story_);
    } else {
      timeline->clear();
    }
  }
  problems_ = collect_problems(diagnostics_, story_.get());
  return true;
}

}  // namespace threshold::debug
