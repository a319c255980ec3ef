// `threshold pack`. See pack_command.h.
#include "pack_command.h"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <system_error>

#include "data_dir.h"
#include "story_dir.h"
#include "threshold/story/pack.h"

namespace threshold::game {

CLI::App* add_pack_command(CLI::App& app, PackArgs& args) {
  CLI::App* cmd = app.add_subcommand(
      "pack", "Compile the story into one file that loads in a few milliseconds (story.pack)");
  cmd->add_option("STORY_DIR", args.dir, kStoryDirHelp);
  cmd->add_option("-o,--output", args.output, "The pack to write")->required();
  cmd->footer(
      "Every verb that takes a story directory takes the pack in its place. Keep the pack in the "
      "story directory (the installed game keeps story.pack there): its images, sounds, fonts "
      "and translations are found from the folder the pack is in.\n"
      "Exit status: 0 written; 1 the story did not load or the file could not be written.");
  return cmd;
}

int run_pack(const PackArgs& args, const char* argv0) {
  story::Diagnostics warnings;
  const std::optional<story::Story> story = load_story_dir(args.dir, argv0, &warnings);
  if (!story) return 1;
  // The load's warnings go into the pack (`threshold check` of it says them), and are said now.
  std::cerr << warnings.format_all();
  std::string error;
  const std::optional<std::string> bytes =
      story::write_pack(*story, find_assets_dir(argv0), &error, &warnings);
  if (!bytes) {
    std::cerr << "threshold: " << error << "\n";
    return 1;
  }
  // Written beside, then renamed over: a game reading the old pack never sees half of the new.
  const std::string partial = args.output + ".partial";
  {
    std::ofstream out(partial, std::ios::binary | std::ios::trunc);
    out.write(bytes->data(), static_cast<std::streamsize>(bytes->size()));
    out.close();
    if (!out) {
      std::cerr << "threshold: " << args.output << ": cannot be written\n";
      std::remove(partial.c_str());
      return 1;
    }
  }
  std::error_code ec;
  std::filesystem::rename(partial, args.output, ec);
  if (ec) {
    std::cerr << "threshold: " << args.output << ": " << ec.message() << "\n";
    std::remove(partial.c_str());
    return 1;
  }
  uintmax_t yaml = 0;
  for (size_t f = 0; f < story->sources.size(); ++f) {
    const uintmax_t size =
        std::filesystem::file_size(story->sources.path(static_cast<int32_t>(f)), ec);
    if (!ec) yaml += size;
  }
  std::cout << "threshold: wrote " << args.output << ": " << story->scenes.size() << " scenes, "
            << bytes->size() << " bytes (the YAML: " << yaml << " bytes)\n";
  return 0;
}

}  // namespace threshold::game
