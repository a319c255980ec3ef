// From SFML events to story::Input. The table of gestures is in input_map.h.
#include "threshold/platform/input_map.h"

#include <algorithm>
#include <numeric>
#include <tuple>

namespace threshold::platform {

using story::kNone;
using story::ThingId;

void order_for_focus(InputContext& context) {
  std::vector<size_t> order(context.things.size());
  std::iota(order.begin(), order.end(), size_t{0});
  auto key = [&](size_t i) {
    const story::Rect r = i < context.areas.size() ? context.areas[i] : story::Rect{};
    return std::make_tuple(r.empty(), r.x + r.w / 2, r.y + r.h / 2, context.things[i]);
  };
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return key(a) < key(b); });
  InputContext sorted = context;
  for (size_t i = 0; i < order.size(); ++i) {
    sorted.things[i] = context.things[order[i]];
    sorted.areas[i] = order[i] < context.areas.size() ? context.areas[order[i]] : story::Rect{};
  }
  sorted.areas.resize(sorted.things.size());
  sorted.drags.assign(sorted.things.size(), 0);
  for (size_t i = 0; i < order.size(); ++i) {
    if (order[i] < context.drags.size()) sorted.drags[i] = context.drags[order[i]];
  }
  context = std::move(sorted);
}

ThingId InputMapper::thing_at(sf::Vector2f p, const InputContext& context) const {
  if (!context.moment_open || !inside_frame(p)) return kNone;
  // Overlapping areas: the smallest one that holds the point is the most specific.
  ThingId best = kNone;
  float best_size = 0;
  for (size_t i = 0; i < context.things.size() && i < context.areas.size(); ++i) {
    const story::Rect& r = context.areas[i];
    if (r.empty() || !r.contains(p.x, p.y)) continue;
    const float size = r.w * r.h;
    if (best == kNone || size < best_size) {
      best = context.things[i];
      best_size = size;
    }
  }
  return best;
}

void InputMapper::move_focus(int direction, const InputContext& context) {
  keyboard_mode_ = true;
  explicit_wait_ = false;
  const std::vector<ThingId>& things = context.things;
  if (things.empty()) return;
  const auto it = std::find(things.begin(), things.end(), focus_);
  const int n = static_cast<int>(things.size());
  int index = 0;
  if (it == things.end()) {
    index = direction > 0 ? 0 : n - 1;
  } else {
    index = (static_cast<int>(it - things.begin()) + direction + n) % n;
  }
  focus_ = things[static_cast<size_t>(index)];
}

uint8_t InputMapper::drags_of(ThingId thing, const InputContext& context) const {
  for (size_t i = 0; i < context.things.size() && i < context.drags.size(); ++i) {
    if (context.things[i] == thing) return context.drags[i];
  }
  return 0;
}

story::Rect InputMapper::area_of(ThingId thing, const InputContext& context) const {
  for (size_t i = 0; i < context.things.size() && i < context.areas.size(); ++i) {
    if (context.things[i] == thing) return context.areas[i];
  }
  return {};
}

void InputMapper::press_on(ThingId thing, const InputContext& context, bool from_keyboard,
                           int slide) {
  explicit_wait_ = false;
  if (context.untimed) {
    // Untimed: each press toggles; pressing another thing lets go of the first and takes it.
    toggled_ = toggled_ == thing ? kNone : thing;
    toggled_slide_ = 0;
    if (toggled_ == kNone) return;
    // A push or pull slides by itself: in the direction asked, the thing's only one, or for a
    // thing with both, away when pressed on its upper half and toward you on its lower half.
    const uint8_t d = drags_of(thing, context);
    if (slide != 0) {
      toggled_slide_ = slide;
    } else if (d == kPushes) {
      toggled_slide_ = 1;
    } else if (d == kPulls) {
      toggled_slide_ = -1;
    } else if (d == (kPushes | kPulls) && !from_keyboard) {
      const story::Rect a = area_of(thing, context);
      toggled_slide_ = pointer_.y < a.y + a.h / 2 ? 1 : -1;
    }
    return;
  }
  if (from_keyboard) {
    key_press_ = thing;
    key_slide_ = slide;
  } else {
    mouse_press_ = thing;
    press_point_ = pointer_;
    mouse_drag_ = 0;
  }
}

