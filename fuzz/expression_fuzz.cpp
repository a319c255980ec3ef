// libFuzzer harness: the expression compiler and evaluator. The first byte chooses what the rest
// is compiled as (a condition of any type, a bool condition, an effect, or a text with `{...}`
// interpolations), against symbols of a few variables of each type and two scenes with gestures;
// what compiles is then evaluated (or applied, or rendered) against a state.
#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "threshold/story/expression.h"

namespace {

using namespace threshold::story;

// The shipped story's variable names (so that conditions taken from data/ compile), a few of
// each type, and two scenes with gestures for visits() and chose().
Symbols make_symbols() {
  Symbols s;
  s.variables = {
      {"restlessness", Type::Number}, {"courage", Type::Number},       {"connection", Type::Number},
      {"coffees", Type::Number},      {"finished_coffee", Type::Bool}, {"packed", Type::Bool},
      {"lifted", Type::Bool},         {"mood", Type::String},          {"name", Type::String}};
  s.scenes = {"kitchen", "street"};
  s.gestures = {{"drink", "wait"}, {"cross"}};
  s.index_scenes();
  s.index_gestures();
  return s;
}

class FuzzEnv : public Env {
 public:
  std::vector<Value> vars{Value(3),    Value(-1.5),  Value(0),      Value(2.25), Value(false),
                          Value(true), Value(false), Value("grey"), Value("")};
  const Value& variable(int32_t var) const override { return vars.at(static_cast<size_t>(var)); }
  double builtin(Builtin b) const override { return 1.0 + static_cast<double>(b); }
  double visits(int32_t scene) const override { return scene == 0 ? 2 : 0; }
  double chose(int32_t key) const override { return key; }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const Symbols symbols = make_symbols();
  if (size == 0) return 0;
  const uint8_t mode = data[0] % 4;
  const std::string text(reinterpret_cast<const char*>(data + 1), size - 1);
  Sources sources;
  Diagnostics diags;
  const int32_t file = sources.add("fuzzed.yaml", text);
  const SourcePos at{file, 1, 1};
  StringPool pool;
  StringPool* maybe_pool = (data[0] & 4) ? &pool : nullptr;
  const int32_t scene = (data[0] & 8) ? 0 : -1;
  FuzzEnv env;
  switch (mode) {
    case 0:
    case 1: {
      const std::optional<Type> expected =
          mode == 1 ? std::optional<Type>(Type::Bool) : std::nullopt;
      std::optional<Expr> e =
          compile_expression(text, symbols, expected, at, sources, diags, maybe_pool, scene);
      if (e) {
        (void)e->evaluate(env);
        (void)e->reads();
        for (size_t i = 0; i < e->nodes().size(); ++i) {
          (void)e->evaluate_node(static_cast<int32_t>(i), env);
        }
      }
      break;
    }
    case 2: {
      std::optional<Effect> effect =
          compile_effect(text, symbols, at, sources, diags, maybe_pool, scene);
      if (effect) {
        std::vector<Value> vars = env.vars;
        apply_effect(*effect, env, vars);
      }
      break;
    }
    default: {
      std::optional<Text> t = compile_text(text, symbols, at, sources, diags, maybe_pool, scene);
      if (t) {
        (void)t->render(env);
        (void)t->word_count();
      }
      break;
    }
  }
  (void)diags.format_all();
  return 0;
}
