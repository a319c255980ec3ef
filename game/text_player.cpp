// Text mode: the real runtime driven by synthesized input, in the terminal. See text_player.h.
//
// Every gesture is performed the way a player would make it (story::Performer: a hold presses the
// thing for its seconds, silence lets the clock run to the next wait), never through
// Runtime::choose(), so a transcript shows what the game itself would do with the same hands.
#include "text_player.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <istream>
#include <ostream>

#include "threshold/story/performer.h"
#include "threshold/story/recording.h"
#include "threshold/story/runtime.h"
#include "threshold/story/save.h"
#include "threshold/story/wording.h"

namespace threshold::game {

using story::Event;
using story::EventKind;
using story::Gesture;
using story::GestureKind;
using story::Input;
using story::kNone;
using story::Runtime;
using story::Scene;
using story::Story;
using story::ThingId;

namespace {

using locale::Ui;

// The times of day in TimeOfDay's order.
constexpr Ui kTimes[] = {Ui::TimeDawn,      Ui::TimeMorning, Ui::TimeMidday,
                         Ui::TimeAfternoon, Ui::TimeEvening, Ui::TimeNight};
static_assert(std::size(kTimes) == static_cast<size_t>(story::TimeOfDay::Night) + 1);

std::string seconds_text(double s) {
  return story::Value(s).to_text();
}

std::string trim(const std::string& s) {
  size_t b = 0, e = s.size();
  while (b < e && std::isspace(static_cast<unsigned char>(s[b]))) ++b;
  while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1]))) --e;
  return s.substr(b, e - b);
}

class TextGame {
 public:
  TextGame(const Story& story, const TextOptions& options, std::istream& in, std::ostream& out,
           std::ostream& err)
      : story_(story),
        options_(options),
        in_(in),
        out_(out),
        err_(err),
        rt_(story),
        hands_(rt_, [this](double dt, const Input& input) { step(dt, input); }) {
    paced_ = !options.fast && !options.script;
  }

  const locale::UiText& ui() const {
    static const locale::UiText kEnglish;
    return options_.ui ? *options_.ui : kEnglish;
  }

  int run() {
    story::Recording& rec = recorder_.recording();
    rec.story_title = story_.title;
    rec.start = options_.scene;
    print(rt_.start(options_.scene));
    const int code = play();
    recorder_.finish(rt_.state().time);
    if (!options_.record_path.empty()) {
      const std::string error =
          story::write_file_atomically(options_.record_path, recorder_.recording().to_text(story_));
      if (!error.empty()) {
        err_ << "threshold: could not write the recording: " << error << "\n";
        return code == kTextOk ? kTextError : code;
      }
    }
    return code;
  }

 private:
  int play() {
    while (!rt_.finished()) {
      if (rt_.in_moment()) {
        const int code = moment_turn();
        if (code >= 0) return code;
        continue;
      }
      const Input idle;
      const double dt = rt_.next_deadline(idle);
      if (!std::isfinite(dt)) {
        err_ << "threshold: the story stopped at " << where()
             << " with nothing left to show and no moment open\n";
        return kTextError;
      }
      if (paced_ && dt > 0 && options_.sleep) {
        out_.flush();
        options_.sleep(dt);
      }
      step(dt, idle);
    }
    if (rt_.state().ending == kNone) {
      blank();
      line("(The story ends here without an ending.)");
    }
    return kTextOk;
  }

  std::string where() const {
    const story::State& s = rt_.state();
    if (s.scene < 0) return "the start";
    const Scene& scene = story_.scene(s.scene);
    std::string w = "scene '" + scene.id + "'";
    if (s.beat >= 0 && static_cast<size_t>(s.beat) < scene.beats.size()) {
      w += ", beat '" + scene.beats[static_cast<size_t>(s.beat)].id + "'";
    }
    return w;
  }

  void step(double dt, const Input& input) {
    recorder_.note(rt_.state().time, input);
    std::vector<Event> ev;
    rt_.step(dt, input, ev);
    print(ev);
  }

