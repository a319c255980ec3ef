// The compiled story (pack.h): one list of fields per model type, which the writer, the reader
// and the comparison all walk, so that what is written is what is read and what is compared.
//   1. the field lists, and the sizes that make a new field fail the build until it is listed
//   2. paths: relative to the story folder or the assets folder in the file
//   3. the writer     4. the reader (every count and index checked against the bytes left)
//   5. the checks of a read story's indexes      6. the comparison      7. the file
#include "threshold/story/pack.h"

#include <zlib.h>

#include <algorithm>
#include <bit>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <functional>
#include <limits>
#include <memory>
#include <system_error>
#include <tuple>
#include <type_traits>
#include <unordered_map>
#include <utility>
#include <vector>

#include "threshold/story/codes.h"
#include "threshold/story/expression.h"

namespace threshold::story {

static_assert(std::endian::native == std::endian::little, "a pack's numbers are little-endian");

// Sources and Symbols keep their insides private; the pack is their one other reader.
struct PackAccess {
  using File = Sources::File;
  static std::vector<File>& files(Sources& s) { return s.files_; }
  static const std::vector<File>& files(const Sources& s) { return s.files_; }
  static constexpr uint32_t kStride = Sources::kStride;
  static bool same_indexes(const Symbols& a, const Symbols& b) {
    return a.scene_index_ == b.scene_index_ && a.indexed_ == b.indexed_ &&
           a.gesture_first_ == b.gesture_first_;
  }
};

namespace {

// ---------------------------------------------------------------------------------------------
// 1. The field lists. FIELDS(Type, o.a, o.b) gives fields(Type&) (a tuple of references, const
// or not) and the names, for the comparison's messages. Every member of a type is listed, or
// its size below fails: a member added to the model fails the build here until it is listed
// (and then the round-trip test proves it is written and read).

#define FIELDS(Type, ...)                                                \
  template <class T>                                                     \
  requires std::is_same_v<std::remove_const_t<T>, Type>                  \
  auto fields(T& o) {                                                    \
    return std::tie(__VA_ARGS__);                                        \
  }                                                                      \
  [[maybe_unused]] constexpr std::string_view field_names(const Type*) { \
    return #__VA_ARGS__;                                                 \
  }

FIELDS(Variable, o.id, o.type, o.initial, o.hidden, o.at)
FIELDS(Line, o.text, o.linger, o.condition, o.at)
FIELDS(Target, o.kind, o.index, o.at)
FIELDS(Gesture, o.id, o.kind, o.stay, o.hint, o.thing, o.seconds, o.distance, o.condition,
       o.effects, o.lines, o.target, o.at)
FIELDS(Moment, o.gestures, o.hints, o.done, o.at)
FIELDS(Beat, o.id, o.effects, o.lines, o.moment, o.target, o.at)
FIELDS(Thing, o.id, o.name, o.area, o.at)
FIELDS(Scene, o.id, o.place, o.time, o.day, o.things, o.beats, o.at, o.visual_at, o.ambience_at,
       o.visual, o.ambience, o.file)
FIELDS(Ending, o.id, o.title, o.epilogue, o.reflection, o.at)
FIELDS(Pacing, o.line_base, o.per_word, o.default_pause)
// Not here, written apart: `sources` (first, since every SourcePos names one of its files),
// `dir` (where the pack is read) and `strings` (the pack's own bytes).
FIELDS(Story, o.title, o.font_folders, o.start, o.pacing, o.variables, o.scenes, o.endings,
       o.symbols, o.chose_keys, o.at)
FIELDS(Effect, o.variable, o.op, o.value, o.at)
FIELDS(TextPart, o.literal, o.expr)
FIELDS(Text, o.plain, o.parts)
FIELDS(Symbols, o.variables, o.scenes, o.scenes_at, o.gestures)
FIELDS(Color, o.r, o.g, o.b, o.a)
FIELDS(Rect, o.x, o.y, o.w, o.h)
FIELDS(Shape, o.image, o.points, o.width, o.glow, o.thing, o.at, o.color, o.to, o.kind, o.shadow,
       o.when)
FIELDS(Motion, o.kind, o.area, o.period, o.amount, o.color, o.at, o.when)
FIELDS(Light, o.present, o.x, o.y, o.color, o.strength, o.shadows, o.when)
FIELDS(Visual, o.authored, o.sky_top, o.sky_bottom, o.layers, o.light, o.light_variants, o.motion,
       o.drift, o.vignette, o.conditions, o.at)
FIELDS(SoundLayer, o.synth, o.file, o.level, o.placed, o.x, o.y, o.thing, o.color, o.freq, o.when,
       o.caption, o.at)
FIELDS(SoundCue, o.on, o.beat, o.gesture, o.thing, o.sound, o.notes, o.step, o.after, o.until_beat,
       o.until_gesture, o.when, o.at)
FIELDS(Ambience, o.authored, o.tone, o.duck_db, o.crossfade, o.hush_db, o.cues, o.at)
// The load's warnings, after the story.
FIELDS(Diagnostic, o.file, o.line, o.column, o.severity, o.code, o.message, o.source_line, o.once)
#undef FIELDS

// The sizes the lists above were written against (g++ 12, 64-bit). A failure here means a member
// was added or removed: list it above, then update the size.
static_assert(sizeof(Variable) == 96);
static_assert(sizeof(Line) == 48);
static_assert(sizeof(Target) == 16);
static_assert(sizeof(Gesture) == 136);
static_assert(sizeof(Moment) == 80);
static_assert(sizeof(Beat) == 112);
static_assert(sizeof(Thing) == 88);
static_assert(sizeof(Scene) == 392);
static_assert(sizeof(Ending) == 120);
static_assert(sizeof(Pacing) == 24);
static_assert(sizeof(Story) == 496);
static_assert(sizeof(Effect) == 40);
static_assert(sizeof(TextPart) == 24);
static_assert(sizeof(TextParts) == 56);
static_assert(sizeof(ExprNode) == 20);
static_assert(sizeof(ExprCode) == 80);
static_assert(sizeof(Symbols::Variable) == 88);
static_assert(sizeof(Symbols) == 152);
static_assert(sizeof(Shape) == 64);
static_assert(sizeof(Motion) == 48);
static_assert(sizeof(Light) == 32);
static_assert(sizeof(Visual) == 160);
static_assert(sizeof(SoundLayer) == 120);
static_assert(sizeof(SoundCue) == 192);
static_assert(sizeof(Ambience) == 80);
static_assert(sizeof(PackAccess::File) == 80);
static_assert(sizeof(Diagnostic) == 144);

template <class T>
concept HasFields = requires(T& t) {
  fields(t);
};

// And a member that fits in what was padding, which no size shows: the count of an aggregate's
// members (what brace-initialising it takes) against the count of its listed fields.
}  // namespace
// Declared only, and used only where nothing is evaluated: outside the anonymous namespace, so
// that no compiler asks for its definition.
namespace pack_detail {
struct AnyField {
  template <class T>
  operator T() const;
};
}  // namespace pack_detail
namespace {
using pack_detail::AnyField;
template <class T, class... A>
constexpr size_t member_count() {
  if constexpr (requires { T{A{}..., AnyField{}}; }) {
    return member_count<T, A..., AnyField>();
  } else {
    return sizeof...(A);
  }
}
template <class T>
constexpr size_t listed() {
  return std::tuple_size_v<decltype(fields(std::declval<T&>()))>;
}
template <class... T>
constexpr bool all_listed() {
  return ((member_count<T>() == listed<T>()) && ...);
}
static_assert(all_listed<Variable, Line, Target, Gesture, Moment, Beat, Thing, Scene, Ending,
                         Pacing, Effect, TextPart, Text, Color, Rect, Shape, Motion, Light, Visual,
                         SoundLayer, SoundCue, Ambience, Diagnostic>());
// + sources, dir, strings, number_words and place_names (a catalogue's, set after loading: never
// packed)
static_assert(member_count<Story>() == listed<Story>() + 5);

template <class T>
struct IsVector : std::false_type {};
template <class T>
struct IsVector<std::vector<T>> : std::true_type {};
template <class T>
struct IsOptional : std::false_type {};
template <class T>
struct IsOptional<std::optional<T>> : std::true_type {};
template <class T>
struct IsOptional<HeapOptional<T>> : std::true_type {};

// The last value of each enum a pack holds: a byte past it is refused, not cast.
template <class E>
constexpr auto kLast = nullptr;  // an enum with no entry here fails to compile in the reader
template <>
constexpr uint8_t kLast<Type> = static_cast<uint8_t>(Type::String);
template <>
constexpr uint8_t kLast<Target::Kind> = static_cast<uint8_t>(Target::Kind::Ending);
template <>
constexpr uint8_t kLast<GestureKind> = static_cast<uint8_t>(GestureKind::Pull);
template <>
constexpr uint8_t kLast<TimeOfDay> = static_cast<uint8_t>(TimeOfDay::Night);
template <>
constexpr uint8_t kLast<Effect::Op> = static_cast<uint8_t>(Effect::Op::Sub);
template <>
constexpr uint8_t kLast<Shape::Kind> = static_cast<uint8_t>(Shape::Kind::Image);
template <>
constexpr uint8_t kLast<Motion::Kind> = static_cast<uint8_t>(Motion::Kind::Drift);
template <>
constexpr uint8_t kLast<Synth> = static_cast<uint8_t>(Synth::Doors);
template <>
constexpr uint8_t kLast<NoiseColor> = static_cast<uint8_t>(NoiseColor::Brown);
template <>
constexpr uint8_t kLast<CueOn> = static_cast<uint8_t>(CueOn::Hesitate);
template <>
constexpr uint8_t kLast<ExprNode::Op> = static_cast<uint8_t>(ExprNode::Op::Chose);
template <>
constexpr uint8_t kLast<Severity> = static_cast<uint8_t>(Severity::Note);

// The fewest bytes a value of T takes in a pack: a count is checked against the bytes left
// divided by this before anything is allocated for it.
template <class T>
constexpr size_t min_bytes() {
  if constexpr (std::is_enum_v<T> || std::is_integral_v<T>) {
    return 1;  // a byte, or a varint of one byte at the least
  } else if constexpr (std::is_floating_point_v<T>) {
    return sizeof(T);
  } else if constexpr (std::is_same_v<T, SourcePos>) {
    return 3;
  } else if constexpr (std::is_same_v<T, std::string> || std::is_same_v<T, std::string_view> ||
                       std::is_same_v<T, RareString>) {
    return 2;
  } else if constexpr (IsVector<T>::value || std::is_same_v<T, SmallFloats>) {
    return 1;
  } else if constexpr (std::is_same_v<T, Expr>) {
    return 4;
  } else if constexpr (HasFields<T>) {
    using Tuple = decltype(fields(std::declval<T&>()));
    return []<size_t... I>(std::index_sequence<I...>) {
      return (size_t{0} + ... + min_bytes<std::remove_cvref_t<std::tuple_element_t<I, Tuple>>>());
    }
    (std::make_index_sequence<std::tuple_size_v<Tuple>>());
  } else {
    return 1;  // a flag, a tag
  }
}

// ---------------------------------------------------------------------------------------------
// 2. Paths. A path under the story folder is kept as kInStory + the rest, under the folder as
// resolved (links followed) as kInStoryResolved + the rest, under the assets folder as
// kInAssets + the rest; anything else as written.

constexpr char kInStory = '\x01';
constexpr char kInStoryResolved = '\x02';
constexpr char kInAssets = '\x03';

std::string resolved_folder(const std::string& dir) {
  if (dir.empty()) return {};
  std::error_code ec;
  const std::filesystem::path p =
      std::filesystem::weakly_canonical(std::filesystem::absolute(dir, ec), ec);
  return ec ? std::string() : p.string();
}

struct Roots {
  std::string story, story_resolved, assets;
};

// `path` below `root` ("root/x" or "root" itself): the rest after the root and its slash.
std::optional<std::string_view> below(std::string_view path, std::string_view root) {
  if (root.empty() || !path.starts_with(root)) return std::nullopt;
  std::string_view rest = path.substr(root.size());
  if (rest.empty()) return rest;
  if (rest.front() != '/' && !root.ends_with('/')) return std::nullopt;
  if (rest.front() == '/') rest.remove_prefix(1);
  return rest;
}

std::string encode_path(const std::string& path, const Roots& roots) {
  if (path.empty()) return path;
  if (auto r = below(path, roots.story)) return kInStory + std::string(*r);
  if (auto r = below(path, roots.story_resolved)) return kInStoryResolved + std::string(*r);
  if (auto r = below(path, roots.assets)) return kInAssets + std::string(*r);
  return path;
}

std::string join(const std::string& root, std::string_view rest) {
  if (rest.empty()) return root;
  if (root.empty()) return std::string(rest);
  return root.back() == '/' ? root + std::string(rest) : root + "/" + std::string(rest);
}

std::string decode_path(const std::string& path, const Roots& roots) {
  if (path.empty()) return path;
  const std::string_view rest = std::string_view(path).substr(1);
  switch (path.front()) {
    case kInStory:
      return join(roots.story, rest);
    case kInStoryResolved:
      return join(roots.story_resolved, rest);
    case kInAssets:
      return join(roots.assets.empty() ? roots.story_resolved : roots.assets, rest);
    default:
      return path;
  }
}

// Every path a story holds, for `f(std::string&)`.
template <class F>
void for_each_path(Story& story, F f) {
  for (std::string& folder : story.font_folders) f(folder);
  for (PackAccess::File& file : PackAccess::files(story.sources)) f(file.path);
  for (Scene& scene : story.scenes) {
    for (Shape& shape : scene.visual.layers) {
      if (shape.image.empty()) continue;
      std::string image = shape.image.str();
      f(image);
      shape.image = std::move(image);
    }
    for (SoundLayer& layer : scene.ambience.tone) f(layer.file);
    for (SoundCue& cue : scene.ambience.cues) f(cue.sound.file);
  }
}

// ---------------------------------------------------------------------------------------------
// 3. The writer. The payload is three sections: the strings (each distinct string once), the
// expressions' codes (each distinct code once), and the story, which refers to both by offset
// and index. Numbers are as they lie in memory (little-endian); a position is one 64-bit word.

uint64_t pack_position(const SourcePos& at) {
  return (static_cast<uint64_t>(at.line) & 0x1FFFFFF) | (static_cast<uint64_t>(at.style) << 25) |
         ((static_cast<uint64_t>(at.file) & 0x3FFFF) << 28) |
         ((static_cast<uint64_t>(at.column) & 0x3FFFF) << 46);
}

// Signed numbers as unsigned ones with the sign in the low bit (0, -1, 1, -2 … as 0, 1, 2, 3 …),
// so that the usual small ones, kNone included, take one byte as a varint.
constexpr uint64_t zigzag(int64_t v) {
  return (static_cast<uint64_t>(v) << 1) ^ static_cast<uint64_t>(v >> 63);
}
constexpr int64_t unzigzag(uint64_t u) {
  return static_cast<int64_t>(u >> 1) ^ -static_cast<int64_t>(u & 1);
}

class Writer {
 public:
  std::string error;

