// Settings text: `key = value` lines, `#` comments. See settings.h.
#include "threshold/platform/settings.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <system_error>
#include <utility>

#include "threshold/story/accessibility.h"
#include "threshold/story/save.h"

namespace threshold::platform {

// The accessibility check reads the lines at the slowest speed a player can choose.
static_assert(kMinTextSpeed == story::kSlowestTextSpeed);

namespace {

constexpr size_t kMaxNotices = 8;  // a garbage file must not flood the log

std::string trim(const std::string& s) {
  size_t b = 0, e = s.size();
  while (b < e && (s[b] == ' ' || s[b] == '\t' || s[b] == '\r')) ++b;
  while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t' || s[e - 1] == '\r')) --e;
  return s.substr(b, e - b);
}

bool parse_number(const std::string& text, float* out) {
  double v = 0;
  const char* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, v);
  if (ec != std::errc() || ptr != end || !std::isfinite(v)) return false;
  *out = static_cast<float>(v);
  return true;
}

bool parse_bool(const std::string& text, bool* out) {
  if (text == "true" || text == "on" || text == "yes" || text == "1") {
    *out = true;
    return true;
  }
  if (text == "false" || text == "off" || text == "no" || text == "0") {
    *out = false;
    return true;
  }
  return false;
}

std::string number_text(float v) {
  char buf[32];
  const auto [ptr, ec] = std::to_chars(buf, buf + sizeof buf, v);
  return ec == std::errc() ? std::string(buf, ptr) : std::string("0");
}

struct NumberKey {
  const char* key;
  float Settings::*field;
  float min, max;
};
struct BoolKey {
  const char* key;
  bool Settings::*field;
};

constexpr NumberKey kNumbers[] = {
    {"text_scale", &Settings::text_scale, kMinTextScale, kMaxTextScale},
    {"text_speed", &Settings::text_speed, kMinTextSpeed, kMaxTextSpeed},
    {"master_volume", &Settings::master_volume, 0.f, 1.f},
    {"ambience_volume", &Settings::ambience_volume, 0.f, 1.f},
    {"effects_volume", &Settings::effects_volume, 0.f, 1.f},
    {"music_volume", &Settings::music_volume, 0.f, 1.f},
    {"speech_volume", &Settings::speech_volume, 0.f, 1.f},
    {"time_scale", &Settings::time_scale, kMinTimeScale, kMaxTimeScale},
    {"cooldown", &Settings::cooldown, 0.f, kMaxCooldown},
    {"line_spacing", &Settings::line_spacing, kMinLineSpacing, kMaxLineSpacing},
};
constexpr BoolKey kBools[] = {
    {"hints", &Settings::hints},
    {"reduced_motion", &Settings::reduced_motion},
    {"fullscreen", &Settings::fullscreen},
    {"untimed", &Settings::untimed},
    {"time_unlimited", &Settings::time_unlimited},
    {"high_contrast", &Settings::high_contrast},
    {"captions", &Settings::captions},
};
// The face, by the name the file keeps.
constexpr const char* kFaceNames[] = {"garamond", "opendyslexic", "dejavu_sans"};

// The one setting of more than two words: speech = off | lines | lines_and_things.
constexpr std::pair<const char*, Speech> kSpeechNames[] = {
    {"off", Speech::Off}, {"lines", Speech::Lines}, {"lines_and_things", Speech::LinesAndThings}};

}  // namespace

const char* speech_name(Speech speech) {
  for (const auto& [name, value] : kSpeechNames) {
    if (value == speech) return name;
  }
  return "off";
}

