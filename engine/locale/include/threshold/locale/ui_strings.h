// The game's own words (menus, the settings screen, notices, what is said aloud, the untimed
// gesture wording), in one table: an interface string is one line of THRESHOLD_UI_STRINGS below,
// and nothing else. The game names a string by its Ui value (so a string not in the table does
// not compile), `threshold extract` writes every row into the POT after the story's strings, and
// UiText looks each up in the player's catalogue, falling back to the English.
//
// A row: X(Ui value, msgctxt, English, English plural or "", translator's note). `{name}`s are
// filled in by the game (named in the note); a row with a plural form is chosen by the number
// `{n}`, after the catalogue's Plural-Forms.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "threshold/locale/catalogue.h"
#include "threshold/locale/story_strings.h"
#include "threshold/story/save.h"

// clang-format off
#define THRESHOLD_UI_STRINGS(X) \
  X(MenuNew, "ui.menu.new", "New", "", "The title screen: start the story from its beginning.") \
  X(MenuContinue, "ui.menu.continue", "Continue", "", "The title screen: go on from where the player last was.") \
  X(MenuSettings, "ui.menu.settings", "Settings", "", "The title screen and the pause menu: open the settings screen.") \
  X(MenuQuit, "ui.menu.quit", "Quit", "", "The title screen: close the game.") \
  X(MenuBack, "ui.menu.back", "Back", "", "The last row of the settings and History screens: go back.") \
  X(PauseTitle, "ui.pause.title", "Paused", "", "The pause menu's title (Esc while playing).") \
  X(PauseResume, "ui.pause.resume", "Continue", "", "The pause menu: go back to the story.") \
  X(PauseHistory, "ui.pause.history", "History", "", "The pause menu: open the History screen (what was read and done).") \
  X(PauseSaveAndQuit, "ui.pause.save_and_quit", "Save and quit", "", "The pause menu: keep the player's place and close the game.") \
  X(HistoryTitle, "ui.history.title", "History", "", "The History screen's title: the lines read and the gestures made, newest last.") \
  X(HistoryEmpty, "ui.history.empty", "Nothing yet.", "", "The History screen when nothing has been read yet.") \
  X(HistoryFootnote, "ui.history.footnote", "Up and Down read back. Esc or H goes back to the game.", "", "Under the History screen's rows: the keys. Up, Down, Esc and H are the keys' names.") \
  X(SettingsTitle, "ui.settings.title", "Settings", "", "The settings screen's title.") \
  X(SettingsFootnote, "ui.settings.footnote", "Left and right, or a click, change a setting. Esc goes back.", "", "Under the settings screen's rows: how to change them.") \
  X(SettingsMore, "ui.settings.more", "More settings above and below: Up and Down.", "", "Before the settings footnote when the rows do not all fit at a large text size.") \
  X(SettingsRow, "ui.settings.row", "{setting}: {value}", "", "A row of the settings screen: {setting} is its name (ui.settings.*), {value} its value (ui.value.*), e.g. \"Text size: 100%\".") \
  X(SettingsTextSize, "ui.settings.text_size", "Text size", "", "A setting: how large the text is (75% to 200%).") \
  X(SettingsTextSpeed, "ui.settings.text_speed", "Text speed", "", "A setting: how long the lines stay before the next (slowest to fastest).") \
  X(SettingsVolume, "ui.settings.volume", "Volume", "", "A setting: the loudness of all the sound.") \
  X(SettingsRoomSound, "ui.settings.room_sound", "Room sound", "", "A setting: the loudness of the rooms' ambient sound (hum, rain, a clock).") \
  X(SettingsEffects, "ui.settings.effects", "Effects", "", "A setting: the loudness of the one-shot sounds (a cup set down).") \
  X(SettingsMusic, "ui.settings.music", "Music", "", "A setting: the loudness of the music.") \
  X(SettingsHints, "ui.settings.hints", "Hints", "", "A setting: say the gestures on offer in words at the foot of the screen.") \
  X(SettingsReducedMotion, "ui.settings.reduced_motion", "Reduced motion", "", "A setting: no drift of the camera, no fades.") \
  X(SettingsFullscreen, "ui.settings.fullscreen", "Fullscreen", "", "A setting: the game fills the screen.") \
  X(SettingsUntimed, "ui.settings.untimed", "Untimed gestures", "", "A setting: holds are pressed once to start and once to stop, with no time to keep.") \
  X(SettingsTime, "ui.settings.time", "Time to act", "", "A setting: how much longer the player has to act in a moment (1× to 3×, or untimed).") \
  X(SettingsCooldown, "ui.settings.cooldown", "Pause after a touch", "", "A setting: how long a touch is ignored after the last, for a hand that taps twice.") \
  X(SettingsFont, "ui.settings.font", "Font", "", "A setting: the face of the text (EB Garamond, OpenDyslexic, DejaVu Sans).") \
  X(SettingsLineSpacing, "ui.settings.line_spacing", "Line spacing", "", "A setting: the distance between the rows of text.") \
  X(SettingsHighContrast, "ui.settings.high_contrast", "High-contrast text", "", "A setting: white text on a black band.") \
  X(SettingsCaptions, "ui.settings.captions", "Captions", "", "A setting: the sounds said in words at the foot of the screen.") \
  X(SettingsSpeech, "ui.settings.speech", "Speech", "", "A setting: the game reads its text aloud (off, the lines, or the lines and the things pointed at).") \
  X(SettingsSpeechVolume, "ui.settings.speech_volume", "Speech volume", "", "A setting: the loudness of the voice that reads aloud.") \
  X(SettingsLanguage, "ui.settings.language", "Language", "", "A setting: the language of the story and of the game. Its value is each language's own name (ui.language.name).") \
  X(LanguageName, "ui.language.name", "English", "", "This catalogue's language in its own words, as the Language setting lists it (\"Français\").") \
  X(ValueOn, "ui.value.on", "on", "", "The value of a setting that is on.") \
  X(ValueOff, "ui.value.off", "off", "", "The value of a setting that is off.") \
  X(ValuePercent, "ui.value.percent", "{n}%", "{n}%", "A setting's value in percent: {n} is a whole number (75, 100, 200).") \
  X(ValueSeconds, "ui.value.seconds", "{n} s", "{n} s", "A setting's value in seconds (the pause after a touch): {n} is 0.5, 1 or 2.") \
  X(ValueTimes, "ui.value.times", "{n}×", "{n}×", "Time to act: {n} times as long (1, 1.5, 2, 3).") \
  X(DecimalPoint, "ui.value.decimal_point", ".", "", "The decimal point of the numbers in the settings (1.5×, 0.5 s): \",\" in French.") \
  X(ValueUntimed, "ui.value.untimed", "untimed", "", "Time to act: no time limit at all.") \
  X(ValueSlowest, "ui.value.slowest", "slowest", "", "Text speed, the slowest of five.") \
  X(ValueSlow, "ui.value.slow", "slow", "", "Text speed, the second of five.") \
  X(ValueNormal, "ui.value.normal", "normal", "", "Text speed, the middle of five.") \
  X(ValueFast, "ui.value.fast", "fast", "", "Text speed, the fourth of five.") \
  X(ValueFastest, "ui.value.fastest", "fastest", "", "Text speed, the fastest of five.") \
  X(ValueLines, "ui.value.lines", "lines", "", "Speech: the story's lines are read aloud.") \
  X(ValueLinesAndThings, "ui.value.lines_and_things", "lines and things", "", "Speech: the lines, and the thing the player points at, are read aloud.") \
  X(ValueNotInstalled, "ui.value.not_installed", "{font} (not installed)", "", "The Font setting when that face is not on the machine: {font} is its name.") \
  X(NoticeContinue, "ui.notice.continue", "Continue", "", "The one row under a notice: dismiss it.") \
  X(NoticeSaveUnreadable, "ui.notice.save_unreadable", "The saved game cannot be read", "", "A notice's title: Continue found a save it cannot read (the reason follows, in English).") \
  X(NoticeStoryChanged, "ui.notice.story_changed", "The story has changed since you saved", "", "A notice's title: Continue found the story edited since the save (what was repaired follows).") \
  X(NoticeAutosaveFailed, "ui.notice.autosave_failed", "Your place was not saved", "", "A notice's title: the save on entering a scene failed (the reason follows).") \
  X(NoticeAutosaveGoesOn, "ui.notice.autosave_goes_on", "The game goes on; Save and quit will try again, or say what still fails.", "", "The last line of the notice \"Your place was not saved\".") \
  X(SaveFailedTitle, "ui.save_failed.title", "The game was not saved", "", "The screen shown when Save and quit could not save.") \
  X(SaveFailedWhy, "ui.save_failed.why", "{error}\nQuitting now would lose the game since the last save.", "", "Under \"The game was not saved\": {error} is the reason (ui.file.*); keep the line break.") \
  X(FileCreate, "ui.file.create", "cannot create the folder {path}: {reason}", "", "A save or the settings failed: the folder could not be made. {path} is the folder, {reason} the system's reason (ui.reason.*).") \
  X(FileNotAFolder, "ui.file.not_a_folder", "{path} is a file, not a folder", "", "A save failed: where the game keeps its files ({path}, a folder) there is a file of that name.") \
  X(FileWrite, "ui.file.write", "cannot write {path}: {reason}", "", "A save failed while writing: {path} is the file, {reason} the system's reason (ui.reason.*).") \
  X(FileFlush, "ui.file.flush", "cannot write {path} to the disk: {reason}", "", "A save failed while making sure it is on the disk: {path} is the file, {reason} the system's reason (ui.reason.*).") \
  X(FileClose, "ui.file.close", "cannot finish writing {path}: {reason}", "", "A save failed while closing the file: {path} is the file, {reason} the system's reason (ui.reason.*).") \
  X(FileReplace, "ui.file.replace", "cannot put {path} in place of the last save: {reason}", "", "A save failed at its last step, replacing the previous save ({path}) with the new one; {reason} is the system's reason (ui.reason.*).") \
  X(FileSyncFolder, "ui.file.sync_folder", "cannot make the save last in {path}: {reason}", "", "A save was written but its folder ({path}) could not be synced to the disk; {reason} is the system's reason (ui.reason.*).") \
  X(ReasonNoSpace, "ui.reason.no_space", "the disk is full", "", "The system's reason, in {reason} (ENOSPC).") \
  X(ReasonQuota, "ui.reason.quota", "your disk quota is used up", "", "The system's reason (EDQUOT).") \
  X(ReasonReadOnly, "ui.reason.read_only", "the disk can only be read", "", "The system's reason (EROFS).") \
  X(ReasonDenied, "ui.reason.denied", "you are not allowed to write there", "", "The system's reason (EACCES, EPERM).") \
  X(ReasonMissing, "ui.reason.missing", "a folder on the way does not exist", "", "The system's reason (ENOENT).") \
  X(ReasonNotAFolder, "ui.reason.not_a_folder", "a part of the path is a file, not a folder", "", "The system's reason (ENOTDIR).") \
  X(ReasonIsAFolder, "ui.reason.is_a_folder", "there is a folder of that name", "", "The system's reason (EISDIR).") \
  X(ReasonIo, "ui.reason.io", "the disk failed (input/output error)", "", "The system's reason (EIO).") \
  X(ReasonOther, "ui.reason.other", "{reason} (the system's words)", "", "Any other reason (rare): {reason} is the system's own words, in English.") \
  X(SaveFailedRetry, "ui.save_failed.retry", "Try again", "", "The save-failed screen: try to save again.") \
  X(SaveFailedQuit, "ui.save_failed.quit", "Quit without saving", "", "The save-failed screen: close the game, losing what was played since the last save.") \
  X(SaveFailedBack, "ui.save_failed.back", "Back to the game", "", "The save-failed screen: play on.") \
  X(EndingFootnote, "ui.ending.footnote", "Press Enter or click to return to the title", "", "Under the ending, once it has been read.") \
  X(SpeechActOrWait, "ui.speech.act_or_wait", "You can act. Or wait.", "", "Said aloud (speech on) when a moment opens in which the player may act or stay silent.") \
  X(SpeechAct, "ui.speech.act", "You can act.", "", "Said aloud when a moment opens in which the player may act.") \
  X(SpeechWait, "ui.speech.wait", "You can wait.", "", "Said aloud when a moment opens in which the player may only stay silent.") \
  X(SpeechThing, "ui.speech.thing", "{thing}: {hints}", "", "Said aloud when the player points at a thing (hints on): {thing} is its name (\"the cup\"), {hints} what may be done to it, ending in a full stop.") \
  X(SpeechOr, "ui.speech.or", "{first}, or {next}", "", "Joins two of the hints said aloud for a thing: {first} (one or more) and {next} (\"Touch the cup, or Hold the cup\").") \
  X(GestureWait, "ui.gesture.wait", "Stay silent", "", "A hint at the foot of the screen (hints on): the player may stay silent.") \
  X(GestureTurnAway, "ui.gesture.turn_away", "Turn away", "", "A hint (hints on): the player may turn away from the scene.") \
  X(GestureWaitKey, "ui.gesture.wait_key", "{hint} (W)", "", "A hint with untimed gestures on: {hint} is \"Stay silent\" (ui.gesture.wait); W is the key.") \
  X(GestureTouchKey, "ui.gesture.touch_key", "{hint} (T)", "", "A hint with untimed gestures on, for a thing that can also be held: {hint} is the touch (\"Touch the kettle\"); T is the key.") \
  X(HistoryLetGo, "ui.history.let_go", "You let go of {thing}.", "", "The History screen, when the player let go of a hold on {thing} (\"the cup\") before it was reached, and the story has no words of its own for it.") \
  X(HistoryLetGoOfIt, "ui.history.let_go_of_it", "You let go of it.", "", "The same, when the thing has no name.") \
  X(TextHeading, "ui.text.heading", "— {place}, {time} —", "", "The terminal player (threshold text): a scene begins. {place} is the place's name (the story's place/<id>/name: \"bus stop\"), {time} the time of day (ui.time.*).") \
  X(TextHeadingDay, "ui.text.heading_day", "— day {day}, {place}, {time} —", "", "The same for a scene of a numbered day: {day} is 1 to 5, {place} and {time} as in ui.text.heading.") \
  X(TimeDawn, "ui.time.dawn", "dawn", "", "A time of day, in the terminal player's scene headings.") \
  X(TimeMorning, "ui.time.morning", "morning", "", "A time of day.") \
  X(TimeMidday, "ui.time.midday", "midday", "", "A time of day.") \
  X(TimeAfternoon, "ui.time.afternoon", "afternoon", "", "A time of day.") \
  X(TimeEvening, "ui.time.evening", "evening", "", "A time of day.") \
  X(TimeNight, "ui.time.night", "night", "", "A time of day.") \
  X(TextEnding, "ui.text.ending", "* {title} *", "", "The terminal player: an ending is reached; {title} is its title.") \
  X(TextAMoment, "ui.text.a_moment", "(A moment.)", "", "The terminal player: the player stayed silent a few seconds.") \
  X(TextAWhile, "ui.text.a_while", "(A while.)", "", "The terminal player: the player stayed silent 5 to 15 seconds.") \
  X(TextALongWhile, "ui.text.a_long_while", "(A long while.)", "", "The terminal player: the player stayed silent 15 seconds or more.") \
  X(TextSecondsPass, "ui.text.seconds_pass", "({n} second passes.)", "({n} seconds pass.)", "The terminal player with --timings (a writer's tool): {n} seconds of silence.") \
  X(TextMoreSecondsPass, "ui.text.more_seconds_pass", "({n} more second passes.)", "({n} more seconds pass.)", "The same, for a silence kept after one already told: {n} seconds more.") \
  X(TextSilentOption, "ui.text.silent_option", "(an empty line: stay silent)", "", "The terminal player: under the numbered gestures on offer.") \
  X(TextCloseBook, "ui.text.close_book", "You close the book.", "", "The terminal player: the player ended the input (Ctrl-D) before the story ended.") \
  X(TextPressEnter, "ui.text.press_enter", "Press Enter to stay silent.", "", "The terminal player, after an answer it did not understand, when only silence is offered.") \
  X(TextTypeOne, "ui.text.type_one", "Type 1, or press Enter to stay silent.", "", "The same, when one gesture is offered.") \
  X(TextTypeNumber, "ui.text.type_number", "Type a number from 1 to {n}, or press Enter to stay silent.", "Type a number from 1 to {n}, or press Enter to stay silent.", "The same, when {n} gestures (2 or more) are offered.") \
  X(GesturePress, "ui.gesture.press", "{hint} (press to start, again to stop)", "", "A hint with untimed gestures on, for a hold, push or pull: {hint} is the gesture (\"Hold the cup\").")
