// The `ambience:` block of a scene, read from the loader's YAML tree (format: docs/authoring.md,
// "Sound"). The checks are the ones a writer placing sounds needs: a misspelt key, a layer with
// no kind of sound or two, an unknown synth, a level or a duck out of range, a thing that does not
// exist or has no place in the frame, a sound file that is not there. A `when:` condition is kept
// as written here and compiled with the rest of the scene's expressions (compile_ambience).
#include "ambience.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

#include "keys.h"
#include "reader.h"
#include "threshold/story/media_header.h"
#include "threshold/story/names.h"

namespace threshold::story {

const char* synth_name(Synth s) {
  const std::string_view name = name_of(kSynthNames, s);
  return name.empty() ? "" : name.data();  // the table's names are literals: NUL-terminated
}

const char* cue_on_name(CueOn on) {
  return name_of(kCueOnNames, on).data();
}

namespace {

// The key tables (kAmbienceKeys, kLayerKeys, kCueKeys) are in keys.h, where the schema test reads
// them.
using namespace load::ambience_keys;

constexpr double kMaxCrossfade = 30;  // seconds
constexpr double kMinDuck = -60;      // dB: quieter than this is silence; say 'duck: -60'
constexpr double kMaxAfter = 600;     // seconds a cue may wait after its event

// A scene's `add:` over its place's ambience (YamlReader::adds_over_place).
constexpr Addition kLayersOverPlace{kAmbienceKeys[kAdd], "ambience", "layers", "tone"};

constexpr Range kLevel01{0, 1, {}, "0: silent, 1: full"};
constexpr std::string_view kWhenExample = "kettle_on and not day == 1";

const FileKind kSound{"sound",
                      {".wav", ".ogg", ".flac"},
                      "is not a kind of file the game can play; use WAV, OGG or FLAC",
                      check_sound_header};

class AmbienceLoader {
 public:
  AmbienceLoader(const YamlTree& tree, FileReporter& report, int32_t file,
                 const StoryRoots& story_dir, Scene& scene)
      : r_(tree, report, file), story_dir_(story_dir), scene_(scene) {}

  // Over a place (`source` OverPlace, the place's ambience already in scene_.ambience), a key
  // the scene gives replaces the place's, and `add:` appends layers to the place's `tone:`.
  bool load(uint32_t v, AmbienceSource source) {
    // (The keys named are the common ones; tests/bad/visual_must_be_a_mapping quotes this.)
    if (!r_.expect_map(v, "'ambience'", "tone:, duck:, crossfade:")) return false;
    Ambience& a = scene_.ambience;
    a.authored = true;
    a.at = r_.pos(v);
    auto f = r_.fields(v, "ambience", kAmbienceKeys);
    if (uint32_t n = f[kTone]) {
      a.tone.clear();
      tone(n, "tone");
    }
    if (uint32_t n = f[kAdd]) add(n, f[kTone], source);
    if (uint32_t n = f[kDuck]) {
      store(decibels(n, "duck", "lowers the sound while the player waits or holds"), a.duck_db);
    }
    if (uint32_t n = f[kHush]) {
      store(decibels(n, "hush", "lowers the sound when the player hesitates"), a.hush_db);
    }
    if (uint32_t n = f[kCues]) {
      a.cues.clear();
      cues(n);
    }
    if (uint32_t n = f[kCrossfade]) {
      store(r_.number_in(n, "crossfade", {0, kMaxCrossfade, "seconds", {}}), a.crossfade);
    }
    return true;
  }

 private:
  YamlReader r_;
  const StoryRoots& story_dir_;
  Scene& scene_;

  const YamlNode& node(uint32_t i) const { return r_.node(i); }
  void error(uint32_t i, std::string message, Code code = Code::None) {
    r_.error(i, std::move(message), code);
  }
  std::string got(uint32_t i) const { return r_.got(i); }

