// The game's menus: which screen is up (title, pause, settings, a notice, the save-failed
// screen, the ending), what each lists, which item is highlighted, and what the player chose.
// Every menu is a list of entries (MenuEntry: an action and its words), built in one place
// (Menus::entries) and read by drawing, the pointer and the tests alike, so speech, captions
// and translations have one list to read. Game (game.h) owns one and carries out the choices
// that reach beyond the menus (start, continue, quit, save); the settings screen's steps are
// applied here (adjust_setting).
#pragma once

#include <SFML/Graphics/RenderTarget.hpp>
#include <SFML/Window/Event.hpp>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "history.h"
#include "threshold/locale/ui_strings.h"
#include "threshold/platform/letterbox.h"
#include "threshold/platform/settings.h"
#include "threshold/render/renderer.h"

namespace threshold::game {

// SaveFailed: Save and quit could not save; the game stays, says why, and offers to try again,
// to quit without saving, or to play on.
// History: what the player has read and done, newest last (history.h); it shows, never undoes.
enum class Screen : uint8_t {
  Title,
  Playing,
  Paused,
  Settings,
  Notice,
  Ending,
  SaveFailed,
  History
};

enum class MenuAction : uint8_t {
  New,
  Continue,
  Settings,
  Quit,
  Resume,
  SaveAndQuit,
  QuitWithoutSaving,
  Back,
  Dismiss,
  TextSize,
  TextSpeed,
  Volume,
  Ambience,
  Effects,
  Music,
  Hints,
  ReducedMotion,
  Fullscreen,
  Untimed,
  Time,
  Cooldown,
  Font,
  LineSpacing,
  HighContrast,
  Captions,
  Speech,
  SpeechVolume,
  Language,     // the settings screen: steps among MenuFacts::languages (Game carries it out)
  History,      // opens the History screen (the pause menu)
  HistoryItem,  // a line or a gesture on the History screen: read, never chosen
};

struct MenuEntry {
  MenuAction action;
  std::string label;
};

// What the menus show that lives elsewhere, as it is now.
struct MenuFacts {
  const std::string& story_title;
  const platform::Settings& settings;
  bool autosave_exists = false;
  std::string save_error;  // why the last save failed, in the player's language
  // The faces the renderer found (a face that is not installed is named so).
  bool has_dyslexic_face = true;
  bool has_sans_face = true;
  // What the History screen lists (null: nothing yet).
  const std::deque<HistoryItem>* history = nullptr;
  // The game's words in the player's language, and the Language setting's value.
  const locale::UiText* ui = nullptr;  // null: English
  std::string language_name = "English";
  // The rows a text wraps to at a letter size in a column, as the renderer wraps it (the game's:
  // Renderer::text_rows); null: estimated from its length.
  std::function<size_t(const std::string&, unsigned, float)> rows;
};

// A choice for the game to carry out: `direction` 0 for Enter or a click (choose; a setting
// steps forward, wrapping), -1/+1 for Left/Right (a setting steps that way).
struct MenuChoice {
  MenuAction action;
  int direction = 0;
};

// True for the settings screen's entries (adjust_setting applies them, Language aside).
bool is_setting(MenuAction action);
// Steps the setting `action` names; false when `action` is no setting.
bool adjust_setting(platform::Settings& settings, MenuAction action, int direction);

class Menus {
 public:
  Screen screen() const { return screen_; }
  size_t selected() const { return selected_; }
  void open(Screen screen);
  // A notice (its title and lines) that returns to `back` when dismissed.
  // Its words are put in the player's language by whoever shows it (locale::UiText).
  void show_notice(std::string title, std::vector<std::string> lines, Screen back);
  // The History screen over `back` (Playing or Paused), at its newest item.
  void open_history(const MenuFacts& facts, Screen back);

  std::vector<MenuEntry> entries(const MenuFacts& facts) const;
  size_t count_of(const MenuFacts& facts) const { return entries(facts).size(); }
  std::vector<std::string> labels(const MenuFacts& facts) const;
  std::string title(const MenuFacts& facts) const;
  std::string footnote(const MenuFacts& facts) const;
  // Where an item lies in the frame, for the pointer (matches Renderer::draw_menu); an empty
  // Rect for an item scrolled out of the window.
  story::Rect item_area(const MenuFacts& facts, size_t index) const;
  // `base` with the text size capped so the whole menu fits; the settings screen keeps the
  // player's size and shows a window of its rows instead.
  render::Style style(const MenuFacts& facts, render::Style base) const;
  // The rows shown: [first, first + count) of entries(). All of them, or on the settings screen
  // at a text size too large for all, a window that keeps the highlight within it (the
  // keyboard and the wheel move through the rest); the title is shown only with all of them.
  struct Window {
    size_t first = 0, count = 0;
    bool clipped(size_t entries) const { return count < entries; }
  };
  Window window(const MenuFacts& facts) const;
  // Whether the scene is drawn behind the menu on screen.
  bool scene_behind() const;

  // Keys and the pointer: moves the highlight itself and opens Settings, Back and a notice's
  // Continue; any other choice is returned for the game.
  std::optional<MenuChoice> handle(const sf::Event& event, const MenuFacts& facts,
                                   const platform::Letterbox& box);
  // The same for a choice made elsewhere (Esc on a menu, a test).
  std::optional<MenuChoice> activate(const MenuFacts& facts, MenuAction action, int direction);

  // The menu on screen (or the ending's line) over what is drawn already.
  void draw(sf::RenderTarget& target, render::Renderer& renderer, const MenuFacts& facts,
            const render::Style& base) const;

 private:
  Screen screen_ = Screen::Title;
  Screen settings_return_ = Screen::Title;  // where Settings' Back goes
  Screen notice_return_ = Screen::Title;
  Screen history_return_ = Screen::Playing;
  size_t selected_ = 0;
  std::string notice_title_;
  std::vector<std::string> notice_lines_;
};

}  // namespace threshold::game
