// The story checker: reachability of scenes and beats, dead ends, unused variables, things and
// endings, and the size summary. See checker.h.
#include "engine/story/checker.h"

#include <algorithm>
#include <cmath>
#include <deque>
#include <set>
#include <vector>

namespace threshold::story {

namespace {

bool never_true(const HeapOptional<Expr>& condition) {
  if (!condition || condition->nodes().empty() || !is_constant(*condition)) return false;
  const Env& env = constant_env();
  const Value v = condition->evaluate(env);
  return v.type() == Type::Bool && !v.boolean();
}

void for_each_line_expr(const std::vector<Line>& lines,
                        const std::function<void(const Expr&, ExprRole)>& fn) {
  for (const Line& line : lines) {
    if (line.condition) fn(*line.condition, ExprRole::LineCondition);
    if (line.text && line.text->parts) {
      for (const Text::Part& part : *line.text->parts) {
        if (part.expr) fn(*part.expr, ExprRole::Interpolation);
      }
    }
  }
}

void for_each_effect_expr(const std::vector<Effect>& effects,
                          const std::function<void(const Expr&, ExprRole)>& fn) {
  for (const Effect& e : effects) fn(e.value, ExprRole::EffectValue);
}

std::string plural(size_t n, const char* one, const char* many) {
  return with_thousands(n) + " " + (n == 1 ? one : many);
}

double line_seconds(const Line& line, const Pacing& pacing) {
  if (line.is_pause()) return line.linger > 0 ? line.linger : pacing.default_pause;
  if (line.linger > 0) return line.linger;  // authored, or set by the loader
  return pacing.linger(line.text->word_count());
}

// Seconds a gesture takes to perform: its authored length, or about two for untimed ones.
double gesture_seconds(const Gesture& g) {
  switch (g.kind) {
    case GestureKind::Wait:
    case GestureKind::Hold:
    case GestureKind::Look:
      return g.seconds;
    case GestureKind::Hesitate:
    case GestureKind::Touch:
    case GestureKind::TurnAway:
      return 2.0;
  }
  return 2.0;
}

// Beats of `scene` reachable from its first beat, following then:, fall-through to the next
// beat and the gestures of moments (skipping gestures that can never be offered).
std::vector<bool> reachable_beats(const Scene& scene) {
  std::vector<bool> seen(scene.beats.size(), false);
  if (scene.beats.empty()) return seen;
  std::deque<BeatId> todo{0};
  seen[0] = true;
  auto visit = [&](BeatId b) {
    if (b >= 0 && static_cast<size_t>(b) < seen.size() && !seen[static_cast<size_t>(b)]) {
      seen[static_cast<size_t>(b)] = true;
      todo.push_back(b);
    }
  };
  while (!todo.empty()) {
    const BeatId b = todo.front();
    todo.pop_front();
    const Beat& beat = scene.beats[static_cast<size_t>(b)];
    if (beat.moment) {
      for (const Gesture& g : beat.moment->gestures) {
        if (never_true(g.condition)) continue;
        if (g.target.beat() != kNone) {
          visit(g.target.beat());
        } else if (g.target.empty() && !g.stay) {
          visit(b + 1);
        }
      }
    } else if (beat.target.beat() != kNone) {
      visit(beat.target.beat());
    } else if (beat.target.empty()) {
      visit(b + 1);
    }
  }
  return seen;
}

}  // namespace

// Scenes reachable from the start scene through go: links (all gestures that could be offered).
std::vector<bool> reachable_scenes(const Story& story) {
  std::vector<bool> seen(story.scenes.size(), false);
  if (story.start < 0 || static_cast<size_t>(story.start) >= story.scenes.size()) return seen;
  std::deque<SceneId> todo{story.start};
  seen[static_cast<size_t>(story.start)] = true;
  auto visit = [&](SceneId s) {
    if (s >= 0 && static_cast<size_t>(s) < seen.size() && !seen[static_cast<size_t>(s)]) {
      seen[static_cast<size_t>(s)] = true;
      todo.push_back(s);
    }
  };
  while (!todo.empty()) {
    const Scene& scene = story.scenes[static_cast<size_t>(todo.front())];
    todo.pop_front();
    const std::vector<bool> beats = reachable_beats(scene);
    for (size_t b = 0; b < scene.beats.size(); ++b) {
      if (!beats[b]) continue;
      const Beat& beat = scene.beats[b];
      visit(beat.target.scene());
      if (!beat.moment) continue;
      for (const Gesture& g : beat.moment->gestures) {
        if (!never_true(g.condition)) visit(g.target.scene());
      }
    }
  }
  return seen;
}

namespace {

void check_scene(const Story& story, const Scene& scene, bool reached, Diagnostics& diags) {
  const Sources& src = story.sources;
  if (!reached) {
    diags.warning(src, scene.at,
                  "scene '" + scene.id + "' is never reached: no go: leads here from the start");
  }

  const std::vector<bool> beats = reachable_beats(scene);
  std::vector<bool> thing_used(scene.things.size(), false);
  for (size_t b = 0; b < scene.beats.size(); ++b) {
    const Beat& beat = scene.beats[b];
    const bool last = b + 1 == scene.beats.size();
    if (!beats[b]) {
      diags.warning(src, beat.at,
                    "beat '" + beat.id + "' is never reached inside scene '" + scene.id + "'");
    }
    if (!beat.moment) {
      if (last && beat.target.empty()) {
        diags.warning(src, beat.at,
                      "beat '" + beat.id +
                          "' leads nowhere: it is the last beat of its scene, with no moment and "
                          "no then:, go: or end:");
      }
      continue;
    }

    const Moment& moment = *beat.moment;
    size_t possible = 0;
    size_t leaving = 0;  // gestures that do not keep the moment open
    for (const Gesture& g : moment.gestures) {
      if (g.thing >= 0 && static_cast<size_t>(g.thing) < thing_used.size()) {
        thing_used[static_cast<size_t>(g.thing)] = true;
      }
      if (never_true(g.condition)) continue;
      ++possible;
      if (!g.stay || !g.target.empty()) ++leaving;
      if (last && !g.stay && g.target.empty()) {
        diags.warning(src, g.at,
                      "gesture '" + g.id +
                          "' leads nowhere: its beat is the last of the scene and it has no "
                          "then:, go: or end:");
      }
    }
    if (possible == 0) {
      diags.warning(src, moment.at,
                    "no gesture of this moment can ever be taken: every condition is always false");
    } else if (leaving == 0) {
      diags.warning(src, moment.at,
                    "every gesture of this moment has stay: true, so once each is taken nothing "
                    "leads on");
    }
    if (possible > 0) {
      for (const Gesture& g : moment.gestures) {
        if (never_true(g.condition)) {
          diags.warning(src, g.condition->at,
                        "gesture '" + g.id + "' is never offered: its condition is always false");
        }
      }
    }
  }

  for (size_t t = 0; t < scene.things.size(); ++t) {
    if (!thing_used[t]) {
      const Thing& thing = scene.things[t];
      diags.warning(src, thing.at,
                    "nobody can act on " + thing.name + " ('" + thing.id +
                        "'): no gesture of scene '" + scene.id + "' refers to it");
    }
  }
}

}  // namespace

bool is_constant(const Expr& expr) {
  for (const ExprNode& n : expr.nodes()) {
    if (n.op == ExprNode::Op::Variable || n.op == ExprNode::Op::Builtin ||
        n.op == ExprNode::Op::Visits || n.op == ExprNode::Op::Chose) {
      return false;
    }
  }
  return true;
}

std::string with_thousands(size_t n) {
  std::string digits = std::to_string(n);
  std::string out;
  const size_t len = digits.size();
  for (size_t i = 0; i < len; ++i) {
    if (i > 0 && (len - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

std::string StorySummary::to_string() const {
  const auto minutes = static_cast<size_t>(std::llround(seconds / 60.0));
  return plural(scenes, "scene", "scenes") + ", " + plural(moments, "moment", "moments") + ", " +
         plural(gestures, "gesture", "gestures") + ", " + plural(endings, "ending", "endings") +
         ", " + plural(words, "word", "words") + ", ~" + with_thousands(minutes) + " min";
}

void for_each_expression(const Story& story, const std::function<void(const Expr&, ExprRole)>& fn) {
  for (const Scene& scene : story.scenes) {
    for (const SoundLayer& l : scene.ambience.tone) {
      if (l.when) fn(*l.when, ExprRole::SoundCondition);
    }
    for (const SoundCue& c : scene.ambience.cues) {
      if (c.when) fn(*c.when, ExprRole::SoundCondition);
    }
    for (const Shape& s : scene.visual.layers) {
      if (const Expr* e = scene.visual.condition(s)) fn(*e, ExprRole::VisualCondition);
    }
    for (const Motion& m : scene.visual.motion) {
      if (m.when) fn(*m.when, ExprRole::VisualCondition);
    }
    for (const Light& l : scene.visual.light_variants) {
      if (l.when) fn(*l.when, ExprRole::VisualCondition);
    }
    for (const Beat& beat : scene.beats) {
      for_each_effect_expr(beat.effects, fn);
      for_each_line_expr(beat.lines, fn);
      if (!beat.moment) continue;
      for (const Gesture& g : beat.moment->gestures) {
        if (g.condition) fn(*g.condition, ExprRole::GestureCondition);
        for_each_effect_expr(g.effects, fn);
        for_each_line_expr(g.lines, fn);
      }
    }
  }
  for (const Ending& ending : story.endings) {
    for_each_line_expr(ending.epilogue, fn);
    for_each_line_expr(ending.reflection, fn);
  }
}

std::vector<int32_t> chose_keys_read(const Story& story) {
  std::vector<int32_t> keys;
  for_each_expression(story, [&](const Expr& e, ExprRole) {
    for (const ExprNode& n : e.nodes()) {
      if (n.op == ExprNode::Op::Chose) keys.push_back(n.ref);
    }
  });
  std::sort(keys.begin(), keys.end());
  keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
  return keys;
}

StorySummary summarize(const Story& story) {
  StorySummary s;
  s.scenes = story.scenes.size();
  s.endings = story.endings.size();
  auto add_lines = [&](const std::vector<Line>& lines) {
    for (const Line& line : lines) {
      if (line.text) s.words += line.text->word_count();
      s.seconds += line_seconds(line, story.pacing);
    }
  };
  for (const Scene& scene : story.scenes) {
    for (const Beat& beat : scene.beats) {
      add_lines(beat.lines);
      if (!beat.moment) continue;
      ++s.moments;
      const auto& gestures = beat.moment->gestures;
      s.gestures += gestures.size();
      double total = 0;
      for (const Gesture& g : gestures) {
        add_lines(g.lines);
        total += gesture_seconds(g);
      }
      if (!gestures.empty()) s.seconds += total / static_cast<double>(gestures.size());
    }
  }
  for (const Ending& ending : story.endings) {
    add_lines(ending.epilogue);
    add_lines(ending.reflection);
  }
  return s;
}

StorySummary check(const Story& story, Diagnostics& diags) {
  const Sources& src = story.sources;
  const std::vector<bool> scenes = reachable_scenes(story);
  for (size_t i = 0; i < story.scenes.size(); ++i) {
    check_scene(story, story.scenes[i], scenes[i], diags);
  }

  // Variables: read anywhere (conditions, effect values, text) versus set by an effect.
  std::vector<bool> read(story.variables.size(), false);
  std::vector<bool> set(story.variables.size(), false);
  auto mark = [](std::vector<bool>& v, int32_t id) {
    if (id >= 0 && static_cast<size_t>(id) < v.size()) v[static_cast<size_t>(id)] = true;
  };
  for_each_expression(story, [&](const Expr& e, ExprRole) {
    for (int32_t id : e.reads()) mark(read, id);
  });
  auto mark_sets = [&](const std::vector<Effect>& effects) {
    for (const Effect& e : effects) mark(set, e.variable);
  };
  for (const Scene& scene : story.scenes) {
    for (const Beat& beat : scene.beats) {
      mark_sets(beat.effects);
      if (!beat.moment) continue;
      for (const Gesture& g : beat.moment->gestures) mark_sets(g.effects);
    }
  }
  for (size_t v = 0; v < story.variables.size(); ++v) {
    const Variable& var = story.variables[v];
    if (set[v] && !read[v]) {
      diags.warning(src, var.at,
                    "variable '" + var.id + "' is set but never read by any condition or line");
    } else if (read[v] && !set[v]) {
      diags.warning(src, var.at,
                    "variable '" + var.id + "' is read but never set: it always stays " +
                        var.initial.to_text());
    } else if (!read[v] && !set[v]) {
      diags.warning(src, var.at, "variable '" + var.id + "' is never set and never read");
    }
  }

  // Endings no end: names.
  std::vector<bool> ended(story.endings.size(), false);
  for (const Scene& scene : story.scenes) {
    for (const Beat& beat : scene.beats) {
      mark(ended, beat.target.ending());
      if (!beat.moment) continue;
      for (const Gesture& g : beat.moment->gestures) mark(ended, g.target.ending());
    }
  }
  for (size_t e = 0; e < story.endings.size(); ++e) {
    if (!ended[e]) {
      const Ending& ending = story.endings[e];
      diags.warning(src, ending.at,
                    "ending '" + ending.id + "' is never reached: no end: names it");
    }
  }
  return summarize(story);
}

}  // namespace threshold::story
