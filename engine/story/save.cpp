// Saves: State as line-oriented text by authored ids, read back defensively and repaired against
// the story as it is now; and the atomic file write every save goes through.
//
// The format (version 2), one entry a line, `-` for "none":
//   threshold-save 2
//   story <title>
//   time 12.5
//   phase lines | moment | gesture_lines | ending_lines | finished | not_started
//   scene <id>   beat <id>   line <index of the line on screen>   gesture <id>   ending <id>
//   day 2
//   hands awaited                                   (only in a new game the player has not yet
//                                                    touched: a save without it has them found)
//   var <id> <number|bool|string> <value>          (strings escaped: \\ \n \r)
//   visits <scene> <n>
//   chose <scene> <gesture> <n>                     (version 2: the counts some chose() reads)
//   counters waited=3 held=1 hesitated=0 looked=2 touched=4 turned_away=0 silence=23.5
//   history <time> <scene> <beat> <gesture> <kind> <thing> <seconds>
//   visited <scene> <scene> ...                     (several lines append)
//   stayed <gesture> ...                            (stay gestures taken in the open moment)
//   end                                             (and its newline: a cut file is refused)
// Resuming: a moment restarts with fresh timers (the silence so far is kept in `silence`); lines
// resume at the line that was on screen, shown again; effects are never applied twice.
#include "engine/story/save.h"

#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstring>
#include <fstream>
#include <limits>
#include <string_view>
#include <tuple>

