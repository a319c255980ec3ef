// The story checker: reachability of scenes and beats, dead ends, unused variables, things and
// endings, and the size summary. See checker.h.
#include "threshold/story/checker.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "threshold/story/media_header.h"
#include "threshold/story/names.h"
#include "threshold/story/walks.h"
#include "threshold/story/wording.h"

namespace threshold::story {

namespace {

std::string plural(size_t n, const char* one, const char* many) {
  return with_thousands(n) + " " + (n == 1 ? one : many);
}

double line_seconds(const Line& line, const Pacing& pacing) {
  if (line.is_pause()) return line.linger > 0 ? line.linger : pacing.default_pause;
  if (line.linger > 0) return line.linger;  // authored, or set by the loader
  return pacing.linger(line.text->word_count());
}

// Seconds a gesture takes to perform: its authored length, or about two for untimed ones.
double gesture_seconds(const Gesture& g) {
  switch (g.kind) {
    case GestureKind::Wait:
    case GestureKind::Hold:
    case GestureKind::Look:
      return g.seconds;
    case GestureKind::Hesitate:
    case GestureKind::Touch:
    case GestureKind::TurnAway:
    case GestureKind::Push:  // about 1.5 s at the keyboard's slide rate
    case GestureKind::Pull:
      return 2.0;
  }
  return 2.0;
}

// Where a thing is in the frame: its area and its shapes together (empty when it has neither).
Rect thing_extent(const Scene& scene, ThingId thing) {
  Rect r = scene.things[static_cast<size_t>(thing)].area;
  for (const Shape& shape : scene.visual.layers) {
    if (shape.thing != thing) continue;
    const Rect b = shape.bounds();
    if (b.empty()) continue;
    if (r.empty()) {
      r = b;
      continue;
    }
    const float x1 = std::max(r.x + r.w, b.x + b.w), y1 = std::max(r.y + r.h, b.y + b.h);
    r.x = std::min(r.x, b.x);
    r.y = std::min(r.y, b.y);
    r.w = x1 - r.x;
    r.h = y1 - r.y;
  }
  return r;
}

// A push moves its thing up the frame and a pull down it, following the hand: a thing already
// at the top edge (push) or the bottom edge (pull) has no room to go and would not move.
void check_drag_room(const Scene& scene, const Sources& src, Diagnostics& diags) {
  for (const Beat& beat : scene.beats) {
    if (!beat.moment) continue;
    for (const Gesture& g : beat.moment->gestures) {
      const bool push = g.kind == GestureKind::Push;
      if ((!push && g.kind != GestureKind::Pull) || g.thing < 0 ||
          static_cast<size_t>(g.thing) >= scene.things.size()) {
        continue;
      }
      const Rect r = thing_extent(scene, g.thing);
      if (r.empty()) continue;
      const Thing& thing = scene.things[static_cast<size_t>(g.thing)];
      if (push && r.y <= 0) {
        diags.warning(src, g.at,
                      "gesture '" + g.id + "' pushes " + thing.name +
                          " away, but it already reaches the top of the frame: it has no room "
                          "to follow the hand up",
                      Code::NoRoomToMove);
      } else if (!push && r.y + r.h >= kFrameHeight) {
        diags.warning(src, g.at,
                      "gesture '" + g.id + "' pulls " + thing.name +
                          " toward you, but it already reaches the bottom of the frame: it has "
                          "no room to follow the hand down",
                      Code::NoRoomToMove);
      }
    }
  }
}

std::string seconds_text(double s) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g s", s);
  return buf;
}

bool is_arithmetic(ExprNode::Op op) {
  using Op = ExprNode::Op;
  return op == Op::Neg || op == Op::Add || op == Op::Sub || op == Op::Mul || op == Op::Div ||
         op == Op::Mod || op == Op::Min || op == Op::Max || op == Op::Round || op == Op::Abs;
}

// The countable values (number variables, counts, visits) a gesture condition does arithmetic
// on, by name, each once. The explorer caps a count only where it is compared with a number
// directly (engine/story/explorer.cpp, Uses::note_reads); inside arithmetic it keeps it exact.
std::vector<std::string> counted_in_arithmetic(const Story& story, const Expr& e) {
  std::vector<std::string> names;
  const std::vector<ExprNode>& nodes = e.nodes();
  for (const ExprNode& parent : nodes) {
    if (!is_arithmetic(parent.op)) continue;
    for (const int32_t child : {parent.a, parent.b}) {
      if (child < 0 || static_cast<size_t>(child) >= nodes.size()) continue;
      const ExprNode& n = nodes[static_cast<size_t>(child)];
      std::string name;
      if (n.op == ExprNode::Op::Variable && n.ref >= 0 &&
          static_cast<size_t>(n.ref) < story.variables.size()) {
        name = story.variables[static_cast<size_t>(n.ref)].id;
      } else if (n.op == ExprNode::Op::Builtin) {
        const auto b = static_cast<Builtin>(n.ref);
        if (b == Builtin::Day || b == Builtin::Time) continue;  // exact, or never tracked
        name = builtin_name(b);
      } else if (n.op == ExprNode::Op::Visits && n.ref >= 0 &&
                 static_cast<size_t>(n.ref) < story.scenes.size()) {
        name = "visits(" + story.scene(n.ref).id + ")";
      } else {
        continue;
      }
      if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(name);
    }
  }
  return names;
}

// Gestures that the runtime's rules make impossible or surprising (docs/authoring.md, "Rules
// the runtime follows"), and conditions the explorer cannot bound.
void check_gesture_traps(const Story& story, const Scene& scene, const Moment& moment,
                         Diagnostics& diags) {
  const Sources& src = story.sources;
  auto first_on = [&](ThingId thing, GestureKind kind) -> const Gesture* {
    for (const Gesture& g : moment.gestures) {
      if (g.thing == thing && g.kind == kind) return &g;
    }
    return nullptr;
  };
  auto name_of = [&](ThingId t) {
    return t >= 0 && static_cast<size_t>(t) < scene.things.size()
               ? scene.things[static_cast<size_t>(t)].name
               : std::string("it");
  };
  std::vector<ThingId> looked_and_held;
  for (const Gesture& g : moment.gestures) {
    if (g.kind == GestureKind::Hesitate && first_on(g.thing, GestureKind::Hold) == nullptr &&
        first_on(g.thing, GestureKind::Push) == nullptr &&
        first_on(g.thing, GestureKind::Pull) == nullptr) {
      if (const Gesture* touch = first_on(g.thing, GestureKind::Touch)) {
        diags.warning(
            src, g.at,
            "gesture '" + g.id + "' can never happen: " + name_of(g.thing) + " has a touch ('" +
                touch->id +
                "') and no hold, push or pull, so a press on it is the touch at once and is never "
                "let go early; add a hold, push or pull on it, or drop the hesitate",
            Code::GestureNeverTaken);
      }
    }
    if (g.kind == GestureKind::Look && std::find(looked_and_held.begin(), looked_and_held.end(),
                                                 g.thing) == looked_and_held.end()) {
      if (const Gesture* hold = first_on(g.thing, GestureKind::Hold)) {
        looked_and_held.push_back(g.thing);
        const bool first = g.seconds <= hold->seconds;
        diags.warning(src, g.at,
                      "gesture '" + g.id + "' (a look of " + seconds_text(g.seconds) +
                          ") and gesture '" + hold->id + "' (a hold of " +
                          seconds_text(hold->seconds) + ") are on one thing, " + name_of(g.thing) +
                          ": the pointer rests on what it presses, so the look runs " +
                          "while it is held" +
                          (first ? " and fires first, before the hold completes"
                                 : ", and a hold let go early leaves the look to finish") +
                          "; put them on different things, or keep one of them",
                      Code::GestureNeverTaken);
      }
    }
    if (g.condition) {
      const std::vector<std::string> names = counted_in_arithmetic(story, *g.condition);
      if (!names.empty()) {
        std::string list;
        for (size_t i = 0; i < names.size(); ++i) {
          list += (i == 0 ? "" : i + 1 == names.size() ? " and " : ", ") + ("'" + names[i] + "'");
        }
        diags.warning(src, g.condition->at,
                      "the condition of gesture '" + g.id + "' does arithmetic on " + list +
                          ": threshold explore caps a count only where it is compared with a "
                          "number directly, so it tracks these at their exact values, and "
                          "counts that keep rising make the states it explores grow without "
                          "bound; compare each with a number (a >= 2 and b >= 1), or keep one "
                          "variable for what the arithmetic means",
                      Code::Untracked);
      }
    }
  }
}

void check_scene(const Story& story, const Scene& scene, bool reached, Diagnostics& diags) {
  const Sources& src = story.sources;
  if (!reached) {
    diags.warning(src, scene.at,
                  "scene '" + scene.id + "' is never reached: no go: leads here from the start",
                  Code::Unreachable);
  }

  const std::vector<bool> beats = reachable_beats(scene);
  std::vector<bool> thing_used(scene.things.size(), false);
  for (size_t b = 0; b < scene.beats.size(); ++b) {
    const Beat& beat = scene.beats[b];
    const bool last = b + 1 == scene.beats.size();
    if (!beats[b]) {
      diags.warning(src, beat.at,
                    "beat '" + beat.id + "' is never reached inside scene '" + scene.id + "'",
                    Code::Unreachable);
    }
    if (!beat.moment) {
      if (last && beat.target.empty()) {
        diags.warning(src, beat.at,
                      "beat '" + beat.id +
                          "' leads nowhere: it is the last beat of its scene, with no moment and "
                          "no then:, go: or end:",
                      Code::LeadsNowhere);
      }
      continue;
    }

    const Moment& moment = *beat.moment;
    check_gesture_traps(story, scene, moment, diags);
    size_t possible = 0;
    size_t leaving = 0;  // gestures that do not keep the moment open
    for (const Gesture& g : moment.gestures) {
      if (g.thing >= 0 && static_cast<size_t>(g.thing) < thing_used.size()) {
        thing_used[static_cast<size_t>(g.thing)] = true;
      }
      if (never_true(g.condition)) continue;
      ++possible;
      if (!g.stay || !g.target.empty()) ++leaving;
      if (last && !g.stay && g.target.empty()) {
        diags.warning(src, g.at,
                      "gesture '" + g.id +
                          "' leads nowhere: its beat is the last of the scene and it has no "
                          "then:, go: or end:",
                      Code::LeadsNowhere);
      }
    }
    if (possible == 0) {
      diags.warning(src, moment.at,
                    "no gesture of this moment can ever be taken: every condition is always false",
                    Code::GestureNeverTaken);
    } else if (leaving == 0) {
      diags.warning(src, moment.at,
                    "every gesture of this moment has stay: true, so once each is taken nothing "
                    "leads on",
                    Code::LeadsNowhere);
    }
    if (possible > 0) {
      for (const Gesture& g : moment.gestures) {
        if (never_true(g.condition)) {
          diags.warning(src, g.condition->at,
                        "gesture '" + g.id + "' is never offered: its condition is always false",
                        Code::GestureNeverTaken);
        }
      }
    }
  }

  check_drag_room(scene, src, diags);

  for (size_t t = 0; t < scene.things.size(); ++t) {
    if (!thing_used[t]) {
      const Thing& thing = scene.things[t];
      diags.warning(src, thing.at,
                    "nobody can act on " + thing.name + " ('" + thing.id +
                        "'): no gesture of scene '" + scene.id + "' refers to it",
                    Code::NoOneActsOn);
    }
  }
}

// Beats without a moment lead on by themselves (`then:`, `go:`); a ring of them never waits for
// the player: its lines repeat forever (`text --fast` would print them without end). Each ring
// is reported once, at the `then:` or `go:` that closes it, in the first of its beats.
void check_endless_loops(const Story& story, Diagnostics& diags) {
  std::vector<size_t> first(story.scenes.size() + 1, 0);  // node of a scene's beat 0
  for (size_t i = 0; i < story.scenes.size(); ++i) {
    first[i + 1] = first[i] + story.scenes[i].beats.size();
  }
  const size_t none = first.back();
  auto next = [&](size_t scene, size_t beat) -> size_t {
    const Beat& b = story.scenes[scene].beats[beat];
    if (b.moment) return none;
    if (b.target.kind == Target::Kind::None) {  // on to the next beat of the scene, if any
      return first[scene] + beat + 1 < first[scene + 1] ? first[scene] + beat + 1 : none;
    }
    if (b.target.kind == Target::Kind::Beat) {
      return first[scene] + static_cast<size_t>(b.target.beat());
    }
    if (b.target.kind == Target::Kind::Scene) {
      const auto to = static_cast<size_t>(b.target.scene());
      return to < story.scenes.size() && !story.scenes[to].beats.empty() ? first[to] : none;
    }
    return none;
  };
  std::vector<uint8_t> state(none, 0);  // 0 not seen, 1 on the current walk, 2 done
  std::vector<size_t> walk;
  for (size_t scene = 0; scene < story.scenes.size(); ++scene) {
    for (size_t beat = 0; beat < story.scenes[scene].beats.size(); ++beat) {
      size_t n = first[scene] + beat;
      walk.clear();
      size_t s = scene;
      while (n != none && state[n] == 0) {
        state[n] = 1;
        walk.push_back(n);
        while (first[s + 1] <= n) ++s;
        while (first[s] > n) --s;
        n = next(s, n - first[s]);
      }
      if (n != none && state[n] == 1) {
        // A new ring, from n to the end of the walk: name it at its first beat.
        size_t at = n;
        for (size_t k = walk.size(); k-- > 0 && walk[k] != n;) at = std::min(at, walk[k]);
        size_t as = 0;
        while (first[as + 1] <= at) ++as;
        const Scene& sc = story.scenes[as];
        const Beat& b = sc.beats[at - first[as]];
        diags.warning(story.sources, b.target.at.line > 0 ? b.target.at : b.at,
                      "beat '" + b.id + "' of scene '" + sc.id +
                          "' is in a loop of beats without a moment: its lines repeat forever "
                          "and the player can never act; give one of them a moment or an end",
                      Code::LoopWithoutMoment);
      }
      for (size_t w : walk) state[w] = 2;
    }
  }
}

}  // namespace