LoadedSettings settings_from_text(const std::string& text) {
  LoadedSettings result;
  result.found = true;
  size_t dropped = 0;
  auto notice = [&](int line, const std::string& what) {
    if (result.notices.size() < kMaxNotices) {
      result.notices.push_back("settings line " + std::to_string(line) + ": " + what);
    } else {
      ++dropped;
    }
  };
  if (text.find('\0') != std::string::npos) {
    result.notices.push_back("the settings file is not text; using the defaults");
    return result;
  }
  std::istringstream in(text);
  std::string raw;
  int number = 0;
  while (std::getline(in, raw)) {
    ++number;
    const size_t hash = raw.find('#');
    const std::string line = trim(hash == std::string::npos ? raw : raw.substr(0, hash));
    if (line.empty()) continue;
    const size_t eq = line.find('=');
    if (eq == std::string::npos) {
      notice(number, "not `key = value`; ignored");
      continue;
    }
    const std::string key = trim(line.substr(0, eq));
    const std::string value = trim(line.substr(eq + 1));
    bool known = false;
    for (const NumberKey& k : kNumbers) {
      if (key != k.key) continue;
      known = true;
      float v = 0;
      if (!parse_number(value, &v)) {
        notice(number, key + " = '" + value + "' is not a number; kept the default");
      } else if (v < k.min || v > k.max) {
        const float clamped = std::clamp(v, k.min, k.max);
        notice(number, key + " = " + value + " is outside " + number_text(k.min) + " to " +
                           number_text(k.max) + "; using " + number_text(clamped));
        result.settings.*k.field = clamped;
      } else {
        result.settings.*k.field = v;
      }
    }
    for (const BoolKey& k : kBools) {
      if (key != k.key) continue;
      known = true;
      bool v = false;
      if (parse_bool(value, &v)) {
        result.settings.*k.field = v;
      } else {
        notice(number, key + " = '" + value + "' is not true or false; kept the default");
      }
    }
    if (key == "font") {
      known = true;
      bool found = false;
      for (size_t i = 0; i < std::size(kFaceNames); ++i) {
        if (value != kFaceNames[i]) continue;
        result.settings.face = static_cast<TextFace>(i);
        found = true;
      }
      if (!found) {
        notice(number, "font = '" + value +
                           "' is not garamond, opendyslexic or dejavu_sans; kept the default");
      }
    }
    if (key == "speech") {
      known = true;
      bool named = false;
      for (const auto& [name, v] : kSpeechNames) {
        if (value != name) continue;
        result.settings.speech = v;
        named = true;
      }
      if (!named) {
        notice(number,
               "speech = '" + value + "' is not off, lines or lines_and_things; kept the default");
      }
    }
    if (key == "language") {
      known = true;
      const bool plain = value.size() <= 32 && std::all_of(value.begin(), value.end(), [](char c) {
                           return std::isalnum(static_cast<unsigned char>(c)) || c == '_' ||
                                  c == '-' || c == '.' || c == '@';
                         });
      if (plain) {
        result.settings.language = value;
      } else {
        notice(number,
               "language = '" + value + "' is not a language name (fr, pt_BR); kept the default");
      }
    }
    if (!known) notice(number, "unknown setting '" + key + "' ignored");
  }
  if (dropped > 0) result.notices.push_back("... and " + std::to_string(dropped) + " more");
  return result;
}

std::string settings_to_text(const Settings& settings) {
  std::string out = "# Threshold settings: key = value. Written by the game; safe to edit.\n";
  for (const NumberKey& k : kNumbers) {
    out += std::string(k.key) + " = " + number_text(settings.*k.field) + "\n";
  }
  for (const BoolKey& k : kBools) {
    out += std::string(k.key) + " = " + (settings.*k.field ? "true" : "false") + "\n";
  }
  out += std::string("font = ") + kFaceNames[static_cast<size_t>(settings.face)] + "\n";
  out += std::string("speech = ") + speech_name(settings.speech) + "\n";
  if (!settings.language.empty()) out += "language = " + settings.language + "\n";
  return out;
}

LoadedSettings load_settings(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::error_code ec;
    LoadedSettings result;
    result.notices.push_back(std::filesystem::exists(path, ec)
                                 ? "cannot read " + path + "; using the default settings"
                                 : "no settings at " + path + " yet; using the defaults");
    return result;
  }
  std::ostringstream s;
  s << in.rdbuf();
  LoadedSettings result = settings_from_text(s.str());
  for (std::string& n : result.notices) n = path + ": " + n;
  return result;
}

std::string save_settings(const std::string& path, const Settings& settings) {
  return story::write_file_atomically(path, settings_to_text(settings));
}

}  // namespace threshold::platform
