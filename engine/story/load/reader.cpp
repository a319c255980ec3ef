// The typed reads of YamlReader (reader.h), with the loader's wording for each mistake.
#include "reader.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <filesystem>
#include <system_error>

#include "threshold/story/story_path.h"

namespace threshold::story {

namespace {

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool all_hex(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return hex_digit(c) >= 0; });
}

// "#rrggbb" or "#rrggbbaa".
std::optional<Color> parse_color(std::string_view s) {
  if (s.size() != 7 && s.size() != 9) return std::nullopt;
  if (s[0] != '#' || !all_hex(s.substr(1))) return std::nullopt;
  auto byte = [&](size_t i) {
    return static_cast<uint8_t>(hex_digit(s[i]) * 16 + hex_digit(s[i + 1]));
  };
  Color c{byte(1), byte(3), byte(5), 255};
  if (s.size() == 9) c.a = byte(7);
  return c;
}

// "a layer", "an ambience": `what` with its article, as the list of keys names it.
std::string with_article(std::string_view what) {
  if (what.starts_with("a ") || what.starts_with("an ")) return std::string(what);
  const bool vowel =
      !what.empty() && std::string_view("aeiou").find(what[0]) != std::string_view::npos;
  return (vowel ? "an " : "a ") + std::string(what);
}

}  // namespace

// ---- text for messages

std::string YamlReader::quote(std::string_view text) {
  constexpr size_t kMax = 40;
  std::string s(text.substr(0, std::min(text.size(), kMax)));
  for (char& c : s) {
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  }
  if (text.size() > kMax) s += "...";
  return "'" + s + "'";
}

std::string YamlReader::join(const std::vector<std::string>& names,
                             std::string_view last_separator) {
  std::string out;
  for (size_t i = 0; i < names.size(); ++i) {
    if (i > 0) out += i + 1 == names.size() ? std::string(last_separator) : std::string(", ");
    out += names[i];
  }
  return out;
}

std::string YamlReader::number_text(double v) {
  char buf[32];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
  return ec == std::errc() ? std::string(buf, end) : std::string("?");
}

std::optional<double> YamlReader::parse_number(const std::string& s) {
  if (s.empty()) return std::nullopt;
  const char* begin = s.data();
  if (*begin == '+') ++begin;
  double v = 0;
  auto [end, ec] = std::from_chars(begin, s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size() || !std::isfinite(v)) return std::nullopt;
  return v;
}

std::optional<bool> YamlReader::parse_bool(std::string_view s) {
  if (s == "true" || s == "True" || s == "TRUE") return true;
  if (s == "false" || s == "False" || s == "FALSE") return false;
  return std::nullopt;
}

bool YamlReader::is_identifier(std::string_view s) {
  if (s.empty()) return false;
  auto start = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; };
  if (!start(s[0])) return false;
  for (char c : s) {
    if (!start(c) && !(c >= '0' && c <= '9')) return false;
  }
  return true;
}

std::string YamlReader::suggestion(std::string_view word,
                                   const std::vector<std::string>& candidates,
                                   std::string_view list_intro) {
  std::string match = closest_match(word, candidates);
  if (!match.empty()) return "; did you mean '" + match + "'?";
  if (candidates.empty() || candidates.size() > 12 || list_intro.empty()) return "";
  return "; " + std::string(list_intro) + ": " + join(candidates);
}

// ---- the tree and messages

uint32_t YamlReader::item_at(uint32_t seq, size_t index) const {
  uint32_t i = seq + 1;
  for (size_t k = 0; k < index; ++k) i = node(i).end;
  return i;
}

void YamlReader::error(uint32_t i, std::string message, Code code) {
  report_.error(node(i).line, node(i).column, std::move(message), code);
}
void YamlReader::warning(uint32_t i, std::string message, Code code) {
  report_.warning(node(i).line, node(i).column, std::move(message), code);
}
void YamlReader::note(uint32_t i, std::string message) {
  report_.note(node(i).line, node(i).column, std::move(message));
}

