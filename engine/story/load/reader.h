// YamlReader: the one way the loader's converters (manifest, place, scene, visual, ambience)
// read a node of a file's YamlTree. Typed reads (text, id, number, duration, fraction, boolean,
// choice from a name table, colour, story file path, expression text, effects) report what is
// wrong at the node, in one wording for all converters; fields() reads a mapping's known keys
// and recovers from a misspelt one, so that nothing downstream cascades.
#pragma once

#include <algorithm>
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/story/load/names.h"
#include "engine/story/load/tree.h"
#include "engine/story/model.h"

namespace threshold::story {

// ---- words the readers share

bool is_identifier(std::string_view s);                 // letters, digits, '_'; no leading digit
std::string quote_value(std::string_view text);         // 'text', cut to 40 characters
std::string join_names(const std::vector<std::string>& names);  // "a, b, c"
// "; did you mean 'x'?", or "; <list_intro>: a, b, c" when there are at most 12 (or "").
std::string suggestion(std::string_view word, const std::vector<std::string>& candidates,
                       const char* list_intro);
std::optional<double> parse_number(const std::string& s);  // finite, '+' allowed; whole text
std::optional<bool> parse_bool(std::string_view s);        // true/True/TRUE, false/...
std::optional<Color> parse_color(std::string_view s);      // "#rrggbb" or "#rrggbbaa"

// A context's keys, in the order its fields are read.
template <size_t N>
using KeyTable = std::array<std::string_view, N>;

// The value node of each known key of a mapping (0 when absent: index 0 is the root, never a
// value). A key that was a close misspelling of an absent known key is read as that key (its
// value is in `values`, the one error already given) and remembered in `suggested`, so a missing
// key that was only misspelt is not reported twice.
template <size_t N>
struct Fields {
  std::array<uint32_t, N> values{};
  std::vector<std::string> suggested;
  size_t unknown = 0;
  uint32_t operator[](size_t i) const { return values[i]; }
  bool misspelt(std::string_view key) const {
    return std::find(suggested.begin(), suggested.end(), key) != suggested.end();
  }
};

class YamlReader {
 public:
  YamlReader(const YamlTree& tree, FileReporter& report, int32_t file)
      : tree_(tree), report_(report), file_(file) {}

  const YamlTree& tree() const { return tree_; }
  FileReporter& reporter() { return report_; }
  int32_t file() const { return file_; }

  const YamlNode& node(uint32_t i) const { return tree_.nodes[i]; }
  // Where node i was written (an empty value: its key, see load/tree.h).
  SourcePos pos(uint32_t i) const { return {file_, node(i).line, node(i).column}; }
  // Scalars: where the first character of the value stands.
  SourcePos value_pos(uint32_t i) const {
    return {file_, node(i).value_line, node(i).value_column};
  }
  // The key node of a mapping's value (keys are leaves, so it is just before).
  static uint32_t key_of(uint32_t value) { return value - 1; }

  void error(uint32_t i, std::string message) {
    report_.error(node(i).line, node(i).column, std::move(message));
  }
  void warning(uint32_t i, std::string message) {
    report_.warning(node(i).line, node(i).column, std::move(message));
  }
  void note(uint32_t i, std::string message) {
    report_.note(node(i).line, node(i).column, std::move(message));
  }
  void error_at(SourcePos at, std::string message) {
    report_.error(at.line, at.column, std::move(message));
  }
  void warning_at(SourcePos at, std::string message) {
    report_.warning(at.line, at.column, std::move(message));
  }

  // Calls f(key_index, value_index) for each entry of a mapping.
  template <typename F>
  void for_each_entry(uint32_t map, F&& f) const {
    uint32_t i = map + 1;
    for (uint32_t k = 0; k < node(map).size; k += 2) {
      uint32_t value = node(i).end;
      f(i, value);
      i = node(value).end;
    }
  }
  // Calls f(item_index) for each item of a sequence.
  template <typename F>
  void for_each_item(uint32_t seq, F&& f) const {
    uint32_t i = seq + 1;
    for (uint32_t k = 0; k < node(seq).size; ++k) {
      f(i);
      i = node(i).end;
    }
  }

  // "but it is empty", "got 'x'", "got a list", "got a mapping": what a value was instead.
  std::string got(uint32_t i) const;

  // Reports "<what> must be a mapping of keys[ (example)], <got>" unless node i is one.
  bool expect_map(uint32_t i, const std::string& what, const std::string& example = "");