  std::string payload() {
    std::string out;
    put_raw(out, static_cast<uint64_t>(strings_.size()));
    out += strings_;
    put_varint(out, code_list_.size());
    out += codes_;
    out += body_;
    return out;
  }

  void sources(const Sources& sources) {
    const auto& files = PackAccess::files(sources);
    put(static_cast<uint32_t>(files.size()));
    for (const PackAccess::File& f : files) {
      put(f.path);
      put(f.checkpoints);
      put(static_cast<uint8_t>(f.text ? 1 : 0));
      if (f.text) put(*f.text);
      put(f.lines);
      put(f.bytes);
    }
  }

  template <class T>
  void put(const T& v) {
    if constexpr (std::is_same_v<T, Code>) {
      put_varint(body_, static_cast<uint16_t>(v));
    } else if constexpr (std::is_enum_v<T>) {
      put_raw(body_, static_cast<uint8_t>(v));  // every other enum of the model fits a byte
    } else if constexpr (std::is_floating_point_v<T> || sizeof(T) == 1) {
      put_raw(body_, v);
    } else if constexpr (std::is_integral_v<T> && std::is_signed_v<T>) {
      put_varint(body_, zigzag(v));
    } else if constexpr (std::is_integral_v<T>) {
      put_varint(body_, v);
    } else if constexpr (std::is_same_v<T, SourcePos>) {
      put_position(v);
    } else if constexpr (std::is_same_v<T, std::string> || std::is_same_v<T, std::string_view>) {
      put_string(body_, v);
    } else if constexpr (std::is_same_v<T, RareString>) {
      put_string(body_, v.str());
    } else if constexpr (std::is_same_v<T, Value>) {
      put_value(body_, v);
    } else if constexpr (std::is_same_v<T, SmallFloats>) {
      put(static_cast<uint32_t>(v.size()));
      for (float f : v) put(f);
    } else if constexpr (std::is_same_v<T, OptionalText>) {
      put(static_cast<uint8_t>(v.has_value()));
      if (v) put(*v);
    } else if constexpr (std::is_same_v<T, TextParts>) {
      if (v.plural && error.empty()) {
        error = "the story is translated (its lines have plural forms): pack the story as loaded";
      }
      put(static_cast<const std::vector<TextPart>&>(v));
    } else if constexpr (std::is_same_v<T, Expr>) {
      put(code_index(v.code()));
      put(v.at);
    } else if constexpr (std::is_same_v<T, Symbols::Variable>) {
      put(v.name);
      put(v.type);
      put(v.at);
      put(v.initial);
    } else if constexpr (IsVector<T>::value) {
      put(static_cast<uint32_t>(v.size()));
      for (const auto& e : v) put(e);
    } else if constexpr (IsOptional<T>::value) {
      put(static_cast<uint8_t>(v.has_value()));
      if (v) put(*v);
    } else {
      static_assert(HasFields<T>, "a type the pack does not know");
      std::apply([&](const auto&... f) { (put(f), ...); }, fields(v));
    }
  }

