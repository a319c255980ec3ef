// `threshold render`. See render_command.h.
#include "render_command.h"

#include <SFML/Graphics/Image.hpp>
#include <SFML/Graphics/RenderTexture.hpp>
#include <algorithm>
#include <cstdio>
#include <iostream>
#include <memory>
#include <sstream>

#include "finite_range.h"
#include "scene_arg.h"
#include "story_dir.h"
#include "story_locale.h"
#include "threshold/debug/variables.h"
#include "threshold/overlay/overlay.h"
#include "threshold/platform/display.h"
#include "threshold/platform/letterbox.h"
#include "threshold/render/renderer.h"
#include "threshold/story/captions.h"
#include "threshold/story/runtime.h"
#include "threshold/story/timeline.h"

namespace threshold::game {

CLI::App* add_render_command(CLI::App& app, RenderArgs& args) {
  CLI::App* cmd = app.add_subcommand(
      "render", "Render one frame of a scene to a PNG, off-screen (needs an X display)");
  cmd->add_option("STORY_DIR", args.dir, kStoryDirHelp);
  cmd->add_option("--locale", args.locale, kLocaleHelp)->type_name("LANG");
  cmd->add_option("--scene", args.scene, "The scene to draw (default: the start scene)")
      ->type_name("ID");
  cmd->add_option("--at", args.at, "Seconds into the scene, playing with idle input")
      ->check(finite_range(0.0, 36000.0))
      ->capture_default_str();
  cmd->add_option("--size", args.size, "Image size; the 16:9 frame is letterboxed into it")
      ->type_name("WxH")
      ->capture_default_str();
  cmd->add_option("--out", args.out, "The PNG to write")->type_name("FILE.png")->required();
  cmd->add_flag("--hints", args.hints, "Name the gestures on offer, as the hints setting does");
  cmd->add_flag("--captions", args.captions,
                "Show the captions of the sounds, as the captions setting does");
  cmd->add_flag("--reduced-motion", args.reduced_motion, "Draw as the reduced-motion setting does");
  cmd->add_option("--text-scale", args.text_scale, "Text size, 0.75 to 2")
      ->check(finite_range(0.75, 2.0))
      ->capture_default_str();
  cmd->add_option("--font", args.font, "The text's face, as the Font setting chooses it")
      ->check(CLI::IsMember({"garamond", "opendyslexic", "dejavu_sans"}))
      ->capture_default_str();
  cmd->add_option("--line-spacing", args.line_spacing, "Line spacing, 1 to 2")
      ->check(finite_range(1.0, 2.0))
      ->capture_default_str();
  cmd->add_flag("--high-contrast", args.high_contrast,
                "The lines on a black band, white, as the high-contrast setting draws them");
  cmd->add_option("--set", args.set,
                  "NAME=VALUE: a variable, count or visits(scene) set when the scene begins, "
                  "e.g. --set courage=2 (repeatable)")
      ->type_name("NAME=VALUE");
  cmd->add_option("--press", args.press,
                  "A thing of the scene the hand is on at --at (a hold, push or pull in progress)")
      ->type_name("THING");
  cmd->add_option("--drag", args.drag,
                  "With --press: frame pixels the hand has moved, + away (a push), - toward (a "
                  "pull); short of the gesture's distance, or it is done")
      ->check(finite_range(-720.0, 720.0))
      ->capture_default_str();
  cmd->add_flag("--debug-overlay", args.debug_overlay,
                "Draw the debug overlay's panels over the frame, as F1 shows them in the game "
                "(docs/debug-overlay.md)");
  cmd->footer(
      "Under no display, run it as: xvfb-run -a threshold render ...\n"
      "Exit status: 0 the PNG was written; 1 otherwise (no display, unknown scene, bad size, "
      "cannot write).");
  return cmd;
}

std::string render_display_problem() {
  const std::string problem = platform::display_problem();
  if (problem.empty()) {
    platform::guard_against_display_loss(
        "threshold: the X display refused the connection, or closed it; nothing was drawn\n");
    return "";
  }
  return "threshold: no display (" + problem + "); rendering needs X \xE2\x80\x94 try xvfb-run";
}

int run_render(const RenderArgs& args, const story::Story& story) {
  unsigned width = 0, height = 0;
  char x = 0, extra = 0;
  if (std::sscanf(args.size.c_str(), "%u%c%u%c", &width, &x, &height, &extra) != 3 ||
      (x != 'x' && x != 'X') || width < 16 || height < 16 || width > 8192 || height > 8192) {
    std::cerr << "threshold: --size wants WIDTHxHEIGHT between 16 and 8192, e.g. 1280x720 (got '"
              << args.size << "')\n";
    return 1;
  }
  const std::optional<story::SceneId> found = scene_from_arg(story, args.scene);
  if (!found) return 1;
  const story::SceneId scene = *found;
  const std::string problem = render_display_problem();
  if (!problem.empty()) {
    std::cerr << problem << "\n";
    return 1;
  }

  std::string error;
  std::unique_ptr<render::Renderer> renderer = render::Renderer::create(story.font_folders, &error);
  if (!renderer) {
    std::cerr << "threshold: " << error << "\n";
    return 1;
  }

  // Play the scene with idle input up to --at, the stage seeing every event, as the game does
  // (through a Timeline, as the game does, so that the overlay's History can offer rewinds).
  story::Runtime runtime(story);
  story::Timeline timeline;
  render::Stage stage;
  std::vector<story::Event> events;
  timeline.start(runtime, events, scene);
  for (const std::string& assignment : args.set) {
    const size_t eq = assignment.find('=');
    const std::string why =
        eq == std::string::npos
            ? "wants NAME=VALUE, e.g. courage=2"
            : debug::set_variable(runtime, std::string_view(assignment).substr(0, eq),
                                  std::string_view(assignment).substr(eq + 1));
    if (!why.empty()) {
      std::cerr << "threshold: --set " << assignment << ": " << why << "\n";
      return 1;
    }
  }
  timeline.step(runtime, std::max(0.0, args.at - runtime.state().time), story::Input{}, events);
  render::Attention attention;
  if (!args.press.empty()) {
    const story::Scene& now = story.scene(runtime.state().scene);
    const story::ThingId thing = now.find_thing(args.press);
    if (thing == story::kNone) {
      std::cerr << "threshold: --press: scene '" << now.id << "' has no thing '" << args.press
                << "'\n";
      return 1;
    }
    // The hand comes down on the thing, then moves: a press that has just travelled `drag`.
    story::Input hand;
    hand.press = hand.look = thing;
    timeline.step(runtime, 0.25, hand, events);
    hand.drag = args.drag;
    timeline.step(runtime, 0.25, hand, events);
    attention.focus = attention.pressed = thing;
    attention.drag = runtime.drag_now();
    attention.progress = std::clamp(runtime.drag_lean(thing, attention.drag).progress, 0.0, 1.0);
  }
  for (const story::Event& e : events) stage.observe(story, e);
  if (args.captions) {
    story::CaptionTrack captions;
    captions.follow(runtime, events);
    stage.captions = captions.showing(runtime.state().time);
  }

  sf::RenderTexture texture;
  if (!texture.create(width, height)) {
    std::cerr << "threshold: cannot create a " << width << "x" << height
              << " off-screen image (OpenGL)\n";
    return 1;
  }
  texture.setSmooth(true);
  texture.setView(platform::frame_view(platform::letterbox(width, height)));
  texture.clear(sf::Color::Black);
  // The hints' own words ("Stay silent") in the language the story was put into.
  std::ostringstream unsaid;  // run_render said already what was wrong with the language
  const std::optional<LocaleChoice> language = choose_locale(story.dir, args.locale, unsaid);
  const story::GestureWords words =
      gesture_words(language ? ui_text(*language, unsaid) : locale::UiText());
  render::Style style;
  style.words = &words;
  if (language) style.language = language->language;
  style.hints = args.hints;
  style.captions = args.captions;
  style.reduced_motion = args.reduced_motion;
  style.text_scale = args.text_scale;
  style.face = args.font == "opendyslexic"  ? render::Face::OpenDyslexic
               : args.font == "dejavu_sans" ? render::Face::Sans
                                            : render::Face::Garamond;
  style.line_spacing = args.line_spacing;
  style.high_contrast = args.high_contrast;
  if (!renderer->has_face(style.face)) {
    std::cerr << "threshold: the font '" << args.font << "' is not installed"
              << (style.face == render::Face::OpenDyslexic ? " (fonts-opendyslexic)"
                                                           : " (fonts-dejavu-core)")
              << "\n";
    return 1;
  }
  renderer->draw(texture, runtime, stage, attention, style, runtime.state().time);
  if (args.debug_overlay) {
    // ImGui settles its layout over a few frames (sizes measured in one are used in the next):
    // draw a few, keep the last. No ini file: the panels stand where they first appear.
    debug::Overlay overlay("", true, debug::default_overlay_font());
    debug::Session session;
    session.story = std::shared_ptr<const story::Story>(std::shared_ptr<void>(), &story);
    session.runtime = &runtime;
    session.timeline = &timeline;
    for (int frame = 0; frame < 3; ++frame) {
      if (frame > 0) {
        texture.setView(platform::frame_view(platform::letterbox(width, height)));
        texture.clear(sf::Color::Black);
        renderer->draw(texture, runtime, stage, attention, style, runtime.state().time);
      }
      session.draw_calls = renderer->last_draw_calls();
      overlay.draw(texture, session, 1.0 / 30);
    }
  }
  texture.display();
  const sf::Image image = texture.getTexture().copyToImage();
  if (!image.saveToFile(args.out)) {
    std::cerr << "threshold: cannot write " << args.out << "\n";
    return 1;
  }
  return 0;
}

int run_render(const RenderArgs& args, const char* argv0) {
  std::optional<story::Story> story = load_story_dir(args.dir, argv0);
  if (story && !localize_story(*story, args.locale, std::cerr)) return 1;
  return story ? run_render(args, *story) : 1;
}

}  // namespace threshold::game