  // Output goes through these two, so that blank lines never pile up.
  void line(const std::string& text) {
    out_ << text << "\n";
    blank_ = text.empty();
  }
  void blank() {
    if (!blank_) line("");
  }

  void print(const std::vector<Event>& events) {
    for (const Event& e : events) {
      switch (e.kind) {
        case EventKind::SceneEntered: {
          rung_seconds_ = -1;
          const Scene& scene = story_.scene(e.scene);
          const std::string place = story::place_name(story_, scene.place);
          const std::string time = ui()(kTimes[static_cast<size_t>(scene.time)]);
          const std::string head =
              scene.day > 0
                  ? ui()(Ui::TextHeadingDay,
                         {{"day", std::to_string(scene.day)}, {"place", place}, {"time", time}})
                  : ui()(Ui::TextHeading, {{"place", place}, {"time", time}});
          blank();
          line(head);
          blank();
          break;
        }
        case EventKind::LineShown:
          line(e.text);
          if (paced_) out_.flush();
          break;
        case EventKind::GestureChosen: {
          if (const Gesture* g = story_.gesture(e)) {
            if (g->kind == GestureKind::Wait) {
              silence_rung(e, *g);
            } else {
              rung_seconds_ = -1;  // the silence is broken
            }
          }
          break;
        }
        case EventKind::Hesitated:
          // The prose shows a hesitation; no echo of it here.
          rung_seconds_ = -1;
          break;
        case EventKind::EndingReached:
          blank();
          line(ui()(Ui::TextEnding, {{"title", e.text}}));
          blank();
          break;
        case EventKind::Notice:
          err_ << "note: " << e.text << "\n";
          break;
        case EventKind::PauseStarted:
        case EventKind::MomentOpened:
        case EventKind::GestureProgress:
          break;
      }
    }
  }

  // A wait fired: says how long since the last rung of this silence (or since it began), never
  // the running total a reader would have to take apart. In words, unless timings were asked.
  void silence_rung(const Event& e, const Gesture& g) {
    const bool unbroken = rung_seconds_ >= 0 && rung_scene_ == e.scene && rung_beat_ == e.beat &&
                          g.seconds > rung_seconds_;
    const double since = unbroken ? g.seconds - rung_seconds_ : g.seconds;
    rung_seconds_ = g.seconds;
    rung_scene_ = e.scene;
    rung_beat_ = e.beat;
    if (options_.timings) {
      line(ui().count(unbroken ? Ui::TextMoreSecondsPass : Ui::TextSecondsPass, since,
                      seconds_text(since)));
    } else if (since < 5) {
      line(ui()(Ui::TextAMoment));
    } else if (since < 15) {
      line(ui()(Ui::TextAWhile));
    } else {
      line(ui()(Ui::TextALongWhile));
    }
  }

  std::string wording(const story::Moment& m, const std::vector<int32_t>& offered,
                      const Gesture& g) const {
    const Scene& scene = story_.scene(rt_.state().scene);
    story::WordingOptions w;
    w.timings = options_.timings;
    w.words = options_.words;
    return story::gesture_wording(scene, m, g, offered, w);
  }

  // Reads the next entry: from the script, or stdin. False when there is none.
  bool next_entry(std::string& text, int& number) {
    if (options_.script) {
      if (script_at_ >= options_.script->size()) return false;
      const ScriptLine& s = (*options_.script)[script_at_++];
      text = trim(s.text);
      number = s.number;
      return true;
    }
    out_ << "> " << std::flush;
    if (!std::getline(in_, text)) return false;
    text = trim(text);
    return true;
  }