 private:
  template <class T>
  static void put_raw(std::string& out, T v) {
    char b[sizeof(T)];
    std::memcpy(b, &v, sizeof v);
    out.append(b, sizeof b);
  }

  static void put_varint(std::string& out, uint64_t v) {
    for (; v >= 0x80; v >>= 7) out.push_back(static_cast<char>((v & 0x7F) | 0x80));
    out.push_back(static_cast<char>(v));
  }

  // A position as the change from the one before (most are in the same file, a few lines on):
  // the file's and the line's difference, then the column and the style in one number.
  void put_position(const SourcePos& at) {
    const auto file = static_cast<int64_t>(at.file);
    const auto line = static_cast<int64_t>(at.line);
    put_varint(body_, zigzag(file - last_file_));
    put_varint(body_, zigzag(line - last_line_));
    put_varint(body_, static_cast<uint64_t>(at.column) << 3 | at.style);
    last_file_ = file;
    last_line_ = line;
  }

  void put_string(std::string& out, std::string_view s) {
    auto [it, added] = string_offsets_.try_emplace(s, static_cast<uint32_t>(strings_.size()));
    if (added) strings_.append(s);
    put_varint(out, it->second);
    put_varint(out, s.size());
  }

  void put_value(std::string& out, const Value& v) {
    put_raw(out, static_cast<uint8_t>(v.type()));
    switch (v.type()) {
      case Type::Number:
        put_raw(out, v.number());
        break;
      case Type::Bool:
        put_raw(out, static_cast<uint8_t>(v.boolean()));
        break;
      case Type::String:
        put_string(out, v.string());
        break;
    }
  }

  uint32_t code_index(const std::shared_ptr<const ExprCode>& code) {
    if (!code) {
      if (error.empty()) error = "the story holds an expression that was never compiled";
      return 0;
    }
    auto [it, added] =
        code_index_.try_emplace(code.get(), static_cast<uint32_t>(code_list_.size()));
    if (added) {
      code_list_.push_back(code.get());
      put_varint(codes_, code->nodes.size());
      for (const ExprNode& n : code->nodes) {
        put_raw(codes_, static_cast<uint8_t>(n.op));
        put_raw(codes_, static_cast<uint8_t>(n.type));
        put_varint(codes_, zigzag(n.a));
        put_varint(codes_, zigzag(n.b));
        put_varint(codes_, zigzag(n.ref));
      }
      put_varint(codes_, code->constants.size());
      for (const Value& v : code->constants) put_value(codes_, v);
      put_string(codes_, code->source);
    }
    return it->second;
  }

