// A face and the faces that stand in for it where it has no glyph. SFML 2.5's sf::Font has no
// fallback: a character the font lacks is drawn as its empty box (.notdef). So the text layer
// sets each cluster of characters (a base and the marks on it) in the first face of a chain that
// has all of them, asking FreeType (FT_Get_Char_Index) rather than guessing from the drawn glyph,
// and draws a row as runs, one sf::Text a face. Used by the SceneRenderer's text (scene_text.cpp).
#pragma once

#include <SFML/Graphics/Font.hpp>
#include <SFML/System/String.hpp>
#include <map>
#include <memory>
#include <string>
#include <vector>

struct FT_LibraryRec_;
struct FT_FaceRec_;

namespace threshold::render {

// One font file, loaded twice over: the sf::Font that draws it, and a FreeType face that says
// which characters it has (sf::Font keeps its own face private).
class FontFile {
 public:
  FontFile(std::string path, FT_FaceRec_* face) : path_(std::move(path)), face_(face) {}
  ~FontFile();
  FontFile(const FontFile&) = delete;
  FontFile& operator=(const FontFile&) = delete;

  bool has(char32_t cp) const;
  const sf::Font& font() const { return font_; }
  const std::string& path() const { return path_; }

 private:
  friend class FontLibrary;
  std::string path_;
  FT_FaceRec_* face_;
  sf::Font font_;
};

// Every font the renderer loaded, each file once (a chain per face and language shares them).
class FontLibrary {
 public:
  FontLibrary();
  ~FontLibrary();
  FontLibrary(const FontLibrary&) = delete;
  FontLibrary& operator=(const FontLibrary&) = delete;

  // The font at `path`, or null when it does not load (kept null: not tried again).
  const FontFile* load(const std::string& path);

 private:
  FT_LibraryRec_* ft_ = nullptr;
  std::map<std::string, std::unique_ptr<FontFile>> files_;
};

// The faces a text is set in, best first: the locale's, the face the player chose, then the
// fallbacks for the scripts it lacks. A fallback is loaded the first time a character reaches it,
// so English text opens no file beyond its own face.
class FontChain {
 public:
  struct Run {
    size_t begin = 0, end = 0;  // into the string, in code points
    const sf::Font* font = nullptr;
  };

  // `face` must be loaded; the paths that do not load are passed over. `language` is the text's
  // (its rows break by its rules: line_breaks.h).
  FontChain(FontLibrary& library, std::string language,
            const std::vector<std::string>& locale_fonts, const FontFile& face,
            std::vector<std::string> fallbacks);

  const std::string& language() const { return language_; }
  // The first face: the one the rows are set in where no fallback is needed.
  const sf::Font& primary() const { return faces_.front()->font(); }
  // `s` cut where the face changes, into `out` (emptied first). A string the first face covers
  // is one run of it.
  void runs(const sf::String& s, std::vector<Run>& out) const;
  // The face that sets the cluster s[begin, end): the first that has all its characters, else
  // the first that has its base, else the first face (its box, since none has it).
  const sf::Font& face_for(const sf::String& s, size_t begin, size_t end) const;
  // The file of the face that sets code point `cp` alone (for tests and the log).
  const FontFile& file_for(char32_t cp) const;

 private:
  const FontFile* face(size_t i) const;  // loads fallbacks up to i; null past the end
  FontLibrary* library_;
  std::string language_;
  mutable std::vector<const FontFile*> faces_;  // loaded so far, in order
  mutable std::vector<std::string> pending_;    // fallbacks not loaded yet, in order
};

// Where a cluster that began at s[i] ends: after the marks, joiners and variation selectors that
// belong to its base (ICU's Grapheme_Cluster_Break Extend, SpacingMark and ZWJ).
size_t cluster_end(const sf::String& s, size_t i);

}  // namespace threshold::render
