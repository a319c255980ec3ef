// XDG directories for settings, saves and screenshots. See paths.h.
#include "threshold/platform/paths.h"

#include <cstdlib>
#include <filesystem>
#include <system_error>

#include "threshold/story/save.h"

namespace threshold::platform {

namespace {

// An absolute directory from the environment, or "" when unset, empty or relative.
std::string absolute_or_empty(const char* value) {
  if (!value || value[0] != '/') return "";
  std::string s = value;
  while (s.size() > 1 && s.back() == '/') s.pop_back();
  return s;
}

}  // namespace

Paths paths_for(const char* xdg_config_home, const char* xdg_data_home, const char* home) {
  std::string base_home = absolute_or_empty(home);
  if (base_home.empty()) base_home = ".";
  std::string config = absolute_or_empty(xdg_config_home);
  if (config.empty()) config = base_home + "/.config";
  std::string data = absolute_or_empty(xdg_data_home);
  if (data.empty()) data = base_home + "/.local/share";
  return Paths{config + "/threshold", data + "/threshold"};
}

Paths paths_from_environment() {
  return paths_for(std::getenv("XDG_CONFIG_HOME"), std::getenv("XDG_DATA_HOME"),
                   std::getenv("HOME"));
}

std::string ensure_directory(const std::string& dir, story::FileFailure* failure) {
  using Step = story::FileFailure::Step;
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) {
    if (failure) *failure = {Step::Create, dir, ec.value()};
    return "cannot create " + dir + ": " + ec.message();
  }
  if (!std::filesystem::is_directory(dir, ec)) {
    if (failure) *failure = {Step::NotAFolder, dir, 0};
    return dir + " exists and is not a directory";
  }
  return "";
}

}  // namespace threshold::platform
