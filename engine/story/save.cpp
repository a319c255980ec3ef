// Saves: State as line-oriented text by authored ids. Here: the format and its writer. Beside it
// (save_parts.h): save_read.cpp reads the text back defensively, save_resume.cpp repairs it
// against the story as it is now, save_file.cpp writes files atomically, save_text.cpp words.
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
#include "threshold/story/save.h"

#include <string_view>

#include "save_parts.h"

namespace threshold::story {

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
  const Ending* ending = story.ending(state.ending);
  line("ending", ending ? ending->id : "-");
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

}  // namespace threshold::story