  std::string strings_, codes_, body_;
  int64_t last_file_ = 0, last_line_ = 0;
  std::unordered_map<std::string_view, uint32_t> string_offsets_;
  std::unordered_map<const ExprCode*, uint32_t> code_index_;
  std::vector<const ExprCode*> code_list_;
};

// ---------------------------------------------------------------------------------------------
// 4. The reader. Every read is checked against the bytes left: past the end, the reader fails
// (its first error is kept), reads zeros from then on and allocates nothing more.

class Reader {
 public:
  // In memory: `begin`..`end`, the payload after its string table, which is `strings`; `offset`:
  // where `begin` is in the payload, for the messages.
  Reader(const char* begin, const char* end, std::string_view strings, size_t offset)
      : p_(begin),
        end_(end),
        total_(static_cast<size_t>(end - begin)),
        fetched_(total_),
        offset_(offset),
        strings_(strings) {}
  // From a file: its next `size` bytes, read through a window of `window` bytes (so that they are
  // never all in memory beside the story being built), each byte added to `crc` as it is read.
  Reader(std::FILE* in, size_t size, size_t window, std::string_view strings, size_t offset,
         uLong* crc)
      : window_size_(std::max<size_t>(window, 16)),
        window_(std::make_unique_for_overwrite<char[]>(window_size_)),
        p_(window_.get()),
        end_(p_),
        total_(size),
        offset_(offset),
        strings_(strings),
        in_(in),
        crc_(crc) {}

  const std::string& error() const { return error_; }
  bool ok() const { return error_.empty(); }
  size_t files() const { return files_; }
  const std::vector<std::shared_ptr<const ExprCode>>& codes() const { return codes_; }

  void fail(const std::string& what) {
    if (error_.empty()) {
      error_ = what + " (at byte " + std::to_string(offset_ + consumed()) + " of the story)";
    }
    p_ = end_;
  }

  bool at_end() const { return consumed() == total_; }

  // Reads what is left of the file, for its checksum (a file that does not parse may still be
  // one damaged in transit, and then the checksum is what to say).
  void drain() {
    while (in_ != nullptr && fetched_ < total_ && fetch(window_size_) > 0) p_ = end_;
  }

  void sections() {
    const size_t count = count_of(4);  // no nodes, no constants, a source
    codes_.reserve(count);
    for (size_t i = 0; i < count && ok(); ++i) codes_.push_back(code());
  }

  void sources(Sources& sources) {
    auto& files = PackAccess::files(sources);
    files.resize(count_of(2 + 1 + 1 + 1 + 1));
    for (PackAccess::File& f : files) {
      get(f.path);
      get(f.checkpoints);
      if (raw<uint8_t>() != 0) {
        std::string text;
        get(text);
        f.text = std::make_shared<const std::string>(std::move(text));
      }
      get(f.lines);
      get(f.bytes);
      // Sources::line() reads the block between two checkpoints: they must be in order, within
      // the file, and as many as its lines need.
      const bool in_order = std::is_sorted(f.checkpoints.begin(), f.checkpoints.end()) &&
                            (f.checkpoints.empty() || f.checkpoints.back() <= f.bytes);
      const size_t needed = f.lines == 0 ? 0 : (f.lines - 1) / PackAccess::kStride;
      if (!in_order || f.checkpoints.size() != needed || (f.text && f.text->size() != f.bytes)) {
        return fail("a source file's line index does not match its size");
      }
    }
    files_ = files.size();
  }

  template <class T>
  void get(T& v) {
    if constexpr (std::is_same_v<T, Code>) {
      const auto c = static_cast<Code>(varint<uint16_t>());
      if (c != Code::None && find_code(c) == nullptr) return fail("an unknown diagnostic code");
      v = c;
    } else if constexpr (std::is_enum_v<T>) {
      const auto b = raw<uint8_t>();
      if (b > kLast<T>) return fail("an unknown value " + std::to_string(b) + " of an enum");
      v = static_cast<T>(b);
    } else if constexpr (std::is_same_v<T, bool>) {
      const auto b = raw<uint8_t>();
      if (b > 1) return fail("a flag that is neither 0 nor 1");
      v = b != 0;
    } else if constexpr (std::is_floating_point_v<T> || sizeof(T) == 1) {
      v = raw<T>();
    } else if constexpr (std::is_integral_v<T>) {
      v = varint<T>();
    } else if constexpr (std::is_same_v<T, SourcePos>) {
      v = position();
    } else if constexpr (std::is_same_v<T, std::string>) {
      v = string();
    } else if constexpr (std::is_same_v<T, std::string_view>) {
      v = string();
    } else if constexpr (std::is_same_v<T, RareString>) {
      v = string();
    } else if constexpr (std::is_same_v<T, Value>) {
      v = value();
    } else if constexpr (std::is_same_v<T, SmallFloats>) {
      const size_t n = count_of(sizeof(float));
      v.clear();
      for (size_t i = 0; i < n; ++i) v.push_back(raw<float>());
    } else if constexpr (std::is_same_v<T, OptionalText>) {
      if (flag()) {
        get(v.emplace());
      } else {
        v.reset();
      }
    } else if constexpr (std::is_same_v<T, TextParts>) {
      get(static_cast<std::vector<TextPart>&>(v));
    } else if constexpr (std::is_same_v<T, Expr>) {
      const auto index = varint<uint32_t>();
      const SourcePos at = position();
      if (index >= codes_.size()) return fail("an expression names a code the pack lacks");
      v = Expr(codes_[index], at);
    } else if constexpr (std::is_same_v<T, std::vector<Symbols::Variable>>) {
      const size_t n = count_of(min_bytes<std::string>() + 1 + min_bytes<SourcePos>() + 1);
      v.reserve(n);
      for (size_t i = 0; i < n && ok(); ++i) {
        std::string name(string());
        Type type{};
        get(type);
        const SourcePos at = position();
        v.emplace_back(std::move(name), type, at, value());
      }
    } else if constexpr (IsVector<T>::value) {
      v.resize(count_of(min_bytes<typename T::value_type>()));
      for (auto& e : v) get(e);
    } else if constexpr (IsOptional<T>::value) {
      if (flag()) {
        v.emplace();
        get(*v);
      } else {
        v.reset();
      }
    } else {
      static_assert(HasFields<T>, "a type the pack does not know");
      std::apply([&](auto&... f) { (get(f), ...); }, fields(v));
    }
  }

 private:
  size_t consumed() const { return fetched_ - static_cast<size_t>(end_ - p_); }
  // What is left of the payload, in the window or not yet read.
  size_t left() const { return total_ - consumed(); }