  // The value of each known key of `map`. An unknown key is reported once: with "did you mean"
  // when it is close to a known key (and then, when that key is absent, read as it), else with
  // what `unknown(key)` says (nullopt: the list of keys `what` has).
  template <size_t N, typename Unknown>
  Fields<N> fields(uint32_t map, const char* what, const KeyTable<N>& keys, Unknown&& unknown) {
    Fields<N> out;
    std::vector<std::pair<uint32_t, size_t>> recover;  // (key node, known key) read last
    for_each_entry(map, [&](uint32_t key, uint32_t value) {
      const YamlNode& k = node(key);
      if (!k.is_scalar()) {
        error(key, std::string("empty key in ") + what);
        return;
      }
      for (size_t i = 0; i < N; ++i) {
        if (keys[i] == k.text) {
          out.values[i] = value;
          return;
        }
      }
      ++out.unknown;
      std::vector<std::string> candidates(keys.begin(), keys.end());
      std::string match = closest_match(k.text, candidates);
      std::string message = "unknown key '" + k.text + "' in " + what;
      if (!match.empty()) {
        out.suggested.push_back(match);
        message += "; did you mean '" + match + "'?";
        size_t known = static_cast<size_t>(
            std::find(keys.begin(), keys.end(), std::string_view(match)) - keys.begin());
        recover.emplace_back(key, known);
      } else if (std::optional<std::string> better = unknown(k.text)) {
        message = std::move(*better);
      } else {
        message += "; the keys of a " + std::string(what) + " are " + join_names(candidates);
      }
      error(key, std::move(message));
    });
    // A misspelling stands for its key when the key itself is absent (and no other misspelling
    // took it first): the value is read, and what depends on it does not cascade.
    for (auto [key, known] : recover) {
      if (out.values[known] == 0) out.values[known] = node(key).end;
    }
    return out;
  }
  template <size_t N>
  Fields<N> fields(uint32_t map, const char* what, const KeyTable<N>& keys) {
    return fields(map, what, keys, [](const std::string&) { return std::optional<std::string>(); });
  }

  // ---- typed reads: nullopt when the value is wrong (and then it has been reported)

  std::optional<std::string> text(uint32_t i, std::string_view key);
  // A word used as an id or a reference; `what` names it in the error ("scene id").
  std::optional<std::string> id(uint32_t i, std::string_view key, std::string_view what);
  // `unit` completes "'seconds' must be a number of ..." ("" for none).
  std::optional<double> number(uint32_t i, std::string_view key, std::string_view unit = "");
  // A number from `min` to `max` (inclusive); `range` words them in the error
  // ("from -2 to 2", "0: none, 1: the darkest").
  std::optional<double> number_in(uint32_t i, std::string_view key, std::string_view unit,
                                  double min, double max, std::string_view range);
  std::optional<double> positive(uint32_t i, std::string_view key, std::string_view unit);
  // A length of time a writer gives (a wait, a hold, a line's linger, a pause): more than 0 and
  // at most kMaxSeconds. An hour is far past any scene's pacing, and keeps every sum of them
  // (the summary's minutes, the runtime's clock) finite and exact.
  static constexpr double kMaxSeconds = 3600;
  std::optional<double> duration(uint32_t i, std::string_view key);
  // A number from 0 to 1 (glow, strength, ...); `meaning` says what 0 and 1 are.
  std::optional<float> fraction(uint32_t i, std::string_view key, std::string_view meaning);
  std::optional<bool> boolean(uint32_t i, std::string_view key);
  // A word from a name table; `what` names the kind in the error ("time of day").
  template <typename E, size_t N>
  std::optional<E> choice(uint32_t i, std::string_view key, const NameTable<E, N>& table,
                          std::string_view what, std::string_view plural) {
    std::optional<std::string> t = text(i, key);
    if (!t) return std::nullopt;
    if (std::optional<E> v = parse_name(table, *t)) return v;
    std::vector<std::string> names = names_of(table);
    std::string match = closest_match(*t, names);
    std::string message = "unknown " + std::string(what) + " '" + *t + "'";
    if (!match.empty()) {
      message += "; did you mean '" + match + "'?";
    } else {
      message += "; the " + std::string(plural) + " are " + join_names(names);
    }
    error(i, std::move(message));
    return std::nullopt;
  }
  // "#rrggbb" or "#rrggbbaa". An unquoted one is a YAML comment, so the value comes out empty:
  // then the writer is told to quote it, with the colour they wrote.
  std::optional<Color> color(uint32_t i, std::string_view key);
  // A file the story names (an image, a sound) at scalar node i: confined to the story folder
  // (story_path.h), with one of `extensions` (lower case, with the dot), and a header that
  // `check_header` accepts (media_header.h: "" when fine; may be null). `what` names it ("image
  // 'a.png'"); a wrong extension reads "<what> is not a kind of file the game can <verb>; use
  // <kinds>". Gives back the resolved path the renderer or the mixer opens.
  std::optional<std::string> story_file(uint32_t i, const std::string& story_dir,
                                        const std::string& what,
                                        const std::vector<std::string_view>& extensions,
                                        std::string_view verb, std::string_view kinds,
                                        std::string (*check_header)(const std::string&));
  // An expression's source text (an `if:`, a `set:`), compiled once every file is read.
  std::optional<std::string> expression_text(uint32_t i, std::string_view key);
  // An `if:` as a placeholder Expr holding its text (compiled in the link stage).
  std::optional<Expr> condition(uint32_t i, StringPool& strings);
  // `set:`: one effect or a list of them, as placeholders appended to `out`.
  void effects(uint32_t i, StringPool& strings, std::vector<Effect>& out);

 protected:
  const YamlTree& tree_;
  FileReporter& report_;
  int32_t file_;
};

}  // namespace threshold::story
