// A story's player-facing strings with their places. See story_strings.h.
#include "threshold/locale/story_strings.h"

#include <cstdio>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <utility>

#include "threshold/story/value.h"
#include "threshold/story/wording.h"

namespace threshold::locale {

namespace {

using story::Scene;
using story::Story;

std::string seconds(double s) {
  return story::Value(s).to_text() + " s";
}

// The path of a source file as the writer knows it: relative to the story's folder.
std::string relative_path(const Story& s, int32_t file) {
  if (file < 0 || static_cast<size_t>(file) >= s.sources.size()) return "";
  const std::filesystem::path path = s.sources.path(file);
  if (s.dir.empty()) return path.generic_string();
  std::error_code ec;
  const std::filesystem::path rel = std::filesystem::relative(path, s.dir, ec);
  return ec || rel.empty() ? path.generic_string() : rel.generic_string();
}

// The first number interpolated in `text` (its source; `n` of `words(n)`), or "".
std::string count_of(const story::Text& text) {
  if (!text.parts) return "";
  for (const story::TextPart& p : *text.parts) {
    if (!p.expr) continue;
    const story::ExprNode& root = p.expr->nodes().back();
    if (root.type == story::Type::Number) return p.expr->source();
    const std::string& src = p.expr->source();
    if (root.op == story::ExprNode::Op::Words && src.size() > 7 && src.rfind("words(", 0) == 0 &&
        src.back() == ')') {
      return src.substr(6, src.size() - 7);
    }
  }
  return "";
}

// The translator's notes on the `{}`s of a line.
void placeholder_notes(const story::Text& text, std::vector<std::string>& notes) {
  if (!text.parts) return;
  for (const story::TextPart& p : *text.parts) {
    if (!p.expr) continue;
    const std::string& src = p.expr->source();
    const story::ExprNode& root = p.expr->nodes().back();
    std::string note = "{" + src + "} is replaced as it is played: keep it as written. ";
    if (root.op == story::ExprNode::Op::Words) {
      note +=
          "It is a number in words, in this catalogue's language (the spell-out rules ICU has "
          "for it: \"deux\", \"vingt et un\"), or in English for a language ICU has none for.";
    } else {
      note += std::string("It is a ") + story::type_name(root.type) + ".";
    }
    notes.push_back(std::move(note));
  }
}

class Walk {
 public:
  Walk(const Story& s, bool with_notes, const std::function<void(const StoryString&)>& sink)
      : s_(s), with_notes_(with_notes), sink_(sink) {}

  void run() {
    if (!s_.title.empty()) {
      StoryString& t = plain("story/title", s_.title, s_.at, {StringSlot::Kind::StoryTitle});
      t.notes.push_back("The story's title, on the title screen.");
      emit(t);
    }
    for (size_t i = 0; i < s_.scenes.size(); ++i) scene(static_cast<int32_t>(i));
    for (size_t i = 0; i < s_.endings.size(); ++i) ending(static_cast<int32_t>(i));
  }

 private:
  // The next string, in the one StoryString the walk fills again for each (its buffers kept:
  // a large story has a million strings), handed to the sink by emit().
  StoryString& plain(const std::string& context, const std::string& english, story::SourcePos at,
                     StringSlot slot) {
    StoryString& str = begin(at, slot);
    str.context = context;
    str.english = english;
    return str;
  }

  // The same with its context and English left for the caller to write in place.
  StoryString& begin(story::SourcePos at, StringSlot slot) {
    StoryString& str = current_;
    str.english_plural.clear();
    str.count.clear();
    str.is_text = false;
    str.notes.clear();
    str.file = file_of(static_cast<int32_t>(at.file));
    str.line = static_cast<int32_t>(at.line);
    str.slot = slot;
    return str;
  }

  void emit(const StoryString& str) { sink_(str); }

  // relative_path() asks the file system (std::filesystem::relative resolves links), so each
  // file's once: a 10,000-scene story has a million strings in ten thousand files.
  const std::string& file_of(int32_t file) {
    static const std::string none;
    if (file < 0 || static_cast<size_t>(file) >= s_.sources.size()) return none;
    if (files_.empty()) files_.resize(s_.sources.size());
    std::optional<std::string>& f = files_[static_cast<size_t>(file)];
    if (!f) f = relative_path(s_, file);
    return *f;
  }

  std::string where(const Scene& sc) const {
    std::string w = "In " + sc.place + ", " + story::time_of_day_name(sc.time);
    if (sc.day > 0) w += ", day " + std::to_string(sc.day);
    return w + " (scene " + sc.id + ").";
  }

