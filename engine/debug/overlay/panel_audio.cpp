// The Audio panel: what the sound engine says it is doing, and each voice sounding with its level
// meter, mute and solo. Registered in overlay_panels() (panels.cpp); it reads and writes the
// session's VoiceView (engine/debug/voice_view/include/threshold/debug/voice_view.h).
#include <algorithm>
#include <cmath>
#include <vector>

#include "panels_parts.h"

namespace threshold::debug {

// ---------------------------------------------------------------------------------------------
// Audio: what the engine says it is doing, and each voice sounding with its own mute and solo.

namespace {

// A level (linear, 0..1) as a meter's fill: -60 dBFS empty, 0 dBFS full.
float meter(float level) {
  if (level <= 0) return 0;
  return std::clamp(1.f + 20.f * std::log10(level) / 60.f, 0.f, 1.f);
}

void voices_list(std::vector<VoiceInfo>& voices) {
  ImGui::Text("voices (M mute, S solo; the meter is what is heard)");
  if (voices.empty()) {
    ImGui::TextDisabled("nothing sounding");
    return;
  }
  // A box clicked changes the view; the game hands it to the engine after the frame.
  for (VoiceInfo& v : voices) {
    ImGui::PushID(v.id);
    ImGui::Checkbox("M", &v.muted);
    ImGui::SameLine();
    ImGui::Checkbox("S", &v.soloed);
    ImGui::SameLine();
    ImGui::PushStyleColor(ImGuiCol_Text, v.heard ? IM_COL32_WHITE : kDim);
    ImGui::Text("%s%s%s  gain %.2f", v.cue ? "cue: " : "", v.label.c_str(),
                v.leaving ? " (fading out)" : "", static_cast<double>(v.gain));
    ImGui::PopStyleColor();
    ImGui::ProgressBar(meter(v.level), ImVec2(-1, 5), "");
    ImGui::PopID();
  }
}

}  // namespace

void audio_panel(PanelContext& c) {
  VoiceView* audio = c.session.voices;
  if (!audio) {
    ImGui::TextDisabled("No sound engine in this game.");
    return;
  }
  if (audio->silent) {
    colored(kWarn, "Silent: " + audio->status);
  } else {
    ImGui::Text("%s", audio->status.c_str());
  }
  // The voices first: what a writer tuning a room listens to (the rest is the engine's state).
  ImGui::Separator();
  voices_list(audio->voices);
  ImGui::Separator();
  if (AudioMix* mix = c.session.mix) {
    for (size_t i = 0; i < 3; ++i) {
      ImGui::PushID(static_cast<int>(i));
      ImGui::Checkbox("mute", &mix->mute[i]);
      ImGui::SameLine();
      ImGui::Checkbox("solo", &mix->solo[i]);
      ImGui::SameLine();
      ImGui::PushStyleColor(ImGuiCol_Text, mix->gains()[i] > 0 ? IM_COL32_WHITE : kDim);
      ImGui::TextUnformatted(AudioMix::kBusNames[i]);
      ImGui::PopStyleColor();
      ImGui::PopID();
    }
    ImGui::Separator();
  }
  ImGui::Text("mix              %s", audio->hrtf ? "HRTF" : "stereo panning");
  ImGui::Text("sources playing  %d (%d streamed)", audio->playing_sources, audio->streaming);
  ImGui::Text("sound held       %.1f MiB", static_cast<double>(audio->bytes_held) / (1 << 20));
  ImGui::Text("cues playing     %d", audio->playing_cues);
  ImGui::Text("world level      %.2f", audio->world_level);
  ImGui::Text("duck             %.1f dB", audio->duck_db);
  ImGui::Text("hush             %.1f dB", audio->hush_db);
  if (c.session.runtime) {
    ImGui::Text("player quiet     %s", audio->player_quiet ? "yes (ducking)" : "no");
    const story::SceneId s = c.session.runtime->state().scene;
    if (s >= 0) {
      const story::Scene& scene = c.session.runtime->story().scene(s);
      const story::Ambience& amb = scene.ambience;
      if (!amb.authored) {
        ImGui::TextDisabled("%s has no sound of its own (it fades out)", scene.id.c_str());
      } else {
        ImGui::TextWrapped("room tone of %s: duck %.0f dB, hush %.0f dB, crossfade %.1f s",
                           scene.id.c_str(), static_cast<double>(amb.duck_db),
                           static_cast<double>(amb.hush_db), static_cast<double>(amb.crossfade));
      }
    }
  }
}

}  // namespace threshold::debug
