// The `ambience:` block of a scene, read from the loader's YAML tree (format: docs/authoring.md,
// "Sound"). The checks are the ones a writer placing sounds needs: a misspelt key, a layer with
// no kind of sound or two, an unknown synth, a level or a duck out of range, a thing that does not
// exist or has no place in the frame, a sound file that is not there. A `when:` condition is kept
// as written here and compiled with the rest of the scene's expressions (compile_ambience).
#include "engine/story/load/ambience.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <filesystem>
#include <optional>
#include <string_view>
#include <system_error>
#include <utility>
#include <vector>

#include "engine/story/media_header.h"
#include "engine/story/story_path.h"

namespace threshold::story {

const char* synth_name(Synth s) {
  switch (s) {
    case Synth::None: return "";
    case Synth::Hum: return "hum";
    case Synth::Noise: return "noise";
    case Synth::Rain: return "rain";
    case Synth::Traffic: return "traffic";
    case Synth::Clock: return "clock";
    case Synth::Kettle: return "kettle";
    case Synth::Click: return "click";
    case Synth::Chime: return "chime";
    case Synth::Keys: return "keys";
    case Synth::Doors: return "doors";
  }
  return "";
}

const char* cue_on_name(CueOn on) {
  switch (on) {
    case CueOn::Beat: return "beat";
    case CueOn::GestureStart: return "gesture_start";
    case CueOn::GestureDone: return "gesture_done";
    case CueOn::Hesitate: return "hesitate";
  }
  return "";
}

namespace {

namespace fs = std::filesystem;

constexpr double kAbsurd = 10000;     // frame coordinates beyond this are a typo
constexpr double kMaxCrossfade = 30;  // seconds
constexpr double kMinDuck = -60;      // dB: quieter than this is silence; say 'duck: -60'

constexpr double kMaxAfter = 600;     // seconds a cue may wait after its event

constexpr std::array<std::string_view, 5> kAmbienceKeys = {"tone", "duck", "crossfade", "hush",
                                                           "cues"};
enum AmbienceKey : size_t { kTone, kDuck, kCrossfade, kHush, kCues };

constexpr std::array<std::string_view, 13> kCueKeys = {
    "on", "beat", "gesture", "thing", "synth", "file", "notes", "step", "level", "at", "after",
    "until", "when"};
enum CueKey : size_t {
  kCueOn, kCueBeat, kCueGesture, kCueThing, kCueSynth, kCueFile, kCueNotes, kCueStep, kCueLevel,
  kCueAt, kCueAfter, kCueUntil, kCueWhen
};
const std::vector<std::string> kCueOnNames = {"beat", "gesture_start", "gesture_done", "hesitate"};

constexpr std::array<std::string_view, 7> kLayerKeys = {"synth", "file", "level", "at",
                                                        "color", "freq", "when"};
enum LayerKey : size_t { kSynth, kFile, kLevel, kAt, kColor, kFreq, kWhen };

const std::vector<std::string> kSynthNames = {"hum",    "noise", "rain",  "traffic", "clock",
                                              "kettle", "click", "chime", "keys",    "doors"};
const std::vector<std::string> kColorNames = {"white", "pink", "brown"};

std::string quote_value(std::string_view text) {
  constexpr size_t kMax = 40;
  std::string s(text.substr(0, std::min(text.size(), kMax)));
  for (char& c : s) {
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  }
  if (text.size() > kMax) s += "...";
  return "'" + s + "'";
}

std::string join(const std::vector<std::string>& names) {
  std::string out;
  for (size_t i = 0; i < names.size(); ++i) out += (i > 0 ? ", " : "") + names[i];
  return out;
}

std::optional<double> parse_number(const std::string& s) {
  if (s.empty()) return std::nullopt;
  const char* begin = s.data();
  if (*begin == '+') ++begin;
  double v = 0;
  auto [end, ec] = std::from_chars(begin, s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size() || !std::isfinite(v)) return std::nullopt;
  return v;
}

class AmbienceLoader {
 public:
  AmbienceLoader(const YamlTree& tree, FileReporter& report, int32_t file,
                 const std::string& story_dir, Scene& scene)
      : tree_(tree), report_(report), file_(file), story_dir_(story_dir), scene_(scene) {}