std::string YamlReader::got(uint32_t i) const {
  const YamlNode& n = node(i);
  switch (n.kind) {
    case YamlNode::Kind::Null:
      return "but it is empty";
    case YamlNode::Kind::Scalar:
      return "got " + quote(n.text);
    case YamlNode::Kind::Sequence:
      return "got a list";
    case YamlNode::Kind::Mapping:
      return "got a mapping";
  }
  return "";
}

std::string YamlReader::unknown_key(const std::string& key, const char* what,
                                    const std::vector<std::string>& keys, std::string& match) {
  match = closest_match(key, keys);
  std::string message = "unknown key '" + key + "' in " + what;
  if (!match.empty()) return message + "; did you mean '" + match + "'?";
  return message + "; the keys of " + with_article(what) + " are " + join(keys);
}

std::string YamlReader::unknown_name(const std::string& name, std::string_view kind,
                                     const std::vector<std::string>& names) {
  std::string message = "unknown " + std::string(kind) + " " + quote(name);
  std::string match = closest_match(name, names);
  if (!match.empty()) return message + "; did you mean '" + match + "'?";
  return message + "; the " + std::string(kind) + "s are " + join(names);
}

bool YamlReader::expect_map(uint32_t i, std::string_view what, std::string_view example) {
  if (node(i).is_map()) return true;
  std::string message = std::string(what) + " must be a mapping of keys";
  if (!example.empty()) message += " (" + std::string(example) + ")";
  error(i, message + ", " + got(i), Code::WrongShape);
  return false;
}

bool YamlReader::adds_over_place(uint32_t value, const Addition& a, bool in_place_file,
                                 bool over_place, const std::string& place) {
  if (over_place && !in_place_file) return true;
  const std::string key = "'" + std::string(a.key) + "'";
  const std::string write = "write '" + std::string(a.instead) + ":'";
  if (in_place_file) {
    error(key_of(value),
          key + " belongs in a scene's " + std::string(a.block) + ", where it adds " +
              std::string(a.adds) + " over its place's; here " + write,
          Code::ConflictingKeys);
    return false;
  }
  const std::string a_block = with_article(a.block);  // "an ambience": the article is kept
  const std::string article = a_block.substr(0, a_block.size() - a.block.size());
  error(key_of(value),
        key + " adds " + std::string(a.adds) + " over the " + std::string(a.block) +
            " of the scene's place, " +
            (place.empty() ? std::string("and this scene has no 'place:'")
                           : "and place '" + place + "' has no place file with " + article + "'" +
                                 std::string(a.block) + ":'") +
            "; " + write,
        Code::ConflictingKeys);
  return false;
}

// ---- typed reads

std::optional<double> YamlReader::number(uint32_t i, std::string_view key, std::string_view unit) {
  const YamlNode& n = node(i);
  const std::string a_number =
      "a number" + (unit.empty() ? std::string() : " of " + std::string(unit));
  const std::string what = "'" + std::string(key) + "' must be " + a_number;
  if (!n.is_scalar()) {
    error(i, what + ", " + got(i), Code::NotANumber);
    return std::nullopt;
  }
  std::optional<double> v = parse_number(n.text);
  if (v && n.quoted()) {
    error(i, what + ", got the text " + quote(n.text) + "; remove the quotes", Code::NotANumber);
    return std::nullopt;
  }
  if (!v) error(i, what + ", " + got(i), Code::NotANumber);
  return v;
}

std::optional<double> YamlReader::number_in(uint32_t i, std::string_view key, const Range& range) {
  std::optional<double> v = number(i, key);
  if (!v) return v;
  if (*v < range.lo || *v > range.hi) {
    std::string message = "'" + std::string(key) + "' must be from " + number_text(range.lo) +
                          " to " + number_text(range.hi);
    if (!range.unit.empty()) message += " " + std::string(range.unit);
    if (!range.note.empty()) message += " (" + std::string(range.note) + ")";
    error(i, message + ", got " + node(i).text, Code::OutOfRange);
    return std::nullopt;
  }
  return v;
}

std::optional<double> YamlReader::positive(uint32_t i, std::string_view key,
                                           std::string_view unit) {
  std::optional<double> v = number(i, key, unit);
  if (v && *v <= 0) {
    error(i,
          "'" + std::string(key) + "' must be more than 0 " + std::string(unit) + ", got " +
              node(i).text,
          Code::OutOfRange);
    return std::nullopt;
  }
  return v;
}

