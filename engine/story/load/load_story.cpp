// load_story: reads story.yaml and the scene files, checks them, and builds the Story.
//
// Contents:
//   1. Reading a file's bytes (missing, empty, too large) and the FileText it becomes.
//   2. Converter: one YAML tree -> model structs, with every writer error it can find.
//   3. The manifest (story.yaml), place files (places/*.yaml) and scene conversion. A scene
//      at a place with a file reads the place's visual and ambience against its own things, then
//      its own on top (its keys replace the place's; `add:` appends).
//   4. load_story: scene files parsed and converted in parallel, each tree dropped as soon as its
//      scene is built (peak memory stays near the size of the text); then a second pass over the
//      model resolves what crosses files (go: targets, the start scene, visits() in expressions)
//      and compiles every expression, text and effect against the complete symbol table.
//
// Expressions are compiled in the second pass because `visits(scene)` may name a scene defined
// in a file not read yet. Until then the model holds them as placeholders: an Expr / Effect /
// Text with its source in `plain` (and Line::at the position of the text).
#include <algorithm>
#include <array>
#include <atomic>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <set>
#include <string_view>
#include <system_error>
#include <thread>
#include <tuple>
#include <unordered_map>

#include "engine/story/load/ambience.h"
#include "engine/story/load/reader.h"
#include "engine/story/load/tree.h"
#include "engine/story/load/visual.h"
#include "engine/story/loader.h"
#include "engine/story/text_position.h"
#include "engine/story/walks.h"

namespace threshold::story {

namespace fs = std::filesystem;

namespace {

// ---------------------------------------------------------------------------------------------
// 1. Files

std::string format_size(uintmax_t bytes, bool exact_when_whole) {
  constexpr double kKiB = 1024.0;
  constexpr double kMiB = 1024.0 * 1024.0;
  char buf[64];
  auto b = static_cast<double>(bytes);
  if (bytes >= (1u << 20)) {
    if (exact_when_whole && bytes % (1u << 20) == 0) {
      std::snprintf(buf, sizeof buf, "%ju MiB", bytes >> 20);
    } else {
      std::snprintf(buf, sizeof buf, "%.1f MiB", b / kMiB);
    }
  } else if (bytes >= 1024) {
    if (exact_when_whole && bytes % 1024 == 0) {
      std::snprintf(buf, sizeof buf, "%ju KiB", bytes >> 10);
    } else {
      std::snprintf(buf, sizeof buf, "%.1f KiB", b / kKiB);
    }
  } else {
    std::snprintf(buf, sizeof buf, "%ju byte%s", bytes, bytes == 1 ? "" : "s");
  }
  return buf;
}

// What a file that is not a regular file is, in a writer's words.
const char* special_file_kind(fs::file_type type) {
  switch (type) {
    case fs::file_type::fifo:
      return "a FIFO";
    case fs::file_type::character:
      return "a character device";
    case fs::file_type::block:
      return "a block device";
    case fs::file_type::socket:
      return "a socket";
    default:
      return "a special file";
  }
}

// Reads a whole file. On failure adds a whole-file diagnostic to `out` and returns false.
bool read_file(const std::string& path, size_t max_bytes, std::string& text,
               std::vector<Diagnostic>& out) {
  auto fail = [&](std::string message, Code code = Code::FileUnreadable) {
    Diagnostic d;
    d.file = path;
    d.code = code;
    d.message = std::move(message);
    out.push_back(std::move(d));
    return false;
  };
  std::error_code ec;
  fs::file_status status = fs::status(path, ec);
  if (!fs::exists(status)) return fail("file not found");
  if (fs::is_directory(status)) return fail("expected a file, found a folder");
  // A FIFO, device or socket is refused before it is opened: opening a FIFO blocks until a
  // writer comes, which would hang `check`, `text` and live reload for good.
  if (!fs::is_regular_file(status)) {
    return fail(std::string("not a regular file (") + special_file_kind(status.type()) +
                "); story files must be plain files");
  }
  uintmax_t size = fs::file_size(path, ec);
  if (ec) return fail("cannot read file: " + ec.message());
  if (size > max_bytes) {
    return fail("file is " + format_size(size, false) + "; story files are limited to " +
                    format_size(max_bytes, true),
                Code::FileTooLarge);
  }
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (f == nullptr) return fail(std::string("cannot read file: ") + std::strerror(errno));
  text.resize(static_cast<size_t>(size));
  size_t got = size > 0 ? std::fread(text.data(), 1, text.size(), f) : 0;
  // A file that grows while we read it is read up to the size it had; one that shrinks, to its end.
  text.resize(got);
  bool read_error = std::ferror(f) != 0;
  std::fclose(f);
  if (read_error) return fail("cannot read file: read error");
  if (text.empty()) return fail("file is empty", Code::FileEmpty);
  return true;
}

std::string join_path(const std::string& dir, const std::string& name) {
  if (dir.empty()) return name;
  return (fs::path(dir) / name).string();
}

// ---------------------------------------------------------------------------------------------
// 2. The converter's vocabulary

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

// Every scalar `thing:` value under node i of `tree` (a visual's layers).
void collect_shape_things(const YamlTree& tree, uint32_t i, int32_t file,
                          std::vector<std::pair<std::string, SourcePos>>& out) {
  const YamlNode& n = tree.nodes[i];
  uint32_t c = i + 1;
  for (uint32_t k = 0; k < n.size; ++k) {
    const YamlNode& child = tree.nodes[c];
    if (n.is_map() && k % 2 == 0 && child.is_scalar() && child.text == "thing") {
      const YamlNode& v = tree.nodes[child.end];
      if (v.is_scalar()) out.emplace_back(v.text, SourcePos{file, v.value_line, v.value_column});
    } else if (!child.is_scalar()) {
      collect_shape_things(tree, c, file, out);
    }
    c = child.end;
  }
}

// What the file's conversion needs to know about the story as a whole.
struct StoryContext {
  Pacing pacing;
  std::vector<std::string> endings;
  bool endings_known = false;  // false when story.yaml could not be read: skip end: checks
  StringPool* strings = nullptr;  // the story's: where lines' texts are kept
  std::string dir;  // the story folder: images in `visual:` are found from it
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

enum class Kind { Text, Number, Bool };

namespace story_keys {
enum : size_t { title, start, scenes, places, pacing, variables, endings, count };
constexpr KeyTable<count> names = {"title",  "start",     "scenes",  "places",
                                   "pacing", "variables", "endings"};
}  // namespace story_keys
namespace place_keys {
enum : size_t { place, visual, ambience, count };
constexpr KeyTable<count> names = {"place", "visual", "ambience"};
}  // namespace place_keys
namespace pacing_keys {
enum : size_t { line, per_word, pause, count };
constexpr KeyTable<count> names = {"line", "per_word", "pause"};
}  // namespace pacing_keys
namespace variable_keys {
enum : size_t { type, default_, hidden, count };
constexpr KeyTable<count> names = {"type", "default", "hidden"};
}  // namespace variable_keys
namespace ending_keys {
enum : size_t { title, epilogue, reflection, count };
constexpr KeyTable<count> names = {"title", "epilogue", "reflection"};
}  // namespace ending_keys
namespace scene_keys {
enum : size_t { scene, place, time, day, visual, ambience, things, beats, count };
constexpr KeyTable<count> names = {"scene",  "place",    "time",   "day",
                                   "visual", "ambience", "things", "beats"};
}  // namespace scene_keys
namespace thing_keys {
enum : size_t { name, area, count };
constexpr KeyTable<count> names = {"name", "area"};
}  // namespace thing_keys
namespace beat_keys {
enum : size_t { id, set, lines, moment, then, go, end, count };
constexpr KeyTable<count> names = {"id", "set", "lines", "moment", "then", "go", "end"};
}  // namespace beat_keys
namespace moment_keys {
enum : size_t { gestures, count };
constexpr KeyTable<count> names = {"gestures"};
}  // namespace moment_keys
namespace gesture_keys {
enum : size_t {
  id,
  wait,
  hold,
  hesitate,
  look,
  touch,
  turn_away,
  push,
  pull,
  seconds,
  distance,
  if_,
  set,
  lines,
  stay,
  then,
  go,
  end,
  hint,
  count
};
constexpr KeyTable<count> names = {"id",        "wait",  "hold", "hesitate", "look",     "touch",
                                   "turn_away", "push",  "pull", "seconds",  "distance", "if",
                                   "set",       "lines", "stay", "then",     "go",       "end",
                                   "hint"};
}  // namespace gesture_keys
namespace line_keys {
enum : size_t { text, pause, linger, if_, count };
constexpr KeyTable<count> names = {"text", "pause", "linger", "if"};
}  // namespace line_keys

// ---------------------------------------------------------------------------------------------
// 2. Converter

class Converter : public YamlReader {
 public:
  Converter(const YamlTree& tree, FileReporter& report, int32_t file, const StoryContext& context)
      : YamlReader(tree, report, file), context_(context) {}

