// Captions, headless: `caption:` as the loader reads it, the side a sound is on, and what the
// caption track shows as the runtime plays (tests/stories/captions): the room tone announced as
// the scene begins, a cue's caption as it sounds and no longer than it should, at most two at
// once; and the checker's warning for a sound the player could act on with no caption.
#include "threshold/story/captions.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tests/support/test_story.h"
#include "threshold/story/checker.h"
#include "threshold/story/runtime.h"

namespace threshold::story {
namespace {

const Story& captions_story() {
  static const Story story = test_support::load_test_story("captions");
  return story;
}

std::vector<std::string> texts(const std::vector<Caption>& shown) {
  std::vector<std::string> out;
  for (const Caption& c : shown) out.push_back(c.text);
  return out;
}

// Plays the kitchen with idle hands up to `until`, the kettle touched at 3 s when `touch`, the
// caption track following every 0.05 s step as the game's does. Returns what shows at `until`.
struct Played {
  CaptionTrack track;
  double time = 0;
};
Played play(double until, bool touch) {
  const Story& story = captions_story();
  Played p;
  Runtime runtime(story);
  std::vector<Event> events = runtime.start();
  p.track.follow(runtime, events);
  const ThingId kettle = story.scene(0).find_thing("kettle");
  while (runtime.state().time < until - 1e-9 && !runtime.finished()) {
    Input in;
    const double t = runtime.state().time;
    if (touch && t >= 3 - 1e-9 && t < 3.1 - 1e-9) in.press = kettle;
    events.clear();
    runtime.step(0.05, in, events);
    p.track.follow(runtime, events);
  }
  p.time = runtime.state().time;
  return p;
}

TEST(CaptionLoader, LayersAndCuesKeepTheirWordsAndUncaptionedOnesNone) {
  const Ambience& a = captions_story().scene(0).ambience;
  ASSERT_EQ(a.tone.size(), 4u);
  EXPECT_EQ(a.tone[0].caption, "the fridge hums");
  EXPECT_EQ(a.tone[1].caption, "the clock, ticking");
  EXPECT_EQ(a.tone[2].caption, "");
  ASSERT_EQ(a.cues.size(), 5u);
  EXPECT_EQ(a.cues[0].sound.caption, "the kettle clicks");
  EXPECT_EQ(a.cues[1].sound.caption, "the switch, pressed");
  EXPECT_EQ(a.cues[2].sound.caption, "");
}

TEST(CaptionSide, ASoundIsLeftRightOrCentreByWhereItIsInTheFrame) {
  const Ambience& a = captions_story().scene(0).ambience;
  EXPECT_EQ(caption_side(a.tone[0]), CaptionSide::Left);          // at x 142
  EXPECT_EQ(caption_side(a.tone[1]), CaptionSide::Centre);        // placed nowhere
  EXPECT_EQ(caption_side(a.tone[3]), CaptionSide::Right);         // at the kettle, x 1140
  EXPECT_EQ(caption_side(a.cues[1].sound), CaptionSide::Centre);  // at the cup, x 640
  SoundLayer s;
  s.placed = true;
  s.x = kCaptionLeftBelow - 1;
  EXPECT_EQ(caption_side(s), CaptionSide::Left);
  s.x = kCaptionLeftBelow;
  EXPECT_EQ(caption_side(s), CaptionSide::Centre);
  s.x = kCaptionRightAbove;
  EXPECT_EQ(caption_side(s), CaptionSide::Centre);
  s.x = kCaptionRightAbove + 1;
  EXPECT_EQ(caption_side(s), CaptionSide::Right);
}

TEST(CaptionTrack, TheRoomToneIsAnnouncedOneLayerAfterAnotherAsTheSceneBegins) {
  const Played p = play(0.5, false);
  const std::vector<Caption> shown = p.track.showing(p.time);
  ASSERT_EQ(texts(shown), std::vector<std::string>{"the fridge hums"});
  EXPECT_EQ(shown[0].side, CaptionSide::Left);
  // The clock comes 1.5 s later, so that each is read; the uncaptioned noise shows nothing.
  EXPECT_EQ(texts(p.track.showing(1.6)),
            (std::vector<std::string>{"the fridge hums", "the clock, ticking"}));
  EXPECT_EQ(texts(p.track.showing(kLayerCaptionSeconds + 0.1)),
            (std::vector<std::string>{"the clock, ticking", "the kettle clicks"}))
      << "the fridge's has gone; the beat's click (from 2 s) shows";
  EXPECT_TRUE(p.track.showing(kLayerCaptionStagger + kLayerCaptionSeconds + 0.1).empty())
      << "the room tone is announced, not labelled for the whole scene";
}

TEST(CaptionTrack, ACueShowsWhenItSoundsAndOnlyTheNewestTwoShow) {
  const Played p = play(2.5, false);
  // The beat's click sounds 2 s after the beat began (its after:), on the right.
  EXPECT_TRUE(texts(p.track.showing(1.9)) ==
              (std::vector<std::string>{"the fridge hums", "the clock, ticking"}));
  const std::vector<Caption> shown = p.track.showing(2.5);
  ASSERT_EQ(texts(shown), (std::vector<std::string>{"the clock, ticking", "the kettle clicks"}))
      << "three are sounding: the newest two show";
  EXPECT_EQ(shown[1].side, CaptionSide::Right);
  EXPECT_DOUBLE_EQ(shown[1].from, 2.0);
  EXPECT_DOUBLE_EQ(shown[1].until, 2.0 + kCueCaptionSeconds);
}

TEST(CaptionTrack, AGestureCuesItsCaptionEndsOneAtItsUntilAndTurnsALayerOn) {
  const Played p = play(3.5, true);
  // The touch at 3 s: the switch's cue, the kettle's layer (its when: turned true), and the
  // beat's click cut short by its until:.
  const std::vector<Caption> shown = p.track.showing(p.time);
  ASSERT_EQ(texts(shown), (std::vector<std::string>{"the switch, pressed", "the kettle, heating"}));
  EXPECT_EQ(shown[0].side, CaptionSide::Centre);
  EXPECT_EQ(shown[1].side, CaptionSide::Right);
  EXPECT_NEAR(shown[0].from, 3.0, 0.11);
  for (const Caption& c : p.track.captions()) {
    if (c.text == "the kettle clicks") {
      EXPECT_NEAR(c.until, shown[0].from, 1e-9);
    }
  }
  // The uncaptioned chime after the switch shows nothing, though it sounds.
  for (double t = 3; t < 6; t += 0.25) {
    for (const Caption& c : p.track.showing(t)) EXPECT_FALSE(c.text.empty());
  }
}

TEST(CaptionTrack, FollowingInOneStepOrManyShowsTheSame) {
  const Story& story = captions_story();
  Runtime runtime(story);
  std::vector<Event> events = runtime.start();
  runtime.step(2.5, Input{}, events);
  CaptionTrack once;
  once.follow(runtime, events);
  const Played many = play(2.5, false);
  for (double t = 0; t <= 2.5; t += 0.25) {
    EXPECT_EQ(once.showing(t), many.track.showing(t)) << "at " << t;
  }
}

TEST(CaptionCheck, ASoundThePlayerCouldActOnWithNoCaptionIsWarnedAtTheCue) {
  Diagnostics diags;
  check(captions_story(), diags);
  std::vector<Diagnostic> found;
  for (const Diagnostic& d : diags.items()) {
    if (d.code == Code::UncaptionedCue) found.push_back(d);
  }
  ASSERT_EQ(found.size(), 2u) << diags.format_all();
  EXPECT_EQ(found[0].severity, Severity::Warning);
  EXPECT_EQ(found[0].line, 22);  // the chime after switch_on
  EXPECT_EQ(found[0].column, 7);
  EXPECT_NE(found[0].message.find("gesture 'switch_on'"), std::string::npos) << found[0].message;
  EXPECT_EQ(found[1].line, 23);  // the chime at a hesitation over the cup
  // The beat with no moment (line 24) needs none: nothing there can be acted on.
}

TEST(CaptionCheck, TheShippedStoryIsCaptionedThroughout) {
  const Story story = test_support::load_test_story_at(THRESHOLD_DATA_DIR);
  Diagnostics diags;
  check(story, diags);
  for (const Diagnostic& d : diags.items()) {
    EXPECT_NE(d.code, Code::UncaptionedCue) << d.format();
  }
  for (const Scene& scene : story.scenes) {
    for (const SoundLayer& l : scene.ambience.tone) EXPECT_FALSE(l.caption.empty()) << scene.id;
    for (const SoundCue& c : scene.ambience.cues) {
      EXPECT_FALSE(c.sound.caption.empty()) << scene.id;
    }
  }
}

}  // namespace
}  // namespace threshold::story