  bool load(uint32_t v) {
    if (!node(v).is_map()) {
      // (The keys named are the common ones; tests/bad/visual_must_be_a_mapping quotes this.)
      error(v, "'ambience' must be a mapping of keys (tone:, duck:, crossfade:), " + got(v));
      return false;
    }
    Ambience& a = scene_.ambience;
    a.authored = true;
    a.at = pos(v);
    std::array<uint32_t, kAmbienceKeys.size()> f = fields(v, "ambience", kAmbienceKeys);
    if (uint32_t n = f[kTone]) tone(n);
    if (uint32_t n = f[kDuck]) {
      if (std::optional<double> d = number(n, "duck")) {
        if (*d > 0) {
          error(n, "'duck' lowers the sound while the player waits or holds: a number of dB from " +
                       std::to_string(static_cast<int>(kMinDuck)) + " to 0, got " + node(n).text +
                       " (did you mean -" + node(n).text + "?)");
        } else if (*d < kMinDuck) {
          error(n, "'duck' must be from -60 to 0 dB, got " + node(n).text);
        } else {
          a.duck_db = static_cast<float>(*d);
        }
      }
    }
    if (uint32_t n = f[kHush]) {
      if (std::optional<double> d = number(n, "hush")) {
        if (*d > 0) {
          error(n, "'hush' lowers the sound when the player hesitates: a number of dB from -60 "
                   "to 0, got " + node(n).text + " (did you mean -" + node(n).text + "?)");
        } else if (*d < kMinDuck) {
          error(n, "'hush' must be from -60 to 0 dB, got " + node(n).text);
        } else {
          a.hush_db = static_cast<float>(*d);
        }
      }
    }
    if (uint32_t n = f[kCues]) cues(n);
    if (uint32_t n = f[kCrossfade]) {
      if (std::optional<double> d = number(n, "crossfade")) {
        if (*d < 0 || *d > kMaxCrossfade) {
          error(n, "'crossfade' must be from 0 to 30 seconds, got " + node(n).text);
        } else {
          a.crossfade = static_cast<float>(*d);
        }
      }
    }
    return true;
  }

 private:
  const YamlTree& tree_;
  FileReporter& report_;
  int32_t file_;
  const std::string& story_dir_;
  Scene& scene_;

  const YamlNode& node(uint32_t i) const { return tree_.nodes[i]; }
  SourcePos pos(uint32_t i) const { return {file_, node(i).line, node(i).column}; }
  void error(uint32_t i, std::string message) {
    report_.error(node(i).line, node(i).column, std::move(message));
  }

  std::string got(uint32_t i) const {
    switch (node(i).kind) {
      case YamlNode::Kind::Null: return "but it is empty";
      case YamlNode::Kind::Scalar: return "got " + quote_value(node(i).text);
      case YamlNode::Kind::Sequence: return "got a list";
      case YamlNode::Kind::Mapping: return "got a mapping";
    }
    return "";
  }

  // Calls f(key, value) for each entry; an empty value is pointed at by its key.
  template <typename F>
  void for_each_entry(uint32_t map, F&& f) const {
    uint32_t i = map + 1;
    for (uint32_t k = 0; k < node(map).size; k += 2) {
      uint32_t value = node(i).end;
      f(i, value);
      i = node(value).end;
    }
  }
  template <typename F>
  void for_each_item(uint32_t seq, F&& f) const {
    uint32_t i = seq + 1;
    for (uint32_t k = 0; k < node(seq).size; ++k) {
      f(i);
      i = node(i).end;
    }
  }

