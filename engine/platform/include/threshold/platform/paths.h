// Where the game keeps the player's files: settings in the XDG config directory, saves and
// screenshots in the XDG data directory (the XDG Base Directory rules). Used by the game loop
// and `threshold play`; tests pass their own environment.
#pragma once

#include <string>

namespace threshold::story {
struct FileFailure;
}

namespace threshold::platform {

struct Paths {
  std::string config_dir;  // $XDG_CONFIG_HOME/threshold, else ~/.config/threshold
  std::string data_dir;    // $XDG_DATA_HOME/threshold, else ~/.local/share/threshold

  std::string settings_file() const { return config_dir + "/settings.txt"; }
  std::string autosave_file() const { return data_dir + "/autosave.txt"; }
  // What the History screen lists, kept with the autosave (game/history.h).
  std::string history_file() const { return data_dir + "/history.txt"; }
  std::string screenshots_dir() const { return data_dir + "/screenshots"; }
  // The game's log, begun anew by each `threshold play`: the libraries' own messages (SFML,
  // ALSA), so that the terminal shows only the game's lines; OpenAL Soft keeps its own beside it.
  std::string log_file() const { return data_dir + "/threshold.log"; }
  std::string openal_log_file() const { return data_dir + "/openal.log"; }
};

// The paths for these environment values (any may be null or empty). XDG says relative values
// are invalid and must be ignored; so are they here. With no HOME either, the current directory
// is used, so the game still runs (and says where its files went).
Paths paths_for(const char* xdg_config_home, const char* xdg_data_home, const char* home);

// The paths for this process's environment.
Paths paths_from_environment();

// Creates `dir` and its parents when missing. Returns "" or why it could not.
std::string ensure_directory(const std::string& dir, story::FileFailure* failure = nullptr);

}  // namespace threshold::platform