  // Moves what is left in the window to its start and reads up to `want` bytes after it; the
  // count read.
  size_t fetch(size_t want) {
    const auto keep = static_cast<size_t>(end_ - p_);
    std::memmove(window_.get(), p_, keep);
    const size_t room = std::min({window_size_ - keep, total_ - fetched_, want});
    const size_t got = std::fread(window_.get() + keep, 1, room, in_);
    if (crc_ != nullptr && got > 0) {
      *crc_ = crc32(*crc_, reinterpret_cast<const Bytef*>(window_.get() + keep),
                    static_cast<uInt>(got));
    }
    fetched_ += got;
    p_ = window_.get();
    end_ = p_ + keep + got;
    return got;
  }

  template <class T>
  T raw() {
    T v{};
    if (!ok()) return v;
    if (static_cast<size_t>(end_ - p_) < sizeof(T) && in_ != nullptr) fetch(window_size_);
    if (static_cast<size_t>(end_ - p_) < sizeof(T)) {
      fail("the story ends early");
      return v;
    }
    std::memcpy(&v, p_, sizeof v);
    p_ += sizeof v;
    return v;
  }

  // A LEB128 number of at most ten bytes, as a T: signed ones zigzagged. One that does not fit T
  // is refused, never cut.
  template <class T>
  T varint() {
    uint64_t u = 0;
    for (int shift = 0;; shift += 7) {
      const auto b = raw<uint8_t>();
      if (!ok()) return T{};
      if (shift == 63 && b > 1) {
        fail("a number longer than 64 bits");
        return T{};
      }
      u |= static_cast<uint64_t>(b & 0x7F) << shift;
      if ((b & 0x80) == 0) break;
      if (shift == 63) {
        fail("a number longer than 64 bits");
        return T{};
      }
    }
    if constexpr (std::is_signed_v<T>) {
      const int64_t v = unzigzag(u);
      if (v < std::numeric_limits<T>::min() || v > std::numeric_limits<T>::max()) {
        fail("a number out of its range");
        return T{};
      }
      return static_cast<T>(v);
    } else {
      if (u > std::numeric_limits<T>::max()) {
        fail("a number out of its range");
        return T{};
      }
      return static_cast<T>(u);
    }
  }

  bool flag() {
    const auto b = raw<uint8_t>();
    if (b > 1) fail("a flag that is neither 0 nor 1");
    return b == 1;
  }

  // A count of things that take at least `each` bytes: no more than the bytes left can hold.
  size_t count_of(size_t each) {
    const auto n = varint<uint32_t>();
    if (n > left() / std::max<size_t>(each, 1)) {
      fail("a count of " + std::to_string(n) + " that the bytes left cannot hold");
      return 0;
    }
    return n;
  }

  std::string_view string() {
    const auto offset = varint<uint32_t>();
    const auto size = varint<uint32_t>();
    if (offset > strings_.size() || size > strings_.size() - offset) {
      fail("a string outside the string table");
      return {};
    }
    if (size == 0) return {};
    return strings_.substr(offset, size);
  }

  // See Writer::put_position.
  SourcePos position() {
    const auto file = static_cast<int64_t>(last_file_) + varint<int32_t>();
    const auto line = static_cast<int64_t>(last_line_) + varint<int32_t>();
    const auto rest = varint<uint32_t>();
    const uint32_t style = rest & 7;
    const uint32_t column = rest >> 3;
    if (!ok()) return {};
    if (style > static_cast<uint32_t>(TextStyle::Folded) || line < 0 ||
        line > SourcePos::kMaxLine || column > static_cast<uint32_t>(SourcePos::kMaxColumn) ||
        file < SourcePos::kFileBeyondRange || (file >= 0 && static_cast<size_t>(file) >= files_)) {
      fail("a source position outside the story's files");
      return {};
    }
    last_file_ = static_cast<int32_t>(file);
    last_line_ = static_cast<int32_t>(line);
    return SourcePos(last_file_, last_line_, static_cast<int32_t>(column),
                     static_cast<TextStyle>(style));
  }

  Value value() {
    const auto tag = raw<uint8_t>();
    switch (tag) {
      case 0:
        return Value(raw<double>());
      case 1:
        return Value(flag());
      case 2:
        return Value(std::string(string()));
      default:
        fail("a value of an unknown type");
        return {};
    }
  }

  std::shared_ptr<const ExprCode> code() {
    auto c = std::make_shared<ExprCode>();
    c->nodes.resize(count_of(5));
    for (ExprNode& n : c->nodes) {
      get(n.op);
      get(n.type);
      n.a = varint<int32_t>();
      n.b = varint<int32_t>();
      n.ref = varint<int32_t>();
    }
    c->constants.resize(count_of(2));
    for (Value& v : c->constants) v = value();
    c->source = string();
    return c;
  }

  size_t window_size_ = 0;
  std::unique_ptr<char[]> window_;  // reading from a file
  const char* p_;
  const char* end_;
  size_t total_;        // the bytes this reader reads
  size_t fetched_ = 0;  // of them, the ones in memory already or read past
  size_t offset_;
  std::string error_;
  std::string_view strings_;
  std::FILE* in_ = nullptr;
  uLong* crc_ = nullptr;
  int32_t last_file_ = 0, last_line_ = 0;  // the position before, see position()
  size_t files_ = 0;
  std::vector<std::shared_ptr<const ExprCode>> codes_;
};

// ---------------------------------------------------------------------------------------------
// 5. The checks of a read story: every index the runtime, the renderer and the audio engine
// follow without looking names something, so that a pack made by hand cannot crash them.

class Checker {
 public:
  explicit Checker(const Story& s) : story_(s) {
    for (const auto& ids : s.symbols.gestures) keys_ += ids.size();
  }
  std::string error;

  void fail(const std::string& what) {
    if (error.empty()) error = what;
  }

