// Reading media headers. See media_header.h.
#include "threshold/story/media_header.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string_view>
#include <vector>

namespace threshold::story {

namespace {

std::vector<unsigned char> first_bytes(const std::string& path, size_t n) {
  std::ifstream in(path, std::ios::binary);
  std::vector<unsigned char> out(n);
  in.read(reinterpret_cast<char*>(out.data()), static_cast<std::streamsize>(n));
  out.resize(static_cast<size_t>(std::max<std::streamsize>(in.gcount(), 0)));
  return out;
}

bool starts_with(const std::vector<unsigned char>& b, std::string_view magic, size_t at = 0) {
  if (b.size() < at + magic.size()) return false;
  return std::equal(magic.begin(), magic.end(), b.begin() + static_cast<std::ptrdiff_t>(at),
                    [](char m, unsigned char c) { return static_cast<unsigned char>(m) == c; });
}

uint32_t be32(const std::vector<unsigned char>& b, size_t at) {
  return (uint32_t{b[at]} << 24) | (uint32_t{b[at + 1]} << 16) | (uint32_t{b[at + 2]} << 8) |
         uint32_t{b[at + 3]};
}

uint32_t le32(const std::vector<unsigned char>& b, size_t at) {
  return uint32_t{b[at]} | (uint32_t{b[at + 1]} << 8) | (uint32_t{b[at + 2]} << 16) |
         (uint32_t{b[at + 3]} << 24);
}

uint32_t le16(const std::vector<unsigned char>& b, size_t at) {
  return uint32_t{b[at]} | (uint32_t{b[at + 1]} << 8);
}

std::string lower_extension(const std::string& path) {
  std::string ext = std::filesystem::path(path).extension().string();
  for (char& c : ext) c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
  return ext;
}

std::string too_large(uint32_t w, uint32_t h) {
  if (w <= kMaxImageSide && h <= kMaxImageSide) return "";
  return "declares " + std::to_string(w) + "×" + std::to_string(h) + " pixels; an image may be " +
         "at most " + std::to_string(kMaxImageSide) + " pixels a side";
}

}  // namespace

std::string check_image_header(const std::string& path) {
  const std::vector<unsigned char> b = first_bytes(path, 64);
  if (b.empty()) return "is empty";
  const std::string ext = lower_extension(path);
  if (ext == ".png") {
    // Signature, then the IHDR chunk: length, "IHDR", width, height (big-endian).
    constexpr std::string_view kSignature = "\x89PNG\r\n\x1a\n";
    if (b.size() < 24 && starts_with(b, kSignature.substr(0, std::min(b.size(), size_t{8})))) {
      return "is cut short: it ends inside its PNG header";
    }
    if (!starts_with(b, kSignature) || !starts_with(b, "IHDR", 12)) {
      return "is not a PNG image the game can read (it does not start like one)";
    }
    const uint32_t w = be32(b, 16), h = be32(b, 20);
    if (w == 0 || h == 0) return "declares no pixels (0 wide or 0 high)";
    return too_large(w, h);
  }
  if (ext == ".jpg" || ext == ".jpeg") {
    if (!starts_with(b, "\xff\xd8\xff")) {
      return "is not a JPEG image the game can read (it does not start like one)";
    }
    return "";  // JPEG's size sits in a frame marker further in; the start is what we check
  }
  if (ext == ".bmp") {
    if (!starts_with(b, "BM") || b.size() < 26) {
      return "is not a BMP image the game can read (it does not start like one)";
    }
    const auto w = static_cast<int32_t>(le32(b, 18)), h = static_cast<int32_t>(le32(b, 22));
    const uint32_t aw = static_cast<uint32_t>(w < 0 ? -static_cast<int64_t>(w) : w);
    const uint32_t ah = static_cast<uint32_t>(h < 0 ? -static_cast<int64_t>(h) : h);
    if (aw == 0 || ah == 0) return "declares no pixels (0 wide or 0 high)";
    return too_large(aw, ah);
  }
  if (ext == ".tga") {
    if (b.size() < 18) return "is cut short: shorter than a TGA header";
    const uint32_t w = le16(b, 12), h = le16(b, 14);
    if (w == 0 || h == 0) return "declares no pixels (0 wide or 0 high)";
    return too_large(w, h);
  }
  return "";
}

std::string check_sound_header(const std::string& path) {
  const std::vector<unsigned char> b = first_bytes(path, 4096);
  if (b.empty()) return "is empty";
  const std::string ext = lower_extension(path);
  if (ext == ".ogg") {
    return starts_with(b, "OggS") ? ""
                                  : "is not an OGG sound the game can read (it does not start "
                                    "like one)";
  }
  if (ext == ".flac") {
    return starts_with(b, "fLaC") ? ""
                                  : "is not a FLAC sound the game can read (it does not start "
                                    "like one)";
  }
  if (ext != ".wav") return "";
  if (!starts_with(b, "RIFF") || !starts_with(b, "WAVE", 8)) {
    return "is not a WAV sound the game can read (it does not start like one)";
  }
  // Walk the chunks to "fmt ": channels at +10, rate at +12 (little-endian).
  for (size_t at = 12; at + 8 <= b.size();) {
    const uint32_t size = le32(b, at + 4);
    if (starts_with(b, "fmt ", at)) {
      if (at + 16 > b.size()) break;
      const uint32_t channels = le16(b, at + 10), rate = le32(b, at + 12);
      if (channels == 0 || channels > kMaxSoundChannels) {
        return "has " + std::to_string(channels) + " channels; the game plays mono or stereo";
      }
      if (rate < kMinSoundRate || rate > kMaxSoundRate) {
        return "plays at " + std::to_string(rate) + " Hz; the game takes " +
               std::to_string(kMinSoundRate) + " to " + std::to_string(kMaxSoundRate) + " Hz";
      }
      return "";
    }
    // In size_t: in 32 bits, 8 + a size near 4 GiB wraps to 0 and the walk never ends.
    at += 8 + size_t{size} + (size & 1);
  }
  return "is cut short: its WAV header has no format";
}

bool is_font_file(const std::string& path) {
  const std::string ext = lower_extension(path);
  return ext == ".ttf" || ext == ".otf" || ext == ".ttc" || ext == ".woff" || ext == ".woff2";
}

std::string check_font_header(const std::string& path) {
  const std::vector<unsigned char> b = first_bytes(path, 4);
  if (b.empty()) return "is empty";
  // sfnt version 1.0 (TrueType), 'true' (old Apple TrueType), 'OTTO' (OpenType with CFF
  // outlines), 'ttcf' (a collection), then the two WOFF wrappers.
  constexpr std::array<std::string_view, 6> kMagic = {
      std::string_view("\x00\x01\x00\x00", 4), "true", "OTTO", "ttcf", "wOFF", "wOF2"};
  for (std::string_view magic : kMagic) {
    if (starts_with(b, magic)) return "";
    if (b.size() < 4 && starts_with(b, magic.substr(0, b.size()))) {
      return "is cut short: it ends inside its font header";
    }
  }
  return "is not a font the game can read (it does not start like a TrueType, OpenType or WOFF "
         "font)";
}

}  // namespace threshold::story
