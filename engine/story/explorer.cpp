// The explorer: breadth-first search over the runtime's states. See explorer.h.
//
// Every move is made by the real runtime: an offered gesture through Runtime::choose() (or, in
// the timed and untimed searches, by story::Performer, with the input a player gives), and a
// hesitation that no authored gesture answers (which still counts) by pressing the thing and
// letting go early, as a player would. States are compared by a key built from the parts of
// State that can change what happens next.
#include "threshold/story/explorer.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <deque>
#include <map>
#include <optional>
#include <set>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include "threshold/story/performer.h"
#include "threshold/story/runtime.h"
#include "threshold/story/walks.h"
#include "threshold/story/wording.h"

namespace threshold::story {

namespace {

constexpr size_t kBuiltins = static_cast<size_t>(Builtin::Time) + 1;

// How one countable value (a number variable, a built-in count, a scene's visits) enters the
// state key: not at all (nothing that steers the story reads it), exactly, or capped.
struct Use {
  bool relevant = false;
  bool cappable = true;
  double cap = 0;  // largest constant it is compared with

  void read_compared(double constant) {
    relevant = true;
    cap = std::max(cap, constant);
  }
  void read_otherwise() { relevant = true, cappable = false; }
  // The value to put in the key.
  double key(double v) const {
    if (!cappable) return v;
    return std::min(v, std::floor(cap) + 1);
  }
};

bool is_comparison(ExprNode::Op op) {
  using Op = ExprNode::Op;
  return op == Op::Eq || op == Op::Ne || op == Op::Lt || op == Op::Le || op == Op::Gt ||
         op == Op::Ge;
}

struct Uses {
  std::vector<Use> variables;
  std::vector<Use> builtins;
  std::vector<Use> visits;
  std::vector<Use> chose;  // per Story::chose_keys (only the gestures some chose() reads)
  const Story& story_;

  explicit Uses(const Story& story)
      : variables(story.variables.size()),
        builtins(kBuiltins),
        visits(story.scenes.size()),
        chose(story.chose_keys.size()),
        story_(story) {
    for_each_expression(story, [&](const Expr& e, ExprRole role) {
      if (role == ExprRole::GestureCondition || role == ExprRole::EffectValue) note_reads(e);
    });
    // A variable can be capped only while it never goes down (set to a constant, or raised).
    const Env& env = constant_env();
    auto note_effects = [&](const std::vector<Effect>& effects) {
      for (const Effect& e : effects) {
        if (e.variable < 0 || static_cast<size_t>(e.variable) >= variables.size()) continue;
        Use& use = variables[static_cast<size_t>(e.variable)];
        if (!is_constant(e.value) || e.value.nodes().empty()) {
          use.cappable = false;
          continue;
        }
        const Value v = e.value.evaluate(env);
        if (v.type() != Type::Number) continue;
        if ((e.op == Effect::Op::Add && v.number() < 0) ||
            (e.op == Effect::Op::Sub && v.number() > 0)) {
          use.cappable = false;
        }
      }
    };
    for (const Scene& scene : story.scenes) {
      for (const Beat& beat : scene.beats) {
        note_effects(beat.effects);
        if (!beat.moment) continue;
        for (const Gesture& g : beat.moment->gestures) note_effects(g.effects);
      }
    }
    for (size_t v = 0; v < variables.size(); ++v) {
      if (story.variables[v].type != Type::Number) variables[v].cappable = false;
    }
    // The day is set by scenes to any value: always exact. Time is left out on purpose.
    builtins[static_cast<size_t>(Builtin::Day)] = Use{true, false, 0};
    builtins[static_cast<size_t>(Builtin::Time)] = Use{};
  }

  Use* use_of(const ExprNode& n) {
    auto at = [](std::vector<Use>& v, int32_t i) -> Use* {
      return i >= 0 && static_cast<size_t>(i) < v.size() ? &v[static_cast<size_t>(i)] : nullptr;
    };
    switch (n.op) {
      case ExprNode::Op::Variable:
        return at(variables, n.ref);
      case ExprNode::Op::Builtin:
        return at(builtins, n.ref);
      case ExprNode::Op::Visits:
        return at(visits, n.ref);
      case ExprNode::Op::Chose:
        return at(chose, story_.chose_slot(n.ref));
      default:
        return nullptr;
    }
  }