  // A list of lines: beat lines, a gesture's answer, an epilogue or a reflection.
  void lines(const std::vector<story::Line>& list, const std::string& prefix,
             const std::string& place_note, StringSlot slot) {
    size_t n = 0;
    std::string before;
    for (size_t i = 0; i < list.size(); ++i) {
      const story::Line& line = list[i];
      if (line.is_pause()) {
        before = "(a pause of " + seconds(line.linger) + ")";
        continue;
      }
      ++n;
      slot.line = static_cast<int32_t>(i);
      StoryString& str = begin(line.at, slot);
      str.context.assign(prefix).append(std::to_string(n));
      text_source_into(*line.text, str.english);
      str.is_text = true;
      str.count = count_of(*line.text);
      if (with_notes_) {
        if (!place_note.empty()) str.notes.push_back(place_note);
        if (line.linger > 0) str.notes.push_back("The line lingers " + seconds(line.linger) + ".");
        if (line.condition) str.notes.push_back("Shown only if: " + line.condition->source());
        str.notes.push_back(before.empty() ? "The first line here." : "The line before: " + before);
        placeholder_notes(*line.text, str.notes);
        if (!str.count.empty()) {
          str.notes.push_back("Its words follow the number " + str.count +
                              ": one form for each of the language's plural forms.");
        }
        before = str.english;
      }
      emit(str);
    }
  }

  void caption(const Scene& sc, const story::SoundLayer& sound, StringSlot slot) {
    if (sound.caption.empty()) return;
    const int32_t file = static_cast<int32_t>(sound.at.file);
    const bool from_place = file != sc.file;
    const auto key = std::make_pair(file, static_cast<int64_t>(sound.at.line));
    const std::string owner = from_place ? "place/" + sc.place : sc.id;
    // A place's caption is in each of its scenes: the same context each time, so that one
    // translation serves them all (the POT holds it once).
    const auto seen = captions_seen_.find(key);
    const int32_t n =
        from_place && seen != captions_seen_.end() ? seen->second : ++caption_counts_[owner];
    captions_seen_[key] = n;
    StoryString& str =
        plain(owner + "/caption/" + std::to_string(n), sound.caption, sound.at, slot);
    if (with_notes_) {
      str.notes.push_back(from_place ? "A caption of every scene in " + sc.place + "." : where(sc));
      str.notes.push_back(
          "A caption: what a sound is, in a few plain words, for a player who "
          "cannot hear it; at most " +
          std::to_string(story::kMaxCaptionLength) + " characters.");
    }
    emit(str);
  }

