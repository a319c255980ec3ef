// The Now panel: the runtime's position, the gestures of the open moment with their timers, and
// hidden gestures' conditions taken apart. See inspect.h.
#include "threshold/debug/inspect.h"

#include <algorithm>
#include <cmath>

#include "threshold/debug/variables.h"
#include "threshold/story/wording.h"

namespace threshold::debug {

using story::Expr;
using story::ExprNode;
using story::Phase;
using story::State;
using story::Story;
using story::Value;
using Op = story::ExprNode::Op;

namespace {

constexpr double kInfinity = std::numeric_limits<double>::infinity();

// Binding strength, as in the grammar of expression.h: a child binding more loosely than its
// parent needs parentheses.
int precedence(Op op) {
  switch (op) {
    case Op::Or:
      return 1;
    case Op::And:
      return 2;
    case Op::Not:
      return 3;
    case Op::Eq:
    case Op::Ne:
    case Op::Lt:
    case Op::Le:
    case Op::Gt:
    case Op::Ge:
      return 4;
    case Op::Add:
    case Op::Sub:
    case Op::Concat:
      return 5;
    case Op::Mul:
    case Op::Div:
    case Op::Mod:
      return 6;
    case Op::Neg:
      return 7;
    default:
      return 8;  // atoms and calls
  }
}

const char* infix(Op op) {
  switch (op) {
    case Op::Or:
      return " or ";
    case Op::And:
      return " and ";
    case Op::Eq:
      return " == ";
    case Op::Ne:
      return " != ";
    case Op::Lt:
      return " < ";
    case Op::Le:
      return " <= ";
    case Op::Gt:
      return " > ";
    case Op::Ge:
      return " >= ";
    case Op::Add:
    case Op::Concat:
      return " + ";
    case Op::Sub:
      return " - ";
    case Op::Mul:
      return " * ";
    case Op::Div:
      return " / ";
    case Op::Mod:
      return " % ";
    default:
      return nullptr;
  }
}

const char* function_name(Op op) {
  switch (op) {
    case Op::Words:
      return "words";
    case Op::Min:
      return "min";
    case Op::Max:
      return "max";
    case Op::Round:
      return "round";
    case Op::Abs:
      return "abs";
    default:
      return nullptr;
  }
}

std::string constant_text(const Value& v) {
  if (v.type() == story::Type::String) {
    std::string out = "\"";
    for (char c : v.string()) {
      if (c == '"' || c == '\\') out += '\\';
      out += c;
    }
    return out + "\"";
  }
  return v.to_text();
}

class Printer {
 public:
  Printer(const Story& story, const Expr& expr) : story_(story), expr_(expr) {}

  std::string print(int32_t i) const {
    const ExprNode& n = node(i);
    switch (n.op) {
      case Op::Constant:
        return constant_text(expr_.constant(n));
      case Op::Variable:
        return n.ref >= 0 && static_cast<size_t>(n.ref) < story_.variables.size()
                   ? story_.variables[static_cast<size_t>(n.ref)].id
                   : "?";
      case Op::Builtin:
        return story::builtin_name(static_cast<story::Builtin>(n.ref));
      case Op::Visits:
        return "visits(" +
               (n.ref >= 0 && static_cast<size_t>(n.ref) < story_.scenes.size()
                    ? story_.scene(n.ref).id
                    : std::string("?")) +
               ")";
      case Op::Chose: {
        const auto [scene, id] = story_.symbols.gesture_of_key(n.ref);
        if (scene < 0 || static_cast<size_t>(scene) >= story_.scenes.size()) return "chose(?)";
        return "chose(" + story_.scene(scene).id + "." + std::string(id) + ")";
      }
      case Op::Neg:
        return "-" + wrap(n.a, precedence(Op::Neg));
      case Op::Not:
        return "not " + wrap(n.a, precedence(Op::Not));
      default:
        break;
    }
    if (const char* f = function_name(n.op)) {
      std::string out = std::string(f) + "(" + print(n.a);
      if (n.b >= 0) out += ", " + print(n.b);
      return out + ")";
    }
    const int p = precedence(n.op);
    // Left-associative: a right operand of the same strength keeps its parentheses, and the
    // operands of a comparison (which does not chain) always bind tighter.
    const bool cmp = p == 4;
    return wrap(n.a, cmp ? p + 1 : p) + infix(n.op) + wrap(n.b, p + 1);
  }