void InputMapper::release_from(bool from_keyboard, const InputContext&) {
  // Untimed holds ignore the release of the button: the next press lets go.
  (from_keyboard ? key_press_ : mouse_press_) = kNone;
  if (from_keyboard) key_slide_ = 0;
  if (!from_keyboard) mouse_drag_ = 0;
}

bool InputMapper::handle(const sf::Event& event, const Letterbox& box,
                         const InputContext& context) {
  const bool hands =
      event.type == sf::Event::MouseMoved || event.type == sf::Event::MouseButtonPressed ||
      event.type == sf::Event::MouseWheelScrolled || event.type == sf::Event::KeyPressed;
  const bool first = hands && !hands_;
  if (hands) hands_ = true;
  return handle_event(event, box, context) || first;
}

bool InputMapper::handle_event(const sf::Event& event, const Letterbox& box,
                               const InputContext& context) {
  switch (event.type) {
    case sf::Event::MouseMoved: {
      pointer_ = window_to_frame(box, static_cast<float>(event.mouseMove.x),
                                 static_cast<float>(event.mouseMove.y));
      pointer_known_ = true;
      const ThingId under = thing_at(pointer_, context);
      // After W, only moving onto a thing (a new attention) ends the wait; a jittering hand
      // resting where it was does not.
      if (explicit_wait_ && under != kNone && under != hover_) explicit_wait_ = false;
      hover_ = under;
      keyboard_mode_ = false;
      // A press being dragged: up (toward the top of the frame) is away from the player.
      if (mouse_press_ != kNone) mouse_drag_ = static_cast<double>(press_point_.y - pointer_.y);
      return true;
    }
    case sf::Event::MouseLeft:
      pointer_known_ = false;
      hover_ = kNone;
      return true;
    case sf::Event::MouseButtonPressed: {
      pointer_ = window_to_frame(box, static_cast<float>(event.mouseButton.x),
                                 static_cast<float>(event.mouseButton.y));
      pointer_known_ = true;
      hover_ = thing_at(pointer_, context);
      keyboard_mode_ = false;
      if (event.mouseButton.button == sf::Mouse::Left) {
        if (!context.moment_open) {
          mouse_skip_ = true;
          return true;
        }
        if (hover_ == kNone) {
          // A click on nothing, when the clock chooses no wait, is the mouse's W.
          if (!context.waits_chosen) return false;
          explicit_wait_ = true;
          return true;
        }
        press_on(hover_, context, false);
        return true;
      }
      if (event.mouseButton.button == sf::Mouse::Right && context.moment_open) {
        explicit_wait_ = false;
        mouse_away_ = true;
        return true;
      }
      if (event.mouseButton.button == sf::Mouse::Middle && context.moment_open && hover_ != kNone) {
        explicit_wait_ = false;
        mouse_touch_ = hover_;
        return true;
      }
      return false;
    }
    case sf::Event::MouseButtonReleased:
      if (event.mouseButton.button == sf::Mouse::Left) {
        mouse_skip_ = false;
        release_from(false, context);
        return true;
      }
      if (event.mouseButton.button == sf::Mouse::Right) {
        mouse_away_ = false;
        return true;
      }
      if (event.mouseButton.button == sf::Mouse::Middle) {
        mouse_touch_ = kNone;
        return true;
      }
      return false;
    case sf::Event::KeyPressed:
      switch (event.key.code) {
        case sf::Keyboard::Tab:
          if (!context.moment_open) return false;
          move_focus(event.key.shift ? -1 : 1, context);
          return true;
        case sf::Keyboard::Right:
        case sf::Keyboard::Down:
          if (!context.moment_open) return false;
          move_focus(1, context);
          return true;
        case sf::Keyboard::Left:
        case sf::Keyboard::Up:
          if (!context.moment_open) return false;
          move_focus(-1, context);
          return true;
        case sf::Keyboard::Space:
        case sf::Keyboard::Enter: {
          if (key_down_) return true;  // key repeat
          key_down_ = true;
          if (!context.moment_open) {
            key_skip_ = true;
            return true;
          }
          const ThingId target = attended();
          if (target == kNone) return false;
          press_on(target, context, true);
          return true;
        }
        case sf::Keyboard::BackSpace:
          if (!context.moment_open) return false;
          explicit_wait_ = false;
          key_away_ = true;
          return true;
        case sf::Keyboard::PageUp:
        case sf::Keyboard::PageDown: {
          if (slide_key_down_) return true;  // key repeat
          if (!context.moment_open) return false;
          const ThingId target = attended();
          if (target == kNone) return false;
          slide_key_down_ = true;
          press_on(target, context, true, event.key.code == sf::Keyboard::PageUp ? 1 : -1);
          return true;
        }
        case sf::Keyboard::T: {
          if (!context.moment_open) return false;
          const ThingId target = attended();
          if (target == kNone) return false;
          explicit_wait_ = false;
          key_touch_ = target;
          return true;
        }
        case sf::Keyboard::W:
          if (!context.moment_open) return false;
          explicit_wait_ = true;
          focus_ = kNone;
          toggled_ = kNone;
          return true;
        default:
          return false;
      }
    case sf::Event::KeyReleased:
      switch (event.key.code) {
        case sf::Keyboard::Space:
        case sf::Keyboard::Enter:
          key_down_ = false;
          key_skip_ = false;
          release_from(true, context);
          return true;
        case sf::Keyboard::BackSpace:
          key_away_ = false;
          return true;
        case sf::Keyboard::T:
          key_touch_ = kNone;
          return true;
        case sf::Keyboard::PageUp:
        case sf::Keyboard::PageDown:
          if (!slide_key_down_) return false;
          slide_key_down_ = false;
          release_from(true, context);
          return true;
        default:
          return false;
      }
    case sf::Event::LostFocus:
      release_all();
      return true;
    default:
      return false;
  }
}

