// The game's screens and loop steps. See game.h.
#include "game/game.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <utility>

#include "engine/audio/audio_engine.h"
#include "engine/debug/live_reload.h"
#include "engine/story/save.h"

namespace threshold::game {

using platform::Settings;
using story::Event;
using story::EventKind;
using story::GestureKind;
using story::kNone;

namespace {

// How long a line's fade-in and a scene's fade take, for deciding whether the frame is still
// moving. Generous: redrawing a little longer than needed costs little.
constexpr double kFadeSeconds = 2.5;
constexpr float kTextSpeeds[] = {0.5f, 0.75f, 1.0f, 1.5f, 2.0f};
constexpr const char* kTextSpeedNames[] = {"slowest", "slow", "normal", "fast", "fastest"};

std::string percent(float v) { return std::to_string(static_cast<int>(std::lround(v * 100))) + "%"; }
std::string on_off(bool b) { return b ? "on" : "off"; }

size_t speed_index(float speed) {
  size_t best = 0;
  for (size_t i = 1; i < std::size(kTextSpeeds); ++i) {
    if (std::abs(kTextSpeeds[i] - speed) < std::abs(kTextSpeeds[best] - speed)) best = i;
  }
  return best;
}

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
    : story_(std::move(story)),
      renderer_(renderer),
      paths_(std::move(paths)),
      settings_(settings),
      log_(log),
      audio_(audio),
      last_fullscreen_(settings.fullscreen) {
  set_window_size(window_size);
  open_screen(Screen::Title);
  apply_volumes();
}

Game::~Game() = default;

void Game::apply_volumes() {
  if (!audio_) return;
  audio_->set_volume(settings_.master_volume);
  const std::array<float, 3> mix = mix_.gains();
  audio_->set_bus_volumes(settings_.ambience_volume * mix[0], settings_.effects_volume * mix[1],
                          settings_.music_volume * mix[2]);
}

void Game::feed_audio(double dt) {
  if (!audio_ || !runtime_) return;
  // The world sounds while it is on screen and moving (playing, and the ending as the engine
  // leaves it); paused, on the menus and the title it fades down, to come back on resuming.
  const bool live = screen_ == Screen::Playing || screen_ == Screen::Ending;
  audio_->set_world_level(live ? 1.f : 0.f);
  audio_->update(*runtime_, dt, heard_);
  heard_.clear();
}

void Game::set_window_size(sf::Vector2u size) {
  window_size_ = size;
  box_ = platform::letterbox(size.x, size.y);
  dirty_ = true;
}

bool Game::take_fullscreen_change() { return std::exchange(fullscreen_change_, false); }
bool Game::take_screenshot_request() { return std::exchange(screenshot_, false); }

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
  return s;
}

// ---------------------------------------------------------------------------------------------
// Events.

void Game::handle(const sf::Event& event) {
  dirty_ = true;
  // The overlay first: F1, and what is aimed at its panels, are not the game's.
  if (overlay_ && overlay_->handle(event)) return;
  switch (event.type) {
    case sf::Event::Resized:
      set_window_size({event.size.width, event.size.height});
      return;
    case sf::Event::Closed:
      // Closing the window mid-story keeps the player's place, as Save and quit does.
      if (runtime_ && !runtime_->finished()) autosave();
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
  if (screen_ == Screen::Playing) {
    handle_playing(event);
  } else if (screen_ == Screen::Ending) {
    const bool pressed = (event.type == sf::Event::KeyPressed &&
                          (event.key.code == sf::Keyboard::Enter ||
                           event.key.code == sf::Keyboard::Space ||
                           event.key.code == sf::Keyboard::Escape)) ||
                         event.type == sf::Event::MouseButtonPressed;
    if (pressed) open_screen(Screen::Title);
  } else {
    handle_menu(event);
  }
}

void Game::handle_playing(const sf::Event& event) {
  if (is_key(event, sf::Keyboard::Escape)) {
    // Pausing lets go of whatever was held (an early release is a hesitation, as it would be
    // if the hand left the key); an untimed hold stays, as the player left it. Esc is a key
    // pressed: the mapper hears it, for the player's hands.
    mapper_.handle(event, box_, context_);
    mapper_.release_all();
    apply_input();
    open_screen(Screen::Paused);
    return;
  }
  if (mapper_.handle(event, box_, context_)) apply_input();
}

void Game::apply_input() {
  if (!runtime_) return;
  const story::Input in = mapper_.input();
  if (in == applied_) return;
  std::vector<Event> events;
  timeline_.step(*runtime_, 0, in, events);
  applied_ = in;
  observe(events);
}

// ---------------------------------------------------------------------------------------------
// Time.

void Game::advance(double real_dt) {
  if (!(real_dt > 0)) return;
  overlay_clock_ += real_dt;
  if (screen_ != Screen::Playing || !runtime_) {
    feed_audio(real_dt);  // the sound fades down (or runs out) while the story stands still
    return;
  }
  // The overlay's Time panel may pause the story's clock, step it or scale it; the sound and
  // the frames keep real time.
  const double dt = time_.story_seconds(real_dt);
  if (!(dt > 0)) {
    apply_input();  // paused: a press still reaches the runtime, at the paused instant
    feed_audio(real_dt);
    return;
  }
  double remaining = dt;
  // Each pass ends at a deadline or at the end of dt; a pass that changes the scene rebuilds
  // the input context, so the next pass steps with the input as it now is.
  for (int pass = 0; remaining > 1e-12 && pass < 64 && !runtime_->finished(); ++pass) {
    apply_input();
    if (runtime_->finished()) break;
    const double speed = settings_.text_speed;
    std::vector<Event> events;
    if (runtime_->in_moment() || speed == 1.0) {
      timeline_.step(*runtime_, remaining, applied_, events);
      remaining = 0;
    } else {
      // Lines linger 1/speed as long in real time; split at the next deadline so that a moment
      // opening mid-frame runs at real time from its first instant.
      const double until = runtime_->next_deadline(applied_);
      const double real = std::min(remaining, until / speed);
      timeline_.step(*runtime_, real * speed, applied_, events);
      remaining -= real;
    }
    observe(events);
  }
  if (runtime_->finished() && screen_ == Screen::Playing) finish_story();
  feed_audio(real_dt);
}

void Game::observe(const std::vector<Event>& events) {
  if (events.empty()) return;
  dirty_ = true;
  if (audio_) heard_.insert(heard_.end(), events.begin(), events.end());
  bool entered = false;
  for (const Event& e : events) {
    stage_.observe(*story_, e);
    switch (e.kind) {
      case EventKind::SceneEntered:
        entered = true;
        break;
      case EventKind::GestureChosen: {
        const story::Moment* m = nullptr;
        const story::Scene& scene = story_->scenes[static_cast<size_t>(e.scene)];
        if (e.beat >= 0 && static_cast<size_t>(e.beat) < scene.beats.size()) {
          const auto& beat = scene.beats[static_cast<size_t>(e.beat)];
          if (beat.moment) m = &*beat.moment;
        }
        if (m && e.gesture >= 0 && static_cast<size_t>(e.gesture) < m->gestures.size() &&
            m->gestures[static_cast<size_t>(e.gesture)].kind == GestureKind::Wait) {
          mapper_.wait_fired();
        }
        break;
      }
      case EventKind::Notice:
        log_ << "threshold: " << e.text << "\n";
        break;
      default:
        break;
    }
  }
  refresh_context();
  if (entered && !runtime_->finished() && !autosave()) show_autosave_failure();
}

void Game::refresh_context() {
  const story::State& s = runtime_->state();
  std::vector<int32_t> key{static_cast<int32_t>(s.phase), s.scene, s.beat};
  const std::vector<int32_t> offered = runtime_->offered();
  key.insert(key.end(), offered.begin(), offered.end());
  if (key == context_key_) return;
  context_key_ = std::move(key);

  platform::InputContext c;
  c.untimed = settings_.untimed;
  c.moment_open = runtime_->in_moment();
  if (const story::Moment* m = runtime_->moment(); m && s.scene >= 0) {
    const story::Scene& scene = story_->scenes[static_cast<size_t>(s.scene)];
    for (int32_t g : offered) {
      const story::Gesture& gesture = m->gestures[static_cast<size_t>(g)];
      const story::ThingId t = gesture.thing;
      if (t == kNone) continue;
      auto at = std::find(c.things.begin(), c.things.end(), t);
      if (at == c.things.end()) {
        c.things.push_back(t);
        c.areas.push_back(renderer_.thing_area(scene, t));
        c.drags.push_back(0);
        at = c.things.end() - 1;
      }
      uint8_t& drags = c.drags[static_cast<size_t>(at - c.things.begin())];
      if (gesture.kind == GestureKind::Push) drags |= platform::kPushes;
      if (gesture.kind == GestureKind::Pull) drags |= platform::kPulls;
    }
  }
  platform::order_for_focus(c);
  context_ = std::move(c);
  mapper_.context_changed(context_);
}

render::Attention Game::attention() const {
  render::Attention a;
  if (!runtime_) return a;
  a.focus = mapper_.attended();
  a.pressed = applied_.press;
  const story::State& s = runtime_->state();
  const story::Moment* m = runtime_->moment();
  if (!m) return a;
  // Progress of the longest hold on the pressed thing, or the longest look on the looked one.
  double longest_hold = 0, longest_look = 0;
  for (int32_t g : runtime_->offered()) {
    const story::Gesture& gesture = m->gestures[static_cast<size_t>(g)];
    if (gesture.kind == GestureKind::Hold && gesture.thing == s.last_input.press) {
      longest_hold = std::max(longest_hold, gesture.seconds);
    }
    if (gesture.kind == GestureKind::Look && gesture.thing == s.last_input.look) {
      longest_look = std::max(longest_look, gesture.seconds);
    }
  }
  if (longest_hold > 0 && !s.press_stale) {
    a.progress = std::max(a.progress, (s.time - s.press_since) / longest_hold);
  }
  if (longest_look > 0) a.progress = std::max(a.progress, (s.time - s.look_since) / longest_look);
  // A push or pull: how far the press has moved, and how far along the way it leans that is.
  a.drag = runtime_->drag_now();
  if (a.pressed != kNone && !s.press_stale) {
    a.progress = std::max(a.progress, runtime_->drag_lean(a.pressed, a.drag).progress);
  }
  a.progress = std::clamp(a.progress, 0.0, 1.0);
  return a;
}

bool Game::still() const {
  if (screen_ == Screen::Title || screen_ == Screen::Settings || screen_ == Screen::Notice ||
      screen_ == Screen::Paused || screen_ == Screen::SaveFailed) {
    return true;
  }
  if (!runtime_) return true;
  const render::Attention a = attention();
  if (a.progress > 0 && a.progress < 1) return false;  // light gathers while a hold runs
  if (settings_.reduced_motion) return true;           // no drift, no fades, motion frozen
  if (a.focus != kNone || a.pressed != kNone) return false;  // the attended thing's light pulses
  const story::State& s = runtime_->state();
  if (s.scene >= 0) {
    const story::Visual& v = story_->scenes[static_cast<size_t>(s.scene)].visual;
    if (v.authored && (!v.motion.empty() || v.drift > 0)) return false;
  }
  const double now = s.time;
  if (now - stage_.scene_entered_at() < kFadeSeconds) return false;
  if (!stage_.lines().empty() && now - stage_.lines().back().shown_at < kFadeSeconds) return false;
  return true;
}

bool Game::calm() const {
  if (still()) return true;
  if (screen_ != Screen::Playing || !runtime_) return true;
  const render::Attention a = attention();
  if (a.progress > 0 && a.progress < 1) return false;
  if (settings_.reduced_motion) return true;
  const story::State& s = runtime_->state();
  const double now = s.time;
  if (now - stage_.scene_entered_at() < kFadeSeconds) return false;
  if (!stage_.lines().empty() && now - stage_.lines().back().shown_at < kFadeSeconds) return false;
  return true;
}

uint64_t Game::ambient_key() const {
  const bool scene_shown = screen_ == Screen::Playing || screen_ == Screen::Paused ||
                           screen_ == Screen::Ending || screen_ == Screen::SaveFailed;
  if (!runtime_ || !scene_shown) return 0;
  const unsigned frame_w = static_cast<unsigned>(std::lround(box_.scale * story::kFrameWidth));
  return renderer_.ambient_key(*runtime_, attention(), style(), runtime_->state().time, frame_w);
}

// ---------------------------------------------------------------------------------------------
// Starting, saving, ending.

void Game::start_new(story::SceneId scene) {
  runtime_.emplace(*story_);
  heard_.clear();  // the last story's events are past
  if (audio_) audio_->restart();
  stage_.clear();
  mapper_ = platform::InputMapper();
  context_key_.clear();
  applied_ = story::Input{};
  open_screen(Screen::Playing);
  std::vector<Event> events;
  // A new game from the title waits for the player's hands before any silence counts; a start
  // from the overlay's Scenes panel is a writer's, whose hands are on the controls already.
  timeline_.start(*runtime_, events, scene,
                  scene == kNone ? story::Hands::Awaited : story::Hands::Found);
  observe(events);
  refresh_context();
}

void Game::start_at(story::SceneId scene) {
  if (scene < 0 || static_cast<size_t>(scene) >= story_->scenes.size()) return;
  start_new(scene);
}

void Game::continue_saved() {
  const std::string path = paths_.autosave_file();
  story::LoadedSave loaded = story::load_file(path, *story_);
  if (!loaded.ok) {
    log_ << "threshold: cannot continue from " << path << ": " << loaded.error << "\n";
    notice_title_ = "The saved game cannot be read";
    notice_lines_ = {loaded.error};
    notice_return_ = Screen::Title;
    open_screen(Screen::Notice);
    return;
  }
  runtime_.emplace(*story_);
  heard_.clear();  // the last story's events are past
  if (audio_) audio_->restart();
  runtime_->restore(std::move(loaded.state));
  timeline_.clear();  // rewinding reaches back to where the game was continued
  mapper_ = platform::InputMapper();
  context_key_.clear();
  applied_ = story::Input{};
  show_resumed_lines();
  refresh_context();
  for (const std::string& n : loaded.notices) log_ << "threshold: " << path << ": " << n << "\n";
  if (!loaded.notices.empty()) {
    notice_title_ = "The story has changed since you saved";
    notice_lines_ = loaded.notices;
    notice_return_ = Screen::Playing;
    open_screen(Screen::Notice);
  } else {
    open_screen(Screen::Playing);
  }
}

void Game::show_resumed_lines() {
  stage_.clear();
  // The stage learns the scene as though it had just been entered: the resumed line is shown
  // again by the runtime's next step.
  Event entered;
  entered.kind = EventKind::SceneEntered;
  entered.time = runtime_->state().time;
  entered.scene = runtime_->state().scene;
  stage_.observe(*story_, entered);
  // Saved in an open moment, the beat's lines were all shown before: show them again, so the
  // player comes back to the words they left rather than a scene with nothing said. (Saved
  // while lines run, the runtime shows the resumed line itself on its next step.)
  const story::State& st = runtime_->state();
  if (st.phase == story::Phase::Moment && st.scene >= 0 && st.beat >= 0) {
    const story::Scene& scene = story_->scenes[static_cast<size_t>(st.scene)];
    if (static_cast<size_t>(st.beat) < scene.beats.size()) {
      for (const story::Line& line : scene.beats[static_cast<size_t>(st.beat)].lines) {
        if (!line.text || line.condition) continue;  // a pause, or a line that may not have shown
        Event shown;
        shown.kind = EventKind::LineShown;
        shown.time = st.time;
        shown.scene = st.scene;
        shown.text = line.text->render(runtime_->env());
        stage_.observe(*story_, shown);
      }
    }
  }
}

// A panel of the overlay changed the runtime. `moved`: its state was replaced (a rewind, a
// restarted scene), so what the game keeps from earlier events (the lines on screen, the input
// it applied, the sound's scene) is rebuilt; otherwise (an edited variable, a jump, whose
// events say what happened) the game follows the events as it does after a step.
void Game::runtime_changed(const std::vector<Event>& events, bool moved) {
  if (!runtime_) return;
  dirty_ = true;
  if (moved) {
    mapper_.release_all();
    mapper_ = platform::InputMapper();
    applied_ = runtime_->state().last_input;
    heard_.clear();
    if (audio_) audio_->restart();
    show_resumed_lines();
  }
  context_key_.clear();
  observe(events);
  refresh_context();
  if (runtime_->finished()) {
    if (screen_ == Screen::Playing) finish_story();
  } else if (screen_ != Screen::Playing) {
    open_screen(Screen::Playing);  // jumped or rewound from the ending or a menu: play on
  }
}

bool Game::autosave() {
  if (!runtime_) return false;
  std::string error = platform::ensure_directory(paths_.data_dir);
  if (error.empty()) error = story::save_file(paths_.autosave_file(), *story_, runtime_->state());
  if (!error.empty()) {
    log_ << "threshold: could not save: " << error << "\n";
    save_error_ = error;
    return false;
  }
  save_error_.clear();
  return true;
}

void Game::show_autosave_failure() {
  // Once: a data directory that cannot be written fails every scene, and the player needs
  // telling, not interrupting at every door. Save and quit says it again if it still fails.
  if (autosave_failure_shown_) return;
  autosave_failure_shown_ = true;
  notice_title_ = "Your place was not saved";
  notice_lines_ = {save_error_,
                   "The game goes on; Save and quit will try again, or say what still fails."};
  notice_return_ = Screen::Playing;
  open_screen(Screen::Notice);
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
  screen_ = screen;
  selected_ = 0;
  dirty_ = true;
}

std::vector<Game::Item> Game::menu() const {
  switch (screen_) {
    case Screen::Title: {
      std::vector<Item> items{{Action::New, "New"}};
      if (autosave_exists()) items.push_back({Action::Continue, "Continue"});
      items.push_back({Action::Settings, "Settings"});
      items.push_back({Action::Quit, "Quit"});
      return items;
    }
    case Screen::Paused:
      return {{Action::Resume, "Continue"},
              {Action::Settings, "Settings"},
              {Action::SaveAndQuit, "Save and quit"}};
    case Screen::Settings:
      return {{Action::TextSize, "Text size: " + percent(settings_.text_scale)},
              {Action::TextSpeed,
               std::string("Text speed: ") + kTextSpeedNames[speed_index(settings_.text_speed)]},
              {Action::Volume, "Volume: " + percent(settings_.master_volume)},
              {Action::Ambience, "Room sound: " + percent(settings_.ambience_volume)},
              {Action::Effects, "Effects: " + percent(settings_.effects_volume)},
              {Action::Music, "Music: " + percent(settings_.music_volume)},
              {Action::Hints, "Hints: " + on_off(settings_.hints)},
              {Action::ReducedMotion, "Reduced motion: " + on_off(settings_.reduced_motion)},
              {Action::Fullscreen, "Fullscreen: " + on_off(settings_.fullscreen)},
              {Action::Untimed, "Untimed gestures: " + on_off(settings_.untimed)},
              {Action::Back, "Back"}};
    case Screen::Notice:
      return {{Action::Dismiss, "Continue"}};
    case Screen::SaveFailed:
      return {{Action::SaveAndQuit, "Try again"},
              {Action::QuitWithoutSaving, "Quit without saving"},
              {Action::Resume, "Back to the game"}};
    default:
      return {};
  }
}

std::vector<std::string> Game::menu_labels() const {
  std::vector<std::string> labels;
  for (const Item& i : menu()) labels.push_back(i.label);
  return labels;
}

std::string Game::menu_title() const {
  switch (screen_) {
    case Screen::Title: return story_->title;
    case Screen::Paused: return "Paused";
    case Screen::Settings: return "Settings";
    case Screen::Notice: return notice_title_;
    case Screen::SaveFailed: return "The game was not saved";
    default: return "";
  }
}

std::string Game::menu_footnote() const {
  switch (screen_) {
    case Screen::Settings:
      return "Left and right, or a click, change a setting. Esc goes back.";
    case Screen::SaveFailed:
      return save_error_ + "\nQuitting now would lose the game since the last save.";
    case Screen::Notice: {
      std::string text;
      for (const std::string& l : notice_lines_) text += (text.empty() ? "" : "\n") + l;
      return text;
    }
    default:
      return "";
  }
}

story::Rect Game::menu_item_area(size_t index) const {
  // Mirrors the layout of Renderer::draw_menu (engine/render/scene_renderer.cpp): a title of
  // 64 px rows, 50 px of air, then items of 34 px text on rows 1.6 times as tall, all scaled by
  // the text size. The title's rows are estimated (an EB Garamond letter is about 0.45 em wide).
  const float scale = menu_style().text_scale;
  const size_t count = menu().size();
  const float title_size = std::round(64 * scale);
  const float item_size = std::round(34 * scale);
  const float item_h = item_size * 1.6f;
  float y = std::max(60.f, story::kFrameHeight / 2 - 150 - static_cast<float>(count) * item_h / 2);
  const std::string title = menu_title();
  if (!title.empty()) {
    const float width = static_cast<float>(title.size()) * title_size * 0.45f;
    const float rows = std::max(1.f, std::ceil(width / (story::kFrameWidth - 160)));
    y += rows * title_size * 1.2f + 50;
  }
  return {story::kFrameWidth / 2 - 350, y + item_h * static_cast<float>(index) - item_h * 0.2f,
          700, item_h};
}

render::Style Game::menu_style() const {
  // Menus follow the text size as far as the frame allows: a long menu at the largest size
  // would run off the bottom (title 64 px rows + 50 px, items 34 px × 1.6, a footnote line,
  // margins of 60 px above and 50 px below).
  render::Style st = style();
  const float items = static_cast<float>(menu().size());
  const float fit = (story::kFrameHeight - 60 - 50 - 50) / (64 * 1.2f + 26 + 34 * 1.6f * items);
  st.text_scale = std::min(st.text_scale, std::max(0.75f, fit));
  return st;
}

void Game::handle_menu(const sf::Event& event) {
  const std::vector<Item> items = menu();
  if (items.empty()) return;
  if (selected_ >= items.size()) selected_ = items.size() - 1;
  auto item_at = [&](int x, int y) -> int {
    const sf::Vector2f p =
        platform::window_to_frame(box_, static_cast<float>(x), static_cast<float>(y));
    for (size_t i = 0; i < items.size(); ++i) {
      if (menu_item_area(i).contains(p.x, p.y)) return static_cast<int>(i);
    }
    return -1;
  };
  switch (event.type) {
    case sf::Event::KeyPressed:
      switch (event.key.code) {
        case sf::Keyboard::Up:
          selected_ = (selected_ + items.size() - 1) % items.size();
          return;
        case sf::Keyboard::Down:
        case sf::Keyboard::Tab:
          selected_ = (selected_ + (event.key.shift ? items.size() - 1 : 1)) % items.size();
          return;
        case sf::Keyboard::Left:
          activate(items[selected_].action, -1);
          return;
        case sf::Keyboard::Right:
          activate(items[selected_].action, +1);
          return;
        case sf::Keyboard::Enter:
        case sf::Keyboard::Space:
          activate(items[selected_].action, 0);
          return;
        case sf::Keyboard::Escape:
          if (screen_ == Screen::Paused) activate(Action::Resume, 0);
          else if (screen_ == Screen::Settings) activate(Action::Back, 0);
          else if (screen_ == Screen::Notice) activate(Action::Dismiss, 0);
          else if (screen_ == Screen::SaveFailed) activate(Action::Resume, 0);
          return;
        default:
          return;
      }
    case sf::Event::MouseMoved: {
      const int i = item_at(event.mouseMove.x, event.mouseMove.y);
      if (i >= 0) selected_ = static_cast<size_t>(i);
      return;
    }
    case sf::Event::MouseButtonPressed: {
      const int i = item_at(event.mouseButton.x, event.mouseButton.y);
      if (i < 0) return;
      selected_ = static_cast<size_t>(i);
      activate(items[selected_].action, event.mouseButton.button == sf::Mouse::Right ? -1 : 0);
      return;
    }
    case sf::Event::MouseWheelScrolled: {
      const int i = item_at(event.mouseWheelScroll.x, event.mouseWheelScroll.y);
      if (i < 0) return;
      selected_ = static_cast<size_t>(i);
      activate(items[selected_].action, event.mouseWheelScroll.delta > 0 ? 1 : -1);
      return;
    }
    default:
      return;
  }
}

// `direction`: 0 for Enter or a click (choose; a setting steps forward, wrapping), -1/+1 for
// Left/Right (a setting steps that way; other items ignore it).
void Game::activate(Action action, int direction) {
  switch (action) {
    case Action::TextSize:
    case Action::TextSpeed:
    case Action::Volume:
    case Action::Ambience:
    case Action::Effects:
    case Action::Music:
    case Action::Hints:
    case Action::ReducedMotion:
    case Action::Fullscreen:
    case Action::Untimed:
      adjust_setting(action, direction);
      return;
    default:
      break;
  }
  if (direction != 0) return;
  switch (action) {
    case Action::New:
      start_new();
      return;
    case Action::Continue:
      continue_saved();
      return;
    case Action::Settings:
      settings_return_ = screen_;
      open_screen(Screen::Settings);
      return;
    case Action::Quit:
      quit_ = true;
      return;
    case Action::Resume:
      open_screen(Screen::Playing);
      return;
    case Action::SaveAndQuit:
      // A save that failed is never a quit: the week would be lost, and the next Continue
      // would silently resume an older save.
      if (!autosave()) {
        open_screen(Screen::SaveFailed);
        return;
      }
      log_ << "threshold: saved to " << paths_.autosave_file() << "\n";
      quit_ = true;
      return;
    case Action::QuitWithoutSaving:
      log_ << "threshold: quit without saving\n";
      quit_ = true;
      return;
    case Action::Back: {
      const Screen back = settings_return_;
      open_screen(back);
      if (back == Screen::Paused) selected_ = 1;
      else if (back == Screen::Title) selected_ = menu().size() - 2;
      return;
    }
    case Action::Dismiss:
      open_screen(notice_return_);
      return;
    default:
      return;
  }
}

void Game::adjust_setting(Action action, int direction) {
  const int step = direction == 0 ? 1 : direction;
  const bool wrap = direction == 0;
  auto stepped = [&](float value, float delta, float lo, float hi) {
    float v = value + delta * static_cast<float>(step);
    if (wrap && v > hi + 1e-4f) v = lo;
    return std::clamp(std::round(v * 100.f) / 100.f, lo, hi);
  };
  switch (action) {
    case Action::TextSize:
      settings_.text_scale =
          stepped(settings_.text_scale, 0.25f, platform::kMinTextScale, platform::kMaxTextScale);
      break;
    case Action::TextSpeed: {
      const int n = static_cast<int>(std::size(kTextSpeeds));
      int i = static_cast<int>(speed_index(settings_.text_speed)) + step;
      i = wrap ? (i + n) % n : std::clamp(i, 0, n - 1);
      settings_.text_speed = kTextSpeeds[i];
      break;
    }
    case Action::Volume:
      settings_.master_volume = stepped(settings_.master_volume, 0.1f, 0.f, 1.f);
      break;
    case Action::Ambience:
      settings_.ambience_volume = stepped(settings_.ambience_volume, 0.1f, 0.f, 1.f);
      break;
    case Action::Effects:
      settings_.effects_volume = stepped(settings_.effects_volume, 0.1f, 0.f, 1.f);
      break;
    case Action::Music:
      settings_.music_volume = stepped(settings_.music_volume, 0.1f, 0.f, 1.f);
      break;
    case Action::Hints:
      settings_.hints = !settings_.hints;
      break;
    case Action::ReducedMotion:
      settings_.reduced_motion = !settings_.reduced_motion;
      break;
    case Action::Fullscreen:
      settings_.fullscreen = !settings_.fullscreen;
      break;
    case Action::Untimed:
      settings_.untimed = !settings_.untimed;
      break;
    default:
      return;
  }
  settings_changed();
}

void Game::settings_changed() {
  dirty_ = true;
  if (settings_.fullscreen != last_fullscreen_) {
    last_fullscreen_ = settings_.fullscreen;
    fullscreen_change_ = true;
  }
  context_.untimed = settings_.untimed;
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
  const bool scene_behind = runtime_ && (screen_ == Screen::Playing || screen_ == Screen::Paused ||
                                         screen_ == Screen::Ending ||
                                         screen_ == Screen::SaveFailed ||
                                         (screen_ == Screen::Settings &&
                                          settings_return_ == Screen::Paused) ||
                                         (screen_ == Screen::Notice &&
                                          notice_return_ == Screen::Playing));
  if (scene_behind) {
    // Under a menu the scene stays, but its words and hints do not: they would run into the
    // menu's items (the menu's veil leaves them half legible).
    const bool under_menu = screen_ != Screen::Playing && screen_ != Screen::Ending;
    const render::Stage no_words;
    render::Style behind = st;
    if (under_menu) behind.hints = false;
    renderer_.draw(target, *runtime_, under_menu ? no_words : stage_, attention(), behind,
                   runtime_->state().time);
  }
  if (screen_ == Screen::Playing) return;
  if (screen_ == Screen::Ending) {
    renderer_.draw_menu(target, "", {}, "Press Enter or click to return to the title", st);
    return;
  }
  std::vector<render::Renderer::MenuItem> items;
  const std::vector<Item> m = menu();
  for (size_t i = 0; i < m.size(); ++i) items.push_back({m[i].label, i == selected_});
  renderer_.draw_menu(target, menu_title(), items, menu_footnote(), menu_style());
}

}  // namespace threshold::game

// ---------------------------------------------------------------------------------------------
// The debug overlay and live reload.

namespace threshold::game {

void Game::enable_overlay(std::string ini_path, bool open, std::string font_path) {
  overlay_ = std::make_unique<debug::Overlay>(std::move(ini_path), open, font_path);
  dirty_ = true;
}

bool Game::overlay_open() const { return overlay_ && overlay_->is_open(); }

void Game::set_audio(audio::AudioEngine* audio) {
  audio_ = audio;
  heard_.clear();
  apply_volumes();
  if (audio_) audio_->restart();
}

void Game::watch_story(std::unique_ptr<debug::LiveStory> live) {
  live_ = std::move(live);
  if (live_ && live_->ok() && live_->story() != story_) {
    // The live story is the one to play from now on (nothing is running yet).
    if (!runtime_) story_ = live_->story();
  }
  ++generation_;
}

bool Game::poll_story() {
  if (!live_ || !live_->watcher().poll()) return false;
  ++generation_;
  dirty_ = true;
  bool replaced = false;
  if (runtime_) {
    replaced = live_->reload(*runtime_, &timeline_);
  } else {
    story::Runtime scratch(*story_);  // on the title screen: nothing to carry over
    replaced = live_->reload(scratch, nullptr);
  }
  if (!replaced) {
    if (live_->broken()) {
      log_ << "threshold: the edited story does not load; playing on with the last good one\n";
      if (overlay_) {
        overlay_->set_open(true);
        overlay_->set_panel_open("Problems", true);
      }
    }
    return false;
  }
  story_ = live_->story();
  char note[96];
  std::snprintf(note, sizeof note, "reloaded in %.0f ms", live_->last_reload_seconds() * 1000);
  reload_note_ = note;
  for (const std::string& n : live_->notices()) {
    reload_note_ += "; " + n;
    log_ << "threshold: reload: " << n << "\n";
  }
  if (runtime_) {
    // The runtime now runs the new story with the player's state: the scene is drawn from the
    // new text, its lines shown again as they now read, its things placed anew.
    mapper_.release_all();
    mapper_ = platform::InputMapper();
    applied_ = runtime_->state().last_input;
    heard_.clear();
    show_resumed_lines();
    context_key_.clear();
    refresh_context();
    if (runtime_->finished() && screen_ == Screen::Playing) finish_story();
  }
  return true;
}

debug::Session Game::debug_session() {
  debug::Session session;
  session.story = story_;
  session.runtime = runtime_ ? &*runtime_ : nullptr;
  session.timeline = &timeline_;
  if (audio_) {
    audio_->fill_voice_view(voices_, runtime_ ? &runtime_->state() : nullptr);
    session.voices = &voices_;
  }
  session.mix = &mix_;
  session.time = &time_;
  session.frames = &frames_;
  session.draw_calls = renderer_.last_draw_calls();
  if (live_) {
    session.diagnostics = &live_->diagnostics();
    session.problems = &live_->problems();
    session.story_broken = live_->broken();
  }
  session.reload_note = reload_note_;
  session.generation = generation_;
  session.changed = [this](const std::vector<Event>& events, bool moved) {
    runtime_changed(events, moved);
  };
  session.start_at = [this](story::SceneId scene) { start_at(scene); };
  return session;
}

void Game::draw_overlay(sf::RenderTarget& target) {
  if (!overlay_ || !overlay_->is_open()) {
    overlay_clock_ = 0;
    return;
  }
  debug::Session session = debug_session();
  const debug::AudioMix mix_before = mix_;
  overlay_->draw(target, session, overlay_clock_);
  overlay_clock_ = 0;
  if (audio_ && session.voices) audio_->apply_voice_view(voices_);
  if (!(mix_ == mix_before)) apply_volumes();
}

}  // namespace threshold::game