  void note_reads(const Expr& e) {
    for (size_t i = 0; i < e.nodes().size(); ++i) {
      Use* use = use_of(e.nodes()[i]);
      if (!use) continue;
      // Find the node that uses this one; a comparison with a constant number can be capped.
      std::optional<double> constant;
      for (const ExprNode& p : e.nodes()) {
        const auto me = static_cast<int32_t>(i);
        if (p.a != me && p.b != me) continue;
        if (!is_comparison(p.op)) break;
        const int32_t other = p.a == me ? p.b : p.a;
        if (other < 0 || static_cast<size_t>(other) >= e.nodes().size()) break;
        const ExprNode& o = e.nodes()[static_cast<size_t>(other)];
        if (o.op == ExprNode::Op::Constant && e.constant(o).type() == Type::Number) {
          constant = e.constant(o).number();
        }
        break;
      }
      if (constant) {
        use->read_compared(*constant);
      } else {
        use->read_otherwise();
      }
    }
  }
};

void put_bytes(std::string& key, const void* p, size_t n) {
  key.append(static_cast<const char*>(p), n);
}
void put_i32(std::string& key, int32_t v) {
  put_bytes(key, &v, sizeof v);
}
void put_f64(std::string& key, double v) {
  put_bytes(key, &v, sizeof v);
}

std::string state_key(const State& s, const Uses& uses) {
  std::string key;
  key.reserve(64 + 8 * s.variables.size());
  key += static_cast<char>(s.phase);
  put_i32(key, s.scene);
  put_i32(key, s.beat);
  put_i32(key, s.line);
  put_i32(key, s.gesture);
  put_i32(key, s.ending);
  key += '|';
  for (size_t v = 0; v < s.variables.size() && v < uses.variables.size(); ++v) {
    const Use& use = uses.variables[v];
    if (!use.relevant) continue;
    const Value& value = s.variables[v];
    key += static_cast<char>(value.type());
    switch (value.type()) {
      case Type::Number:
        put_f64(key, use.key(value.number()));
        break;
      case Type::Bool:
        key += value.boolean() ? '1' : '0';
        break;
      case Type::String:
        put_i32(key, static_cast<int32_t>(value.string().size()));
        key += value.string();
        break;
    }
  }
  key += '|';
  for (size_t v = 0; v < s.visits.size() && v < uses.visits.size(); ++v) {
    if (uses.visits[v].relevant) put_f64(key, uses.visits[v].key(s.visits[v]));
  }
  key += '|';
  // Counts of chosen gestures: only those a gesture's condition or an effect reads, capped like
  // visits, so a story that never steers by chose() explores exactly as before.
  for (size_t c = 0; c < s.chose.size() && c < uses.chose.size(); ++c) {
    if (uses.chose[c].relevant) put_f64(key, uses.chose[c].key(s.chose[c]));
  }
  key += '|';
  const Counters& c = s.counters;
  const double counts[kBuiltins] = {static_cast<double>(s.day), double(c.waited), double(c.held),
                                    double(c.hesitated),        double(c.looked), double(c.touched),
                                    double(c.turned_away),      c.silence,        0.0};
  for (size_t b = 0; b < kBuiltins; ++b) {
    if (uses.builtins[b].relevant) put_f64(key, uses.builtins[b].key(counts[b]));
  }
  key += '|';
  for (bool taken : s.stayed) key += taken ? '1' : '0';
  return key;
}

std::string join_id(const Story& story, SceneId scene, BeatId beat, const std::string& last) {
  const Scene& sc = story.scene(scene);
  return sc.id + "." + sc.beats[static_cast<size_t>(beat)].id + "." + last;
}

// Lets go of whatever is pressed. A zero step is enough when the runtime reads input changes at
// the start of a step; otherwise a millisecond more does it.
void release(Runtime& rt, std::vector<Event>& out) {
  rt.step(0.0, Input{}, out);
  if (rt.state().last_input.press != kNone) rt.step(0.001, Input{}, out);
}

class Search {
 public:
  Search(const Story& story, const ExploreOptions& options)
      : story_(story), options_(options), uses_(story), rt_(story) {
    result_.max_states = options.max_states;
    result_.hands = options.hands;
    result_.endings.resize(story.endings.size());
    for (size_t e = 0; e < story.endings.size(); ++e) {
      result_.endings[e].ending = static_cast<EndingId>(e);
    }
  }

