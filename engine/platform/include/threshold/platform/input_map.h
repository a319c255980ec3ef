// Player input, from SFML events to what the story runtime reads (story::Input: press, look,
// turn away, skip) and what the renderer lights (the thing attended to, the thing pressed).
// Every gesture can be made with the mouse alone and with the keyboard alone:
//
//   gesture     mouse                                  keyboard
//   look        rest the pointer on a thing            Tab / arrows move focus onto it
//   touch       click it                               Space or Enter on the focused thing
//   hold        keep the left button down on it        keep Space or Enter down
//   hesitate    let go before the hold completes       let go of the key early
//   push        press on it and move the pointer up    keep Page Up down on the focused thing
//   pull        press on it and move the pointer down  keep Page Down down on the focused thing
//   turn away   right button (down)                    Backspace
//   wait        keep the pointer off the things        do nothing, or W (drops focus and hands)
//   skip a line left click anywhere while no moment    Space or Enter while no moment is open
//
// The first pointer movement, button or key (any key) reports the player's hands
// (story::Input::hands): a new game's first silence waits for it.
//
// Untimed setting: a press (button or key) starts a hold that stays down until the next press,
// so a hold of N seconds is made by pressing, waiting, and pressing again; pressing again
// early is a hesitation. A push or pull needs no drag then: the press starts the thing sliding
// by itself (at story::kSlideRate) and the next press stops it, short of the distance a
// hesitation. Its direction is the thing's only one; a thing with both slides away when pressed
// on its upper half and toward you on its lower half (Page Up / Page Down say so outright).
// W waits on purpose: the input stays idle until the next wait fires or
// the player does something else (the same as doing nothing, said out loud).
// Untimed Time setting (InputContext::waits_chosen): a moment waits for the player; only W or a
// left click on nothing lets the silence run, one wait at a time.
// Skipping a line only ever happens while no moment is open, so it never counts as waiting and
// never makes a gesture by accident. Used by the game loop (game/play_session.cpp).
#pragma once

#include <SFML/Window/Event.hpp>
#include <vector>

#include "threshold/platform/letterbox.h"
#include "threshold/story/runtime.h"

namespace threshold::platform {

// What the mapper needs to know about what is on screen.
struct InputContext {
  bool moment_open = false;
  bool untimed = false;
  // The untimed Time setting: no wait is chosen by the clock. While a moment is open the input
  // attends (story::Input::attend) until the player waits on purpose: W, or a click on nothing.
  bool waits_chosen = false;
  // Things of the open moment that the player can act on, in focus order (left to right).
  std::vector<story::ThingId> things;
  // Their areas in frame units (same order as `things`); an empty Rect cannot be pointed at.
  std::vector<story::Rect> areas;
  // What a drag of each (same order as `things`) can do: kPushes and/or kPulls.
  std::vector<uint8_t> drags;
};
constexpr uint8_t kPushes = 1, kPulls = 2;

// Orders things for keyboard focus: left to right by the centre of their area, then top to
// bottom; things with no area last, by id.
void order_for_focus(InputContext& context);

class InputMapper {
 public:
  // Takes one event (window pixels for the pointer, mapped through `box`). Returns true when
  // the event meant something here.
  bool handle(const sf::Event& event, const Letterbox& box, const InputContext& context);

  // A moment opened or closed (or the scene changed): focus and untimed holds are dropped and
  // what the pointer rests on is found again (a look already resting counts from the opening).
  void context_changed(const InputContext& context);
  // A wait fired: an explicit wait (W) is over.
  void wait_fired();
  // Let go of everything held (the window lost focus, the game paused).
  void release_all();

  // What the runtime should see now.
  story::Input input() const;
  // The thing the light answers: hovered (pointer) or focused (keyboard).
  story::ThingId attended() const;
  story::ThingId pressed() const { return input().press; }
  story::ThingId keyboard_focus() const { return focus_; }
  bool waiting_on_purpose() const { return explicit_wait_; }
  bool using_keyboard() const { return keyboard_mode_; }

 private:
  bool handle_event(const sf::Event& event, const Letterbox& box, const InputContext& context);
  story::ThingId thing_at(sf::Vector2f frame_point, const InputContext& context) const;
  void move_focus(int direction, const InputContext& context);
  // `slide`: the direction a keyboard slide or an untimed slide moves in (+1 away, -1 toward,
  // 0: none, or the thing's own when untimed).
  void press_on(story::ThingId thing, const InputContext& context, bool from_keyboard,
                int slide = 0);
  uint8_t drags_of(story::ThingId thing, const InputContext& context) const;
  story::Rect area_of(story::ThingId thing, const InputContext& context) const;
  void release_from(bool from_keyboard, const InputContext& context);

  sf::Vector2f pointer_{-1, -1};  // frame units
  bool pointer_known_ = false;
  story::ThingId hover_ = story::kNone;
  story::ThingId focus_ = story::kNone;
  bool keyboard_mode_ = false;
  story::ThingId mouse_press_ = story::kNone;  // timed press by the left button
  story::ThingId key_press_ = story::kNone;    // timed press by Space/Enter
  story::ThingId toggled_ = story::kNone;      // untimed hold in progress
  int toggled_slide_ = 0;        // untimed: the direction the toggled thing slides in (+1, -1, 0)
  int key_slide_ = 0;            // the direction Page Up / Page Down slides the key press in
  bool slide_key_down_ = false;  // Page Up or Page Down is down (key repeat is ignored)
  sf::Vector2f press_point_;     // frame point where the left button went down
  double mouse_drag_ = 0;        // frame pixels the pointer moved up since then
  bool mouse_skip_ = false, key_skip_ = false;
  bool mouse_away_ = false, key_away_ = false;
  bool key_down_ = false;  // Space/Enter is down (key repeat is ignored)
  // A touch on purpose (story::Input::touch): the thing under T or the middle button while down.
  story::ThingId key_touch_ = story::kNone, mouse_touch_ = story::kNone;
  bool explicit_wait_ = false;
  bool waits_chosen_ = false;  // the last context's waits_chosen, while its moment is open
  bool hands_ = false;         // the pointer moved or a key or button went down (Input::hands)
};

}  // namespace threshold::platform
