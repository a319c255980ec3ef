// Internal to saves: only the save parts (save*.cpp) include this header. It holds the format's
// limits, the words it is written in (numbers, escapes, names, ids), and SavedText: what a save
// file says, by id, read (save_read.cpp) and then matched against the story (save_resume.cpp).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

#include "threshold/story/save.h"

namespace threshold::story {

inline constexpr size_t kMaxSaveBytes = 64u << 20;
inline constexpr size_t kMaxLineBytes = 64u << 10;
// The latest time a save may hold: a year of play. Far past any week of this game, and small
// enough that a 1/60 s frame still moves the clock (at 1e17 s it does not, and the game
// freezes; at 1e308 every timer is already due).
inline constexpr double kMaxSaveSeconds = 365.0 * 24 * 3600;

// Shortest text that reads back as exactly the same double.
std::string number_text(double d);

std::string escape(const std::string& s);

bool unescape(std::string_view s, std::string& out);

const char* phase_name(Phase p);

bool parse_phase(std::string_view s, Phase& p);

bool parse_kind(std::string_view s, GestureKind& k);

bool parse_double(std::string_view s, double& d);

// The most lines any beat, gesture or ending of `story` shows: a save's line index past it
// belongs to no version of this story.
size_t longest_lines(const Story& story);

// The last day any scene of `story` begins (1 when none names a day).
int32_t last_day(const Story& story);

// True when `s` is a run of digits too long for an int32 ("99999999999").
bool too_large_count(std::string_view s);

bool parse_count(std::string_view s, int32_t& n);

// Splits off the first space-separated word; `rest` keeps what follows the single space.
std::string_view take_word(std::string_view& rest);

std::vector<std::string_view> words_of(std::string_view s);

const std::string& scene_id(const Story& story, SceneId s);

const Scene* scene_at(const Story& story, SceneId s);

const Beat* beat_at(const Scene* scene, BeatId b);

const Gesture* gesture_at(const Beat* beat, int32_t g);

int32_t find_gesture(const Beat* beat, std::string_view id);

std::string value_text(const Value& v);

// What the file says, by id, before it is matched against the story.
struct SavedText {
  struct SavedVar {
    std::string id;
    Type type;
    Value value;
  };
  struct SavedHistory {
    double time = 0, seconds = 0;
    std::string scene, beat, gesture, thing;
    GestureKind kind = GestureKind::Touch;
  };
  std::string title, scene, beat, gesture = "-", ending = "-";
  double time = 0;
  Phase phase = Phase::NotStarted;
  int32_t line_index = 0, day = 1;
  bool hands = true;
  std::vector<SavedVar> vars;
  std::vector<std::pair<std::string, int32_t>> visits;
  std::vector<std::tuple<std::string, std::string, int32_t>> chose;  // scene, gesture, count
  Counters counters;
  std::vector<SavedHistory> history;
  std::vector<std::string> visited, stayed;

  // Reads `text`; false with `error` ("line 3: unknown save version 7") when it cannot be used.
  bool read(const Story& story, const std::string& text, std::string& error);
  // The State it resumes at in `story` as it is now, repaired with a notice where it moved.
  LoadedSave resume(const Story& story) const;
};

}  // namespace threshold::story