  // A level in dB that lowers the sound: a positive one is most likely a missing minus.
  std::optional<float> decibels(uint32_t n, std::string_view key, std::string_view does) {
    std::optional<double> d = r_.number(n, key);
    if (d && *d > 0) {
      error(n,
            "'" + std::string(key) + "' " + std::string(does) + ": a number of dB from " +
                YamlReader::number_text(kMinDuck) + " to 0, got " + node(n).text +
                " (did you mean -" + node(n).text + "?)",
            Code::OutOfRange);
      return std::nullopt;
    }
    if (d) d = r_.number_in(n, key, {kMinDuck, 0, "dB", {}});
    if (!d) return std::nullopt;
    return static_cast<float>(*d);
  }

  // `add:`, the layers a scene plays besides its place's `tone:`. Beside the scene's own `tone:`
  // (`tone_value`) it is one mistake, reported once, at whichever of the two is written second.
  void add(uint32_t n, uint32_t tone_value, AmbienceSource source) {
    if (!r_.adds_over_place(n, kLayersOverPlace, source == AmbienceSource::Place,
                            source == AmbienceSource::OverPlace, scene_.place)) {
      // A scene's own: its layers are still read, for their mistakes, as the `tone:` it meant.
      if (source == AmbienceSource::Own && tone_value == 0) tone(n, "add");
      return;
    }
    if (tone_value != 0) {
      const bool tone_first = tone_value < n;
      error(YamlReader::key_of(tone_first ? n : tone_value),
            std::string(tone_first ? "'tone' and 'add'" : "'add' and 'tone'") +
                " cannot both be given: 'tone' replaces the layers of place '" + scene_.place +
                "', 'add' keeps them and plays its own besides; keep one",
            Code::ConflictingKeys);
      return;
    }
    tone(n, "add");
  }

  // `key`: "tone", or "add" (layers besides the place's).
  void tone(uint32_t n, std::string_view key) {
    if (!node(n).is_seq()) {
      error(n,
            "'" + std::string(key) + "' must be a list of layers" +
                (key == "add" ? " to play besides the place's" : "") +
                " (- { synth: hum, level: 0.3 }), " + got(n),
            Code::WrongShape);
      return;
    }
    r_.for_each_item(n, [&](uint32_t item) {
      if (std::optional<SoundLayer> l = layer(item, key)) {
        scene_.ambience.tone.push_back(std::move(*l));
      }
    });
  }

  std::optional<SoundLayer> layer(uint32_t n, std::string_view key) {
    if (!node(n).is_map()) {
      error(n,
            "a layer of '" + std::string(key) +
                "' must be a mapping ({ synth: hum, level: 0.3 } or { file: " +
                "sounds/rain.ogg }), " + got(n),
            Code::WrongShape);
      return std::nullopt;
    }
    SoundLayer l;
    l.at = r_.pos(n);
    auto f = r_.fields(n, "a layer", kLayerKeys);
    bool ok = true;
    if (f[kSynth] != 0 && f[kFile] != 0) {
      error(YamlReader::key_of(f[kFile]),
            "a layer is either 'synth:' or 'file:'; this one has both", Code::ConflictingKeys);
      ok = false;
    } else if (f[kSynth] != 0) {
      ok = store(r_.choice(f[kSynth], "synth", "synth", kSynthNames), l.synth) && ok;
    } else if (f[kFile] != 0) {
      ok = sound_file(f[kFile], l) && ok;
    } else {
      error(n,
            "a layer needs a sound: 'synth:' (" + YamlReader::join(names_of(kSynthNames)) +
                ") or 'file:' (a WAV, OGG or FLAC file in the story folder)",
            Code::MissingKey);
      ok = false;
    }
    if (uint32_t v = f[kLevel]) {
      ok = store(r_.number_in(v, "level", kLevel01), l.level) && ok;
    }
    if (uint32_t v = f[kAt]) ok = place(v, l) && ok;
    if (uint32_t v = f[kColor]) {
      if (l.synth != Synth::Noise && l.synth != Synth::None) {
        error(YamlReader::key_of(v),
              "'color' is for 'synth: noise', not " + std::string(synth_name(l.synth)),
              Code::ConflictingKeys);
        ok = false;
      } else {
        ok = store(r_.choice(v, "color", "noise color", kNoiseColorNames), l.color) && ok;
      }
    }
    if (uint32_t v = f[kFreq]) {
      if (l.synth != Synth::Hum && l.synth != Synth::None) {
        error(YamlReader::key_of(v),
              "'freq' is for 'synth: hum', not " + std::string(synth_name(l.synth)),
              Code::ConflictingKeys);
        ok = false;
      } else {
        ok =
            store(r_.number_in(v, "freq", {20, 1000, "Hz", "mains hum is 50 or 60"}), l.freq) && ok;
      }
    }
    if (uint32_t v = f[kWhen]) ok = condition(v, l.when) && ok;
    if (uint32_t v = f[kCaption]) ok = caption(v, l.caption) && ok;
    if (!ok) return std::nullopt;
    return l;
  }