  void code(const ExprCode& c) {
    using Op = ExprNode::Op;
    if (c.nodes.empty()) return fail("an expression with no code");
    const auto vars = static_cast<int64_t>(story_.symbols.variables.size());
    for (size_t i = 0; i < c.nodes.size(); ++i) {
      const ExprNode& n = c.nodes[i];
      const auto child = [&](int32_t k, Type t, bool any = false) {
        if (k < 0 || static_cast<size_t>(k) >= i) return false;
        return any || c.nodes[static_cast<size_t>(k)].type == t;
      };
      const auto in = [](int32_t k, int64_t count) { return k >= 0 && k < count; };
      bool good = false;
      switch (n.op) {
        case Op::Constant:
          good = in(n.ref, static_cast<int64_t>(c.constants.size())) &&
                 c.constants[static_cast<size_t>(n.ref)].type() == n.type;
          break;
        case Op::Variable:
          good = in(n.ref, vars) &&
                 story_.symbols.variables[static_cast<size_t>(n.ref)].type == n.type;
          break;
        case Op::Builtin:
          good = n.type == Type::Number && in(n.ref, static_cast<int64_t>(kBuiltinCount));
          break;
        case Op::Visits:
          good = n.type == Type::Number && in(n.ref, static_cast<int64_t>(story_.scenes.size()));
          break;
        case Op::Chose:
          good = n.type == Type::Number && in(n.ref, static_cast<int64_t>(keys_));
          break;
        case Op::Neg:
        case Op::Round:
        case Op::Abs:
          good = n.type == Type::Number && child(n.a, Type::Number);
          break;
        case Op::Add:
        case Op::Sub:
        case Op::Mul:
        case Op::Div:
        case Op::Mod:
        case Op::Min:
        case Op::Max:
          good = n.type == Type::Number && child(n.a, Type::Number) && child(n.b, Type::Number);
          break;
        case Op::Not:
          good = n.type == Type::Bool && child(n.a, Type::Bool);
          break;
        case Op::And:
        case Op::Or:
          good = n.type == Type::Bool && child(n.a, Type::Bool) && child(n.b, Type::Bool);
          break;
        case Op::Eq:
        case Op::Ne:
          good = n.type == Type::Bool && child(n.a, Type::Number, true) &&
                 child(n.b, c.nodes[static_cast<size_t>(n.a)].type);
          break;
        case Op::Lt:
        case Op::Le:
        case Op::Gt:
        case Op::Ge:
          good = n.type == Type::Bool && child(n.a, Type::Number) && child(n.b, Type::Number);
          break;
        case Op::Concat:
          good = n.type == Type::String && child(n.a, Type::String) && child(n.b, Type::String);
          break;
        case Op::Words:
          good = n.type == Type::String && child(n.a, Type::Number);
          break;
      }
      if (!good) return fail("an expression whose code does not add up (" + c.source + ")");
    }
  }

  void story() {
    const Story& s = story_;
    const size_t scenes = s.scenes.size();
    if (s.start != kNone && !index(s.start, scenes)) fail("the start names no scene");
    if (s.symbols.scenes.size() != scenes || s.symbols.gestures.size() != scenes ||
        s.symbols.scenes_at.size() != scenes || s.symbols.variables.size() != s.variables.size()) {
      fail("the symbol table does not match the story");
    }
    for (const Variable& v : s.variables) {
      if (v.initial.type() != v.type) fail("variable '" + v.id + "' starts as another type");
    }
    for (int32_t key : s.chose_keys) {
      if (!index(key, keys_)) fail("a chosen gesture's key names no gesture");
    }
    if (!std::is_sorted(s.chose_keys.begin(), s.chose_keys.end())) fail("chose keys out of order");
    for (const Ending& e : s.endings) {
      lines(e.epilogue, nullptr);
      lines(e.reflection, nullptr);
    }
    for (const Scene& scene : s.scenes) this->scene(scene);
  }

 private:
  static bool index(int64_t i, size_t count) { return i >= 0 && static_cast<size_t>(i) < count; }
  static bool none_or(int64_t i, size_t count) { return i == kNone || index(i, count); }

  void target(const Target& t, const Scene& scene) {
    switch (t.kind) {
      case Target::Kind::None:
        break;
      case Target::Kind::Beat:
        if (!index(t.index, scene.beats.size())) fail("a `then:` names no beat");
        break;
      case Target::Kind::Scene:
        if (!index(t.index, story_.scenes.size())) fail("a `go:` names no scene");
        break;
      case Target::Kind::Ending:
        if (!index(t.index, story_.endings.size())) fail("an `end:` names no ending");
        break;
    }
  }

  void effects(const std::vector<Effect>& list) {
    for (const Effect& e : list) {
      if (!index(e.variable, story_.variables.size())) fail("a `set:` names no variable");
    }
  }

  void lines(const std::vector<Line>& list, const Scene*) {
    for (const Line& l : list) {
      if (l.text && l.text->parts) {
        for (const TextPart& p : *l.text->parts) {
          if (p.expr && !p.expr->code()) fail("a line's `{}` has no code");
        }
      }
    }
  }

  void scene(const Scene& scene) {
    const size_t things = scene.things.size();
    if (!none_or(scene.file, PackAccess::files(story_.sources).size())) {
      fail("scene '" + scene.id + "' names no source file");
    }
    for (const Beat& b : scene.beats) {
      effects(b.effects);
      lines(b.lines, &scene);
      target(b.target, scene);
      if (!b.moment) continue;
      for (const Gesture& g : b.moment->gestures) {
        if (!none_or(g.thing, things)) fail("gesture '" + g.id + "' names no thing");
        if (g.hint > b.moment->hints.size()) fail("gesture '" + g.id + "' names no hint");
        effects(g.effects);
        lines(g.lines, &scene);
        target(g.target, scene);
      }
    }
    for (const Shape& shape : scene.visual.layers) {
      if (!none_or(shape.thing, things)) fail("a shape names no thing");
      if (shape.when > scene.visual.conditions.size()) fail("a shape names no condition");
      const size_t n = shape.points.size();
      bool points = false;
      switch (shape.kind) {
        case Shape::Kind::Rect:
        case Shape::Kind::Line:
        case Shape::Kind::Image:
          points = n == 4;
          break;
        case Shape::Kind::Circle:
          points = n == 3;
          break;
        case Shape::Kind::Polygon:
          points = n >= 6 && n % 2 == 0;
          break;
      }
      if (!points) fail("a shape with the wrong count of numbers");
    }
    const auto layer = [&](const SoundLayer& l) {
      if (!none_or(l.thing, things)) fail("a sound names no thing");
    };
    for (const SoundLayer& l : scene.ambience.tone) layer(l);
    for (const SoundCue& c : scene.ambience.cues) {
      layer(c.sound);
      if (!none_or(c.thing, things)) fail("a cue names no thing");
      const auto names_gesture = [&](int32_t beat, int32_t gesture) {
        if (beat == kNone) return gesture == kNone;
        if (!index(beat, scene.beats.size())) return false;
        const Beat& b = scene.beats[static_cast<size_t>(beat)];
        return gesture == kNone || (b.moment && index(gesture, b.moment->gestures.size()));
      };
      if (!names_gesture(c.beat, c.gesture) || !names_gesture(c.until_beat, c.until_gesture)) {
        fail("a cue names no beat or gesture");
      }
    }
  }

  const Story& story_;
  size_t keys_ = 0;
};

// ---------------------------------------------------------------------------------------------
// 6. The comparison: the same field lists, two stories side by side.

class Compare {
 public:
  std::string difference;

