// libFuzzer harness: the media header checks. The first byte chooses the file's extension (the
// checks go by it); the rest is the file, written to the fuzz directory on tmpfs and checked as an
// image, as a sound and as a font.
#include <array>
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_story.h"
#include "threshold/story/media_header.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace threshold;
  static const std::string& dir = fuzz::fixed_story_dir();
  static constexpr std::array<const char*, 12> kExtensions = {".png", ".jpg", ".jpeg", ".bmp",
                                                              ".tga", ".wav", ".ogg",  ".flac",
                                                              ".PNG", ".WAV", ".ttf",  ".woff2"};
  if (size == 0) return 0;
  const std::string name = std::string("media") + kExtensions[data[0] % kExtensions.size()];
  fuzz::write_file(dir, name, data + 1, size - 1);
  (void)story::check_image_header(dir + "/" + name);
  (void)story::check_sound_header(dir + "/" + name);
  if (story::is_font_file(name)) (void)story::check_font_header(dir + "/" + name);
  return 0;
}