  std::vector<SceneRef> scene_refs;  // go: targets, resolved once every scene is known
  // Diagnostics in place files found while reading this scene (the place's data is read once per
  // scene at the place; the merge drops the repeats).
  std::vector<Diagnostic> place_diagnostics;

  // When its place's shapes name a thing the scene lacks that is close to one it has, the
  // warning that this one has no place in the frame is the misspelling's, which the link stage
  // reports once, at the place: it is dropped here.
  void drop_misspelt_things_warnings(const PlaceData& place, const Scene& s) {
    std::vector<std::string> ids;
    for (const Thing& t : s.things) ids.push_back(t.id);
    std::vector<Diagnostic>& out = report_.diagnostics();
    for (const auto& [name, at] : place.shape_things) {
      if (std::find(ids.begin(), ids.end(), name) != ids.end()) continue;
      std::string match = closest_match(name, ids);
      if (match.empty()) continue;
      const Thing& t =
          s.things[static_cast<size_t>(std::find(ids.begin(), ids.end(), match) - ids.begin())];
      const std::string prefix = "thing '" + match + "' has no place in the frame";
      out.erase(std::remove_if(out.begin(), out.end(),
                               [&](const Diagnostic& d) {
                                 return d.severity == Severity::Warning && d.line == t.at.line &&
                                        d.column == t.at.column &&
                                        d.message.compare(0, prefix.size(), prefix) == 0;
                               }),
                out.end());
    }
  }

  // ---- lines

  void lines(uint32_t i, std::vector<Line>& out) {
    if (node(i).is_seq()) {
      out.reserve(node(i).size);
      for_each_item(i, [&](uint32_t item) { line(item, out); });
    } else if (node(i).is_scalar()) {
      line(i, out);  // a single line needs no list
    } else {
      error(i, "'lines' must be a list of lines, " + got(i), Code::WrongShape);
    }
  }

  // In plain text ` #` starts a YAML comment: `- You are number #1 in line.` is the line "You
  // are number". A comment one space after a line's text reads as text cut short, so it is
  // warned about; one set apart by more (`- Hello.   # draft`) is taken as meant.
  void warn_if_cut_by_comment(uint32_t i) {
    const YamlNode& n = node(i);
    if (!n.is_scalar() || n.style != YamlNode::Style::Plain || n.text.empty()) return;
    if (!file_has_comments_) {  // most scene files have none: no line is read back
      file_has_comments_ = report_.text().find(" #") != std::string_view::npos ? 1 : -1;
    }
    if (file_has_comments_ < 0) return;
    const LineReader lines = [&](int32_t k) { return std::string(report_.line_text(k)); };
    const SourcePos end = position_in_value(lines, value_pos(i), n.text, n.text.size());
    const std::string_view source = report_.line_text(end.line);
    size_t p = 0;  // the byte where column end.column begins
    for (int32_t c = 1; p < source.size() && c < end.column; ++c) {
      ++p;
      while (p < source.size() && (static_cast<unsigned char>(source[p]) & 0xC0) == 0x80) ++p;
    }
    if (source.compare(p, 2, " #") != 0) return;
    std::string comment(source.substr(p));
    while (comment.back() == ' ' || comment.back() == '\t') comment.pop_back();
    if (comment.size() > 40) {
      size_t cut = 36;
      while ((static_cast<unsigned char>(comment[cut]) & 0xC0) == 0x80) --cut;
      comment = comment.substr(0, cut) + "\xE2\x80\xA6";  // '…'
    }
    const std::string_view last = std::string_view(n.text).substr(n.text.find_last_of(" \n") + 1);
    report_.warning(end.line, end.column + 1,
                    "YAML reads '" + comment + "' as a comment, so the line ends at '" +
                        std::string(last) + "'; put the whole line in quotes to keep it",
                    Code::CommentInText);
  }

  void line(uint32_t i, std::vector<Line>& out) {
    const YamlNode& n = node(i);
    if (n.is_scalar()) {
      Line l;
      if (!n.quoted() && n.text == "pause") {
        l.linger = context_.pacing.default_pause;
        l.at = pos(i);
      } else {
        l.text.emplace();
        l.text->plain = context_.strings->intern(n.text);
        l.at = value_pos(i);
        warn_if_cut_by_comment(i);
      }
      out.push_back(std::move(l));
      return;
    }
    if (n.is_null()) {
      error(i, "empty line; write some text, or 'pause'", Code::EmptyValue);
      return;
    }
    if (n.is_seq()) {
      error(i, "a line must be text, 'pause', or a mapping (text:, pause:), not a list",
            Code::WrongShape);
      return;
    }
    auto f = fields(i, "line", line_keys::names, [&](const std::string& key) {
      std::optional<std::string> better;
      // `- Note: the stop is near.` is a mapping to YAML: one key, its value the rest.
      if (n.size == 2 && node(i + 2).is_scalar()) {
        better = "this line contains ': ', so YAML reads it as a key ('" + key +
                 "'); put the whole line in quotes";
      }
      return better;
    });
    Line l;
    l.at = pos(i);
    bool ok = true;
    if (f[line_keys::text] != 0 && f[line_keys::pause] != 0) {
      error(key_of(f[line_keys::pause]), "a line has either 'text' or 'pause', not both",
            Code::ConflictingKeys);
      ok = false;
    } else if (f[line_keys::text] != 0) {
      uint32_t t = f[line_keys::text];
      if (std::optional<std::string> s = text(t, "text")) {
        l.text.emplace();
        l.text->plain = context_.strings->intern(*s);
        l.at = value_pos(t);
        warn_if_cut_by_comment(t);
      } else {
        ok = false;
      }
      if (uint32_t v = f[line_keys::linger]) {
        if (std::optional<double> d = duration(v, "linger")) {
          l.linger = *d;
        } else {
          ok = false;
        }
      }
    } else if (uint32_t p = f[line_keys::pause]) {
      if (node(p).is_null()) {
        l.linger = context_.pacing.default_pause;
      } else if (std::optional<double> d = duration(p, "pause")) {
        l.linger = *d;
      } else {
        ok = false;
      }
      if (uint32_t v = f[line_keys::linger]) {
        error(key_of(v), "a pause has no 'linger'; its length is its own value, as in 'pause: 2'",
              Code::ConflictingKeys);
        ok = false;
      }
    } else {
      if (f.unknown == 0) error(i, "a line needs 'text' (or 'pause')", Code::MissingKey);
      ok = false;
    }
    if (uint32_t c = f[line_keys::if_]) {
      l.condition = condition(c, "if", "courage >= 2 and not day == 1", context_.strings);
      if (!l.condition) ok = false;
    }
    if (ok) out.push_back(std::move(l));
  }

  // ---- targets

  // Reads then/go/end. `beat_ids` resolve `then:` later (the beat may come further down).
  struct PendingThen {
    int32_t beat;
    int32_t gesture;
    uint32_t node;
  };
  std::vector<PendingThen> pending_then;

  void target(uint32_t then_v, uint32_t go_v, uint32_t end_v, int32_t beat, int32_t gesture,
              Target& out) {
    std::array<std::pair<uint32_t, const char*>, 3> keys = {
        {{then_v, "then"}, {go_v, "go"}, {end_v, "end"}}};
    const char* first = nullptr;
    for (auto [v, name] : keys) {
      if (v == 0) continue;
      if (first != nullptr) {
        error(key_of(v),
              std::string("'") + first + "' and '" + name + "' both say where to go next; keep one",
              Code::ConflictingKeys);
        return;
      }
      first = name;
    }
    if (then_v != 0) {
      if (id(then_v, "then", "beat id")) {
        out.at = value_pos(then_v);
        pending_then.push_back({beat, gesture, then_v});
      }
    } else if (go_v != 0) {
      if (std::optional<std::string> s = id(go_v, "go", "scene id")) {
        out.at = value_pos(go_v);
        scene_refs.push_back({beat, gesture, std::move(*s), value_pos(go_v)});
      }
    } else if (end_v != 0) {
      if (std::optional<std::string> s = id(end_v, "end", "ending id")) {
        out.at = value_pos(end_v);
        if (context_.endings_known) {
          auto it = std::find(context_.endings.begin(), context_.endings.end(), *s);
          if (it != context_.endings.end()) {
            out.set_ending(static_cast<EndingId>(it - context_.endings.begin()));
          } else if (context_.endings.empty()) {
            error(end_v,
                  "unknown ending '" + *s +
                      "'; the story has no endings yet: declare them under 'endings:' in "
                      "story.yaml",
                  Code::UnknownEnding);
          } else {
            error(end_v,
                  "unknown ending '" + *s + "'" +
                      YamlReader::suggestion(*s, context_.endings, "the endings are"),
                  Code::UnknownEnding);
          }
        }
      }
    }
  }

  // ---- scene