  template <class T>
  bool same(const T& a, const T& b, const std::string& where) {
    if (!difference.empty()) return false;
    bool equal = true;
    if constexpr (std::is_floating_point_v<T>) {
      equal = std::memcmp(&a, &b, sizeof a) == 0 || a == b;
    } else if constexpr (std::is_arithmetic_v<T> || std::is_enum_v<T>) {
      equal = a == b;
    } else if constexpr (std::is_same_v<T, SourcePos>) {
      equal = pack_position(a) == pack_position(b);
    } else if constexpr (std::is_same_v<T, RareString>) {
      equal = a.str() == b.str();
    } else if constexpr (std::is_same_v<T, std::string> || std::is_same_v<T, std::string_view>) {
      equal = a == b;
    } else if constexpr (std::is_same_v<T, SmallFloats>) {
      equal = a.size() == b.size() &&
              (a.size() == 0 || std::memcmp(a.data(), b.data(), a.size() * sizeof(float)) == 0);
    } else if constexpr (std::is_same_v<T, Value>) {
      // Numbers bit for bit: a NaN a pack holds reads back as itself.
      equal = a.type() == b.type() &&
              (a.type() == Type::Number ? same(a.number(), b.number(), where) : a == b);
    } else if constexpr (std::is_same_v<T, OptionalText>) {
      equal = a.has_value() == b.has_value() && (!a || same(*a, *b, where));
    } else if constexpr (std::is_same_v<T, TextParts>) {
      equal = !a.plural == !b.plural && same(static_cast<const std::vector<TextPart>&>(a),
                                             static_cast<const std::vector<TextPart>&>(b), where);
    } else if constexpr (std::is_same_v<T, Expr>) {
      equal = !a.code() == !b.code() && (!a.code() || same(*a.code(), *b.code(), where)) &&
              same(a.at, b.at, where + ".at");
    } else if constexpr (std::is_same_v<T, ExprCode>) {
      equal = same(a.constants, b.constants, where + ".constants") && a.source == b.source &&
              a.nodes.size() == b.nodes.size() &&
              std::equal(a.nodes.begin(), a.nodes.end(), b.nodes.begin(),
                         [](const ExprNode& x, const ExprNode& y) {
                           return x.op == y.op && x.type == y.type && x.a == y.a && x.b == y.b &&
                                  x.ref == y.ref;
                         });
    } else if constexpr (std::is_same_v<T, Symbols::Variable>) {
      equal = a.name == b.name && a.type == b.type && same(a.initial, b.initial, where) &&
              same(a.at, b.at, where + ".at");
    } else if constexpr (IsVector<T>::value) {
      if (a.size() != b.size()) {
        equal = false;
      } else {
        for (size_t i = 0; i < a.size(); ++i) {
          if (!same(a[i], b[i], where + "[" + std::to_string(i) + "]")) return false;
        }
      }
    } else if constexpr (IsOptional<T>::value) {
      equal = a.has_value() == b.has_value() && (!a || same(*a, *b, where));
    } else {
      static_assert(HasFields<T>, "a type the comparison does not know");
      const std::string_view names = field_names(static_cast<const T*>(nullptr));
      const auto fa = fields(a);
      const auto fb = fields(b);
      equal = [&]<size_t... I>(std::index_sequence<I...>) {
        return (same(std::get<I>(fa), std::get<I>(fb), where + "." + field_name(names, I)) && ...);
      }
      (std::make_index_sequence<std::tuple_size_v<decltype(fa)>>());
    }
    if (!equal && difference.empty()) difference = where.empty() ? "(the story)" : where;
    return equal;
  }

