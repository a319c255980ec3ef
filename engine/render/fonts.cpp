// Finding the serif. See fonts.h.
#include "threshold/render/fonts.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <sstream>

namespace threshold::render {

namespace {

std::vector<std::string> font_dirs(const std::vector<std::string>& story_font_folders) {
  std::vector<std::string> dirs = story_font_folders;
  if (const char* home = std::getenv("HOME"); home && *home) {
    dirs.push_back(std::string(home) + "/.local/share/fonts");
    dirs.push_back(std::string(home) + "/.fonts");
  }
  std::string data_dirs = "/usr/local/share:/usr/share";
  if (const char* xdg = std::getenv("XDG_DATA_DIRS"); xdg && *xdg) data_dirs = xdg;
  std::istringstream in(data_dirs);
  for (std::string d; std::getline(in, d, ':');) {
    if (!d.empty()) dirs.push_back(d + "/fonts");
  }
  return dirs;
}

// Every file of `names` in `dirs` that exists, in the order of the search.
std::vector<std::string> all_existing(const std::vector<std::string>& dirs,
                                      const std::vector<std::string>& names,
                                      std::vector<std::string>* tried) {
  std::vector<std::string> found;
  std::error_code ec;
  for (const std::string& dir : dirs) {
    for (const std::string& name : names) {
      const std::string path = dir + "/" + name;
      if (tried) tried->push_back(path);
      if (std::filesystem::is_regular_file(path, ec)) found.push_back(path);
    }
  }
  return found;
}

}  // namespace

FontSearch find_fonts(const std::vector<std::string>& story_font_folders) {
  const std::vector<std::string> dirs = font_dirs(story_font_folders);
  FontSearch found;
  found.regular = all_existing(
      dirs,
      {"EBGaramond12-Regular.otf", "opentype/ebgaramond/EBGaramond12-Regular.otf",
       "truetype/ebgaramond/EBGaramond12-Regular.ttf", "opentype/ebgaramond/EBGaramond-Regular.otf",
       "truetype/ebgaramond/EBGaramond-Regular.ttf", "EBGaramond-Regular.ttf"},
      &found.tried);
  found.garamond = found.regular.size();
  found.italic =
      all_existing(dirs,
                   {"EBGaramond12-Italic.otf", "opentype/ebgaramond/EBGaramond12-Italic.otf",
                    "truetype/ebgaramond/EBGaramond12-Italic.ttf"},
                   nullptr);
  found.dyslexic = all_existing(
      dirs, {"OpenDyslexic-Regular.otf", "opentype/opendyslexic/OpenDyslexic-Regular.otf"},
      nullptr);
  found.sans = all_existing(dirs, {"DejaVuSans.ttf", "truetype/dejavu/DejaVuSans.ttf"}, nullptr);
  for (std::string& path :
       all_existing(dirs, {"DejaVuSerif.ttf", "truetype/dejavu/DejaVuSerif.ttf"}, &found.tried)) {
    found.regular.push_back(std::move(path));
  }
  found.fallbacks = all_existing(dirs, {"truetype/noto/NotoSerif-Regular.ttf",
                                        "truetype/dejavu/DejaVuSerif.ttf",
                                        "truetype/noto/NotoSerifDevanagari-Regular.ttf",
                                        "truetype/noto/NotoSerifBengali-Regular.ttf",
                                        "truetype/noto/NotoSerifGurmukhi-Regular.ttf",
                                        "truetype/noto/NotoSerifGujarati-Regular.ttf",
                                        "truetype/noto/NotoSansOriya-Regular.ttf",
                                        "truetype/noto/NotoSerifTamil-Regular.ttf",
                                        "truetype/noto/NotoSerifTelugu-Regular.ttf",
                                        "truetype/noto/NotoSerifKannada-Regular.ttf",
                                        "truetype/noto/NotoSerifMalayalam-Regular.ttf",
                                        "truetype/noto/NotoSerifSinhala-Regular.ttf",
                                        "truetype/noto/NotoSerifHebrew-Regular.ttf",
                                        "truetype/noto/NotoNaskhArabic-Regular.ttf",
                                        "truetype/noto/NotoSansSyriac-Regular.ttf",
                                        "truetype/noto/NotoSansThaana-Regular.ttf",
                                        "truetype/noto/NotoSerifThai-Regular.ttf",
                                        "truetype/noto/NotoSerifLao-Regular.ttf",
                                        "truetype/noto/NotoSerifKhmer-Regular.ttf",
                                        "truetype/noto/NotoSerifMyanmar-Regular.ttf",
                                        "truetype/noto/NotoSerifTibetan-Regular.ttf",
                                        "truetype/noto/NotoSerifArmenian-Regular.ttf",
                                        "truetype/noto/NotoSerifGeorgian-Regular.ttf",
                                        "truetype/noto/NotoSerifEthiopic-Regular.ttf",
                                        "truetype/noto/NotoSansCherokee-Regular.ttf",
                                        "opentype/ipaexfont-mincho/ipaexm.ttf",
                                        "opentype/noto/NotoSerifCJK-Regular.ttc",
                                        "truetype/dejavu/DejaVuSans.ttf",
                                        "truetype/noto/NotoSansSymbols-Regular.ttf",
                                        "truetype/noto/NotoSansSymbols2-Regular.ttf"},
                                 nullptr);
  return found;
}

std::vector<std::string> locale_fonts(const std::vector<std::string>& story_font_folders,
                                      const std::string& language) {
  std::vector<std::string> names;
  if (language.empty()) return names;
  names.push_back(language);
  // "pt_BR.UTF-8", "pt-BR": then the language alone.
  const size_t cut = language.find_first_of("_-.@");
  if (cut != std::string::npos && cut > 0) names.push_back(language.substr(0, cut));
  std::vector<std::string> found;
  std::error_code ec;
  for (const std::string& folder : story_font_folders) {
    for (const std::string& name : names) {
      std::vector<std::string> here;
      for (const auto& entry : std::filesystem::directory_iterator(folder + "/" + name, ec)) {
        const std::string ext = entry.path().extension().string();
        if (entry.is_regular_file(ec) && (ext == ".otf" || ext == ".ttf" || ext == ".ttc")) {
          here.push_back(entry.path().string());
        }
      }
      std::sort(here.begin(), here.end());
      found.insert(found.end(), here.begin(), here.end());
    }
  }
  return found;
}

}  // namespace threshold::render