  // The value node of each known key (0 when absent); unknown keys reported with did-you-mean.
  template <size_t N>
  std::array<uint32_t, N> fields(uint32_t map, const char* what,
                                 const std::array<std::string_view, N>& keys) {
    std::array<uint32_t, N> out{};
    for_each_entry(map, [&](uint32_t key, uint32_t value) {
      const YamlNode& k = node(key);
      if (!k.is_scalar()) {
        error(key, std::string("empty key in ") + what);
        return;
      }
      for (size_t i = 0; i < N; ++i) {
        if (keys[i] == k.text) {
          if (node(value).is_null()) {
            error(key, "'" + k.text + "' is empty");  // shown at its key: the value has no place
          } else {
            out[i] = value;
          }
          return;
        }
      }
      std::vector<std::string> names(keys.begin(), keys.end());
      std::string message = "unknown key '" + k.text + "' in " + what;
      std::string match = closest_match(k.text, names);
      if (!match.empty()) {
        message += "; did you mean '" + match + "'?";
      } else {
        message += "; the keys of " + std::string(what) + " are " + join(names);
      }
      error(key, std::move(message));
    });
    return out;
  }

  std::optional<double> number(uint32_t i, std::string_view key) {
    const YamlNode& n = node(i);
    std::string what = "'" + std::string(key) + "' must be a number";
    if (!n.is_scalar()) {
      error(i, what + ", " + got(i));
      return std::nullopt;
    }
    std::optional<double> v = parse_number(n.text);
    if (v && n.quoted()) {
      error(i, what + ", got the text " + quote_value(n.text) + "; remove the quotes");
      return std::nullopt;
    }
    if (!v) error(i, what + ", " + got(i));
    return v;
  }

  // A name from `names`, with did-you-mean.
  std::optional<size_t> choice(uint32_t i, std::string_view key, std::string_view kind,
                               const std::vector<std::string>& names) {
    const YamlNode& n = node(i);
    if (!n.is_scalar()) {
      error(i, "'" + std::string(key) + "' must be one of " + join(names) + ", " + got(i));
      return std::nullopt;
    }
    auto it = std::find(names.begin(), names.end(), n.text);
    if (it != names.end()) return static_cast<size_t>(it - names.begin());
    std::string message = "unknown " + std::string(kind) + " " + quote_value(n.text);
    std::string match = closest_match(n.text, names);
    if (!match.empty()) {
      message += "; did you mean '" + match + "'?";
    } else {
      message += "; the " + std::string(kind) + "s are " + join(names);
    }
    error(i, std::move(message));
    return std::nullopt;
  }

  void tone(uint32_t n) {
    if (!node(n).is_seq()) {
      error(n, "'tone' must be a list of layers (- { synth: hum, level: 0.3 }), " + got(n));
      return;
    }
    for_each_item(n, [&](uint32_t item) {
      if (std::optional<SoundLayer> l = layer(item)) scene_.ambience.tone.push_back(std::move(*l));
    });
  }

  std::optional<SoundLayer> layer(uint32_t n) {
    if (!node(n).is_map()) {
      error(n, "a layer of 'tone' must be a mapping ({ synth: hum, level: 0.3 } or { file: " +
                   std::string("sounds/rain.ogg }), ") + got(n));
      return std::nullopt;
    }
    SoundLayer l;
    l.at = pos(n);
    auto f = fields(n, "a layer", kLayerKeys);
    bool ok = true;
    if (f[kSynth] != 0 && f[kFile] != 0) {
      error(f[kFile] - 1, "a layer is either 'synth:' or 'file:'; this one has both");
      ok = false;
    } else if (f[kSynth] != 0) {
      if (std::optional<size_t> s = choice(f[kSynth], "synth", "synth", kSynthNames)) {
        l.synth = static_cast<Synth>(*s + 1);
      } else {
        ok = false;
      }
    } else if (f[kFile] != 0) {
      ok = sound_file(f[kFile], l) && ok;
    } else {
      error(n, "a layer needs a sound: 'synth:' (" + join(kSynthNames) +
                   ") or 'file:' (a WAV, OGG or FLAC file in the story folder)");
      ok = false;
    }
    if (uint32_t v = f[kLevel]) {
      std::optional<double> d = number(v, "level");
      if (d && (*d < 0 || *d > 1)) {
        error(v, "'level' must be from 0 (silent) to 1 (full), got " + node(v).text);
        ok = false;
      } else if (d) {
        l.level = static_cast<float>(*d);
      } else {
        ok = false;
      }
    }
    if (uint32_t v = f[kAt]) ok = place(v, l) && ok;
    if (uint32_t v = f[kColor]) {
      if (l.synth != Synth::Noise && l.synth != Synth::None) {
        error(f[kColor] - 1, "'color' is for 'synth: noise', not " + std::string(synth_name(l.synth)));
        ok = false;
      } else if (std::optional<size_t> c = choice(v, "color", "noise color", kColorNames)) {
        l.color = static_cast<NoiseColor>(*c);
      } else {
        ok = false;
      }
    }
    if (uint32_t v = f[kFreq]) {
      if (l.synth != Synth::Hum && l.synth != Synth::None) {
        error(f[kFreq] - 1, "'freq' is for 'synth: hum', not " + std::string(synth_name(l.synth)));
        ok = false;
      } else if (std::optional<double> d = number(v, "freq")) {
        if (*d < 20 || *d > 1000) {
          error(v, "'freq' must be from 20 to 1000 Hz (mains hum is 50 or 60), got " +
                       node(v).text);
          ok = false;
        } else {
          l.freq = static_cast<float>(*d);
        }
      } else {
        ok = false;
      }
    }
    if (uint32_t v = f[kWhen]) ok = condition(v, l.when) && ok;
    if (!ok) return std::nullopt;
    return l;
  }

