// Walks over a loaded story shared by its tools: every expression with where it sits, the scenes
// and beats a playthrough can reach, and whether an expression or a gesture's condition can ever
// change. See walks.h.
#include "threshold/story/walks.h"

#include <algorithm>
#include <deque>

namespace threshold::story {

namespace {

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

bool never_true(const Condition& condition) {
  if (!condition || condition->nodes().empty() || !is_constant(*condition)) return false;
  const Env& env = constant_env();
  const Value v = condition->evaluate(env);
  return v.type() == Type::Bool && !v.boolean();
}

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
    const Scene& scene = story.scene(todo.front());
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

std::vector<std::string> media_files(const Story& story) {
  std::vector<std::string> files;
  for (const Scene& scene : story.scenes) {
    for (const Shape& s : scene.visual.layers) {
      if (!s.image.empty()) files.push_back(s.image.str());
    }
    for (const SoundLayer& l : scene.ambience.tone) {
      if (!l.file.empty()) files.push_back(l.file);
    }
    for (const SoundCue& c : scene.ambience.cues) {
      if (!c.sound.file.empty()) files.push_back(c.sound.file);
    }
  }
  std::sort(files.begin(), files.end());
  files.erase(std::unique(files.begin(), files.end()), files.end());
  return files;
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

}  // namespace threshold::story
