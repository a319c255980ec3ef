// load_story: a story folder into a Story, in four stages, each in its own file (stages.h):
//   1. list  the story's files (story_files.h): story.yaml first, since it names the folders
//            the place and scene files are in, then those folders;
//   2. read  each file's bytes, 3. convert its YAML tree into the model (the manifest and the
//            place files on this thread, the scene files in parallel, each tree dropped as soon
//            as its scene is built);
//   4. link  the scenes merged in file order, what crosses files resolved, every expression
//            compiled against the complete symbol table.
#include "stages.h"
#include "threshold/story/loader.h"
#include "threshold/story/walks.h"

namespace threshold::story {

LoadResult load_story(const std::string& dir, const LoadOptions& options) {
  using namespace load;
  LoadResult result;
  Diagnostics& diags = result.diagnostics;
  Story story;
  story.dir = dir;
  story.at = {0, 1, 1};
  story.strings = std::make_shared<StringPool>();
  StoryContext context;
  context.pacing = story.pacing;
  context.strings = story.strings.get();
  context.roots = {dir, options.assets_dir};

  // 1. List, 2. read and 3. convert story.yaml: the scenes need its pacing, variables and
  // endings, and the listing the folders it names.
  Manifest manifest;
  const bool has_manifest = read_manifest(dir, options, story, manifest, context, diags);
  result.folders = manifest.folders();
  if (!has_manifest) return result;
  StoryFiles files = list_story_files(dir, result.folders, options.assets_dir);
  story.font_folders = files.font_folders;
  report_fonts_folder(files, diags);

  // 2 and 3. The place files, then the scene files in parallel.
  load_places(files, manifest, options, story, context, diags);
  std::vector<SceneFile> scene_files =
      load_scene_files(files, manifest, options, story, context, diags);

  // 4. Link.
  Linked linked = merge_scenes(scene_files, files, story, context, diags);
  resolve_references(linked, manifest, story, diags);
  compile_story(linked, context, options, story, diags);

  story.strings->forget_uncompiled();
  story.chose_keys = chose_keys_read(story);
  diags.sort();
  if (!diags.has_errors()) result.story = std::move(story);
  return result;
}

}  // namespace threshold::story
