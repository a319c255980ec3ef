// The scene files (scenes/*.yaml): read, parsed and converted in parallel, each tree dropped as
// soon as its scene is built (peak memory stays near the size of the text); and, once the link
// stage knows every symbol, each scene's expressions, texts and effects compiled. See stages.h.
#include <cstdio>
#include <filesystem>
#include <system_error>

#include "ambience.h"
#include "stages.h"
#include "tree.h"
#include "visual.h"

namespace threshold::story::load {

namespace fs = std::filesystem;

namespace {

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

}  // namespace

void compile_lines(std::vector<Line>& lines, const Story& story, Diagnostics& diags,
                   SceneId scene) {
  for (Line& l : lines) {
    if (l.text && l.text->plain.find_first_of("{}") == std::string_view::npos) {
      // Nothing to interpolate or unescape: compiling would give back the same text.
      if (l.linger <= 0) l.linger = story.pacing.linger(l.text->word_count());  // not authored
    } else if (l.text) {
      std::optional<Text> t = compile_text(l.text->plain, story.symbols, l.at, story.sources, diags,
                                           story.strings.get(), scene);
      if (t) {
        if (l.linger <= 0) l.linger = story.pacing.linger(t->word_count());
        l.text = std::move(*t);
      }
    }
    if (l.condition) {
      l.condition =
          compile_expression(l.condition->source(), story.symbols, Type::Bool, l.condition->at,
                             story.sources, diags, story.strings.get(), scene);
    }
  }
}

namespace {

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

}  // namespace

void compile_scene(Scene& scene, SceneId id, const Story& story, Diagnostics& diags) {
  compile_ambience(scene, story, diags);  // `when:` of sound layers and cues
  compile_visual(scene, story, diags);    // `when:` of layers, motion and lights
  for (Beat& b : scene.beats) {
    compile_effects(b.effects, story, diags, id);
    compile_lines(b.lines, story, diags, id);
    if (!b.moment) continue;
    for (Gesture& g : b.moment->gestures) {
      if (g.condition) {
        g.condition =
            compile_expression(g.condition->source(), story.symbols, Type::Bool, g.condition->at,
                               story.sources, diags, story.strings.get(), id);
      }
      compile_effects(g.effects, story, diags, id);
      compile_lines(g.lines, story, diags, id);
    }
  }
}

std::vector<SceneFile> load_scene_files(StoryFiles& files, const Manifest& manifest,
                                        const LoadOptions& options, Story& story,
                                        const StoryContext& context, Diagnostics& diags) {
  warn_misnamed(files.scenes, "scene", diags);
  const std::string& unlisted = files.scenes.unlisted;
  std::vector<SceneFile> scene_files(files.scenes.files.size());
  for (size_t i = 0; i < scene_files.size(); ++i) {
    scene_files[i].path = std::move(files.scenes.files[i]);
  }
  std::vector<std::string>().swap(files.scenes.files);  // 32 bytes a scene, kept to the end
  if (scene_files.empty()) {
    std::string where = "'" + manifest.scenes_folder + "/'";
    std::string message =
        unlisted.empty() ? "no scene files (*.yaml) in " + where + "; a story needs at least one"
        : unlisted == "not found"
            ? "scene folder " + where + " not found; a story needs at least one scene file in it"
            : "scene folder " + where + " cannot be read: " + unlisted;
    if (manifest.scenes_at.line > 0) {
      diags.error(story.sources, manifest.scenes_at, message, Code::FolderUnreadable);
    } else {
      diags.file_error(files.manifest, message, Code::FolderUnreadable);
    }
  }

  // File index i + 1 in Sources (story.yaml is 0), so positions are final from the start.
  story.scenes.resize(scene_files.size());
  // indexed in place by the workers, after story.yaml and the place files
  const int32_t first_scene_file = story.sources.add_slots(scene_files.size());
  parallel_for(scene_files.size(), options.threads, [&](size_t i) {
    SceneFile& sf = scene_files[i];
    const auto file = static_cast<int32_t>(static_cast<size_t>(first_scene_file) + i);
    load_scene_file(sf, story.scenes[i], file, options, context);
    // The path is not needed twice.
    story.sources.set_file(file, std::move(sf.path), sf.text);
    std::string().swap(sf.text);
  });
  // Every line's text is in the pool; what the second pass interns is rare (texts with braces).
  // Its index goes before the merge builds its tables: loading peaks there.
  story.strings->forget_index();
  return scene_files;
}

}  // namespace threshold::story::load
