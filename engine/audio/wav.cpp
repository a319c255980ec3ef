// WAV reading and writing. See wav.h. Little-endian fields, as the format is; the machines we
// build for are little-endian too, but the bytes are still put together one by one.
#include "threshold/audio/wav.h"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <fstream>
#include <iterator>

namespace threshold::audio {

namespace {

void put16(std::string& out, uint32_t v) {
  out += static_cast<char>(v & 0xff);
  out += static_cast<char>((v >> 8) & 0xff);
}
void put32(std::string& out, uint32_t v) {
  put16(out, v & 0xffff);
  put16(out, v >> 16);
}
uint32_t get16(const unsigned char* p) {
  return p[0] | (static_cast<uint32_t>(p[1]) << 8);
}
uint32_t get32(const unsigned char* p) {
  return get16(p) | (get16(p + 2) << 16);
}

}  // namespace

bool write_wav(const std::string& path, const Wav& wav, std::string* error) {
  const uint32_t channels = static_cast<uint32_t>(wav.channels);
  const uint32_t rate = static_cast<uint32_t>(wav.rate);
  const uint32_t data_bytes = static_cast<uint32_t>(wav.samples.size() * 2);
  std::string out;
  out.reserve(44 + data_bytes);
  out += "RIFF";
  put32(out, 36 + data_bytes);
  out += "WAVEfmt ";
  put32(out, 16);
  put16(out, 1);  // PCM
  put16(out, channels);
  put32(out, rate);
  put32(out, rate * channels * 2);
  put16(out, channels * 2);
  put16(out, 16);
  out += "data";
  put32(out, data_bytes);
  for (float s : wav.samples) {
    const long v = std::lround(std::clamp(static_cast<double>(s), -1.0, 1.0) * 32767);
    put16(out, static_cast<uint32_t>(static_cast<int16_t>(v)) & 0xffff);
  }
  std::ofstream f(path, std::ios::binary | std::ios::trunc);
  if (f) f.write(out.data(), static_cast<std::streamsize>(out.size()));
  if (!f) {
    if (error) *error = "cannot write " + path + ": " + std::strerror(errno);
    return false;
  }
  return true;
}

bool read_wav(const std::string& path, Wav& wav, std::string* error) {
  auto fail = [&](const std::string& why) {
    if (error) *error = path + ": " + why;
    return false;
  };
  std::ifstream f(path, std::ios::binary);
  if (!f) return fail("cannot open");
  std::string bytes((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
  const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
  if (bytes.size() < 12 || bytes.compare(0, 4, "RIFF") != 0 || bytes.compare(8, 4, "WAVE") != 0) {
    return fail("not a WAV file");
  }
  uint32_t format = 0, bits = 0;
  for (size_t at = 12; at + 8 <= bytes.size();) {
    const uint32_t size = get32(p + at + 4);
    const size_t body = at + 8;
    if (body + size > bytes.size()) return fail("truncated chunk");
    if (bytes.compare(at, 4, "fmt ") == 0 && size >= 16) {
      format = get16(p + body);
      wav.channels = static_cast<int>(get16(p + body + 2));
      wav.rate = static_cast<int>(get32(p + body + 4));
      bits = get16(p + body + 14);
    } else if (bytes.compare(at, 4, "data") == 0) {
      wav.samples.clear();
      if (format == 1 && bits == 16) {
        for (size_t i = 0; i + 1 < size; i += 2) {
          wav.samples.push_back(static_cast<int16_t>(get16(p + body + i)) / 32768.f);
        }
      } else if (format == 3 && bits == 32) {
        for (size_t i = 0; i + 3 < size; i += 4) {
          const uint32_t u = get32(p + body + i);
          float v = 0;
          std::memcpy(&v, &u, 4);
          wav.samples.push_back(v);
        }
      } else {
        return fail("only 16-bit PCM and 32-bit float WAV are read");
      }
      return true;
    }
    at = body + size + (size & 1);
  }
  return fail("no data chunk");
}

}  // namespace threshold::audio