void InputMapper::context_changed(const InputContext& context) {
  focus_ = kNone;
  toggled_ = kNone;
  key_touch_ = mouse_touch_ = kNone;  // a touch is for the moment it was made in
  explicit_wait_ = false;
  waits_chosen_ = context.waits_chosen && context.moment_open;
  if (context.moment_open) {
    // A skip held down through the lines must not leak into the moment as activity.
    mouse_skip_ = key_skip_ = false;
  }
  hover_ = pointer_known_ ? thing_at(pointer_, context) : kNone;
}

void InputMapper::wait_fired() {
  explicit_wait_ = false;
}

void InputMapper::release_all() {
  mouse_press_ = key_press_ = toggled_ = key_touch_ = mouse_touch_ = kNone;
  mouse_skip_ = key_skip_ = mouse_away_ = key_away_ = key_down_ = slide_key_down_ = false;
  toggled_slide_ = key_slide_ = 0;
  mouse_drag_ = 0;
}

ThingId InputMapper::attended() const {
  if (explicit_wait_) return kNone;
  return keyboard_mode_ ? focus_ : hover_;
}

story::Input InputMapper::input() const {
  story::Input in;
  in.hands = hands_;
  in.skip = mouse_skip_ || key_skip_;
  if (explicit_wait_) return in;
  in.attend = waits_chosen_;
  in.touch = key_touch_ != kNone ? key_touch_ : mouse_touch_;
  in.press = toggled_ != kNone ? toggled_ : mouse_press_ != kNone ? mouse_press_ : key_press_;
  if (toggled_ != kNone) {
    in.slide = toggled_slide_ * story::kSlideRate;
  } else if (mouse_press_ != kNone) {
    in.drag = mouse_drag_;
  } else if (key_press_ != kNone) {
    in.slide = key_slide_ * story::kSlideRate;
  }
  in.look = attended();
  in.turn_away = mouse_away_ || key_away_;
  return in;
}

}  // namespace threshold::platform