  bool condition(uint32_t n, Condition& out) {
    out = r_.condition(n, "when", kWhenExample);
    return out.has_value();
  }

  // `caption:` a few plain words saying what the sound is, one error for whatever is wrong.
  bool caption(uint32_t n, std::string& out) {
    static constexpr std::string_view kExample = "caption: \"the kettle, beginning to sing\"";
    const YamlNode& v = node(n);
    if (v.is_null() || (v.is_scalar() && v.text.find_first_not_of(" \t") == std::string::npos)) {
      error(n,
            "'caption' is empty; write what the sound is in a few words (" + std::string(kExample) +
                "), or leave it out",
            Code::EmptyValue);
      return false;
    }
    // A number or a boolean written bare is a slip, not words for a sound.
    const bool bare = v.is_scalar() && v.style == YamlNode::Style::Plain &&
                      (YamlReader::parse_number(v.text) || YamlReader::parse_bool(v.text));
    if (!v.is_scalar() || bare) {
      error(n,
            "'caption' must be a few words saying what the sound is (" + std::string(kExample) +
                "), " + got(n),
            Code::WrongShape);
      return false;
    }
    if (v.text.find('\n') != std::string::npos) {
      error(n, "'caption' is one line: a caption shows on one row beneath the scene",
            Code::WrongShape);
      return false;
    }
    const size_t characters = static_cast<size_t>(
        std::count_if(v.text.begin(), v.text.end(), [](char ch) { return (ch & 0xC0) != 0x80; }));
    if (characters > kMaxCaptionLength) {
      error(n,
            "'caption' is a few words, at most " + std::to_string(kMaxCaptionLength) +
                " characters, got " + std::to_string(characters),
            Code::OutOfRange);
      return false;
    }
    out = v.text;
    return true;
  }

  void cues(uint32_t n) {
    if (!node(n).is_seq()) {
      error(
          n,
          "'cues' must be a list of cues (- { on: beat, beat: kettle, synth: kettle }), " + got(n),
          Code::WrongShape);
      return;
    }
    r_.for_each_item(n, [&](uint32_t item) {
      if (std::optional<SoundCue> c = cue(item)) scene_.ambience.cues.push_back(std::move(*c));
    });
  }

  // An id from `ids`, reported with did-you-mean; -1 when unknown.
  int32_t find_id(uint32_t n, std::string_view kind, const std::vector<std::string>& ids) {
    if (!node(n).is_scalar()) {
      error(n, "'" + std::string(kind) + "' must be a " + std::string(kind) + "'s id, " + got(n),
            Code::WrongShape);
      return -1;
    }
    const std::string& id = node(n).text;
    auto it = std::find(ids.begin(), ids.end(), id);
    if (it != ids.end()) return static_cast<int32_t>(it - ids.begin());
    const std::string its = "its " + std::string(kind) + "s are";
    error(n,
          "unknown " + std::string(kind) + " '" + id + "' in this scene" +
              YamlReader::suggestion(id, ids, its),
          Code::UnknownChoice);
    return -1;
  }