  const ExprNode& node(int32_t i) const { return expr_.nodes()[static_cast<size_t>(i)]; }

 private:
  std::string wrap(int32_t child, int min_precedence) const {
    const std::string s = print(child);
    return precedence(node(child).op) < min_precedence ? "(" + s + ")" : s;
  }
  const Story& story_;
  const Expr& expr_;
};

bool reads_state(Op op) {
  return op == Op::Variable || op == Op::Builtin || op == Op::Visits || op == Op::Chose;
}

class Explainer {
 public:
  Explainer(const Story& story, const Expr& expr, const story::Env& env)
      : printer_(story, expr), expr_(expr), env_(env) {}

  void parts(int32_t i, int32_t depth, std::vector<ExprPart>& out) const {
    const ExprNode& n = printer_.node(i);
    if (n.op != Op::Constant) {
      out.push_back({i, depth, printer_.print(i), expr_.evaluate_node(i, env_), reads_state(n.op)});
    }
    if (n.a >= 0) parts(n.a, depth + 1, out);
    if (n.b >= 0) parts(n.b, depth + 1, out);
  }

  // Why node `i` is not `want`: one sentence for each smallest part that decides it.
  void blame(int32_t i, bool want, std::vector<std::string>& out) const {
    const ExprNode& n = printer_.node(i);
    const Value v = expr_.evaluate_node(i, env_);
    if (v.type() != story::Type::Bool || v.boolean() == want) return;
    switch (n.op) {
      case Op::Not:
        blame(n.a, !want, out);
        return;
      case Op::And:
      case Op::Or: {
        // The operands that are not what was wanted decide it: `a and b` is false through its
        // false operands, `a or b` through both; under `not`, the mirror image. blame() skips
        // an operand that already is what was wanted.
        blame(n.a, want, out);
        blame(n.b, want, out);
        return;
      }
      default:
        break;
    }
    std::string sentence = printer_.print(i) + " is " + (v.boolean() ? "true" : "false");
    std::vector<int32_t> reads;
    collect_reads(i, reads);
    if (reads.empty()) {
      sentence += ", always";
    } else {
      sentence += " (";
      for (size_t k = 0; k < reads.size(); ++k) {
        if (k > 0) sentence += ", ";
        sentence +=
            printer_.print(reads[k]) + " = " + constant_text(expr_.evaluate_node(reads[k], env_));
      }
      sentence += ")";
    }
    out.push_back(std::move(sentence));
  }

 private:
  // The nodes under `i` that read the state, each name once, in reading order.
  void collect_reads(int32_t i, std::vector<int32_t>& out) const {
    const ExprNode& n = printer_.node(i);
    if (reads_state(n.op)) {
      const std::string name = printer_.print(i);
      for (int32_t r : out) {
        if (printer_.print(r) == name) return;
      }
      out.push_back(i);
      return;
    }
    if (n.a >= 0) collect_reads(n.a, out);
    if (n.b >= 0) collect_reads(n.b, out);
  }

