// The speaker against a real speech-dispatcher daemon of the test's own (tests/support/
// speech_daemon.h): what it is asked to say arrives, in order; a line waits its turn while a
// menu item cuts in; speaking() lasts until the server reports the end; no server, or one that
// goes away, is one line and never a crash; and the daemon leaves no process behind.
#include "threshold/speech/speaker.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <thread>

#include "tests/support/speech_daemon.h"

namespace threshold::speech {
namespace {

using test_support::SpeechDaemon;
using Said = std::vector<std::string>;

// Waits (the daemon's pace, at most 20 s of the wall clock) until `voice` has nothing left to say.
bool wait_silent(const Voice& voice) {
  const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (voice.speaking()) {
    if (std::chrono::steady_clock::now() > until) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return true;
}

class Speaker : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(daemon_.ok()) << daemon_.error();
    Connection c = connect("threshold-test", daemon_.address(), false);
    ASSERT_TRUE(c.voice) << c.error;
    voice_ = std::move(c.voice);
  }
  SpeechDaemon daemon_;
  std::unique_ptr<Voice> voice_;
};

TEST_F(Speaker, SaysLinesAndAnnouncementsInTheOrderGiven) {
  voice_->say("A cup on the counter.", Kind::Line);
  voice_->say("The door behind you.", Kind::Line);
  voice_->say("You can act. Or wait.", Kind::Announcement);
  ASSERT_TRUE(daemon_.wait_for(3)) << ::testing::PrintToString(daemon_.said());
  EXPECT_TRUE(wait_silent(*voice_));
  EXPECT_EQ(daemon_.said(),
            (Said{"A cup on the counter.", "The door behind you.", "You can act. Or wait."}));
}

// The game's Speech volume reaches the output module as the volume of what follows; at 100 % it
// is the server's default (its loudest).
TEST_F(Speaker, TheVolumeSetIsTheVolumeTheServerSpeaksAt) {
  voice_->say("At the server's own volume.", Kind::Line);
  ASSERT_TRUE(daemon_.wait_for(1));
  voice_->set_volume(0.25f);
  voice_->say("A quarter as loud.", Kind::Line);
  ASSERT_TRUE(daemon_.wait_for(2));
  voice_->set_volume(1.f);
  voice_->say("Loud again.", Kind::Line);
  ASSERT_TRUE(daemon_.wait_for(3));
  EXPECT_TRUE(wait_silent(*voice_));
  const std::vector<std::string> v = daemon_.volumes();
  ASSERT_EQ(v.size(), 3u) << ::testing::PrintToString(v);
  EXPECT_LT(std::stod(v[1]), std::stod(v[0])) << ::testing::PrintToString(v);
  EXPECT_EQ(v[2], v[0]) << ::testing::PrintToString(v);
}

TEST_F(Speaker, WordsAreSaidAsWrittenWithTheirQuotesAndDashes) {
  voice_->say("It's the kettle — \"singing\", at 5% $HOME `true`.", Kind::Line);
  ASSERT_TRUE(daemon_.wait_for(1));
  EXPECT_EQ(daemon_.said(), (Said{"It's the kettle — \"singing\", at 5% $HOME `true`."}));
}

TEST_F(Speaker, AnUtteranceIsSpeakingUntilTheServerReportsItsEnd) {
  const Utterance u = voice_->say("The kettle (slowly).", Kind::Line);
  ASSERT_NE(u, 0u);
  EXPECT_TRUE(voice_->speaking(u));  // held two seconds by the recorder before its end
  EXPECT_TRUE(voice_->speaking());
  ASSERT_TRUE(daemon_.wait_for(1));
  EXPECT_TRUE(voice_->speaking(u));
  EXPECT_TRUE(wait_silent(*voice_));
  EXPECT_FALSE(voice_->speaking(u));
  EXPECT_FALSE(voice_->speaking(0));
}

TEST_F(Speaker, AMenuItemCutsOffWhatIsBeingSaidAndWhatWaits) {
  const Utterance line = voice_->say("A long line (slowly).", Kind::Line);
  ASSERT_TRUE(daemon_.wait_for(1));  // being read now
  voice_->say("A line waiting its turn.", Kind::Line);
  voice_->say("Settings", Kind::Menu);
  EXPECT_FALSE(voice_->speaking(line));
  ASSERT_TRUE(daemon_.wait_for(2));
  EXPECT_TRUE(wait_silent(*voice_));
  EXPECT_EQ(daemon_.said(), (Said{"A long line (slowly).", "Settings"}));
}

TEST_F(Speaker, AThingWaitsForTheLineBeforeItButCutsOffTheThingBeforeIt) {
  voice_->say("A cup on the counter (slowly).", Kind::Line);
  voice_->say("the cup", Kind::Thing);  // waits for the line
  ASSERT_TRUE(daemon_.wait_for(2));
  EXPECT_TRUE(wait_silent(*voice_));
  const Utterance door = voice_->say("the door (slowly)", Kind::Thing);
  ASSERT_TRUE(daemon_.wait_for(3));
  voice_->say("the window", Kind::Thing);  // the focus moved on: the door is not finished
  EXPECT_FALSE(voice_->speaking(door));
  ASSERT_TRUE(daemon_.wait_for(4));
  EXPECT_TRUE(wait_silent(*voice_));
  EXPECT_EQ(daemon_.said(),
            (Said{"A cup on the counter (slowly).", "the cup", "the door (slowly)", "the window"}));
}

TEST_F(Speaker, CancelStopsTheReadingAndDropsTheQueue) {
  voice_->say("One (slowly).", Kind::Line);
  ASSERT_TRUE(daemon_.wait_for(1));
  voice_->say("Two.", Kind::Line);
  voice_->cancel();
  EXPECT_FALSE(voice_->speaking());
  voice_->say("Three.", Kind::Line);
  ASSERT_TRUE(daemon_.wait_for(2));
  EXPECT_TRUE(wait_silent(*voice_));
  EXPECT_EQ(daemon_.said(), (Said{"One (slowly).", "Three."}));
}

TEST_F(Speaker, AServerThatGoesAwayIsAFailureAndNeverACrash) {
  voice_->say("Before.", Kind::Line);
  ASSERT_TRUE(daemon_.wait_for(1));
  daemon_.stop();
  // The connection notices on the next thing said (or the one after: the socket may take one
  // more write before it reports the close).
  Utterance u = 1;
  for (int i = 0; i < 3 && voice_->failure().empty(); ++i) u = voice_->say("After.", Kind::Line);
  EXPECT_EQ(u, 0u);
  EXPECT_NE(voice_->failure(), "");
  EXPECT_FALSE(voice_->speaking());
  voice_->cancel();  // harmless now
  EXPECT_EQ(voice_->say("Later.", Kind::Menu), 0u);
}

TEST_F(Speaker, TheDaemonLeavesNoProcessBehind) {
  voice_->say("Something (slowly).", Kind::Line);  // its module is running a command now
  ASSERT_TRUE(daemon_.wait_for(1));
  EXPECT_TRUE(daemon_.any_process_left());
  voice_.reset();
  daemon_.stop();
  EXPECT_FALSE(daemon_.any_process_left());
}

TEST(SpeakerWithoutServer, NoServerIsOneLineAndNoVoice) {
  const std::string socket = "/tmp/threshold-no-speechd-" + std::to_string(getpid()) + ".sock";
  const Connection c = connect("threshold-test", "unix_socket:" + socket, false);
  EXPECT_EQ(c.voice, nullptr);
  EXPECT_NE(c.error, "");
  EXPECT_EQ(c.error.find('\n'), std::string::npos) << c.error;
  EXPECT_NE(c.error.find(socket), std::string::npos) << c.error;
}

TEST(SpeakerWithoutServer, AnAddressOfNoKnownKindIsOneLine) {
  const Connection c = connect("threshold-test", "carrier-pigeon:home", false);
  EXPECT_EQ(c.voice, nullptr);
  EXPECT_NE(c.error.find("carrier-pigeon:home"), std::string::npos) << c.error;
}

}  // namespace
}  // namespace threshold::speech
