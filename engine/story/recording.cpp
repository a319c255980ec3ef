// Recordings: input changes with their times, as text, and their exact replay. Things are written
// by id in the scene current when the change happened; that scene is found by replaying the run
// alongside, both when writing and when reading (the runtime is deterministic, so it is the same
// scene the player was in).
#include "threshold/story/recording.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <string_view>

namespace threshold::story {

namespace {

constexpr int kRecordingVersion = 1;
constexpr size_t kMaxLineBytes = 4096;
// How far past its last input a recording may run on. A run that ends an hour after the
// player's last gesture has long been idle; `end 1e9` would make replay step for minutes.
constexpr double kMaxSecondsAfterLastInput = 3600;
// The latest time a change or the end may have: a week of play, far past any story, and small
// enough that times keep their 1/60 s precision.
constexpr double kMaxRecordingSeconds = 7 * 24 * 3600;

std::string number_text(double d) {
  char buf[64];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, d);
  if (ec != std::errc()) return "0";
  return std::string(buf, end);
}

// A time in seconds: empty when `s` reads as one, otherwise why it does not.
std::string parse_time(std::string_view s, double& d) {
  const std::string quoted = "'" + std::string(s) + "'";
  if (s.empty() || s[0] == '+') return quoted + " is not a time in seconds";
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), d);
  if (ec == std::errc::result_out_of_range) return quoted + " is not a finite time";
  if (ec != std::errc() || ptr != s.data() + s.size()) {
    return quoted + " is not a time in seconds";
  }
  if (!std::isfinite(d)) return quoted + " is not a finite time";
  if (d < 0) return quoted + " is before the start (times count from 0)";
  if (d > kMaxRecordingSeconds) {
    return quoted + " is past the longest recording (" +
           std::to_string(static_cast<long>(kMaxRecordingSeconds)) + " s, a week)";
  }
  return "";
}

// A drag or slide: any finite number, negative toward the player.
bool parse_number(std::string_view s, double& d) {
  if (s.empty() || s[0] == '+') return false;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), d);
  return ec == std::errc() && ptr == s.data() + s.size() && std::isfinite(d);
}

std::string thing_text(const Story& story, SceneId scene, ThingId thing) {
  if (thing == kNone) return "-";
  if (scene >= 0 && static_cast<size_t>(scene) < story.scenes.size()) {
    const Scene& sc = story.scene(scene);
    if (thing >= 0 && static_cast<size_t>(thing) < sc.things.size()) {
      return sc.things[static_cast<size_t>(thing)].id;
    }
  }
  return "#" + std::to_string(thing);  // not a thing of the scene: kept by index, as it was
}

}  // namespace

std::string Recording::to_text(const Story& story) const {
  std::string out = "threshold-recording " + std::to_string(kRecordingVersion) + "\n";
  out += "story " + story_title + "\n";
  out += "start ";
  out +=
      start >= 0 && static_cast<size_t>(start) < story.scenes.size() ? story.scene(start).id : "-";
  out += '\n';
  if (hands == Hands::Awaited) out += "hands awaited\n";
  Runtime runtime(story);
  std::vector<Event> sink;
  runtime.start(start, hands);
  Input input;
  for (const Change& c : changes) {
    runtime.advance_to(c.time, input, sink);
    sink.clear();
    const SceneId scene = runtime.state().scene;
    out += number_text(c.time);
    out += " press=" + thing_text(story, scene, c.input.press);
    out += " look=" + thing_text(story, scene, c.input.look);
    out += c.input.turn_away ? " away=1" : " away=0";
    out += c.input.skip ? " skip=1" : " skip=0";
    // Written only when a press moves, so recordings without pushes and pulls read as before.
    if (c.input.drag != 0) out += " drag=" + number_text(c.input.drag);
    if (c.input.slide != 0) out += " slide=" + number_text(c.input.slide);
    if (c.input.attend) out += " attend=1";
    if (c.input.touch != kNone) out += " touch=" + thing_text(story, scene, c.input.touch);
    out += c.input.hands ? " hands=1\n" : "\n";
    input = c.input;
  }
  out += "end " + number_text(end_time) + "\n";
  return out;
}

