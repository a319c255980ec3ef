// `threshold extract`. See extract_command.h.
#include "extract_command.h"

#include <filesystem>
#include <iostream>
#include <optional>

#include "story_dir.h"
#include "threshold/locale/pot.h"
#include "threshold/locale/story_strings.h"
#include "threshold/locale/ui_strings.h"

namespace threshold::game {

CLI::App* add_extract_command(CLI::App& app, ExtractArgs& args) {
  CLI::App* cmd = app.add_subcommand(
      "extract",
      "Write the story's strings and the game's own as a gettext POT template, for translators");
  cmd->add_option("STORY_DIR", args.dir, kStoryDirHelp);
  cmd->add_option("-o,--out", args.out,
                  "The template to write (default: STORY_DIR/locales/threshold.pot)")
      ->type_name("FILE");
  cmd->footer(
      "Each entry's msgctxt is its place in the story (scene/beat/line, gesture, thing, ending) "
      "or in the game (ui.menu.*, ui.settings.*, ui.notice.*...), "
      "its comments say where and when it is shown, and its reference is the file:line it was "
      "written at. Start a language with `msginit -i threshold.pot -o fr.po -l fr`, bring it up "
      "to date with `msgmerge --previous -U fr.po threshold.pot` (docs/authoring.md, "
      "\"Translating\").\n"
      "Exit status: 0 written; 1 the story could not be loaded or the file not written.");
  return cmd;
}

int run_extract(const ExtractArgs& args, const char* argv0) {
  const std::optional<story::Story> story = load_story_dir(args.dir, argv0);
  if (!story) return 1;
  std::string out = args.out;
  if (out.empty()) {
    const std::filesystem::path folder = std::filesystem::path(story->dir) / "locales";
    std::error_code ec;
    std::filesystem::create_directories(folder, ec);
    out = (folder / "threshold.pot").string();
  }
  std::string why;
  // The story's strings, then the game's own (its menus, settings, notices, spoken words).
  std::vector<locale::StoryString> strings = locale::story_strings(*story);
  for (locale::StoryString& s : locale::ui_pot_strings()) strings.push_back(std::move(s));
  const int written = locale::write_pot(strings, {story->title}, out, &why);
  if (written < 0) {
    std::cerr << "threshold: " << why << "\n";
    return 1;
  }
  std::cout << out << ": " << count_of(static_cast<size_t>(written), "string", "strings") << "\n";
  return 0;
}

}  // namespace threshold::game
