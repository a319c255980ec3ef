// The words a save is written in: numbers that read back exactly, escaped strings, phase and
// gesture names, counts, and the story's scenes, beats and gestures by position and by id. Used
// by the save parts (save_parts.h): writing, reading and resuming.
#include <algorithm>
#include <charconv>
#include <cmath>

#include "save_parts.h"

namespace threshold::story {

// Shortest text that reads back as exactly the same double.
std::string number_text(double d) {
  char buf[64];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, d);
  if (ec != std::errc()) return "0";
  return std::string(buf, end);
}

std::string escape(const std::string& s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else {
      out += c;
    }
  }
  return out;
}

bool unescape(std::string_view s, std::string& out) {
  out.clear();
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '\\') {
      out += s[i];
      continue;
    }
    if (++i == s.size()) return false;
    switch (s[i]) {
      case '\\':
        out += '\\';
        break;
      case 'n':
        out += '\n';
        break;
      case 'r':
        out += '\r';
        break;
      default:
        return false;
    }
  }
  return true;
}

const char* phase_name(Phase p) {
  switch (p) {
    case Phase::NotStarted:
      return "not_started";
    case Phase::Lines:
      return "lines";
    case Phase::Moment:
      return "moment";
    case Phase::GestureLines:
      return "gesture_lines";
    case Phase::EndingLines:
      return "ending_lines";
    case Phase::Finished:
      return "finished";
  }
  return "finished";
}

bool parse_phase(std::string_view s, Phase& p) {
  for (Phase c : {Phase::NotStarted, Phase::Lines, Phase::Moment, Phase::GestureLines,
                  Phase::EndingLines, Phase::Finished}) {
    if (s == phase_name(c)) {
      p = c;
      return true;
    }
  }
  return false;
}

bool parse_kind(std::string_view s, GestureKind& k) {
  for (GestureKind c :
       {GestureKind::Wait, GestureKind::Hold, GestureKind::Hesitate, GestureKind::Look,
        GestureKind::Touch, GestureKind::TurnAway, GestureKind::Push, GestureKind::Pull}) {
    if (s == gesture_kind_name(c)) {
      k = c;
      return true;
    }
  }
  return false;
}

bool parse_double(std::string_view s, double& d) {
  if (s.empty()) return false;
  const char* first = s.data();
  if (*first == '+') return false;
  auto [ptr, ec] = std::from_chars(first, first + s.size(), d);
  return ec == std::errc() && ptr == first + s.size() && std::isfinite(d);
}

// The most lines any beat, gesture or ending of `story` shows: a save's line index past it
// belongs to no version of this story.
size_t longest_lines(const Story& story) {
  size_t longest = 0;
  for (const Scene& sc : story.scenes) {
    for (const Beat& b : sc.beats) {
      longest = std::max(longest, b.lines.size());
      if (b.moment) {
        for (const Gesture& g : b.moment->gestures) longest = std::max(longest, g.lines.size());
      }
    }
  }
  for (const Ending& e : story.endings) {
    longest = std::max(longest, e.epilogue.size() + e.reflection.size());
  }
  return longest;
}

// The last day any scene of `story` begins (1 when none names a day).
int32_t last_day(const Story& story) {
  int32_t last = 1;
  for (const Scene& sc : story.scenes) last = std::max(last, sc.day);
  return last;
}

// True when `s` is a run of digits too long for an int32 ("99999999999").
bool too_large_count(std::string_view s) {
  int32_t n = 0;
  return !s.empty() &&
         std::from_chars(s.data(), s.data() + s.size(), n).ec == std::errc::result_out_of_range;
}

bool parse_count(std::string_view s, int32_t& n) {
  if (s.empty()) return false;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), n);
  return ec == std::errc() && ptr == s.data() + s.size() && n >= 0;
}

// Splits off the first space-separated word; `rest` keeps what follows the single space.
std::string_view take_word(std::string_view& rest) {
  const size_t sp = rest.find(' ');
  std::string_view word = rest.substr(0, sp);
  rest = sp == std::string_view::npos ? std::string_view() : rest.substr(sp + 1);
  return word;
}

std::vector<std::string_view> words_of(std::string_view s) {
  std::vector<std::string_view> out;
  while (!s.empty()) {
    const size_t sp = s.find(' ');
    if (sp != 0) out.push_back(s.substr(0, sp));
    if (sp == std::string_view::npos) break;
    s.remove_prefix(sp + 1);
  }
  return out;
}

const std::string& scene_id(const Story& story, SceneId s) {
  static const std::string none = "-";
  return s >= 0 && static_cast<size_t>(s) < story.scenes.size() ? story.scene(s).id : none;
}

const Scene* scene_at(const Story& story, SceneId s) {
  return s >= 0 && static_cast<size_t>(s) < story.scenes.size() ? &story.scene(s) : nullptr;
}

const Beat* beat_at(const Scene* scene, BeatId b) {
  return scene && b >= 0 && static_cast<size_t>(b) < scene->beats.size()
             ? &scene->beats[static_cast<size_t>(b)]
             : nullptr;
}

const Gesture* gesture_at(const Beat* beat, int32_t g) {
  return beat && beat->moment && g >= 0 && static_cast<size_t>(g) < beat->moment->gestures.size()
             ? &beat->moment->gestures[static_cast<size_t>(g)]
             : nullptr;
}

int32_t find_gesture(const Beat* beat, std::string_view id) {
  if (!beat || !beat->moment) return -1;
  for (size_t i = 0; i < beat->moment->gestures.size(); ++i) {
    if (beat->moment->gestures[i].id == id) return static_cast<int32_t>(i);
  }
  return -1;
}

std::string value_text(const Value& v) {
  switch (v.type()) {
    case Type::Number:
      return number_text(v.number());
    case Type::Bool:
      return v.boolean() ? "true" : "false";
    case Type::String:
      return escape(v.string());
  }
  return "";
}

}  // namespace threshold::story