  std::optional<Scene> scene(uint32_t root) {
    if (!node(root).is_map()) {
      error(root, "a scene file must be a mapping of keys (scene:, beats:, ...), " + got(root),
            Code::WrongShape);
      return std::nullopt;
    }
    auto f = fields(root, "scene", scene_keys::names);
    Scene s;
    s.file = file_;
    s.at = pos(root);
    if (uint32_t v = f[scene_keys::scene]) {
      if (std::optional<std::string> sid = id(v, "scene", "scene id")) {
        s.id = std::move(*sid);
        s.at = value_pos(v);
      }
    } else if (!f.misspelt("scene")) {
      error(root, "missing 'scene:', the scene's id (for example 'scene: kitchen_morning')",
            Code::MissingKey);
    }
    if (uint32_t v = f[scene_keys::place]) {
      if (std::optional<std::string> p = id(v, "place", "place")) s.place = std::move(*p);
    }
    if (uint32_t v = f[scene_keys::time]) time_of_day(v, s);
    if (uint32_t v = f[scene_keys::day]) {
      std::optional<double> d = number(v, "day", "");
      if (d && (*d < 1 || *d != std::floor(*d) || *d > 1e6)) {
        error(v,
              "'day' must be a whole number from 1 to 1000000, got " +
                  YamlReader::quote(node(v).text),
              Code::OutOfRange);
      } else if (d) {
        s.day = static_cast<int32_t>(*d);
      }
    }
    if (uint32_t v = f[scene_keys::things]) things(v, s);
    if (uint32_t v = f[scene_keys::beats]) {
      beats(v, s);
    } else if (!f.misspelt("beats")) {
      error(root, "missing 'beats:', the list of the scene's beats", Code::MissingKey);
    }
    const PlaceData* place = s.place.empty() ? nullptr : context_.find_place(s.place);
    // Last: its shapes name the things, and it checks that acted-on things have a place.
    uint32_t own_visual = f[scene_keys::visual];
    if (place != nullptr && place->visual != 0) {
      FileReporter place_report(place->path, place->text);
      if (load_place_visual(place->tree, place->visual, place_report, place->file, context_.dir,
                            VisualSource::Place, s)) {
        const YamlNode& n = place->tree.nodes[place->visual];
        s.visual_at = {place->file, n.line, n.column};
      }
      keep_place_diagnostics(place_report, s, f[scene_keys::place]);
      if (own_visual != 0) {
        if (load_place_visual(tree_, own_visual, report_, file_, context_.dir,
                              VisualSource::OverPlace, s)) {
          s.visual_at = pos(own_visual);
        }
      } else {
        warn_unplaced_things(report_, s);
      }
      drop_misspelt_things_warnings(*place, s);
    } else if (own_visual != 0) {
      if (load_visual(tree_, own_visual, report_, file_, context_.dir, s)) {
        s.visual_at = pos(own_visual);
      }
    }
    // After the visual: `at: thing` sounds from where the thing is drawn.
    uint32_t own_ambience = f[scene_keys::ambience];
    if (place != nullptr && place->ambience != 0) {
      FileReporter place_report(place->path, place->text);
      if (load_ambience(place->tree, place->ambience, place_report, place->file, context_.dir,
                        AmbienceSource::Place, s)) {
        const YamlNode& n = place->tree.nodes[place->ambience];
        s.ambience_at = {place->file, n.line, n.column};
      }
      keep_place_diagnostics(place_report, s, f[scene_keys::place]);
      if (own_ambience != 0 && load_ambience(tree_, own_ambience, report_, file_, context_.dir,
                                             AmbienceSource::OverPlace, s)) {
        s.ambience_at = pos(own_ambience);
      }
    } else if (own_ambience != 0 && load_ambience(tree_, own_ambience, report_, file_, context_.dir,
                                                  AmbienceSource::Own, s)) {
      s.ambience_at = pos(own_ambience);
    }
    return s;
  }

  // The place's diagnostics, then (when it found errors) a note at this scene's `place:`: what
  // is wrong in a place's data may be wrong only for some of its scenes (a thing they lack).
  void keep_place_diagnostics(FileReporter& place_report, const Scene& s, uint32_t place_node) {
    if (place_report.diagnostics().empty()) return;
    for (Diagnostic& d : place_report.diagnostics()) place_diagnostics.push_back(std::move(d));
    if (place_report.error_count() == 0) return;
    FileReporter here(report_.path(), report_.text());
    here.note(node(place_node).value_line, node(place_node).value_column,
              "read for scene '" + s.id + "', which is at place '" + s.place + "'");
    for (Diagnostic& d : here.diagnostics()) place_diagnostics.push_back(std::move(d));
  }

  // ---- place files

  // A place file's keys: its id, and where its visual and ambience are (read per scene).
  bool place(uint32_t root, PlaceData& p) {
    if (!node(root).is_map()) {
      error(root,
            "a place file must be a mapping of keys (place:, visual:, ambience:), " + got(root),
            Code::WrongShape);
      return false;
    }
    auto f = fields(root, "place file", place_keys::names);
    if (uint32_t v = f[place_keys::place]) {
      std::optional<std::string> pid = id(v, "place", "place");
      if (!pid) return false;
      p.id = std::move(*pid);
      p.at = value_pos(v);
    } else {
      if (!f.misspelt("place")) {
        error(root,
              "missing 'place:', the place's id, which its scenes name with their own "
              "'place:' (for example 'place: kitchen')",
              Code::MissingKey);
      }
      return false;
    }
    p.visual = f[place_keys::visual];
    if (p.visual != 0) collect_shape_things(p.tree, p.visual, p.file, p.shape_things);
    p.ambience = f[place_keys::ambience];
    if (p.visual == 0 && p.ambience == 0 && f.unknown == 0) {
      report_.warning(node(root).line, node(root).column,
                      "place '" + p.id +
                          "' gives its scenes nothing: add 'visual:' or "
                          "'ambience:'",
                      Code::UnusedPlace);
    }
    return true;
  }

  void time_of_day(uint32_t v, Scene& s) {
    static const std::vector<std::string> names = names_of(kTimeOfDayNames);
    std::optional<std::string> t = text(v, "time");
    if (!t) return;
    if (std::optional<TimeOfDay> time = parse_name(kTimeOfDayNames, *t)) {
      s.time = *time;
      return;
    }
    std::string match = closest_match(*t, names);
    if (!match.empty()) {
      error(v, "unknown time of day '" + *t + "'; did you mean '" + match + "'?",
            Code::UnknownChoice);
    } else {
      error(v, "unknown time of day '" + *t + "'; the times are " + YamlReader::join(names),
            Code::UnknownChoice);
    }
  }

  void things(uint32_t v, Scene& s) {
    if (!expect_map(v, "'things'")) return;
    s.things.reserve(node(v).size / 2);
    for_each_entry(v, [&](uint32_t key, uint32_t value) {
      std::optional<std::string> tid = id(key, "things", "thing id");
      if (!tid) return;
      Thing t;
      t.id = std::move(*tid);
      t.at = pos(key);
      if (node(value).is_map()) {
        auto f = fields(value, "thing", thing_keys::names);
        if (uint32_t n = f[thing_keys::name]) {
          if (std::optional<std::string> name = text(n, "name")) t.name = std::move(*name);
        } else if (!f.misspelt("name")) {
          error(
              value,
              "thing '" + t.id + "' needs a 'name' (how the game speaks of it: 'the " + t.id + "')",
              Code::MissingKey);
        }
        if (uint32_t a = f[thing_keys::area]) load_area(tree_, a, report_, t.area);
      } else if (node(value).is_scalar()) {
        t.name = node(value).text;
      } else {
        error(key, "thing '" + t.id + "' needs a name, as in '" + t.id + ": the " + t.id + "'",
              Code::MissingKey);
      }
      s.things.push_back(std::move(t));
    });
  }

  std::vector<std::string> thing_ids(const Scene& s) const {
    std::vector<std::string> ids;
    for (const Thing& t : s.things) ids.push_back(t.id);
    return ids;
  }

  void beats(uint32_t v, Scene& s) {
    if (!node(v).is_seq()) {
      error(v, "'beats' must be a list of beats (each line starting with '- id:'), " + got(v),
            Code::WrongShape);
      return;
    }
    if (node(v).size == 0) {
      error(v, "scene has no beats; add at least one", Code::MissingKey);
      return;
    }
    s.beats.reserve(node(v).size);
    std::vector<uint32_t> id_nodes;  // where each beat's id was written, for duplicates
    for_each_item(v, [&](uint32_t item) {
      if (!expect_map(item, "a beat")) return;
      auto b = beat(item, s, static_cast<int32_t>(s.beats.size()));
      if (!b.first) return;
      if (b.second != 0) {
        for (size_t k = 0; k < s.beats.size(); ++k) {
          if (s.beats[k].id == b.first->id) {
            error(b.second,
                  "duplicate beat id '" + b.first->id + "' in this scene (the first is on line " +
                      std::to_string(node(id_nodes[k]).line) + ")",
                  Code::DuplicateId);
            note(id_nodes[k], "the first beat '" + b.first->id + "' is here");
            break;
          }
        }
      }
      id_nodes.push_back(b.second);
      s.beats.push_back(std::move(*b.first));
    });
    // `then:` targets, now that every beat of the scene is known.
    std::vector<std::string> beat_names;
    for (const Beat& b : s.beats) beat_names.push_back(b.id);
    for (const PendingThen& p : pending_then) {
      const std::string& name = node(p.node).text;
      auto it = std::find(beat_names.begin(), beat_names.end(), name);
      if (it == beat_names.end()) {
        error(p.node,
              "unknown beat '" + name + "' in this scene" +
                  YamlReader::suggestion(name, beat_names, "the beats are"),
              Code::UnknownBeat);
        continue;
      }
      if (p.beat < 0 || static_cast<size_t>(p.beat) >= s.beats.size()) continue;
      Beat& b = s.beats[static_cast<size_t>(p.beat)];
      Target* t = &b.target;
      if (p.gesture >= 0) {
        if (!b.moment || static_cast<size_t>(p.gesture) >= b.moment->gestures.size()) continue;
        t = &b.moment->gestures[static_cast<size_t>(p.gesture)].target;
      }
      t->set_beat(static_cast<BeatId>(it - beat_names.begin()));
    }
  }