// clang-format on

namespace threshold::locale {

enum class Ui : uint16_t {
#define THRESHOLD_UI_ENUM(id, context, english, plural, note) id,
  THRESHOLD_UI_STRINGS(THRESHOLD_UI_ENUM)
#undef THRESHOLD_UI_ENUM
};

struct UiString {
  Ui id;
  const char* context;  // the msgctxt: ui.<where>.<what>
  const char* english;
  const char* plural;  // the English plural ("" for none): chosen by {n}
  const char* note;    // for the translator (`#.`)
};

// Every row of the table, in its order.
const std::vector<UiString>& ui_strings();
const UiString& ui_string(Ui id);

// The rows as the POT holds them, after the story's strings (write_pot): the game's source, not
// the story's, is their reference.
std::vector<StoryString> ui_pot_strings();

// The `{name}`s of `text`, in order ("{{" is a brace, not a name).
std::vector<std::string> ui_placeholders(std::string_view text);

// `{name}`s of `text` filled in from `args`; a name with no argument is left as written.
using UiArgs = std::vector<std::pair<std::string_view, std::string>>;
std::string fill_placeholders(std::string_view text, const UiArgs& args);

// The game's words in one language: the catalogue's translation of each row, or the English
// where it has none, it is fuzzy, or its `{}`s are not the English's; or the pseudo-locale.
class UiText {
 public:
  UiText() = default;  // English
  static UiText from_catalogue(const Catalogue& catalogue);
  static UiText pseudo();

  std::string operator()(Ui id, const UiArgs& args = {}) const;
  // A row with plural forms, chosen by `n` (also filled in as {n}, written as `n_text`).
  std::string count(Ui id, double n, const std::string& n_text, const UiArgs& args = {}) const;

  bool english() const { return forms_.empty() && !pseudo_; }
  // The rows that show in English: missing, untranslated, fuzzy, or broken.
  const std::vector<Ui>& fallbacks() const { return fallbacks_; }

 private:
  bool pseudo_ = false;
  PluralRule plural_;
  std::vector<std::vector<std::string>> forms_;  // a row's forms, by Ui; empty: English
  std::vector<Ui> fallbacks_;
};

// What failed in writing a file, in `ui`'s language: the step (ui.file.*) with the system's
// reason (ui.reason.*; the system's own words for a reason the game has no row of).
std::string file_failure_words(const UiText& ui, const story::FileFailure& failure);

}  // namespace threshold::locale
