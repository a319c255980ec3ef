// libFuzzer harness: the compiled story's reader (threshold/story/pack.h). The first byte is the
// mode: 0 the file as it is (the checksum stands guard); 1 the checksum not verified, so that the
// parser and the index checks see every mutation; 2 as 1, with the header's length set to what
// follows, so that a cut or a grown payload reaches the parser too; 3 as 2, written to a file on
// tmpfs and read by load_pack through a 16-byte window (the way the game reads a pack). A pack that
// reads must pack again into one that reads equal: the reader keeps nothing the writer cannot say.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>

#include "fuzz_story.h"
#include "threshold/story/pack.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace threshold;
  if (size == 0) return 0;
  const uint8_t mode = data[0] % 4;
  ++data;
  --size;
  auto bytes = std::make_unique<char[]>(size + 1);
  std::memcpy(bytes.get(), data, size);
  if (mode >= 2 && size >= 32) {
    const uint64_t payload = size - 32;
    std::memcpy(bytes.get() + 16, &payload, sizeof payload);
  }
  story::PackOptions options;
  options.story_dir = "/fuzz/story";
  options.assets_dir = "/fuzz/assets";
  options.verify_checksum = mode == 0;
  story::PackResult read;
  if (mode == 3) {
    static const std::string& dir = fuzz::fixed_story_dir();
    fuzz::write_file(dir, "fuzzed.pack", reinterpret_cast<const uint8_t*>(bytes.get()), size);
    options.window_bytes = 16;
    read = story::load_pack(dir + "/fuzzed.pack", options);
  } else {
    read = story::read_pack(std::move(bytes), size, options);
  }
  if (!read.story) {
    if (read.error.empty()) std::abort();  // a refusal always says why
    return 0;
  }
  std::string error;
  const std::optional<std::string> again =
      story::write_pack(*read.story, options.assets_dir, &error, &read.warnings);
  if (!again) return 0;  // a story no pack holds (never one read from a pack, but say so)
  auto copy = std::make_unique<char[]>(again->size());
  std::memcpy(copy.get(), again->data(), again->size());
  options.verify_checksum = true;
  story::PackResult reread = story::read_pack(std::move(copy), again->size(), options);
  if (!reread.story) {
    std::fprintf(stderr, "a read story packs into one that does not read: %s\n",
                 reread.error.c_str());
    std::abort();
  }
  if (read.warnings.format_all() != reread.warnings.format_all()) {
    std::fprintf(stderr, "a read story's warnings pack into others\n");
    std::abort();
  }
  const std::string difference = story::story_difference(*read.story, *reread.story);
  if (!difference.empty()) {
    std::fprintf(stderr, "a read story packs into another: %s\n", difference.c_str());
    std::abort();
  }
  return 0;
}
