// Resuming a save in the story as it is now: variables, visits, history and chose() counts
// matched by id, and where to resume when a scene, beat, moment, gesture or ending moved, each
// with a notice. Part of saves (save.h): load_from_text.
#include <algorithm>
#include <utility>

#include "save_parts.h"

namespace threshold::story {

LoadedSave load_from_text(const Story& story, const std::string& text) {
  SavedText saved;
  LoadedSave unread;
  if (!saved.read(story, text, unread.error)) return unread;
  return saved.resume(story);
}

LoadedSave SavedText::resume(const Story& story) const {
  LoadedSave result;
  auto fail = [&result](size_t line_no, const std::string& message) {
    result.ok = false;
    result.error = line_no > 0 ? "line " + std::to_string(line_no) + ": " + message : message;
    return result;
  };

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
    const std::string& scene_name = story.scene(sc).id;
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
    if (story.scene(sc).beats.empty()) s.phase = Phase::Finished;
  };
  s.scene = scene.empty() || scene == "-" ? kNone : story.find_scene(scene);
  if (phase == Phase::NotStarted) {
    s.scene = kNone;
    s.line = line_index;
  } else if (phase == Phase::Finished) {
    s.line = line_index;
    s.beat = s.scene != kNone ? story.scene(s.scene).find_beat(beat) : kNone;
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
                             story.scene(fallback).id + "'.");
    restart_scene(fallback);
  } else {
    const Scene& sc = story.scene(s.scene);
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
          if (const Ending* e = story.ending(s.ending)) {
            clamp_line(e->epilogue.size() + e->reflection.size());
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

}  // namespace threshold::story
