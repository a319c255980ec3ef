// The compiled story: a loaded, checked Story written to one binary file (`threshold pack`) and
// read back with little work, so that the installed game skips YAML. Used by the game's verbs
// (game/story_dir.cpp), the bench and the fuzz harness; the format is in docs/architecture.md
// ("The compiled story").
//
// The file is a fixed header (magic, format version, payload length, CRC-32 of the payload) and
// one payload: a table of every string the story holds, the compiled expressions' codes, then the
// model field by field, then the load's warnings. Lines' texts are views into the string table,
// which the Story keeps (in its StringPool): they are not copied. Paths (images, sounds, fonts,
// source files) are kept relative to the story folder, or to the game's assets folder, and
// rebuilt on reading.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "threshold/story/model.h"

namespace threshold::story {

// Raised whenever the bytes a pack holds change meaning: an older pack is refused, never misread.
constexpr uint32_t kPackVersion = 1;

struct PackOptions {
  // The story folder the pack's relative paths are rebuilt against (and Story::dir); empty: the
  // folder the pack file is in.
  std::string story_dir;
  // The game's assets folder (LoadOptions::assets_dir), the second root of a story's files.
  std::string assets_dir;
  // Refuse a pack larger than this before reading any of it.
  size_t max_bytes = size_t{1} << 30;
  // Off only in the fuzz harness, so that it reaches the parser behind the checksum.
  bool verify_checksum = true;
  // load_pack reads all but the string table through a window of this many bytes (at least 16):
  // the story is built beside the window, never beside the whole file. Tests make it small.
  size_t window_bytes = size_t{1} << 20;
};

struct PackResult {
  std::optional<Story> story;  // set when the pack was read
  std::string error;           // otherwise: why not, in one line ("truncated: ...")
  // The warnings (and their notes) loading the story gave when it was packed, as LoadResult had
  // them: `threshold check` of a pack says what `check` of its folder says.
  Diagnostics warnings;
};

// The bytes of a pack of `story`, with the warnings its load gave (`warnings`, may be null).
// `assets_dir` is the root its assets' paths are kept relative to. Fails (returns nullopt and says
// why in `error`) only for a story no pack can hold: a translated story (plural forms are the
// catalogue's, added after loading), or one with errors among its `warnings`.
std::optional<std::string> write_pack(const Story& story, const std::string& assets_dir,
                                      std::string* error, const Diagnostics* warnings = nullptr);

// Reads a pack from `bytes` (all `size` of them, which the Story then keeps and views into).
PackResult read_pack(std::unique_ptr<char[]> bytes, size_t size, const PackOptions& options);

// Reads the pack file at `path` (with story_dir defaulting to its folder).
PackResult load_pack(const std::string& path, PackOptions options = {});

// Whether `path` is a file that starts as a pack does (whatever its version or state): what the
// verbs use to tell a pack from a story folder.
bool looks_like_pack(const std::string& path);

// Compares two stories field by field, through the same field lists the pack reads and writes;
// empty when equal, else the first field that differs ("scenes[3].beats[0].lines[2].linger").
std::string story_difference(const Story& a, const Story& b);

}  // namespace threshold::story