  // One turn at an open moment. Returns an exit code, or -1 to go on playing.
  int moment_turn() {
    const story::Moment& m = *rt_.moment();
    const std::vector<int32_t> offered = rt_.offered();
    std::vector<int32_t> numbered;
    for (int32_t g : offered) {
      if (m.gestures[static_cast<size_t>(g)].kind != GestureKind::Wait) numbered.push_back(g);
    }
    if (need_list_) {
      blank();
      for (size_t i = 0; i < numbered.size(); ++i) {
        line("  " + std::to_string(i + 1) + ". " +
             wording(m, offered, m.gestures[static_cast<size_t>(numbered[i])]));
      }
      line("  " + ui()(Ui::TextSilentOption));
      need_list_ = false;
    }

    std::string entry;
    int script_line = 0;
    if (!next_entry(entry, script_line)) {
      if (options_.script) {
        err_ << "threshold: the script ended before the story did (at " << where() << ")\n";
        return kTextScriptEnded;
      }
      out_ << "\n";  // ends the prompt's line
      line(ui()(Ui::TextCloseBook));
      return kTextOk;
    }

    int32_t gesture = -1;
    const bool silence = entry.empty() || entry == "-";
    if (!silence) {
      char* end = nullptr;
      const long n = std::strtol(entry.c_str(), &end, 10);
      if (end && *end == '\0' && n >= 1 && static_cast<size_t>(n) <= numbered.size()) {
        gesture = numbered[static_cast<size_t>(n - 1)];
      }
      for (int32_t g : offered) {
        if (gesture < 0 && m.gestures[static_cast<size_t>(g)].id == entry) gesture = g;
      }
      if (gesture < 0) {
        if (options_.script) {
          std::string list;
          for (int32_t g : numbered) list += m.gestures[static_cast<size_t>(g)].id + ", ";
          err_ << "script line " << script_line << ": '" << entry
               << "' is not offered here (offered: " << list << "-)\n";
          return kTextError;
        }
        if (numbered.empty()) {
          line(ui()(Ui::TextPressEnter));
        } else if (numbered.size() == 1) {
          line(ui()(Ui::TextTypeOne));
        } else {
          line(ui().count(Ui::TextTypeNumber, static_cast<double>(numbered.size()),
                          std::to_string(numbered.size())));
        }
        return -1;
      }
    }

    if (options_.script) {
      std::string echo = "> ";
      if (gesture < 0) {
        echo += "(silence)";
      } else {
        const auto it = std::find(numbered.begin(), numbered.end(), gesture);
        if (it != numbered.end()) echo += std::to_string((it - numbered.begin()) + 1) + ". ";
        echo += wording(m, offered, m.gestures[static_cast<size_t>(gesture)]);
      }
      line(echo);
    }
    blank_ = false;  // what the player typed ends with a newline of its own
    blank();

    if (gesture < 0) {
      if (!hands_.silence()) {
        line("(Nothing happens.)");
        return -1;
      }
    } else {
      hands_.perform(m, offered, m.gestures[static_cast<size_t>(gesture)]);
    }
    need_list_ = true;
    return -1;
  }

  const Story& story_;
  const TextOptions& options_;
  std::istream& in_;
  std::ostream& out_;
  std::ostream& err_;
  Runtime rt_;
  story::Performer hands_;  // makes the reader's gestures (after rt_, which it drives)
  story::Recorder recorder_;
  bool paced_ = false;
  bool blank_ = true;  // the last line written was empty (or nothing was written yet)
  bool need_list_ = true;
  size_t script_at_ = 0;
  // The last rung of the silence ladder that fired (its seconds; -1: no silence running).
  double rung_seconds_ = -1;
  story::SceneId rung_scene_ = kNone;
  story::BeatId rung_beat_ = kNone;
};

}  // namespace

std::vector<ScriptLine> parse_script(const std::string& text) {
  std::vector<ScriptLine> lines;
  size_t start = 0;
  int number = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    std::string line = text.substr(start, end - start);
    start = end + 1;
    ++number;
    const size_t hash = line.find('#');
    const bool comment_only = hash != std::string::npos && trim(line.substr(0, hash)).empty();
    if (comment_only) continue;
    if (hash != std::string::npos) line.resize(hash);
    lines.push_back({number, trim(line)});
  }
  return lines;
}

int play_text(const Story& story, const TextOptions& options, std::istream& in, std::ostream& out,
              std::ostream& err) {
  TextGame game(story, options, in, out, err);
  return game.run();
}

}  // namespace threshold::game