  ExploreResult run(SceneId start) {
    std::vector<Event> ev;
    ev = rt_.start(start);
    rt_.fast_forward(ev);
    settle(-1, -1, ev);
    bool stopped = false;
    while (!queue_.empty()) {
      auto [index, state] = std::move(queue_.front());
      queue_.pop_front();
      expand(index, state);
      if (nodes_.size() >= options_.max_states && !queue_.empty()) {
        stopped = true;
        break;
      }
    }
    result_.states = nodes_.size();
    result_.complete = !stopped;
    if (result_.complete) find_traps();
    for (StuckState& s : stuck_) result_.stuck.push_back(std::move(s));
    for (UnmadeGesture& u : unmade_) result_.unmade.push_back(std::move(u));
    return std::move(result_);
  }

 private:
  struct Node {
    int32_t parent = -1;
    int32_t label = -1;
    SceneId scene = kNone;
    BeatId beat = kNone;
    bool terminal = false;  // reaches an ending or a stuck end in one move
    std::vector<int32_t> next;
  };

  std::vector<std::string> path_to(int32_t node, int32_t last_label) const {
    std::vector<std::string> path;
    if (last_label >= 0) path.push_back(labels_[static_cast<size_t>(last_label)]);
    for (int32_t n = node; n >= 0; n = nodes_[static_cast<size_t>(n)].parent) {
      const Node& nd = nodes_[static_cast<size_t>(n)];
      if (nd.label >= 0) path.push_back(labels_[static_cast<size_t>(nd.label)]);
    }
    std::reverse(path.begin(), path.end());
    return path;
  }

  int32_t intern(const std::string& label) {
    auto [it, fresh] = label_ids_.try_emplace(label, static_cast<int32_t>(labels_.size()));
    if (fresh) labels_.push_back(label);
    return it->second;
  }

  // `key` identifies the stuck state itself, so that arriving at it twice counts once.
  void add_stuck(SceneId scene, BeatId beat, const std::string& why, int32_t parent, int32_t label,
                 const std::string& key) {
    if (!stuck_keys_.insert(key).second) return;
    const std::string place = std::to_string(scene) + "." + std::to_string(beat) + "." + why;
    auto [it, fresh] = stuck_index_.try_emplace(place, stuck_.size());
    if (!fresh) {
      ++stuck_[it->second].count;
      return;
    }
    StuckState s;
    s.scene = scene;
    s.beat = beat;
    s.why = why;
    s.path = path_to(parent, label);
    stuck_.push_back(std::move(s));
  }

  // Where a beat without a moment leads by itself, to a beat that begins at once: the next one,
  // its `then:`, or the first of its `go:` scene. Nothing for a moment, an ending or the end.
  std::optional<std::pair<SceneId, BeatId>> leads_to(SceneId scene, BeatId beat) const {
    const Scene& sc = story_.scene(scene);
    const Beat& b = sc.beats[static_cast<size_t>(beat)];
    if (b.moment) return std::nullopt;
    if (b.target.beat() != kNone) return std::pair{scene, b.target.beat()};
    if (b.target.scene() != kNone) {
      if (story_.scene(b.target.scene()).beats.empty()) return std::nullopt;
      return std::pair{b.target.scene(), BeatId{0}};
    }
    if (b.target.ending() != kNone) return std::nullopt;
    if (static_cast<size_t>(beat) + 1 < sc.beats.size()) return std::pair{scene, beat + 1};
    return std::nullopt;
  }

  // The runtime stops a story that begins a beat a second time before any moment opens (its
  // lines would be shown forever); the events of the move end with its notice. The loop, walked
  // from where the runtime was: the beats from the first one begun again, in order ("scene.beat").
  std::vector<std::pair<SceneId, BeatId>> beat_loop(const State& s,
                                                    const std::vector<Event>& ev) const {
    if (ev.empty() || ev.back().kind != EventKind::Notice) return {};
    if (s.scene < 0 || static_cast<size_t>(s.scene) >= story_.scenes.size()) return {};
    const Scene& sc = story_.scene(s.scene);
    // Entering a scene begins its first beat; `s.beat` is still the last scene's then.
    const bool entered = ev.size() >= 2 && ev[ev.size() - 2].kind == EventKind::SceneEntered;
    std::optional<std::pair<SceneId, BeatId>> at;
    if (entered && !sc.beats.empty()) {
      at = std::pair{s.scene, BeatId{0}};
    } else if (s.beat >= 0 && static_cast<size_t>(s.beat) < sc.beats.size()) {
      at = std::pair{s.scene, s.beat};
    }
    std::vector<std::pair<SceneId, BeatId>> walk;
    std::set<std::pair<SceneId, BeatId>> seen;
    for (; at; at = leads_to(at->first, at->second)) {
      if (!seen.insert(*at).second) {
        return {std::find(walk.begin(), walk.end(), *at), walk.end()};
      }
      walk.push_back(*at);
    }
    return {};
  }

