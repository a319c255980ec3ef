// Live reload: the watcher sees an edit within half a second; a reload keeps the player's scene
// and variables and shows the new text; a broken edit keeps the old story and says where;
// fixing it reloads; a removed scene resumes at a survivor, with a notice.
#include "threshold/debug/live_reload.h"

#include <gtest/gtest.h>
#include <stdlib.h>
#include <sys/stat.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "story_fixture.h"
#include "threshold/debug/problems.h"
#include "threshold/debug/variables.h"
#include "threshold/story/expression.h"
#include "threshold/story/timeline.h"

namespace threshold::debug {
namespace {

namespace fs = std::filesystem;
using namespace threshold::debug::testing;
using story::Input;

std::string read(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void write(const std::string& path, const std::string& text) {
  std::ofstream(path, std::ios::trunc) << text;
}

void replace_in(const std::string& path, const std::string& from, const std::string& to) {
  std::string text = read(path);
  const size_t at = text.find(from);
  ASSERT_NE(at, std::string::npos) << from << " not in " << path;
  text.replace(at, from.size(), to);
  write(path, text);
}

// A private copy of the test story, which the tests edit.
class LiveReloadTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string tmpl = (fs::temp_directory_path() / "threshold-live-XXXXXX").string();
    ASSERT_NE(::mkdtemp(tmpl.data()), nullptr);
    dir_ = tmpl;
    fs::copy(door_dir(), dir_, fs::copy_options::recursive);
    live_ = std::make_unique<LiveStory>(dir_);
    ASSERT_TRUE(live_->ok()) << live_->diagnostics().format_all();
    rt_ = std::make_unique<story::Runtime>(*live_->story());
    timeline_.start(*rt_, out_);
    step(1.0, {});
  }
  void TearDown() override {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }
  void step(double dt, Input in) { timeline_.step(*rt_, dt, in, out_); }
  std::string scene(const std::string& name) const { return dir_ + "/scenes/" + name + ".yaml"; }
  // To the kitchen (the wait), its first line on screen, with restlessness 3.
  void into_the_kitchen() {
    ASSERT_EQ(set_variable(*rt_, "restlessness", "3"), "");
    step(5.0 + story::kBreathSeconds, {});
    step(0.5, {});
    ASSERT_EQ(scene_id(*rt_), "kitchen");
  }
  double restlessness() const {
    return rt_->state()
        .variables[static_cast<size_t>(rt_->story().find_variable("restlessness"))]
        .number();
  }

