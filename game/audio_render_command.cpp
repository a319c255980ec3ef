// `threshold audio-render`. See audio_render_command.h.
#include "audio_render_command.h"

#include <iostream>

#include "finite_range.h"
#include "scene_arg.h"
#include "story_dir.h"
#include "threshold/audio/audio_engine.h"
#include "threshold/audio/wav.h"
#include "threshold/story/runtime.h"

namespace threshold::game {

CLI::App* add_audio_render_command(CLI::App& app, AudioRenderArgs& args) {
  CLI::App* cmd = app.add_subcommand(
      "audio-render", "Render a scene's sound (idle input: the player listening) to a WAV file");
  cmd->add_option("STORY_DIR", args.dir, kStoryDirHelp);
  cmd->add_option("--scene", args.scene, "The scene to hear (default: the start scene)")
      ->type_name("ID");
  cmd->add_option("--seconds", args.seconds, "How long to render")
      ->check(finite_range(0.01, 3600.0))
      ->required();
  cmd->add_option("--out", args.out, "The WAV to write (16-bit stereo, 48 kHz)")
      ->type_name("FILE.wav")
      ->required();
  cmd->add_option("--hrtf", args.hrtf,
                  "Head-related transfer functions, for headphones (auto: when OpenAL offers "
                  "them; off: stereo panning)")
      ->check(CLI::IsMember({"on", "off", "auto"}))
      ->default_str("auto");
  cmd->footer(
      "Uses OpenAL Soft's loopback device: no sound card needed, faster than real time.\n"
      "Exit status: 0 the WAV was written; 1 otherwise (unknown scene, no OpenAL loopback, "
      "cannot write).");
  return cmd;
}

int run_audio_render(const AudioRenderArgs& args, const story::Story& story) {
  const std::optional<story::SceneId> found = scene_from_arg(story, args.scene);
  if (!found) return 1;
  const story::SceneId scene = *found;
  const audio::Hrtf hrtf = args.hrtf == "on"    ? audio::Hrtf::On
                           : args.hrtf == "off" ? audio::Hrtf::Off
                                                : audio::Hrtf::Auto;
  audio::AudioEngine engine(story, audio::Output::Loopback, "", 48000, hrtf);
  if (engine.silent()) {
    std::cerr << "threshold: " << engine.status() << "\n";
    return 1;
  }
  std::cerr << "threshold: " << engine.status() << "\n";  // HRTF or stereo panning, and why
  story::Runtime runtime(story);
  runtime.start(scene);
  audio::Wav wav;
  wav.rate = engine.rate();
  wav.samples = audio::render_run(engine, runtime, args.seconds);
  std::string error;
  if (!audio::write_wav(args.out, wav, &error)) {
    std::cerr << "threshold: " << error << "\n";
    return 1;
  }
  return 0;
}

int run_audio_render(const AudioRenderArgs& args, const char* argv0) {
  const std::optional<story::Story> story = load_story_dir(args.dir, argv0);
  return story ? run_audio_render(args, *story) : 1;
}

}  // namespace threshold::game
