// One wording of gestures for every place that shows them. See wording.h.
#include "threshold/story/wording.h"

#include <algorithm>
#include <cmath>

#include "threshold/story/value.h"

namespace threshold::story {

namespace {

// The words of a rung of a ladder of one kind on one thing: the first, the second, any later.
struct Ladder {
  const char* first;
  const char* second;
  const char* later;
};

// Which rung `g` is among the offered gestures of its kind on its thing (shortest first).
size_t rung_of(const Moment& m, const Gesture& g, const std::vector<int32_t>& offered) {
  size_t rung = 0;
  for (int32_t i : offered) {
    const Gesture& o = m.gestures[static_cast<size_t>(i)];
    if (&o != &g && o.kind == g.kind && o.thing == g.thing && ladder_reach(o) < ladder_reach(g))
      ++rung;
  }
  return rung;
}

std::string laddered(const Ladder& words, size_t rung, const std::string& thing) {
  const char* verb = rung == 0 ? words.first : rung == 1 ? words.second : words.later;
  std::string s = verb;
  const size_t at = s.find('@');
  return at == std::string::npos ? s : s.replace(at, 1, thing);
}

// `templ` with `{hint}` replaced by `hint`.
std::string around(const std::string& templ, const std::string& hint) {
  std::string s = templ;
  const size_t at = s.find("{hint}");
  return at == std::string::npos ? s : s.replace(at, 6, hint);
}

// Untimed, a press on a thing that also holds starts the hold: the touch has its key.
bool touch_needs_key(const Moment& m, const Gesture& g, const std::vector<int32_t>& offered) {
  bool held = false;
  for (int32_t o : offered) {
    const Gesture& other = m.gestures[static_cast<size_t>(o)];
    held |= other.thing == g.thing && other.kind != GestureKind::Touch &&
            other.kind != GestureKind::Look && other.kind != GestureKind::Wait &&
            other.kind != GestureKind::TurnAway;
  }
  return held;
}

}  // namespace

std::string thing_wording(const Scene& scene, ThingId thing) {
  if (thing < 0 || static_cast<size_t>(thing) >= scene.things.size()) return "something";
  const Thing& t = scene.things[static_cast<size_t>(thing)];
  return t.name.empty() ? t.id : t.name;
}

std::string place_id_words(const std::string& place) {
  std::string words = place;
  std::replace(words.begin(), words.end(), '_', ' ');
  return words;
}

std::string place_name(const Story& story, const std::string& place) {
  const auto it = story.place_names.find(place);
  return it != story.place_names.end() ? it->second : place_id_words(place);
}

std::string gesture_wording(const Scene& scene, const Moment& m, const Gesture& g,
                            const std::vector<int32_t>& offered, WordingOptions options) {
  static const GestureWords kEnglish;
  const GestureWords& w = options.words ? *options.words : kEnglish;
  const std::string_view hint = m.hint_of(g);
  std::string words;
  if (!hint.empty()) {
    words = std::string(hint);
    // Untimed, a hand that cannot hold needs to know how: the writer's words, and the way.
    const bool pressed =
        g.kind == GestureKind::Hold || g.kind == GestureKind::Push || g.kind == GestureKind::Pull;
    if (options.untimed && pressed) words = around(w.press, words);
    if (options.untimed && g.kind == GestureKind::Touch && touch_needs_key(m, g, offered))
      words = around(w.touch_key, words);
  } else {
    const std::string thing = thing_wording(scene, g.thing);
    // `@` stands for the thing. One case a kind: a new kind is one more line here.
    static constexpr Ladder kHold{"Hold @", "Keep holding @", "Keep holding @, longer still"};
    // Untimed, the player's hand does not measure the ladder: every rung is said the same.
    static constexpr Ladder kUntimedHold{"Press @ to start holding, again to stop",
                                         "Press @ to start holding, again to stop",
                                         "Press @ to start holding, again to stop"};
    static constexpr Ladder kLook{"Look at @", "Keep looking at @",
                                  "Keep looking at @, longer still"};
    static constexpr Ladder kPush{"Push @ away", "Push @ further away", "Push @ further still"};
    static constexpr Ladder kPull{"Pull @ toward you", "Pull @ closer", "Pull @ closer still"};
    switch (g.kind) {
      case GestureKind::Wait:
        words = options.untimed ? around(w.wait_key, w.wait) : w.wait;
        break;
      case GestureKind::Hold:
        words = laddered(options.untimed ? kUntimedHold : kHold, rung_of(m, g, offered), thing);
        break;
      case GestureKind::Hesitate:
        words = (options.untimed ? "Press " : "Reach for ") + thing +
                (options.untimed ? ", then let go" : ", and stop");
        break;
      case GestureKind::Look:
        words = laddered(kLook, rung_of(m, g, offered), thing);
        break;
      case GestureKind::Touch: {
        words = "Touch " + thing;
        if (options.untimed && touch_needs_key(m, g, offered)) words = around(w.touch_key, words);
        break;
      }
      case GestureKind::TurnAway:
        words = w.turn_away;
        break;
      case GestureKind::Push:
        words = options.untimed ? "Press " + thing + " to push it away, again to stop"
                                : laddered(kPush, rung_of(m, g, offered), thing);
        break;
      case GestureKind::Pull:
        words = options.untimed ? "Press " + thing + " to pull it toward you, again to stop"
                                : laddered(kPull, rung_of(m, g, offered), thing);
        break;
    }
  }
  const bool timed =
      g.kind == GestureKind::Wait || g.kind == GestureKind::Hold || g.kind == GestureKind::Look;
  if (options.timings && timed && g.seconds > 0) words += " (" + Value(g.seconds).to_text() + " s)";
  const bool dragged = g.kind == GestureKind::Push || g.kind == GestureKind::Pull;
  if (options.timings && dragged) words += " (" + Value(g.distance).to_text() + " px)";
  return words;
}

std::string gesture_done_wording(const Scene& scene, const Moment& m, int32_t gesture) {
  if (gesture < 0 || static_cast<size_t>(gesture) >= m.gestures.size()) return "";
  const size_t at = static_cast<size_t>(gesture);
  if (at < m.done.size() && !m.done[at].empty()) return m.done[at];
  const Gesture& g = m.gestures[at];
  const std::string thing = g.thing < 0 ? "it" : thing_wording(scene, g.thing);
  switch (g.kind) {
    case GestureKind::Wait:
      return "You said nothing.";
    case GestureKind::Hold:
      return "You held " + thing + ".";
    case GestureKind::Hesitate:
      return "You let go of " + thing + ".";
    case GestureKind::Look:
      return "You looked at " + thing + ".";
    case GestureKind::Touch:
      return "You touched " + thing + ".";
    case GestureKind::TurnAway:
      return "You turned away.";
    case GestureKind::Push:
      return "You pushed " + thing + " away.";
    case GestureKind::Pull:
      return "You drew " + thing + " toward you.";
  }
  return "";
}

std::string hesitation_wording(const Scene& scene, const Moment* m, ThingId thing,
                               const GestureWords* words) {
  if (m) {
    for (size_t i = 0; i < m->gestures.size() && i < m->done.size(); ++i) {
      const Gesture& g = m->gestures[i];
      if (g.kind == GestureKind::Hesitate && g.thing == thing && !m->done[i].empty()) {
        return m->done[i];
      }
    }
  }
  static const GestureWords kEnglish;
  const GestureWords& w = words ? *words : kEnglish;
  const bool named = thing >= 0 && static_cast<size_t>(thing) < scene.things.size();
  if (!named) return w.let_go_of_it;
  std::string s = w.let_go;
  const size_t at = s.find("{thing}");
  return at == std::string::npos ? s : s.replace(at, 7, thing_wording(scene, thing));
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

}  // namespace threshold::story