  // A gesture's id, looked for in `beat`'s moment (or every beat's when beat is -1): sets
  // beat and gesture, or reports it.
  bool find_gesture(uint32_t n, int32_t& beat, int32_t& gesture) {
    if (!node(n).is_scalar()) {
      error(n, "a gesture must be given by its id, " + got(n), Code::WrongShape);
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
        if (m->gestures[g].id == id)
          found.emplace_back(static_cast<int32_t>(b), static_cast<int32_t>(g));
      }
    }
    if (found.size() == 1) {
      beat = found[0].first;
      gesture = found[0].second;
      return true;
    }
    if (found.size() > 1) {
      error(n,
            "gesture '" + id + "' is in more than one beat of this scene; say which with " +
                "'beat:'",
            Code::ConflictingKeys);
      return false;
    }
    std::string message =
        "unknown gesture '" + id + "' in " +
        (beat >= 0 ? "beat '" + scene_.beats[static_cast<size_t>(beat)].id + "'" : "this scene");
    if (ids.empty()) {
      message += "; it has no moment with gestures";
    } else {
      message += YamlReader::suggestion(id, ids, "its gestures are");
    }
    error(n, std::move(message), Code::UnknownGesture);
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
      error(n, "a cue must be a mapping ({ on: beat, beat: kettle, synth: kettle }), " + got(n),
            Code::WrongShape);
      return std::nullopt;
    }
    SoundCue c;
    c.at = r_.pos(n);
    c.sound.level = 0.5f;
    auto f = r_.fields(n, "a cue", kCueKeys);
    bool ok = true;
    if (uint32_t v = f[kCueOn]) {
      ok = store(r_.choice(v, "on", "cue event", kCueOnNames), c.on) && ok;
    } else {
      error(n,
            "a cue needs 'on:', the event it answers to (" +
                YamlReader::join(names_of(kCueOnNames)) + ")",
            Code::MissingKey);
      ok = false;
    }
    if (uint32_t v = f[kCueBeat]) {
      std::vector<std::string> ids;
      for (const Beat& b : scene_.beats) ids.push_back(b.id);
      c.beat = find_id(v, "beat", ids);
      ok = c.beat >= 0 && ok;
    } else if (ok && c.on == CueOn::Beat) {
      error(n, "a cue 'on: beat' needs 'beat:', the id of the beat it sounds at", Code::MissingKey);
      ok = false;
    }
    if (uint32_t v = f[kCueGesture]) {
      if (c.on == CueOn::Beat) {
        error(YamlReader::key_of(v),
              "'gesture' is for cues on gesture_start, gesture_done or hesitate",
              Code::ConflictingKeys);
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
      error(n,
            "a cue is one of 'synth:', 'file:' or 'notes:'; this one has " + std::to_string(sounds),
            Code::ConflictingKeys);
      ok = false;
    } else if (f[kCueSynth] != 0) {
      ok = store(r_.choice(f[kCueSynth], "synth", "synth", kSynthNames), c.sound.synth) && ok;
    } else if (f[kCueFile] != 0) {
      ok = sound_file(f[kCueFile], c.sound) && ok;
    } else if (f[kCueNotes] != 0) {
      ok = notes(f[kCueNotes], c) && ok;
    } else {
      error(n,
            "a cue needs a sound: 'synth:' (" + YamlReader::join(names_of(kSynthNames)) +
                "), 'file:' or 'notes:' (a motif, as [C4, E4, G4])",
            Code::MissingKey);
      ok = false;
    }
    if (uint32_t v = f[kCueStep]) {
      if (f[kCueNotes] == 0) {
        error(YamlReader::key_of(v),
              "'step' is the length of a note of 'notes:'; this cue has no notes",
              Code::ConflictingKeys);
        ok = false;
      } else {
        ok = store(r_.number_in(v, "step", {0.05, 10, "seconds a note", {}}), c.step) && ok;
      }
    }
    if (uint32_t v = f[kCueLevel]) {
      ok = store(r_.number_in(v, "level", kLevel01), c.sound.level) && ok;
    }
    if (uint32_t v = f[kCueAt]) ok = place(v, c.sound) && ok;
    if (uint32_t v = f[kCueAfter]) {
      ok = store(r_.number_in(v, "after", {0, kMaxAfter, "seconds", {}}), c.after) && ok;
    }
    if (uint32_t v = f[kCueUntil]) ok = find_gesture(v, c.until_beat, c.until_gesture) && ok;
    if (uint32_t v = f[kCueWhen]) ok = condition(v, c.when) && ok;
    if (uint32_t v = f[kCueCaption]) ok = caption(v, c.sound.caption) && ok;
    if (!ok) return std::nullopt;
    return c;
  }