  std::string beat_name(std::pair<SceneId, BeatId> at) const {
    const Scene& sc = story_.scene(at.first);
    return sc.id + "." + sc.beats[static_cast<size_t>(at.second)].id;
  }

  // The runtime has just made a move from `parent` (by `label`) and fast-forwarded; `ev` holds
  // the move's events.
  void settle(int32_t parent, int32_t label, const std::vector<Event>& ev) {
    const State& s = rt_.state();
    Node* from = parent >= 0 ? &nodes_[static_cast<size_t>(parent)] : nullptr;
    if (rt_.finished()) {
      if (from) from->terminal = true;
      if (s.ending >= 0 && static_cast<size_t>(s.ending) < result_.endings.size()) {
        EndingReach& reach = result_.endings[static_cast<size_t>(s.ending)];
        if (!reach.reachable) {
          reach.reachable = true;
          reach.path = path_to(parent, label);
        }
      } else if (const auto loop = beat_loop(s, ev); !loop.empty()) {
        std::string why = "a loop with no moment in it: ";
        for (const auto& at : loop) why += beat_name(at) + " -> ";
        why += beat_name(loop.front()) + ", again and again (it repeats at " +
               beat_name(loop.front()) + "); the story is stopped there";
        add_stuck(loop.front().first, loop.front().second, why, parent, label, state_key(s, uses_));
      } else {
        add_stuck(s.scene, s.beat, "the story finishes here without reaching an ending", parent,
                  label, state_key(s, uses_));
      }
      return;
    }
    if (!rt_.in_moment()) {
      if (from) from->terminal = true;
      add_stuck(s.scene, s.beat, "the story stops here outside any moment", parent, label,
                state_key(s, uses_));
      return;
    }
    auto [it, fresh] = seen_.try_emplace(state_key(s, uses_), static_cast<int32_t>(nodes_.size()));
    if (from) from->next.push_back(it->second);
    if (!fresh) return;
    Node node;
    node.parent = parent;
    node.label = label;
    node.scene = s.scene;
    node.beat = s.beat;
    nodes_.push_back(std::move(node));
    if (rt_.offered().empty()) {
      nodes_.back().terminal = true;
      add_stuck(s.scene, s.beat, "a moment where nothing is offered and nothing can be waited for",
                it->second, -1, it->first);
      return;
    }
    queue_.emplace_back(it->second, s);
  }