  std::string dir_;
  std::unique_ptr<LiveStory> live_;
  std::unique_ptr<story::Runtime> rt_;
  story::Timeline timeline_;
  std::vector<story::Event> out_;
};

TEST_F(LiveReloadTest, EditingALineKeepsSceneAndVariablesAndShowsTheNewLine) {
  into_the_kitchen();
  replace_in(scene("kitchen"), "The kettle ticks.", "The kettle sings.");
  const story::Story* before = &rt_->story();
  ASSERT_TRUE(live_->reload(*rt_, &timeline_));
  EXPECT_NE(&rt_->story(), before);
  EXPECT_EQ(&rt_->story(), live_->story().get());
  EXPECT_EQ(scene_id(*rt_), "kitchen");
  EXPECT_EQ(restlessness(), 3.0);
  EXPECT_FALSE(live_->broken());
  out_.clear();
  step(0.0, {});  // the line on screen is shown again, as it now reads
  EXPECT_EQ(lines_of(out_), std::vector<std::string>{"The kettle sings."});
}

TEST_F(LiveReloadTest, ABrokenEditKeepsTheOldStoryAndSaysWhereItIsBroken) {
  into_the_kitchen();
  const story::State state = rt_->state();
  const story::Story* running = &rt_->story();
  // Line 16, column 15 of kitchen.yaml (where the scene id stands) names no scene.
  replace_in(scene("kitchen"), "go: hallway", "go: halway");
  EXPECT_FALSE(live_->reload(*rt_, &timeline_));
  EXPECT_TRUE(live_->broken());
  EXPECT_EQ(&rt_->story(), running);
  EXPECT_EQ(live_->story().get(), running);
  EXPECT_EQ(rt_->state(), state);
  const std::vector<story::Diagnostic> problems = live_->problems();
  ASSERT_FALSE(problems.empty());
  const story::Diagnostic& d = problems.front();
  EXPECT_EQ(d.severity, story::Severity::Error);
  EXPECT_EQ(fs::path(d.file).filename(), "kitchen.yaml");
  EXPECT_EQ(d.line, 16);
  EXPECT_EQ(d.column, 15);
  EXPECT_NE(d.message.find("halway"), std::string::npos) << d.message;
  // The game goes on with the old story.
  step(2.0, {});
  EXPECT_TRUE(rt_->in_moment());

  // Fixed: it reloads, and the player is still in the kitchen.
  replace_in(scene("kitchen"), "go: halway", "go: hallway");
  EXPECT_TRUE(live_->reload(*rt_, &timeline_));
  EXPECT_FALSE(live_->broken());
  EXPECT_EQ(scene_id(*rt_), "kitchen");
  EXPECT_EQ(restlessness(), 3.0);
}

TEST_F(LiveReloadTest, BrokenYamlIsReportedAtItsLineAndTheGameGoesOn) {
  into_the_kitchen();
  replace_in(scene("kitchen"), "      - text: The window is grey.",
             "      - text: [The window is grey.");
  EXPECT_FALSE(live_->reload(*rt_, &timeline_));
  ASSERT_FALSE(live_->problems().empty());
  const story::Diagnostic& d = live_->problems().front();
  EXPECT_EQ(d.severity, story::Severity::Error);
  EXPECT_EQ(fs::path(d.file).filename(), "kitchen.yaml");
  EXPECT_EQ(d.line, 11) << d.format();  // at the '[' that is never closed
  EXPECT_EQ(d.column, 15) << d.format();
  EXPECT_EQ(scene_id(*rt_), "kitchen");
  step(2.0, {});
  EXPECT_TRUE(rt_->in_moment());
}

TEST_F(LiveReloadTest, ARemovedCurrentSceneResumesAtASurvivorWithANotice) {
  timeline_.jump(*rt_, rt_->story().find_scene("attic"), out_);
  ASSERT_EQ(scene_id(*rt_), "attic");
  fs::remove(scene("attic"));
  ASSERT_TRUE(live_->reload(*rt_, &timeline_));
  EXPECT_EQ(scene_id(*rt_), "hallway");  // the last scene visited that still exists
  ASSERT_FALSE(live_->notices().empty());
  EXPECT_NE(live_->notices().front().find("'attic' no longer exists"), std::string::npos)
      << live_->notices().front();
}

TEST_F(LiveReloadTest, HistoryCanStillBeRewoundAfterAReload) {
  step(0.0, Input{.press = thing(*rt_, "keys")});
  step(1.5, {});
  step(0.5, Input{.turn_away = true});
  step(0.5, {});
  ASSERT_EQ(scene_id(*rt_), "bedroom");
  replace_in(scene("bedroom"), "still warm", "cold now");
  ASSERT_TRUE(live_->reload(*rt_, &timeline_));
  ASSERT_TRUE(timeline_.rewind(*rt_, 1));  // before turning away, in the new story
  EXPECT_EQ(&rt_->story(), live_->story().get());
  EXPECT_EQ(scene_id(*rt_), "hallway");
  EXPECT_TRUE(rt_->in_moment());
  EXPECT_EQ(rt_->state().history.size(), 1u);
}

TEST_F(LiveReloadTest, TheWatcherSeesAnEditWithinHalfASecond) {
  StoryWatcher watcher(dir_, 0.2);
  watcher.watch(live_->files());
  EXPECT_FALSE(watcher.poll_now());
  replace_in(scene("kitchen"), "The kettle ticks.", "The kettle ticks on.");
  const auto written = std::chrono::steady_clock::now();
  bool seen = false;
  while (!seen && std::chrono::steady_clock::now() - written < std::chrono::seconds(2)) {
    seen = watcher.poll();
    if (!seen) std::this_thread::sleep_for(std::chrono::milliseconds(16));  // a frame
  }
  const double after =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - written).count();
  ASSERT_TRUE(seen);
  EXPECT_LT(after, 0.5);
  ASSERT_EQ(watcher.changed().size(), 1u);
  EXPECT_EQ(fs::path(watcher.changed()[0]).filename(), "kitchen.yaml");
  EXPECT_FALSE(watcher.poll_now());  // once per change
}

TEST_F(LiveReloadTest, TheWatcherSeesNewAndRemovedFiles) {
  StoryWatcher watcher(dir_);
  watcher.watch(live_->files());
  write(scene("cellar"),
        "scene: cellar\nplace: cellar\nbeats:\n  - id: dark\n    lines: [Dark.]\n");
  EXPECT_TRUE(watcher.poll_now());
  fs::remove(scene("street"));
  EXPECT_TRUE(watcher.poll_now());
  EXPECT_FALSE(watcher.poll_now());
  // An editor's swap file is not the story.
  write(dir_ + "/scenes/.kitchen.yaml.swp", "swap");
  EXPECT_FALSE(watcher.poll_now());
  replace_in(dir_ + "/story.yaml", "title: Debug Door", "title: Debug Doors");
  EXPECT_TRUE(watcher.poll_now());
  EXPECT_EQ(watcher.changed(), std::vector<std::string>{dir_ + "/story.yaml"});
}

