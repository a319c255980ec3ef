// Letterboxing: the 16:9 frame fills the window as far as it can, centred, whatever the
// window's shape, and the pointer lands on the frame point under it.
#include "threshold/platform/letterbox.h"

#include <gtest/gtest.h>

#include "threshold/platform/window.h"

namespace threshold::platform {
namespace {

struct Case {
  unsigned w, h;
  float left, top, width, height;
};

class LetterboxSizes : public ::testing::TestWithParam<Case> {};

TEST_P(LetterboxSizes, TheFrameIsTheLargestCentred16By9Rectangle) {
  const Case c = GetParam();
  const Letterbox box = letterbox(c.w, c.h);
  EXPECT_NEAR(box.left, c.left, 0.01);
  EXPECT_NEAR(box.top, c.top, 0.01);
  EXPECT_NEAR(box.width, c.width, 0.01);
  EXPECT_NEAR(box.height, c.height, 0.01);
  EXPECT_NEAR(box.width / box.height, 16.0 / 9.0, 1e-4);
  // The view's viewport says the same in fractions of the window.
  const sf::FloatRect v = frame_view(box).getViewport();
  EXPECT_NEAR(v.left * static_cast<float>(c.w), c.left, 0.01);
  EXPECT_NEAR(v.width * static_cast<float>(c.w), c.width, 0.01);
  EXPECT_NEAR(v.height * static_cast<float>(c.h), c.height, 0.01);
  EXPECT_FLOAT_EQ(frame_view(box).getSize().x, 1280.f);
  EXPECT_FLOAT_EQ(frame_view(box).getSize().y, 720.f);
}

INSTANTIATE_TEST_SUITE_P(
    Windows, LetterboxSizes,
    ::testing::Values(Case{1280, 720, 0, 0, 1280, 720},      // exact
                      Case{1920, 1080, 0, 0, 1920, 1080},    // full HD
                      Case{1280, 1024, 0, 152, 1280, 720},   // 5:4: bars above and below
                      Case{2560, 1080, 320, 0, 1920, 1080},  // ultrawide: bars at the sides
                      Case{800, 600, 0, 75, 800, 450},       // small 4:3
                      Case{640, 1000, 0, 320, 640, 360}));   // portrait

TEST(Letterbox, APointerOnTheFrameMapsToFrameUnits) {
  const Letterbox box = letterbox(2560, 1080);  // bars of 320 px at the sides, scale 1.5
  const sf::Vector2f centre = window_to_frame(box, 1280, 540);
  EXPECT_FLOAT_EQ(centre.x, 640);
  EXPECT_FLOAT_EQ(centre.y, 360);
  const sf::Vector2f corner = window_to_frame(box, 320, 0);
  EXPECT_FLOAT_EQ(corner.x, 0);
  EXPECT_FLOAT_EQ(corner.y, 0);
  EXPECT_TRUE(inside_frame(corner));
}

TEST(Letterbox, APointerOverABarIsOutsideTheFrame) {
  const Letterbox box = letterbox(2560, 1080);
  EXPECT_FALSE(inside_frame(window_to_frame(box, 100, 500)));
  EXPECT_FALSE(inside_frame(window_to_frame(box, 2500, 500)));
  const Letterbox tall = letterbox(1280, 1024);
  EXPECT_FALSE(inside_frame(window_to_frame(tall, 640, 100)));
  EXPECT_TRUE(inside_frame(window_to_frame(tall, 640, 500)));
}

TEST(Letterbox, AMinimisedWindowKeepsFiniteNumbers) {
  const Letterbox box = letterbox(0, 0);
  EXPECT_GT(box.scale, 0);
  const sf::Vector2f p = window_to_frame(box, 0, 0);
  EXPECT_EQ(p.x, p.x);  // not NaN
}

}  // namespace
}  // namespace threshold::platform

// The window opens centred on the desktop, and on a desktop no larger than itself at its top-left
// corner: on a 1280×720 screen it once opened 280 px down, its lower part off-screen.
TEST(WindowPlacement, CentredOnALargerDesktopAndAtTheCornerOfOneItFills) {
  using threshold::platform::centred_position;
  EXPECT_EQ(centred_position({1920, 1080}, {1280, 720}), sf::Vector2i(320, 180));
  EXPECT_EQ(centred_position({1280, 720}, {1280, 720}), sf::Vector2i(0, 0));
  EXPECT_EQ(centred_position({1024, 768}, {1280, 720}), sf::Vector2i(0, 24));
  EXPECT_EQ(centred_position({800, 600}, {1280, 720}), sf::Vector2i(0, 0));
}