  // The beat, and the node of its id (0 when it had none).
  std::pair<std::optional<Beat>, uint32_t> beat(uint32_t item, const Scene& s, int32_t index) {
    auto f = fields(item, "beat", beat_keys::names);
    Beat b;
    b.at = pos(item);
    uint32_t id_node = 0;
    if (uint32_t v = f[beat_keys::id]) {
      if (std::optional<std::string> bid = id(v, "id", "beat id")) {
        b.id = std::move(*bid);
        id_node = v;
      } else {
        return {std::nullopt, 0};
      }
    } else {
      if (!f.misspelt("id"))
        error(item, "beat needs an 'id' (a word, unique in this scene)", Code::MissingKey);
      return {std::nullopt, 0};
    }
    if (uint32_t v = f[beat_keys::set]) effects(v, *context_.strings, b.effects);
    if (uint32_t v = f[beat_keys::lines]) lines(v, b.lines);
    bool has_target = f[beat_keys::then] || f[beat_keys::go] || f[beat_keys::end];
    if (uint32_t v = f[beat_keys::moment]) {
      if (has_target) {
        uint32_t t = f[beat_keys::then] ? f[beat_keys::then]
                     : f[beat_keys::go] ? f[beat_keys::go]
                                        : f[beat_keys::end];
        error(key_of(t),
              "beat '" + b.id + "' has a moment, so its gestures say where to go; '" +
                  node(key_of(t)).text + "' belongs on a gesture",
              Code::ConflictingKeys);
      }
      b.moment = moment(v, s, index);
    } else if (has_target) {
      target(f[beat_keys::then], f[beat_keys::go], f[beat_keys::end], index, -1, b.target);
    }
    return {std::move(b), id_node};
  }

  std::optional<Moment> moment(uint32_t v, const Scene& s, int32_t beat_index) {
    if (!expect_map(v, "'moment'")) return std::nullopt;
    auto f = fields(v, "moment", moment_keys::names);
    Moment m;
    m.at = pos(v);
    uint32_t g = f[moment_keys::gestures];
    if (g == 0) {
      if (!f.misspelt("gestures")) {
        error(v, "moment needs 'gestures:', the list of what the player can do", Code::MissingKey);
      }
      return m;
    }
    if (!node(g).is_seq()) {
      error(g, "'gestures' must be a list of gestures, " + got(g), Code::WrongShape);
      return m;
    }
    if (node(g).size == 0) {
      error(g, "a moment needs at least one gesture", Code::MissingKey);
      return m;
    }
    m.gestures.reserve(node(g).size);
    std::vector<uint32_t> id_nodes;
    for_each_item(g, [&](uint32_t item) {
      if (!expect_map(item, "a gesture")) return;
      auto [gesture_value, id_node] =
          gesture(item, s, m, beat_index, static_cast<int32_t>(m.gestures.size()));
      if (!gesture_value) return;
      for (size_t k = 0; k < m.gestures.size(); ++k) {
        if (m.gestures[k].id == gesture_value->id) {
          error(id_node,
                "duplicate gesture id '" + gesture_value->id +
                    "' in this moment (the first is on line " +
                    std::to_string(node(id_nodes[k]).line) + ")",
                Code::DuplicateId);
          note(id_nodes[k], "the first gesture '" + gesture_value->id + "' is here");
          break;
        }
      }
      id_nodes.push_back(id_node);
      m.gestures.push_back(std::move(*gesture_value));
    });
    return m;
  }

  std::pair<std::optional<Gesture>, uint32_t> gesture(uint32_t item, const Scene& s, Moment& m,
                                                      int32_t beat_index, int32_t index) {
    namespace gk = gesture_keys;
    auto f = fields(item, "gesture", gk::names);
    Gesture g;
    g.at = pos(item);
    uint32_t id_node = f[gk::id];
    if (id_node == 0) {
      if (!f.misspelt("id"))
        error(item, "gesture needs an 'id' (a word, unique in this moment)", Code::MissingKey);
      return {std::nullopt, 0};
    }
    std::optional<std::string> gid = id(id_node, "id", "gesture id");
    if (!gid) return {std::nullopt, 0};
    g.id = std::move(*gid);

    // Exactly one kind key.
    uint32_t kind_node = 0;
    bool kind_ok = true;
    for (const Name<GestureKind>& row : kGestureKindNames) {
      const GestureKind kind = row.value;
      uint32_t v = f[static_cast<size_t>(std::find(gk::names.begin(), gk::names.end(), row.name) -
                                         gk::names.begin())];
      if (v == 0) continue;
      if (kind_node != 0) {
        // Name them in the order they were written; point at the second.
        uint32_t first = std::min(kind_node, v), second = std::max(kind_node, v);
        error(key_of(second),
              "gesture '" + g.id + "' has two kinds, '" + node(key_of(first)).text + "' and '" +
                  node(key_of(second)).text + "'; a gesture is exactly one",
              Code::ConflictingKeys);
        kind_ok = false;
        break;
      }
      kind_node = v;
      g.kind = kind;
    }
    if (kind_node == 0) {
      bool misspelt = false;
      for (const Name<GestureKind>& row : kGestureKindNames) {
        misspelt = misspelt || f.misspelt(row.name);
      }
      if (!misspelt) {
        error(item,
              "gesture '" + g.id +
                  "' has no kind; give it one of wait, hold, hesitate, look, touch, "
                  "push, pull, turn_away",
              Code::MissingKey);
      }
      kind_ok = false;
    }
    if (kind_ok) {
      switch (g.kind) {
        case GestureKind::Wait:
          if (std::optional<double> d = duration(kind_node, "wait")) {
            g.seconds = *d;
          }
          break;
        case GestureKind::TurnAway: {
          const YamlNode& n = node(kind_node);
          if (!(n.is_scalar() && !n.quoted() && YamlReader::parse_bool(n.text) == true)) {
            error(kind_node,
                  "write 'turn_away: true' (it takes no thing: the player turns away "
                  "from everything offered), " +
                      got(kind_node),
                  Code::NotABoolean);
          }
          break;
        }
        default:
          thing_ref(kind_node, s, g);
          break;
      }
      bool timed = g.kind == GestureKind::Hold || g.kind == GestureKind::Look;
      if (uint32_t v = f[gk::seconds]) {
        if (timed) {
          if (std::optional<double> d = duration(v, "seconds")) g.seconds = *d;
        } else if (g.kind == GestureKind::Wait) {
          error(key_of(v), "a wait's length is its own value ('wait: 8'); it takes no 'seconds'",
                Code::ConflictingKeys);
        } else {
          error(key_of(v),
                std::string("'seconds' belongs to hold and look, not to ") +
                    gesture_kind_name(g.kind),
                Code::ConflictingKeys);
        }
      } else if (timed && !f.misspelt("seconds")) {
        error(item,
              std::string("gesture '") + g.id + "' needs 'seconds': how long the " +
                  gesture_kind_name(g.kind) + " lasts",
              Code::MissingKey);
      }
      drag_distance(f[gk::distance], g);
    }
    if (uint32_t v = f[gk::if_]) g.condition = condition(v, "if", "courage > 2", context_.strings);
    if (uint32_t v = f[gk::set]) effects(v, *context_.strings, g.effects);
    if (uint32_t v = f[gk::lines]) lines(v, g.lines);
    if (uint32_t v = f[gk::stay]) {
      if (std::optional<bool> b = boolean(v, "stay")) g.stay = *b;
    }
    if (uint32_t v = f[gk::hint]) {
      std::optional<std::string> h = text(v, "hint");
      if (h && h->find_first_not_of(" \t") == std::string::npos) {
        error(v, "'hint' is empty; write the words a player is shown, or leave it out",
              Code::EmptyValue);
      } else if (h) {
        if (m.hints.size() >= UINT16_MAX - 1) {
          error(key_of(v), "a moment can have at most 65,534 hints", Code::OutOfRange);
        } else {
          m.hints.push_back(std::move(*h));
          g.hint = static_cast<uint16_t>(m.hints.size());
        }
      }
    }
    uint32_t then_v = f[gk::then], go_v = f[gk::go], end_v = f[gk::end];
    if (g.stay && (then_v || go_v || end_v)) {
      uint32_t t = then_v ? then_v : go_v ? go_v : end_v;
      error(key_of(t),
            "gesture '" + g.id + "' has 'stay: true', so it leads nowhere; '" +
                node(key_of(t)).text + "' cannot be used with it",
            Code::ConflictingKeys);
    } else {
      target(then_v, go_v, end_v, beat_index, index, g.target);
    }
    return {std::move(g), id_node};
  }

