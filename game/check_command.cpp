// `threshold check`. See check_command.h.
#include "check_command.h"

#include <iostream>
#include <optional>

#include "story_dir.h"
#include "text_contrast.h"
#include "threshold/story/accessibility.h"
#include "threshold/story/checker.h"

namespace threshold::game {

CLI::App* add_check_command(CLI::App& app, CheckArgs& args) {
  CLI::App* cmd = app.add_subcommand("check", "Report errors and warnings, then sum the story up");
  cmd->add_option("STORY_DIR", args.dir, kStoryDirHelp);
  cmd->add_flag("--werror", args.werror, "Treat warnings as errors");
  cmd->add_flag("--accessibility", args.accessibility,
                "Also report what the story asks that not every player can give (waits shorter "
                "than their lines take to read slowly, sounds to act on with no caption, state "
                "shown by colour alone, text hard to read over a place: measured in frames drawn "
                "as the game draws them, so under a display) and the Accessible Games Initiative "
                "tags the game can claim with it");
  cmd->footer(
      "Errors and warnings go to stderr as file:line:column; the last line of stdout sums the "
      "story up.\nExit status: 0 clean; 1 errors (or warnings, with --werror).");
  return cmd;
}

int run_check(const CheckArgs& args, const char* argv0) {
  story::Diagnostics diags;
  const std::optional<story::Story> story = load_story_dir(args.dir, argv0, &diags);
  if (!story) return 1;
  const story::StorySummary summary = story::check(*story, diags);
  std::optional<story::AccessibilityReport> access;
  if (args.accessibility) {
    access = story::check_accessibility(*story, diags);
    access->contrast = measure_text_contrast(*story, diags).to_text();
  }
  diags.sort();
  std::cerr << diags.format_all();
  const size_t errors = diags.error_count();
  const size_t warnings = diags.warning_count();
  if (errors > 0 || warnings > 0) {
    std::cerr << count_of(errors, "error", "errors") << ", "
              << count_of(warnings, "warning", "warnings") << "\n";
  }
  if (access) std::cout << access->to_text();
  std::cout << summary.to_string() << std::endl;
  return errors > 0 || (args.werror && warnings > 0) ? 1 : 0;
}

}  // namespace threshold::game
