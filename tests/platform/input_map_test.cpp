// Input mapping: the pointer and the keyboard give the runtime the same gestures, and the
// untimed setting turns holds into press-to-start / press-to-stop.
#include "threshold/platform/input_map.h"

#include <gtest/gtest.h>

namespace threshold::platform {
namespace {

using story::kNone;

constexpr story::ThingId kCup = 0, kDoor = 1, kWindow = 2;

// A moment on three things: the door on the left, the cup, then the window on the right.
InputContext moment(bool untimed = false) {
  InputContext c;
  c.moment_open = true;
  c.untimed = untimed;
  c.things = {kCup, kDoor, kWindow};
  c.areas = {{900, 500, 80, 60}, {100, 150, 200, 520}, {860, 110, 280, 300}};
  order_for_focus(c);
  return c;
}

sf::Event mouse_move(int x, int y) {
  sf::Event e;
  e.type = sf::Event::MouseMoved;
  e.mouseMove = {x, y};
  return e;
}
sf::Event mouse_button(bool down, sf::Mouse::Button b, int x, int y) {
  sf::Event e;
  e.type = down ? sf::Event::MouseButtonPressed : sf::Event::MouseButtonReleased;
  e.mouseButton = {b, x, y};
  return e;
}
sf::Event key(bool down, sf::Keyboard::Key code, bool shift = false) {
  sf::Event e;
  e.type = down ? sf::Event::KeyPressed : sf::Event::KeyReleased;
  e.key = {code, false, false, shift, false};
  return e;
}

// Idle input from a player who has used the pointer or the keyboard at least once.
story::Input idle_hands() {
  story::Input in;
  in.hands = true;
  return in;
}

class InputMap : public ::testing::Test {
 protected:
  Letterbox box = letterbox(1280, 720);
  InputMapper map;
};

TEST_F(InputMap, FocusOrderRunsLeftToRight) {
  EXPECT_EQ(moment().things, (std::vector<story::ThingId>{kDoor, kCup, kWindow}));
}

TEST_F(InputMap, AMousePressOnAThingsAreaPressesThatThing) {
  const InputContext c = moment();
  map.handle(mouse_move(940, 530), box, c);
  EXPECT_EQ(map.input().look, kCup);
  map.handle(mouse_button(true, sf::Mouse::Left, 940, 530), box, c);
  EXPECT_EQ(map.input().press, kCup);
  EXPECT_FALSE(map.input().skip);
  map.handle(mouse_button(false, sf::Mouse::Left, 940, 530), box, c);
  EXPECT_EQ(map.input().press, kNone);
}

TEST_F(InputMap, TheSmallestAreaUnderThePointerWins) {
  InputContext c = moment();
  c.areas[0] = {0, 0, 1280, 720};  // a thing covering the whole frame, behind the others
  map.handle(mouse_move(200, 300), box, c);
  EXPECT_EQ(map.input().look, kDoor);
}

TEST_F(InputMap, ThePointerMapsThroughTheLetterbox) {
  const Letterbox wide = letterbox(2560, 1080);  // frame at x 320..2240, scale 1.5
  const InputContext c = moment();
  // The cup's centre (940, 530) in frame units is (320 + 1410, 795) in the window.
  map.handle(mouse_button(true, sf::Mouse::Left, 1730, 795), wide, c);
  EXPECT_EQ(map.input().press, kCup);
  map.handle(mouse_button(false, sf::Mouse::Left, 1730, 795), wide, c);
  // Over the left bar nothing is pointed at, even at the door's height.
  map.handle(mouse_move(100, 600), wide, c);
  EXPECT_EQ(map.input().look, kNone);
}

TEST_F(InputMap, AClickOnNothingInAMomentDoesNothingButShowTheHands) {
  const InputContext c = moment();
  // The first click reports the player's hands; after that a click on nothing means nothing.
  EXPECT_TRUE(map.handle(mouse_button(true, sf::Mouse::Left, 600, 40), box, c));
  EXPECT_EQ(map.input(), idle_hands());
  map.handle(mouse_button(false, sf::Mouse::Left, 600, 40), box, c);
  EXPECT_FALSE(map.handle(mouse_button(true, sf::Mouse::Left, 600, 40), box, c));
  EXPECT_EQ(map.input(), idle_hands());
}

TEST_F(InputMap, TheHandsAreReportedByTheFirstMoveOrKeyAndStay) {
  const InputContext c = moment();
  EXPECT_FALSE(map.input().hands);
  EXPECT_FALSE(map.handle(key(false, sf::Keyboard::A), box, c));  // a release is not a hand
  EXPECT_FALSE(map.input().hands);
  EXPECT_TRUE(map.handle(key(true, sf::Keyboard::A), box, c));  // any key, even one unused
  EXPECT_TRUE(map.input().hands);
  InputMapper moved;
  EXPECT_TRUE(moved.handle(mouse_move(600, 40), box, c));
  EXPECT_TRUE(moved.input().hands);
  moved.context_changed(InputContext{});
  moved.release_all();
  EXPECT_TRUE(moved.input().hands);
}

TEST_F(InputMap, ClickSpaceAndEnterOutsideAMomentSkipTheLine) {
  InputContext lines;  // no moment open
  map.handle(mouse_button(true, sf::Mouse::Left, 940, 530), box, lines);
  EXPECT_TRUE(map.input().skip);
  EXPECT_EQ(map.input().press, kNone);
  map.handle(mouse_button(false, sf::Mouse::Left, 940, 530), box, lines);
  EXPECT_FALSE(map.input().skip);
  for (sf::Keyboard::Key k : {sf::Keyboard::Space, sf::Keyboard::Enter}) {
    map.handle(key(true, k), box, lines);
    EXPECT_TRUE(map.input().skip);
    map.handle(key(false, k), box, lines);
    EXPECT_FALSE(map.input().skip);
  }
}

TEST_F(InputMap, ASkipHeldIntoAMomentIsDropped) {
  map.handle(key(true, sf::Keyboard::Space), box, InputContext{});
  EXPECT_TRUE(map.input().skip);
  const InputContext c = moment();
  map.context_changed(c);
  EXPECT_EQ(map.input(), idle_hands());  // silence can run
}

TEST_F(InputMap, TabAndArrowsCycleFocusAndFocusIsLooking) {
  const InputContext c = moment();
  EXPECT_EQ(map.input().look, kNone);  // nothing is focused when a moment opens
  map.handle(key(true, sf::Keyboard::Tab), box, c);
  EXPECT_EQ(map.input().look, kDoor);
  map.handle(key(true, sf::Keyboard::Tab), box, c);
  EXPECT_EQ(map.input().look, kCup);
  map.handle(key(true, sf::Keyboard::Right), box, c);
  EXPECT_EQ(map.input().look, kWindow);
  map.handle(key(true, sf::Keyboard::Down), box, c);
  EXPECT_EQ(map.input().look, kDoor);  // wraps around
  map.handle(key(true, sf::Keyboard::Tab, /*shift=*/true), box, c);
  EXPECT_EQ(map.input().look, kWindow);
  map.handle(key(true, sf::Keyboard::Left), box, c);
  EXPECT_EQ(map.input().look, kCup);
  EXPECT_EQ(map.attended(), kCup);
}

TEST_F(InputMap, SpaceOnTheFocusedThingHoldsItUntilReleased) {
  const InputContext c = moment();
  map.handle(key(true, sf::Keyboard::Tab), box, c);
  map.handle(key(true, sf::Keyboard::Space), box, c);
  EXPECT_EQ(map.input().press, kDoor);
  map.handle(key(true, sf::Keyboard::Space), box, c);  // key repeat changes nothing
  EXPECT_EQ(map.input().press, kDoor);
  map.handle(key(false, sf::Keyboard::Space), box, c);
  EXPECT_EQ(map.input().press, kNone);
}

TEST_F(InputMap, SpaceWithNothingFocusedInAMomentIsNotASkip) {
  const InputContext c = moment();
  map.handle(key(true, sf::Keyboard::Space), box, c);
  EXPECT_EQ(map.input(), idle_hands());
}

TEST_F(InputMap, BackspaceAndTheRightButtonTurnAway) {
  const InputContext c = moment();
  map.handle(key(true, sf::Keyboard::BackSpace), box, c);
  EXPECT_TRUE(map.input().turn_away);
  map.handle(key(false, sf::Keyboard::BackSpace), box, c);
  EXPECT_FALSE(map.input().turn_away);
  map.handle(mouse_button(true, sf::Mouse::Right, 5, 5), box, c);
  EXPECT_TRUE(map.input().turn_away);
  map.handle(mouse_button(false, sf::Mouse::Right, 5, 5), box, c);
  EXPECT_FALSE(map.input().turn_away);
}

TEST_F(InputMap, UntimedAPressTogglesAHoldOnAndTheNextPressLetsGo) {
  const InputContext c = moment(/*untimed=*/true);
  map.handle(mouse_move(940, 530), box, c);
  map.handle(mouse_button(true, sf::Mouse::Left, 940, 530), box, c);
  map.handle(mouse_button(false, sf::Mouse::Left, 940, 530), box, c);
  EXPECT_EQ(map.input().press, kCup);  // still held after the button came up
  map.handle(mouse_button(true, sf::Mouse::Left, 940, 530), box, c);
  EXPECT_EQ(map.input().press, kNone);
  map.handle(mouse_button(false, sf::Mouse::Left, 940, 530), box, c);
  EXPECT_EQ(map.input().press, kNone);

  // The same with the keyboard.
  map.handle(key(true, sf::Keyboard::Tab), box, c);
  map.handle(key(true, sf::Keyboard::Enter), box, c);
  map.handle(key(false, sf::Keyboard::Enter), box, c);
  EXPECT_EQ(map.input().press, kDoor);
  map.handle(key(true, sf::Keyboard::Enter), box, c);
  EXPECT_EQ(map.input().press, kNone);
}

// T on the focused thing and the middle button on the pointed one are a touch on purpose while
// down (story::Input::touch), untimed or not, and a press is not started by them.
TEST_F(InputMap, TAndTheMiddleButtonTouchOnPurposeWhileDown) {
  const InputContext c = moment(/*untimed=*/true);
  map.handle(key(true, sf::Keyboard::Tab), box, c);
  map.handle(key(true, sf::Keyboard::T), box, c);
  EXPECT_EQ(map.input().touch, kDoor);
  EXPECT_EQ(map.input().press, kNone);
  map.handle(key(false, sf::Keyboard::T), box, c);
  EXPECT_EQ(map.input().touch, kNone);

  map.handle(mouse_move(940, 530), box, c);
  map.handle(mouse_button(true, sf::Mouse::Middle, 940, 530), box, c);
  EXPECT_EQ(map.input().touch, kCup);
  EXPECT_EQ(map.input().press, kNone);
  map.handle(mouse_button(false, sf::Mouse::Middle, 940, 530), box, c);
  EXPECT_EQ(map.input().touch, kNone);

  // Outside a moment, or on nothing, they mean nothing.
  const InputContext lines;
  EXPECT_FALSE(map.handle(key(true, sf::Keyboard::T), box, lines));
  EXPECT_EQ(map.input().touch, kNone);
}

TEST_F(InputMap, AnUntimedHoldIsDroppedWhenTheMomentCloses) {
  const InputContext c = moment(true);
  map.handle(key(true, sf::Keyboard::Tab), box, c);
  map.handle(key(true, sf::Keyboard::Space), box, c);
  map.handle(key(false, sf::Keyboard::Space), box, c);
  ASSERT_EQ(map.input().press, kDoor);
  map.context_changed(InputContext{});
  EXPECT_EQ(map.input().press, kNone);
}

TEST_F(InputMap, WaitingOnPurposeLeavesTheInputIdleUntilTheWaitFires) {
  const InputContext c = moment();
  map.handle(mouse_move(940, 530), box, c);  // the pointer rests on the cup
  map.handle(key(true, sf::Keyboard::W), box, c);
  EXPECT_EQ(map.input(), idle_hands());
  map.handle(mouse_move(941, 531), box, c);  // a jitter on the same thing: still waiting
  EXPECT_EQ(map.input(), idle_hands());
  map.wait_fired();
  EXPECT_EQ(map.input().look, kCup);
}

TEST_F(InputMap, AnyGestureEndsAWaitOnPurpose) {
  const InputContext c = moment();
  map.handle(key(true, sf::Keyboard::W), box, c);
  EXPECT_TRUE(map.waiting_on_purpose());
  map.handle(key(true, sf::Keyboard::Tab), box, c);
  EXPECT_FALSE(map.waiting_on_purpose());
  EXPECT_EQ(map.input().look, kDoor);
}

TEST_F(InputMap, ALookAlreadyRestingOnAThingCountsWhenTheMomentOpens) {
  map.handle(mouse_move(940, 530), box, InputContext{});
  EXPECT_EQ(map.input().look, kNone);  // no moment, nothing to look at
  map.context_changed(moment());
  EXPECT_EQ(map.input().look, kCup);
}

TEST_F(InputMap, LosingWindowFocusLetsGoOfEverything) {
  const InputContext c = moment();
  map.handle(mouse_button(true, sf::Mouse::Left, 940, 530), box, c);
  map.handle(key(true, sf::Keyboard::BackSpace), box, c);
  sf::Event lost;
  lost.type = sf::Event::LostFocus;
  map.handle(lost, box, c);
  EXPECT_EQ(map.input().press, kNone);
  EXPECT_FALSE(map.input().turn_away);
}

TEST_F(InputMap, ThePointerLeavingTheWindowStopsLooking) {
  const InputContext c = moment();
  map.handle(mouse_move(940, 530), box, c);
  sf::Event left;
  left.type = sf::Event::MouseLeft;
  map.handle(left, box, c);
  EXPECT_EQ(map.input().look, kNone);
}

}  // namespace
}  // namespace threshold::platform