  // `distance:` of a push or pull (frame pixels; kDefaultDragDistance when not written), and an
  // error at the key when another kind has one.
  void drag_distance(uint32_t v, Gesture& g) {
    const bool drag = g.kind == GestureKind::Push || g.kind == GestureKind::Pull;
    if (drag) g.distance = kDefaultDragDistance;
    if (v == 0) return;
    if (!drag) {
      error(key_of(v),
            std::string("'distance' belongs to push and pull, not to ") + gesture_kind_name(g.kind),
            Code::ConflictingKeys);
      return;
    }
    std::optional<double> d = positive(v, "distance", "frame pixels");
    if (!d) return;
    if (*d > kFrameHeight) {
      error(v,
            "'distance' must be at most " + std::to_string(static_cast<int>(kFrameHeight)) +
                " frame pixels (the frame's height: a hand cannot move further), got " +
                node(v).text,
            Code::OutOfRange);
      return;
    }
    g.distance = *d;
  }

  void thing_ref(uint32_t v, const Scene& s, Gesture& g) {
    std::optional<std::string> name = id(v, gesture_kind_name(g.kind), "thing");
    if (!name) return;
    ThingId t = s.find_thing(*name);
    if (t != kNone) {
      g.thing = t;
      return;
    }
    if (s.things.empty()) {
      error(v,
            "unknown thing '" + *name +
                "'; this scene has no things: declare them under 'things:' (as in '" + *name +
                ": the " + *name + "')",
            Code::UnknownThing);
    } else {
      error(v,
            "unknown thing '" + *name + "' in this scene" +
                YamlReader::suggestion(*name, thing_ids(s), "its things are"),
            Code::UnknownThing);
    }
  }

