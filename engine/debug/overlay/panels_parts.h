// Internal to the overlay's panels: only panels.cpp and the panel_*.cpp files include this
// header. It declares each panel function (registered in overlay_panels(), panels.cpp) and the few
// helpers and colours they share.
#pragma once

#include <imgui.h>

#include <string>

#include "threshold/overlay/overlay.h"

namespace threshold::debug {

inline const ImU32 kGood = IM_COL32(140, 220, 140, 255);
inline const ImU32 kBad = IM_COL32(255, 120, 100, 255);
inline const ImU32 kWarn = IM_COL32(240, 200, 90, 255);
inline const ImU32 kDim = IM_COL32(150, 150, 150, 255);
inline const ImU32 kCurrent = IM_COL32(255, 210, 80, 255);

void colored(ImU32 color, const std::string& text);
// `v` printed with a printf `format` ("%.1f").
std::string fmt(const char* format, double v);
// "scenes/kitchen.yaml:12:5" for a position in the story's sources.
std::string where(const story::Story& story, story::SourcePos at);
// The id of scene `s`, or "-".
const char* scene_id(const story::Story& story, story::SceneId s);
// The gesture a history entry took, or nullptr when the story no longer has it.
const story::Gesture* gesture_of(const story::Story& story, const story::HistoryEntry& h);
// True when a game is running; else says so in the panel.
bool need_game(PanelContext& c);

// The panels, one file each (panel_<name>.cpp).
void now_panel(PanelContext& c);
void variables_panel(PanelContext& c);
void history_panel(PanelContext& c);
void scenes_panel(PanelContext& c);
void graph_panel(PanelContext& c);
void time_panel(PanelContext& c);
void audio_panel(PanelContext& c);
void performance_panel(PanelContext& c);
void problems_panel(PanelContext& c);
void things_panel(PanelContext& c);

}  // namespace threshold::debug
