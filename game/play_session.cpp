// One game being played. See play_session.h.
#include "play_session.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <functional>
#include <sstream>
#include <string>
#include <utility>

#include "narration.h"
#include "threshold/audio/audio_engine.h"

namespace threshold::game {

using story::Event;
using story::EventKind;
using story::GestureKind;
using story::kNone;

namespace {

// How long a line's fade-in and a scene's fade take, for deciding whether the frame is still
// moving. Generous: redrawing a little longer than needed costs little.
constexpr double kFadeSeconds = 2.5;

}  // namespace

PlaySession::PlaySession(std::shared_ptr<const story::Story> story, render::Renderer& renderer,
                         const platform::Paths& paths, const platform::Settings& settings,
                         std::ostream& log, audio::AudioEngine* audio)
    : story_(std::move(story)),
      renderer_(renderer),
      paths_(paths),
      settings_(settings),
      log_(log),
      audio_(audio) {}

void PlaySession::apply_volumes(const std::array<float, 3>& mix) {
  if (!audio_) return;
  audio_->set_volume(settings_.master_volume);
  audio_->set_bus_volumes(settings_.ambience_volume * mix[0], settings_.effects_volume * mix[1],
                          settings_.music_volume * mix[2]);
}

void PlaySession::set_audio(audio::AudioEngine* audio) {
  audio_ = audio;
  heard_.clear();
}

void PlaySession::feed_audio(double dt, bool live) {
  if (!audio_ || !runtime_) return;
  // The world sounds while it is on screen and moving (playing, and the ending as the engine
  // leaves it); paused, on the menus and the title it fades down, to come back on resuming.
  audio_->set_world_level(live ? 1.f : 0.f);
  // With speech on, a hold, push or pull in progress is heard as a tone rising to its end, for
  // a player who cannot see its light gather.
  const render::Attention a = attention();
  const bool tone = live && settings_.speech != platform::Speech::Off && a.pressed != kNone &&
                    a.progress > 0 && a.progress < 1;
  audio_->set_progress_tone(tone ? a.progress : -1);
  audio_->update(*runtime_, dt, heard_);
  heard_.clear();
}

void PlaySession::settings_changed() {
  context_.untimed = settings_.untimed;
  context_.waits_chosen = settings_.time_unlimited;
  mapper_.context_changed(context_);
}

namespace {

// A press that could choose: a button, or a key that touches, holds, slides, turns away or
// waits. Focus keys, Esc and the function keys are never held back.
bool chooses(const sf::Event& event) {
  if (event.type == sf::Event::MouseButtonPressed) return true;
  if (event.type != sf::Event::KeyPressed) return false;
  switch (event.key.code) {
    case sf::Keyboard::Space:
    case sf::Keyboard::Enter:
    case sf::Keyboard::Backspace:
    case sf::Keyboard::PageUp:
    case sf::Keyboard::PageDown:
    case sf::Keyboard::W:
      return true;
    default:
      return false;
  }
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Input and time.

void PlaySession::handle(const sf::Event& event, const platform::Letterbox& box, bool pause) {
  if (pause) {
    // Pausing lets go of whatever was held (an early release is a hesitation, as it would be
    // if the hand left the key); an untimed hold stays, as the player left it. Esc is a key
    // pressed: the mapper hears it, for the player's hands.
    mapper_.handle(event, box, context_);
    mapper_.release_all();
    apply_input();
    return;
  }
  // The cooldown after a touch or a turn-away: a second press of a trembling hand is not taken.
  if (clock_ < cooldown_until_ && chooses(event)) return;
  if (mapper_.handle(event, box, context_)) apply_input();
  follow_focus();
}

void PlaySession::apply_input() {
  if (!runtime_) return;
  const story::Input in = mapper_.input();
  if (in == applied_) return;
  if (narration_) {
    // A skip stops the line's reading (the next is read at once). Acting in a moment (a press, a
    // look onto a thing, turning away) lets the clock go whatever is being read: the gesture's
    // own time runs from the player's hand, as it does for everyone.
    if (in.skip && !applied_.skip && !runtime_->in_moment()) narration_->skipped();
    const bool acting = (in.press != kNone && applied_.press == kNone) ||
                        (in.look != kNone && in.look != applied_.look) ||
                        (in.turn_away && !applied_.turn_away);
    if (acting && runtime_->in_moment()) narration_->acted();
  }
  std::vector<Event> events;
  timeline_.step(*runtime_, 0, in, events);
  applied_ = in;
  observe(events);
}

double PlaySession::story_rate() const {
  // Time to act stretches the whole clock; the text speed hurries or slows only the lingering
  // of lines (a moment is never hurried).
  const double scale = std::clamp(static_cast<double>(settings_.time_scale),
                                  double{platform::kMinTimeScale}, double{platform::kMaxTimeScale});
  const double speed = runtime_ && runtime_->in_moment() ? 1.0 : settings_.text_speed;
  return speed / scale;
}

void PlaySession::advance(double dt) {
  if (!runtime_) return;
  clock_ += dt;
  double remaining = dt;
  // Each pass ends at a deadline or at the end of dt; a pass that changes the scene rebuilds
  // the input context, so the next pass steps with the input as it now is. While speech is on,
  // every pass ends at the next deadline, so that a line shown mid-step holds the clock from
  // its first instant while it is read (narration.h).
  const bool narrated = narration_ && narration_->on();
  for (int pass = 0; remaining > 1e-12 && pass < 64 && !runtime_->finished(); ++pass) {
    apply_input();
    if (runtime_->finished()) break;
    if (narrated && narration_->holds_clock()) {
      narration_->held(remaining);  // the story's clock stands while the voice reads
      break;
    }
    const double rate = story_rate();
    std::vector<Event> events;
    if (!narrated && rate == 1.0) {
      timeline_.step(*runtime_, remaining, applied_, events);
      remaining = 0;
    } else {
      // The story's seconds pass at `rate` real ones; split at the next deadline so that a
      // moment opening (or closing) mid-frame runs at its own rate from its first instant, and
      // a line shown mid-step holds the clock from its first instant while it is read.
      const double until = runtime_->next_deadline(applied_);
      const double real = std::min(remaining, until / rate);
      timeline_.step(*runtime_, real * rate, applied_, events);
      remaining -= real;
    }
    observe(events);
  }
}

void PlaySession::observe(const std::vector<Event>& events) {
  captions_.follow(*runtime_, events);  // a layer's `when:` may turn with no event of its own
  if (events.empty()) return;
  changed_ = true;
  if (audio_) heard_.insert(heard_.end(), events.begin(), events.end());
  bool entered = false;
  for (const Event& e : events) {
    stage_.observe(*story_, e);
    history_.observe(*story_, e, words_);
    switch (e.kind) {
      case EventKind::SceneEntered:
        entered = true;
        break;
      case EventKind::GestureChosen: {
        const story::Gesture* g = story_->gesture(e);
        if (g && g->kind == GestureKind::Wait) mapper_.wait_fired();
        if (g && (g->kind == GestureKind::Touch || g->kind == GestureKind::TurnAway)) {
          cooldown_until_ = clock_ + std::clamp(static_cast<double>(settings_.cooldown), 0.0,
                                                double{platform::kMaxCooldown});
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
  if (narration_) narration_->observe(*story_, *runtime_, events);
  refresh_context();
  follow_focus();
  if (entered && !runtime_->finished() && !autosave()) autosave_failed_ = true;
}

void PlaySession::follow_focus() {
  if (!runtime_) return;
  const story::ThingId focus = runtime_->in_moment() ? mapper_.attended() : kNone;
  if (focus == spoken_focus_) return;
  spoken_focus_ = focus;
  if (narration_ && focus != kNone) narration_->focus(*story_, *runtime_, focus);
}

void PlaySession::refresh_context() {
  const story::State& s = runtime_->state();
  std::vector<int32_t> key{static_cast<int32_t>(s.phase), s.scene, s.beat};
  const std::vector<int32_t> offered = runtime_->offered();
  key.insert(key.end(), offered.begin(), offered.end());
  if (key == context_key_) return;
  context_key_ = std::move(key);

  platform::InputContext c;
  c.untimed = settings_.untimed;
  c.waits_chosen = settings_.time_unlimited;
  c.moment_open = runtime_->in_moment();
  if (const story::Moment* m = runtime_->moment(); m && s.scene >= 0) {
    const story::Scene& scene = story_->scene(s.scene);
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

render::Attention PlaySession::attention() const {
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

bool PlaySession::still() const {
  if (!runtime_) return true;
  const render::Attention a = attention();
  if (a.progress > 0 && a.progress < 1) return false;        // light gathers while a hold runs
  if (settings_.reduced_motion) return true;                 // no drift, no fades, motion frozen
  if (a.focus != kNone || a.pressed != kNone) return false;  // the attended thing's light pulses
  const story::State& s = runtime_->state();
  if (s.scene >= 0) {
    const story::Visual& v = story_->scene(s.scene).visual;
    if (v.authored && (!v.motion.empty() || v.drift > 0)) return false;
  }
  const double now = s.time;
  if (now - stage_.scene_entered_at() < kFadeSeconds) return false;
  if (!stage_.lines().empty() && now - stage_.lines().back().shown_at < kFadeSeconds) return false;
  return true;
}

bool PlaySession::calm() const {
  if (!runtime_) return true;
  const render::Attention a = attention();
  if (a.progress > 0 && a.progress < 1) return false;
  if (settings_.reduced_motion) return true;
  const story::State& s = runtime_->state();
  const double now = s.time;
  if (now - stage_.scene_entered_at() < kFadeSeconds) return false;
  if (!stage_.lines().empty() && now - stage_.lines().back().shown_at < kFadeSeconds) return false;
  return true;
}

uint64_t PlaySession::ambient_key(const render::Style& style, unsigned frame_w) const {
  if (!runtime_) return 0;
  uint64_t key =
      renderer_.ambient_key(*runtime_, attention(), style, runtime_->state().time, frame_w);
  if (style.captions) {
    for (const story::Caption& c : captions_.showing(runtime_->state().time)) {
      key = key * 1099511628211ull + std::hash<std::string>{}(c.text) +
            static_cast<uint64_t>(std::llround(c.from * 1000));
    }
  }
  return key;
}

std::optional<sf::IntRect> PlaySession::motion_area(const render::Style& style,
                                                    sf::Vector2u target_size) {
  if (!runtime_) return {};
  // As draw() will show them.
  stage_.captions =
      style.captions ? captions_.showing(runtime_->state().time) : std::vector<story::Caption>{};
  return renderer_.motion_area(*runtime_, stage_, attention(), style, runtime_->state().time,
                               target_size);
}

void PlaySession::draw(sf::RenderTarget& target, const render::Style& style, bool under_menu) {
  if (!runtime_) return;
  // Under a menu the scene stays, but its words and hints do not: they would run into the
  // menu's items (the menu's veil leaves them half legible).
  const render::Stage no_words;
  render::Style behind = style;
  if (under_menu) behind.hints = false;
  stage_.captions =
      style.captions ? captions_.showing(runtime_->state().time) : std::vector<story::Caption>{};
  renderer_.draw(target, *runtime_, under_menu ? no_words : stage_, attention(), behind,
                 runtime_->state().time);
}

// ---------------------------------------------------------------------------------------------
// Starting, restoring, saving.

void PlaySession::begin() {
  runtime_.emplace(*story_);
  spoken_focus_ = kNone;
  if (narration_) narration_->started();
  heard_.clear();  // the last story's events are past
  captions_.clear();
  if (audio_) audio_->restart();
}

void PlaySession::start(story::SceneId scene) {
  begin();
  history_.clear();
  stage_.clear();
  mapper_ = platform::InputMapper();
  context_key_.clear();
  applied_ = story::Input{};
  std::vector<Event> events;
  // A new game from the title waits for the player's hands before any silence counts; a start
  // from the overlay's Scenes panel is a writer's, whose hands are on the controls already.
  timeline_.start(*runtime_, events, scene,
                  scene == kNone ? story::Hands::Awaited : story::Hands::Found);
  observe(events);
  refresh_context();
}

void PlaySession::restore(story::LoadedSave loaded) {
  begin();
  // The history of the game being continued; a missing or damaged file is an empty history.
  history_.clear();
  std::ifstream in(paths_.history_file(), std::ios::binary);
  if (in) {
    std::ostringstream text;
    text << in.rdbuf();
    std::vector<std::string> notices;
    history_ = PlayHistory::from_text(text.str(), &notices);
    for (const std::string& n : notices) log_ << "threshold: " << n << "\n";
  }
  runtime_->restore(std::move(loaded.state));
  timeline_.clear();  // rewinding reaches back to where the game was continued
  mapper_ = platform::InputMapper();
  context_key_.clear();
  applied_ = story::Input{};
  std::vector<Event> shown = show_resumed_lines();
  if (narration_) {
    // Continued in an open moment: its lines are read again, and its opening, as they were.
    if (runtime_->in_moment()) {
      Event opened;
      opened.kind = EventKind::MomentOpened;
      opened.time = runtime_->state().time;
      opened.scene = runtime_->state().scene;
      shown.push_back(opened);
    }
    narration_->observe(*story_, *runtime_, shown);
  }
  refresh_context();
}

std::vector<Event> PlaySession::show_resumed_lines() {
  std::vector<Event> lines;
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
    const story::Scene& scene = story_->scene(st.scene);
    if (static_cast<size_t>(st.beat) < scene.beats.size()) {
      for (const story::Line& line : scene.beats[static_cast<size_t>(st.beat)].lines) {
        if (!line.text || line.condition) continue;  // a pause, or a line that may not have shown
        Event shown;
        shown.kind = EventKind::LineShown;
        shown.time = st.time;
        shown.scene = st.scene;
        shown.text = line.text->render(runtime_->env());
        stage_.observe(*story_, shown);
        lines.push_back(std::move(shown));
      }
    }
  }
  return lines;
}

void PlaySession::runtime_changed(const std::vector<Event>& events, bool moved) {
  if (!runtime_) return;
  changed_ = true;
  if (moved) {
    mapper_.release_all();
    mapper_ = platform::InputMapper();
    applied_ = runtime_->state().last_input;
    heard_.clear();
    if (audio_) audio_->restart();
    captions_.clear();
    show_resumed_lines();
  }
  context_key_.clear();
  observe(events);
  refresh_context();
}

void PlaySession::after_reload() {
  if (!runtime_) return;
  // The runtime now runs the new story with the player's state: the scene is drawn from the
  // new text, its lines shown again as they now read, its things placed anew.
  mapper_.release_all();
  mapper_ = platform::InputMapper();
  applied_ = runtime_->state().last_input;
  heard_.clear();
  captions_.clear();  // they name the old story's layers and cues
  show_resumed_lines();
  context_key_.clear();
  refresh_context();
}

bool PlaySession::autosave() {
  if (!runtime_) return false;
  std::string error = platform::ensure_directory(paths_.data_dir, &save_failure_);
  if (error.empty()) {
    error = story::save_file(paths_.autosave_file(), *story_, runtime_->state(), &save_failure_);
  }
  if (!error.empty()) {
    log_ << "threshold: could not save: " << error << "\n";
    save_error_ = error;
    return false;
  }
  save_error_.clear();
  // The history goes with the place; a history that cannot be written loses no place.
  const std::string kept = story::write_file_atomically(paths_.history_file(), history_.to_text());
  if (!kept.empty()) log_ << "threshold: could not keep the history: " << kept << "\n";
  return true;
}

}  // namespace threshold::game
