// YamlReader: the one way the loader's converters (scene, place, visual, ambience, manifest)
// read the YAML tree of one file. Typed reads (text, id, number in a range, duration, fraction,
// boolean, a choice from a name table, colour, coordinates, story file, condition, expression
// text, effects) and the fields of a mapping with did-you-mean that recovers from a misspelt
// key, each mistake reported at its node in one wording; converters hold only the format. Used
// only inside engine/story/load/.
#pragma once

#include <algorithm>
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "threshold/story/expression.h"
#include "threshold/story/model.h"
#include "threshold/story/names.h"
#include "threshold/story/story_path.h"
#include "tree.h"

namespace threshold::story {

// A context's keys, in the order its fields are read.
template <size_t N>
using KeyTable = std::array<std::string_view, N>;

// The value node of each known key of a mapping (0 when absent: index 0 is the root, never a
// value), and the keys that unknown ones were probably meant to be: a missing key that was only
// misspelt is not reported twice. A close misspelling of a key that is absent is read as that
// key (its value is in `values`), so that what depends on it does not cascade.
template <size_t N>
struct Fields {
  std::array<uint32_t, N> values{};
  std::vector<std::string> suggested;
  size_t unknown = 0;
  uint32_t operator[](size_t i) const { return values[i]; }
  bool misspelt(std::string_view key) const {
    for (const std::string& s : suggested) {
      if (s == key) return true;
    }
    return false;
  }
};

// A key of a scene's block that adds to its place's same block (a visual's `add:` and
// `add_motion:`, an ambience's `add:`), for YamlReader::adds_over_place.
struct Addition {
  std::string_view key;      // "add", "add_motion"
  std::string_view block;    // "visual", "ambience"
  std::string_view adds;     // what it adds: "layers", "motion"
  std::string_view instead;  // the key that gives them where there is nothing to add to: "tone"
};

// A number's limits and what it counts, for range-checked reads: "'freq' must be from 20 to
// 1000 Hz (mains hum is 50 or 60), got 5".
struct Range {
  double lo = 0;
  double hi = 0;
  std::string_view unit;  // "seconds", "dB", "Hz"; may be empty
  std::string_view note;  // said in brackets after the range; may be empty
};

// A kind of file a story names (an image, a sound): the extensions it may have and the check of
// its header (media_header.h), for YamlReader::story_file.
struct FileKind {
  std::string_view what;                     // "image", "sound": starts the messages
  std::vector<std::string_view> extensions;  // lower case, with the dot
  std::string_view wrong_extension;          // "is not a kind of file the game can draw; use ..."
  std::string (*check_header)(const std::string& path);  // "" when the file is fine
};

class YamlReader {
 public:
  YamlReader(const YamlTree& tree, FileReporter& report, int32_t file)
      : tree_(tree), report_(report), file_(file) {}

  // ---- the tree
  const YamlNode& node(uint32_t i) const { return tree_.nodes[i]; }
  SourcePos pos(uint32_t i) const { return {file_, node(i).line, node(i).column}; }
  // Where the value's first character stands, with how it was written (text_position.h maps a
  // character inside it back to its line and column).
  SourcePos value_pos(uint32_t i) const {
    return {file_, node(i).value_line, node(i).value_column, node(i).text_style()};
  }
  // The key node of a value found by fields() (keys are leaves, so it is just before).
  static uint32_t key_of(uint32_t value) { return value - 1; }
  int32_t file() const { return file_; }
  FileReporter& report() { return report_; }

  // Calls f(key, value) for each entry of a mapping, f(item) for each item of a list.
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
  uint32_t item_at(uint32_t seq, size_t index) const;

  // ---- messages at a node
  // `code`: the kind of mistake (codes.h), printed as error[T0102].
  void error(uint32_t i, std::string message, Code code = Code::None);
  void warning(uint32_t i, std::string message, Code code = Code::None);
  void note(uint32_t i, std::string message);
  // ", got 'x'", ", got a list", ", but it is empty": what a value was, after what it must be.
  std::string got(uint32_t i) const;

