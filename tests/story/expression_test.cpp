// The expression language as a writer meets it: what conditions, effects and `{...}` in text
// evaluate to, and the compiler-style errors (exact message, exact column) when they are wrong.
#include "threshold/story/expression.h"

#include <gtest/gtest.h>

#include <array>
#include <string>
#include <vector>

namespace threshold::story {
namespace {

// The runtime's state, reduced to what an expression can read. Counts variable reads so that
// short-circuiting is observable.
class TestEnv : public Env {
 public:
  std::vector<Value> vars{Value(3), Value(false), Value("Ada"), Value("rain")};
  std::array<double, 9> builtins{};
  std::vector<double> scene_visits{2, 0};
  mutable int variable_reads = 0;

  const Value& variable(int32_t var) const override {
    ++variable_reads;
    return vars[static_cast<size_t>(var)];
  }
  double builtin(Builtin b) const override { return builtins[static_cast<size_t>(b)]; }
  double visits(int32_t scene) const override { return scene_visits[static_cast<size_t>(scene)]; }
  mutable int divisions_by_zero = 0;
  void divided_by_zero(const Expr& /*expr*/) const override { ++divisions_by_zero; }
};

Symbols test_symbols() {
  Symbols s;
  s.variables = {{"courage", Type::Number},
                 {"finished", Type::Bool},
                 {"name", Type::String},
                 {"weather", Type::String}};
  s.scenes = {"kitchen", "street"};
  return s;
}

class ExpressionTest : public ::testing::Test {
 protected:
  // Compiles `text` as if it were the whole of line 1 of a file, so column = offset + 1.
  std::optional<Expr> compile(const std::string& text, std::optional<Type> expected = {}) {
    const int32_t f = sources.add("test.yaml", text);
    return compile_expression(text, symbols, expected, SourcePos{f, 1, 1}, sources, diags);
  }

  Value eval(const std::string& text) {
    std::optional<Expr> e = compile(text);
    EXPECT_TRUE(e.has_value()) << text << "\n" << diags.format_all();
    if (!e) return Value();
    return e->evaluate(env);
  }

  // The single diagnostic compiling `text` must produce.
  Diagnostic error_of(const std::string& text, std::optional<Type> expected = {}) {
    diags = Diagnostics();
    std::optional<Expr> e = compile(text, expected);
    EXPECT_FALSE(e.has_value()) << text;
    EXPECT_EQ(diags.items().size(), 1u) << text << "\n" << diags.format_all();
    if (diags.items().empty()) return Diagnostic();
    return diags.items()[0];
  }