 private:
  int8_t file_has_comments_ = 0;  // ` #` anywhere in the file: 1 yes, -1 no, 0 not looked yet
  const StoryContext& context_;
};

// ---------------------------------------------------------------------------------------------
// 3. The manifest

struct Manifest {
  std::string scenes_folder = "scenes";
  SourcePos scenes_at;
  std::string places_folder = "places";
  SourcePos places_at;
  std::string start;
  SourcePos start_at;
  bool has_start = false;
};

void convert_variables(Converter& c, uint32_t v, Story& story) {
  namespace vk = variable_keys;
  if (!c.expect_map(v, "'variables'")) return;
  story.variables.reserve(c.node(v).size / 2);
  c.for_each_entry(v, [&](uint32_t key, uint32_t value) {
    std::optional<std::string> name = c.id(key, "variables", "variable name");
    if (!name) return;
    if (is_reserved_name(*name)) {
      c.error(key,
              "'" + *name +
                  "' already means something in expressions; give the variable "
                  "another name",
              Code::ReservedName);
      return;
    }
    Variable var;
    var.id = std::move(*name);
    var.at = c.pos(key);
    const YamlNode& n = c.node(value);
    // The default value as written: infers the type when no `type:` says it.
    auto infer = [&](uint32_t d, std::optional<Type> declared) -> bool {
      const YamlNode& dn = c.node(d);
      if (dn.is_null()) {
        c.error(d,
                "variable '" + var.id +
                    "' needs a default value: a number (0), true/false, "
                    "or text in quotes",
                Code::MissingKey);
        return false;
      }
      if (!dn.is_scalar()) {
        c.error(d,
                "the default of variable '" + var.id +
                    "' must be a number, true/false or "
                    "text, " +
                    c.got(d),
                Code::NotANumber);
        return false;
      }
      Type type;
      if (declared) {
        type = *declared;
      } else if (dn.quoted()) {
        type = Type::String;
      } else if (YamlReader::parse_number(dn.text)) {
        type = Type::Number;
      } else if (YamlReader::parse_bool(dn.text)) {
        type = Type::Bool;
      } else if (dn.text == "yes" || dn.text == "no" || dn.text == "on" || dn.text == "off") {
        c.error(d,
                "'" + dn.text + "' is ambiguous: write true or false for a bool, or quote it ('" +
                    dn.text + "') for text",
                Code::AmbiguousValue);
        return false;
      } else {
        type = Type::String;
      }
      var.type = type;
      switch (type) {
        case Type::Number:
          if (std::optional<double> x = YamlReader::parse_number(dn.text); x && !dn.quoted()) {
            var.initial = Value(*x);
          } else {
            c.error(d,
                    "the default of number variable '" + var.id + "' must be a number, " + c.got(d),
                    Code::NotANumber);
            return false;
          }
          break;
        case Type::Bool:
          if (std::optional<bool> b = YamlReader::parse_bool(dn.text); b && !dn.quoted()) {
            var.initial = Value(*b);
          } else {
            c.error(
                d,
                "the default of bool variable '" + var.id + "' must be true or false, " + c.got(d),
                Code::NotABoolean);
            return false;
          }
          break;
        case Type::String:
          var.initial = Value(dn.text);
          break;
      }
      return true;
    };
    if (n.is_map()) {
      auto f = c.fields(value, "variable", vk::names);
      std::optional<Type> declared;
      if (uint32_t t = f[vk::type]) {
        std::optional<std::string> s = c.text(t, "type");
        if (!s) return;
        declared = parse_name(kVariableTypeNames, *s);
        if (!declared) {
          std::string match = closest_match(*s, names_of(kVariableTypeNames));
          c.error(t,
                  "unknown type '" + *s + "'" +
                      (match.empty() ? "; a variable is a number, a bool or a string"
                                     : "; did you mean '" + match + "'?"),
                  Code::UnknownChoice);
          return;
        }
      }
      if (uint32_t d = f[vk::default_]) {
        if (!infer(d, declared)) return;
      } else if (declared) {
        var.type = *declared;
        var.initial = *declared == Type::Number ? Value(0.0)
                      : *declared == Type::Bool ? Value(false)
                                                : Value(std::string());
      } else {
        c.error(value, "variable '" + var.id + "' needs a 'type' or a 'default'", Code::MissingKey);
        return;
      }
      if (uint32_t h = f[vk::hidden]) {
        if (std::optional<bool> b = c.boolean(h, "hidden")) var.hidden = *b;
      }
    } else {
      if (!infer(value, std::nullopt)) return;
    }
    story.variables.push_back(std::move(var));
  });
  for (const Variable& var : story.variables) story.symbols.variables.push_back({var.id, var.type});
}

void convert_endings(Converter& c, uint32_t v, Story& story) {
  namespace ek = ending_keys;
  if (!c.expect_map(v, "'endings'")) return;
  c.for_each_entry(v, [&](uint32_t key, uint32_t value) {
    std::optional<std::string> name = c.id(key, "endings", "ending id");
    if (!name) return;
    Ending e;
    e.id = std::move(*name);
    e.at = c.pos(key);
    if (c.node(value).is_map()) {
      auto f = c.fields(value, "ending", ek::names);
      if (uint32_t t = f[ek::title]) {
        if (std::optional<std::string> s = c.text(t, "title")) e.title = std::move(*s);
      } else if (!f.misspelt("title")) {
        c.error(value, "ending '" + e.id + "' needs a 'title'", Code::MissingKey);
      }
      if (uint32_t l = f[ek::epilogue]) c.lines(l, e.epilogue);
      if (uint32_t l = f[ek::reflection]) c.lines(l, e.reflection);
    } else {
      c.error(c.node(value).is_null() ? key : value,
              "ending '" + e.id +
                  "' must be a mapping with a 'title' (and 'epilogue', "
                  "'reflection'), " +
                  c.got(value),
              Code::WrongShape);
    }
    story.endings.push_back(std::move(e));
  });
}

void convert_manifest(Converter& c, uint32_t root, Story& story, Manifest& m,
                      StoryContext& context) {
  namespace sk = story_keys;
  if (!c.node(root).is_map()) {
    c.error(root, "story.yaml must be a mapping of keys (title:, start:, ...), " + c.got(root),
            Code::WrongShape);
    return;
  }
  auto f = c.fields(root, "story.yaml", sk::names);
  if (uint32_t v = f[sk::title]) {
    if (std::optional<std::string> s = c.text(v, "title")) story.title = std::move(*s);
  }
  if (uint32_t v = f[sk::start]) {
    if (std::optional<std::string> s = c.id(v, "start", "scene id")) {
      m.start = std::move(*s);
      m.start_at = c.value_pos(v);
      m.has_start = true;
    }
  } else if (!f.misspelt("start")) {
    c.error(root, "missing 'start:', the scene a new game begins in", Code::MissingKey);
  }
  if (uint32_t v = f[sk::scenes]) {
    if (std::optional<std::string> s = c.text(v, "scenes")) {
      m.scenes_folder = std::move(*s);
      m.scenes_at = c.value_pos(v);
    }
  }
  if (uint32_t v = f[sk::places]) {
    if (std::optional<std::string> s = c.text(v, "places")) {
      m.places_folder = std::move(*s);
      m.places_at = c.value_pos(v);
    }
  }
  if (uint32_t v = f[sk::pacing]) {
    namespace pk = pacing_keys;
    if (c.expect_map(v, "'pacing'")) {
      auto p = c.fields(v, "pacing", pk::names);
      auto non_negative = [&](uint32_t n, const char* key, double& out) {
        if (n == 0) return;
        std::optional<double> d = c.number(n, key, "seconds");
        if (d && *d < 0) {
          c.error(n, std::string("'") + key + "' cannot be negative, got " + c.node(n).text,
                  Code::OutOfRange);
        } else if (d && *d > Converter::kMaxSeconds) {
          c.error(n,
                  std::string("'") + key + "' must be at most 3600 seconds (an hour), got " +
                      YamlReader::quote(c.node(n).text),
                  Code::OutOfRange);
        } else if (d) {
          out = *d;
        }
      };
      non_negative(p[pk::line], "line", story.pacing.line_base);
      non_negative(p[pk::per_word], "per_word", story.pacing.per_word);
      if (uint32_t n = p[pk::pause]) {
        if (std::optional<double> d = c.duration(n, "pause")) {
          story.pacing.default_pause = *d;
        }
      }
    }
  }
  if (uint32_t v = f[sk::variables]) convert_variables(c, v, story);
  if (uint32_t v = f[sk::endings]) convert_endings(c, v, story);
  context.pacing = story.pacing;
  for (const Ending& e : story.endings) context.endings.push_back(e.id);
  context.endings_known = true;
}

// ---------------------------------------------------------------------------------------------
// 4. Loading

// One scene file, read, parsed and converted on a worker.
struct SceneFile {
  std::string path;
  std::string text;  // while it is parsed; afterwards only its line index, in Story::sources
  // The scene itself is built straight into Story::scenes (no second copy of 10,000 scenes
  // while they are merged): this says whether it was.
  bool has_scene = false;
  std::vector<SceneRef> refs;
  std::vector<Diagnostic> diagnostics;
  size_t more_errors = 0;                     // past the FileReporter's cap: counted, not kept
  std::vector<Diagnostic> place_diagnostics;  // in place files, repeated by every scene there
  std::string salvaged_id;  // a failed file's `scene:` id, found by eye, to quiet follow-on errors
};

// When a file cannot be parsed, its scene id is still worth knowing: otherwise every `go:` to it
// becomes a second, misleading error. A top-level `scene: id` line is enough.
std::string salvage_scene_id(std::string_view text) {
  size_t i = 0;
  while (i < text.size()) {
    size_t end = text.find('\n', i);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(i, end - i);
    if (line.starts_with("scene:")) {
      line.remove_prefix(6);
      while (!line.empty() && (line.front() == ' ' || line.front() == '\'' || line.front() == '"'))
        line.remove_prefix(1);
      size_t n = 0;
      while (n < line.size() && YamlReader::is_identifier(line.substr(0, n + 1))) ++n;
      return std::string(line.substr(0, n));
    }
    i = end + 1;
  }
  return {};
}

void load_scene_file(SceneFile& sf, Scene& scene, int32_t file, const LoadOptions& options,
                     const StoryContext& context) {
  if (!read_file(sf.path, options.max_file_bytes, sf.text, sf.diagnostics)) {
    // A file refused for its size still names its scene near the top. Only a regular file is
    // opened for that: a FIFO would block here as it would have in read_file().
    std::error_code ec;
    if (!fs::is_regular_file(sf.path, ec)) return;
    sf.text.resize(64 * 1024);
    std::FILE* f = std::fopen(sf.path.c_str(), "rb");
    size_t got = f != nullptr ? std::fread(sf.text.data(), 1, sf.text.size(), f) : 0;
    if (f != nullptr) std::fclose(f);
    sf.text.resize(got);
    sf.salvaged_id = salvage_scene_id(sf.text);
    sf.text.clear();
    sf.text.shrink_to_fit();
    return;
  }
  FileReporter report(sf.path, sf.text);
  bool parsed = false;
  if (check_file_bytes(sf.text, report)) {
    YamlTree tree;
    if (parse_yaml(sf.text, options.max_depth, report, tree)) {
      parsed = true;
      Converter c(tree, report, file, context);
      if (std::optional<Scene> s = c.scene(0)) {
        scene = std::move(*s);
        sf.has_scene = true;
      }
      sf.refs = std::move(c.scene_refs);
      sf.place_diagnostics = std::move(c.place_diagnostics);
    }
  }
  if (!parsed) sf.salvaged_id = salvage_scene_id(sf.text);
  sf.diagnostics = std::move(report.diagnostics());
  sf.more_errors = report.more_errors();
}

// Runs f(i) for i in [0, n) on up to `threads` threads (the calling one included).
template <typename F>
void parallel_for(size_t n, unsigned threads, F&& f) {
  unsigned count = threads == 0 ? std::max(1u, std::thread::hardware_concurrency()) : threads;
  count = static_cast<unsigned>(std::min<size_t>(count, n));
  if (count <= 1) {
    for (size_t i = 0; i < n; ++i) f(i);
    return;
  }
  std::atomic<size_t> next{0};
  auto work = [&] {
    for (size_t i = next++; i < n; i = next++) f(i);
  };
  std::vector<std::thread> pool;
  pool.reserve(count - 1);
  for (unsigned t = 1; t < count; ++t) pool.emplace_back(work);
  work();
  for (std::thread& t : pool) t.join();
}

// Second pass over one list of lines: texts and conditions compiled, default lingers computed.
// `scene`: the scene the lines are in (-1 for an ending's), for chose(gesture).
void compile_lines(std::vector<Line>& lines, const Story& story, Diagnostics& diags,
                   SceneId scene = kNone) {
  for (Line& l : lines) {
    if (l.text && l.text->plain.find_first_of("{}") == std::string_view::npos) {
      // Nothing to interpolate or unescape: compiling would give back the same text.
      if (l.linger <= 0) l.linger = story.pacing.linger(l.text->word_count());  // not authored
    } else if (l.text) {
      std::optional<Text> t = compile_text(l.text->plain, story.symbols, l.at, story.sources,
                                           diags, story.strings.get(), scene);
      if (t) {
        if (l.linger <= 0) l.linger = story.pacing.linger(t->word_count());
        l.text = std::move(*t);
      }
    }
    if (l.condition) {
      l.condition = compile_expression(l.condition->source(), story.symbols, Type::Bool,
                                       l.condition->at, story.sources, diags,
                                       story.strings.get(), scene);
    }
  }
}

void compile_effects(std::vector<Effect>& effects, const Story& story, Diagnostics& diags,
                     SceneId scene) {
  for (Effect& e : effects) {
    if (std::optional<Effect> c =
            compile_effect(e.value.source(), story.symbols, e.at, story.sources, diags,
                           story.strings.get(), scene)) {
      e = std::move(*c);
    }
  }
}

void compile_scene(Scene& scene, SceneId id, const Story& story, Diagnostics& diags) {
  compile_ambience(scene, story, diags);  // `when:` of sound layers and cues
  compile_visual(scene, story, diags);    // `when:` of layers, motion and lights
  for (Beat& b : scene.beats) {
    compile_effects(b.effects, story, diags, id);
    compile_lines(b.lines, story, diags, id);
    if (!b.moment) continue;
    for (Gesture& g : b.moment->gestures) {
      if (g.condition) {
        g.condition = compile_expression(g.condition->source(), story.symbols, Type::Bool,
                                         g.condition->at, story.sources, diags,
                                         story.strings.get(), id);
      }
      compile_effects(g.effects, story, diags, id);
      compile_lines(g.lines, story, diags, id);
    }
  }
}

// Lists the *.yaml files of `folder` (names, sorted) into `names`, warning about *.yml ones.
// Returns "" when the folder was listed, else why not ("not found", "it is a file, not a
// folder", the system's reason).
std::string list_yaml_files(const std::string& folder, const char* kind,
                            std::vector<std::string>& names, Diagnostics& diags) {
  std::error_code ec;
  fs::file_status status = fs::status(folder, ec);
  if (!fs::exists(status)) return "not found";
  if (!fs::is_directory(status)) return "it is a file, not a folder";
  fs::directory_iterator it(folder, ec);
  if (ec) return ec.message();
  for (; it != fs::directory_iterator(); it.increment(ec)) {
    std::string name = it->path().filename().string();
    if (name.starts_with(".")) continue;  // editor backups and lock files
    if (name.ends_with(".yaml")) {
      names.push_back(std::move(name));
    } else if (name.ends_with(".yml")) {
      Diagnostic d;
      d.file = join_path(folder, name);
      d.severity = Severity::Warning;
      d.message = std::string("ignored: ") + kind + " files end in '.yaml', not '.yml'";
      diags.add(std::move(d));
    }
  }
  if (ec) return ec.message();
  std::sort(names.begin(), names.end());
  return "";
}

// The place files, in name order, on this thread (a story has a handful): parsed and kept in
// `context` for the scenes' workers, each file given its Sources index.
void load_places(const std::string& dir, const Manifest& manifest, const LoadOptions& options,
                 Story& story, StoryContext& context, Diagnostics& diags) {
  const std::string places_dir = join_path(dir, manifest.places_folder);
  std::vector<std::string> names;
  std::string unlisted = list_yaml_files(places_dir, "place", names, diags);
  if (unlisted == "not found") {
    // No folder is no places, unless story.yaml named one.
    if (manifest.places_at.line > 0) {
      diags.error(story.sources, manifest.places_at,
                  "place folder '" + manifest.places_folder + "/' not found",
                  Code::FolderUnreadable);
    }
    return;
  }
  if (!unlisted.empty()) {
    std::string message =
        "place folder '" + manifest.places_folder + "/' cannot be read: " + unlisted;
    if (manifest.places_at.line > 0) {
      diags.error(story.sources, manifest.places_at, message, Code::FolderUnreadable);
    } else {
      diags.file_error(join_path(dir, "story.yaml"), message, Code::FolderUnreadable);
    }
    return;
  }
  for (const std::string& name : names) {
    PlaceData p;
    p.path = join_path(places_dir, name);
    std::vector<Diagnostic> file_diags;
    bool ok = false;
    if (read_file(p.path, options.max_file_bytes, p.text, file_diags)) {
      p.file = story.sources.add_file(p.path, p.text);
      FileReporter report(p.path, p.text);
      if (check_file_bytes(p.text, report) &&
          parse_yaml(p.text, options.max_depth, report, p.tree)) {
        Converter c(p.tree, report, p.file, context);
        ok = c.place(0, p);
      }
      file_diags = std::move(report.diagnostics());
      diags.count_more_errors(report.more_errors());
    }
    for (Diagnostic& d : file_diags) diags.add(std::move(d));
    if (!ok) continue;
    if (const PlaceData* first = context.find_place(p.id)) {
      diags.error(story.sources, p.at,
                  "duplicate place '" + p.id + "' (the first is in " + first->path + ")",
                  Code::DuplicateId);
      diags.add(story.sources, first->at, Severity::Note, "the first place '" + p.id + "' is here");
      continue;
    }
    context.places.push_back(std::move(p));
  }
}

std::string unknown_scene_message(const std::string& name, const std::vector<std::string>& ids) {
  return "unknown scene '" + name + "'" + YamlReader::suggestion(name, ids, "the scenes are");
}

}  // namespace

namespace {

// A scene whose `scene:` id no reference names, while two or more references name an id no
// scene has that is close to it, is one misspelt id: reported once, at the `scene:` (with the first
// reference), and then read as the id the references use, so neither they nor visits() cascade.
void recover_misspelt_scene_ids(Story& story, const std::vector<std::vector<SceneRef>>& refs,
                                const Manifest& manifest,
                                std::unordered_map<std::string, SceneId>& scene_ids,
                                Diagnostics& diags) {
  // Most stories name no unknown scene: then nothing is built (loading peaks about here).
  bool any_unknown = manifest.has_start && scene_ids.count(manifest.start) == 0;
  for (const std::vector<SceneRef>& in_scene : refs) {
    for (const SceneRef& r : in_scene) any_unknown = any_unknown || scene_ids.count(r.name) == 0;
  }
  if (!any_unknown) return;
  struct Named {
    size_t count = 0;
    SourcePos first;
  };
  std::unordered_map<std::string, Named> named;  // every name a go: or the start gives
  std::vector<std::string> unknown;              // those no scene has, in first-seen order
  auto add = [&](const std::string& name, SourcePos at) {
    Named& n = named[name];
    if (n.count++ == 0) {
      n.first = at;
      if (scene_ids.count(name) == 0) unknown.push_back(name);
    }
  };
  if (manifest.has_start) add(manifest.start, manifest.start_at);
  for (const std::vector<SceneRef>& in_scene : refs) {
    for (const SceneRef& r : in_scene) add(r.name, r.at);
  }
  if (unknown.empty()) return;
  std::vector<std::string> unnamed;  // scenes nothing names
  for (const Scene& sc : story.scenes) {
    if (!sc.id.empty() && named.count(sc.id) == 0) unnamed.push_back(sc.id);
  }
  for (const std::string& name : unknown) {
    // One reference against one id could be either's mistake: it is reported at the reference.
    if (named[name].count < 2) continue;
    std::string match = closest_match(name, unnamed);
    if (match.empty()) continue;
    unnamed.erase(std::find(unnamed.begin(), unnamed.end(), match));
    auto it = scene_ids.find(match);
    const SceneId id = it->second;
    scene_ids.erase(it);
    scene_ids.emplace(name, id);
    Scene& scene = story.scenes[static_cast<size_t>(id)];
    const Named& n = named[name];
    diags.error(story.sources, scene.at,
                "no go: or start: names scene '" + match + "', but " + std::to_string(n.count) +
                    " name '" + name + "'; did you mean 'scene: " + name + "'?",
                Code::UnknownScene);
    diags.add(story.sources, n.first, Severity::Note,
              "the first reference to '" + name + "' is here");
    scene.id = name;
  }
}

}  // namespace

LoadResult load_story(const std::string& dir, const LoadOptions& options) {
  LoadResult result;
  Diagnostics& diags = result.diagnostics;
  Story story;
  story.dir = dir;
  story.at = {0, 1, 1};
  story.strings = std::make_shared<StringPool>();
  StoryContext context;
  context.pacing = story.pacing;
  context.strings = story.strings.get();
  context.dir = dir;

  // story.yaml, on this thread: the scenes need its pacing, variables and endings.
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    diags.file_error(dir,
                     fs::exists(dir, ec) ? "not a folder; give the story's folder (the one "
                                           "holding story.yaml)"
                                         : "story folder not found",
                     Code::FolderUnreadable);
    return result;
  }
  const std::string manifest_path = join_path(dir, "story.yaml");
  Manifest manifest;
  {
    std::string text;
    std::vector<Diagnostic> file_diags;
    if (!fs::exists(manifest_path, ec)) {
      diags.file_error(manifest_path,
                       "file not found: every story folder needs a story.yaml "
                       "(title, start scene, variables, endings)",
                       Code::FileUnreadable);
      return result;
    }
    if (read_file(manifest_path, options.max_file_bytes, text, file_diags)) {
      FileReporter report(manifest_path, text);
      if (check_file_bytes(text, report)) {
        YamlTree tree;
        if (parse_yaml(text, options.max_depth, report, tree)) {
          Converter c(tree, report, 0, context);
          convert_manifest(c, 0, story, manifest, context);
        }
      }
      file_diags = std::move(report.diagnostics());
      diags.count_more_errors(report.more_errors());
    } else {
      text.clear();
    }
    for (Diagnostic& d : file_diags) diags.add(std::move(d));
    story.sources.add_file(manifest_path, text);
  }