TEST_F(LiveReloadTest, TheWatcherSeesOnlyStoryFiles) {
  StoryWatcher watcher(dir_);
  watcher.watch(live_->files());
  // Notes, pictures and the like beside the scenes are not the story: the loader does not read
  // them, so nothing reloads.
  write(dir_ + "/scenes/notes.txt", "the cellar scene needs a lamp");
  write(dir_ + "/scenes/sketch.png", "not a picture");
  EXPECT_FALSE(watcher.poll_now());
  // A *.yml file is not read either, but the loader warns of it: that is a change.
  write(dir_ + "/scenes/cellar.yml", "scene: cellar\n");
  EXPECT_TRUE(watcher.poll_now());
  EXPECT_EQ(watcher.changed(), std::vector<std::string>{dir_ + "/scenes/cellar.yml"});
}

// The images and sounds the running story names are its files too (StoryFiles::media): an edit
// to one reloads, so the game reads it again (Renderer/AudioEngine::forget_files). A picture no
// scene names does not.
TEST_F(LiveReloadTest, TheWatcherSeesTheImagesAndSoundsTheStoryNames) {
  const fs::path tests = fs::path(door_dir()).parent_path();
  fs::create_directories(dir_ + "/media");
  fs::copy_file(tests / "visual_basic" / "pictures" / "poster.png", dir_ + "/media/poster.png");
  fs::copy_file(tests / "audio" / "sounds" / "a440.wav", dir_ + "/media/a440.wav");
  write(dir_ + "/media/unused.png", "not named by any scene");
  write(scene("cellar"),
        "scene: cellar\nvisual:\n  layers:\n"
        "    - { image: media/poster.png, rect: [0, 0, 100, 100] }\n"
        "ambience:\n  tone:\n    - { file: media/a440.wav }\n"
        "beats:\n  - id: dark\n    lines: [Dark.]\n");
  ASSERT_TRUE(live_->reload(*rt_, &timeline_)) << live_->diagnostics().format_all();
  const std::string poster = fs::canonical(dir_ + "/media/poster.png").string();
  const std::string tone = fs::canonical(dir_ + "/media/a440.wav").string();
  EXPECT_EQ(live_->files().media, (std::vector<std::string>{tone, poster}));
  EXPECT_FALSE(live_->watcher().poll_now());

  write(dir_ + "/media/unused.png", "still not named");
  EXPECT_FALSE(live_->watcher().poll_now());
  std::ofstream(dir_ + "/media/poster.png", std::ios::app) << "more";
  ASSERT_TRUE(live_->watcher().poll_now());
  EXPECT_EQ(live_->watcher().changed(), std::vector<std::string>{poster});
  std::ofstream(dir_ + "/media/a440.wav", std::ios::app) << "more";
  ASSERT_TRUE(live_->watcher().poll_now());
  EXPECT_EQ(live_->watcher().changed(), std::vector<std::string>{tone});

  // A broken edit keeps the old story playing, and so its pictures watched.
  write(scene("street"), "scene: [\n");
  EXPECT_FALSE(live_->reload(*rt_, &timeline_));
  EXPECT_EQ(live_->files().media, (std::vector<std::string>{tone, poster}));
}

TEST_F(LiveReloadTest, ANewSceneInTheFolderStoryYamlNamesIsPickedUp) {
  fs::rename(dir_ + "/scenes", dir_ + "/chapters");
  write(dir_ + "/story.yaml", read(dir_ + "/story.yaml") + "scenes: chapters\n");
  into_the_kitchen();
  ASSERT_TRUE(live_->reload(*rt_, &timeline_)) << live_->diagnostics().format_all();
  EXPECT_EQ(live_->files().scenes.path, dir_ + "/chapters");
  write(dir_ + "/chapters/cellar.yaml",
        "scene: cellar\nbeats:\n  - id: dark\n    lines: [Dark.]\n");
  EXPECT_TRUE(live_->watcher().poll_now());
  EXPECT_EQ(live_->watcher().changed(), std::vector<std::string>{dir_ + "/chapters/cellar.yaml"});
  // The old folder's name is nothing to the story now.
  fs::create_directory(dir_ + "/scenes");
  write(dir_ + "/scenes/attic.yaml", "scene: attic\nbeats:\n  - id: dust\n    lines: [Dust.]\n");
  EXPECT_FALSE(live_->watcher().poll_now());
}

TEST_F(LiveReloadTest, AFifoInTheScenesFolderIsRefusedAndTheGameGoesOn) {
  into_the_kitchen();
  const std::string fifo = dir_ + "/scenes/pipe.yaml";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  // Opening a FIFO would block until a writer comes: the reload must refuse it, not wait.
  EXPECT_FALSE(live_->reload(*rt_, &timeline_));
  EXPECT_TRUE(live_->broken());
  ASSERT_FALSE(live_->problems().empty());
  const story::Diagnostic& d = live_->problems().front();
  EXPECT_EQ(d.severity, story::Severity::Error);
  EXPECT_EQ(d.file, fifo);
  EXPECT_EQ(d.message, "not a regular file (a FIFO); story files must be plain files");
  EXPECT_EQ(scene_id(*rt_), "kitchen");
  step(2.0, {});
  EXPECT_TRUE(rt_->in_moment());
}

