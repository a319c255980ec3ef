// Saves: the runtime's State written to a versioned text file and read back defensively.
// Writing is atomic (temporary file, fsync, rename), so a crash mid-save never destroys the
// previous save. A save refers to scenes, beats and gestures by their authored ids, so it
// survives story edits; what no longer exists resumes at the nearest surviving point.
#pragma once

#include <string>
#include <vector>

#include "threshold/story/runtime.h"

namespace threshold::story {

// 2 added `chose` lines; version 1 saves still load (their counts are rebuilt from history).
constexpr int kSaveVersion = 2;
constexpr int kOldestSaveVersion = 1;

// The save file's text for a state of `story`.
std::string save_to_text(const Story& story, const State& state);

struct LoadedSave {
  bool ok = false;                   // false: the save could not be used at all (see error)
  State state;                       // valid when ok
  std::vector<std::string> notices;  // one line each for what had to be repaired
  std::string error;                 // why it could not be used ("line 3: unknown save version 7")
};

// Reads a save written for (possibly an earlier version of) `story`. A scene or beat that was
// removed resumes at the start of its scene, else at the last visited scene that still exists,
// else at the start scene — each with a notice. Unknown variables are dropped, missing ones get
// their defaults, values of the wrong type are reset, each with a notice. Resuming resets what
// is tied to the moment of saving: an open moment restarts with fresh timers (its silence so far
// is kept in the counter), lines resume at the line that was on screen (shown again), and effects
// are never applied twice. Broken text (garbage, truncated, another version) gives ok = false.
LoadedSave load_from_text(const Story& story, const std::string& text);

// What failed in writing a file, and the system's reason, kept apart so that a player's notice
// can say it in their language (locale::file_failure_words); the English message the writers
// return is for the log.
struct FileFailure {
  enum class Step : uint8_t { Create, NotAFolder, Write, Flush, Close, Replace, SyncFolder };
  Step step = Step::Write;
  std::string path;      // the file or folder the step was about
  int error_number = 0;  // errno (0 for NotAFolder)
};

// Atomic write: a temporary file of its own (`path`.tmp.<pid>.<counter>), flushed and fsynced,
// then renamed over `path`, so concurrent writers to one path never lose a write. Returns "" or
// an error naming the file; on an error, `failure` (if given) says which step and why.
std::string write_file_atomically(const std::string& path, const std::string& contents,
                                  FileFailure* failure = nullptr);

std::string save_file(const std::string& path, const Story& story, const State& state,
                      FileFailure* failure = nullptr);
LoadedSave load_file(const std::string& path, const Story& story);

}  // namespace threshold::story