  bool notes(uint32_t n, SoundCue& c) {
    if (!node(n).is_seq() || node(n).size == 0) {
      error(n, "'notes' must be a list of notes, as [C4, E4, G4], " + got(n), Code::WrongShape);
      return false;
    }
    if (node(n).size > 64) {
      error(n, "a motif is sparse: at most 64 notes, got " + std::to_string(node(n).size),
            Code::OutOfRange);
      return false;
    }
    bool ok = true;
    r_.for_each_item(n, [&](uint32_t item) {
      const float hz = node(item).is_scalar() ? note_frequency(node(item).text) : 0;
      if (hz <= 0) {
        error(item,
              "a note is a letter A-G, an optional # or b, and an octave 0-8 (C4, F#3, "
              "Bb5); " +
                  got(item),
              Code::UnknownChoice);
        ok = false;
      }
      c.notes.push_back(hz);
    });
    return ok;
  }

  bool sound_file(uint32_t n, SoundLayer& l) {
    std::optional<std::string> path = r_.story_file(n, "file", story_dir_, kSound);
    if (!path) return false;
    l.file = std::move(*path);  // resolved once here; the audio engine opens exactly this
    return true;
  }

  // `at: thing_id` or `at: [x, y]`.
  bool place(uint32_t n, SoundLayer& l) {
    const YamlNode& v = node(n);
    if (v.is_seq()) {
      std::vector<float> xy;
      if (!r_.coordinates(n, "'at'", 2, "x, y", xy)) return false;
      l.placed = true;
      l.x = xy[0];
      l.y = xy[1];
      return true;
    }
    if (!v.is_scalar()) {
      error(n, "'at' must be a thing's id or [x, y] in the frame, " + got(n), Code::BadCoordinates);
      return false;
    }
    ThingId t = scene_.find_thing(v.text);
    if (t == kNone) {
      std::vector<std::string> ids;
      for (const Thing& th : scene_.things) ids.push_back(th.id);
      error(n,
            "unknown thing '" + v.text + "' in this scene" +
                (ids.empty() ? "; this scene has no things: place the sound with 'at: [x, y]'"
                             : YamlReader::suggestion(v.text, ids, "its things are")),
            Code::UnknownThing);
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
      error(n,
            "thing '" + v.text + "' has no place in the frame to sound from: give it an " +
                "'area:' or a shape with 'thing: " + v.text + "', or write 'at: [x, y]'",
            Code::ThingNotDrawn);
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
                   const StoryRoots& story_dir, AmbienceSource source, Scene& scene) {
  AmbienceLoader loader(tree, report, file, story_dir, scene);
  return loader.load(node, source);
}

void compile_ambience(Scene& scene, const Story& story, Diagnostics& diags) {
  auto compile = [&](Condition& when) {
    if (!when) return;
    // A condition that does not compile is reported; the layer or cue then sounds always (the
    // story does not load anyway: the error stops it).
    when = compile_expression(when->source(), story.symbols, Type::Bool, when->at, story.sources,
                              diags, story.strings.get());
  };
  for (SoundLayer& l : scene.ambience.tone) compile(l.when);
  for (SoundCue& c : scene.ambience.cues) compile(c.when);
}

}  // namespace threshold::story
