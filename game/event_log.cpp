// The event log of a run. See event_log.h.
#include "event_log.h"

#include <cstdio>

namespace threshold::game {

namespace {

std::string seconds_text(double s) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f s", s);
  return buf;
}

const story::Scene* scene_of(const story::Story& story, story::SceneId id) {
  if (id < 0 || static_cast<size_t>(id) >= story.scenes.size()) return nullptr;
  return &story.scene(id);
}

// scene.beat.gesture, as the explorer and saves name a gesture.
std::string gesture_path(const story::Story& story, const story::Event& e) {
  const story::Scene* scene = scene_of(story, e.scene);
  if (scene == nullptr || e.beat < 0 || static_cast<size_t>(e.beat) >= scene->beats.size()) {
    return "?";
  }
  const story::Beat& beat = scene->beats[static_cast<size_t>(e.beat)];
  std::string path = scene->id + "." + beat.id;
  if (const story::Gesture* g = story.gesture(e)) path += "." + g->id;
  return path;
}

std::string thing_name(const story::Story& story, const story::Event& e) {
  const story::Scene* scene = scene_of(story, e.scene);
  if (scene == nullptr || e.thing < 0 || static_cast<size_t>(e.thing) >= scene->things.size()) {
    return "-";
  }
  return scene->things[static_cast<size_t>(e.thing)].id;
}

}  // namespace

std::string format_event(const story::Story& story, const story::Event& e) {
  char when[32];
  std::snprintf(when, sizeof when, "%9.3f  ", e.time);
  std::string out = when;
  char kind[32];
  std::snprintf(kind, sizeof kind, "%-17s", story::event_kind_name(e.kind));
  out += kind;
  switch (e.kind) {
    case story::EventKind::SceneEntered: {
      const story::Scene* scene = scene_of(story, e.scene);
      out += scene ? scene->id : "?";
      break;
    }
    case story::EventKind::LineShown:
      out += e.text;
      break;
    case story::EventKind::PauseStarted:
      out += seconds_text(e.linger);
      break;
    case story::EventKind::MomentOpened:
      out += gesture_path(story, e);
      break;
    case story::EventKind::GestureProgress: {
      char p[32];
      std::snprintf(p, sizeof p, " %.0f%%", e.progress * 100.0);
      out += thing_name(story, e) + p;
      break;
    }
    case story::EventKind::GestureChosen: {
      const story::Gesture* g = story.gesture(e);
      const std::string kind_name = g ? story::gesture_kind_name(g->kind) : "?";
      out += gesture_path(story, e) + " (" + kind_name + ", " + seconds_text(e.held) + ")";
      break;
    }
    case story::EventKind::Hesitated:
      out += thing_name(story, e) + " after " + seconds_text(e.held);
      break;
    case story::EventKind::EndingReached: {
      const story::Ending* ending = story.ending(e.ending);
      out += ending ? ending->id + " (" + e.text + ")" : e.text;
      break;
    }
    case story::EventKind::Notice:
      out += e.text;
      break;
  }
  return out;
}

std::string format_events(const story::Story& story, const std::vector<story::Event>& events) {
  std::string out;
  for (const story::Event& e : events) {
    out += format_event(story, e);
    out += '\n';
  }
  return out;
}

}  // namespace threshold::game