  // `when: <expression>`, kept as written until compile_ambience.
  bool condition(uint32_t n, std::optional<Expr>& out) {
    const YamlNode& v = node(n);
    if (!v.is_scalar()) {
      error(n, "'when' must be a condition, as 'when: kettle_on and not day == 1', " + got(n) +
                   " (quote a condition that starts with '{' or '[')");
      return false;
    }
    out = Expr(v.text, SourcePos{file_, v.value_line, v.value_column, v.text_style()});
    return true;
  }

  void cues(uint32_t n) {
    if (!node(n).is_seq()) {
      error(n, "'cues' must be a list of cues (- { on: beat, beat: kettle, synth: kettle }), " +
                   got(n));
      return;
    }
    for_each_item(n, [&](uint32_t item) {
      if (std::optional<SoundCue> c = cue(item)) scene_.ambience.cues.push_back(std::move(*c));
    });
  }

  // An id from `ids`, reported with did-you-mean; -1 when unknown.
  int32_t find_id(uint32_t n, std::string_view kind, const std::vector<std::string>& ids) {
    if (!node(n).is_scalar()) {
      error(n, "'" + std::string(kind) + "' must be a " + std::string(kind) + "'s id, " + got(n));
      return -1;
    }
    const std::string& id = node(n).text;
    auto it = std::find(ids.begin(), ids.end(), id);
    if (it != ids.end()) return static_cast<int32_t>(it - ids.begin());
    std::string message = "unknown " + std::string(kind) + " '" + id + "' in this scene";
    std::string match = closest_match(id, ids);
    if (!match.empty()) {
      message += "; did you mean '" + match + "'?";
    } else if (!ids.empty() && ids.size() <= 12) {
      message += "; its " + std::string(kind) + "s are: " + join(ids);
    }
    error(n, std::move(message));
    return -1;
  }

