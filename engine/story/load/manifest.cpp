// story.yaml: the story's title, start scene, folders, pacing, variables and endings, read
// first (on the loading thread) because every scene needs its pacing, variables and endings.
// See stages.h.
#include <filesystem>
#include <system_error>

#include "keys.h"
#include "stages.h"
#include "tree.h"

namespace threshold::story::load {

namespace fs = std::filesystem;

namespace {

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
  for (const Variable& var : story.variables) {
    story.symbols.variables.emplace_back(var.id, var.type, var.at, var.initial);
  }
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

}  // namespace

bool read_manifest(const std::string& dir, const LoadOptions& options, Story& story,
                   Manifest& manifest, StoryContext& context, Diagnostics& diags) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    diags.file_error(dir,
                     fs::exists(dir, ec) ? "not a folder; give the story's folder (the one "
                                           "holding story.yaml)"
                                         : "story folder not found",
                     Code::FolderUnreadable);
    return false;
  }
  const std::string manifest_path = join_path(dir, "story.yaml");
  std::string text;
  std::vector<Diagnostic> file_diags;
  if (!fs::exists(manifest_path, ec)) {
    diags.file_error(manifest_path,
                     "file not found: every story folder needs a story.yaml "
                     "(title, start scene, variables, endings)",
                     Code::FileUnreadable);
    return false;
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
  return true;
}

}  // namespace threshold::story::load

namespace threshold::story {

StoryFolders read_story_folders(const std::string& dir, const LoadOptions& options) {
  Story story;
  story.strings = std::make_shared<StringPool>();
  load::StoryContext context;
  context.strings = story.strings.get();
  load::Manifest manifest;
  Diagnostics ignored;
  load::read_manifest(dir, options, story, manifest, context, ignored);
  return manifest.folders();
}

}  // namespace threshold::story
