// `threshold check`. See check_command.h.
#include "check_command.h"

#include <filesystem>
#include <iostream>
#include <optional>

#include "catalogue_glyphs.h"
#include "story_dir.h"
#include "story_locale.h"
#include "text_contrast.h"
#include "threshold/locale/catalogue.h"
#include "threshold/locale/reading.h"
#include "threshold/locale/ui_strings.h"
#include "threshold/story/accessibility.h"
#include "threshold/story/checker.h"

namespace threshold::game {

namespace {

// What stays English under a catalogue, one line each, then the counts.
std::string translation_report(const locale::LocalizeReport& r, const std::string& po,
                               const std::string& dir) {
  std::string out;
  for (const locale::Fallback& f : r.fallbacks) {
    std::string where = f.po_line > 0 ? po + ":" + std::to_string(f.po_line)
                                      : dir + "/" + f.file + ":" + std::to_string(f.line);
    out += where + ": " + locale::fallback_name(f.why) + ": " + f.context + " \"" + f.english +
           "\"" + (f.detail.empty() ? "" : " (" + f.detail + ")") + "\n";
  }
  out +=
      po + ": " + std::to_string(r.translated) + " of " + std::to_string(r.strings) +
      " strings translated; " + std::to_string(r.count(locale::Fallback::Why::Fuzzy)) + " fuzzy, " +
      std::to_string(r.count(locale::Fallback::Why::Missing) +
                     r.count(locale::Fallback::Why::Untranslated)) +
      " untranslated, " + std::to_string(r.count(locale::Fallback::Why::Broken)) + " broken" +
      (r.count(locale::Fallback::Why::Stale) > 0
           ? ", " + std::to_string(r.count(locale::Fallback::Why::Stale)) + " stale (msgmerge them)"
           : "") +
      " (shown in English)\n";
  return out;
}

// The same for the game's own words (engine/locale/ui_strings.h), under the story's.
std::string interface_report(const std::string& po) {
  const std::optional<locale::Catalogue> cat = locale::read_catalogue(po);
  if (!cat) return "";
  const locale::UiText ui = locale::UiText::from_catalogue(*cat);
  const std::vector<locale::Ui>& english = ui.fallbacks();
  std::string out;
  for (const locale::Ui id : english) {
    const locale::UiString& row = locale::ui_string(id);
    const locale::CatalogueEntry* e = cat->find(row.context);
    const char* why = !e                        ? "missing"
                      : e->msgid != row.english ? "stale (msgid not the English now)"
                      : e->fuzzy                ? "fuzzy"
                      : !e->translated()        ? "untranslated"
                                                : "broken ({}s not the English's)";
    out += po + (e && e->po_line > 0 ? ":" + std::to_string(e->po_line) : "") + ": " + why + ": " +
           row.context + " \"" + row.english + "\"\n";
  }
  const size_t all = locale::ui_strings().size();
  out += po + ": " + std::to_string(all - english.size()) + " of " + std::to_string(all) +
         " of the game's own words translated (the rest shown in English)\n";
  return out;
}

// Whether the game will read the compiled catalogue beside the .po, which check does not.
std::string compiled_report(const std::string& po) {
  const std::string mo = locale::compiled_path(po);
  std::error_code ec;
  if (!std::filesystem::exists(mo, ec)) return "";
  std::error_code po_ec;
  const auto mo_time = std::filesystem::last_write_time(mo, ec);
  const auto po_time = std::filesystem::last_write_time(po, po_ec);
  if (!ec && !po_ec && mo_time < po_time) {
    return mo + ": older than " + po + ": the game reads the .po instead (slower to load); " +
           "remake it with: msgfmt -o " + mo + " " + po + "\n";
  }
  std::string why;
  if (!locale::read_compiled_catalogue(mo, &why)) {
    return why + "; the game reads " + po + " instead\n";
  }
  return "";
}

}  // namespace

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
  cmd->add_option("--locale", args.locale,
                  "Also count and list what the catalogue <story>/locales/LANG.po leaves in "
                  "English (the story's strings, then the game's own): missing, untranslated, "
                  "fuzzy, or broken ({}s not the English's); and warn where a translated line "
                  "is too long to read before its moment's wait (T0616), and where it has a "
                  "character no font the game would use has (T0617)")
      ->type_name("LANG");
  cmd->footer(
      "Errors and warnings go to stderr as file:line:column; the last line of stdout sums the "
      "story up.\nExit status: 0 clean; 1 errors (or warnings, with --werror).");
  return cmd;
}

int run_check(const CheckArgs& args, const char* argv0) {
  story::Diagnostics diags;
  std::optional<story::Story> story = load_story_dir(args.dir, argv0, &diags);
  if (!story) return 1;
  std::optional<locale::LocalizeReport> translation;
  if (!args.locale.empty()) {
    std::optional<LocaleChoice> choice = choose_locale(story->dir, args.locale, std::cerr);
    if (!choice) return 1;
    choice->source_only = true;
    // A copy: the checks below read the story as written.
    story::Story translated = *story;
    translation.emplace();
    if (!apply_locale(translated, *choice, std::cerr, &*translation)) return 1;
    if (choice->pseudo) translation.reset();
    if (translation) {
      locale::check_translated_reading(*story, translated, diags);
      check_catalogue_glyphs(choice->catalogue, choice->language, story->font_folders, diags);
      std::cout << translation_report(*translation, choice->catalogue, story->dir)
                << interface_report(choice->catalogue) << compiled_report(choice->catalogue);
    }
  }
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