  void scene(int32_t si) {
    const Scene& sc = s_.scene(si);
    const std::string here = with_notes_ ? where(sc) : std::string();
    if (!sc.place.empty() && places_seen_.insert(sc.place).second) {
      StoryString& str = plain("place/" + sc.place + "/name", story::place_id_words(sc.place),
                               sc.at, {StringSlot::Kind::PlaceName, si});
      if (with_notes_) {
        const std::string time = story::time_of_day_name(sc.time);
        str.notes.push_back(
            "A place's name (its id in words), in the terminal player's heading of each scene "
            "there: " +
            (sc.day > 0 ? "\"— day " + std::to_string(sc.day) + ", " + str.english + ", " + time +
                              " —\" (ui.text.heading_day)."
                        : "\"— " + str.english + ", " + time + " —\" (ui.text.heading)."));
      }
      emit(str);
    }
    for (size_t t = 0; t < sc.things.size(); ++t) {
      const story::Thing& thing = sc.things[t];
      if (thing.name.empty()) continue;
      StoryString& str = plain(sc.id + "/thing/" + thing.id, thing.name, thing.at,
                               {StringSlot::Kind::ThingName, si, -1, static_cast<int32_t>(t)});
      if (with_notes_) {
        str.notes.push_back(here);
        str.notes.push_back(
            "A thing's name: the game's words for gestures on it are made with "
            "it (\"Touch " +
            thing.name + "\").");
      }
      emit(str);
    }
    for (size_t b = 0; b < sc.beats.size(); ++b) {
      const story::Beat& beat = sc.beats[b];
      const int32_t bi = static_cast<int32_t>(b);
      lines(beat.lines, sc.id + "/" + beat.id + "/", here,
            {StringSlot::Kind::BeatLine, si, bi, -1, -1});
      if (!beat.moment) continue;
      const story::Moment& m = *beat.moment;
      std::vector<int32_t> all;
      for (size_t g = 0; g < m.gestures.size(); ++g) all.push_back(static_cast<int32_t>(g));
      for (size_t g = 0; g < m.gestures.size(); ++g) {
        const story::Gesture& gesture = m.gestures[g];
        const int32_t gi = static_cast<int32_t>(g);
        const std::string prefix = sc.id + "/" + beat.id + "/" + gesture.id + "/";
        if (gesture.kind != story::GestureKind::Wait &&
            gesture.kind != story::GestureKind::TurnAway) {
          StoryString& str = plain(prefix + "hint", story::gesture_wording(sc, m, gesture, all),
                                   gesture.at, {StringSlot::Kind::GestureHint, si, bi, gi, -1});
          if (with_notes_) {
            const bool authored = !m.hint_of(gesture).empty();
            str.notes.push_back(here);
            std::string kind = std::string("A gesture: ") + story::gesture_kind_name(gesture.kind);
            if (gesture.seconds > 0) kind += ", " + seconds(gesture.seconds);
            if (gesture.distance > 0)
              kind += ", " + story::Value(gesture.distance).to_text() + " px";
            str.notes.push_back(kind + ".");
            str.notes.push_back(authored ? "Its words as the writer gave them (hint:)."
                                         : "The game's own words for it, from its kind and thing.");
          }
          emit(str);
        }
        {
          StoryString& str = plain(prefix + "done", story::gesture_done_wording(sc, m, gi),
                                   gesture.at, {StringSlot::Kind::GestureDone, si, bi, gi, -1});
          if (with_notes_) {
            str.notes.push_back(here);
            str.notes.push_back(
                std::string("What the History screen says the player did (") +
                story::gesture_kind_name(gesture.kind) +
                "), in the past, addressed to the player, as a sentence." +
                (gesture.kind == story::GestureKind::Hesitate
                     ? " Also said when the player lets go of it before any hold is reached."
                     : ""));
          }
          emit(str);
        }
        std::string window;  // the translator's note on when its lines are shown
        if (with_notes_ && gesture.kind == story::GestureKind::Wait) {
          window = "After the player has waited " + seconds(gesture.seconds) + ". " + here;
        } else if (with_notes_) {
          window = std::string("After the player's gesture (") +
                   story::gesture_kind_name(gesture.kind) + " " +
                   story::thing_wording(sc, gesture.thing) + "). " + here;
        }
        lines(gesture.lines, prefix, window, {StringSlot::Kind::GestureLine, si, bi, gi, -1});
      }
    }
    for (size_t i = 0; i < sc.ambience.tone.size(); ++i) {
      caption(sc, sc.ambience.tone[i],
              {StringSlot::Kind::ToneCaption, si, -1, static_cast<int32_t>(i), -1});
    }
    for (size_t i = 0; i < sc.ambience.cues.size(); ++i) {
      caption(sc, sc.ambience.cues[i].sound,
              {StringSlot::Kind::CueCaption, si, -1, static_cast<int32_t>(i), -1});
    }
  }

  void ending(int32_t ei) {
    const story::Ending& e = s_.endings[static_cast<size_t>(ei)];
    const std::string prefix = "ending/" + e.id;
    if (!e.title.empty()) {
      StoryString& str = plain(prefix, e.title, e.at, {StringSlot::Kind::EndingTitle, -1, ei});
      str.notes.push_back("The title of the ending " + e.id + ".");
      emit(str);
    }
    lines(e.epilogue, prefix + "/epilogue/", "The epilogue of the ending " + e.id + ".",
          {StringSlot::Kind::Epilogue, -1, ei, -1, -1});
    lines(e.reflection, prefix + "/reflection/",
          "The reflection of the ending " + e.id + ": read back from the player's own gestures.",
          {StringSlot::Kind::Reflection, -1, ei, -1, -1});
  }

  const Story& s_;
  const bool with_notes_;
  const std::function<void(const StoryString&)>& sink_;
  StoryString current_;
  std::vector<std::optional<std::string>> files_;  // by Sources index: relative_path's
  std::map<std::string, int32_t> caption_counts_;
  std::set<std::string> places_seen_;
  std::map<std::pair<int32_t, int64_t>, int32_t> captions_seen_;
};

}  // namespace

void text_source_into(const story::Text& text, std::string& out) {
  out.clear();
  auto literal = [&out](std::string_view s) {
    for (char c : s) {
      if (c == '{' || c == '}') out += c;
      out += c;
    }
  };
  if (!text.parts) {
    literal(text.plain);
    return;
  }
  for (const story::TextPart& p : *text.parts) {
    if (p.expr) {
      out += '{';
      out += p.expr->source();
      out += '}';
    } else {
      literal(p.literal);
    }
  }
}

std::string text_source(const story::Text& text) {
  std::string out;
  text_source_into(text, out);
  return out;
}

void for_each_story_string(const story::Story& story, bool with_notes,
                           const std::function<void(const StoryString&)>& f) {
  Walk(story, with_notes, f).run();
}

std::vector<StoryString> story_strings(const story::Story& story, bool with_notes) {
  std::vector<StoryString> out;
  for_each_story_string(story, with_notes, [&out](const StoryString& s) { out.push_back(s); });
  return out;
}

}  // namespace threshold::locale