  // A gesture's id, looked for in `beat`'s moment (or every beat's when beat is -1): sets
  // beat and gesture, or reports it.
  bool find_gesture(uint32_t n, int32_t& beat, int32_t& gesture) {
    if (!node(n).is_scalar()) {
      error(n, "a gesture must be given by its id, " + got(n));
      return false;
    }
    const std::string& id = node(n).text;
    std::vector<std::string> ids;
    std::vector<std::pair<int32_t, int32_t>> found;
    for (size_t b = 0; b < scene_.beats.size(); ++b) {
      if (beat >= 0 && static_cast<int32_t>(b) != beat) continue;
      const auto& m = scene_.beats[b].moment;
      if (!m) continue;
      for (size_t g = 0; g < m->gestures.size(); ++g) {
        ids.push_back(m->gestures[g].id);
        if (m->gestures[g].id == id) found.emplace_back(static_cast<int32_t>(b), static_cast<int32_t>(g));
      }
    }
    if (found.size() == 1) {
      beat = found[0].first;
      gesture = found[0].second;
      return true;
    }
    if (found.size() > 1) {
      error(n, "gesture '" + id + "' is in more than one beat of this scene; say which with " +
                   "'beat:'");
      return false;
    }
    std::string message = "unknown gesture '" + id + "' in " +
                          (beat >= 0 ? "beat '" + scene_.beats[static_cast<size_t>(beat)].id + "'" : "this scene");
    std::string match = closest_match(id, ids);
    if (!match.empty()) {
      message += "; did you mean '" + match + "'?";
    } else if (ids.empty()) {
      message += "; it has no moment with gestures";
    } else if (ids.size() <= 12) {
      message += "; its gestures are: " + join(ids);
    }
    error(n, std::move(message));
    return false;
  }

  // A note name: C4, F#3, Bb5 (A4 = 440 Hz); 0 when it is not one.
  static float note_frequency(const std::string& s) {
    static constexpr std::array<int, 7> kSemis = {9, 11, 0, 2, 4, 5, 7};  // A B C D E F G
    if (s.size() < 2 || s.size() > 3) return 0;
    const char letter = static_cast<char>(s[0] >= 'a' ? s[0] - 32 : s[0]);
    if (letter < 'A' || letter > 'G') return 0;
    int semi = kSemis[static_cast<size_t>(letter - 'A')];
    size_t i = 1;
    if (s[i] == '#') {
      ++semi;
      ++i;
    } else if (s[i] == 'b') {
      --semi;
      ++i;
    }
    if (i + 1 != s.size() || s[i] < '0' || s[i] > '8') return 0;
    const int midi = 12 * (s[i] - '0' + 1) + semi;
    return static_cast<float>(440.0 * std::pow(2.0, (midi - 69) / 12.0));
  }

