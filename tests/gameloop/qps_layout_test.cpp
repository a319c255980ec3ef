// No clipped text at the pseudo-locale (`qps`: every string accented, about 40 % longer and
// bracketed): the bundled story's every scene, at its first moment with hints (untimed, the
// longest wording) and captions on, and every menu and settings screen of the game, at 100 % and
// at the largest text size. Each row of text the renderer drew (Renderer::last_text) lies inside
// the frame, is no wider than the column it was wrapped to (a word too long for it would run
// out of its box: wrapping breaks only between words, scene_text.cpp), and overlaps no other
// row. THRESHOLD_SCREENSHOT_DIR keeps each frame drawn, to look at; THRESHOLD_LAYOUT_PO draws the
// menus in that catalogue's words instead of the pseudo-locale's.
#include <gtest/gtest.h>

#include <SFML/Graphics/RenderTexture.hpp>
#include <SFML/Window/Event.hpp>
#include <cstdlib>
#include <deque>
#include <sstream>
#include <string>
#include <vector>

#include "game/menus.h"
#include "tests/support/test_story.h"
#include "threshold/locale/catalogue.h"
#include "threshold/locale/localize.h"
#include "threshold/locale/ui_strings.h"
#include "threshold/platform/letterbox.h"
#include "threshold/platform/window.h"
#include "threshold/story/captions.h"
#include "threshold/story/timeline.h"

namespace threshold::game {
namespace {

using render::Renderer;

constexpr float kScales[] = {1.0f, platform::kMaxTextScale};

std::string describe(const Renderer::DrawnRow& r) {
  std::ostringstream s;
  s << "\"" << r.text << "\" at (" << r.at.x << ", " << r.at.y << ") " << r.at.w << "×" << r.at.h
    << " in a column of " << r.column;
  return s.str();
}

// What a player would see as clipped, in the rows of one frame.
std::vector<std::string> clipped(const std::vector<Renderer::DrawnRow>& rows) {
  std::vector<std::string> out;
  for (size_t i = 0; i < rows.size(); ++i) {
    const Renderer::DrawnRow& r = rows[i];
    if (r.at.x < 0 || r.at.y < 0 || r.at.x + r.at.w > story::kFrameWidth ||
        r.at.y + r.at.h > story::kFrameHeight) {
      out.push_back("outside the frame: " + describe(r));
    }
    if (r.at.w > r.column + 1) out.push_back("wider than its column: " + describe(r));
    for (size_t j = i + 1; j < rows.size(); ++j) {
      const story::Rect& a = r.at;
      const story::Rect& b = rows[j].at;
      // Letters' bounds, a pixel of grace for accents and descenders that meet.
      const float across = std::min(a.x + a.w, b.x + b.w) - std::max(a.x, b.x);
      const float down = std::min(a.y + a.h, b.y + b.h) - std::max(a.y, b.y);
      if (across > 1 && down > 1) {
        out.push_back("over another row: " + describe(r) + " and " + describe(rows[j]));
      }
    }
  }
  return out;
}

class QpsLayout : public ::testing::Test {
 protected:
  void SetUp() override {
    story_ = test_support::load_test_story_at(THRESHOLD_DATA_DIR);
    locale::pseudo_localize(story_);
    std::string error;
    renderer_ = Renderer::create(story_.font_folders, &error);
    ASSERT_TRUE(renderer_) << error;
    renderer_->record_text(true);
    ASSERT_TRUE(target_.create(1280, 720));
    target_.setView(platform::frame_view(platform::letterbox(1280, 720)));
  }
  void TearDown() override { renderer_->record_text(false); }

  // The rows the menus draw for `facts` now, checked; returns what was wrong.
  void expect_menu_fits(Menus& menus, const MenuFacts& facts, float scale, const char* where) {
    target_.clear();
    render::Style style;
    style.text_scale = scale;
    menus.draw(target_, *renderer_, facts, style);
    const std::vector<Renderer::DrawnRow>& rows = renderer_->last_text();
    EXPECT_FALSE(rows.empty()) << where;
    for (const std::string& problem : clipped(rows))
      ADD_FAILURE() << where << " at " << scale * 100 << " %: " << problem;
    drawn_ += rows.size();
    shoot(std::string(where) + "_" + std::to_string(static_cast<int>(scale * 100)));
  }
  // THRESHOLD_SCREENSHOT_DIR set: the frame is kept there, to look at.
  void shoot(std::string name) {
    const char* dir = std::getenv("THRESHOLD_SCREENSHOT_DIR");
    if (!dir) return;
    for (char& c : name) c = c == ' ' ? '_' : c;
    target_.display();
    target_.getTexture().copyToImage().saveToFile(std::string(dir) + "/qps_" + name + ".png");
  }

