// The debug overlay: Dear ImGui panels over the game (F1), reading and steering the story being
// played through the headless core in engine/debug (why a gesture is hidden, variables, rewind,
// jumps, the story graph, live reload's problems). The game (game/debug_host.h) owns one, routes
// window events through it and draws it last; `threshold render --debug-overlay` draws one frame.
// Panels are plain functions registered in one table (panels.cpp, overlay_panels()).
#pragma once

#include <SFML/Graphics/RenderTarget.hpp>
#include <SFML/Window/Event.hpp>
#include <array>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "threshold/debug/story_graph.h"
#include "threshold/debug/voice_view.h"
#include "threshold/story/diagnostic.h"
#include "threshold/story/runtime.h"

namespace threshold::story {
class Timeline;
}

namespace threshold::debug {

class ImGuiSfml;

// Pause, step and time scale (the Time panel writes it; the game loop applies it to the story's
// clock, never to the sound or the frame rate).
struct TimeControl {
  static constexpr double kMinScale = 0.1, kMaxScale = 4.0;
  bool paused = false;
  double scale = 1.0;
  double step = 0;  // seconds of story time to run once while paused (the Step buttons)
  // The story seconds to run for `real` seconds of the loop; consumes a pending step.
  double story_seconds(double real);
};

// Mute and solo of the sound's three buses (the Audio panel); the game multiplies the gains into
// the settings' volumes.
struct AudioMix {
  static constexpr const char* kBusNames[3] = {"room tone", "effects", "music"};
  std::array<bool, 3> mute{}, solo{};
  // Per bus: 0 when muted, or when another bus is soloed and it is not; else 1.
  std::array<float, 3> gains() const;
  friend bool operator==(const AudioMix&, const AudioMix&) = default;
};

// Frame times for the Performance panel, newest last, in milliseconds.
struct FrameStats {
  static constexpr size_t kFrames = 240;
  std::array<float, kFrames> ms{};
  size_t count = 0;  // frames recorded so far (the ring holds min(count, kFrames))
  void add(double seconds);
  // The recorded frames in order, oldest first.
  std::vector<float> in_order() const;
};

// What the panels read and act on, filled by the game before each overlay frame. Pointers may
// be null: no game started yet (runtime), no sound (voices), no live reload (diagnostics only).
struct Session {
  std::shared_ptr<const story::Story> story;  // the story that runs
  story::Runtime* runtime = nullptr;
  story::Timeline* timeline = nullptr;
  VoiceView* voices = nullptr;  // the sound, as the engine filled it for this frame
  AudioMix* mix = nullptr;      // null: no mute and solo here
  TimeControl* time = nullptr;
  const FrameStats* frames = nullptr;
  // The draw calls the game's last frame issued (render::Renderer::last_draw_calls); -1: unknown.
  int draw_calls = -1;
  // The last load's diagnostics (a broken edit's errors while the last good story runs).
  const story::Diagnostics* diagnostics = nullptr;
  bool story_broken = false;  // the last edit did not load: the running story is older
  std::string reload_note;    // "reloaded in 41 ms", or what the carry-over repaired
  uint64_t generation = 0;    // changes with every load attempt (panels cache by it)
  // The problems to list (errors first), when the caller has them ready (LiveStory::problems);
  // else the Problems panel collects them from `diagnostics` and the running story.
  const std::vector<story::Diagnostic>* problems = nullptr;
  // A panel changed the runtime: `events` are what it reported (a jump's scene entry); `moved`
  // says the state was replaced (a rewind, a restarted scene) rather than stepped or edited.
  // The game re-reads the runtime (its lines on screen, the input, the sound) and redraws.
  std::function<void(const std::vector<story::Event>& events, bool moved)> changed;
  // A panel asks for a game to start at `scene` (the Scenes panel on the title screen).
  std::function<void(story::SceneId scene)> start_at;
};

class Overlay;

// Handed to each panel: the session, and state that outlives a frame.
struct PanelContext {
  Session& session;
  Overlay& overlay;
};

// A panel: a name (its window title and menu entry), the function that fills its window, and
// where it first appears (fractions of the window: left, top, width, height) until the player
// moves it (ImGui's ini remembers).
struct Panel {
  const char* name;
  void (*draw)(PanelContext&);
  bool open_by_default = false;
  float x = 0.3f, y = 0.3f, w = 0.4f, h = 0.4f;
};

// Every panel, in menu order (panels.cpp).
const std::vector<Panel>& overlay_panels();

// A legible sans-serif for the panels (DejaVu Sans) when installed, else "" (ImGui's own font).
std::string default_overlay_font();

class Overlay {
 public:
  // `ini_path`: ImGui's layout file, which also keeps which panels are open ("" keeps nothing).
  // `font_path`: a TrueType font for the panels ("" for ImGui's own).
  Overlay(std::string ini_path, bool open, const std::string& font_path = "");
  ~Overlay();
  Overlay(const Overlay&) = delete;
  Overlay& operator=(const Overlay&) = delete;

  bool is_open() const { return open_; }
  void set_open(bool open) { open_ = open; }

  // Takes the window event first. Returns true when it is the overlay's (F1, or aimed at a
  // panel while open): the game must not see it. A release whose press the game had goes on to
  // the game, so a hold is never stuck.
  bool handle(const sf::Event& event);

  // Builds the panels for `session` and draws them over `target` (what the game drew). `dt`:
  // real seconds since the last overlay frame. Nothing happens while closed.
  void draw(sf::RenderTarget& target, Session& session, double dt);

  // Is panel `name` open? Opens or closes it.
  bool panel_open(const std::string& name) const;
  void set_panel_open(const std::string& name, bool open);

  // What the panels keep between frames.
  struct GraphView {
    const story::Story* built_for = nullptr;
    StoryGraph graph;
    float zoom = 1, pan_x = 0, pan_y = 0;
    bool by_day = false;
    bool follow = true;     // keep the current scene in view (until the developer pans)
    int32_t followed = -1;  // the scene the view last centred
  };
  GraphView& graph_view() { return graph_; }
  struct ProblemsCache {
    const story::Story* story = nullptr;
    uint64_t generation = ~uint64_t{0};
    std::vector<story::Diagnostic> items;
  };
  ProblemsCache& problems_cache() { return problems_; }
  std::string& scene_query() { return scene_query_; }
  std::string& variable_filter() { return variable_filter_; }
  std::string& edit_error() { return edit_error_; }
  const ImGuiSfml& imgui() const { return *imgui_; }

 private:
  std::unique_ptr<ImGuiSfml> imgui_;
  bool open_;
  std::vector<bool> panel_open_;
  std::array<bool, 3> game_has_button_{};  // the game got this button's press
  GraphView graph_;
  ProblemsCache problems_;
  std::string scene_query_;
  std::string variable_filter_;
  std::string edit_error_;
};

}  // namespace threshold::debug