  // ---- mappings
  // The value of each known key. An unknown key is reported with the key it was probably meant
  // to be (remembered: Fields::misspelt), or else what `unknown` says of it (nullopt: nothing
  // better), or else the list of keys a `what` has.
  template <size_t N, typename Unknown>
  Fields<N> fields(uint32_t map, const char* what, const KeyTable<N>& keys, Unknown&& unknown);
  template <size_t N>
  Fields<N> fields(uint32_t map, const char* what, const KeyTable<N>& keys) {
    return fields(map, what, keys, [](const std::string&) { return std::optional<std::string>(); });
  }
  // "`what` must be a mapping of keys (`example`), got ..." unless it is one (no brackets when
  // `example` is empty).
  bool expect_map(uint32_t i, std::string_view what, std::string_view example = {});
  // Whether the addition at `value` has something to add to: it does in a scene's block over
  // its place's (`over_place`). Else it is reported at its key, in one wording for the visual's
  // and the ambience's: in a place file (`in_place_file`) it belongs in a scene's block; in a
  // scene whose place (`place`, its `place:`, maybe empty) gives no such block it has nothing
  // to add to.
  bool adds_over_place(uint32_t value, const Addition& addition, bool in_place_file,
                       bool over_place, const std::string& place);

  // ---- typed reads: each reports what it rejects and gives nullopt
  // `unit` completes "'seconds' must be a number of ..." (empty: "must be a number").
  std::optional<double> number(uint32_t i, std::string_view key, std::string_view unit = {});
  // From range.lo to range.hi, both included.
  std::optional<double> number_in(uint32_t i, std::string_view key, const Range& range);
  // More than 0: "'every' must be more than 0 seconds, got 0".
  std::optional<double> positive(uint32_t i, std::string_view key, std::string_view unit);
  // From 0 to 1; `meaning` says what 0 and 1 are ("0: none, 1: full").
  std::optional<float> fraction(uint32_t i, std::string_view key, std::string_view meaning);
  std::optional<bool> boolean(uint32_t i, std::string_view key);
  std::optional<std::string> text(uint32_t i, std::string_view key);
  // A word used as an id or a reference; `what` names it in the error ("scene id").
  std::optional<std::string> id(uint32_t i, std::string_view key, std::string_view what);
  // A length of time a writer gives (a wait, a hold, a line's linger, a pause): more than 0 and
  // at most kMaxSeconds. An hour is far past any scene's pacing, and keeps every sum of them
  // (the summary's minutes, the runtime's clock) finite and exact.
  static constexpr double kMaxSeconds = 3600;
  std::optional<double> duration(uint32_t i, std::string_view key);
  // An effect's source text (`set:`), compiled once every file is read.
  std::optional<std::string> expression_text(uint32_t i, std::string_view key);
  // A condition (`if:`, `when:`) as a placeholder Expr holding its text, compiled in the link
  // stage once every variable is declared. `example` is one the writer might mean, shown when
  // the value is empty or not text ("'when' must be a condition, as 'when: day >= 3'"). With
  // `strings`, one shared copy of each distinct text is kept there.
  Condition condition(uint32_t i, std::string_view key, std::string_view example,
                      StringPool* strings = nullptr);
  // `set:`: one effect or a list of them, as placeholders appended to `out`.
  void effects(uint32_t i, StringPool& strings, std::vector<Effect>& out);
  // One name of `table`, with did-you-mean: "unknown synth 'humm'; did you mean 'hum'?".
  template <typename E, size_t N>
  std::optional<E> choice(uint32_t i, std::string_view key, std::string_view kind,
                          const NameTable<E, N>& table);
  // "#rrggbb" or "#rrggbbaa"; an unquoted one (a YAML comment) is explained with its quotes.
  std::optional<Color> colour(uint32_t i, std::string_view key);
  // A list of exactly `count` numbers, each within `kMaxCoordinate` of the frame, appended to
  // `out`. `what` names it ("a rect", "'from'"), `names` says what each is ("x, y").
  static constexpr double kMaxCoordinate = 10000;  // the frame is 1280×720: beyond is a typo
  template <typename Floats>                       // std::vector<float> or a shape's SmallFloats
  bool coordinates(uint32_t i, std::string_view what, size_t count, std::string_view names,
                   Floats& out);
  // A file inside the story folder (or the game's assets), of a kind `kind` allows, whose
  // header reads: where it is (story_path.h), the path the renderer or the audio engine opens.
  std::optional<std::string> story_file(uint32_t i, std::string_view key, const StoryRoots& roots,
                                        const FileKind& kind);

  // ---- text for messages
  static std::string quote(std::string_view text);  // 'text', cut at 40 characters
  static std::string join(const std::vector<std::string>& names,
                          std::string_view last_separator = ", ");
  static std::string number_text(double v);  // "20", "0.5", "-3"
  // "; did you mean 'cup'?", or else "; <list_intro>: a, b, c" when there are a few (at most
  // 12) to list, or else "".
  static std::string suggestion(std::string_view word, const std::vector<std::string>& candidates,
                                std::string_view list_intro);
  static std::optional<double> parse_number(const std::string& s);
  static std::optional<bool> parse_bool(std::string_view s);  // true/True/TRUE, false/...
  static bool is_identifier(std::string_view s);  // letters, digits, '_'; no leading digit