namespace threshold::story {

namespace {

constexpr size_t kMaxSaveBytes = 64u << 20;
constexpr size_t kMaxLineBytes = 64u << 10;
// The latest time a save may hold: a year of play. Far past any week of this game, and small
// enough that a 1/60 s frame still moves the clock (at 1e17 s it does not, and the game
// freezes; at 1e308 every timer is already due).
constexpr double kMaxSaveSeconds = 365.0 * 24 * 3600;

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
  return s >= 0 && static_cast<size_t>(s) < story.scenes.size()
             ? story.scenes[static_cast<size_t>(s)].id
             : none;
}

const Scene* scene_at(const Story& story, SceneId s) {
  return s >= 0 && static_cast<size_t>(s) < story.scenes.size()
             ? &story.scenes[static_cast<size_t>(s)]
             : nullptr;
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

}  // namespace

std::string save_to_text(const Story& story, const State& state) {
  std::string out;
  auto line = [&out](std::string_view key, const std::string& rest) {
    out.append(key);
    out += ' ';
    out += rest;
    out += '\n';
  };
  line("threshold-save", std::to_string(kSaveVersion));
  line("story", escape(story.title));
  line("time", number_text(state.time));
  line("phase", phase_name(state.phase));

  const Scene* scene = scene_at(story, state.scene);
  const Beat* beat = beat_at(scene, state.beat);
  line("scene", scene_id(story, state.scene));
  line("beat", beat ? beat->id : "-");
  // Lines resume at the one on screen (shown again); elsewhere the index is kept as it is.
  const bool showing = state.phase == Phase::Lines || state.phase == Phase::GestureLines ||
                       state.phase == Phase::EndingLines;
  line("line", std::to_string(showing ? std::max(0, state.line - 1) : state.line));
  const Gesture* g = gesture_at(beat, state.gesture);
  line("gesture", g ? g->id : "-");
  line("ending", state.ending >= 0 && static_cast<size_t>(state.ending) < story.endings.size()
                     ? story.endings[static_cast<size_t>(state.ending)].id
                     : "-");
  line("day", std::to_string(state.day));
  if (!state.hands) line("hands", "awaited");
  for (size_t i = 0; i < story.variables.size() && i < state.variables.size(); ++i) {
    const Value& v = state.variables[i];
    line("var", story.variables[i].id + ' ' + type_name(v.type()) + ' ' + value_text(v));
  }
  for (size_t i = 0; i < story.scenes.size() && i < state.visits.size(); ++i) {
    if (state.visits[i] > 0)
      line("visits", story.scenes[i].id + ' ' + std::to_string(state.visits[i]));
  }
  for (size_t i = 0; i < story.chose_keys.size() && i < state.chose.size(); ++i) {
    const auto [sc, id] = story.symbols.gesture_of_key(story.chose_keys[i]);
    if (state.chose[i] > 0 && sc >= 0) {
      line("chose",
           scene_id(story, sc) + ' ' + std::string(id) + ' ' + std::to_string(state.chose[i]));
    }
  }
  const Counters& c = state.counters;
  // A stretch of silence still running counts: resuming starts a new one.
  const double silence = c.silence + running_silence(state);
  line("counters",
       "waited=" + std::to_string(c.waited) + " held=" + std::to_string(c.held) +
           " hesitated=" + std::to_string(c.hesitated) + " looked=" + std::to_string(c.looked) +
           " touched=" + std::to_string(c.touched) +
           " turned_away=" + std::to_string(c.turned_away) + " silence=" + number_text(silence));
  for (const HistoryEntry& h : state.history) {
    const Scene* hs = scene_at(story, h.scene);
    const Beat* hb = beat_at(hs, h.beat);
    const Gesture* hg = gesture_at(hb, h.gesture);
    const std::string thing = hs && h.thing >= 0 && static_cast<size_t>(h.thing) < hs->things.size()
                                  ? hs->things[static_cast<size_t>(h.thing)].id
                                  : "-";
    line("history", number_text(h.time) + ' ' + scene_id(story, h.scene) + ' ' +
                        (hb ? hb->id : "-") + ' ' + (hg ? hg->id : "-") + ' ' +
                        gesture_kind_name(h.kind) + ' ' + thing + ' ' + number_text(h.seconds));
  }
  for (size_t i = 0; i < state.visited.size(); i += 16) {
    std::string ids;
    for (size_t j = i; j < state.visited.size() && j < i + 16; ++j) {
      if (j > i) ids += ' ';
      ids += scene_id(story, state.visited[j]);
    }
    line("visited", ids);
  }
  if (state.phase == Phase::Moment || state.phase == Phase::GestureLines) {
    std::string ids;
    for (size_t i = 0; i < state.stayed.size(); ++i) {
      const Gesture* sg = gesture_at(beat, static_cast<int32_t>(i));
      if (!state.stayed[i] || !sg) continue;
      if (!ids.empty()) ids += ' ';
      ids += sg->id;
    }
    if (!ids.empty()) line("stayed", ids);
  }
  out += "end\n";
  return out;
}

LoadedSave load_from_text(const Story& story, const std::string& text) {
  LoadedSave result;
  auto fail = [&result](size_t line_no, const std::string& message) {
    result.ok = false;
    result.error = line_no > 0 ? "line " + std::to_string(line_no) + ": " + message : message;
    return result;
  };
  if (text.empty()) return fail(0, "the save is empty");
  if (text.size() > kMaxSaveBytes) return fail(0, "the save is too large to be a save");

  // What the file says, by id, before it is matched against the story.
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
  bool have_time = false, have_phase = false, have_end = false;
  std::vector<SavedVar> vars;
  std::vector<std::pair<std::string, int32_t>> visits;
  std::vector<std::tuple<std::string, std::string, int32_t>> chose;  // scene, gesture, count
  Counters counters;
  std::vector<SavedHistory> history;
  std::vector<std::string> visited, stayed;

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

  // Matched against the story as it is now; whatever moved is repaired, with a notice.
  State s;
  s.time = time;
  s.day = day;
  s.hands = hands;
  s.counters = counters;
  if (title != story.title) {
    result.notices.push_back("This save was made for '" + title + "', not '" + story.title + "'.");
  }

  s.variables.reserve(story.variables.size());
  for (const Variable& v : story.variables) s.variables.push_back(v.initial);
  std::vector<bool> seen(story.variables.size(), false);
  for (const SavedVar& v : vars) {
    const VarId id = story.find_variable(v.id);
    if (id == kNone) {
      result.notices.push_back("The variable '" + v.id +
                               "' no longer exists; its value was dropped.");
      continue;
    }
    const Variable& decl = story.variables[static_cast<size_t>(id)];
    seen[static_cast<size_t>(id)] = true;
    if (decl.type != v.type) {
      result.notices.push_back("The variable '" + v.id + "' is now a " + type_name(decl.type) +
                               "; it was reset to " + value_text(decl.initial) + ".");
      continue;
    }
    s.variables[static_cast<size_t>(id)] = v.value;
  }
  for (size_t i = 0; i < story.variables.size(); ++i) {
    if (!seen[i]) {
      result.notices.push_back("The variable '" + story.variables[i].id +
                               "' is new; it starts at " + value_text(story.variables[i].initial) +
                               ".");
    }
  }

  // Bookkeeping for scenes that no longer exist is dropped without a word: nothing resumes there.
  s.visits.assign(story.scenes.size(), 0);
  for (const auto& [id, n] : visits) {
    const SceneId sc = story.find_scene(id);
    if (sc != kNone) s.visits[static_cast<size_t>(sc)] = n;
  }
  for (const std::string& id : visited) {
    const SceneId sc = story.find_scene(id);
    if (sc != kNone) s.visited.push_back(sc);
  }
  for (const SavedHistory& h : history) {
    HistoryEntry e;
    e.time = h.time;
    e.seconds = h.seconds;
    e.kind = h.kind;
    e.scene = story.find_scene(h.scene);
    const Scene* hs = scene_at(story, e.scene);
    e.beat = hs ? hs->find_beat(h.beat) : kNone;
    e.gesture = find_gesture(beat_at(hs, e.beat), h.gesture);
    e.thing = hs ? hs->find_thing(h.thing) : kNone;
    s.history.push_back(e);
  }
  // The counts chose() reads now: as saved, or, for a gesture the save kept no count of (a save
  // of version 1, or made before a chose() of it was written), counted again from the history.
  s.chose.assign(story.chose_keys.size(), 0);
  for (size_t i = 0; i < story.chose_keys.size(); ++i) {
    const auto [sc, id] = story.symbols.gesture_of_key(story.chose_keys[i]);
    if (sc < 0) continue;
    const std::string& scene_name = story.scenes[static_cast<size_t>(sc)].id;
    bool saved = false;
    for (const auto& [cs, cg, n] : chose) {
      if (cs == scene_name && cg == id) {
        s.chose[i] = n;
        saved = true;
      }
    }
    if (saved) continue;
    for (const SavedHistory& h : history) {
      if (h.scene == scene_name && h.gesture == id) ++s.chose[i];
    }
  }

  // Where to resume.
  s.phase = phase;
  auto restart_scene = [&](SceneId sc) {
    s.scene = sc;
    s.beat = 0;
    s.phase = Phase::Lines;
    s.line = 0;
    s.gesture = -1;
    s.ending = kNone;
    if (story.scenes[static_cast<size_t>(sc)].beats.empty()) s.phase = Phase::Finished;
  };
  s.scene = scene.empty() || scene == "-" ? kNone : story.find_scene(scene);
  if (phase == Phase::NotStarted) {
    s.scene = kNone;
    s.line = line_index;
  } else if (phase == Phase::Finished) {
    s.line = line_index;
    s.beat = s.scene != kNone ? story.scenes[static_cast<size_t>(s.scene)].find_beat(beat) : kNone;
    s.ending = story.find_ending(ending);
  } else if (s.scene == kNone) {
    SceneId fallback = kNone;
    for (auto it = s.visited.rbegin(); it != s.visited.rend() && fallback == kNone; ++it)
      fallback = *it;
    if (fallback == kNone) fallback = story.start;
    if (fallback == kNone || static_cast<size_t>(fallback) >= story.scenes.size()) {
      return fail(0, "the story has no scene to resume at");
    }
    result.notices.push_back("The scene '" + scene + "' no longer exists; resuming at '" +
                             story.scenes[static_cast<size_t>(fallback)].id + "'.");
    restart_scene(fallback);
  } else {
    const Scene& sc = story.scenes[static_cast<size_t>(s.scene)];
    s.beat = sc.find_beat(beat);
    if (s.beat == kNone) {
      result.notices.push_back("The beat '" + beat + "' of '" + sc.id +
                               "' no longer exists; resuming at the start of the scene.");
      restart_scene(s.scene);
    } else {
      const Beat& b = sc.beats[static_cast<size_t>(s.beat)];
      const size_t lines = b.lines.size();
      auto clamp_line = [&](size_t count) {
        s.line = static_cast<int32_t>(std::min(static_cast<size_t>(line_index), count));
      };
      switch (phase) {
        case Phase::Lines:
          clamp_line(lines);
          break;
        case Phase::Moment:
          if (!b.moment) {
            result.notices.push_back("The moment of '" + b.id + "' in '" + sc.id +
                                     "' no longer exists; resuming at the start of the beat.");
            s.phase = Phase::Lines;
            s.line = 0;
          } else {
            s.line = line_index;
          }
          break;
        case Phase::GestureLines: {
          s.gesture = find_gesture(&b, gesture);
          if (s.gesture >= 0) {
            clamp_line(b.moment->gestures[static_cast<size_t>(s.gesture)].lines.size());
          } else if (b.moment) {
            result.notices.push_back("The gesture '" + gesture + "' in '" + sc.id +
                                     "' no longer exists; resuming at its moment.");
            s.phase = Phase::Moment;
          } else {
            result.notices.push_back("The moment of '" + b.id + "' in '" + sc.id +
                                     "' no longer exists; resuming at the start of the beat.");
            s.phase = Phase::Lines;
            s.line = 0;
          }
          break;
        }
        case Phase::EndingLines: {
          s.ending = story.find_ending(ending);
          if (s.ending != kNone) {
            const Ending& e = story.endings[static_cast<size_t>(s.ending)];
            clamp_line(e.epilogue.size() + e.reflection.size());
          } else {
            result.notices.push_back("The ending '" + ending + "' no longer exists; resuming at '" +
                                     sc.id + "'.");
            restart_scene(s.scene);
          }
          break;
        }
        default:
          break;
      }
    }
  }

  // Timers start afresh at the resume time; an open moment remembers its stay gestures by id.
  s.line_until = s.time;
  s.moment_since = s.idle_since = s.press_since = s.look_since = s.slide_since = s.time;
  s.breath_until = s.time;  // the breath belonged to the opening, long past
  s.silent = s.phase == Phase::Moment && s.hands;
  if (s.phase == Phase::Moment || s.phase == Phase::GestureLines) {
    const Beat* b = beat_at(scene_at(story, s.scene), s.beat);
    s.stayed.assign(b && b->moment ? b->moment->gestures.size() : 0, false);
    for (const std::string& id : stayed) {
      const int32_t g = find_gesture(b, id);
      if (g >= 0) s.stayed[static_cast<size_t>(g)] = true;
    }
  }
  result.state = std::move(s);
  result.ok = true;
  return result;
}

std::string write_file_atomically(const std::string& path, const std::string& contents) {
  // A name of its own for every write, by process and by a counter within it: two savers on
  // one path (two games, or the autosave and Save and quit) never write into each other's
  // temporary file, and whichever renames last wins whole. O_EXCL refuses a stale leftover.
  static std::atomic<unsigned long> writes{0};
  const std::string tmp = path + ".tmp." + std::to_string(::getpid()) + "." +
                          std::to_string(writes.fetch_add(1, std::memory_order_relaxed));
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd < 0) return "cannot write " + tmp + ": " + std::strerror(errno);
  auto abandon = [&](const std::string& what) {
    const std::string message = what + " " + tmp + ": " + std::strerror(errno);
    ::close(fd);
    ::unlink(tmp.c_str());
    return message;
  };
  const char* data = contents.data();
  size_t left = contents.size();
  while (left > 0) {
    const ssize_t n = ::write(fd, data, left);
    if (n < 0) {
      if (errno == EINTR) continue;
      return abandon("cannot write");
    }
    data += n;
    left -= static_cast<size_t>(n);
  }
  if (::fsync(fd) != 0) return abandon("cannot flush");
  if (::close(fd) != 0) {
    const std::string message = "cannot close " + tmp + ": " + std::strerror(errno);
    ::unlink(tmp.c_str());
    return message;
  }
  if (::rename(tmp.c_str(), path.c_str()) != 0) {
    const std::string message = "cannot replace " + path + ": " + std::strerror(errno);
    ::unlink(tmp.c_str());
    return message;
  }
  // The rename itself lives in the directory: sync it so the new name survives a crash.
  const size_t slash = path.rfind('/');
  const std::string dir = slash == std::string::npos ? "."
                          : slash == 0               ? "/"
                                                     : path.substr(0, slash);
  const int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dfd >= 0) {
    const int rc = ::fsync(dfd);
    const int err = errno;
    ::close(dfd);
    // Some file systems cannot sync a directory; the file itself is safely written by now.
    if (rc != 0 && err != EINVAL && err != ENOTSUP) {
      return "cannot sync the directory " + dir + ": " + std::strerror(err);
    }
  }
  return "";
}

std::string save_file(const std::string& path, const Story& story, const State& state) {
  return write_file_atomically(path, save_to_text(story, state));
}

LoadedSave load_file(const std::string& path, const Story& story) {
  LoadedSave result;
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    result.error = "cannot read " + path + ": " + std::strerror(errno);
    return result;
  }
  std::string text;
  char buf[1 << 16];
  while (in.read(buf, sizeof buf) || in.gcount() > 0) {
    text.append(buf, static_cast<size_t>(in.gcount()));
    if (text.size() > kMaxSaveBytes) {
      result.error = path + ": the save is too large to be a save";
      return result;
    }
  }
  result = load_from_text(story, text);
  if (!result.ok) result.error = path + ": " + result.error;
  return result;
}

}  // namespace threshold::story