  load_places(dir, manifest, options, story, context, diags);

  // The scene files, in name order.
  const std::string scenes_dir = join_path(dir, manifest.scenes_folder);
  std::vector<SceneFile> files;
  std::string unlisted;  // why the folder could not be listed, if it could not
  {
    std::vector<std::string> names;
    unlisted = list_yaml_files(scenes_dir, "scene", names, diags);
    files.resize(names.size());
    for (size_t i = 0; i < names.size(); ++i) files[i].path = join_path(scenes_dir, names[i]);
  }
  // Without the scene files nothing that names a scene can be checked: it waits for them.
  const bool scenes_listed = unlisted.empty() && !files.empty();
  if (files.empty()) {
    std::string where = "'" + manifest.scenes_folder + "/'";
    std::string message =
        unlisted.empty() ? "no scene files (*.yaml) in " + where + "; a story needs at least one"
        : unlisted == "not found"
            ? "scene folder " + where + " not found; a story needs at least one scene file in it"
            : "scene folder " + where + " cannot be read: " + unlisted;
    if (manifest.scenes_at.line > 0) {
      diags.error(story.sources, manifest.scenes_at, message, Code::FolderUnreadable);
    } else {
      diags.file_error(manifest_path, message, Code::FolderUnreadable);
    }
  }

  // Parse and convert every file in parallel; each worker drops its tree as soon as the scene is
  // built. File index i + 1 in Sources (story.yaml is 0), so positions are final from the start.
  // Scene i of file i; the merge below closes the gaps of files that made no scene.
  story.scenes.resize(files.size());
  // indexed in place by the workers, after story.yaml and the place files
  const int32_t first_scene_file = story.sources.add_slots(files.size());
  parallel_for(files.size(), options.threads, [&](size_t i) {
    SceneFile& sf = files[i];
    const auto file = static_cast<int32_t>(static_cast<size_t>(first_scene_file) + i);
    load_scene_file(sf, story.scenes[i], file, options, context);
    // The path is not needed twice.
    story.sources.set_file(file, std::move(sf.path), sf.text);
    std::string().swap(sf.text);
  });
  // Every line's text is in the pool; what the second pass interns is rare (texts with braces).
  // Its index goes before the merge below builds its tables: loading peaks there.
  story.strings->forget_index();