 private:
  // The i-th name of "o.a, o.b, o.c" without its "o.".
  static std::string field_name(std::string_view names, size_t i) {
    for (; i > 0; --i) names.remove_prefix(std::min(names.size(), names.find(',') + 1));
    names = names.substr(0, names.find(','));
    while (!names.empty() && (names.front() == ' ' || names.front() == '\n')) {
      names.remove_prefix(1);
    }
    if (names.starts_with("o.")) names.remove_prefix(2);
    return std::string(names);
  }
};

// ---------------------------------------------------------------------------------------------
// 7. The file: a 32-byte header, then the payload.

constexpr char kMagic[8] = {'T', 'H', 'R', 'P', 'A', 'C', 'K', '\n'};
constexpr size_t kHeaderSize = 32;

uint32_t checksum(const char* data, size_t size) {
  uLong crc = crc32(0L, Z_NULL, 0);
  while (size > 0) {
    const auto step = static_cast<uInt>(std::min<size_t>(size, 1u << 30));
    crc = crc32(crc, reinterpret_cast<const Bytef*>(data), step);
    data += step;
    size -= step;
  }
  return static_cast<uint32_t>(crc);
}

template <class T>
T header_field(const char* at) {
  T v{};
  std::memcpy(&v, at, sizeof v);
  return v;
}

}  // namespace

std::optional<std::string> write_pack(const Story& story, const std::string& assets_dir,
                                      std::string* error, const Diagnostics* warnings) {
  Roots roots{story.dir, resolved_folder(story.dir), resolved_folder(assets_dir)};
  Story copy = story;
  for_each_path(copy, [&](std::string& p) { p = encode_path(p, roots); });
  std::vector<Diagnostic> said = warnings ? warnings->items() : std::vector<Diagnostic>();
  if (warnings && warnings->has_errors()) {
    if (error) *error = "the story has errors: a pack holds a story that loaded";
    return std::nullopt;
  }
  for (Diagnostic& d : said) d.file = encode_path(d.file, roots);
  Writer w;
  w.sources(copy.sources);
  w.put(copy);
  w.put(said);
  w.put(static_cast<uint64_t>(warnings ? warnings->more_warnings() : 0));
  if (!w.error.empty()) {
    if (error) *error = w.error;
    return std::nullopt;
  }
  const std::string payload = w.payload();
  std::string out(kHeaderSize, '\0');
  std::memcpy(out.data(), kMagic, sizeof kMagic);
  const uint32_t version = kPackVersion;
  const uint64_t size = payload.size();
  const uint32_t crc = checksum(payload.data(), payload.size());
  std::memcpy(out.data() + 8, &version, 4);
  std::memcpy(out.data() + 16, &size, 8);
  std::memcpy(out.data() + 24, &crc, 4);
  out += payload;
  return out;
}

namespace {

// The header's verdict on a file of `file_size` bytes: "" when its magic, version and length are
// right.
std::string header_problem(const char* header, size_t available, uint64_t file_size) {
  if (available < kHeaderSize || std::memcmp(header, kMagic, sizeof kMagic) != 0) {
    return "not a Threshold story pack";
  }
  const auto version = header_field<uint32_t>(header + 8);
  if (version != kPackVersion) {
    return "a story pack of format version " + std::to_string(version) +
           ", and this game reads version " + std::to_string(kPackVersion) +
           ": make it again with `threshold pack`";
  }
  const auto payload_size = header_field<uint64_t>(header + 16);
  const uint64_t held = file_size - kHeaderSize;
  if (payload_size > held) {
    return "truncated: its header promises " + std::to_string(payload_size) +
           " bytes of story and it holds " + std::to_string(held);
  }
  if (payload_size < held) {
    return "corrupt: " + std::to_string(held - payload_size) + " bytes follow the end of the story";
  }
  if (payload_size < 8) return "corrupt: the story ends before its string table";
  return {};
}

// The payload after the header: its string table `strings` (which the story keeps, in `keep`,
// and views into) and the `rest`, read into a Story and checked.
// `checked`, when given, is asked once the bytes are all read whether their checksum holds (a
// pack read from a file is checked as it is read): if not, that is the error, whatever else went
// wrong.
PackResult read_payload(Reader& r, std::unique_ptr<char[]> keep, size_t keep_size,
                        const PackOptions& options, const std::function<bool()>& checked = {}) {
  PackResult result;
  Story story;
  r.sections();
  r.sources(story.sources);
  r.get(story);
  std::vector<Diagnostic> said;
  r.get(said);
  uint64_t more_warnings = 0;
  r.get(more_warnings);
  for (const Diagnostic& d : said) {
    if (d.severity == Severity::Error) r.fail("a pack's story has an error");
  }
  if (r.ok() && !r.at_end()) r.fail("bytes past the end of the story");
  if (checked) {
    r.drain();
    if (!checked()) {
      result.error = "corrupt: its checksum does not match its contents";
      return result;
    }
  }
  if (!r.ok()) {
    result.error = "corrupt: " + r.error();
    return result;
  }
  Checker check(story);
  for (const auto& code : r.codes()) check.code(*code);
  check.story();
  if (!check.error.empty()) {
    result.error = "corrupt: " + check.error;
    return result;
  }
  story.symbols.index_scenes();
  story.symbols.index_gestures();
  story.dir = options.story_dir;
  const Roots roots{story.dir, resolved_folder(story.dir), resolved_folder(options.assets_dir)};
  for_each_path(story, [&](std::string& p) { p = decode_path(p, roots); });
  story.strings = std::make_shared<StringPool>();
  story.strings->adopt(std::move(keep), keep_size);
  for (Diagnostic& d : said) {
    d.file = decode_path(d.file, roots);
    result.warnings.add(std::move(d));
  }
  result.warnings.count_more_warnings(static_cast<size_t>(more_warnings));
  result.story = std::move(story);
  return result;
}

}  // namespace

PackResult read_pack(std::unique_ptr<char[]> bytes, size_t size, const PackOptions& options) {
  PackResult result;
  const char* data = bytes.get();
  result.error = header_problem(data, size, size);
  if (!result.error.empty()) return result;
  if (options.verify_checksum &&
      checksum(data + kHeaderSize, size - kHeaderSize) != header_field<uint32_t>(data + 24)) {
    result.error = "corrupt: its checksum does not match its contents";
    return result;
  }
  const auto strings_size = header_field<uint64_t>(data + kHeaderSize);
  const size_t after = kHeaderSize + 8;
  if (strings_size > size - after) {
    result.error = "corrupt: the string table is longer than the file";
    return result;
  }
  const std::string_view strings(data + after, static_cast<size_t>(strings_size));
  const char* rest = data + after + strings_size;
  Reader r(rest, data + size, strings, 8 + strings.size());
  return read_payload(r, std::move(bytes), size, options);
}

PackResult load_pack(const std::string& path, PackOptions options) {
  PackResult result;
  std::error_code ec;
  const auto size = std::filesystem::file_size(path, ec);
  if (ec) {
    result.error = "cannot read it: " + ec.message();
    return result;
  }
  if (size > options.max_bytes) {
    result.error = "it is " + std::to_string(size) + " bytes, more than a story pack may be";
    return result;
  }
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> in(std::fopen(path.c_str(), "rb"), &std::fclose);
  if (!in) {
    result.error = "cannot open it";
    return result;
  }
  // The string table is read whole and kept (the story's lines view into it); the rest is read
  // through a window as the story is built, so that a running game keeps only the texts and a
  // load never holds the whole file beside the story.
  char head[kHeaderSize + 8] = {};
  const size_t got = std::fread(head, 1, sizeof head, in.get());
  result.error = header_problem(head, got, size);
  if (!result.error.empty()) return result;
  const auto strings_size = header_field<uint64_t>(head + kHeaderSize);
  if (strings_size > size - sizeof head) {
    result.error = "corrupt: the string table is longer than the file";
    return result;
  }
  auto strings = std::make_unique_for_overwrite<char[]>(std::max<size_t>(strings_size, 1));
  if (std::fread(strings.get(), 1, strings_size, in.get()) != strings_size) {
    result.error = "cannot read it (it changed while it was read)";
    return result;
  }
  uLong crc = crc32(0L, Z_NULL, 0);
  crc = crc32(crc, reinterpret_cast<const Bytef*>(head + kHeaderSize), 8);
  crc =
      crc32_combine(crc, checksum(strings.get(), strings_size), static_cast<z_off_t>(strings_size));
  if (options.story_dir.empty()) {
    const std::filesystem::path folder = std::filesystem::path(path).parent_path();
    options.story_dir = folder.empty() ? "." : folder.string();
  }
  const std::string_view text(strings.get(), static_cast<size_t>(strings_size));
  const auto rest_size = static_cast<size_t>(size - sizeof head - strings_size);
  Reader r(in.get(), rest_size, options.window_bytes, text, 8 + text.size(),
           options.verify_checksum ? &crc : nullptr);
  const uint32_t expected = header_field<uint32_t>(head + 24);
  std::function<bool()> checked;
  if (options.verify_checksum) checked = [&] { return static_cast<uint32_t>(crc) == expected; };
  return read_payload(r, std::move(strings), static_cast<size_t>(strings_size), options, checked);
}

bool looks_like_pack(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) return false;
  std::FILE* in = std::fopen(path.c_str(), "rb");
  if (in == nullptr) return false;
  char head[sizeof kMagic] = {};
  const size_t got = std::fread(head, 1, sizeof head, in);
  std::fclose(in);
  return got == sizeof head && std::memcmp(head, kMagic, sizeof kMagic) == 0;
}

std::string story_difference(const Story& a, const Story& b) {
  Compare c;
  c.same(a, b, "");
  if (!c.same(a.dir, b.dir, "dir")) return c.difference;
  const auto& fa = PackAccess::files(a.sources);
  const auto& fb = PackAccess::files(b.sources);
  if (fa.size() != fb.size()) return c.difference.empty() ? "sources" : c.difference;
  for (size_t i = 0; i < fa.size() && c.difference.empty(); ++i) {
    const std::string at = "sources[" + std::to_string(i) + "]";
    c.same(fa[i].path, fb[i].path, at + ".path");
    c.same(fa[i].checkpoints, fb[i].checkpoints, at + ".checkpoints");
    c.same(fa[i].lines, fb[i].lines, at + ".lines");
    c.same(fa[i].bytes, fb[i].bytes, at + ".bytes");
    const bool text =
        fa[i].text && fb[i].text ? *fa[i].text == *fb[i].text : !fa[i].text == !fb[i].text;
    if (!text && c.difference.empty()) c.difference = at + ".text";
  }
  if (c.difference.empty() && !PackAccess::same_indexes(a.symbols, b.symbols)) {
    c.difference = "symbols (its indexes)";
  }
  return c.difference;
}

}  // namespace threshold::story