std::string StorySummary::to_string() const {
  const auto minutes = static_cast<size_t>(std::llround(seconds / 60.0));
  return plural(scenes, "scene", "scenes") + ", " + plural(moments, "moment", "moments") + ", " +
         plural(gestures, "gesture", "gestures") + ", " + plural(endings, "ending", "endings") +
         ", " + plural(words, "word", "words") + ", ~" + with_thousands(minutes) + " min";
}

StorySummary summarize(const Story& story) {
  StorySummary s;
  s.scenes = story.scenes.size();
  s.endings = story.endings.size();
  auto add_lines = [&](const std::vector<Line>& lines) {
    for (const Line& line : lines) {
      if (line.text) s.words += line.text->word_count();
      s.seconds += line_seconds(line, story.pacing);
    }
  };
  for (const Scene& scene : story.scenes) {
    for (const Beat& beat : scene.beats) {
      add_lines(beat.lines);
      if (!beat.moment) continue;
      ++s.moments;
      const auto& gestures = beat.moment->gestures;
      s.gestures += gestures.size();
      double total = 0;
      for (const Gesture& g : gestures) {
        add_lines(g.lines);
        total += gesture_seconds(g);
      }
      if (!gestures.empty()) s.seconds += total / static_cast<double>(gestures.size());
    }
  }
  for (const Ending& ending : story.endings) {
    add_lines(ending.epilogue);
    add_lines(ending.reflection);
  }
  return s;
}

