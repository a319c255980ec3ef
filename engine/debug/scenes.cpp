// Scene search for the Scenes panel. See scenes.h.
#include "threshold/debug/scenes.h"

#include <algorithm>
#include <cctype>

namespace threshold::debug {

namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// How well `query` (lower case, not empty) matches `text`: 0 when it does not occur in it.
// A whole match beats a prefix, which beats the start of a word (after _ - space . /), which
// beats any other place inside.
int match_score(const std::string& text, const std::string& query) {
  const std::string t = lower(text);
  if (t == query) return 4;
  const size_t at = t.find(query);
  if (at == std::string::npos) return 0;
  if (at == 0) return 3;
  for (size_t p = at; p != std::string::npos; p = t.find(query, p + 1)) {
    const char before = t[p - 1];
    if (before == '_' || before == '-' || before == ' ' || before == '.' || before == '/') return 2;
  }
  return 1;
}

}  // namespace

std::vector<SceneMatch> search_scenes(const story::Story& story, std::string_view query,
                                      size_t limit) {
  std::vector<SceneMatch> out;
  const std::string q = lower(query);
  for (size_t i = 0; i < story.scenes.size(); ++i) {
    const story::Scene& s = story.scenes[i];
    int score = 1;
    if (!q.empty()) {
      // An id match always ranks above a place match: the id is what the writer types.
      const int by_id = match_score(s.id, q);
      const int by_place = match_score(s.place, q);
      score = by_id > 0 ? 10 + by_id : by_place;
      if (score == 0) continue;
    }
    out.push_back({static_cast<story::SceneId>(i), s.id, s.place, s.day, score});
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const SceneMatch& a, const SceneMatch& b) { return a.score > b.score; });
  if (out.size() > limit) out.resize(limit);
  return out;
}

}  // namespace threshold::debug
