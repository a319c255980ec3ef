// Reading a save's text, defensively: every line checked (size, binary data, the version, each
// entry's form and range) before anything is matched against the story. Part of saves
// (save.h); load_from_text reads through it, then resumes (save_resume.cpp).
#include <cmath>
#include <limits>
#include <optional>

#include "save_parts.h"

namespace threshold::story {

bool SavedText::read(const Story& story, const std::string& text, std::string& error) {
  auto fail = [&error](size_t line_no, const std::string& message) {
    error = line_no > 0 ? "line " + std::to_string(line_no) + ": " + message : message;
    return false;
  };
  if (text.empty()) return fail(0, "the save is empty");
  if (text.size() > kMaxSaveBytes) return fail(0, "the save is too large to be a save");
  bool have_time = false, have_phase = false, have_end = false;

  size_t line_no = 0;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t nl = text.find('\n', pos);
    if (nl == std::string::npos) nl = text.size();
    std::string_view raw(text.data() + pos, nl - pos);
    pos = nl + 1;
    ++line_no;
    if (raw.size() > kMaxLineBytes) return fail(line_no, "the line is too long");
    if (!raw.empty() && raw.back() == '\r') raw.remove_suffix(1);
    if (raw.find('\0') != std::string_view::npos)
      return fail(line_no, "the save holds binary data");
    if (have_end) {
      if (raw.empty()) continue;
      return fail(line_no, "text after 'end'");
    }
    std::string_view rest = raw;
    const std::string_view key = take_word(rest);
    if (line_no == 1) {
      if (key != "threshold-save") return fail(1, "not a Threshold save");
      int32_t version = 0;
      if (too_large_count(rest)) {
        return fail(1, "unknown save version " + std::string(rest) + " (this game reads versions " +
                           std::to_string(kOldestSaveVersion) + " to " +
                           std::to_string(kSaveVersion) + ")");
      }
      if (!parse_count(rest, version)) return fail(1, "the save version is not a number");
      if (version < kOldestSaveVersion || version > kSaveVersion) {
        return fail(1, "unknown save version " + std::to_string(version) +
                           " (this game reads versions " + std::to_string(kOldestSaveVersion) +
                           " to " + std::to_string(kSaveVersion) + ")");
      }
      continue;
    }
    const std::string what(key);
    if (key.empty()) {
      continue;
    } else if (key == "story") {
      if (!unescape(rest, title)) return fail(line_no, "bad escape in the story title");
    } else if (key == "time") {
      if (!parse_double(rest, time) || time < 0) {
        return fail(line_no, "the time '" + std::string(rest) +
                                 "' is not a finite number of seconds from 0");
      }
      if (time > kMaxSaveSeconds) {
        return fail(line_no, "the time " + std::string(rest) +
                                 " s is past any game (a save holds at most " +
                                 number_text(kMaxSaveSeconds) + " s, a year of play)");
      }
      have_time = true;
    } else if (key == "phase") {
      if (!parse_phase(rest, phase))
        return fail(line_no, "unknown phase '" + std::string(rest) + "'");
      have_phase = true;
    } else if (key == "scene" || key == "beat" || key == "gesture" || key == "ending") {
      if (rest.empty() || rest.find(' ') != std::string_view::npos) {
        return fail(line_no, "'" + what + "' needs one id");
      }
      (key == "scene" ? scene : key == "beat" ? beat : key == "gesture" ? gesture : ending) = rest;
    } else if (key == "line") {
      if (!parse_count(rest, line_index)) {
        return fail(line_no, too_large_count(rest) ? "the line index " + std::string(rest) +
                                                         " is past every beat of this story"
                                                   : "the line index is not a number");
      }
      // A beat shortened since the save resumes at its last line (see below); an index past
      // every list of lines in the story belongs to no version of it.
      if (static_cast<size_t>(line_index) > longest_lines(story)) {
        return fail(line_no, "the line index " + std::to_string(line_index) +
                                 " is past every beat of this story (the longest shows " +
                                 std::to_string(longest_lines(story)) + " lines)");
      }
    } else if (key == "day") {
      if (!parse_count(rest, day) || day < 1) {
        if (!too_large_count(rest)) return fail(line_no, "the day is not a whole number from 1");
        day = std::numeric_limits<int32_t>::max();
      }
      if (day > last_day(story)) {
        return fail(line_no, "day " + std::string(rest) + " is past the story's last day (" +
                                 std::to_string(last_day(story)) + ")");
      }
    } else if (key == "hands") {
      if (rest != "awaited" && rest != "found")
        return fail(line_no, "hands is 'awaited' or 'found'");
      hands = rest == "found";
    } else if (key == "var") {
      SavedVar v;
      v.id = take_word(rest);
      const std::string_view type = take_word(rest);
      if (v.id.empty()) return fail(line_no, "a variable needs a name");
      if (type == "number") {
        double d = 0;
        if (!parse_double(rest, d))
          return fail(line_no, "'" + std::string(rest) + "' is not a number");
        v.type = Type::Number;
        v.value = d;
      } else if (type == "bool") {
        if (rest != "true" && rest != "false") {
          return fail(line_no, "'" + std::string(rest) + "' is not true or false");
        }
        v.type = Type::Bool;
        v.value = rest == "true";
      } else if (type == "string") {
        std::string s;
        if (!unescape(rest, s)) return fail(line_no, "bad escape in a string");
        v.type = Type::String;
        v.value = std::move(s);
      } else {
        return fail(line_no, "unknown type '" + std::string(type) + "'");
      }
      vars.push_back(std::move(v));
    } else if (key == "visits") {
      const std::string_view id = take_word(rest);
      int32_t n = 0;
      if (id.empty() || !parse_count(rest, n))
        return fail(line_no, "expected 'visits <scene> <count>'");
      visits.emplace_back(std::string(id), n);
    } else if (key == "chose") {
      const std::string_view sc = take_word(rest);
      const std::string_view g = take_word(rest);
      int32_t n = 0;
      if (sc.empty() || g.empty() || !parse_count(rest, n))
        return fail(line_no, "expected 'chose <scene> <gesture> <count>'");
      chose.emplace_back(std::string(sc), std::string(g), n);
    } else if (key == "counters") {
      for (std::string_view field : words_of(rest)) {
        const size_t eq = field.find('=');
        if (eq == std::string_view::npos) return fail(line_no, "expected name=value");
        const std::string_view name = field.substr(0, eq), value = field.substr(eq + 1);
        bool ok = true;
        if (name == "silence") {
          ok = parse_double(value, counters.silence) && counters.silence >= 0;
        } else {
          const std::optional<Builtin> b = builtin_from_name(name);
          int32_t* target = b ? gesture_counter(counters, *b) : nullptr;
          if (!target) return fail(line_no, "unknown counter '" + std::string(name) + "'");
          ok = parse_count(value, *target);
        }
        if (!ok) return fail(line_no, "the counter '" + std::string(name) + "' is not a number");
      }
    } else if (key == "history") {
      const std::vector<std::string_view> w = words_of(rest);
      SavedHistory h;
      if (w.size() != 7 || !parse_double(w[0], h.time) || !parse_kind(w[4], h.kind) ||
          !parse_double(w[6], h.seconds)) {
        return fail(line_no,
                    "expected 'history <time> <scene> <beat> <gesture> <kind> <thing> <seconds>'");
      }
      if (h.time < 0 || h.time > kMaxSaveSeconds || std::abs(h.seconds) > kMaxSaveSeconds) {
        return fail(line_no, "the history's time or seconds are past any game (0 to " +
                                 number_text(kMaxSaveSeconds) + " s)");
      }
      h.scene = w[1];
      h.beat = w[2];
      h.gesture = w[3];
      h.thing = w[5];
      history.push_back(std::move(h));
    } else if (key == "visited" || key == "stayed") {
      for (std::string_view id : words_of(rest))
        (key == "visited" ? visited : stayed).emplace_back(id);
    } else if (key == "end") {
      have_end = true;
    } else {
      return fail(line_no, "unknown entry '" + what + "'");
    }
  }
  if (line_no == 0) return fail(0, "the save is empty");
  // A cut can leave a last line that reads as "end" (from "ending"): the end line must be whole.
  if (!have_end || text.back() != '\n') {
    return fail(0, "the save is truncated (it has no 'end' line)");
  }
  if (!have_time || !have_phase) return fail(0, "the save has no time or phase");
  return true;
}

}  // namespace threshold::story