namespace {

// Every font in the folders the renderer looks in first (Story::font_folders: the story's
// fonts/, the game's assets' fonts/), opened: one that does not start like a font is reported
// at the file. The game then uses the next font it finds.
void check_fonts(const Story& story, Diagnostics& diags) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const fs::path story_dir =
      fs::weakly_canonical(fs::absolute(story.dir.empty() ? "." : story.dir, ec), ec);
  for (const std::string& folder : story.font_folders) {
    std::vector<fs::path> fonts;
    for (fs::recursive_directory_iterator
             it(folder, fs::directory_options::skip_permission_denied, ec),
         end;
         !ec && it != end; it.increment(ec)) {
      if (it->is_regular_file(ec) && is_font_file(it->path().string())) {
        fonts.push_back(it->path());
      }
    }
    std::sort(fonts.begin(), fonts.end());
    for (const fs::path& font : fonts) {
      const std::string wrong = check_font_header(font.string());
      if (wrong.empty()) continue;
      // Named as the writer knows it: from the story folder when it is in there.
      const fs::path rel = font.lexically_relative(story_dir);
      const bool in_story = !rel.empty() && *rel.begin() != "..";
      const std::string shown = in_story ? rel.string() : font.string();
      diags.file_error(in_story ? (fs::path(story.dir) / rel).string() : font.string(),
                       "font '" + shown + "' " + wrong + "; the game uses the next font it finds",
                       Code::MediaUndecodable);
    }
  }
}

