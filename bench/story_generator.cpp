// Generates stories that look like the real one: places and times of day, a few things per scene,
// a composed `visual:` frame (sky, 4 to 8 layers with a shape for every thing, light, motion),
// beats of short lines of prose that nearly all differ (some conditional, some interpolated), and
// moments with every kind of gesture.
// Every rule the loader and checker enforce is kept on purpose, so a generated story loads clean:
// every scene is reachable (scene i always offers a way to scene i+1), every thing is acted on,
// every variable is both set and read, every ending is reached by some gesture, the last beat of
// a scene always leads somewhere, hesitations sit beside a hold on the same thing, and a moment
// has at most one wait that leaves it (its silence rungs are shorter and stay).
#include "story_generator.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <stdexcept>
#include <string_view>

namespace threshold::bench {
namespace {

// splitmix64: tiny, fast and identical everywhere, so a seed means the same story on any machine.
class Rng {
 public:
  explicit Rng(uint64_t seed) : s_(seed) {}
  uint64_t next() {
    uint64_t z = (s_ += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  int below(int n) { return static_cast<int>(next() % static_cast<uint64_t>(n)); }
  int between(int lo, int hi) { return lo + below(hi - lo + 1); }  // inclusive
  bool chance(int percent) { return below(100) < percent; }
  template <class T>
  const T& pick(const std::vector<T>& v) {
    return v[static_cast<size_t>(below(static_cast<int>(v.size())))];
  }

 private:
  uint64_t s_;
};

uint64_t mix(uint64_t seed, uint64_t index, uint64_t salt) {
  Rng r(seed ^ (index * 0xD6E8FEB86659FD93ull) ^ (salt << 56));
  r.next();
  return r.next();
}

const std::vector<std::string> kPlaces = {"kitchen",   "street",   "office",  "living_room",
                                          "bedroom",   "bus_stop", "station", "balcony",
                                          "stairwell", "park"};
const std::vector<std::string> kTimes = {"dawn",      "morning", "midday",
                                         "afternoon", "evening", "night"};

struct ThingDef {
  const char* id;
  const char* name;
};
const std::vector<ThingDef> kThings = {
    {"cup", "the cup"},
    {"window", "the window"},
    {"door", "the door"},
    {"kettle", "the kettle"},
    {"coat", "your coat"},
    {"keys", "the keys"},
    {"phone", "your phone"},
    {"railing", "the railing"},
    {"lamp", "the lamp"},
    {"book", "the book"},
    {"radio", "the radio"},
    {"bag", "your bag"},
    {"timetable", "the timetable"},
    {"ticket", "the ticket"},
    {"bench", "the bench"},
    {"curtain", "the curtain"},
    {"umbrella", "the umbrella"},
    {"letter", "the letter"},
    {"clock", "the clock"},
    {"plant", "the plant"},
};

const std::vector<std::string> kBeatIds = {
    "arrive", "kettle", "light",   "quiet",  "radio",   "dishes",      "leave",
    "after",  "return", "outside", "stairs", "doorway", "window_seat", "long_minute"};

// Lines are composed from seeded phrase choices, like a real story's prose: nearly every line of
// a generated story differs from every other (a few thousand stock sentences would flatter any
// loader that shares equal strings). Each table is a slot of a sentence; the product of the slots
// is millions of sentences of 25 to 70 characters. No phrase holds ": ", " #" or braces, and none
// starts a line with a YAML indicator, so every line is a plain scalar.
const std::vector<std::string> kSubjects = {
    "The kettle",  "The radio",   "A bus",       "The fridge",     "Someone upstairs",
    "The lamp",    "A dog",       "The clock",   "Your neighbour", "The wind",
    "A pigeon",    "The heating", "The tap",     "A train",        "The woman next door",
    "The light",   "The rain",    "A car",       "Your phone",     "The lift",
    "A child",     "The old man", "The curtain", "The printer",    "A door",
    "The traffic", "The floor",   "A gull",      "The boiler",     "The screen"};
const std::vector<std::string> kVerbs = {
    "hums",        "ticks",   "goes quiet", "starts again", "shifts",  "waits",   "knocks twice",
    "sighs",       "passes",  "flickers",   "settles",      "creaks",  "clicks",  "hesitates",
    "keeps going", "slows",   "rattles",    "leans",        "drips",   "murmurs", "stops",
    "turns over",  "catches", "breathes",   "hums lower",   "ticks on"};
// A where is a preposition and a spot: "by the window", "two floors below the bins".
const std::vector<std::string> kPreps = {"in",    "by",     "near",    "behind", "beyond",
                                         "under", "across", "along",   "past",   "beside",
                                         "over",  "below",  "outside", "at"};
const std::vector<std::string> kSpots = {
    "the next room", "the window",   "the street",    "the counter", "the landing",  "the road",
    "the door",      "the rooftops", "the corner",    "the glass",   "the table",    "the platform",
    "the bins",      "the fence",    "the stairwell", "the wall",    "the lights",   "the hall",
    "the sink",      "the station",  "the car park",  "the shelter", "the hedge",    "the lift",
    "the office",    "the bridge",   "the shops",     "the river",   "the crossing", "the gate"};
const std::vector<std::string> kEndings = {".",
                                           ".",
                                           ".",
                                           ".",
                                           ".",
                                           ".",
                                           ".",
                                           ".",
                                           ", as it always does.",
                                           ", and then stops.",
                                           ", and nobody notices.",
                                           ", the same as yesterday.",
                                           ", for no reason at all.",
                                           ", a little too long.",
                                           ", and you listen.",
                                           ", then settles.",
                                           " again.",
                                           ", as if it knew."};
const std::vector<std::string> kOpeners = {
    "For a moment",       "Again",   "Already",     "Somehow",
    "Without thinking",   "Slowly",  "Once more",   "At last",
    "Before you know it", "Quietly", "All at once", "Just now",
    "As always",          "For once"};
const std::vector<std::string> kActs = {
    "you notice",     "you remember",     "you count",   "you watch",         "you think about",
    "you forget",     "you almost touch", "you look at", "you listen for",    "you measure",
    "you wait for",   "you picture",      "you turn to", "you lose track of", "you trace",
    "you hold on to", "you let go of",    "you miss",    "you study",         "you put aside"};
const std::vector<std::string> kObjects = {
    "the crack in the ceiling", "the ring the cup left",   "your own breathing",
    "the shape of the day",     "the tiles on the floor",  "the way home",
    "the letter on the table",  "the timetable",           "the sound of the road",
    "the cold in your fingers", "a morning years ago",     "the smell of rain",
    "the steam on the glass",   "your coat on its hook",   "the four minutes the clock gains",
    "the light on the wall",    "the queue ahead of you",  "the last bus",
    "the unopened post",        "the plant by the window", "the bird on the wire",
    "the weight of your bag",   "the stairs you climbed",  "a name you almost said",
    "the hum of the fridge",    "the gap under the door"};
const std::vector<std::string> kTails = {".",
                                         ".",
                                         ".",
                                         ".",
                                         ".",
                                         ".",
                                         ".",
                                         " without meaning to.",
                                         " again.",
                                         " for a while.",
                                         ", and it is enough.",
                                         ", and nothing changes.",
                                         ", then stop.",
                                         " a second too long.",
                                         ", as you always do.",
                                         ", just in case."};
const std::vector<std::string> kFeelings = {
    "warm",    "cold",       "heavy",   "light",    "quiet",    "smaller than you thought",
    "still",   "ordinary",   "strange", "familiar", "far away", "too close",
    "patient", "unfinished", "bright",  "grey"};
const std::vector<std::string> kThingsSaid = {"It is",          "The room is",   "The air is",
                                              "Everything is",  "Your hand is",  "The street is",
                                              "The day is",     "The window is", "The moment is",
                                              "The silence is", "The cup is",    "The morning is"};
const std::vector<std::string> kAfters = {".",
                                          ".",
                                          ", and then it is not.",
                                          ", the way it was yesterday.",
                                          " under your fingers.",
                                          ", all the way up your arm.",
                                          ", and you let it be.",
                                          " for a moment longer.",
                                          ", whatever you decide.",
                                          ", as it always was."};

// Lines that read the state: {expression} interpolations (never at the start of a line, where YAML
// would read a flow mapping), one with literal braces.
const std::vector<std::string> kInterpolated = {
    "You have waited {words(waited)} times today.",
    "It is day {day}, and it feels like every other.",
    "You have held on {words(held)} times, and let go {words(hesitated)} times.",
    "The mood in the room is {mood}.",
    "You have been here {words(visits(%SCENE%))} times now.",
    "That makes {words(round(silence))} seconds of silence so far.",
    "Restlessness at {restlessness}, though nobody is counting.",
    "Somebody has written {{later}} on the note on the fridge.",
    "You have looked away {words(looked)} times, touched things {words(touched)} times.",
    "After {round(time / 60)} minutes, the day is {mood} still.",
};

struct ConditionalLine {
  const char* condition;
  const char* text;
};
const std::vector<ConditionalLine> kConditionalLines = {
    {"visits(%SCENE%) > 1", "You have been here before. It has not changed."},
    {"restlessness >= 2", "Your foot will not keep still."},
    {"not finished_coffee", "The coffee has gone cold somewhere behind you."},
    {"mood == 'restless'", "Everything feels one size too small today."},
    {"courage > 1 and not noticed_bird", "You almost say something. Almost."},
    {"noticed_bird", "The bird is back on the wire."},
    {"compliance > restlessness", "You do what is expected, and it is easy."},
    {"waited >= 3", "The waiting has become a kind of habit."},
    {"day >= 2 or held > 2", "Something in you has started to lean."},
};

const std::vector<std::string> kConditions = {
    "restlessness >= 2",
    "not finished_coffee",
    "mood == 'restless'",
    "visits(%SCENE%) > 1",
    "courage > 1 and not noticed_bird",
    "waited >= 2",
    "held > hesitated",
    "compliance < 3",
    "noticed_bird or restlessness > 3",
    "time > 60",
    "day >= 2",
    "min(courage, restlessness) >= 1",
};

const std::vector<std::string> kEffects = {
    "restlessness += 1",     "restlessness -= 1",      "compliance += 1",
    "courage += 0.5",        "finished_coffee = true", "noticed_bird = not noticed_bird",
    "mood = 'restless'",     "mood = 'tired'",         "mood = 'quiet'",
    "courage = courage + 1",
};

std::string scene_place(const StoryShape& shape, int index) {
  Rng r(mix(shape.seed, static_cast<uint64_t>(index), 1));
  return r.pick(kPlaces);
}
std::string scene_time(const StoryShape& shape, int index) {
  Rng r(mix(shape.seed, static_cast<uint64_t>(index), 2));
  return r.pick(kTimes);
}

std::string replace_all(std::string s, std::string_view what, const std::string& with) {
  for (size_t at = s.find(what); at != std::string::npos; at = s.find(what, at + with.size())) {
    s.replace(at, what.size(), with);
  }
  return s;
}

std::string number(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", v);
  return buf;
}

// One gesture while a moment is being built, before it is written.
struct GestureDraft {
  std::string id;
  std::string kind;  // wait, hold, hesitate, look, touch, turn_away
  int thing = -1;    // index into the scene's things
  double seconds = 0;
  std::string condition;
  std::vector<std::string> effects;
  std::vector<std::string> lines;
  std::string target_key;  // then / go / end, or empty
  std::string target;
  bool stay = false;
};

class SceneWriter {
 public:
  SceneWriter(const StoryShape& shape, int index)
      : shape_(shape), index_(index), rng_(mix(shape.seed, static_cast<uint64_t>(index), 3)) {
    id_ = scene_id(shape, index);
  }

  std::string write() {
    choose_things();
    const int nbeats = rng_.between(3, 5);
    std::vector<std::string> beat_ids = kBeatIds;
    for (size_t i = beat_ids.size() - 1; i > 0; --i) {
      std::swap(beat_ids[i], beat_ids[static_cast<size_t>(rng_.below(static_cast<int>(i) + 1))]);
    }
    beat_ids.resize(static_cast<size_t>(nbeats));
    beats_ = beat_ids;
    // The last beat always has a moment (so the scene leads on); sometimes an earlier one too.
    middle_moment_ = nbeats >= 3 && rng_.chance(50) ? rng_.between(1, nbeats - 2) : -1;

    out_ += "scene: " + id_ + "\n";
    out_ += "place: " + scene_place(shape_, index_) + "\n";
    out_ += "time: " + scene_time(shape_, index_) + "\n";
    if (index_ % 25 == 0) out_ += "day: " + std::to_string(index_ / 25 + 1) + "\n";
    write_visual();
    // Every place has its room tone, as in a real story: one or two layers.
    out_ += rng_.chance(50) ? "ambience: {tone: [{synth: hum, level: 0.3}], duck: -9}\n"
                            : "ambience: {tone: [{synth: noise, color: pink, level: 0.25}, "
                              "{synth: clock, level: 0.2, at: [200, 300]}], crossfade: 2}\n";
    out_ += "\nthings:\n";
    for (size_t t = 0; t < things_.size(); ++t) {
      const ThingDef& def = kThings[static_cast<size_t>(things_[t])];
      if (t % 2 == 0) {
        out_ += "  " + std::string(def.id) + ": " + def.name + "\n";
      } else {
        out_ += "  " + std::string(def.id) + ":\n    name: " + def.name + "\n";
      }
    }
    out_ += "\nbeats:\n";
    for (int b = 0; b < nbeats; ++b) write_beat(b);
    return std::move(out_);
  }

 private:
  void choose_things() {
    const int n = rng_.between(2, 4);
    while (static_cast<int>(things_.size()) < n) {
      const int t = rng_.below(static_cast<int>(kThings.size()));
      if (std::find(things_.begin(), things_.end(), t) == things_.end()) things_.push_back(t);
    }
    acted_on_.assign(things_.size(), false);
  }
  const char* thing_id(int t) const {
    return kThings[static_cast<size_t>(things_[static_cast<size_t>(t)])].id;
  }

  std::string where() { return rng_.pick(kPreps) + " " + rng_.pick(kSpots); }
  // A line of prose: "Somehow, the kettle ticks on the counter, and you listen." and the like.
  std::string sentence() {
    const int form = rng_.below(100);
    if (form < 45) {
      std::string subject = rng_.pick(kSubjects);
      std::string opener;
      if (rng_.chance(30)) {
        opener = rng_.pick(kOpeners) + ", ";
        subject[0] = static_cast<char>(subject[0] - 'A' + 'a');
      }
      return opener + subject + " " + rng_.pick(kVerbs) + " " + where() + rng_.pick(kEndings);
    }
    std::string act = rng_.pick(kActs);
    std::string opener;
    if (form < 65) {
      opener = rng_.pick(kOpeners) + ", ";
    } else {
      act[0] = 'Y';
    }
    // Without an opener, always somewhere: "You count the tiles" alone would repeat too often.
    const std::string place = opener.empty() || rng_.chance(40) ? " " + where() : std::string();
    return opener + act + " " + rng_.pick(kObjects) + place + rng_.pick(kTails);
  }
  // The world's answer to a gesture: "The cup is warm and still under your fingers."
  std::string answer() {
    if (rng_.chance(60)) return sentence();
    std::string a = rng_.pick(kFeelings), b = rng_.pick(kFeelings);
    if (a == b) return rng_.pick(kThingsSaid) + " " + a + rng_.pick(kAfters);
    return rng_.pick(kThingsSaid) + " " + a + " and " + b + rng_.pick(kAfters);
  }

  std::string scene_ref(const std::string& s) const { return replace_all(s, "%SCENE%", id_); }

  void write_lines(const std::string& indent, int count) {
    for (int i = 0; i < count; ++i) {
      const int roll = i == 0 ? 0 : rng_.below(100);
      if (roll < 55) {
        out_ += indent + "- " + sentence() + "\n";
      } else if (roll < 65) {
        out_ += indent + "- text: " + sentence() + "\n";
        out_ += indent + "  linger: " + number(rng_.between(4, 8) / 2.0) + "\n";
      } else if (roll < 72) {
        if (rng_.chance(50)) {
          out_ += indent + "- pause: " + std::to_string(rng_.between(1, 3)) + "\n";
        } else {
          out_ += indent + "- pause\n";
        }
      } else if (roll < 86) {
        const ConditionalLine& c = rng_.pick(kConditionalLines);
        // Mostly new prose under a stock condition; now and then the line written for it.
        out_ += indent + "- text: " + (rng_.chance(20) ? std::string(c.text) : sentence()) + "\n";
        out_ += indent + "  if: " + scene_ref(c.condition) + "\n";
      } else {
        out_ += indent + "- " + scene_ref(rng_.pick(kInterpolated)) + "\n";
      }
    }
  }

  void write_beat(int b) {
    const bool last = b + 1 == static_cast<int>(beats_.size());
    out_ += "  - id: " + beats_[static_cast<size_t>(b)] + "\n";
    if (b == 0) {
      // Scene 0 sets every variable (so a tiny story still sets them all); others set one.
      if (index_ == 0) {
        out_ +=
            "    set: [restlessness = 0, compliance += 1, courage = 0, finished_coffee = false, "
            "noticed_bird = false, mood = 'tired']\n";
      } else {
        out_ += "    set: [" + kEffects[static_cast<size_t>(index_) % kEffects.size()] + "]\n";
      }
    }
    out_ += "    lines:\n";
    write_lines("      ", rng_.between(2, 4));
    if (last || b == middle_moment_) write_moment(b, last);
  }

  // ---- the visual: a frame composed as docs/authoring.md ("Visuals") describes it

  std::string color() {
    static const char* hex = "0123456789abcdef";
    std::string c = "\"#";
    for (int i = 0; i < 6; ++i) c += hex[rng_.below(16)];
    return c + "\"";
  }
  std::string fraction(int lo, int hi) { return number(rng_.between(lo, hi) / 10.0); }
  std::string list(std::initializer_list<int> v) {
    std::string s = "[";
    for (int x : v) s += (s.size() > 1 ? ", " : "") + std::to_string(x);
    return s + "]";
  }
  // One shape in the frame, somewhere on the lower two thirds; `thing` tags it (or -1).
  void write_shape(int thing) {
    const std::string in = "      ";
    const int x = rng_.between(40, 1100), y = rng_.between(200, 600);
    const int kind = rng_.below(thing >= 0 ? 3 : 4);
    if (kind == 0) {
      out_ += "    - rect: " + list({x, y, rng_.between(20, 160), rng_.between(20, 110)}) + "\n";
    } else if (kind == 1) {
      out_ += "    - circle: " + list({x, y, rng_.between(8, 60)}) + "\n";
    } else if (kind == 2) {
      out_ += "    - polygon: [";
      const int n = rng_.between(3, 6);
      for (int i = 0; i < n; ++i) {
        out_ += (i ? ", " : "") + list({x + rng_.between(0, 140), y + rng_.between(0, 110)});
      }
      out_ += "]\n";
    } else {
      out_ += "    - line: " + list({x, y, x + rng_.between(-40, 160), y + rng_.between(-30, 30)}) +
              "\n";
      out_ += in + "width: " + std::to_string(rng_.between(1, 6)) + "\n";
    }
    out_ += in + "color: " + color() + "\n";
    if (kind != 3 && rng_.chance(25)) out_ += in + "to: " + color() + "\n";
    if (thing >= 0) {
      out_ += in + "thing: " + thing_id(thing) + "\n";
      if (rng_.chance(60)) out_ += in + "shadow: true\n";
    }
    if (rng_.chance(10)) out_ += in + "glow: " + fraction(2, 9) + "\n";
  }

  void write_visual() {
    const std::string in = "      ";
    out_ += "visual:\n";
    out_ += "  sky: [" + color() + ", " + color() + "]\n";
    out_ += "  layers:\n";
    // The floor and the wall, a window or a lamp giving light, a shape for every thing, and
    // some furniture: 4 to 8 layers.
    const int floor = rng_.between(380, 560);
    out_ += "    - rect: " + list({0, floor, 1280, 720 - floor}) + "\n";
    out_ += in + "color: " + color() + "\n" + in + "to: " + color() + "\n";
    const int wx = rng_.between(80, 1000), wy = rng_.between(60, 200);
    const int ww = rng_.between(120, 280), wh = rng_.between(120, 300);
    out_ += "    - rect: " + list({wx, wy, ww, wh}) + "\n";
    out_ += in + "color: " + color() + "\n" + in + "glow: " + fraction(4, 9) + "\n";
    const int things = static_cast<int>(things_.size());
    const int extra = std::min(rng_.between(0, 3), 6 - things);
    for (int t = 0; t < things; ++t) write_shape(t);
    for (int e = 0; e < extra; ++e) write_shape(-1);
    out_ += "  light:\n";
    out_ += "    from: " + list({wx + ww / 2, wy + wh / 2}) + "\n";
    out_ += "    color: " + color() + "\n";
    out_ += "    strength: " + fraction(3, 9) + "\n";
    out_ += "    shadows: " + fraction(2, 8) + "\n";
    out_ += "  motion:\n";
    const int motions = rng_.between(1, 2);
    for (int m = 0; m < motions; ++m) {
      switch (rng_.below(5)) {
        case 0:
          out_ += "    - steam: " + list({rng_.between(100, 1100), rng_.between(300, 600)}) + "\n";
          break;
        case 1:
          out_ += "    - rain: " + list({wx, wy, ww, wh}) + "\n";
          out_ += "      amount: " + fraction(2, 9) + "\n";
          break;
        case 2:
          out_ += "    - car: " + list({0, rng_.between(250, 450), 1280, 40}) + "\n";
          out_ += "      every: " + std::to_string(rng_.between(6, 15)) + "\n";
          break;
        case 3:
          out_ += "    - blink: " + list({rng_.between(100, 1100), rng_.between(200, 600), 3, 18}) +
                  "\n";
          out_ += "      every: 1\n";
          break;
        default:
          out_ += "    - flicker: [0, 0, 1280, 720]\n";
          out_ += "      amount: " + fraction(1, 4) + "\n";
          break;
      }
    }
    out_ += "  drift: " + std::to_string(rng_.between(0, 10)) + "\n";
    out_ += "  vignette: " + fraction(2, 6) + "\n";
  }

  bool taken(const std::vector<GestureDraft>& gs, const std::string& kind, int thing,
             double seconds) const {
    for (const GestureDraft& g : gs) {
      if (g.kind == kind && g.thing == thing && (seconds == 0 || g.seconds == seconds)) return true;
    }
    return false;
  }
  // Prefers a thing nobody has acted on yet, so every thing of the scene is used.
  int some_thing() {
    for (size_t t = 0; t < acted_on_.size(); ++t) {
      if (!acted_on_[t]) return static_cast<int>(t);
    }
    return rng_.below(static_cast<int>(things_.size()));
  }
  std::string unique_id(const std::vector<GestureDraft>& gs, std::string id) const {
    std::string base = id;
    for (int n = 2;; ++n) {
      bool clash = false;
      for (const GestureDraft& g : gs) clash = clash || g.id == id;
      if (!clash) return id;
      id = base + "_" + std::to_string(n);
    }
  }

  // A gesture of `kind` that nothing else in `gs` makes impossible, or an empty kind.
  GestureDraft make(const std::vector<GestureDraft>& gs, std::string kind) {
    GestureDraft g;
    g.kind = kind;
    if (kind == "turn_away") {
      if (taken(gs, kind, -1, 0)) return {};
      g.id = "turn_away";
      return g;
    }
    if (kind == "wait") {
      // Only one wait may leave the moment: it is the longest, and it is made first.
      g.seconds = rng_.between(8, 20);
      if (taken(gs, kind, -1, 0)) return {};
      g.id = "long_silence";
      return g;
    }
    g.thing = some_thing();
    const std::string thing = thing_id(g.thing);
    if (kind == "hold" || kind == "look") {
      g.seconds = rng_.between(2, 12) / 2.0;
      if (taken(gs, kind, g.thing, g.seconds)) return {};
    } else if (kind == "touch") {
      if (taken(gs, kind, g.thing, 0)) return {};
    } else if (kind == "hesitate") {
      // A hesitation is a hold let go too early: it needs a hold on the same thing.
      bool hold = false;
      for (const GestureDraft& h : gs) hold = hold || (h.kind == "hold" && h.thing == g.thing);
      if (!hold || taken(gs, kind, g.thing, 0)) {
        for (const GestureDraft& h : gs) {
          if (h.kind == "hold" && !taken(gs, kind, h.thing, 0)) {
            g.thing = h.thing;
            hold = true;
            break;
          }
        }
        if (!hold || taken(gs, kind, g.thing, 0)) return {};
      }
    }
    g.id = unique_id(gs, kind + "_" + thing_id(g.thing));
    return g;
  }

  void decorate(GestureDraft& g) {
    if (rng_.chance(30)) g.condition = scene_ref(rng_.pick(kConditions));
    if (rng_.chance(45)) {
      g.effects.push_back(rng_.pick(kEffects));
      if (rng_.chance(30)) {
        std::string second = rng_.pick(kEffects);
        if (second != g.effects[0]) g.effects.push_back(second);
      }
    }
    const int nlines = rng_.chance(75) ? rng_.between(1, 2) : 0;
    for (int i = 0; i < nlines; ++i) g.lines.push_back(answer());
  }

  void write_moment(int b, bool last) {
    const int nbeats = static_cast<int>(beats_.size());
    const int count = rng_.between(3, 6);
    std::vector<GestureDraft> gs;
    static const std::vector<std::string> kKinds = {"hold", "look", "touch", "wait", "turn_away"};

    // The way on: unconditional, so no state is stuck here.
    GestureDraft on;
    while (on.kind.empty()) on = make(gs, rng_.pick(kKinds));
    on.id = unique_id(gs, "go_on");
    if (rng_.chance(40)) on.lines.push_back(answer());
    if (last) {
      on.target_key = "go";
      on.target = scene_id(shape_, (index_ + 1) % shape_.scenes);
    }  // else: on to the next beat
    gs.push_back(on);
    if (on.thing >= 0) acted_on_[static_cast<size_t>(on.thing)] = true;

    // An ending, from a few scenes (and from the first four, so every ending is reachable).
    if (last && (index_ < 4 || rng_.chance(12))) {
      GestureDraft end;
      const int ending =
          index_ < 4 ? index_ : rng_.below(static_cast<int>(kGeneratedEndings.size()));
      for (int tries = 0; end.kind.empty() && tries < 20; ++tries)
        end = make(gs, rng_.pick(kKinds));
      if (!end.kind.empty()) {
        end.id = unique_id(gs, "end_" + kGeneratedEndings[static_cast<size_t>(ending)]);
        decorate(end);
        end.target_key = "end";
        end.target = kGeneratedEndings[static_cast<size_t>(ending)];
        if (end.thing >= 0) acted_on_[static_cast<size_t>(end.thing)] = true;
        gs.push_back(end);
      }
    }

    static const std::vector<std::string> kAll = {"hold", "hold",     "look",      "touch",
                                                  "wait", "hesitate", "turn_away", "rung"};
    for (int tries = 0; static_cast<int>(gs.size()) < count && tries < 40; ++tries) {
      const std::string& kind = rng_.pick(kAll);
      GestureDraft g;
      if (kind == "rung") {
        // A rung of the silence ladder: a short wait that stays. Shorter than any leaving wait.
        g.kind = "wait";
        g.seconds = rng_.between(2, 7);
        if (taken(gs, "wait", -1, g.seconds)) continue;
        g.stay = true;
        g.id = unique_id(gs, "silence_" + number(g.seconds));
        g.lines.push_back(sentence());
      } else {
        g = make(gs, kind);
        if (g.kind.empty()) continue;
      }
      decorate(g);
      if (!g.stay) {
        const int roll = rng_.below(100);
        if (kind == "look" && roll < 50) {
          g.stay = true;  // a glance: the moment stays open
          if (g.lines.empty()) g.lines.push_back(answer());
        } else if (roll < 35 && shape_.scenes > 1) {
          g.target_key = "go";
          g.target = scene_id(shape_, rng_.below(shape_.scenes));
        } else if (roll < 55) {
          g.target_key = "then";  // back to an earlier beat (last moment) or a later one
          const int to = last ? rng_.below(nbeats) : rng_.between(b + 1, nbeats - 1);
          g.target = beats_[static_cast<size_t>(to)];
        } else if (last) {
          g.target_key = "go";
          g.target = scene_id(shape_, (index_ + 1) % shape_.scenes);
        }
      }
      if (g.thing >= 0) acted_on_[static_cast<size_t>(g.thing)] = true;
      gs.push_back(std::move(g));
    }
    // Things still nobody acts on get a touch here, in the last moment.
    if (last) {
      for (size_t t = 0; t < acted_on_.size(); ++t) {
        if (acted_on_[t]) continue;
        GestureDraft g;
        g.kind = "touch";
        g.thing = static_cast<int>(t);
        g.id = unique_id(gs, std::string("touch_") + thing_id(g.thing));
        g.lines.push_back(answer());
        g.stay = true;
        acted_on_[t] = true;
        gs.push_back(std::move(g));
      }
    }
    // The leaving wait must outlast every rung, or the rungs could never be reached.
    double longest_rung = 0;
    for (const GestureDraft& g : gs) {
      if (g.kind == "wait" && g.stay) longest_rung = std::max(longest_rung, g.seconds);
    }
    for (GestureDraft& g : gs) {
      if (g.kind == "wait" && !g.stay && g.seconds <= longest_rung) g.seconds = longest_rung + 4;
    }

    out_ += "    moment:\n      gestures:\n";
    for (const GestureDraft& g : gs) write_gesture(g);
  }

  void write_gesture(const GestureDraft& g) {
    const std::string in = "          ";
    out_ += "        - id: " + g.id + "\n";
    if (g.kind == "wait") {
      out_ += in + "wait: " + number(g.seconds) + "\n";
    } else if (g.kind == "turn_away") {
      out_ += in + "turn_away: true\n";
    } else {
      out_ += in + g.kind + ": " + thing_id(g.thing) + "\n";
      if (g.kind == "hold" || g.kind == "look") out_ += in + "seconds: " + number(g.seconds) + "\n";
    }
    if (!g.condition.empty()) out_ += in + "if: " + g.condition + "\n";
    if (!g.effects.empty()) {
      out_ += in + "set: [";
      for (size_t i = 0; i < g.effects.size(); ++i) out_ += (i ? ", " : "") + g.effects[i];
      out_ += "]\n";
    }
    if (!g.lines.empty()) {
      out_ += in + "lines:\n";
      for (const std::string& l : g.lines) out_ += in + "  - " + l + "\n";
    }
    if (g.stay) out_ += in + "stay: true\n";
    if (!g.target_key.empty()) out_ += in + g.target_key + ": " + g.target + "\n";
  }

  const StoryShape& shape_;
  int index_;
  Rng rng_;
  std::string id_;
  std::string out_;
  std::vector<int> things_;
  std::vector<bool> acted_on_;
  std::vector<std::string> beats_;
  int middle_moment_ = -1;
};

}  // namespace

const std::vector<std::string> kGeneratedVariables = {"restlessness",    "compliance",   "courage",
                                                      "finished_coffee", "noticed_bird", "mood"};
const std::vector<std::string> kGeneratedEndings = {"the_other_bus", "stayed", "the_long_way",
                                                    "morning_again"};

std::string scene_id(const StoryShape& shape, int index) {
  return scene_place(shape, index) + "_" + scene_time(shape, index) + "_" + std::to_string(index);
}

std::string scene_file_name(const StoryShape& shape, int index) {
  const int width = std::max(5, static_cast<int>(std::to_string(shape.scenes).size()));
  std::string n = std::to_string(index);
  return std::string(static_cast<size_t>(width) - std::min(n.size(), static_cast<size_t>(width)),
                     '0') +
         n + "_" + scene_place(shape, index) + ".yaml";
}

std::string manifest_yaml(const StoryShape& shape) {
  std::string s;
  s += "# A generated story (bench/story_generator.cpp), seed " + std::to_string(shape.seed) +
       ", " + std::to_string(shape.scenes) + " scenes.\n";
  s += "title: Threshold (generated)\n";
  s += "start: " + scene_id(shape, 0) + "\n";
  s += "scenes: scenes\n";
  s += "pacing:\n  line: 1.5\n  per_word: 0.3\n  pause: 1.5\n";
  s += "variables:\n";
  s += "  restlessness: 0\n";
  s += "  compliance: 0\n";
  s += "  courage:\n    type: number\n    default: 0\n    hidden: true\n";
  s += "  finished_coffee: false\n";
  s += "  noticed_bird:\n    type: bool\n    default: false\n    hidden: false\n";
  s += "  mood: tired\n";
  s += "endings:\n";
  s += "  the_other_bus:\n    title: The Other Bus\n    epilogue:\n"
       "      - The doors close behind you.\n      - pause: 2\n"
       "      - For once, you do not know where this one goes.\n"
       "    reflection:\n      - You waited {words(waited)} times.\n"
       "      - { if: not finished_coffee, text: You never finished the coffee. }\n"
       "      - text: You held on {words(held)} times before you let go.\n"
       "        if: held > 0\n";
  s += "  stayed:\n    title: Stayed\n    epilogue:\n"
       "      - The kettle clicks off.\n      - Tomorrow will be the same, and that is a kind of"
       " comfort.\n    reflection:\n"
       "      - You did what was asked {words(compliance)} times.\n"
       "      - text: The mood stayed {mood} to the end.\n        if: mood != 'restless'\n";
  s += "  the_long_way:\n    title: The Long Way\n    epilogue:\n"
       "      - You walk past your stop, and the next.\n    reflection:\n"
       "      - Restlessness, in the end, of {restlessness}.\n"
       "      - text: Courage enough, at {courage}.\n        if: courage >= 1\n";
  s += "  morning_again:\n    title: Morning Again\n    epilogue:\n"
       "      - The light is blue again.\n      - pause\n    reflection:\n"
       "      - You stayed silent for {words(round(silence))} seconds in all.\n"
       "      - text: You saw the bird, once.\n        if: noticed_bird\n";
  return s;
}

std::string scene_yaml(const StoryShape& shape, int index) {
  return SceneWriter(shape, index).write();
}

GeneratedStory write_story(const std::string& dir, const StoryShape& shape) {
  namespace fs = std::filesystem;
  if (shape.scenes < 1) throw std::invalid_argument("a story needs at least one scene");
  GeneratedStory out;
  out.dir = dir;
  fs::create_directories(dir);
  fs::remove_all(fs::path(dir) / "scenes");
  fs::create_directories(fs::path(dir) / "scenes");
  auto put = [&](const fs::path& path, const std::string& text) {
    std::ofstream f(path, std::ios::binary);
    f.write(text.data(), static_cast<std::streamsize>(text.size()));
    if (!f) throw std::runtime_error("cannot write " + path.string());
    out.files.push_back(path.string());
    out.bytes += text.size();
  };
  put(fs::path(dir) / "story.yaml", manifest_yaml(shape));
  for (int i = 0; i < shape.scenes; ++i) {
    put(fs::path(dir) / "scenes" / scene_file_name(shape, i), scene_yaml(shape, i));
  }
  return out;
}

}  // namespace threshold::bench
