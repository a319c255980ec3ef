// What an image, a sound or a font file says about itself in its first bytes: enough for `check` to
// report a file that is not what its name says (garbage, empty, cut short before its header)
// and sizes past what the game can carry, at the key that names it.
//
// Why headers and not decoders: engine/story links no SFML (the story core is the standard
// library and yaml-cpp), and a header is where the absurd numbers live — a 389 KB PNG that
// declares 20000×20000 pixels costs 3.2 GB only once decoded. A body that is corrupt past a
// sound header is left to the renderer and the audio engine, which stay silent or blank there.
#pragma once

#include <string>

namespace threshold::story {

// The largest side of an image the renderer is asked to carry (GPU textures of this machine's
// drivers take 8192 or more; 8192² RGBA is 256 MB already).
inline constexpr unsigned kMaxImageSide = 8192;
// The audio engine mixes mono and stereo files at ordinary rates.
inline constexpr unsigned kMaxSoundChannels = 2;
inline constexpr unsigned kMinSoundRate = 8000;
inline constexpr unsigned kMaxSoundRate = 192000;

// "" when the image file at `path` starts like the format its extension names and declares
// sane dimensions; otherwise what is wrong, to follow "image 'x.png' " in a diagnostic.
std::string check_image_header(const std::string& path);

// The same for a sound file (WAV, OGG, FLAC): its magic, and a WAV's channels and rate.
std::string check_sound_header(const std::string& path);

// Whether `path` names a font by its extension: .ttf, .otf, .ttc, .woff, .woff2 (any case).
bool is_font_file(const std::string& path);
// The same for a font file (a story's fonts/): the magic of TrueType, OpenType (CFF), a TrueType
// collection, WOFF or WOFF2, the formats FreeType reads for SFML.
std::string check_font_header(const std::string& path);

}  // namespace threshold::story