// A cue the player could act on (at a gesture, or at a beat that opens a moment) with no caption:
// once per cue as written (a place's cues are every scene's there).
void check_captions(const Story& story, Diagnostics& diags) {
  std::set<std::tuple<int64_t, int64_t, int64_t>> seen;
  for (const Scene& scene : story.scenes) {
    for (const SoundCue& c : scene.ambience.cues) {
      if (!c.sound.caption.empty()) continue;
      std::string what;
      if (c.on != CueOn::Beat) {
        const Gesture* g =
            story.gesture(static_cast<SceneId>(&scene - story.scenes.data()), c.beat, c.gesture);
        what = "on " + std::string(name_of(kCueOnNames, c.on)) +
               (g ? " of gesture '" + g->id + "'" : std::string());
      } else {
        const Beat* b = c.beat >= 0 && static_cast<size_t>(c.beat) < scene.beats.size()
                            ? &scene.beats[static_cast<size_t>(c.beat)]
                            : nullptr;
        if (!b || !b->moment) continue;
        what = "at beat '" + b->id + "', which opens a moment";
      }
      if (!seen.insert({c.at.file, c.at.line, c.at.column}).second) continue;
      diags.warning(story.sources, c.at,
                    "this cue sounds " + what +
                        ", so a player may act on it, and has no caption: add 'caption:', "
                        "what the sound is in a few words",
                    Code::UncaptionedCue);
    }
  }
}

}  // namespace