  // Merge in file order: deterministic whatever the threads did.
  std::vector<std::vector<SceneRef>> refs;
  std::unordered_map<std::string, SceneId> scene_ids;
  std::vector<std::string> salvaged;
  // When a scene file could not be read at all, its id is unknown: references to scenes that
  // do not exist may well be to it, so they wait until the file is fixed (no cascades).
  bool scene_ids_incomplete = files.empty();
  size_t kept = 0;  // scenes merged so far: story.scenes[0, kept)
  // A place's data is read by every scene at the place: each of its diagnostics is kept once.
  std::set<std::tuple<std::string, int32_t, int32_t, std::string>> place_diags_seen;
  for (size_t i = 0; i < files.size(); ++i) {
    SceneFile& sf = files[i];
    for (Diagnostic& d : sf.diagnostics) diags.add(std::move(d));
    diags.count_more_errors(sf.more_errors);
    // A note (which scene it was read for) is kept when what it follows was.
    bool kept_last = false;
    for (Diagnostic& d : sf.place_diagnostics) {
      if (d.severity == Severity::Note) {
        if (kept_last) diags.add(std::move(d));
        continue;
      }
      kept_last = place_diags_seen.emplace(d.file, d.line, d.column, d.message).second;
      if (kept_last) diags.add(std::move(d));
    }
    if (!sf.has_scene) {
      if (sf.salvaged_id.empty()) {
        scene_ids_incomplete = true;
      } else {
        salvaged.push_back(std::move(sf.salvaged_id));
      }
      continue;
    }
    if (kept != i) story.scenes[kept] = std::move(story.scenes[i]);
    Scene& scene = story.scenes[kept];
    if (!scene.id.empty()) {
      auto [it, inserted] = scene_ids.emplace(scene.id, static_cast<SceneId>(kept));
      if (!inserted) {
        const Scene& first = story.scenes[static_cast<size_t>(it->second)];
        diags.error(story.sources, scene.at,
                    "duplicate scene id '" + scene.id + "' (the first is in " +
                        story.sources.path(first.file) + ")",
                    Code::DuplicateId);
        diags.add(story.sources, first.at, Severity::Note,
                  "the first scene '" + scene.id + "' is here");
      }
    }
    ++kept;
    refs.push_back(std::move(sf.refs));
    sf = SceneFile{};
  }
  // A place file no scene names is most likely a scene's misspelt `place:`. (Not said while a
  // scene file could not be read: its scene may be the one.)
  if (kept == files.size() && scenes_listed) {
    for (const PlaceData& p : context.places) {
      bool used = std::any_of(story.scenes.begin(),
                              story.scenes.begin() + static_cast<std::ptrdiff_t>(kept),
                              [&](const Scene& sc) { return sc.place == p.id; });
      if (!used) {
        diags.warning(story.sources, p.at,
                      "place '" + p.id + "' is used by no scene (none says 'place: " + p.id + "')",
                      Code::UnusedPlace);
      }
    }
  }
  // A thing a place's shape names that no scene at the place declares, close to one they do,
  // is a misspelling (one error per place, at the first).
  for (const PlaceData& p : context.places) {
    if (p.shape_things.empty() || kept != files.size() || !scenes_listed) continue;
    std::vector<std::string> declared;
    for (size_t si = 0; si < kept; ++si) {
      if (story.scenes[si].place != p.id) continue;
      for (const Thing& t : story.scenes[si].things) {
        if (std::find(declared.begin(), declared.end(), t.id) == declared.end()) {
          declared.push_back(t.id);
        }
      }
    }
    if (declared.empty()) continue;
    for (const auto& [name, at] : p.shape_things) {
      if (std::find(declared.begin(), declared.end(), name) != declared.end()) continue;
      if (closest_match(name, declared).empty()) continue;  // a shape kept for another story
      diags.error(story.sources, at,
                  "unknown thing '" + name + "': no scene at place '" + p.id + "' has it" +
                      YamlReader::suggestion(name, declared, "their things are"),
                  Code::UnknownThing);
      break;
    }
  }
  // Where the places' data was written: its `when:`s are compiled once per scene at the place,
  // and each of their errors is reported once.
  std::set<std::string> place_paths;
  for (const PlaceData& p : context.places) place_paths.insert(p.path);
  context.places.clear();  // the trees and texts are not needed any more
  files.clear();
  files.shrink_to_fit();
  if (kept < story.scenes.size()) {
    story.scenes.resize(kept);
    story.scenes.shrink_to_fit();
  }

  if (!scene_ids_incomplete) {
    recover_misspelt_scene_ids(story, refs, manifest, scene_ids, diags);
  }

  // Second pass: what crosses files.
  for (const Scene& s : story.scenes) story.symbols.scenes.push_back(s.id);
  std::vector<std::string> real_ids = story.symbols.scenes;
  // Salvaged ids of unparsable files keep references to them quiet; the story has errors anyway.
  for (std::string& id : salvaged) story.symbols.scenes.push_back(std::move(id));
  story.symbols.index_scenes();
  // Each scene's gesture ids, for chose(); salvaged scenes have none.
  story.symbols.gestures.assign(story.symbols.scenes.size(), {});
  for (size_t si = 0; si < story.scenes.size(); ++si) {
    std::vector<std::string>& ids = story.symbols.gestures[si];
    for (const Beat& b : story.scenes[si].beats) {
      if (!b.moment) continue;
      for (const Gesture& g : b.moment->gestures) {
        if (std::find(ids.begin(), ids.end(), g.id) == ids.end()) ids.push_back(g.id);
      }
    }
  }
  story.symbols.index_gestures();

  if (manifest.has_start) {
    story.start = story.symbols.find_scene(manifest.start);
    if (story.start < 0 && !scene_ids_incomplete) {
      diags.error(story.sources, manifest.start_at,
                  "unknown start scene '" + manifest.start + "'" +
                      YamlReader::suggestion(manifest.start, real_ids, "the scenes are"),
                  Code::UnknownScene);
    } else if (static_cast<size_t>(story.start) >= story.scenes.size()) {
      story.start = kNone;
    }
  }
  for (size_t si = 0; si < story.scenes.size(); ++si) {
    Scene& scene = story.scenes[si];
    for (const SceneRef& r : refs[si]) {
      SceneId target = story.symbols.find_scene(r.name);
      if (target < 0) {
        if (!scene_ids_incomplete) {
          const bool is_beat = std::any_of(scene.beats.begin(), scene.beats.end(),
                                           [&](const Beat& b) { return b.id == r.name; });
          diags.error(story.sources, r.at,
                      is_beat ? "unknown scene '" + r.name + "'; '" + r.name +
                                    "' is a beat of this scene: 'go:' goes to a scene, "
                                    "'then:' to a beat; write 'then: " +
                                    r.name + "'"
                              : unknown_scene_message(r.name, real_ids),
                      Code::UnknownScene);
        }
        continue;
      }
      if (r.beat < 0 || static_cast<size_t>(r.beat) >= scene.beats.size()) continue;
      Beat& b = scene.beats[static_cast<size_t>(r.beat)];
      Target* t = &b.target;
      if (r.gesture >= 0) {
        if (!b.moment || static_cast<size_t>(r.gesture) >= b.moment->gestures.size()) continue;
        t = &b.moment->gestures[static_cast<size_t>(r.gesture)].target;
      }
      t->set_scene(target);
    }
  }
  refs.clear();

  // Expressions, texts and effects, against the complete symbol table. Scenes in parallel; each
  // worker collects its own diagnostics, merged in scene order.
  if (context.endings_known && scenes_listed) {
    for (Ending& e : story.endings) {
      compile_lines(e.epilogue, story, diags);
      compile_lines(e.reflection, story, diags);
    }
    unsigned workers =
        options.threads == 0 ? std::max(1u, std::thread::hardware_concurrency()) : options.threads;
    size_t chunks = std::min<size_t>(story.scenes.size(), static_cast<size_t>(workers) * 4);
    std::vector<Diagnostics> chunk_diags(chunks);
    parallel_for(chunks, workers, [&](size_t c) {
      size_t begin = story.scenes.size() * c / chunks;
      size_t end = story.scenes.size() * (c + 1) / chunks;
      for (size_t i = begin; i < end; ++i) {
        compile_scene(story.scenes[i], static_cast<SceneId>(i), story, chunk_diags[c]);
      }
    });
    for (Diagnostics& d : chunk_diags) {
      diags.count_more_errors(d.more_errors());
      diags.count_more_warnings(d.more_warnings());
      for (const Diagnostic& item : d.items()) {
        if (place_paths.count(item.file) != 0 &&
            !place_diags_seen.emplace(item.file, item.line, item.column, item.message).second) {
          continue;
        }
        diags.add(item);
      }
    }
  }

  story.strings->forget_uncompiled();
  story.chose_keys = chose_keys_read(story);
  diags.sort();
  if (!diags.has_errors()) result.story = std::move(story);
  return result;
}

}  // namespace threshold::story