  std::optional<SoundCue> cue(uint32_t n) {
    if (!node(n).is_map()) {
      error(n, "a cue must be a mapping ({ on: beat, beat: kettle, synth: kettle }), " + got(n));
      return std::nullopt;
    }
    SoundCue c;
    c.at = pos(n);
    c.sound.level = 0.5f;
    auto f = fields(n, "a cue", kCueKeys);
    bool ok = true;
    if (uint32_t v = f[kCueOn]) {
      if (std::optional<size_t> o = choice(v, "on", "cue event", kCueOnNames)) {
        c.on = static_cast<CueOn>(*o);
      } else {
        ok = false;
      }
    } else {
      error(n, "a cue needs 'on:', the event it answers to (" + join(kCueOnNames) + ")");
      ok = false;
    }
    if (uint32_t v = f[kCueBeat]) {
      std::vector<std::string> ids;
      for (const Beat& b : scene_.beats) ids.push_back(b.id);
      c.beat = find_id(v, "beat", ids);
      ok = c.beat >= 0 && ok;
    } else if (ok && c.on == CueOn::Beat) {
      error(n, "a cue 'on: beat' needs 'beat:', the id of the beat it sounds at");
      ok = false;
    }
    if (uint32_t v = f[kCueGesture]) {
      if (c.on == CueOn::Beat) {
        error(v - 1, "'gesture' is for cues on gesture_start, gesture_done or hesitate");
        ok = false;
      } else if (ok) {
        ok = find_gesture(v, c.beat, c.gesture);
      }
    }
    if (uint32_t v = f[kCueThing]) {
      std::vector<std::string> ids;
      for (const Thing& t : scene_.things) ids.push_back(t.id);
      c.thing = find_id(v, "thing", ids);
      ok = c.thing >= 0 && ok;
    }
    const int sounds = (f[kCueSynth] != 0) + (f[kCueFile] != 0) + (f[kCueNotes] != 0);
    if (sounds > 1) {
      error(n, "a cue is one of 'synth:', 'file:' or 'notes:'; this one has " +
                   std::to_string(sounds));
      ok = false;
    } else if (f[kCueSynth] != 0) {
      if (std::optional<size_t> s = choice(f[kCueSynth], "synth", "synth", kSynthNames)) {
        c.sound.synth = static_cast<Synth>(*s + 1);
      } else {
        ok = false;
      }
    } else if (f[kCueFile] != 0) {
      ok = sound_file(f[kCueFile], c.sound) && ok;
    } else if (f[kCueNotes] != 0) {
      ok = notes(f[kCueNotes], c) && ok;
    } else {
      error(n, "a cue needs a sound: 'synth:' (" + join(kSynthNames) +
                   "), 'file:' or 'notes:' (a motif, as [C4, E4, G4])");
      ok = false;
    }
    if (uint32_t v = f[kCueStep]) {
      std::optional<double> d = number(v, "step");
      if (d && (f[kCueNotes] == 0)) {
        error(v - 1, "'step' is the length of a note of 'notes:'; this cue has no notes");
        ok = false;
      } else if (d && (*d < 0.05 || *d > 10)) {
        error(v, "'step' must be from 0.05 to 10 seconds a note, got " + node(v).text);
        ok = false;
      } else if (d) {
        c.step = static_cast<float>(*d);
      } else {
        ok = false;
      }
    }
    if (uint32_t v = f[kCueLevel]) {
      std::optional<double> d = number(v, "level");
      if (d && (*d < 0 || *d > 1)) {
        error(v, "'level' must be from 0 (silent) to 1 (full), got " + node(v).text);
        ok = false;
      } else if (d) {
        c.sound.level = static_cast<float>(*d);
      } else {
        ok = false;
      }
    }
    if (uint32_t v = f[kCueAt]) ok = place(v, c.sound) && ok;
    if (uint32_t v = f[kCueAfter]) {
      std::optional<double> d = number(v, "after");
      if (d && (*d < 0 || *d > kMaxAfter)) {
        error(v, "'after' must be from 0 to 600 seconds, got " + node(v).text);
        ok = false;
      } else if (d) {
        c.after = static_cast<float>(*d);
      } else {
        ok = false;
      }
    }
    if (uint32_t v = f[kCueUntil]) ok = find_gesture(v, c.until_beat, c.until_gesture) && ok;
    if (uint32_t v = f[kCueWhen]) ok = condition(v, c.when) && ok;
    if (!ok) return std::nullopt;
    return c;
  }

  bool notes(uint32_t n, SoundCue& c) {
    if (!node(n).is_seq() || node(n).size == 0) {
      error(n, "'notes' must be a list of notes, as [C4, E4, G4], " + got(n));
      return false;
    }
    if (node(n).size > 64) {
      error(n, "a motif is sparse: at most 64 notes, got " + std::to_string(node(n).size));
      return false;
    }
    bool ok = true;
    for_each_item(n, [&](uint32_t item) {
      const float hz = node(item).is_scalar() ? note_frequency(node(item).text) : 0;
      if (hz <= 0) {
        error(item, "a note is a letter A-G, an optional # or b, and an octave 0-8 (C4, F#3, "
                    "Bb5); " + got(item));
        ok = false;
      }
      c.notes.push_back(hz);
    });
    return ok;
  }

  bool sound_file(uint32_t n, SoundLayer& l) {
    if (!node(n).is_scalar()) {
      error(n, "'file' must be the path of a sound file, relative to the story folder, " + got(n));
      return false;
    }
    const std::string& path = node(n).text;
    const std::string what = "sound " + quote_value(path);
    const ResolvedPath where = resolve_story_path(story_dir_, path);
    if (where.problem == PathProblem::Absolute) {
      error(n, path_problem_text(where.problem, what));
      return false;
    }
    std::string ext = fs::path(path).extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(),
                   [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; });
    if (ext != ".wav" && ext != ".ogg" && ext != ".flac") {
      error(n, what + " is not a kind of file the game can play; use WAV, OGG or FLAC");
      return false;
    }
    if (where.problem != PathProblem::None) {
      error(n, path_problem_text(where.problem, what));
      return false;
    }
    if (const std::string wrong = check_sound_header(where.path); !wrong.empty()) {
      error(n, what + " " + wrong);
      return false;
    }
    l.file = where.path;  // resolved once here; the audio engine opens exactly this
    return true;
  }