  Symbols symbols = test_symbols();
  Sources sources;
  Diagnostics diags;
  TestEnv env;
};

// ---- evaluating -------------------------------------------------------------------------------

TEST_F(ExpressionTest, ArithmeticFollowsTheUsualPrecedence) {
  EXPECT_EQ(eval("1 + 2 * 3"), Value(7));
  EXPECT_EQ(eval("(1 + 2) * 3"), Value(9));
  EXPECT_EQ(eval("10 - 4 - 3"), Value(3));
  EXPECT_EQ(eval("12 / 4 / 3"), Value(1));
  EXPECT_EQ(eval("7 % 4 + 1"), Value(4));
  EXPECT_EQ(eval("-2 * 3"), Value(-6));
  EXPECT_EQ(eval("- -2"), Value(2));
  EXPECT_EQ(eval("-courage + 1"), Value(-2));
  EXPECT_EQ(eval("7 / 2"), Value(3.5));
  EXPECT_EQ(eval("0.5 + .25"), Value(0.75));
}

TEST_F(ExpressionTest, DividingByAConstantZeroIsAnErrorAtTheDivisor) {
  const Diagnostic d = error_of("1 / 0");
  EXPECT_EQ(d.column, 5);
  EXPECT_EQ(d.message, "division by zero: '0' is always 0");
  const Diagnostic m = error_of("courage > 5 % (2 - 2)");
  EXPECT_EQ(m.column, 15);  // the '(' of the divisor
  EXPECT_EQ(m.message, "modulo by zero: '(2 - 2)' is always 0");
}

TEST_F(ExpressionTest, DividingByAZeroValueGivesZeroAndTellsTheEnv) {
  std::optional<Expr> e = compile("5 % (courage - 3)");
  ASSERT_TRUE(e);
  EXPECT_EQ(e->evaluate(env), Value(0));
  EXPECT_EQ(env.divisions_by_zero, 1);
  std::optional<Expr> fine = compile("courage / 3");
  ASSERT_TRUE(fine);
  EXPECT_EQ(fine->evaluate(env), Value(1));
  EXPECT_EQ(env.divisions_by_zero, 1);
}

TEST_F(ExpressionTest, BooleansCombineWithNotAndOr) {
  EXPECT_EQ(eval("true and not false"), Value(true));
  EXPECT_EQ(eval("not true or true"), Value(true));         // not binds tighter than or
  EXPECT_EQ(eval("true or false and false"), Value(true));  // and binds tighter than or
  EXPECT_EQ(eval("not courage == 3"), Value(false));        // not applies to the comparison
  EXPECT_EQ(eval("finished or courage >= 3"), Value(true));
}

TEST_F(ExpressionTest, AndAndOrStopAsSoonAsTheAnswerIsKnown) {
  std::optional<Expr> e = compile("false and courage > 1");
  ASSERT_TRUE(e);
  env.variable_reads = 0;
  EXPECT_EQ(e->evaluate(env), Value(false));
  EXPECT_EQ(env.variable_reads, 0);

  e = compile("true or finished");
  ASSERT_TRUE(e);
  EXPECT_EQ(e->evaluate(env), Value(true));
  EXPECT_EQ(env.variable_reads, 0);
}

TEST_F(ExpressionTest, ComparisonsCompareNumbersExactlyAndAnyEqualTypes) {
  EXPECT_EQ(eval("courage == 3"), Value(true));
  EXPECT_EQ(eval("courage != 3"), Value(false));
  EXPECT_EQ(eval("courage < 3"), Value(false));
  EXPECT_EQ(eval("courage <= 3"), Value(true));
  EXPECT_EQ(eval("courage > 2.999"), Value(true));
  EXPECT_EQ(eval("1 / 3 == 0.333"), Value(false));
  EXPECT_EQ(eval("name == 'Ada'"), Value(true));
  EXPECT_EQ(eval("name != \"Ada\""), Value(false));
  EXPECT_EQ(eval("finished == false"), Value(true));
}

TEST_F(ExpressionTest, PlusJoinsStrings) {
  EXPECT_EQ(eval("'it is ' + weather + \"ing\""), Value("it is raining"));
  EXPECT_EQ(eval("name + name == 'AdaAda'"), Value(true));
}

TEST_F(ExpressionTest, BuiltinsReadWhatTheEngineCounts) {
  env.builtins[static_cast<size_t>(Builtin::Day)] = 2;
  env.builtins[static_cast<size_t>(Builtin::Waited)] = 4;
  env.builtins[static_cast<size_t>(Builtin::TurnedAway)] = 1;
  env.builtins[static_cast<size_t>(Builtin::Silence)] = 12.5;
  EXPECT_EQ(eval("day"), Value(2));
  EXPECT_EQ(eval("waited + turned_away"), Value(5));
  EXPECT_EQ(eval("silence > 12"), Value(true));
  EXPECT_EQ(eval("held + hesitated + looked + touched + time"), Value(0));
}

TEST_F(ExpressionTest, VisitsTakesABareOrQuotedSceneId) {
  EXPECT_EQ(eval("visits(kitchen)"), Value(2));
  EXPECT_EQ(eval("visits('street')"), Value(0));
  EXPECT_EQ(eval("visits(kitchen) > 1 and visits(street) == 0"), Value(true));
}

TEST_F(ExpressionTest, FunctionsWorkAsInArithmetic) {
  EXPECT_EQ(eval("words(21)"), Value("twenty-one"));
  EXPECT_EQ(eval("words(courage)"), Value("three"));
  EXPECT_EQ(eval("min(courage, 2)"), Value(2));
  EXPECT_EQ(eval("max(courage, 2)"), Value(3));
  EXPECT_EQ(eval("round(2.5)"), Value(3));
  EXPECT_EQ(eval("round(-1.4)"), Value(-1));
  EXPECT_EQ(eval("abs(1 - 4)"), Value(3));
}

TEST_F(ExpressionTest, KnowsItsTypeAndTheVariablesItReads) {
  std::optional<Expr> e = compile("courage + courage > 1 and not finished");
  ASSERT_TRUE(e);
  EXPECT_EQ(e->type(), Type::Bool);
  EXPECT_EQ(e->reads(), (std::vector<int32_t>{0, 1}));
  EXPECT_EQ(e->source(), "courage + courage > 1 and not finished");
  EXPECT_TRUE(e->test(env));
  e = compile("words(3)");
  ASSERT_TRUE(e);
  EXPECT_EQ(e->type(), Type::String);
  EXPECT_TRUE(e->reads().empty());
}

// ---- errors -----------------------------------------------------------------------------------

TEST_F(ExpressionTest, UnknownVariableSuggestsTheNearestName) {
  Diagnostic d = error_of("corage > 2");
  EXPECT_EQ(d.message, "unknown variable 'corage'; did you mean 'courage'?");
  EXPECT_EQ(d.column, 1);
  d = error_of("courage > 2 and wated > 1");
  EXPECT_EQ(d.message, "unknown variable 'wated'; did you mean 'waited'?");
  EXPECT_EQ(d.column, 17);
  d = error_of("ghost");
  EXPECT_EQ(d.message, "unknown variable 'ghost'");
}

TEST_F(ExpressionTest, UnknownSceneInVisitsSuggestsTheNearestScene) {
  const Diagnostic d = error_of("visits(kichen) > 0");
  EXPECT_EQ(d.message, "unknown scene 'kichen' in visits(); did you mean 'kitchen'?");
  EXPECT_EQ(d.column, 8);
}

TEST_F(ExpressionTest, VisitsTakesExactlyOneSceneId) {
  Diagnostic d = error_of("visits(kitchen, street)");
  EXPECT_EQ(d.message, "visits() takes one scene id");
  EXPECT_EQ(d.column, 8);
  d = error_of("visits()");
  EXPECT_EQ(d.message, "visits() takes one scene id");
  EXPECT_EQ(d.column, 1);
}

TEST_F(ExpressionTest, AConditionMustBeABool) {
  const Diagnostic d = error_of("courage + 1", Type::Bool);
  EXPECT_EQ(d.message, "expected a bool condition, but this expression is a number");
  EXPECT_EQ(d.column, 1);
}

TEST_F(ExpressionTest, TypeErrorsPointAtTheOffendingPart) {
  Diagnostic d = error_of("courage == name");
  EXPECT_EQ(d.message, "cannot compare a number with a string");
  EXPECT_EQ(d.column, 9);
  d = error_of("name < 'b'");
  EXPECT_EQ(d.message, "'<' compares numbers, not strings");
  EXPECT_EQ(d.column, 6);
  d = error_of("finished + 1");
  EXPECT_EQ(d.message, "'+' adds numbers or joins strings, but this expression is a bool");
  EXPECT_EQ(d.column, 1);
  d = error_of("1 + name");
  EXPECT_EQ(d.message, "cannot add a number and a string; '+' adds numbers or joins strings");
  EXPECT_EQ(d.column, 3);
  d = error_of("courage * (name)");
  EXPECT_EQ(d.message, "'*' needs numbers, but this expression is a string");
  EXPECT_EQ(d.column, 11);
  d = error_of("not courage");
  EXPECT_EQ(d.message, "expected a bool condition after 'not', but this expression is a number");
  EXPECT_EQ(d.column, 5);
  d = error_of("finished and courage");
  EXPECT_EQ(d.message,
            "expected a bool condition on each side of 'and', but this expression is a number");
  EXPECT_EQ(d.column, 14);
  d = error_of("words('x')");
  EXPECT_EQ(d.message, "words() needs a number, but this expression is a string");
  EXPECT_EQ(d.column, 7);
}

TEST_F(ExpressionTest, SyntaxErrorsReadLikeACompilers) {
  Diagnostic d = error_of("(courage > 1))");
  EXPECT_EQ(d.message, "unexpected ')'");
  EXPECT_EQ(d.column, 14);
  d = error_of("name == 'rain");
  EXPECT_EQ(d.message, "unterminated string");
  EXPECT_EQ(d.column, 9);
  d = error_of("finished and");
  EXPECT_EQ(d.message, "expected an expression after 'and'");
  EXPECT_EQ(d.column, 13);
  d = error_of("(1 + ) * 2");
  EXPECT_EQ(d.message, "expected an expression after '+'");
  EXPECT_EQ(d.column, 6);
  d = error_of("(1 + 2");
  EXPECT_EQ(d.message, "missing ')' to close this '('");
  EXPECT_EQ(d.column, 1);
  d = error_of("");
  EXPECT_EQ(d.message, "expected an expression");
  d = error_of("courage 2");
  EXPECT_EQ(d.message, "unexpected '2'");
  EXPECT_EQ(d.column, 9);
}

TEST_F(ExpressionTest, HabitsFromOtherLanguagesGetAHint) {
  Diagnostic d = error_of("courage = 2");
  EXPECT_EQ(d.message, "'=' sets a variable; to compare, write '=='");
  EXPECT_EQ(d.column, 9);
  d = error_of("finished && true");
  EXPECT_EQ(d.message, "unexpected '&&'; write 'and' to join conditions");
  EXPECT_EQ(d.column, 10);
  d = error_of("!finished");
  EXPECT_EQ(d.message, "unexpected '!'; write 'not' to negate a condition");
  d = error_of("1 < courage < 5");
  EXPECT_EQ(d.message, "comparisons do not chain; join two comparisons with 'and'");
  EXPECT_EQ(d.column, 13);
}

TEST_F(ExpressionTest, FunctionsAreCheckedByNameAndArity) {
  Diagnostic d = error_of("foo(1)");
  EXPECT_EQ(d.message, "unknown function 'foo'");
  EXPECT_EQ(d.column, 1);
  d = error_of("1 + wrds(3)");
  EXPECT_EQ(d.message, "unknown function 'wrds'; did you mean 'words'?");
  EXPECT_EQ(d.column, 5);
  d = error_of("min(1)");
  EXPECT_EQ(d.message, "min() takes two numbers");
  d = error_of("courage(1)");
  EXPECT_EQ(d.message, "'courage' is not a function");
  d = error_of("words");
  EXPECT_EQ(d.message, "'words' is a function; write words(...)");
}

TEST_F(ExpressionTest, AbsurdlyLongOrDeepExpressionsAreRefusedNotCrashedOn) {
  std::string chain = "1";
  for (int i = 0; i < 2000; ++i) chain += " + 1";
  EXPECT_EQ(error_of(chain).message,
            "expression too long; split it into smaller conditions or effects");
  EXPECT_EQ(error_of(std::string(100, '(') + "1" + std::string(100, ')')).message,
            "expression nested too deeply");
  std::string fine = "1";
  for (int i = 0; i < 200; ++i) fine += " + 1";
  EXPECT_EQ(eval(fine), Value(201));
}

TEST_F(ExpressionTest, ErrorColumnsCountFromWhereTheExpressionStandsInItsFile) {
  const std::string line = "    if: corage > 2";
  const int32_t f = sources.add("scenes/kitchen.yaml", "beats:\n  - id: a\n" + line + "\n");
  EXPECT_FALSE(
      compile_expression("corage > 2", symbols, Type::Bool, SourcePos{f, 3, 9}, sources, diags));
  ASSERT_EQ(diags.items().size(), 1u);
  EXPECT_EQ(
      diags.format_all(),
      "scenes/kitchen.yaml:3:9: error[T0306]: unknown variable 'corage'; did you mean 'courage'?\n"
      "        if: corage > 2\n"
      "            ^\n");
}

// ---- effects ----------------------------------------------------------------------------------

class EffectTest : public ExpressionTest {
 protected:
  std::optional<Effect> effect(const std::string& text) {
    const int32_t f = sources.add("test.yaml", text);
    return compile_effect(text, symbols, SourcePos{f, 1, 1}, sources, diags);
  }
  Diagnostic effect_error(const std::string& text) {
    diags = Diagnostics();
    EXPECT_FALSE(effect(text).has_value()) << text;
    EXPECT_EQ(diags.items().size(), 1u) << diags.format_all();
    return diags.items().empty() ? Diagnostic() : diags.items()[0];
  }
  void apply(const std::string& text) {
    std::optional<Effect> e = effect(text);
    ASSERT_TRUE(e) << diags.format_all();
    apply_effect(*e, env, env.vars);
  }
};

TEST_F(EffectTest, SetAddAndSubtractChangeTheVariable) {
  apply("courage += 2");
  EXPECT_EQ(env.vars[0], Value(5));
  apply("courage -= courage * 2");
  EXPECT_EQ(env.vars[0], Value(-5));
  apply("courage = 1.5");
  EXPECT_EQ(env.vars[0], Value(1.5));
  apply("finished = courage > 1");
  EXPECT_EQ(env.vars[1], Value(true));
  apply("name = 'Ada' + ' ' + weather");
  EXPECT_EQ(env.vars[2], Value("Ada rain"));
}

TEST_F(EffectTest, RemembersItsVariableAndWhereItsValueStands) {
  std::optional<Effect> e = effect("courage  +=  waited + 1");
  ASSERT_TRUE(e);
  EXPECT_EQ(e->variable, 0);
  EXPECT_EQ(e->op, Effect::Op::Add);
  EXPECT_EQ(e->value.source(), "waited + 1");
  EXPECT_EQ(e->value.at.column, 14);
  EXPECT_EQ(e->value.type(), Type::Number);
}

TEST_F(EffectTest, TypesAreCheckedAgainstTheVariable) {
  Diagnostic d = effect_error("finished += 1");
  EXPECT_EQ(d.message, "'+=' needs a number variable, but 'finished' is a bool");
  EXPECT_EQ(d.column, 10);
  d = effect_error("courage = 'a'");
  EXPECT_EQ(d.message, "cannot set 'courage' (a number) to a string");
  EXPECT_EQ(d.column, 11);
  d = effect_error("courage -= finished");
  EXPECT_EQ(d.message, "'-=' needs a number, but this expression is a bool");
  EXPECT_EQ(d.column, 12);
}

TEST_F(EffectTest, NamesAndOperatorsAreChecked) {
  Diagnostic d = effect_error("corage += 1");
  EXPECT_EQ(d.message, "unknown variable 'corage'; did you mean 'courage'?");
  EXPECT_EQ(d.column, 1);
  d = effect_error("waited = 1");
  EXPECT_EQ(d.message, "'waited' is counted by the engine; an effect cannot change it");
  d = effect_error("courage == 1");
  EXPECT_EQ(d.message, "'==' compares; to set a variable, write '='");
  EXPECT_EQ(d.column, 9);
  d = effect_error("courage 1");
  EXPECT_EQ(d.message, "expected '=', '+=' or '-=' after 'courage', not '1'");
  d = effect_error("courage +=");
  EXPECT_EQ(d.message, "expected an expression after '+='");
  EXPECT_EQ(d.column, 11);
  d = effect_error("2 = courage");
  EXPECT_EQ(d.message, "expected a variable name at the start of an effect, like 'courage += 1'");
}

// ---- text -------------------------------------------------------------------------------------

class TextTest : public ExpressionTest {
 protected:
  std::optional<Text> text(const std::string& s, SourcePos at = {}) {
    if (at.file < 0) at = SourcePos{sources.add("test.yaml", s), 1, 1};
    return compile_text(s, symbols, at, sources, diags);
  }
  std::string render(const std::string& s) {
    std::optional<Text> t = text(s);
    EXPECT_TRUE(t) << diags.format_all();
    return t ? t->render(env) : std::string();
  }
};

TEST_F(TextTest, InterpolationsAreReplacedByTheirValues) {
  env.builtins[static_cast<size_t>(Builtin::Waited)] = 3;
  EXPECT_EQ(render("You have waited {words(waited)} times today."),
            "You have waited three times today.");
  EXPECT_EQ(render("{name} says {weather}."), "Ada says rain.");
  EXPECT_EQ(render("Courage: {courage / 9}, {courage * 1.5}, {courage}, {finished}"),
            "Courage: 0.33, 4.5, 3, false");
  EXPECT_EQ(render("No braces at all."), "No braces at all.");
}

TEST_F(TextTest, DoubledBracesAreLiteral) {
  EXPECT_EQ(render("{{not an expression}} and {{{courage}}}"), "{not an expression} and {3}");
}

TEST_F(TextTest, AnUnclosedBraceIsAnErrorAtItsColumn) {
  EXPECT_FALSE(text("Hello {name, and more"));
  ASSERT_EQ(diags.items().size(), 1u);
  EXPECT_EQ(diags.items()[0].message, "unclosed '{' in text; write '{{' for a literal brace");
  EXPECT_EQ(diags.items()[0].column, 7);
}

TEST_F(TextTest, AStrayClosingBraceIsAnError) {
  EXPECT_FALSE(text("a } b"));
  ASSERT_EQ(diags.items().size(), 1u);
  EXPECT_EQ(diags.items()[0].message, "unmatched '}' in text; write '}}' for a literal brace");
  EXPECT_EQ(diags.items()[0].column, 3);
}

TEST_F(TextTest, ErrorsInsideInterpolationsPointIntoTheText) {
  const int32_t f = sources.add("s.yaml", "lines:\n  - You are {corage}.\n");
  EXPECT_FALSE(text("You are {corage}.", SourcePos{f, 2, 5}));
  ASSERT_EQ(diags.items().size(), 1u);
  EXPECT_EQ(diags.format_all(),
            "s.yaml:2:14: error[T0306]: unknown variable 'corage'; did you mean 'courage'?\n"
            "      - You are {corage}.\n"
            "                 ^\n");
}

TEST_F(TextTest, EveryBadInterpolationIsReported) {
  EXPECT_FALSE(text("{corage} and {nme}"));
  ASSERT_EQ(diags.items().size(), 2u);
  EXPECT_EQ(diags.items()[0].column, 2);
  EXPECT_EQ(diags.items()[1].column, 15);
}

TEST_F(TextTest, TextOverSeveralLinesAdvancesLineAndColumn) {
  const int32_t f = sources.add("s.yaml", "text: one\n  two {corage}\n");
  EXPECT_FALSE(text("one\ntwo {corage}", SourcePos{f, 1, 7}));
  ASSERT_EQ(diags.items().size(), 1u);
  EXPECT_EQ(diags.items()[0].line, 2);
  EXPECT_EQ(diags.items()[0].column, 6);
}

TEST_F(TextTest, WordCountCountsLiteralWordsAndEachInterpolationAsOne) {
  std::optional<Text> t = text("You have waited {words(waited)} times today.");
  ASSERT_TRUE(t);
  EXPECT_EQ(t->word_count(), 6u);
  t = text("The {courage}th  time,\tagain.");
  ASSERT_TRUE(t);
  EXPECT_EQ(t->word_count(), 4u);
  t = text("   ");
  ASSERT_TRUE(t);
  EXPECT_EQ(t->word_count(), 0u);
}

TEST_F(TextTest, ATextOutlivesTheStringItWasCompiledFrom) {
  std::optional<Text> t;
  {
    std::string source = "Day {day}: {{still}} here, " + std::string(40, '.');
    t = text(source);
    source.assign(source.size(), '#');  // whatever the caller does with its string afterwards
  }
  ASSERT_TRUE(t);
  env.builtins[static_cast<size_t>(Builtin::Day)] = 4;
  const Text copy = *t;
  t.reset();
  EXPECT_EQ(copy.render(env), "Day 4: {still} here, " + std::string(40, '.'));
}

TEST_F(TextTest, WithAPoolTheLiteralsStayReadableAfterTheIndexIsDropped) {
  StringPool pool;
  const std::string_view kept = pool.intern("You are {name}, {{again}}, and {courage} of it.");
  pool.forget_index();
  const int32_t f = sources.add("s.yaml", std::string(kept));
  std::optional<Text> t = compile_text(kept, symbols, SourcePos{f, 1, 1}, sources, diags, &pool);
  ASSERT_TRUE(t) << diags.format_all();
  EXPECT_EQ(t->render(env), "You are Ada, {again}, and 3 of it.");
  EXPECT_EQ(t->word_count(), 8u);
}

TEST(StringPoolTest, EqualTextsAreKeptOnceWhateverTheirLength) {
  StringPool pool;
  std::vector<std::string> texts;
  // Lengths across the one-, two- and three-byte length prefixes, a text long enough for a
  // chunk of its own, and enough texts to fill several chunks.
  for (size_t n : {1, 127, 128, 300, 16383, 16384, 20000, 70000}) {
    texts.push_back(std::string(n, 'a'));
  }
  for (int i = 0; i < 5000; ++i) texts.push_back("line " + std::to_string(i) + " of the story");
  std::vector<std::string_view> first;
  for (const std::string& t : texts) first.push_back(pool.intern(t));
  for (size_t i = 0; i < texts.size(); ++i) {
    EXPECT_EQ(first[i], texts[i]);
    const std::string again = texts[i];  // another string with the same characters
    EXPECT_EQ(pool.intern(again).data(), first[i].data()) << i;
    EXPECT_TRUE(pool.owns(first[i]));
  }
  EXPECT_FALSE(pool.owns(texts[0]));
  EXPECT_TRUE(pool.intern("").empty());
}

TEST(SymbolsTest, ScenesAreFoundByNameBeforeAndAfterIndexing) {
  Symbols s;
  for (int i = 0; i < 1000; ++i) s.scenes.push_back("scene_" + std::to_string(i));
  s.scenes.push_back("scene_7");  // a duplicate: the first one wins, indexed or not
  EXPECT_EQ(s.find_scene("scene_7"), 7);
  s.index_scenes();
  const Symbols copy = s;  // a copied story finds its scenes too
  for (int i = 0; i < 1000; ++i) {
    EXPECT_EQ(copy.find_scene("scene_" + std::to_string(i)), i);
  }
  EXPECT_EQ(copy.find_scene("scene_7"), 7);
  EXPECT_EQ(copy.find_scene("scene_1000"), -1);
  EXPECT_EQ(copy.find_scene(""), -1);
}

// ---- values and words -------------------------------------------------------------------------

TEST(ValueText, NumbersReadAsAPersonWouldWriteThem) {
  EXPECT_EQ(Value(3).to_text(), "3");
  EXPECT_EQ(Value(-2).to_text(), "-2");
  EXPECT_EQ(Value(2.5).to_text(), "2.5");
  EXPECT_EQ(Value(1.0 / 3.0).to_text(), "0.33");
  EXPECT_EQ(Value(2.999).to_text(), "3");
  EXPECT_EQ(Value(-0.001).to_text(), "0");
  EXPECT_EQ(Value(1000000).to_text(), "1000000");
  EXPECT_EQ(Value(true).to_text(), "true");
  EXPECT_EQ(Value(false).to_text(), "false");
  EXPECT_EQ(Value("as it is").to_text(), "as it is");
  EXPECT_STREQ(type_name(Type::Number), "number");
  EXPECT_STREQ(type_name(Type::Bool), "bool");
  EXPECT_STREQ(type_name(Type::String), "string");
}

TEST(NumberWords, WholeNumbersReadInEnglish) {
  EXPECT_EQ(number_words(0), "zero");
  EXPECT_EQ(number_words(9), "nine");
  EXPECT_EQ(number_words(13), "thirteen");
  EXPECT_EQ(number_words(21), "twenty-one");
  EXPECT_EQ(number_words(40), "forty");
  EXPECT_EQ(number_words(100), "one hundred");
  EXPECT_EQ(number_words(105), "one hundred and five");
  EXPECT_EQ(number_words(999), "nine hundred and ninety-nine");
  EXPECT_EQ(number_words(1000), "one thousand");
  EXPECT_EQ(number_words(1005), "one thousand and five");
  EXPECT_EQ(number_words(2300), "two thousand three hundred");
  EXPECT_EQ(number_words(123456),
            "one hundred and twenty-three thousand four hundred and fifty-six");
  EXPECT_EQ(number_words(999999),
            "nine hundred and ninety-nine thousand nine hundred and "
            "ninety-nine");
}

TEST(NumberWords, NegativesAndFractions) {
  EXPECT_EQ(number_words(-5), "minus five");
  EXPECT_EQ(number_words(2.6), "three");
  EXPECT_EQ(number_words(2.4), "two");
  EXPECT_EQ(number_words(-0.4), "zero");
}

TEST_F(ExpressionTest, AVariableDeclaredAsTheWrongTypeIsOneErrorForAllItsUsesAtItsDeclaration) {
  const int32_t story = sources.add("story.yaml", "variables:\n  count: \"3\"\n");
  symbols.variables.emplace_back("count", Type::String, SourcePos{story, 2, 3},
                                 Value(std::string("3")));
  // Each fails on count's type; of `courage == count`, count is the one declared in quotes.
  // All are line 1 of a test.yaml: the one printed first is the leftmost, though compiled last.
  for (const std::string text : {"count > 1", "count + 1 == 2", "courage == count", "-count"}) {
    EXPECT_FALSE(compile(text).has_value()) << text;
  }
  diags.sort();
  EXPECT_EQ(diags.error_count(), 1u) << diags.format_all();
  EXPECT_EQ(diags.format_all(),
            "test.yaml:1:2: error[T0402]: '-' needs a number, but this expression is a string\n"
            "    -count\n"
            "     ^\n"
            "note: and 3 more uses of 'count'\n"
            "story.yaml:2:3: note: 'count' is declared here as a string (\"3\"); a number is "
            "written without quotes: count: 3\n"
            "      count: \"3\"\n"
            "      ^\n");
}

TEST_F(ExpressionTest, AVariableOfTheRightTypeStillGetsItsDeclarationButNoHintToChangeIt) {
  const int32_t story = sources.add("story.yaml", "variables:\n  mood: calm\n");
  symbols.variables.emplace_back("mood", Type::String, SourcePos{story, 2, 3},
                                 Value(std::string("calm")));
  EXPECT_FALSE(compile("mood > 1").has_value());
  EXPECT_EQ(diags.items().size(), 2u);
  EXPECT_EQ(diags.items().back().message, "'mood' is declared here as a string (\"calm\")");
}

TEST_F(ExpressionTest, AnUnknownGestureInChoseIsOneErrorForAllItsUses) {
  symbols.gestures = {{"drink"}, {}};
  symbols.index_gestures();
  for (const std::string text : {"chose(drnk) > 0", "chose(drnk) + chose(drink) > 1"}) {
    const int32_t f = sources.add("scene.yaml", text);
    EXPECT_FALSE(compile_expression(text, symbols, std::nullopt, SourcePos{f, 1, 1}, sources, diags,
                                    nullptr, 0)
                     .has_value());
  }
  diags.sort();
  EXPECT_EQ(diags.error_count(), 1u);
  ASSERT_EQ(diags.items().size(), 2u) << diags.format_all();
  EXPECT_EQ(diags.items()[0].message,
            "unknown gesture 'drnk' in chose(): this scene has no gesture of that id; did you "
            "mean 'drink'?");
  EXPECT_EQ(diags.items()[1].message, "and 1 more use of 'drnk'");
}

}  // namespace
}  // namespace threshold::story