  void expand(int32_t index, const State& state) {
    rt_.restore(state);
    const Moment* moment = rt_.moment();
    const std::vector<int32_t> offered = rt_.offered();
    if (!moment) return;
    std::vector<Event> ev;
    const bool by_hand = options_.hands != ExploreHands::Chosen;
    Performer hands(
        rt_, [&](double dt, const Input& in) { rt_.step(dt, in, ev); },
        options_.hands == ExploreHands::Untimed);
    for (int32_t g : offered) {
      const Gesture& gesture = moment->gestures[static_cast<size_t>(g)];
      std::string step = gesture.id;
      rt_.restore(state);
      ev.clear();
      if (!by_hand) {
        rt_.choose(g, ev);
      } else if (!hands.perform(*moment, offered, gesture)) {
        // The path says what the hands made: "flick (gave rest_hand)".
        step += " (gave " + add_unmade(state, index, gesture, ev) + ")";
      }
      const int32_t label = intern(join_id(story_, state.scene, state.beat, step));
      rt_.fast_forward(ev);
      settle(index, label, ev);
    }
    // Hesitations nobody wrote a gesture for: press half the shortest hold, then let go.
    const Scene& scene = story_.scene(state.scene);
    for (ThingId t = 0; static_cast<size_t>(t) < scene.things.size(); ++t) {
      double shortest = INFINITY;
      bool touch = false, hesitate = false, drags = false;
      for (int32_t g : offered) {
        const Gesture& gesture = moment->gestures[static_cast<size_t>(g)];
        if (gesture.thing != t) continue;
        if (gesture.kind == GestureKind::Hold) shortest = std::min(shortest, gesture.seconds);
        touch |= gesture.kind == GestureKind::Touch;
        hesitate |= gesture.kind == GestureKind::Hesitate;
        drags |= gesture.kind == GestureKind::Push || gesture.kind == GestureKind::Pull;
      }
      if (hesitate || (!std::isfinite(shortest) && !drags)) continue;
      // A push or pull with no hold: a press that never moves, let go after a second at most.
      if (!std::isfinite(shortest)) shortest = 1.0;
      double press = shortest / 2;
      if (touch && press < kTouchSeconds) {  // shorter would be a touch: press past it
        if (shortest <= kTouchSeconds) continue;
        press = (kTouchSeconds + shortest) / 2;
      }
      const int32_t label =
          intern(join_id(story_, state.scene, state.beat,
                         "hesitate(" + scene.things[static_cast<size_t>(t)].id + ")"));
      rt_.restore(state);
      ev.clear();
      if (by_hand) {
        hands.press_for(t, press);
      } else {
        Input in;
        in.press = t;
        rt_.step(press, in, ev);
        release(rt_, ev);
      }
      rt_.fast_forward(ev);
      settle(index, label, ev);
    }
  }

  // The hands made something other than `gesture` at the moment of `state` (node `index`);
  // `ev` holds what they did. One finding per moment and gesture, counting the states. Returns
  // what was made, for the path: a gesture's id, "a hesitation" or "nothing".
  std::string add_unmade(const State& state, int32_t index, const Gesture& gesture,
                         const std::vector<Event>& ev) {
    std::string made_id = "nothing";
    for (const Event& e : ev) {
      if (e.kind == EventKind::Hesitated && made_id == "nothing") made_id = "a hesitation";
      if (e.kind == EventKind::GestureChosen && e.scene == state.scene && e.beat == state.beat) {
        if (const Gesture* made = story_.gesture(e)) made_id = made->id;
        break;
      }
    }
    const bool other = made_id != "nothing" && made_id != "a hesitation";
    const std::string instead = other ? "gesture '" + made_id + "'" : made_id;
    const std::string place =
        std::to_string(state.scene) + "." + std::to_string(state.beat) + "." + gesture.id;
    auto [it, fresh] = unmade_index_.try_emplace(place, unmade_.size());
    if (!fresh) {
      ++unmade_[it->second].count;
      return made_id;
    }
    UnmadeGesture u;
    u.scene = state.scene;
    u.beat = state.beat;
    u.gesture = gesture.id;
    u.instead = instead;
    u.path = path_to(index, -1);
    unmade_.push_back(std::move(u));
    return made_id;
  }

  // States that can reach neither an ending nor a stuck end: loops with no way out.
  void find_traps() {
    const size_t n = nodes_.size();
    std::vector<std::vector<int32_t>> back(n);
    for (size_t i = 0; i < n; ++i) {
      for (int32_t j : nodes_[i].next) {
        back[static_cast<size_t>(j)].push_back(static_cast<int32_t>(i));
      }
    }
    std::vector<bool> out(n, false);
    std::deque<int32_t> todo;
    for (size_t i = 0; i < n; ++i) {
      if (nodes_[i].terminal) {
        out[i] = true;
        todo.push_back(static_cast<int32_t>(i));
      }
    }
    while (!todo.empty()) {
      const int32_t i = todo.front();
      todo.pop_front();
      for (int32_t j : back[static_cast<size_t>(i)]) {
        if (!out[static_cast<size_t>(j)]) {
          out[static_cast<size_t>(j)] = true;
          todo.push_back(j);
        }
      }
    }
    for (size_t i = 0; i < n; ++i) {
      if (out[i]) continue;
      add_stuck(nodes_[i].scene, nodes_[i].beat,
                "no ending can be reached from here: every way on loops back",
                static_cast<int32_t>(i), -1, "node:" + std::to_string(i));
    }
  }

