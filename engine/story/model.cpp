// Look-ups over the loaded story by authored id, and the names of the model's enumerations.
// Linear searches: they serve tools, saves and tests, never the runtime's per-step work, which
// uses interned ids.
#include "threshold/story/model.h"

#include <algorithm>
#include <limits>

#include "threshold/story/names.h"

namespace threshold::story {

namespace {

template <typename T>
int32_t find_by_id(const std::vector<T>& items, const std::string& id) {
  for (size_t i = 0; i < items.size(); ++i) {
    if (items[i].id == id) return static_cast<int32_t>(i);
  }
  return kNone;
}

}  // namespace

double ladder_reach(const Gesture& g) {
  return g.kind == GestureKind::Push || g.kind == GestureKind::Pull ? g.distance : g.seconds;
}

double Moment::next_rung(const Gesture& g, const std::vector<int32_t>& offered) const {
  double next = std::numeric_limits<double>::infinity();
  for (int32_t i : offered) {
    const Gesture& o = gestures[static_cast<size_t>(i)];
    if (o.kind == g.kind && o.thing == g.thing && ladder_reach(o) > ladder_reach(g)) {
      next = std::min(next, ladder_reach(o));
    }
  }
  return next;
}

const char* gesture_kind_name(GestureKind k) {
  std::string_view name = name_of(kGestureKindNames, k);
  return name.empty() ? "?" : name.data();  // the table's literals end in '\0'
}

const char* time_of_day_name(TimeOfDay t) {
  std::string_view name = name_of(kTimeOfDayNames, t);
  return name.empty() ? "?" : name.data();
}

BeatId Scene::find_beat(const std::string& beat_id) const {
  return find_by_id(beats, beat_id);
}
ThingId Scene::find_thing(const std::string& thing_id) const {
  return find_by_id(things, thing_id);
}
const Beat* Story::beat(SceneId scene_id, BeatId beat_id) const {
  if (scene_id < 0 || static_cast<size_t>(scene_id) >= scenes.size() || beat_id < 0) {
    return nullptr;
  }
  const Scene& s = scene(scene_id);
  return static_cast<size_t>(beat_id) < s.beats.size() ? &s.beats[static_cast<size_t>(beat_id)]
                                                       : nullptr;
}

const Ending* Story::ending(EndingId ending_id) const {
  return ending_id >= 0 && static_cast<size_t>(ending_id) < endings.size()
             ? &endings[static_cast<size_t>(ending_id)]
             : nullptr;
}

const Gesture* Story::gesture(SceneId scene_id, BeatId beat_id, int32_t gesture_index) const {
  const Beat* b = beat(scene_id, beat_id);
  if (b == nullptr || !b->moment || gesture_index < 0 ||
      static_cast<size_t>(gesture_index) >= b->moment->gestures.size()) {
    return nullptr;
  }
  return &b->moment->gestures[static_cast<size_t>(gesture_index)];
}

SceneId Story::find_scene(const std::string& id) const {
  return find_by_id(scenes, id);
}
EndingId Story::find_ending(const std::string& id) const {
  return find_by_id(endings, id);
}
VarId Story::find_variable(const std::string& id) const {
  return find_by_id(variables, id);
}

int32_t Story::chose_slot(int32_t gesture_key) const {
  const auto it = std::lower_bound(chose_keys.begin(), chose_keys.end(), gesture_key);
  if (it == chose_keys.end() || *it != gesture_key) return -1;
  return static_cast<int32_t>(it - chose_keys.begin());
}

}  // namespace threshold::story
