// Converter: the scene's format, read from its YAML tree. See converter.h.
#include "converter.h"

#include <algorithm>
#include <array>
#include <cmath>

#include "ambience.h"
#include "keys.h"
#include "threshold/story/text_position.h"
#include "visual.h"

namespace threshold::story::load {

std::vector<std::string> Converter::misspelt_things(const PlaceData& place, const Scene& s) const {
  const std::vector<std::string> ids = thing_ids(s);
  std::vector<std::string> out;
  for (const auto& [name, at] : place.shape_things) {
    if (std::find(ids.begin(), ids.end(), name) != ids.end()) continue;
    std::string match = closest_match(name, ids);
    if (!match.empty()) out.push_back(std::move(match));
  }
  return out;
}

void Converter::lines(uint32_t i, std::vector<Line>& out) {
  if (node(i).is_seq()) {
    out.reserve(node(i).size);
    for_each_item(i, [&](uint32_t item) { line(item, out); });
  } else if (node(i).is_scalar()) {
    line(i, out);  // a single line needs no list
  } else {
    error(i, "'lines' must be a list of lines, " + got(i), Code::WrongShape);
  }
}

void Converter::warn_if_cut_by_comment(uint32_t i) {
  const YamlNode& n = node(i);
  if (!n.is_scalar() || n.style != YamlNode::Style::Plain || n.text.empty()) return;
  if (!file_has_comments_) {  // most scene files have none: no line is read back
    file_has_comments_ = report_.text().find(" #") != std::string_view::npos ? 1 : -1;
  }
  if (file_has_comments_ < 0) return;
  const LineReader lines = [&](int32_t k) { return std::string(report_.line_text(k)); };
  const SourcePos end = position_in_value(lines, value_pos(i), n.text, n.text.size());
  const std::string_view source = report_.line_text(end.line);
  size_t p = 0;  // the byte where column end.column begins
  for (int32_t c = 1; p < source.size() && c < end.column; ++c) {
    ++p;
    while (p < source.size() && (static_cast<unsigned char>(source[p]) & 0xC0) == 0x80) ++p;
  }
  if (source.compare(p, 2, " #") != 0) return;
  std::string comment(source.substr(p));
  while (comment.back() == ' ' || comment.back() == '\t') comment.pop_back();
  if (comment.size() > 40) {
    size_t cut = 36;
    while ((static_cast<unsigned char>(comment[cut]) & 0xC0) == 0x80) --cut;
    comment = comment.substr(0, cut) + "\xE2\x80\xA6";  // '…'
  }
  const std::string_view last = std::string_view(n.text).substr(n.text.find_last_of(" \n") + 1);
  report_.warning(end.line, end.column + 1,
                  "YAML reads '" + comment + "' as a comment, so the line ends at '" +
                      std::string(last) + "'; put the whole line in quotes to keep it",
                  Code::CommentInText);
}

void Converter::line(uint32_t i, std::vector<Line>& out) {
  const YamlNode& n = node(i);
  if (n.is_scalar()) {
    Line l;
    if (!n.quoted() && n.text == "pause") {
      l.linger = context_.pacing.default_pause;
      l.at = pos(i);
    } else {
      l.text.emplace();
      l.text->plain = context_.strings->intern(n.text);
      l.at = value_pos(i);
      warn_if_cut_by_comment(i);
    }
    out.push_back(std::move(l));
    return;
  }
  if (n.is_null()) {
    error(i, "empty line; write some text, or 'pause'", Code::EmptyValue);
    return;
  }
  if (n.is_seq()) {
    error(i, "a line must be text, 'pause', or a mapping (text:, pause:), not a list",
          Code::WrongShape);
    return;
  }
  auto f = fields(i, "line", line_keys::names, [&](const std::string& key) {
    std::optional<std::string> better;
    // `- Note: the stop is near.` is a mapping to YAML: one key, its value the rest.
    if (n.size == 2 && node(i + 2).is_scalar()) {
      better = "this line contains ': ', so YAML reads it as a key ('" + key +
               "'); put the whole line in quotes";
    }
    return better;
  });
  Line l;
  l.at = pos(i);
  bool ok = true;
  if (f[line_keys::text] != 0 && f[line_keys::pause] != 0) {
    error(key_of(f[line_keys::pause]), "a line has either 'text' or 'pause', not both",
          Code::ConflictingKeys);
    ok = false;
  } else if (f[line_keys::text] != 0) {
    uint32_t t = f[line_keys::text];
    if (std::optional<std::string> s = text(t, "text")) {
      l.text.emplace();
      l.text->plain = context_.strings->intern(*s);
      l.at = value_pos(t);
      warn_if_cut_by_comment(t);
    } else {
      ok = false;
    }
    if (uint32_t v = f[line_keys::linger]) {
      if (std::optional<double> d = duration(v, "linger")) {
        l.linger = *d;
      } else {
        ok = false;
      }
    }
  } else if (uint32_t p = f[line_keys::pause]) {
    if (node(p).is_null()) {
      l.linger = context_.pacing.default_pause;
    } else if (std::optional<double> d = duration(p, "pause")) {
      l.linger = *d;
    } else {
      ok = false;
    }
    if (uint32_t v = f[line_keys::linger]) {
      error(key_of(v), "a pause has no 'linger'; its length is its own value, as in 'pause: 2'",
            Code::ConflictingKeys);
      ok = false;
    }
  } else {
    if (f.unknown == 0) error(i, "a line needs 'text' (or 'pause')", Code::MissingKey);
    ok = false;
  }
  if (uint32_t c = f[line_keys::if_]) {
    l.condition = condition(c, "if", "courage >= 2 and not day == 1", context_.strings);
    if (!l.condition) ok = false;
  }
  if (ok) out.push_back(std::move(l));
}

void Converter::target(uint32_t then_v, uint32_t go_v, uint32_t end_v, int32_t beat,
                       int32_t gesture, Target& out) {
  std::array<std::pair<uint32_t, const char*>, 3> keys = {
      {{then_v, "then"}, {go_v, "go"}, {end_v, "end"}}};
  const char* first = nullptr;
  for (auto [v, name] : keys) {
    if (v == 0) continue;
    if (first != nullptr) {
      error(key_of(v),
            std::string("'") + first + "' and '" + name + "' both say where to go next; keep one",
            Code::ConflictingKeys);
      return;
    }
    first = name;
  }
  if (then_v != 0) {
    if (id(then_v, "then", "beat id")) {
      out.at = value_pos(then_v);
      pending_then.push_back({beat, gesture, then_v});
    }
  } else if (go_v != 0) {
    if (std::optional<std::string> s = id(go_v, "go", "scene id")) {
      out.at = value_pos(go_v);
      scene_refs.push_back({beat, gesture, std::move(*s), value_pos(go_v)});
    }
  } else if (end_v != 0) {
    if (std::optional<std::string> s = id(end_v, "end", "ending id")) {
      out.at = value_pos(end_v);
      if (context_.endings_known) {
        auto it = std::find(context_.endings.begin(), context_.endings.end(), *s);
        if (it != context_.endings.end()) {
          out.set_ending(static_cast<EndingId>(it - context_.endings.begin()));
        } else if (context_.endings.empty()) {
          error(end_v,
                "unknown ending '" + *s +
                    "'; the story has no endings yet: declare them under 'endings:' in "
                    "story.yaml",
                Code::UnknownEnding);
        } else {
          error(end_v,
                "unknown ending '" + *s + "'" +
                    YamlReader::suggestion(*s, context_.endings, "the endings are"),
                Code::UnknownEnding);
        }
      }
    }
  }
}

std::optional<Scene> Converter::scene(uint32_t root) {
  if (!node(root).is_map()) {
    error(root, "a scene file must be a mapping of keys (scene:, beats:, ...), " + got(root),
          Code::WrongShape);
    return std::nullopt;
  }
  auto f = fields(root, "scene", scene_keys::names);
  Scene s;
  s.file = file_;
  s.at = pos(root);
  if (uint32_t v = f[scene_keys::scene]) {
    if (std::optional<std::string> sid = id(v, "scene", "scene id")) {
      s.id = std::move(*sid);
      s.at = value_pos(v);
    }
  } else if (!f.misspelt("scene")) {
    error(root, "missing 'scene:', the scene's id (for example 'scene: kitchen_morning')",
          Code::MissingKey);
  }
  if (uint32_t v = f[scene_keys::place]) {
    if (std::optional<std::string> p = id(v, "place", "place")) s.place = std::move(*p);
  }
  if (uint32_t v = f[scene_keys::time]) time_of_day(v, s);
  if (uint32_t v = f[scene_keys::day]) {
    std::optional<double> d = number(v, "day", "");
    if (d && (*d < 1 || *d != std::floor(*d) || *d > 1e6)) {
      error(
          v,
          "'day' must be a whole number from 1 to 1000000, got " + YamlReader::quote(node(v).text),
          Code::OutOfRange);
    } else if (d) {
      s.day = static_cast<int32_t>(*d);
    }
  }
  if (uint32_t v = f[scene_keys::things]) things(v, s);
  if (uint32_t v = f[scene_keys::beats]) {
    beats(v, s);
  } else if (!f.misspelt("beats")) {
    error(root, "missing 'beats:', the list of the scene's beats", Code::MissingKey);
  }
  const PlaceData* place = s.place.empty() ? nullptr : context_.find_place(s.place);
  // Last: its shapes name the things, and it checks that acted-on things have a place.
  uint32_t own_visual = f[scene_keys::visual];
  if (place != nullptr && place->visual != 0) {
    FileReporter place_report(place->path, place->text);
    if (load_place_visual(place->tree, place->visual, place_report, place->file, context_.roots,
                          VisualSource::Place, s)) {
      const YamlNode& n = place->tree.nodes[place->visual];
      s.visual_at = {place->file, n.line, n.column};
    }
    keep_place_diagnostics(place_report, s, f[scene_keys::place]);
    const std::vector<std::string> misspelt = misspelt_things(*place, s);
    if (own_visual != 0) {
      if (load_place_visual(tree_, own_visual, report_, file_, context_.roots,
                            VisualSource::OverPlace, s, misspelt)) {
        s.visual_at = pos(own_visual);
      }
    } else {
      warn_unplaced_things(report_, s, misspelt);
    }
  } else if (own_visual != 0) {
    if (load_visual(tree_, own_visual, report_, file_, context_.roots, s)) {
      s.visual_at = pos(own_visual);
    }
  }
  // After the visual: `at: thing` sounds from where the thing is drawn.
  uint32_t own_ambience = f[scene_keys::ambience];
  if (place != nullptr && place->ambience != 0) {
    FileReporter place_report(place->path, place->text);
    if (load_ambience(place->tree, place->ambience, place_report, place->file, context_.roots,
                      AmbienceSource::Place, s)) {
      const YamlNode& n = place->tree.nodes[place->ambience];
      s.ambience_at = {place->file, n.line, n.column};
    }
    keep_place_diagnostics(place_report, s, f[scene_keys::place]);
    if (own_ambience != 0 && load_ambience(tree_, own_ambience, report_, file_, context_.roots,
                                           AmbienceSource::OverPlace, s)) {
      s.ambience_at = pos(own_ambience);
    }
  } else if (own_ambience != 0 && load_ambience(tree_, own_ambience, report_, file_, context_.roots,
                                                AmbienceSource::Own, s)) {
    s.ambience_at = pos(own_ambience);
  }
  return s;
}

void Converter::keep_place_diagnostics(FileReporter& place_report, const Scene& s,
                                       uint32_t place_node) {
  if (place_report.diagnostics().empty()) return;
  for (Diagnostic& d : place_report.diagnostics()) place_diagnostics.push_back(std::move(d));
  if (place_report.error_count() == 0) return;
  FileReporter here(report_.path(), report_.text());
  here.note(node(place_node).value_line, node(place_node).value_column,
            "read for scene '" + s.id + "', which is at place '" + s.place + "'");
  for (Diagnostic& d : here.diagnostics()) place_diagnostics.push_back(std::move(d));
}

void Converter::time_of_day(uint32_t v, Scene& s) {
  static const std::vector<std::string> names = names_of(kTimeOfDayNames);
  std::optional<std::string> t = text(v, "time");
  if (!t) return;
  if (std::optional<TimeOfDay> time = parse_name(kTimeOfDayNames, *t)) {
    s.time = *time;
    return;
  }
  std::string match = closest_match(*t, names);
  if (!match.empty()) {
    error(v, "unknown time of day '" + *t + "'; did you mean '" + match + "'?",
          Code::UnknownChoice);
  } else {
    error(v, "unknown time of day '" + *t + "'; the times are " + YamlReader::join(names),
          Code::UnknownChoice);
  }
}

void Converter::things(uint32_t v, Scene& s) {
  if (!expect_map(v, "'things'")) return;
  s.things.reserve(node(v).size / 2);
  for_each_entry(v, [&](uint32_t key, uint32_t value) {
    std::optional<std::string> tid = id(key, "things", "thing id");
    if (!tid) return;
    Thing t;
    t.id = std::move(*tid);
    t.at = pos(key);
    if (node(value).is_map()) {
      auto f = fields(value, "thing", thing_keys::names);
      if (uint32_t n = f[thing_keys::name]) {
        if (std::optional<std::string> name = text(n, "name")) t.name = std::move(*name);
      } else if (!f.misspelt("name")) {
        error(value,
              "thing '" + t.id + "' needs a 'name' (how the game speaks of it: 'the " + t.id + "')",
              Code::MissingKey);
      }
      if (uint32_t a = f[thing_keys::area]) load_area(tree_, a, report_, t.area);
    } else if (node(value).is_scalar()) {
      t.name = node(value).text;
    } else {
      error(key, "thing '" + t.id + "' needs a name, as in '" + t.id + ": the " + t.id + "'",
            Code::MissingKey);
    }
    s.things.push_back(std::move(t));
  });
}

std::vector<std::string> Converter::thing_ids(const Scene& s) const {
  std::vector<std::string> ids;
  for (const Thing& t : s.things) ids.push_back(t.id);
  return ids;
}

void Converter::beats(uint32_t v, Scene& s) {
  if (!node(v).is_seq()) {
    error(v, "'beats' must be a list of beats (each line starting with '- id:'), " + got(v),
          Code::WrongShape);
    return;
  }
  if (node(v).size == 0) {
    error(v, "scene has no beats; add at least one", Code::MissingKey);
    return;
  }
  s.beats.reserve(node(v).size);
  std::vector<uint32_t> id_nodes;  // where each beat's id was written, for duplicates
  for_each_item(v, [&](uint32_t item) {
    if (!expect_map(item, "a beat")) return;
    auto b = beat(item, s, static_cast<int32_t>(s.beats.size()));
    if (!b.first) return;
    if (b.second != 0) {
      for (size_t k = 0; k < s.beats.size(); ++k) {
        if (s.beats[k].id == b.first->id) {
          error(b.second,
                "duplicate beat id '" + b.first->id + "' in this scene (the first is on line " +
                    std::to_string(node(id_nodes[k]).line) + ")",
                Code::DuplicateId);
          note(id_nodes[k], "the first beat '" + b.first->id + "' is here");
          break;
        }
      }
    }
    id_nodes.push_back(b.second);
    s.beats.push_back(std::move(*b.first));
  });
  // `then:` targets, now that every beat of the scene is known.
  std::vector<std::string> beat_names;
  for (const Beat& b : s.beats) beat_names.push_back(b.id);
  for (const PendingThen& p : pending_then) {
    const std::string& name = node(p.node).text;
    auto it = std::find(beat_names.begin(), beat_names.end(), name);
    if (it == beat_names.end()) {
      error(p.node,
            "unknown beat '" + name + "' in this scene" +
                YamlReader::suggestion(name, beat_names, "the beats are"),
            Code::UnknownBeat);
      continue;
    }
    if (p.beat < 0 || static_cast<size_t>(p.beat) >= s.beats.size()) continue;
    Beat& b = s.beats[static_cast<size_t>(p.beat)];
    Target* t = &b.target;
    if (p.gesture >= 0) {
      if (!b.moment || static_cast<size_t>(p.gesture) >= b.moment->gestures.size()) continue;
      t = &b.moment->gestures[static_cast<size_t>(p.gesture)].target;
    }
    t->set_beat(static_cast<BeatId>(it - beat_names.begin()));
  }
}

std::pair<std::optional<Beat>, uint32_t> Converter::beat(uint32_t item, const Scene& s,
                                                         int32_t index) {
  auto f = fields(item, "beat", beat_keys::names);
  Beat b;
  b.at = pos(item);
  uint32_t id_node = 0;
  if (uint32_t v = f[beat_keys::id]) {
    if (std::optional<std::string> bid = id(v, "id", "beat id")) {
      b.id = std::move(*bid);
      id_node = v;
    } else {
      return {std::nullopt, 0};
    }
  } else {
    if (!f.misspelt("id"))
      error(item, "beat needs an 'id' (a word, unique in this scene)", Code::MissingKey);
    return {std::nullopt, 0};
  }
  if (uint32_t v = f[beat_keys::set]) effects(v, *context_.strings, b.effects);
  if (uint32_t v = f[beat_keys::lines]) lines(v, b.lines);
  bool has_target = f[beat_keys::then] || f[beat_keys::go] || f[beat_keys::end];
  if (uint32_t v = f[beat_keys::moment]) {
    if (has_target) {
      uint32_t t = f[beat_keys::then] ? f[beat_keys::then]
                   : f[beat_keys::go] ? f[beat_keys::go]
                                      : f[beat_keys::end];
      error(key_of(t),
            "beat '" + b.id + "' has a moment, so its gestures say where to go; '" +
                node(key_of(t)).text + "' belongs on a gesture",
            Code::ConflictingKeys);
    }
    b.moment = moment(v, s, index);
  } else if (has_target) {
    target(f[beat_keys::then], f[beat_keys::go], f[beat_keys::end], index, -1, b.target);
  }
  return {std::move(b), id_node};
}

std::optional<Moment> Converter::moment(uint32_t v, const Scene& s, int32_t beat_index) {
  if (!expect_map(v, "'moment'")) return std::nullopt;
  auto f = fields(v, "moment", moment_keys::names);
  Moment m;
  m.at = pos(v);
  uint32_t g = f[moment_keys::gestures];
  if (g == 0) {
    if (!f.misspelt("gestures")) {
      error(v, "moment needs 'gestures:', the list of what the player can do", Code::MissingKey);
    }
    return m;
  }
  if (!node(g).is_seq()) {
    error(g, "'gestures' must be a list of gestures, " + got(g), Code::WrongShape);
    return m;
  }
  if (node(g).size == 0) {
    error(g, "a moment needs at least one gesture", Code::MissingKey);
    return m;
  }
  m.gestures.reserve(node(g).size);
  std::vector<uint32_t> id_nodes;
  for_each_item(g, [&](uint32_t item) {
    if (!expect_map(item, "a gesture")) return;
    auto [gesture_value, id_node] =
        gesture(item, s, m, beat_index, static_cast<int32_t>(m.gestures.size()));
    if (!gesture_value) return;
    for (size_t k = 0; k < m.gestures.size(); ++k) {
      if (m.gestures[k].id == gesture_value->id) {
        error(id_node,
              "duplicate gesture id '" + gesture_value->id +
                  "' in this moment (the first is on line " +
                  std::to_string(node(id_nodes[k]).line) + ")",
              Code::DuplicateId);
        note(id_nodes[k], "the first gesture '" + gesture_value->id + "' is here");
        break;
      }
    }
    id_nodes.push_back(id_node);
    m.gestures.push_back(std::move(*gesture_value));
  });
  return m;
}

std::pair<std::optional<Gesture>, uint32_t> Converter::gesture(uint32_t item, const Scene& s,
                                                               Moment& m, int32_t beat_index,
                                                               int32_t index) {
  namespace gk = gesture_keys;
  auto f = fields(item, "gesture", gk::names);
  Gesture g;
  g.at = pos(item);
  uint32_t id_node = f[gk::id];
  if (id_node == 0) {
    if (!f.misspelt("id"))
      error(item, "gesture needs an 'id' (a word, unique in this moment)", Code::MissingKey);
    return {std::nullopt, 0};
  }
  std::optional<std::string> gid = id(id_node, "id", "gesture id");
  if (!gid) return {std::nullopt, 0};
  g.id = std::move(*gid);

  // Exactly one kind key.
  uint32_t kind_node = 0;
  bool kind_ok = true;
  for (const Name<GestureKind>& row : kGestureKindNames) {
    const GestureKind kind = row.value;
    uint32_t v = f[static_cast<size_t>(std::find(gk::names.begin(), gk::names.end(), row.name) -
                                       gk::names.begin())];
    if (v == 0) continue;
    if (kind_node != 0) {
      // Name them in the order they were written; point at the second.
      uint32_t first = std::min(kind_node, v), second = std::max(kind_node, v);
      error(key_of(second),
            "gesture '" + g.id + "' has two kinds, '" + node(key_of(first)).text + "' and '" +
                node(key_of(second)).text + "'; a gesture is exactly one",
            Code::ConflictingKeys);
      kind_ok = false;
      break;
    }
    kind_node = v;
    g.kind = kind;
  }
  if (kind_node == 0) {
    bool misspelt = false;
    for (const Name<GestureKind>& row : kGestureKindNames) {
      misspelt = misspelt || f.misspelt(row.name);
    }
    if (!misspelt) {
      error(item,
            "gesture '" + g.id +
                "' has no kind; give it one of wait, hold, hesitate, look, touch, "
                "push, pull, turn_away",
            Code::MissingKey);
    }
    kind_ok = false;
  }
  if (kind_ok) {
    switch (g.kind) {
      case GestureKind::Wait:
        if (std::optional<double> d = duration(kind_node, "wait")) {
          g.seconds = *d;
        }
        break;
      case GestureKind::TurnAway: {
        const YamlNode& n = node(kind_node);
        if (!(n.is_scalar() && !n.quoted() && YamlReader::parse_bool(n.text) == true)) {
          error(kind_node,
                "write 'turn_away: true' (it takes no thing: the player turns away "
                "from everything offered), " +
                    got(kind_node),
                Code::NotABoolean);
        }
        break;
      }
      default:
        thing_ref(kind_node, s, g);
        break;
    }
    bool timed = g.kind == GestureKind::Hold || g.kind == GestureKind::Look;
    if (uint32_t v = f[gk::seconds]) {
      if (timed) {
        if (std::optional<double> d = duration(v, "seconds")) g.seconds = *d;
      } else if (g.kind == GestureKind::Wait) {
        error(key_of(v), "a wait's length is its own value ('wait: 8'); it takes no 'seconds'",
              Code::ConflictingKeys);
      } else {
        error(
            key_of(v),
            std::string("'seconds' belongs to hold and look, not to ") + gesture_kind_name(g.kind),
            Code::ConflictingKeys);
      }
    } else if (timed && !f.misspelt("seconds")) {
      error(item,
            std::string("gesture '") + g.id + "' needs 'seconds': how long the " +
                gesture_kind_name(g.kind) + " lasts",
            Code::MissingKey);
    }
    drag_distance(f[gk::distance], g);
  }
  if (uint32_t v = f[gk::if_]) g.condition = condition(v, "if", "courage > 2", context_.strings);
  if (uint32_t v = f[gk::set]) effects(v, *context_.strings, g.effects);
  if (uint32_t v = f[gk::lines]) lines(v, g.lines);
  if (uint32_t v = f[gk::stay]) {
    if (std::optional<bool> b = boolean(v, "stay")) g.stay = *b;
  }
  if (uint32_t v = f[gk::hint]) {
    std::optional<std::string> h = text(v, "hint");
    if (h && h->find_first_not_of(" \t") == std::string::npos) {
      error(v, "'hint' is empty; write the words a player is shown, or leave it out",
            Code::EmptyValue);
    } else if (h) {
      if (m.hints.size() >= UINT16_MAX - 1) {
        error(key_of(v), "a moment can have at most 65,534 hints", Code::OutOfRange);
      } else {
        m.hints.push_back(std::move(*h));
        g.hint = static_cast<uint16_t>(m.hints.size());
      }
    }
  }
  uint32_t then_v = f[gk::then], go_v = f[gk::go], end_v = f[gk::end];
  if (g.stay && (then_v || go_v || end_v)) {
    uint32_t t = then_v ? then_v : go_v ? go_v : end_v;
    error(key_of(t),
          "gesture '" + g.id + "' has 'stay: true', so it leads nowhere; '" + node(key_of(t)).text +
              "' cannot be used with it",
          Code::ConflictingKeys);
  } else {
    target(then_v, go_v, end_v, beat_index, index, g.target);
  }
  return {std::move(g), id_node};
}

void Converter::drag_distance(uint32_t v, Gesture& g) {
  const bool drag = g.kind == GestureKind::Push || g.kind == GestureKind::Pull;
  if (drag) g.distance = kDefaultDragDistance;
  if (v == 0) return;
  if (!drag) {
    error(key_of(v),
          std::string("'distance' belongs to push and pull, not to ") + gesture_kind_name(g.kind),
          Code::ConflictingKeys);
    return;
  }
  std::optional<double> d = positive(v, "distance", "frame pixels");
  if (!d) return;
  if (*d > kFrameHeight) {
    error(v,
          "'distance' must be at most " + std::to_string(static_cast<int>(kFrameHeight)) +
              " frame pixels (the frame's height: a hand cannot move further), got " + node(v).text,
          Code::OutOfRange);
    return;
  }
  g.distance = *d;
}

void Converter::thing_ref(uint32_t v, const Scene& s, Gesture& g) {
  std::optional<std::string> name = id(v, gesture_kind_name(g.kind), "thing");
  if (!name) return;
  ThingId t = s.find_thing(*name);
  if (t != kNone) {
    g.thing = t;
    return;
  }
  if (s.things.empty()) {
    error(v,
          "unknown thing '" + *name +
              "'; this scene has no things: declare them under 'things:' (as in '" + *name +
              ": the " + *name + "')",
          Code::UnknownThing);
  } else {
    error(v,
          "unknown thing '" + *name + "' in this scene" +
              YamlReader::suggestion(*name, thing_ids(s), "its things are"),
          Code::UnknownThing);
  }
}

}  // namespace threshold::story::load