StorySummary check(const Story& story, Diagnostics& diags) {
  const Sources& src = story.sources;
  check_fonts(story, diags);
  check_captions(story, diags);
  const std::vector<bool> scenes = reachable_scenes(story);
  for (size_t i = 0; i < story.scenes.size(); ++i) {
    check_scene(story, story.scenes[i], scenes[i], diags);
  }
  check_endless_loops(story, diags);

  // Variables: read anywhere (conditions, effect values, text) versus set by an effect.
  std::vector<bool> read(story.variables.size(), false);
  std::vector<bool> set(story.variables.size(), false);
  auto mark = [](std::vector<bool>& v, int32_t id) {
    if (id >= 0 && static_cast<size_t>(id) < v.size()) v[static_cast<size_t>(id)] = true;
  };
  for_each_expression(story, [&](const Expr& e, ExprRole) {
    for (int32_t id : e.reads()) mark(read, id);
  });
  auto mark_sets = [&](const std::vector<Effect>& effects) {
    for (const Effect& e : effects) mark(set, e.variable);
  };
  for (const Scene& scene : story.scenes) {
    for (const Beat& beat : scene.beats) {
      mark_sets(beat.effects);
      if (!beat.moment) continue;
      for (const Gesture& g : beat.moment->gestures) mark_sets(g.effects);
    }
  }
  for (size_t v = 0; v < story.variables.size(); ++v) {
    const Variable& var = story.variables[v];
    if (set[v] && !read[v]) {
      diags.warning(src, var.at,
                    "variable '" + var.id + "' is set but never read by any condition or line",
                    Code::UnusedVariable);
    } else if (read[v] && !set[v]) {
      diags.warning(src, var.at,
                    "variable '" + var.id + "' is read but never set: it always stays " +
                        var.initial.to_text(),
                    Code::UnusedVariable);
    } else if (!read[v] && !set[v]) {
      diags.warning(src, var.at, "variable '" + var.id + "' is never set and never read",
                    Code::UnusedVariable);
    }
  }

  // Endings no end: names.
  std::vector<bool> ended(story.endings.size(), false);
  for (const Scene& scene : story.scenes) {
    for (const Beat& beat : scene.beats) {
      mark(ended, beat.target.ending());
      if (!beat.moment) continue;
      for (const Gesture& g : beat.moment->gestures) mark(ended, g.target.ending());
    }
  }
  for (size_t e = 0; e < story.endings.size(); ++e) {
    if (!ended[e]) {
      const Ending& ending = story.endings[e];
      diags.warning(src, ending.at, "ending '" + ending.id + "' is never reached: no end: names it",
                    Code::Unreachable);
    }
  }
  return summarize(story);
}

}  // namespace threshold::story