TEST_F(LiveReloadTest, PollingReloadsOnlyWhenSomethingChanged) {
  into_the_kitchen();
  std::this_thread::sleep_for(std::chrono::milliseconds(250));
  EXPECT_FALSE(live_->poll(*rt_, &timeline_));
  replace_in(scene("kitchen"), "The window is grey.", "The window is white.");
  std::this_thread::sleep_for(std::chrono::milliseconds(250));
  EXPECT_TRUE(live_->poll(*rt_, &timeline_));
  EXPECT_EQ(scene_id(*rt_), "kitchen");
}

// The game plays a translated story: each reload is prepared the same way, and the file the
// preparation reads (the catalogue) is watched like a scene. Here the "translation" replaces one
// line with the text of a file beside the story.
TEST_F(LiveReloadTest, AnEditOfThePreparationsFileIsReloadedAndEveryReloadIsPrepared) {
  into_the_kitchen();
  const std::string catalogue = dir_ + "/kitchen.txt";
  write(catalogue, "La bouilloire tique.");
  auto prepare = [catalogue](story::Story& s) {
    story::Scene& kitchen = s.scene(s.find_scene("kitchen"));
    for (story::Beat& b : kitchen.beats) {
      for (story::Line& l : b.lines) {
        if (l.text && l.text->plain == "The kettle ticks.") {
          l.text->plain = s.strings->intern(read(catalogue));
        }
      }
    }
  };
  live_->prepare_with({prepare, {catalogue}});
  EXPECT_FALSE(live_->watcher().poll_now());
  write(catalogue, "La bouilloire chante.");
  ASSERT_TRUE(live_->watcher().poll_now());
  ASSERT_TRUE(live_->reload(*rt_, &timeline_));
  EXPECT_EQ(scene_id(*rt_), "kitchen");
  EXPECT_EQ(restlessness(), 3.0);
  out_.clear();
  step(0.0, {});
  EXPECT_EQ(lines_of(out_), std::vector<std::string>{"La bouilloire chante."});
  // An edit of a scene is prepared too.
  replace_in(scene("kitchen"), "The window is grey.", "The window is white.");
  ASSERT_TRUE(live_->watcher().poll_now());
  ASSERT_TRUE(live_->reload(*rt_, &timeline_));
  out_.clear();
  step(0.0, {});
  EXPECT_EQ(lines_of(out_), std::vector<std::string>{"La bouilloire chante."});
}

TEST(ReloadOfData, ReloadingTheGamesStoryKeepsThePlayersScene) {
  std::shared_ptr<const story::Story> data = load_or_fail(THRESHOLD_DATA_DIR);
  ASSERT_TRUE(data);
  story::Runtime rt(*data);
  rt.start();
  rt.step(30.0, {});
  const ReloadResult r = reload_story(THRESHOLD_DATA_DIR, *data, rt.state());
  ASSERT_TRUE(r.ok) << r.diagnostics.format_all();
  EXPECT_EQ(r.state.scene, rt.state().scene);
  // How fast: bench/reload_bench (Reload/data against Load/data in the same run).
}

TEST(ReloadOfData, AReloadCarriesAFullHistoryOver) {
  LiveStory live(THRESHOLD_DATA_DIR);
  ASSERT_TRUE(live.ok()) << live.diagnostics().format_all();
  story::Runtime rt(*live.story());
  story::Timeline timeline;
  std::vector<story::Event> out;
  timeline.start(rt, out);
  // Play on, always taking the last gesture on offer (from the start again at each ending),
  // until the timeline is full.
  for (int i = 0; i < 2000 && timeline.snapshots().size() < story::Timeline::kDefaultCapacity;
       ++i) {
    rt.fast_forward(out);
    if (rt.finished()) {
      timeline.jump(rt, rt.story().start, out);  // and again, still recording
      continue;
    }
    const std::vector<int32_t> offered = rt.offered();
    if (offered.empty()) break;
    timeline.choose(rt, offered.back(), out);
  }
  const size_t snapshots = timeline.snapshots().size();
  ASSERT_GT(snapshots, 10u);
  ASSERT_TRUE(live.reload(rt, &timeline));
  // Every snapshot carried over; how fast: bench/reload_bench (Reload/data_with_history).
  EXPECT_EQ(timeline.snapshots().size(), snapshots);
}

}  // namespace
}  // namespace threshold::debug