std::optional<float> YamlReader::fraction(uint32_t i, std::string_view key,
                                          std::string_view meaning) {
  std::optional<double> v = number_in(i, key, Range{0, 1, {}, meaning});
  if (!v) return std::nullopt;
  return static_cast<float>(*v);
}

std::optional<bool> YamlReader::boolean(uint32_t i, std::string_view key) {
  const YamlNode& n = node(i);
  if (n.is_scalar() && !n.quoted()) {
    if (std::optional<bool> b = parse_bool(n.text)) return b;
  }

  error(i, "'" + std::string(key) + "' must be true or false, " + got(i), Code::NotABoolean);
  return std::nullopt;
}

std::optional<Color> YamlReader::colour(uint32_t i, std::string_view key) {
  const YamlNode& n = node(i);
  const std::string forms = "\"#rrggbb\" or \"#rrggbbaa\"";
  if (n.is_null()) {
    // An unquoted colour is a YAML comment, so the value came out empty: show the writer the
    // colour they wrote, quoted.
    std::string_view line = report_.line_text(n.line);
    size_t hash = line.find('#', static_cast<size_t>(std::max(n.column, 1) - 1));
    if (hash != std::string_view::npos) {
      size_t end = hash + 1;
      while (end < line.size() && line[end] != ' ' && line[end] != ',' && line[end] != ']' &&
             line[end] != '}') {
        ++end;
      }
      std::string written(line.substr(hash, end - hash));
      error(i,
            "'" + std::string(key) + "' is empty because '#' starts a comment in YAML; " +
                "put the colour in quotes: " + std::string(key) + ": \"" + written + "\"",
            Code::EmptyValue);
    } else {
      error(i, empty(key, "write " + forms), Code::EmptyValue);
    }
    return std::nullopt;
  }
  if (!n.is_scalar()) {
    error(i, "'" + std::string(key) + "' must be a colour (" + forms + "), " + got(i),
          Code::BadColour);
    return std::nullopt;
  }
  if (std::optional<Color> c = parse_color(n.text)) return c;
  std::string message = quote(n.text) + " is not a colour: write " + forms;
  if ((n.text.size() == 6 || n.text.size() == 8) && all_hex(n.text)) {
    message += "; did you mean \"#" + n.text + "\"?";
  }
  error(i, std::move(message), Code::BadColour);
  return std::nullopt;
}

std::optional<float> YamlReader::coordinate(uint32_t i, std::string_view what,
                                            std::string_view takes) {
  const YamlNode& n = node(i);
  std::optional<double> v = n.is_scalar() ? parse_number(n.text) : std::nullopt;
  if (v && n.quoted()) {
    error(i, "expected a number, got the text " + quote(n.text) + "; remove the quotes",
          Code::NotANumber);
    return std::nullopt;
  }
  if (!v) {
    std::string shown = n.is_scalar() ? quote(n.text) + " is not a number"
                        : n.is_null() ? std::string("a number is missing")
                        : n.is_seq()  ? std::string("expected a number, got a list")
                                      : std::string("expected a number, got a mapping");
    error(i, shown + "; " + std::string(what) + " takes " + std::string(takes),
          Code::BadCoordinates);
    return std::nullopt;
  }
  if (std::abs(*v) > kMaxCoordinate) {
    error(i,
          n.text + " is far outside the 1280×720 frame (x runs from 0 to 1280, y from 0 " +
              "down to 720)",
          Code::BadCoordinates);
    return std::nullopt;
  }
  return static_cast<float>(*v);
}