  // `at: thing_id` or `at: [x, y]`.
  bool place(uint32_t n, SoundLayer& l) {
    const YamlNode& v = node(n);
    if (v.is_seq()) {
      if (v.size != 2) {
        error(n, "'at' takes 2 numbers, [x, y] in the 1280×720 frame, or a thing's id; got " +
                     std::to_string(v.size) + " numbers");
        return false;
      }
      std::array<float, 2> xy{};
      size_t k = 0;
      bool ok = true;
      for_each_item(n, [&](uint32_t item) {
        std::optional<double> d = node(item).is_scalar() && !node(item).quoted()
                                      ? parse_number(node(item).text)
                                      : std::nullopt;
        if (!d) {
          error(item, "'at' takes [x, y] in the frame; " + got(item) + ", not a number");
          ok = false;
        } else if (std::abs(*d) > kAbsurd) {
          error(item, node(item).text + " is far outside the 1280×720 frame");
          ok = false;
        } else {
          xy[k] = static_cast<float>(*d);
        }
        ++k;
      });
      if (!ok) return false;
      l.placed = true;
      l.x = xy[0];
      l.y = xy[1];
      return true;
    }
    if (!v.is_scalar()) {
      error(n, "'at' must be a thing's id or [x, y] in the frame, " + got(n));
      return false;
    }
    ThingId t = scene_.find_thing(v.text);
    if (t == kNone) {
      std::vector<std::string> ids;
      for (const Thing& th : scene_.things) ids.push_back(th.id);
      std::string message = "unknown thing '" + v.text + "' in this scene";
      std::string match = closest_match(v.text, ids);
      if (ids.empty()) {
        message += "; this scene has no things: place the sound with 'at: [x, y]'";
      } else if (!match.empty()) {
        message += "; did you mean '" + match + "'?";
      } else if (ids.size() <= 12) {
        message += "; its things are: " + join(ids);
      }
      error(n, std::move(message));
      return false;
    }
    // Where the thing is: its area, or the bounds of the shapes that draw it.
    Rect r = scene_.things[t].area;
    if (r.empty()) {
      float x0 = 1e9f, y0 = 1e9f, x1 = -1e9f, y1 = -1e9f;
      for (const Shape& s : scene_.visual.layers) {
        if (s.thing != t) continue;
        Rect b = s.bounds();
        x0 = std::min(x0, b.x);
        y0 = std::min(y0, b.y);
        x1 = std::max(x1, b.x + b.w);
        y1 = std::max(y1, b.y + b.h);
      }
      if (x1 >= x0) r = {x0, y0, x1 - x0, y1 - y0};
    }
    if (r.w <= 0 && r.h <= 0 && r.x == 0 && r.y == 0) {
      error(n, "thing '" + v.text + "' has no place in the frame to sound from: give it an " +
                   "'area:' or a shape with 'thing: " + v.text + "', or write 'at: [x, y]'");
      return false;
    }
    l.placed = true;
    l.thing = t;
    l.x = r.x + r.w / 2;
    l.y = r.y + r.h / 2;
    return true;
  }
};

}  // namespace

bool load_ambience(const YamlTree& tree, uint32_t node, FileReporter& report, int32_t file,
                   const std::string& story_dir, Scene& scene) {
  return AmbienceLoader(tree, report, file, story_dir, scene).load(node);
}

void compile_ambience(Scene& scene, const Story& story, Diagnostics& diags) {
  auto compile = [&](std::optional<Expr>& when) {
    if (!when) return;
    // A condition that does not compile is reported; the layer or cue then sounds always (the
    // story does not load anyway: the error stops it).
    when = compile_expression(when->source(), story.symbols, Type::Bool, when->at,
                              story.sources, diags, story.strings.get());
  };
  for (SoundLayer& l : scene.ambience.tone) compile(l.when);
  for (SoundCue& c : scene.ambience.cues) compile(c.when);
}

}  // namespace threshold::story