 protected:
  // The one wording of an empty value (reported at its key, where load/tree.cpp puts it):
  // "'key' is empty; <write>" ("'seconds' is empty; write a number of seconds").
  static std::string empty(std::string_view key, std::string_view write);
  // A scalar's text; else empty(key, if_empty) or "'key' must be <must_be>, got
  // ...<if_other>".
  std::optional<std::string> scalar_text(uint32_t i, std::string_view key, std::string_view must_be,
                                         std::string_view if_empty, std::string_view if_other);
  std::optional<float> coordinate(uint32_t i, std::string_view what, std::string_view names);
  std::string unknown_key(const std::string& key, const char* what,
                          const std::vector<std::string>& keys, std::string& match);
  std::string unknown_name(const std::string& name, std::string_view kind,
                           const std::vector<std::string>& names);

  const YamlTree& tree_;
  FileReporter& report_;
  int32_t file_;
};

// Keeps a typed read's value in `out` (converted, as a double read into a float field); false
// when the read gave none, having reported why: `ok = store(r.fraction(...), s.glow) && ok;`.
template <typename T, typename U>
bool store(const std::optional<T>& value, U& out) {
  if (!value) return false;
  out = static_cast<U>(*value);
  return true;
}

// ---- templates

template <size_t N, typename Unknown>
Fields<N> YamlReader::fields(uint32_t map, const char* what, const KeyTable<N>& keys,
                             Unknown&& unknown) {
  Fields<N> out;
  std::vector<std::pair<uint32_t, size_t>> recover;  // (misspelt key node, the key it is)
  for_each_entry(map, [&](uint32_t key, uint32_t value) {
    const YamlNode& k = node(key);
    if (!k.is_scalar()) {
      error(key, std::string("empty key in ") + what, Code::WrongShape);
      return;
    }
    for (size_t i = 0; i < N; ++i) {
      if (keys[i] == k.text) {
        out.values[i] = value;
        return;
      }
    }
    ++out.unknown;
    std::string match;
    std::string message = unknown_key(k.text, what, {keys.begin(), keys.end()}, match);
    if (!match.empty()) {
      out.suggested.push_back(match);
      recover.emplace_back(
          key, static_cast<size_t>(std::find(keys.begin(), keys.end(), std::string_view(match)) -
                                   keys.begin()));
    } else if (std::optional<std::string> better = unknown(k.text)) {
      message = std::move(*better);
    }
    error(key, std::move(message), Code::UnknownKey);
  });
  // A misspelling stands for its key when the key itself is absent (and no earlier misspelling
  // took it): its value is read, and nothing downstream cascades.
  for (auto [key, known] : recover) {
    if (known < N && out.values[known] == 0) out.values[known] = node(key).end;
  }
  return out;
}

template <typename E, size_t N>
std::optional<E> YamlReader::choice(uint32_t i, std::string_view key, std::string_view kind,
                                    const NameTable<E, N>& table) {
  const YamlNode& n = node(i);
  if (!n.is_scalar()) {
    error(i, "'" + std::string(key) + "' must be one of " + join(names_of(table)) + ", " + got(i),
          Code::WrongShape);
    return std::nullopt;
  }
  if (std::optional<E> v = parse_name(table, n.text)) return v;
  error(i, unknown_name(n.text, kind, names_of(table)), Code::UnknownChoice);
  return std::nullopt;
}

template <typename Floats>
bool YamlReader::coordinates(uint32_t i, std::string_view what, size_t count,
                             std::string_view names, Floats& out) {
  const YamlNode& n = node(i);
  const std::string numbers = std::to_string(count) + " numbers";
  if (!n.is_seq()) {
    error(i,
          std::string(what) + " takes " + numbers + ", as [" + std::string(names) + "], " + got(i),
          Code::BadCoordinates);
    return false;
  }
  const std::string takes = numbers + ": " + std::string(names);
  if (n.size != count) {
    error(i, std::string(what) + " takes " + takes + "; got " + std::to_string(n.size),
          Code::BadCoordinates);
    return false;
  }
  bool ok = true;
  for_each_item(i, [&](uint32_t item) {
    if (std::optional<float> v = coordinate(item, what, takes)) {
      out.push_back(*v);
    } else {
      ok = false;
    }
  });
  return ok;
}

}  // namespace threshold::story
