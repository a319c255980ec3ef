// The JSON Schemas an editor checks story files against (data/schema/*.json, for the
// yaml-language-server) name exactly the keys the loader reads and the names its tables accept:
// a key added to the loader and not to the schema would be flagged red in a writer's editor,
// and a key the schema offers that the loader does not know is an error at load time.
#include <gtest/gtest.h>
#include <json/json.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <vector>

#include "engine/story/load/keys.h"
#include "threshold/story/names.h"

namespace threshold::story {
namespace {

namespace fs = std::filesystem;
using Keys = std::set<std::string>;

Json::Value read_schema(const std::string& name) {
  std::ifstream in(std::string(THRESHOLD_DATA_DIR) + "/schema/" + name);
  Json::Value root;
  Json::CharReaderBuilder builder;
  std::string errors;
  EXPECT_TRUE(Json::parseFromStream(builder, in, &root, &errors)) << name << ": " << errors;
  return root;
}

Keys properties(const Json::Value& object) {
  Keys out;
  for (const std::string& k : object["properties"].getMemberNames()) out.insert(k);
  return out;
}

template <size_t N>
Keys keys(const KeyTable<N>& table, std::initializer_list<std::string> more = {}) {
  Keys out(table.begin(), table.end());
  out.insert(more.begin(), more.end());
  return out;
}

std::vector<std::string> strings(const Json::Value& list) {
  std::vector<std::string> out;
  for (const Json::Value& v : list) out.push_back(v.asString());
  return out;
}

// The object alternative of a definition that is a string or an object (`thing`, `variable`).
const Json::Value& object_of(const Json::Value& def) {
  for (const Json::Value& alt : def["oneOf"]) {
    if (alt["type"].asString() == "object") return alt;
  }
  return def;
}

TEST(SchemaKeys, StoryYamlsSchemaNamesTheManifestsKeys) {
  using namespace load;
  const Json::Value story = read_schema("story.schema.json");
  const Json::Value& defs = story["definitions"];
  EXPECT_EQ(properties(story), keys(story_keys::names));
  EXPECT_EQ(properties(story["properties"]["pacing"]), keys(pacing_keys::names));
  EXPECT_EQ(properties(defs["variable_long"]), keys(variable_keys::names));
  EXPECT_EQ(properties(defs["ending"]), keys(ending_keys::names));
  Keys line = properties(defs["text_line"]);
  line.merge(properties(defs["pause_line"]));
  EXPECT_EQ(line, keys(line_keys::names));
}

TEST(SchemaKeys, ThePlaceFilesSchemaNamesAPlacesKeys) {
  EXPECT_EQ(properties(read_schema("place.schema.json")), keys(load::place_keys::names));
}

TEST(SchemaKeys, TheScenesSchemaNamesEveryKeyOfASceneAndItsVisual) {
  using namespace load;
  using namespace load::visual_keys;
  const Json::Value scene = read_schema("scene.schema.json");
  const Json::Value& defs = scene["definitions"];
  EXPECT_EQ(properties(scene), keys(scene_keys::names));
  EXPECT_EQ(properties(object_of(defs["thing"])), keys(thing_keys::names));
  EXPECT_EQ(properties(defs["beat"]), keys(beat_keys::names));
  EXPECT_EQ(properties(defs["moment"]), keys(moment_keys::names));
  EXPECT_EQ(properties(defs["gesture"]), keys(gesture_keys::names));
  Keys line = properties(defs["text_line"]);
  line.merge(properties(defs["pause_line"]));
  EXPECT_EQ(line, keys(line_keys::names));
  EXPECT_EQ(properties(defs["visual"]), keys(kVisualKeys));
  EXPECT_EQ(properties(defs["shape"]), keys(kShapeKeys));
  EXPECT_EQ(properties(defs["light"]), keys(kLightKeys));
  EXPECT_EQ(properties(defs["motion"]), keys(kMotionKeys));
}

// The lines story.yaml and scene files share are described twice, once in each schema: alike
// but for the words (an ending's conditions have no scene, so no bare chose(gesture_id)).
Json::Value without_descriptions(Json::Value v) {
  if (v.isObject()) {
    v.removeMember("description");
    for (const std::string& k : v.getMemberNames()) v[k] = without_descriptions(v[k]);
  }
  return v;
}

TEST(SchemaKeys, BothSchemasDescribeALineAlike) {
  const Json::Value story = read_schema("story.schema.json")["definitions"];
  const Json::Value scene = read_schema("scene.schema.json")["definitions"];
  for (const char* def : {"lines", "line", "text_line", "pause_line", "condition"}) {
    EXPECT_EQ(without_descriptions(story[def]), without_descriptions(scene[def])) << def;
  }
}

// A place file's `ambience:` is the scene schema's (place.schema.json refers to it).
TEST(SchemaKeys, TheScenesSchemaNamesEveryKeyOfAnAmbienceItsLayersAndCues) {
  using namespace load::ambience_keys;
  const Json::Value defs = read_schema("scene.schema.json")["definitions"];
  EXPECT_EQ(properties(defs["ambience"]), keys(kAmbienceKeys));
  EXPECT_EQ(properties(defs["sound_layer"]), keys(kLayerKeys));
  EXPECT_EQ(properties(defs["sound_cue"]), keys(kCueKeys));
  EXPECT_EQ(read_schema("place.schema.json")["properties"]["ambience"]["$ref"].asString(),
            "scene.schema.json#/definitions/ambience");
}

TEST(SchemaNames, TheSchemasChoicesAreTheLoadersNameTables) {
  const Json::Value story = read_schema("story.schema.json");
  const Json::Value scene = read_schema("scene.schema.json");
  const Json::Value& defs = scene["definitions"];
  EXPECT_EQ(strings(story["definitions"]["variable_long"]["properties"]["type"]["enum"]),
            names_of(kVariableTypeNames));
  EXPECT_EQ(strings(scene["properties"]["time"]["enum"]), names_of(kTimeOfDayNames));
  EXPECT_EQ(strings(defs["sound_layer"]["properties"]["synth"]["enum"]), names_of(kSynthNames));
  EXPECT_EQ(strings(defs["sound_cue"]["properties"]["synth"]["enum"]), names_of(kSynthNames));
  EXPECT_EQ(strings(defs["sound_layer"]["properties"]["color"]["enum"]),
            names_of(kNoiseColorNames));
  EXPECT_EQ(strings(defs["sound_cue"]["properties"]["on"]["enum"]), names_of(kCueOnNames));
  // A shape or a motion is a mapping with its kind as a key; a gesture, likewise.
  for (const Name<Shape::Kind>& k : kShapeKindNames) {
    EXPECT_TRUE(defs["shape"]["properties"].isMember(std::string(k.name))) << k.name;
  }
  for (const Name<Motion::Kind>& k : kMotionKindNames) {
    EXPECT_TRUE(defs["motion"]["properties"].isMember(std::string(k.name))) << k.name;
  }
  for (const Name<GestureKind>& k : kGestureKindNames) {
    EXPECT_TRUE(defs["gesture"]["properties"].isMember(std::string(k.name))) << k.name;
  }
}

// The places an editor offers for `place:` are the bundled story's place files.
TEST(SchemaNames, TheScenesSchemaOffersTheBundledStorysPlaces) {
  const Json::Value scene = read_schema("scene.schema.json");
  std::vector<std::string> offered = strings(scene["properties"]["place"]["anyOf"][0]["enum"]);
  std::vector<std::string> places;
  for (const fs::directory_entry& e :
       fs::directory_iterator(std::string(THRESHOLD_DATA_DIR) + "/places")) {
    if (e.path().extension() == ".yaml") places.push_back(e.path().stem().string());
  }
  std::sort(offered.begin(), offered.end());
  std::sort(places.begin(), places.end());
  EXPECT_EQ(offered, places);
}

}  // namespace
}  // namespace threshold::story
