// Linking: the scene files' scenes merged in file order, what crosses files resolved (scene
// ids, go: targets, the start scene, the things a place's shapes name), and every expression,
// text and effect compiled against the complete symbol table. Expressions are compiled here, not
// while a file is converted, because `visits(scene)` may name a scene defined in a file not read
// yet: until then the model holds them as placeholders (an Expr / Effect / Text with its source
// in `plain`, and Line::at the position of the text). See stages.h.
#include "stages.h"
#include "threshold/story/checker.h"

namespace threshold::story::load {

namespace {

std::string unknown_scene_message(const std::string& name, const std::vector<std::string>& ids) {
  return "unknown scene '" + name + "'" + YamlReader::suggestion(name, ids, "the scenes are");
}

// A scene whose `scene:` id no reference names, while two or more references name an id no
// scene has that is close to it, is one misspelt id: reported once, at the `scene:` (with the first
// reference), and then read as the id the references use, so neither they nor visits() cascade.
void recover_misspelt_scene_ids(Story& story, const std::vector<std::vector<SceneRef>>& refs,
                                const Manifest& manifest,
                                std::unordered_map<std::string, SceneId>& scene_ids,
                                Diagnostics& diags) {
  // Most stories name no unknown scene: then nothing is built (loading peaks about here).
  bool any_unknown = manifest.has_start && scene_ids.count(manifest.start) == 0;
  for (const std::vector<SceneRef>& in_scene : refs) {
    for (const SceneRef& r : in_scene) any_unknown = any_unknown || scene_ids.count(r.name) == 0;
  }
  if (!any_unknown) return;
  struct Named {
    size_t count = 0;
    SourcePos first;
  };
  std::unordered_map<std::string, Named> named;  // every name a go: or the start gives
  std::vector<std::string> unknown;              // those no scene has, in first-seen order
  auto add = [&](const std::string& name, SourcePos at) {
    Named& n = named[name];
    if (n.count++ == 0) {
      n.first = at;
      if (scene_ids.count(name) == 0) unknown.push_back(name);
    }
  };
  if (manifest.has_start) add(manifest.start, manifest.start_at);
  for (const std::vector<SceneRef>& in_scene : refs) {
    for (const SceneRef& r : in_scene) add(r.name, r.at);
  }
  if (unknown.empty()) return;
  std::vector<std::string> unnamed;  // scenes nothing names
  for (const Scene& sc : story.scenes) {
    if (!sc.id.empty() && named.count(sc.id) == 0) unnamed.push_back(sc.id);
  }
  for (const std::string& name : unknown) {
    // One reference against one id could be either's mistake: it is reported at the reference.
    if (named[name].count < 2) continue;
    std::string match = closest_match(name, unnamed);
    if (match.empty()) continue;
    unnamed.erase(std::find(unnamed.begin(), unnamed.end(), match));
    auto it = scene_ids.find(match);
    const SceneId id = it->second;
    scene_ids.erase(it);
    scene_ids.emplace(name, id);
    Scene& scene = story.scene(id);
    const Named& n = named[name];
    diags.error(story.sources, scene.at,
                "no go: or start: names scene '" + match + "', but " + std::to_string(n.count) +
                    " name '" + name + "'; did you mean 'scene: " + name + "'?",
                Code::UnknownScene);
    diags.add(story.sources, n.first, Severity::Note,
              "the first reference to '" + name + "' is here");
    scene.id = name;
  }
}

}  // namespace

Linked merge_scenes(std::vector<SceneFile>& files, const StoryFiles& listed, Story& story,
                    StoryContext& context, Diagnostics& diags) {
  Linked linked;
  std::vector<std::vector<SceneRef>>& refs = linked.refs;
  std::unordered_map<std::string, SceneId>& scene_ids = linked.scene_ids;
  std::vector<std::string>& salvaged = linked.salvaged;
  bool& scene_ids_incomplete = linked.scene_ids_incomplete;
  scene_ids_incomplete = files.empty();
  linked.scenes_listed = listed.scenes.unlisted.empty() && !files.empty();
  const bool scenes_listed = linked.scenes_listed;
  size_t kept = 0;  // scenes merged so far: story.scenes[0, kept)
  auto& place_diags_seen = linked.place_diags_seen;
  for (size_t i = 0; i < files.size(); ++i) {
    SceneFile& sf = files[i];
    for (Diagnostic& d : sf.diagnostics) {
      // Every gesture, layer or sound on a thing its scene lacks repeats one mistake, in the
      // same words: one error (Diagnostics::error_once).
      if (d.code == Code::UnknownThing && d.severity == Severity::Error) {
        std::string key = "thing " + d.file + " " + d.message;  // before d is moved from
        diags.add_once(std::move(d), std::move(key), " in this scene");
      } else {
        diags.add(std::move(d));
      }
    }
    diags.count_more_errors(sf.more_errors);
    // A note (which scene it was read for) is kept when what it follows was.
    bool kept_last = false;
    for (Diagnostic& d : sf.place_diagnostics) {
      if (d.severity == Severity::Note) {
        if (kept_last) diags.add(std::move(d));
        continue;
      }
      kept_last = place_diags_seen.emplace(d.file, d.line, d.column, d.message).second;
      if (kept_last) diags.add(std::move(d));
    }
    if (!sf.has_scene) {
      if (sf.salvaged_id.empty()) {
        scene_ids_incomplete = true;
      } else {
        salvaged.push_back(std::move(sf.salvaged_id));
      }
      continue;
    }
    if (kept != i) story.scenes[kept] = std::move(story.scenes[i]);
    Scene& scene = story.scenes[kept];
    if (!scene.id.empty()) {
      auto [it, inserted] = scene_ids.emplace(scene.id, static_cast<SceneId>(kept));
      if (!inserted) {
        const Scene& first = story.scene(it->second);
        diags.error(story.sources, scene.at,
                    "duplicate scene id '" + scene.id + "' (the first is in " +
                        story.sources.path(first.file) + ")",
                    Code::DuplicateId);
        diags.add(story.sources, first.at, Severity::Note,
                  "the first scene '" + scene.id + "' is here");
      }
    }
    ++kept;
    refs.push_back(std::move(sf.refs));
    sf = SceneFile{};
  }
  // A place file no scene names is most likely a scene's misspelt `place:`. (Not said while a
  // scene file could not be read: its scene may be the one.)
  if (kept == files.size() && scenes_listed) {
    for (const PlaceData& p : context.places) {
      bool used = std::any_of(story.scenes.begin(),
                              story.scenes.begin() + static_cast<std::ptrdiff_t>(kept),
                              [&](const Scene& sc) { return sc.place == p.id; });
      if (!used) {
        diags.warning(story.sources, p.at,
                      "place '" + p.id + "' is used by no scene (none says 'place: " + p.id + "')",
                      Code::UnusedPlace);
      }
    }
  }
  // A thing a place's shape names that no scene at the place declares, close to one they do,
  // is a misspelling (one error per place, at the first).
  for (const PlaceData& p : context.places) {
    if (p.shape_things.empty() || kept != files.size() || !scenes_listed) continue;
    std::vector<std::string> declared;
    for (size_t si = 0; si < kept; ++si) {
      if (story.scenes[si].place != p.id) continue;
      for (const Thing& t : story.scenes[si].things) {
        if (std::find(declared.begin(), declared.end(), t.id) == declared.end()) {
          declared.push_back(t.id);
        }
      }
    }
    if (declared.empty()) continue;
    for (const auto& [name, at] : p.shape_things) {
      if (std::find(declared.begin(), declared.end(), name) != declared.end()) continue;
      if (closest_match(name, declared).empty()) continue;  // a shape kept for another story
      diags.error(story.sources, at,
                  "unknown thing '" + name + "': no scene at place '" + p.id + "' has it" +
                      YamlReader::suggestion(name, declared, "their things are"),
                  Code::UnknownThing);
      break;
    }
  }
  for (const PlaceData& p : context.places) linked.place_paths.insert(p.path);
  context.places.clear();  // the trees and texts are not needed any more
  files.clear();
  files.shrink_to_fit();
  if (kept < story.scenes.size()) {
    story.scenes.resize(kept);
    story.scenes.shrink_to_fit();
  }
  return linked;
}

void resolve_references(Linked& linked, const Manifest& manifest, Story& story,
                        Diagnostics& diags) {
  std::vector<std::vector<SceneRef>>& refs = linked.refs;
  const bool scene_ids_incomplete = linked.scene_ids_incomplete;
  if (!scene_ids_incomplete) {
    recover_misspelt_scene_ids(story, refs, manifest, linked.scene_ids, diags);
  }

  story.symbols.scenes.reserve(story.scenes.size() + linked.salvaged.size());
  story.symbols.scenes_at.reserve(story.scenes.size() + linked.salvaged.size());
  for (const Scene& s : story.scenes) {
    story.symbols.scenes.push_back(s.id);
    story.symbols.scenes_at.push_back(s.at);
  }
  std::vector<std::string> real_ids = story.symbols.scenes;
  // Salvaged ids of unparsable files keep references to them quiet; the story has errors anyway.
  for (std::string& id : linked.salvaged) {
    story.symbols.scenes.push_back(std::move(id));
    story.symbols.scenes_at.emplace_back();
  }
  story.symbols.index_scenes();
  // Each scene's gesture ids, for chose(); salvaged scenes have none.
  story.symbols.gestures.assign(story.symbols.scenes.size(), {});
  for (size_t si = 0; si < story.scenes.size(); ++si) {
    std::vector<std::string>& ids = story.symbols.gestures[si];
    for (const Beat& b : story.scenes[si].beats) {
      if (!b.moment) continue;
      for (const Gesture& g : b.moment->gestures) {
        if (std::find(ids.begin(), ids.end(), g.id) == ids.end()) ids.push_back(g.id);
      }
    }
  }
  story.symbols.index_gestures();

  if (manifest.has_start) {
    story.start = story.symbols.find_scene(manifest.start);
    if (story.start < 0 && !scene_ids_incomplete) {
      diags.error(story.sources, manifest.start_at,
                  "unknown start scene '" + manifest.start + "'" +
                      YamlReader::suggestion(manifest.start, real_ids, "the scenes are"),
                  Code::UnknownScene);
    } else if (static_cast<size_t>(story.start) >= story.scenes.size()) {
      story.start = kNone;
    }
  }
  for (size_t si = 0; si < story.scenes.size(); ++si) {
    Scene& scene = story.scenes[si];
    for (const SceneRef& r : refs[si]) {
      SceneId target = story.symbols.find_scene(r.name);
      if (target < 0) {
        if (!scene_ids_incomplete) {
          const bool is_beat = std::any_of(scene.beats.begin(), scene.beats.end(),
                                           [&](const Beat& b) { return b.id == r.name; });
          diags.error(story.sources, r.at,
                      is_beat ? "unknown scene '" + r.name + "'; '" + r.name +
                                    "' is a beat of this scene: 'go:' goes to a scene, "
                                    "'then:' to a beat; write 'then: " +
                                    r.name + "'"
                              : unknown_scene_message(r.name, real_ids),
                      Code::UnknownScene);
          // As for visits(): where the scene it suggests is declared, in case that is the typo.
          const SceneId close =
              is_beat ? kNone : story.symbols.find_scene(closest_match(r.name, real_ids));
          if (close >= 0 && static_cast<size_t>(close) < story.symbols.scenes_at.size() &&
              story.symbols.scenes_at[static_cast<size_t>(close)].line > 0) {
            diags.add(story.sources, story.symbols.scenes_at[static_cast<size_t>(close)],
                      Severity::Note,
                      "'" + story.scene(close).id + "' is declared here; if '" + r.name +
                          "' is the name you meant, correct it here");
          }
        }
        continue;
      }
      if (r.beat < 0 || static_cast<size_t>(r.beat) >= scene.beats.size()) continue;
      Beat& b = scene.beats[static_cast<size_t>(r.beat)];
      Target* t = &b.target;
      if (r.gesture >= 0) {
        if (!b.moment || static_cast<size_t>(r.gesture) >= b.moment->gestures.size()) continue;
        t = &b.moment->gestures[static_cast<size_t>(r.gesture)].target;
      }
      t->set_scene(target);
    }
  }
  refs.clear();
}

void compile_story(Linked& linked, const StoryContext& context, const LoadOptions& options,
                   Story& story, Diagnostics& diags) {
  const std::set<std::string>& place_paths = linked.place_paths;
  auto& place_diags_seen = linked.place_diags_seen;
  // Scenes in parallel; each worker collects its own diagnostics, merged in scene order.
  if (context.endings_known && linked.scenes_listed) {
    for (Ending& e : story.endings) {
      compile_lines(e.epilogue, story, diags);
      compile_lines(e.reflection, story, diags);
    }
    unsigned workers =
        options.threads == 0 ? std::max(1u, std::thread::hardware_concurrency()) : options.threads;
    size_t chunks = std::min<size_t>(story.scenes.size(), static_cast<size_t>(workers) * 4);
    std::vector<Diagnostics> chunk_diags(chunks);
    parallel_for(chunks, workers, [&](size_t c) {
      size_t begin = story.scenes.size() * c / chunks;
      size_t end = story.scenes.size() * (c + 1) / chunks;
      for (size_t i = begin; i < end; ++i) {
        compile_scene(story.scenes[i], static_cast<SceneId>(i), story, chunk_diags[c]);
      }
    });
    for (Diagnostics& d : chunk_diags) {
      diags.count_more_errors(d.more_errors());
      diags.count_more_warnings(d.more_warnings());
      bool kept_last = false;  // a note goes with what it follows
      for (const Diagnostic& item : d.items()) {
        if (item.severity != Severity::Note) {
          kept_last =
              place_paths.count(item.file) == 0 ||
              place_diags_seen.emplace(item.file, item.line, item.column, item.message).second;
        }
        if (kept_last) diags.add(item);
      }
      diags.merge_uses(d);  // the uses of names reported once (Diagnostics::error_once)
    }
  }
}

}  // namespace threshold::story::load