void Recorder::note(double time, const Input& input) {
  if (have_last_ && input == last_) return;
  recording_.changes.push_back({time, input});
  have_last_ = true;
  last_ = input;
}

ParsedRecording parse_recording(const Story& story, const std::string& text) {
  ParsedRecording result;
  auto fail = [&result](size_t line_no, const std::string& message) {
    result.ok = false;
    result.error = line_no > 0 ? "line " + std::to_string(line_no) + ": " + message : message;
    return result;
  };
  if (text.empty()) return fail(0, "the recording is empty");

  Recording& rec = result.recording;
  Runtime runtime(story);
  std::vector<Event> sink;
  bool started = false, ended = false;
  Input input;
  double last_time = 0;
  size_t line_no = 0, pos = 0;
  while (pos < text.size()) {
    size_t nl = text.find('\n', pos);
    if (nl == std::string::npos) nl = text.size();
    std::string_view line(text.data() + pos, nl - pos);
    pos = nl + 1;
    ++line_no;
    if (line.size() > kMaxLineBytes) return fail(line_no, "the line is too long");
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty()) continue;
    if (ended) return fail(line_no, "text after 'end'");
    const size_t sp = line.find(' ');
    const std::string_view key = line.substr(0, sp);
    const std::string_view rest = sp == std::string_view::npos ? "" : line.substr(sp + 1);

    if (line_no == 1) {
      if (key != "threshold-recording") return fail(1, "not a Threshold recording");
      if (rest != std::to_string(kRecordingVersion)) {
        return fail(1, "unknown recording version '" + std::string(rest) + "'");
      }
      continue;
    }
    if (key == "story") {
      rec.story_title = rest;
      if (rec.story_title != story.title) {
        return fail(line_no,
                    "this recording is of '" + rec.story_title + "', not '" + story.title + "'");
      }
      continue;
    }
    if (key == "start") {
      if (started) return fail(line_no, "'start' comes once, before the changes");
      if (rest != "-") {
        rec.start = story.find_scene(std::string(rest));
        if (rec.start == kNone) return fail(line_no, "no scene '" + std::string(rest) + "'");
      }
      continue;
    }
    if (key == "hands") {
      if (started) return fail(line_no, "'hands' comes once, before the changes");
      if (rest != "awaited") return fail(line_no, "expected 'hands awaited'");
      rec.hands = Hands::Awaited;
      continue;
    }
    if (!started) {
      runtime.start(rec.start, rec.hands);
      sink.clear();
      started = true;
    }
    if (key == "end") {
      if (const std::string why = parse_time(rest, rec.end_time); !why.empty()) {
        return fail(line_no, "the end time " + why);
      }
      if (rec.end_time < last_time) return fail(line_no, "the end comes before the last change");
      if (rec.end_time - last_time > kMaxSecondsAfterLastInput) {
        return fail(line_no, "the end comes " + number_text(rec.end_time - last_time) +
                                 " s after the last input; a recording ends at most " +
                                 std::to_string(static_cast<long>(kMaxSecondsAfterLastInput)) +
                                 " s after it");
      }
      ended = true;
      continue;
    }

    Recording::Change change;
    if (const std::string why = parse_time(key, change.time); !why.empty()) {
      // A number that is not a usable time says why; a word is likely a misplaced key.
      double number = 0;
      const bool numeric = parse_number(key, number) ||
                           std::from_chars(key.data(), key.data() + key.size(), number).ec ==
                               std::errc::result_out_of_range;
      return fail(line_no, numeric || !std::isfinite(number)
                               ? "the time " + why
                               : "expected a time or 'end', found '" + std::string(key) + "'");
    }
    if (change.time < last_time) return fail(line_no, "the changes are not in time order");
    runtime.advance_to(change.time, input, sink);
    sink.clear();
    const SceneId scene = runtime.state().scene;
    const Scene* sc = scene >= 0 && static_cast<size_t>(scene) < story.scenes.size()
                          ? &story.scene(scene)
                          : nullptr;
    std::string_view fields = rest;
    while (!fields.empty()) {
      const size_t next = fields.find(' ');
      const std::string_view field = fields.substr(0, next);
      fields = next == std::string_view::npos ? "" : fields.substr(next + 1);
      if (field.empty()) continue;
      const size_t eq = field.find('=');
      if (eq == std::string_view::npos) return fail(line_no, "expected name=value");
      const std::string_view name = field.substr(0, eq), value = field.substr(eq + 1);
      if (name == "press" || name == "look" || name == "touch") {
        ThingId thing = kNone;
        if (value.size() > 1 && value[0] == '#') {
          auto [ptr, ec] = std::from_chars(value.data() + 1, value.data() + value.size(), thing);
          if (ec != std::errc() || ptr != value.data() + value.size() || thing < 0) {
            return fail(line_no, "bad thing index '" + std::string(value) + "'");
          }
        } else if (value != "-") {
          thing = sc ? sc->find_thing(std::string(value)) : kNone;
          if (thing == kNone) {
            return fail(line_no, "no thing '" + std::string(value) + "' in the scene '" +
                                     (sc ? sc->id : std::string("-")) + "'");
          }
        }
        (name == "press"  ? change.input.press
         : name == "look" ? change.input.look
                          : change.input.touch) = thing;
      } else if (name == "drag" || name == "slide") {
        double number = 0;
        if (!parse_number(value, number)) {
          return fail(line_no, "'" + std::string(name) + "' is a number of frame pixels" +
                                   (name == "slide" ? " a second" : "") + ", got '" +
                                   std::string(value) + "'");
        }
        (name == "drag" ? change.input.drag : change.input.slide) = number;
      } else if (name == "away" || name == "skip" || name == "hands" || name == "attend") {
        if (value != "0" && value != "1")
          return fail(line_no, "'" + std::string(name) + "' is 0 or 1");
        (name == "away"     ? change.input.turn_away
         : name == "skip"   ? change.input.skip
         : name == "attend" ? change.input.attend
                            : change.input.hands) = value == "1";
      } else {
        return fail(line_no, "unknown field '" + std::string(name) + "'");
      }
    }
    rec.changes.push_back(change);
    input = change.input;
    last_time = change.time;
  }
  if (line_no == 0 || (!started && rec.story_title.empty()))
    return fail(0, "the recording is empty");
  if (!ended || text.back() != '\n') {
    return fail(0, "the recording is truncated (it has no 'end' line)");
  }
  result.ok = true;
  return result;
}

std::vector<Event> replay(Runtime& runtime, const Recording& recording, double max_step) {
  if (!(max_step > 0)) max_step = 1.0 / 60.0;
  std::vector<Event> out = runtime.start(recording.start, recording.hands);
  Input input;
  // Once the story has finished nothing can happen, so the clock jumps to the target in one
  // call instead of stepping there (an `end` an hour past the ending costs nothing).
  auto run_to = [&](double target) {
    while (runtime.state().time < target) {
      if (runtime.finished()) {
        runtime.advance_to(target, input, out);
        break;
      }
      const double before = runtime.state().time;
      runtime.advance_to(std::min(target, before + max_step), input, out);
      if (!(runtime.state().time > before)) break;  // a runtime that does not advance
    }
  };
  for (const Recording::Change& c : recording.changes) {
    run_to(c.time);
    input = c.input;
    runtime.advance_to(c.time, input, out);  // the change takes effect exactly at its time
  }
  run_to(recording.end_time);
  return out;
}

}  // namespace threshold::story
