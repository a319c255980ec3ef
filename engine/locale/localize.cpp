// Putting a catalogue's translations into a story, and the pseudo-locale. See localize.h.
#include "threshold/locale/localize.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <map>
#include <memory>
#include <set>
#include <unordered_set>
#include <utility>

#include "threshold/locale/number_words.h"
#include "threshold/story/expression.h"

namespace threshold::locale {

namespace {

using story::Story;

class RuleChoice : public story::PluralChoice {
 public:
  explicit RuleChoice(PluralRule rule) : rule_(std::move(rule)) {}
  size_t form(double n) const override { return rule_.form(n); }

 private:
  PluralRule rule_;
};

// A word of a translation, for its reading time: a run of non-spaces with a letter or a digit
// in it. French typography sets « », ? ! ; : and — apart with spaces, where English sets them
// against a word; they are read with the word beside them, as the English's are.
bool reads_as_word(std::string_view token) {
  for (size_t i = 0; i < token.size(); ++i) {
    const auto c = static_cast<unsigned char>(token[i]);
    if (std::isalnum(c)) return true;
    // A letter beyond ASCII: anything but Latin-1's punctuation (0xC2 ..) and the General
    // Punctuation block (0xE2 0x80 ..: dashes, quotes, the ellipsis).
    if (c >= 0xC3 &&
        !(c == 0xE2 && i + 1 < token.size() && static_cast<unsigned char>(token[i + 1]) == 0x80)) {
      return true;
    }
  }
  return false;
}

// The words of a translated text, as Text::word_count counts the English's (an interpolation is
// one word, joined to the word it touches) but without the marks that stand alone.
size_t reading_words(const story::Text& text) {
  size_t words = 0;
  std::string token;
  auto end_token = [&] {
    if (reads_as_word(token)) ++words;
    token.clear();
  };
  auto literal = [&](std::string_view l) {
    for (char c : l) {
      if (c == ' ' || c == '\t' || c == '\n') {
        end_token();
      } else {
        token += c;
      }
    }
  };
  if (!text.parts) {
    literal(text.plain);
  } else {
    for (const story::TextPart& p : *text.parts) {
      if (p.expr) {
        token += 'x';  // stands for the value, a word
      } else {
        literal(p.literal);
      }
    }
  }
  end_token();
  return words;
}

// The `{}`s of a compiled text, as written.
std::multiset<std::string> placeholders(const story::Text& text) {
  std::multiset<std::string> out;
  if (!text.parts) return out;
  for (const story::TextPart& p : *text.parts)
    if (p.expr) out.insert(p.expr->source());
  return out;
}

std::string first_message(const story::Diagnostics& diags) {
  return diags.items().empty() ? "it does not read" : diags.items().front().message;
}

// Where a string's slot is in the story: its line, or null for a slot that is not a line.
story::Line* line_of(Story& s, const StringSlot& slot) {
  using K = StringSlot::Kind;
  const size_t line = static_cast<size_t>(slot.line);
  switch (slot.kind) {
    case K::BeatLine:
      return &s.scene(slot.scene).beats[static_cast<size_t>(slot.beat)].lines[line];
    case K::GestureLine:
      return &s.scene(slot.scene)
                  .beats[static_cast<size_t>(slot.beat)]
                  .moment->gestures[static_cast<size_t>(slot.gesture)]
                  .lines[line];
    case K::Epilogue:
      return &s.endings[static_cast<size_t>(slot.beat)].epilogue[line];
    case K::Reflection:
      return &s.endings[static_cast<size_t>(slot.beat)].reflection[line];
    default:
      return nullptr;
  }
}

void set_plain(Story& s, const StringSlot& slot, std::string_view text_view) {
  const std::string text(text_view);
  using K = StringSlot::Kind;
  switch (slot.kind) {
    case K::StoryTitle:
      s.title = text;
      break;
    case K::ThingName:
      s.scene(slot.scene).things[static_cast<size_t>(slot.gesture)].name = text;
      break;
    case K::GestureHint: {
      story::Moment& m = *s.scene(slot.scene).beats[static_cast<size_t>(slot.beat)].moment;
      story::Gesture& g = m.gestures[static_cast<size_t>(slot.gesture)];
      if (g.hint == 0 || g.hint > m.hints.size()) {
        m.hints.push_back(text);
        g.hint = static_cast<uint16_t>(m.hints.size());
      } else {
        m.hints[g.hint - 1u] = text;
      }
      break;
    }
    case K::GestureDone: {
      story::Moment& m = *s.scene(slot.scene).beats[static_cast<size_t>(slot.beat)].moment;
      m.done.resize(m.gestures.size());
      m.done[static_cast<size_t>(slot.gesture)] = text;
      break;
    }
    case K::ToneCaption:
      s.scene(slot.scene).ambience.tone[static_cast<size_t>(slot.gesture)].caption = text;
      break;
    case K::CueCaption:
      s.scene(slot.scene).ambience.cues[static_cast<size_t>(slot.gesture)].sound.caption = text;
      break;
    case K::EndingTitle:
      s.endings[static_cast<size_t>(slot.beat)].title = text;
      break;
    case K::PlaceName:
      s.place_names[s.scene(slot.scene).place] = text;
      break;
    default:
      break;
  }
}

// Compiles a translated line as the story's own are compiled, or says why not. `forms` are the
// plural forms (one when it has none); `rule` chooses among them.
std::optional<story::Text> compile_translation(
    Story& s, const StoryString& str, const std::vector<std::string_view>& forms,
    const std::shared_ptr<const story::PluralChoice>& rule, std::string& why) {
  story::Line* line = line_of(s, str.slot);
  if (!line || !line->text) {
    why = "not a line";
    return std::nullopt;
  }
  const std::multiset<std::string> wanted = placeholders(*line->text);
  const int32_t scene = str.slot.scene;
  std::vector<story::Text> compiled;
  for (const std::string_view form : forms) {
    story::Diagnostics diags;
    std::optional<story::Text> t =
        story::compile_text(form, s.symbols, line->at, s.sources, diags, nullptr, scene);
    if (!t) {
      why = first_message(diags);
      return std::nullopt;
    }
    // A plural form may leave a `{}` out ("une fois" for 1); no form may add one.
    const std::multiset<std::string> have = placeholders(*t);
    const bool same = forms.size() > 1
                          ? std::includes(wanted.begin(), wanted.end(), have.begin(), have.end())
                          : have == wanted;
    if (!same) {
      why = "its {}s are not the English's (keep each {expression} as written)";
      return std::nullopt;
    }
    compiled.push_back(std::move(*t));
  }
  if (compiled.size() == 1) return std::move(compiled.front());
  story::Diagnostics diags;
  std::optional<story::Expr> count = story::compile_expression(
      str.count, s.symbols, story::Type::Number, line->at, s.sources, diags, nullptr, scene);
  if (!count) {
    why = first_message(diags);
    return std::nullopt;
  }
  auto plural = std::make_shared<story::PluralForms>();
  plural->count = std::move(*count);
  plural->choose = rule;
  for (story::Text& t : compiled) plural->forms.push_back(*t.parts);
  story::Text result = compiled.front();
  result.parts->plural = std::move(plural);
  return result;
}

bool apply(Story& s, const StoryString& str, const std::vector<std::string_view>& forms,
           const std::shared_ptr<const story::PluralChoice>& rule, std::string& why) {
  if (!str.is_text) {
    set_plain(s, str.slot, forms.front());
    return true;
  }
  std::optional<story::Text> t = compile_translation(s, str, forms, rule, why);
  if (!t) return false;
  story::Line& line = *line_of(s, str.slot);
  // The linger follows the text shown, by the story's own pacing, and never falls below the
  // English's: the author's timing, written or given by the pacing, is a floor.
  line.linger = std::max(line.linger, s.pacing.linger(reading_words(*t)));
  line.text = std::move(*t);
  return true;
}

}  // namespace

const char* fallback_name(Fallback::Why why) {
  switch (why) {
    case Fallback::Why::Missing:
      return "missing";
    case Fallback::Why::Untranslated:
      return "untranslated";
    case Fallback::Why::Fuzzy:
      return "fuzzy";
    case Fallback::Why::Broken:
      return "broken";
    case Fallback::Why::Stale:
      return "stale";
  }
  return "";
}

size_t LocalizeReport::count(Fallback::Why why) const {
  size_t n = 0;
  for (const Fallback& f : fallbacks) n += f.why == why;
  return n;
}

LocalizeReport localize(Story& story, const Catalogue& catalogue) {
  LocalizeReport report;
  const auto rule = std::make_shared<const RuleChoice>(catalogue.plural);
  // Only a caption's context comes again (a place's, once for each of its scenes).
  std::unordered_set<std::string> captions;
  // Names, hints and the like go in after the walk: later strings' English is made of them (a
  // thing's name in a gesture's words). A line goes in at once: nothing else reads it.
  std::vector<std::pair<StringSlot, std::string>> plain;
  Translation t;  // one, refilled for each string
  for_each_story_string(story, /*with_notes=*/false, [&](const StoryString& str) {
    using K = StringSlot::Kind;
    const bool caption = str.slot.kind == K::ToneCaption || str.slot.kind == K::CueCaption;
    const bool first = !caption || captions.insert(str.context).second;
    if (first) ++report.strings;
    const bool plural = str.is_text && !str.count.empty();
    catalogue.translate(str.context, str.english, plural, t);
    std::string why;  // a translation that does not go in: why not
    if (t.status == Translation::Status::Translated) {
      const bool in = !str.is_text || apply(story, str, t.forms, rule, why);
      if (!str.is_text) plain.emplace_back(str.slot, std::string(t.forms.front()));
      if (in) {
        if (first) ++report.translated;
        return;
      }
    }
    // Shown in English: said why (the strings copied only here, for most are translated).
    Fallback f;
    f.context = str.context;
    f.english = str.english;
    f.file = str.file;
    f.line = str.line;
    f.po_line = t.po_line;
    switch (t.status) {
      case Translation::Status::Missing:
        f.why = Fallback::Why::Missing;
        break;
      case Translation::Status::Untranslated:
        f.why = Fallback::Why::Untranslated;
        break;
      case Translation::Status::Fuzzy:
        f.why = Fallback::Why::Fuzzy;
        break;
      case Translation::Status::Stale:
        f.why = Fallback::Why::Stale;
        break;
      case Translation::Status::Translated:
        f.why = Fallback::Why::Broken;
        f.detail = why;
        break;
    }
    if (first) report.fallbacks.push_back(std::move(f));
  });
  for (const auto& [slot, text] : plain) set_plain(story, slot, text);
  // words(n) in the catalogue's language, where ICU has its rules (else English, as the
  // template tells the translator).
  story.number_words = number_words_in(catalogue.language);
  return report;
}

std::string pseudo_text(std::string_view english, bool text) {
  // Only letters that EB Garamond (regular and italic), OpenDyslexic and DejaVu Sans all have,
  // so that a box in a frame is a glyph the game's own text lacks: OpenDyslexic has no accented
  // b, f or j, no ĥ, and none of the ⟦⟧-like brackets (it has ‹›).
  static const std::map<char, const char*> kAccents{
      {'a', "å"}, {'c', "ç"}, {'d', "ď"}, {'e', "é"}, {'g', "ğ"}, {'h', "ħ"}, {'i', "î"},
      {'k', "ķ"}, {'l', "ŀ"}, {'n', "ñ"}, {'o', "ö"}, {'p', "þ"}, {'r', "ŕ"}, {'s', "š"},
      {'t', "ţ"}, {'u', "ü"}, {'w', "ŵ"}, {'y', "ý"}, {'z', "ž"}, {'A', "Å"}, {'C', "Ç"},
      {'D', "Ď"}, {'E', "É"}, {'G', "Ğ"}, {'H', "Ħ"}, {'I', "Î"}, {'K', "Ķ"}, {'L', "Ŀ"},
      {'N', "Ñ"}, {'O', "Ö"}, {'R', "Ŕ"}, {'S', "Š"}, {'T', "Ŧ"}, {'U', "Ü"}, {'W', "Ŵ"},
      {'Y', "Ý"}, {'Z', "Ž"}};
  std::string out = "‹";
  size_t letters = 0;
  for (size_t i = 0; i < english.size(); ++i) {
    const char c = english[i];
    if (text && c == '{') {
      if (i + 1 < english.size() && english[i + 1] == '{') {
        out += "{{";
        ++i;
        continue;
      }
      const size_t close = english.find('}', i);
      const size_t end = close == std::string_view::npos ? english.size() : close + 1;
      out += english.substr(i, end - i);
      i = end - 1;
      continue;
    }
    if (text && c == '}' && i + 1 < english.size() && english[i + 1] == '}') {
      out += "}}";
      ++i;
      continue;
    }
    ++letters;
    const auto a = kAccents.find(c);
    if (a != kAccents.end()) {
      out += a->second;
    } else {
      out += c;
    }
  }
  // About 40 % longer: the brackets and middle dots make up the difference.
  const size_t dots = letters * 2 / 5 > 2 ? letters * 2 / 5 - 2 : 1;
  for (size_t i = 0; i < dots; ++i) out += "·";
  return out + "›";
}

void pseudo_localize(Story& story) {
  const auto english = std::make_shared<const RuleChoice>(PluralRule());
  for (const StoryString& str : story_strings(story, /*with_notes=*/false)) {
    std::string why;
    apply(story, str, {pseudo_text(str.english, str.is_text)}, english, why);
  }
}

std::vector<std::string> locale_candidates(std::string_view name) {
  std::string base(name.substr(0, name.find_first_of(".@")));
  if (base.empty() || base == "C" || base == "POSIX") return {};
  std::vector<std::string> out{base};
  const size_t region = base.find_first_of("_-");
  if (region != std::string::npos) out.push_back(base.substr(0, region));
  return out;
}

std::string find_catalogue(const std::string& story_dir, std::string_view language) {
  for (const std::string& c : locale_candidates(language)) {
    const std::filesystem::path p = std::filesystem::path(story_dir) / "locales" / (c + ".po");
    std::error_code ec;
    if (std::filesystem::is_regular_file(p, ec)) return p.string();
  }
  return "";
}

std::vector<std::string> environment_languages(const char* language, const char* lc_all,
                                               const char* lc_messages, const char* lang) {
  std::vector<std::string> out;
  std::string_view list = language ? language : "";
  while (!list.empty()) {
    const size_t colon = list.find(':');
    const std::string_view entry = list.substr(0, colon);
    if (entry == "C" || entry == "POSIX") return out;
    if (!entry.empty()) out.emplace_back(entry);
    if (colon == std::string_view::npos) break;
    list.remove_prefix(colon + 1);
  }
  for (const char* v : {lc_all, lc_messages, lang}) {
    if (!v || !*v) continue;
    const std::string_view s = v;
    if (!locale_candidates(s).empty()) out.emplace_back(s);
    break;
  }
  return out;
}

}  // namespace threshold::locale
