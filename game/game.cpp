// The game's loop steps, routed to its parts. See game.h.
#include "game.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <filesystem>
#include <utility>

#include "threshold/audio/audio_engine.h"
#include "threshold/debug/live_reload.h"
#include "threshold/story/save.h"

namespace threshold::game {

using platform::Settings;
using story::Event;
using story::kNone;

namespace {

// The pseudo-locale is a language of the Language setting in a debug build (or when the game was
// started in it); a player's build lists only the story's catalogues.
#ifdef NDEBUG
constexpr bool kListPseudoLocale = false;
#else
constexpr bool kListPseudoLocale = true;
#endif

bool is_key(const sf::Event& e, sf::Keyboard::Key k) {
  return e.type == sf::Event::KeyPressed && e.key.code == k;
}

}  // namespace

// A story the caller keeps alive: shared without owning it.
Game::Game(const story::Story& story, render::Renderer& renderer, platform::Paths paths,
           Settings settings, sf::Vector2u window_size, std::ostream& log,
           audio::AudioEngine* audio)
    : Game(std::shared_ptr<const story::Story>(std::shared_ptr<void>(), &story), renderer,
           std::move(paths), settings, window_size, log, audio) {}

Game::Game(std::shared_ptr<const story::Story> story, render::Renderer& renderer,
           platform::Paths paths, Settings settings, sf::Vector2u window_size, std::ostream& log,
           audio::AudioEngine* audio)
    : renderer_(renderer),
      paths_(std::move(paths)),
      settings_(settings),
      log_(log),
      language_(story ? story->dir : std::string(), settings.language, kListPseudoLocale, log),
      narration_(settings_, log),
      play_(std::move(story), renderer, paths_, settings_, log, audio),
      last_fullscreen_(settings.fullscreen) {
  play_.set_narration(&narration_);
  narration_.set_ui(&language_.ui(), &language_.gesture_words());
  play_.set_words(&language_.gesture_words());
  set_window_size(window_size);
  open_screen(Screen::Title);
  apply_volumes();
}

Game::~Game() = default;

void Game::apply_volumes() {
  play_.apply_volumes(debug_.mix().gains());
}

void Game::feed_audio(double real_dt) {
  // The world sounds while it is on screen and moving (playing, and the ending as the engine
  // leaves it); paused, on the menus and the title it fades down.
  play_.feed_audio(real_dt, screen() == Screen::Playing || screen() == Screen::Ending);
}

void Game::set_window_size(sf::Vector2u size) {
  window_size_ = size;
  box_ = platform::letterbox(size.x, size.y);
  dirty_ = true;
}

bool Game::take_fullscreen_change() {
  return std::exchange(fullscreen_change_, false);
}
bool Game::take_screenshot_request() {
  return std::exchange(screenshot_, false);
}

bool Game::autosave_exists() const {
  std::error_code ec;
  return std::filesystem::is_regular_file(paths_.autosave_file(), ec);
}

render::Style Game::style() const {
  render::Style s;
  s.text_scale = settings_.text_scale;
  s.reduced_motion = settings_.reduced_motion;
  s.hints = settings_.hints;
  s.untimed = settings_.untimed;
  // The two enums name the same faces in the same order.
  static_assert(static_cast<int>(render::Face::Sans) == static_cast<int>(platform::TextFace::Sans));
  s.face = static_cast<render::Face>(settings_.face);
  s.line_spacing = settings_.line_spacing;
  s.high_contrast = settings_.high_contrast;
  s.captions = settings_.captions;
  s.words = &language_.gesture_words();
  s.language = language_.choice().language;
  return s;
}

// ---------------------------------------------------------------------------------------------
// Events.

void Game::handle(const sf::Event& event) {
  dirty_ = true;
  // The overlay first: F1, and what is aimed at its panels, are not the game's.
  if (debug_.handle(event)) return;
  switch (event.type) {
    case sf::Event::Resized:
      set_window_size({event.size.width, event.size.height});
      return;
    case sf::Event::Closed:
      // Closing the window mid-story keeps the player's place, as Save and quit does.
      if (play_.running() && !play_.finished()) play_.autosave();
      quit_ = true;
      return;
    default:
      break;
  }
  if (is_key(event, sf::Keyboard::F11)) {
    settings_.fullscreen = !settings_.fullscreen;
    settings_changed();
    return;
  }
  if (is_key(event, sf::Keyboard::F12)) {
    screenshot_ = true;
    return;
  }
  if (screen() == Screen::Playing) {
    const bool pause = is_key(event, sf::Keyboard::Escape);
    // H, or the wheel turned up (toward what was read), opens the History; it lets go of what
    // was held, as pausing does.
    const bool history = is_key(event, sf::Keyboard::H) ||
                         (event.type == sf::Event::MouseWheelScrolled &&
                          event.mouseWheelScroll.wheel == sf::Mouse::VerticalWheel &&
                          event.mouseWheelScroll.delta > 0);
    play_.handle(event, box_, pause || history);
    follow_play();
    if (pause) open_screen(Screen::Paused);
    if (history) {
      menus_.open_history(menu_facts(), Screen::Playing);
      dirty_ = true;
    }
  } else if (screen() == Screen::Ending) {
    const bool pressed =
        (event.type == sf::Event::KeyPressed &&
         (event.key.code == sf::Keyboard::Enter || event.key.code == sf::Keyboard::Space ||
          event.key.code == sf::Keyboard::Escape)) ||
        event.type == sf::Event::MouseButtonPressed;
    if (pressed) open_screen(Screen::Title);
  } else {
    handle_menu(event);
  }
  follow_menu();
}

// ---------------------------------------------------------------------------------------------
// Time.

void Game::advance(double real_dt) {
  if (!(real_dt > 0)) return;
  debug_.advance(real_dt);
  if (screen() != Screen::Playing || !play_.running()) {
    feed_audio(real_dt);  // the sound fades down (or runs out) while the story stands still
    return;
  }
  // The overlay's Time panel may pause the story's clock, step it or scale it; the sound and
  // the frames keep real time.
  const double dt = debug_.time().story_seconds(real_dt);
  if (!(dt > 0)) {
    play_.apply_input();  // paused: a press still reaches the runtime, at the paused instant
    follow_play();
    feed_audio(real_dt);
    return;
  }
  play_.advance(dt);
  follow_play();
  if (play_.finished() && screen() == Screen::Playing) finish_story();
  follow_menu();
  feed_audio(real_dt);
}

void Game::follow_play() {
  if (play_.take_changed()) dirty_ = true;
  if (play_.take_autosave_failure()) show_autosave_failure();
}

bool Game::still() const {
  if (screen() == Screen::Title || screen() == Screen::Settings || screen() == Screen::Notice ||
      screen() == Screen::Paused || screen() == Screen::SaveFailed || screen() == Screen::History) {
    return true;
  }
  return play_.still();
}

bool Game::calm() const {
  if (still()) return true;
  if (screen() != Screen::Playing) return true;
  return play_.calm();
}

uint64_t Game::ambient_key() const {
  const bool scene_shown = screen() == Screen::Playing || screen() == Screen::Paused ||
                           screen() == Screen::Ending || screen() == Screen::SaveFailed;
  if (!scene_shown) return 0;
  const unsigned frame_w = static_cast<unsigned>(std::lround(box_.scale * story::kFrameWidth));
  return play_.ambient_key(style(), frame_w);
}

std::optional<sf::IntRect> Game::motion_area(sf::Vector2u target_size) {
  if (screen() != Screen::Playing || overlay_open() || dirty_ || target_size != window_size_) {
    return {};
  }
  return play_.motion_area(style(), target_size);
}

// ---------------------------------------------------------------------------------------------
// Starting, saving, ending.

void Game::start_new(story::SceneId scene) {
  play_.start(scene);
  open_screen(Screen::Playing);
  follow_play();
}

void Game::start_at(story::SceneId scene) {
  if (scene < 0 || static_cast<size_t>(scene) >= story()->scenes.size()) return;
  start_new(scene);
}

void Game::continue_saved() {
  const std::string path = paths_.autosave_file();
  story::LoadedSave loaded = story::load_file(path, *story());
  if (!loaded.ok) {
    log_ << "threshold: cannot continue from " << path << ": " << loaded.error << "\n";
    menus_.show_notice(language_.ui()(locale::Ui::NoticeSaveUnreadable), {loaded.error},
                       Screen::Title);
    dirty_ = true;
    return;
  }
  const std::vector<std::string> notices = loaded.notices;
  play_.restore(std::move(loaded));
  for (const std::string& n : notices) log_ << "threshold: " << path << ": " << n << "\n";
  if (!notices.empty()) {
    menus_.show_notice(language_.ui()(locale::Ui::NoticeStoryChanged), notices, Screen::Playing);
    dirty_ = true;
  } else {
    open_screen(Screen::Playing);
  }
}

// A panel of the overlay changed the runtime. `moved`: its state was replaced (a rewind, a
// restarted scene), so what the game keeps from earlier events (the lines on screen, the input
// it applied, the sound's scene) is rebuilt; otherwise (an edited variable, a jump, whose
// events say what happened) the game follows the events as it does after a step.
void Game::runtime_changed(const std::vector<Event>& events, bool moved) {
  if (!play_.running()) return;
  dirty_ = true;
  play_.runtime_changed(events, moved);
  follow_play();
  if (play_.finished()) {
    if (screen() == Screen::Playing) finish_story();
  } else if (screen() != Screen::Playing) {
    open_screen(Screen::Playing);  // jumped or rewound from the ending or a menu: play on
  }
}

void Game::show_autosave_failure() {
  // Once: a data directory that cannot be written fails every scene, and the player needs
  // telling, not interrupting at every door. Save and quit says it again if it still fails.
  if (autosave_failure_shown_) return;
  autosave_failure_shown_ = true;
  const locale::UiText& ui = language_.ui();
  menus_.show_notice(
      ui(locale::Ui::NoticeAutosaveFailed),
      {locale::file_failure_words(ui, play_.save_failure()), ui(locale::Ui::NoticeAutosaveGoesOn)},
      Screen::Playing);
  dirty_ = true;
}

void Game::finish_story() {
  // The story is over: there is nothing to continue.
  std::error_code ec;
  std::filesystem::remove(paths_.autosave_file(), ec);
  open_screen(Screen::Ending);
}

// ---------------------------------------------------------------------------------------------
// Menus.

void Game::open_screen(Screen screen) {
  menus_.open(screen);
  dirty_ = true;
}

MenuFacts Game::menu_facts() const {
  return {story()->title,
          settings_,
          autosave_exists(),
          play_.save_error().empty()
              ? std::string()
              : locale::file_failure_words(language_.ui(), play_.save_failure()),
          renderer_.has_face(render::Face::OpenDyslexic),
          renderer_.has_face(render::Face::Sans),
          &play_.history().items(),
          &language_.ui(),
          language_.options()[language_.index()].name,
          [this](const std::string& text, unsigned size, float width) {
            return renderer_.text_rows(text, size, width, style());
          }};
}

std::vector<std::string> Game::menu_labels() const {
  return menus_.labels(menu_facts());
}
std::string Game::menu_title() const {
  return menus_.title(menu_facts());
}
std::string Game::menu_footnote() const {
  return menus_.footnote(menu_facts());
}
story::Rect Game::menu_item_area(size_t index) const {
  return menus_.item_area(menu_facts(), index);
}

void Game::follow_menu() {
  if (!narration_.on()) return;
  if (screen() == Screen::Playing) {
    narration_.menu(-1, "", "", {}, 0);
    return;
  }
  const MenuFacts facts = menu_facts();
  if (screen() == Screen::Ending) {  // its one line, read once its lines have been
    narration_.menu(static_cast<int>(Screen::Ending), "", "", {menus_.footnote(facts)}, 0);
    return;
  }
  narration_.menu(static_cast<int>(screen()), menus_.title(facts), menus_.footnote(facts),
                  menus_.labels(facts), menus_.selected());
}

void Game::handle_menu(const sf::Event& event) {
  const std::optional<MenuChoice> choice = menus_.handle(event, menu_facts(), box_);
  if (choice) carry_out(*choice);
}

// What the menus leave to the game: the settings' steps, and the choices that start, continue,
// save or quit.
void Game::carry_out(const MenuChoice& choice) {
  if (choice.action == MenuAction::Language) {
    step_language(choice.direction);
    return;
  }
  if (is_setting(choice.action)) {
    if (adjust_setting(settings_, choice.action, choice.direction)) settings_changed();
    return;
  }
  switch (choice.action) {
    case MenuAction::New:
      start_new();
      return;
    case MenuAction::Continue:
      continue_saved();
      return;
    case MenuAction::Quit:
      quit_ = true;
      return;
    case MenuAction::Resume:
      open_screen(Screen::Playing);
      return;
    case MenuAction::History:
      menus_.open_history(menu_facts(), Screen::Paused);
      dirty_ = true;
      return;
    case MenuAction::SaveAndQuit:
      // A save that failed is never a quit: the week would be lost, and the next Continue
      // would silently resume an older save.
      if (!play_.autosave()) {
        open_screen(Screen::SaveFailed);
        return;
      }
      log_ << "threshold: saved to " << paths_.autosave_file() << "\n";
      quit_ = true;
      return;
    case MenuAction::QuitWithoutSaving:
      log_ << "threshold: quit without saving\n";
      quit_ = true;
      return;
    default:
      return;
  }
}

void Game::use_language(const std::string& code) {
  language_.choose(code, log_);
  dirty_ = true;
}

void Game::step_language(int direction) {
  const size_t n = language_.options().size();
  const int step = direction == 0 ? 1 : direction;
  int i = static_cast<int>(language_.index()) + step;
  i = direction == 0 ? (i % static_cast<int>(n) + static_cast<int>(n)) % static_cast<int>(n)
                     : std::clamp(i, 0, static_cast<int>(n) - 1);
  if (static_cast<size_t>(i) == language_.index()) return;
  settings_.language = language_.options()[static_cast<size_t>(i)].code;
  language_.choose(settings_.language, log_);
  // The story again, in the new language: the player's place is ids and indexes, which a
  // translation leaves as they are (saves carry no language).
  const DebugHost::Reload reload =
      debug_.reload(language_.preparation(), play_.runtime(), play_.timeline(), *story(), log_);
  if (reload == DebugHost::Reload::Replaced) {
    play_.set_story(debug_.live()->story());
    if (play_.running()) play_.after_reload();
    story_swapped_ = true;
  }
  settings_changed();
}

void Game::settings_changed() {
  dirty_ = true;
  if (settings_.fullscreen != last_fullscreen_) {
    last_fullscreen_ = settings_.fullscreen;
    fullscreen_change_ = true;
  }
  play_.settings_changed();
  narration_.settings_changed();
  apply_volumes();
  std::string error = platform::ensure_directory(paths_.config_dir);
  if (error.empty()) error = platform::save_settings(paths_.settings_file(), settings_);
  if (!error.empty()) log_ << "threshold: could not save the settings: " << error << "\n";
}

// ---------------------------------------------------------------------------------------------
// Drawing.

void Game::draw(sf::RenderTarget& target) {
  draw_game(target);
  draw_overlay(target);
}

void Game::draw_game(sf::RenderTarget& target) {
  dirty_ = false;
  const sf::Vector2u size = target.getSize();
  if (size != window_size_) set_window_size(size);
  dirty_ = false;
  target.setView(target.getDefaultView());
  target.clear(sf::Color::Black);
  target.setView(platform::frame_view(box_));
  const render::Style st = style();
  if (play_.running() && menus_.scene_behind()) {
    play_.draw(target, st, screen() != Screen::Playing && screen() != Screen::Ending);
  }
  menus_.draw(target, renderer_, menu_facts(), st);
}

// ---------------------------------------------------------------------------------------------
// The debug overlay and live reload.

void Game::enable_overlay(std::string ini_path, bool open, std::string font_path) {
  debug_.enable_overlay(std::move(ini_path), open, std::move(font_path));
  dirty_ = true;
}

void Game::set_audio(audio::AudioEngine* audio) {
  play_.set_audio(audio);
  apply_volumes();
  if (audio) audio->restart();
}

void Game::set_speech(Narration::Connect connect) {
  narration_.set_connect(std::move(connect));
  follow_menu();
}

void Game::watch_story(std::unique_ptr<debug::LiveStory> live, bool watch_files) {
  watch_files_ = watch_files;
  // The live story is the one to play from now on, when nothing is running yet.
  if (live && live->ok() && live->story() != story() && !play_.running()) {
    play_.set_story(live->story());
  }
  debug_.watch(std::move(live));
}

bool Game::poll_story() {
  if (!watch_files_) return std::exchange(story_swapped_, false);
  const DebugHost::Reload reload = debug_.poll(play_.runtime(), play_.timeline(), *story(), log_);
  if (reload == DebugHost::Reload::None) return std::exchange(story_swapped_, false);
  dirty_ = true;
  // An edited image or sound is read again, whether or not the story's text still loads.
  const std::vector<std::string>& changed = debug_.live()->watcher().changed();
  renderer_.forget_files(changed);
  if (play_.audio()) play_.audio()->forget_files(changed);
  if (reload == DebugHost::Reload::Kept) return std::exchange(story_swapped_, false);
  story_swapped_ = false;
  play_.set_story(debug_.live()->story());
  if (play_.running()) {
    play_.after_reload();
    if (play_.finished() && screen() == Screen::Playing) finish_story();
  }
  return true;
}

debug::Session Game::debug_session() {
  debug::Session session;
  session.story = story();
  session.runtime = play_.runtime();
  session.timeline = &play_.timeline();
  session.draw_calls = renderer_.last_draw_calls();
  debug_.fill(session, play_.audio(), play_.runtime());
  session.changed = [this](const std::vector<Event>& events, bool moved) {
    runtime_changed(events, moved);
  };
  session.start_at = [this](story::SceneId scene) { start_at(scene); };
  return session;
}

void Game::draw_overlay(sf::RenderTarget& target) {
  if (!debug_.overlay_open()) {
    debug_.skip_frame();
    return;
  }
  debug::Session session = debug_session();
  if (debug_.draw(target, session, play_.audio())) apply_volumes();
}

}  // namespace threshold::game
