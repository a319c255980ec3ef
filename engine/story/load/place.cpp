// The place files (places/*.yaml): each parsed once, on the loading thread, and kept while the
// scenes are read, since every scene at a place reads the place's `visual:` and `ambience:`
// against its own things; and the `thing:`s its shapes name, checked once every scene is read.
// See stages.h.
#include "keys.h"
#include "stages.h"
#include "tree.h"

namespace threshold::story::load {

namespace {

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

}  // namespace

bool Converter::place(uint32_t root, PlaceData& p) {
  if (!node(root).is_map()) {
    error(root, "a place file must be a mapping of keys (place:, visual:, ambience:), " + got(root),
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

void warn_misnamed(const StoryFolder& folder, const char* kind, Diagnostics& diags) {
  for (const std::string& path : folder.misnamed) {
    Diagnostic d;
    d.file = path;
    d.severity = Severity::Warning;
    d.message = std::string("ignored: ") + kind + " files end in '.yaml', not '.yml'";
    diags.add(std::move(d));
  }
}

void report_fonts_folder(const StoryFiles& files, Diagnostics& diags) {
  if (files.fonts_problem == PathProblem::None) return;
  Diagnostic d;
  d.file = join_path(files.dir, "fonts");
  if (files.fonts_problem == PathProblem::NotAFolder) {
    // Nothing breaks (the system's serif serves), but the writer meant something by it.
    d.severity = Severity::Warning;
    d.code = Code::MediaMissing;
    d.message =
        "'fonts' is a file, not a folder: the game looks for the story's fonts in a folder "
        "'fonts/', and uses the system's serif until there is one";
  } else {
    d.code = path_problem_code(files.fonts_problem);
    d.message =
        files.fonts_problem == PathProblem::LinkLeaves
            ? "the story's 'fonts' folder is a link that leads out of the story folder; copy the "
              "fonts into the story instead"
            : "the story's 'fonts' folder cannot be read";
  }
  diags.add(std::move(d));
}

// The place files, in name order, on this thread (a story has a handful): parsed and kept in
// `context` for the scenes' workers, each file given its Sources index.
void load_places(const StoryFiles& files, const Manifest& manifest, const LoadOptions& options,
                 Story& story, StoryContext& context, Diagnostics& diags) {
  warn_misnamed(files.places, "place", diags);
  const std::string& unlisted = files.places.unlisted;
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
      diags.file_error(files.manifest, message, Code::FolderUnreadable);
    }
    return;
  }
  for (const std::string& path : files.places.files) {
    PlaceData p;
    p.path = path;
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

}  // namespace threshold::story::load