std::optional<std::string> YamlReader::story_file(uint32_t i, std::string_view key,
                                                  const StoryRoots& roots, const FileKind& kind) {
  if (!node(i).is_scalar() || node(i).text.empty()) {
    error(i,
          "'" + std::string(key) + "' must be the path of " + with_article(kind.what) +
              " file, relative to the story folder, " + got(i),
          Code::WrongShape);
    return std::nullopt;
  }
  const std::string& path = node(i).text;
  const std::string what = std::string(kind.what) + " " + quote(path);
  const ResolvedPath where = resolve_story_path(roots.story, path, roots.assets);
  if (where.problem == PathProblem::Absolute) {
    error(i, path_problem_text(where.problem, what), path_problem_code(where.problem));
    return std::nullopt;
  }
  std::string ext = std::filesystem::path(path).extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; });
  if (std::find(kind.extensions.begin(), kind.extensions.end(), ext) == kind.extensions.end()) {
    error(i, what + " " + std::string(kind.wrong_extension), Code::MediaUndecodable);
    return std::nullopt;
  }
  if (where.problem != PathProblem::None) {
    error(i, path_problem_text(where.problem, what), path_problem_code(where.problem));
    return std::nullopt;
  }
  if (const std::string wrong = kind.check_header(where.path); !wrong.empty()) {
    error(i, what + " " + wrong, Code::MediaUndecodable);
    return std::nullopt;
  }
  return where.path;
}

std::string YamlReader::empty(std::string_view key, std::string_view write) {
  std::string message = "'" + std::string(key) + "' is empty";
  if (!write.empty()) message += "; " + std::string(write);
  return message;
}

std::optional<std::string> YamlReader::scalar_text(uint32_t i, std::string_view key,
                                                   std::string_view must_be,
                                                   std::string_view if_empty,
                                                   std::string_view if_other) {
  const YamlNode& n = node(i);
  if (n.is_scalar()) return n.text;
  if (n.is_null()) {
    error(i, empty(key, if_empty), Code::EmptyValue);
  } else {
    error(i,
          "'" + std::string(key) + "' must be " + std::string(must_be) + ", " + got(i) +
              std::string(if_other),
          Code::WrongShape);
  }
  return std::nullopt;
}

std::optional<std::string> YamlReader::text(uint32_t i, std::string_view key) {
  return scalar_text(i, key, "text", "", "");
}

std::optional<std::string> YamlReader::id(uint32_t i, std::string_view key, std::string_view what) {
  std::optional<std::string> s = text(i, key);
  if (!s) return s;
  if (!is_identifier(*s)) {
    error(i,
          std::string(what) + " " + quote(*s) +
              " must be one word of letters, digits and '_' (not starting with a digit)",
          Code::NotAnId);
    return std::nullopt;
  }
  return s;
}

std::optional<double> YamlReader::duration(uint32_t i, std::string_view key) {
  std::optional<double> v = positive(i, key, "seconds");
  if (v && *v > kMaxSeconds) {
    error(i,
          "'" + std::string(key) + "' must be at most 3600 seconds (an hour), got " +
              quote(node(i).text),
          Code::OutOfRange);
    return std::nullopt;
  }
  return v;
}

std::optional<std::string> YamlReader::expression_text(uint32_t i, std::string_view key) {
  return scalar_text(i, key, "an expression", "write an expression",
                     " (quote an expression that starts with '{' or '[')");
}

Condition YamlReader::condition(uint32_t i, std::string_view key, std::string_view example,
                                StringPool* strings) {
  const std::string as = "a condition, as '" + std::string(key) + ": " + std::string(example) + "'";
  std::optional<std::string> s =
      scalar_text(i, key, as, "write " + as, " (quote a condition that starts with '{' or '[')");
  if (!s) return std::nullopt;
  if (strings) return strings->uncompiled(*s, value_pos(i));
  return Expr(std::move(*s), value_pos(i));
}

void YamlReader::effects(uint32_t i, StringPool& strings, std::vector<Effect>& out) {
  auto one = [&](uint32_t e) {
    std::optional<std::string> s = expression_text(e, "set");
    if (!s) return;
    // Until the link stage compiles it, the value holds the whole effect's text (one shared
    // copy of each distinct text).
    Effect effect;
    effect.at = value_pos(e);
    effect.value = strings.uncompiled(*s, effect.at);
    out.push_back(std::move(effect));
  };
  if (node(i).is_seq()) {
    out.reserve(out.size() + node(i).size);
    for_each_item(i, one);
  } else {
    one(i);
  }
}

}  // namespace threshold::story
