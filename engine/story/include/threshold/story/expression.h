// Expressions of the authoring format: conditions (`if: courage > 2 and not day == 1`),
// effects (`set: [courage += 1]`) and `{...}` interpolations inside lines of text.
// Compiled once at load time, with type checking and diagnostics at their exact column;
// evaluated by the runtime against an Env (its variables and the counts it keeps by itself).
//
// Grammar (lowest precedence first):
//   expr    := or
//   or      := and ("or" and)*
//   and     := not ("and" not)*
//   not     := "not" not | cmp
//   cmp     := sum (("=="|"!="|"<"|"<="|">"|">=") sum)?
//   sum     := product (("+"|"-") product)*      ("+" also joins strings)
//   product := unary (("*"|"/"|"%") unary)*
//   unary   := "-" unary | atom
//   atom    := number | "string" | 'string' | true | false | name | name "(" args ")" | "(" expr
//   ")" effect  := name ("=" | "+=" | "-=") expr
// Names are story variables or built-ins: day, waited, held, hesitated, looked, touched,
// turned_away (how many gestures of each kind the player chose), silence (total seconds the
// player stayed idle in moments), time (seconds played). Functions: visits(scene_id),
// chose(gesture_id) (a gesture of this scene) and chose(scene_id.gesture_id) (how often the player
// chose it), words(n) ("nine"), min(a, b), max(a, b), round(n), abs(n).
//
// The compiled forms (Expr, Effect, Text) are in expr.h; this is compiling them, for the loader
// and the tools. StringPool keeps one copy of each text and of each compiled code.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "threshold/story/diagnostic.h"
#include "threshold/story/expr.h"

namespace threshold::story {

// Immutable strings and expression code shared by a story's lines: one copy of each distinct text,
// in chunks that never move, so the string_views it hands out stay valid for as long as the pool
// lives (a Story holds it by shared_ptr, and copies of the Story share it). A story's lines are
// most of its memory, and one std::string each costs a 32-byte header plus a heap block.
// Thread-safe: the loader's workers intern into one pool.
class StringPool {
 public:
  StringPool() = default;
  StringPool(const StringPool&) = delete;
  StringPool& operator=(const StringPool&) = delete;
  std::string_view intern(std::string_view s);
  // Whether `s` lies inside text this pool keeps (then a view of part of it stays valid too).
  bool owns(std::string_view s);
  // Points `e` at the code of an earlier expression with the same source, if there is one
  // (the same text against the same symbols compiles to the same code), else remembers it.
  void share(Expr& e);
  // An expression not compiled yet (the loader's first pass), one per distinct text; forget()
  // lets them go once everything is compiled.
  Expr uncompiled(std::string_view source, SourcePos at);
  void forget_uncompiled();
  // Lets the lookup table go (4 bytes a slot: 1 MiB for a story of 170,000 different lines)
  // once the texts are in. Every view stays valid; intern() still works afterwards, but no
  // longer finds the texts kept before, so a later copy of one of them is stored again.
  void forget_index();
  // Keeps `bytes` (a compiled story's, pack.h) as one more block of text: views into it stay
  // valid as long as the pool does, and owns() knows them.
  void adopt(std::unique_ptr<char[]> bytes, size_t size);

 private:
  static constexpr size_t kChunk = 64 * 1024;
  struct Chunk {
    std::unique_ptr<char[]> bytes;
    size_t size = 0;
  };
  // A kept string is stored after its length (one byte below 128), and named in the lookup
  // table by a 32-bit handle: its chunk's index (high 16 bits) and its offset there (low 16
  // bits; a chunk is 64 KiB, a longer text has a chunk of its own at offset 0). Half the table a
  // pointer would take.
  static constexpr uint32_t kNoHandle = 0xFFFFFFFF;
  std::string_view kept(uint32_t handle) const;

  std::mutex mutex_;
  std::vector<Chunk> chunks_;  // only ever appended to: handles stay valid
  size_t open_ = 0;            // the chunk short texts go to (meaningful once capacity_ > 0)
  size_t used_ = 0;            // bytes used in it
  size_t capacity_ = 0;        // its size
  // Open addressing over the kept strings' handles, at most 3/4 full, so a story of
  // all-different lines pays ~6 bytes a line for the lookup, only while it loads.
  std::vector<uint32_t> table_;
  size_t count_ = 0;
  std::unordered_map<std::string_view, std::shared_ptr<const ExprCode>> code_;  // by source
  std::unordered_map<std::string_view, std::shared_ptr<const ExprCode>> uncompiled_;
};

// `at` is where the first character of `text` stands in its file, so that a diagnostic's column
// points into the expression. Returns nothing (and adds an error) when `text` does not parse or
// does not have type `expected`; expected = nullopt accepts any type. With a pool, the compiled
// code is shared with earlier expressions of the same text.
std::optional<Expr> compile_expression(std::string_view text, const Symbols& symbols,
                                       std::optional<Type> expected, SourcePos at,
                                       const Sources& sources, Diagnostics& diags,
                                       StringPool* pool = nullptr, int32_t scene = -1);

// `scene`: the scene the expression is written in, whose gestures chose(id) names (-1: none, and
// only chose(scene.id) can be used).
std::optional<Effect> compile_effect(std::string_view text, const Symbols& symbols, SourcePos at,
                                     const Sources& sources, Diagnostics& diags,
                                     StringPool* pool = nullptr, int32_t scene = -1);

// With a pool, a text without interpolations is interned there as `plain`, and the literal parts
// of one with interpolations are views into the pool (into `text` itself when the pool keeps it,
// as it keeps the loader's). Without one (tests, tools) every text gets parts (a plain one a
// single literal part), whose characters the Text owns.
std::optional<Text> compile_text(std::string_view text, const Symbols& symbols, SourcePos at,
                                 const Sources& sources, Diagnostics& diags,
                                 StringPool* pool = nullptr, int32_t scene = -1);

}  // namespace threshold::story