  story::Story story_;
  std::unique_ptr<Renderer> renderer_;
  sf::RenderTexture target_;
  size_t drawn_ = 0;
};

sf::Event key(sf::Keyboard::Key code) {
  sf::Event e;
  e.type = sf::Event::KeyPressed;
  e.key = {code, false, false, false, false};
  return e;
}

TEST_F(QpsLayout, EveryMenuAndSettingsScreenFitsAtEveryTextSize) {
  // THRESHOLD_LAYOUT_PO=some.po: that catalogue's words instead (a translator's check).
  locale::UiText ui = locale::UiText::pseudo();
  if (const char* po = std::getenv("THRESHOLD_LAYOUT_PO")) {
    std::string why;
    const std::optional<locale::Catalogue> cat = locale::read_catalogue(po, &why);
    ASSERT_TRUE(cat) << why;
    ui = locale::UiText::from_catalogue(*cat);
  }
  const platform::Letterbox box = platform::letterbox(1280, 720);
  // The History screen over the story's first lines and gestures.
  std::deque<HistoryItem> history;
  {
    story::Runtime r(story_);
    std::vector<story::Event> events = r.start();
    for (int i = 0; i < 400 && history.size() < 40; ++i) {
      for (const story::Event& e : events) {
        if (e.kind == story::EventKind::LineShown) history.push_back({false, e.text});
      }
      events.clear();
      r.step(0.5, {}, events);
    }
  }
  ASSERT_GE(history.size(), 10u);
  const std::string save_error = locale::pseudo_text(
      "cannot write /home/player/.local/share/"
      "threshold/autosave.txt: No space left",
      false);
  for (const float scale : kScales) {
    platform::Settings settings;
    settings.text_scale = scale;
    const MenuFacts facts{story_.title,
                          settings,
                          true,
                          save_error,
                          true,
                          true,
                          &history,
                          &ui,
                          ui(locale::Ui::LanguageName),
                          [&](const std::string& text, unsigned size, float width) {
                            return renderer_->text_rows(text, size, width, render::Style{});
                          }};
    Menus menus;
    for (const Screen screen :
         {Screen::Title, Screen::Paused, Screen::SaveFailed, Screen::Ending}) {
      menus.open(screen);
      expect_menu_fits(menus, facts, scale, "a menu");
    }
    menus.show_notice(ui(locale::Ui::NoticeAutosaveFailed),
                      {save_error, ui(locale::Ui::NoticeAutosaveGoesOn)}, Screen::Playing);
    expect_menu_fits(menus, facts, scale, "the autosave notice");
    menus.show_notice(ui(locale::Ui::NoticeStoryChanged),
                      {locale::pseudo_text("the scene 'x' is gone; resuming at 'kitchen'", false)},
                      Screen::Playing);
    expect_menu_fits(menus, facts, scale, "the story-changed notice");
    // The settings: every row highlighted in turn (at the largest size they scroll).
    menus.open(Screen::Settings);
    const size_t rows = menus.entries(facts).size();
    for (size_t i = 0; i < rows; ++i) {
      expect_menu_fits(menus, facts, scale, "the settings screen");
      menus.handle(key(sf::Keyboard::Down), facts, box);
    }
    // The History screen, read back from the newest to the oldest.
    menus.open_history(facts, Screen::Paused);
    for (size_t i = 0; i < history.size(); ++i) {
      expect_menu_fits(menus, facts, scale, "the History screen");
      menus.handle(key(sf::Keyboard::Up), facts, box);
    }
  }
  EXPECT_GT(drawn_, 500u);
}

TEST_F(QpsLayout, EveryScenesFirstMomentFitsAtEveryTextSize) {
  for (const float scale : kScales) {
    for (size_t si = 0; si < story_.scenes.size(); ++si) {
      const story::Scene& scene = story_.scenes[si];
      story::Runtime runtime(story_);
      story::Timeline timeline;
      render::Stage stage;
      story::CaptionTrack captions;
      std::vector<story::Event> events;
      timeline.start(runtime, events, static_cast<story::SceneId>(si));
      for (double t = 0; t < 120 && !runtime.in_moment() && !runtime.finished(); t += 0.25) {
        timeline.step(runtime, 0.25, story::Input{}, events);
      }
      for (const story::Event& e : events) stage.observe(story_, e);
      captions.follow(runtime, events);
      stage.captions = captions.showing(runtime.state().time);
      render::Style style;
      style.text_scale = scale;
      style.hints = true;
      style.untimed = true;
      style.captions = true;
      const locale::UiText ui = locale::UiText::pseudo();
      story::GestureWords words;
      words.wait = ui(locale::Ui::GestureWait);
      words.turn_away = ui(locale::Ui::GestureTurnAway);
      words.wait_key = ui(locale::Ui::GestureWaitKey);
      words.touch_key = ui(locale::Ui::GestureTouchKey);
      words.press = ui(locale::Ui::GesturePress);
      style.words = &words;
      target_.clear();
      renderer_->draw(target_, runtime, stage, render::Attention{}, style,
                      runtime.state().time + 10);  // the lines faded in
      const std::vector<Renderer::DrawnRow>& rows = renderer_->last_text();
      EXPECT_FALSE(rows.empty()) << scene.id;
      for (const std::string& problem : clipped(rows))
        ADD_FAILURE() << "scene " << scene.id << " at " << scale * 100 << " %: " << problem;
      drawn_ += rows.size();
      shoot(scene.id + "_" + std::to_string(static_cast<int>(scale * 100)));
    }
  }
  EXPECT_GT(drawn_, 2 * story_.scenes.size());
}

// French puts a no-break space before : and %: it holds its two words on one row, and is drawn
// as a space (EB Garamond has no glyph of its own for it).
TEST_F(QpsLayout, ANoBreakSpaceHoldsItsWordsOnOneRowAndIsDrawnAsASpace) {
  const render::Style style;
  const std::string broken = "Volume de la voix : 100 %";
  const std::string held = "Volume de la voix\u00a0: 100\u00a0%";
  // A column too narrow for any two words: a row a word, but "voix :" and "100 %" held. With
  // plain spaces, the line breaking (ICU's, UAX #14 LB13) holds the colon to its word already,
  // never opening a row with it; the per cent sign is held only by the no-break space.
  EXPECT_EQ(renderer_->text_rows(broken, 34, 10, style), 6u);
  EXPECT_EQ(renderer_->text_rows(held, 34, 10, style), 5u);
  target_.clear();
  renderer_->draw_menu(target_, "", {{held, true}}, "", style);
  ASSERT_EQ(renderer_->last_text().size(), 1u);
  EXPECT_EQ(renderer_->last_text()[0].text, broken);
}

}  // namespace
}  // namespace threshold::game