  const Story& story_;
  ExploreOptions options_;
  Uses uses_;
  Runtime rt_;
  ExploreResult result_;
  std::vector<Node> nodes_;
  std::unordered_map<std::string, int32_t> seen_;
  std::deque<std::pair<int32_t, State>> queue_;
  std::vector<std::string> labels_;
  std::unordered_map<std::string, int32_t> label_ids_;
  std::vector<StuckState> stuck_;
  std::map<std::string, size_t> stuck_index_;
  std::vector<UnmadeGesture> unmade_;
  std::map<std::string, size_t> unmade_index_;
  std::unordered_set<std::string> stuck_keys_;
};

std::string where(const Story& story, SceneId scene, BeatId beat) {
  if (scene < 0 || static_cast<size_t>(scene) >= story.scenes.size()) return "before any scene";
  const Scene& sc = story.scene(scene);
  std::string out = "scene '" + sc.id + "'";
  if (beat >= 0 && static_cast<size_t>(beat) < sc.beats.size()) {
    out += ", beat '" + sc.beats[static_cast<size_t>(beat)].id + "'";
  }
  return out;
}

// One step a line; a step repeated in a row is written once with its count.
void append_path(std::string& out, const std::vector<std::string>& path) {
  if (path.empty()) out += "    (at the start)\n";
  for (size_t i = 0; i < path.size();) {
    size_t j = i + 1;
    while (j < path.size() && path[j] == path[i]) ++j;
    out += "    " + path[i];
    if (j - i > 1) out += " (x" + std::to_string(j - i) + ")";
    out += "\n";
    i = j;
  }
}

}  // namespace

bool ExploreResult::all_endings_reachable() const {
  return std::all_of(endings.begin(), endings.end(),
                     [](const EndingReach& e) { return e.reachable; });
}

const char* explore_hands_name(ExploreHands h) {
  switch (h) {
    case ExploreHands::Chosen:
      return "any";
    case ExploreHands::Timed:
      return "timed";
    case ExploreHands::Untimed:
      return "untimed";
  }
  return "?";
}

int ExploreResult::exit_code() const {
  if (!stuck.empty() || !unmade.empty()) return 1;
  if (!complete) return 2;
  return all_endings_reachable() ? 0 : 1;
}

std::string ExploreResult::report(const Story& story) const {
  std::string out;
  if (!complete) {
    out += "stopped after " + std::to_string(max_states) +
           " states: the story's state space is larger; raise --max-states\n";
  } else {
    out += "explored " + with_thousands(states) + (states == 1 ? " state" : " states");
    if (hands == ExploreHands::Timed) {
      out += ", every gesture made with a player's input, as at every Time to act from 1x to 3x";
    } else if (hands == ExploreHands::Untimed) {
      out += ", every gesture made with a player's input under the untimed Time to act";
    }
    out += "\n";
  }
  for (const EndingReach& e : endings) {
    const Ending& ending = story.endings[static_cast<size_t>(e.ending)];
    out += "ending '" + ending.id + "' (" + ending.title + "): ";
    if (e.reachable) {
      const size_t n = e.path.size();
      out += "reachable in " + with_thousands(n) + (n == 1 ? " gesture\n" : " gestures\n");
      append_path(out, e.path);
    } else if (complete) {
      out += "NOT reachable\n";
    } else {
      out += "not reached before the search stopped\n";
    }
  }
  for (const UnmadeGesture& u : unmade) {
    out += std::string("cannot be made with ") +
           (hands == ExploreHands::Untimed ? "untimed" : "timed") +
           " hands: " + where(story, u.scene, u.beat) + ", gesture '" + u.gesture +
           "': making it as a " + "player would gives " + u.instead;
    if (u.count > 1) out += " (" + with_thousands(u.count) + " states)";
    out += "\n";
    append_path(out, u.path);
  }
  for (const StuckState& s : stuck) {
    out += "stuck: " + where(story, s.scene, s.beat) + ": " + s.why;
    if (s.count > 1) out += " (" + with_thousands(s.count) + " states)";
    out += "\n";
    append_path(out, s.path);
  }
  return out;
}

ExploreResult explore(const Story& story, const ExploreOptions& options, SceneId start) {
  Search search(story, options);
  return search.run(start);
}

}  // namespace threshold::story
