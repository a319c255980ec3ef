// Converter: one YAML tree of the story -> the model's structs, with every writer error it can
// find at its node. A YamlReader with the story's formats on top (scene, things, beats, moments,
// gestures, lines, targets, place files); and what a file's conversion needs to know of the
// story as a whole (StoryContext), and the place files the scenes read (PlaceData). Shared by the
// loader's stages (stages.h); used only inside engine/story/load/.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "reader.h"
#include "threshold/story/model.h"
#include "tree.h"

namespace threshold::story::load {

// A place file (places/<place>.yaml), parsed once and kept while the scenes are read: every
// scene at the place reads the place's `visual:` and `ambience:` against its own things.
struct PlaceData {
  std::string id;
  std::string path;
  std::string text;  // kept until the scenes are read: their reporters quote its lines
  YamlTree tree;
  int32_t file = -1;                  // Sources index
  uint32_t visual = 0, ambience = 0;  // value nodes in `tree`; 0 when absent
  SourcePos at;                       // the `place:` value
  // Each `thing:` a shape of its visual names, and where: checked against the things its
  // scenes declare once they are all read.
  std::vector<std::pair<std::string, SourcePos>> shape_things;
};

// What the file's conversion needs to know about the story as a whole.
struct StoryContext {
  Pacing pacing;
  std::vector<std::string> endings;
  bool endings_known = false;     // false when story.yaml could not be read: skip end: checks
  StringPool* strings = nullptr;  // the story's: where lines' texts are kept
  StoryRoots roots;  // where images and sounds are found: the story folder, the game's assets
  std::vector<PlaceData> places;

  const PlaceData* find_place(const std::string& id) const {
    for (const PlaceData& p : places) {
      if (p.id == id) return &p;
    }
    return nullptr;
  }
};

// A `go:` waiting for every scene id to be known.
struct SceneRef {
  int32_t beat = kNone;
  int32_t gesture = -1;  // -1: the beat's own target
  std::string name;
  SourcePos at;
};

class Converter : public YamlReader {
 public:
  Converter(const YamlTree& tree, FileReporter& report, int32_t file, const StoryContext& context)
      : YamlReader(tree, report, file), context_(context) {}

  std::vector<SceneRef> scene_refs;  // go: targets, resolved once every scene is known
  // Diagnostics in place files found while reading this scene (the place's data is read once per
  // scene at the place; the merge drops the repeats).
  std::vector<Diagnostic> place_diagnostics;

  // The things of `s` that a shape of its place names misspelt: a shape's `thing:` the scene
  // lacks that is close to one it has. That thing has no place in the frame because of the
  // misspelling, which the link stage reports once, at the place; so it gets no warning here.
  std::vector<std::string> misspelt_things(const PlaceData& place, const Scene& s) const;

  // ---- lines

  void lines(uint32_t i, std::vector<Line>& out);

  // In plain text ` #` starts a YAML comment: `- You are number #1 in line.` is the line "You
  // are number". A comment one space after a line's text reads as text cut short, so it is
  // warned about; one set apart by more (`- Hello.   # draft`) is taken as meant.
  void warn_if_cut_by_comment(uint32_t i);

  void line(uint32_t i, std::vector<Line>& out);

  // ---- targets

  // Reads then/go/end. `beat_ids` resolve `then:` later (the beat may come further down).
  struct PendingThen {
    int32_t beat;
    int32_t gesture;
    uint32_t node;
  };
  std::vector<PendingThen> pending_then;

  void target(uint32_t then_v, uint32_t go_v, uint32_t end_v, int32_t beat, int32_t gesture,
              Target& out);

  // ---- scene

  std::optional<Scene> scene(uint32_t root);

  // The place's diagnostics, then (when it found errors) a note at this scene's `place:`: what
  // is wrong in a place's data may be wrong only for some of its scenes (a thing they lack).
  void keep_place_diagnostics(FileReporter& place_report, const Scene& s, uint32_t place_node);

  // ---- place files

  // A place file's keys: its id, and where its visual and ambience are (read per scene).
  bool place(uint32_t root, PlaceData& p);

  void time_of_day(uint32_t v, Scene& s);

  void things(uint32_t v, Scene& s);

  std::vector<std::string> thing_ids(const Scene& s) const;

  void beats(uint32_t v, Scene& s);

  // The beat, and the node of its id (0 when it had none).
  std::pair<std::optional<Beat>, uint32_t> beat(uint32_t item, const Scene& s, int32_t index);

  std::optional<Moment> moment(uint32_t v, const Scene& s, int32_t beat_index);

  std::pair<std::optional<Gesture>, uint32_t> gesture(uint32_t item, const Scene& s, Moment& m,
                                                      int32_t beat_index, int32_t index);

  // `distance:` of a push or pull (frame pixels; kDefaultDragDistance when not written), and an
  // error at the key when another kind has one.
  void drag_distance(uint32_t v, Gesture& g);

  void thing_ref(uint32_t v, const Scene& s, Gesture& g);

 private:
  int8_t file_has_comments_ = 0;  // ` #` anywhere in the file: 1 yes, -1 no, 0 not looked yet
  const StoryContext& context_;
};

}  // namespace threshold::story::load
