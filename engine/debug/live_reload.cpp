// Watching the story directory and reloading it while keeping the player's place. See
// live_reload.h.
#include "engine/debug/live_reload.h"

#include <sys/stat.h>

#include <algorithm>
#include <filesystem>

#include "engine/debug/problems.h"
#include "engine/story/timeline.h"
#include "engine/story/save.h"

namespace threshold::debug {

namespace fs = std::filesystem;

namespace {

// The folders a story directory keeps its files in, besides what its story.yaml names.
constexpr const char* kFolders[] = {"scenes", "places"};

std::string join(const std::string& dir, const std::string& name) {
  if (dir.empty()) return name;
  return dir.back() == '/' ? dir + name : dir + "/" + name;
}

// The folder a file is in, spelled so that two spellings of one folder compare equal.
std::string folder_of(const std::string& path) {
  return fs::path(path).parent_path().lexically_normal().string();
}

std::string normal(const std::string& path) {
  std::string s = fs::path(path).lexically_normal().string();
  while (s.size() > 1 && s.back() == '/') s.pop_back();
  return s;
}

}  // namespace

StoryWatcher::StoryWatcher(std::string dir, double interval_seconds)
    : dir_(std::move(dir)),
      interval_(std::chrono::duration_cast<std::chrono::steady_clock::duration>(
          std::chrono::duration<double>(interval_seconds))) {}

void StoryWatcher::watch(const story::Story* story) {
  extra_.clear();
  folders_.clear();
  for (const char* f : kFolders) folders_.push_back(normal(join(dir_, f)));
  if (story != nullptr) {
    const std::string top = normal(dir_);
    for (size_t i = 0; i < story->sources.size(); ++i) {
      const std::string& path = story->sources.path(static_cast<int32_t>(i));
      extra_.push_back(path);
      // A scenes folder of another name (story.yaml's `scenes:`) is watched as a folder, so
      // that a new file in it is seen too.
      const std::string folder = normal(folder_of(path));
      if (folder != top && std::find(folders_.begin(), folders_.end(), folder) == folders_.end()) {
        folders_.push_back(folder);
      }
    }
  }
  stamps_ = scan();
  changed_.clear();
  last_poll_ = std::chrono::steady_clock::now();
}

std::vector<StoryWatcher::Stamp> StoryWatcher::scan() const {
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
  stamp(join(dir_, "story.yaml"));
  for (const std::string& folder : folders_) {
    stamp(folder);
    std::error_code ec;
    if (!fs::is_directory(folder, ec)) continue;
    // One level of subfolders is enough for any layout the loader reads (places/kitchen/...).
    fs::recursive_directory_iterator it(folder, fs::directory_options::skip_permission_denied, ec);
    for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
      if (it.depth() >= 1) it.disable_recursion_pending();
      const std::string name = it->path().filename().string();
      if (!name.empty() && name.front() == '.') {
        it.disable_recursion_pending();
        continue;  // editors' swap and lock files
      }
      stamp(it->path().string());
    }
  }
  for (const std::string& path : extra_) stamp(path);
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
  std::vector<Stamp> fresh = scan();
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
                          const story::State& state, const story::LoadOptions& options) {
  const auto began = std::chrono::steady_clock::now();
  ReloadResult r;
  story::LoadResult loaded = story::load_story(dir, options);
  r.diagnostics = std::move(loaded.diagnostics);
  if (loaded.story && !r.diagnostics.has_errors()) {
    r.story = std::make_shared<const story::Story>(std::move(*loaded.story));
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
  if (loaded.story && !diagnostics_.has_errors()) {
    story_ = std::make_shared<const story::Story>(std::move(*loaded.story));
  }
  last_seconds_ = std::chrono::duration<double>(std::chrono::steady_clock::now() - began).count();
  watcher_.watch(story_.get());
  problems_ = collect_problems(diagnostics_, story_.get());
}

LiveStory::LiveStory(std::string dir, std::shared_ptr<const story::Story> story,
                     story::Diagnostics diagnostics, story::LoadOptions options)
    : dir_(std::move(dir)),
      options_(options),
      story_(std::move(story)),
      diagnostics_(std::move(diagnostics)),
      watcher_(dir_) {
  watcher_.watch(story_.get());
  problems_ = collect_problems(diagnostics_, story_.get());
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
    if (loaded.story && !diagnostics_.has_errors()) {
      story_ = std::make_shared<const story::Story>(std::move(*loaded.story));
      runtime = story::Runtime(*story_);
      if (timeline) timeline->clear();
    }
    watcher_.watch(story_.get());
    problems_ = collect_problems(diagnostics_, story_.get());
    return story_ != nullptr;
  }
  ReloadResult r = reload_story(dir_, *story_, runtime.state(), options_);
  diagnostics_ = std::move(r.diagnostics);
  last_seconds_ = r.seconds;
  if (!r.ok) {
    // The last good story keeps running; only what is wrong is new. Files that appeared with the
    // broken edit are watched from now on.
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
  watcher_.watch(story_.get());
  problems_ = collect_problems(diagnostics_, story_.get());
  return true;
}

}  // namespace threshold::debug