  Printer printer_;
  const Expr& expr_;
  const story::Env& env_;
};

bool is_idle(const story::Input& in) {
  return in.press == story::kNone && in.look == story::kNone && !in.turn_away && !in.skip;
}

const char* phase_name(Phase p) {
  switch (p) {
    case Phase::NotStarted:
      return "not started";
    case Phase::Lines:
      return "lines";
    case Phase::Moment:
      return "moment";
    case Phase::GestureLines:
      return "gesture lines";
    case Phase::EndingLines:
      return "ending";
    case Phase::Finished:
      return "finished";
  }
  return "?";
}

std::string leads_to(const Story& story, const story::Scene& scene, const story::Gesture& g) {
  if (g.stay) return "stay";
  const story::Target& t = g.target;
  if (t.beat() != story::kNone && static_cast<size_t>(t.beat()) < scene.beats.size()) {
    return "then: " + scene.beats[static_cast<size_t>(t.beat())].id;
  }
  if (t.scene() != story::kNone && static_cast<size_t>(t.scene()) < story.scenes.size()) {
    return "go: " + story.scene(t.scene()).id;
  }
  if (const story::Ending* e = story.ending(t.ending())) return "end: " + e->id;
  return "next beat";
}

// The list of lines being shown in `s`'s phase (an ending's epilogue and reflection are one).
std::vector<const story::Line*> current_lines(const Story& story, const State& s) {
  std::vector<const story::Line*> out;
  auto add = [&out](const std::vector<story::Line>& lines) {
    for (const story::Line& l : lines) out.push_back(&l);
  };
  if (s.phase == Phase::EndingLines) {
    if (const story::Ending* e = story.ending(s.ending)) {
      add(e->epilogue);
      add(e->reflection);
    }
    return out;
  }
  if (s.scene < 0 || static_cast<size_t>(s.scene) >= story.scenes.size()) return out;
  const story::Scene& scene = story.scene(s.scene);
  if (s.beat < 0 || static_cast<size_t>(s.beat) >= scene.beats.size()) return out;
  const story::Beat& beat = scene.beats[static_cast<size_t>(s.beat)];
  if (s.phase == Phase::Lines) add(beat.lines);
  if (s.phase == Phase::GestureLines) {
    if (const story::Gesture* g = story.gesture(s)) add(g->lines);
  }
  return out;
}

}  // namespace

std::string expression_text(const Story& story, const Expr& expr, int32_t node) {
  if (node < 0 || static_cast<size_t>(node) >= expr.nodes().size()) return expr.source();
  return Printer(story, expr).print(node);
}

ConditionReport explain_condition(const Story& story, const Expr& expr, const story::Env& env) {
  ConditionReport r;
  r.source = expr.source();
  r.at = expr.at;
  if (expr.nodes().empty()) return r;  // not compiled: nothing to take apart
  const int32_t root = static_cast<int32_t>(expr.nodes().size() - 1);
  const Explainer ex(story, expr, env);
  r.value = expr.evaluate_node(root, env);
  ex.parts(root, 0, r.parts);
  ex.blame(root, true, r.blame);
  return r;
}

NowReport inspect_now(const story::Runtime& runtime) {
  const Story& story = runtime.story();
  const State& s = runtime.state();
  NowReport r;
  r.phase = s.phase;
  r.phase_name = phase_name(s.phase);
  r.time = s.time;
  const story::Scene* scene = s.scene >= 0 && static_cast<size_t>(s.scene) < story.scenes.size()
                                  ? &story.scene(s.scene)
                                  : nullptr;
  if (scene) {
    r.scene = scene->id;
    r.place = scene->place;
    if (s.beat >= 0 && static_cast<size_t>(s.beat) < scene->beats.size()) {
      r.beat = scene->beats[static_cast<size_t>(s.beat)].id;
    }
  }
  if (const story::Ending* e = story.ending(s.ending)) r.ending = e->id;
  const story::Input& in = s.last_input;
  r.next_deadline = runtime.next_deadline(in);

  if (s.phase == Phase::Lines || s.phase == Phase::GestureLines || s.phase == Phase::EndingLines) {
    const std::vector<const story::Line*> lines = current_lines(story, s);
    for (size_t i = static_cast<size_t>(std::max(0, s.line)); i < lines.size(); ++i) {
      if (!lines[i]->condition || lines[i]->condition->test(runtime.env())) ++r.lines_left;
    }
    r.linger_left = std::max(0.0, s.line_until - s.time);
    if (s.phase == Phase::GestureLines) {
      if (const story::Gesture* g = story.gesture(s)) r.gesture = g->id;
    }
  }

  const story::Moment* m = runtime.moment();
  if (!m || !scene) return r;
  r.moment_open_for = s.time - s.moment_since;
  const bool silent_now = s.silent && is_idle(in);
  r.silence = silent_now ? story::running_silence(s) : 0.0;
  const std::vector<int32_t> offered = runtime.offered();
  const auto is_offered = [&offered](int32_t g) {
    return std::find(offered.begin(), offered.end(), g) != offered.end();
  };
  // The offered hold and look that fire by themselves: the longest on the pressed / looked-at
  // thing (shorter ones are chosen only on release).
  auto longest_on = [&](story::ThingId thing, story::GestureKind kind) {
    int32_t best = -1;
    for (size_t i = 0; i < m->gestures.size(); ++i) {
      const story::Gesture& g = m->gestures[i];
      if (g.kind != kind || g.thing != thing || !is_offered(static_cast<int32_t>(i))) continue;
      if (best < 0 || g.seconds > m->gestures[static_cast<size_t>(best)].seconds) {
        best = static_cast<int32_t>(i);
      }
    }
    return best;
  };
  const bool pressing = in.press != story::kNone && !s.press_stale;
  const int32_t firing_hold = pressing ? longest_on(in.press, story::GestureKind::Hold) : -1;
  const int32_t firing_look =
      in.look != story::kNone ? longest_on(in.look, story::GestureKind::Look) : -1;

  for (size_t i = 0; i < m->gestures.size(); ++i) {
    const story::Gesture& g = m->gestures[i];
    const int32_t idx = static_cast<int32_t>(i);
    GestureReport gr;
    gr.index = idx;
    gr.id = g.id;
    gr.kind = g.kind;
    if (g.thing >= 0 && static_cast<size_t>(g.thing) < scene->things.size()) {
      gr.thing = scene->things[static_cast<size_t>(g.thing)].id;
    }
    gr.seconds = g.seconds;
    gr.distance = g.distance;
    gr.leads_to = leads_to(story, *scene, g);
    story::WordingOptions wording;
    wording.timings = true;
    gr.wording = story::gesture_wording(*scene, *m, g, runtime.offered(), wording);
    gr.offered = is_offered(idx);
    gr.stay_taken = g.stay && i < s.stayed.size() && s.stayed[i];
    if (g.condition) {
      gr.has_condition = true;
      gr.condition = explain_condition(story, *g.condition, runtime.env());
    }
    if (!gr.offered) {
      if (gr.stay_taken) {
        gr.why_hidden = "already taken in this visit of the moment (stay: true)";
      } else if (gr.has_condition) {
        std::string why;
        for (const std::string& b : gr.condition.blame) why += (why.empty() ? "" : "; ") + b;
        gr.why_hidden = why.empty() ? "if: " + gr.condition.source + " is false" : why;
      }
    } else {
      switch (g.kind) {
        case story::GestureKind::Hold:
        case story::GestureKind::Hesitate:
          if (pressing && in.press == g.thing) {
            gr.underway = true;
            gr.elapsed = s.time - s.press_since;
          }
          break;
        case story::GestureKind::Look:
          if (in.look == g.thing && g.thing != story::kNone) {
            gr.underway = true;
            gr.elapsed = s.time - s.look_since;
          }
          break;
        case story::GestureKind::Push:
        case story::GestureKind::Pull:
          if (pressing && in.press == g.thing) {
            const double sign = g.kind == story::GestureKind::Push ? 1.0 : -1.0;
            gr.underway = true;
            gr.elapsed = s.time - s.press_since;
            gr.dragged = sign * runtime.drag_now();
            gr.progress = g.distance > 0 ? std::clamp(gr.dragged / g.distance, 0.0, 1.0) : 1.0;
            // Sliding its way (the keyboard, untimed): it arrives by itself.
            const double speed = sign * in.slide;
            if (speed > 0) gr.remaining = std::max(0.0, (g.distance - gr.dragged) / speed);
          }
          break;
        case story::GestureKind::Wait:
          // A wait of a stay ladder that already fired in this stretch of silence is done.
          if (silent_now && s.idle_since + g.seconds > s.wait_checked) {
            gr.underway = true;
            gr.elapsed = story::running_silence(s);
          }
          break;
        default:
          break;
      }
      if (gr.underway && g.seconds > 0 && g.kind != story::GestureKind::Hesitate) {
        gr.progress = std::clamp(gr.elapsed / g.seconds, 0.0, 1.0);
      }
      const bool fires = g.kind == story::GestureKind::Wait   ? gr.underway
                         : g.kind == story::GestureKind::Hold ? idx == firing_hold
                         : g.kind == story::GestureKind::Look ? idx == firing_look
                                                              : false;
      // A wait's clock starts after the opening's breath: what is left counts the breath too.
      if (fires) {
        gr.remaining = g.kind == story::GestureKind::Wait
                           ? std::max(0.0, s.idle_since + g.seconds - s.time)
                           : std::max(0.0, g.seconds - gr.elapsed);
      }
    }
    r.gestures.push_back(std::move(gr));
  }
  return r;
}

}  // namespace threshold::debug
