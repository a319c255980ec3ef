// Diagnostics as a writer reads them: the compiler-style first line, the quoted source line with
// a caret under the mistake, the order they are printed in, and "did you mean" suggestions.
#include "threshold/story/diagnostic.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <string>
#include <utility>

#include "threshold/story/codes.h"

namespace threshold::story {
namespace {

TEST(Sources, LinesAreReturnedWithoutTheirNewlines) {
  Sources sources;
  const int32_t f = sources.add("a.yaml", "first\nsecond\r\n\nlast");
  EXPECT_EQ(sources.path(f), "a.yaml");
  EXPECT_EQ(sources.line(f, 1), "first");
  EXPECT_EQ(sources.line(f, 2), "second");
  EXPECT_EQ(sources.line(f, 3), "");
  EXPECT_EQ(sources.line(f, 4), "last");
}

TEST(Sources, LinesOutOfRangeAreEmpty) {
  Sources sources;
  const int32_t f = sources.add("a.yaml", "only\n");
  EXPECT_EQ(sources.line(f, 0), "");
  EXPECT_EQ(sources.line(f, 3), "");
  EXPECT_EQ(sources.line(f + 1, 1), "");
  EXPECT_EQ(sources.line(-1, 1), "");
}

TEST(Sources, EveryLineOfALongFileCanBeQuoted) {
  // Lines are found from a checkpoint every few hundred lines: check both sides of several.
  std::string text;
  for (int i = 1; i <= 1000; ++i) text += "line " + std::to_string(i) + "\n";
  Sources sources;
  const int32_t f = sources.add("long.yaml", text);
  for (int32_t n : {1, 2, 255, 256, 257, 512, 513, 999, 1000}) {
    EXPECT_EQ(sources.line(f, n), "line " + std::to_string(n)) << n;
  }
  EXPECT_EQ(sources.line(f, 1001), "");  // the empty line after the last newline
  EXPECT_EQ(sources.line(f, 1002), "");
}

TEST(Sources, AFileIsQuotedFromDiskByLine) {
  const std::string path = ::testing::TempDir() + "sources_from_disk.yaml";
  std::string text;
  for (int i = 1; i <= 600; ++i) text += "line " + std::to_string(i) + "\n";
  {
    std::FILE* out = std::fopen(path.c_str(), "wb");
    ASSERT_NE(out, nullptr);
    std::fwrite(text.data(), 1, text.size(), out);
    std::fclose(out);
  }
  Sources sources;
  sources.add("story.yaml", "title: x\n");
  const int32_t first = sources.add_slots(2);
  sources.set_file(first + 1, path, text);  // slots are filled in any order
  sources.set_file(first, "empty.yaml", "");
  EXPECT_EQ(sources.path(first + 1), path);
  EXPECT_EQ(sources.line(first + 1, 300), "line 300");
  EXPECT_EQ(sources.line(first + 1, 600), "line 600");
  EXPECT_EQ(sources.line(first, 1), "");
  std::remove(path.c_str());
}

TEST(DiagnosticFormat, ErrorQuotesTheLineAndPointsAtTheColumn) {
  Diagnostic d;
  d.file = "data/scenes/kitchen.yaml";
  d.line = 14;
  d.column = 7;
  d.message = "unknown key 'lnger' in line; did you mean 'linger'?";
  d.source_line = "      lnger: 3";
  EXPECT_EQ(d.format(),
            "data/scenes/kitchen.yaml:14:7: error: unknown key 'lnger' in line; did you mean "
            "'linger'?\n"
            "          lnger: 3\n"
            "          ^\n");
}

TEST(DiagnosticFormat, TabsInTheSourceLineAreEchoedSoTheCaretStaysAligned) {
  Diagnostic d;
  d.file = "s.yaml";
  d.line = 2;
  d.column = 4;
  d.message = "bad";
  d.source_line = "\t\tx:y";
  EXPECT_EQ(d.format(), "s.yaml:2:4: error: bad\n    \t\tx:y\n    \t\t ^\n");
}

TEST(DiagnosticFormat, ColumnsCountCharactersNotBytes) {
  Diagnostic d;
  d.file = "s.yaml";
  d.line = 1;
  d.message = "bad";
  d.source_line = "caf\xC3\xA9 x";  // "café x": 'é' is two bytes, one column
  d.column = 6;
  EXPECT_EQ(d.format(), "s.yaml:1:6: error: bad\n    caf\xC3\xA9 x\n         ^\n");
}

// The quoted line and the caret line of a formatted diagnostic, without their indent.
std::pair<std::string, std::string> quote_and_caret(const std::string& formatted) {
  const size_t a = formatted.find('\n') + 1;
  const size_t b = formatted.find('\n', a) + 1;
  const size_t c = formatted.find('\n', b);
  return {formatted.substr(a + 4, b - 1 - a - 4), formatted.substr(b + 4, c - b - 4)};
}

// Characters, not bytes: '…' is three bytes, one character.
size_t characters(const std::string& s) {
  size_t n = 0;
  for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
  return n;
}

TEST(DiagnosticFormat, AHundredThousandCharacterLineIsQuotedAsAWindowWithTheCaretOnItsCharacter) {
  Diagnostic d;
  d.file = "s.yaml";
  d.line = 1;
  d.column = 20000;
  d.message = "bad";
  d.source_line = std::string(100000, 'x');
  d.source_line[19999] = 'Q';  // the character at column 20000
  const auto [quote, caret] = quote_and_caret(d.format());
  EXPECT_EQ(characters(quote), 102u) << "100 characters and an '\u2026' at each cut end";
  EXPECT_TRUE(quote.starts_with("\xE2\x80\xA6x")) << quote;
  EXPECT_TRUE(quote.ends_with("x\xE2\x80\xA6")) << quote;
  EXPECT_EQ(caret.back(), '^');
  // The caret is under the Q: as many characters before it as spaces before the caret.
  const size_t q = quote.find('Q');
  ASSERT_NE(q, std::string::npos);
  EXPECT_EQ(characters(quote.substr(0, q)), caret.size() - 1);
}

TEST(DiagnosticFormat, ALongLineCutOnlyWhereItGoesOnIsMarkedOnlyThere) {
  Diagnostic d;
  d.file = "s.yaml";
  d.line = 1;
  d.column = 3;
  d.message = "bad";
  d.source_line = "a: " + std::string(500, 'y');
  EXPECT_EQ(d.format(),
            "s.yaml:1:3: error: bad\n    a: " + std::string(97, 'y') + "\xE2\x80\xA6\n      ^\n");
  d.column = 503;  // the last character
  const auto [quote, caret] = quote_and_caret(d.format());
  EXPECT_EQ(quote, "\xE2\x80\xA6" + std::string(100, 'y'));
  EXPECT_EQ(caret, std::string(100, ' ') + "^");
}

TEST(DiagnosticFormat, WarningsAndNotesSayWhatTheyAre) {
  Diagnostic d;
  d.file = "story.yaml";
  d.line = 3;
  d.column = 1;
  d.severity = Severity::Warning;
  d.message = "variable 'x' is set but never read";
  EXPECT_EQ(d.format(), "story.yaml:3:1: warning: variable 'x' is set but never read\n");
  d.severity = Severity::Note;
  EXPECT_EQ(d.format(), "story.yaml:3:1: note: variable 'x' is set but never read\n");
}

TEST(DiagnosticFormat, LineZeroMeansTheWholeFile) {
  Diagnostic d;
  d.file = "data/story.yaml";
  d.message = "the file is empty";
  d.source_line = "ignored";
  EXPECT_EQ(d.format(), "data/story.yaml: error: the file is empty\n");
}

// A diagnostic with a code prints it in brackets after its severity, as compilers do; the code
// travels with it from the call that reported it.
TEST(DiagnosticFormat, ACodePrintsInBracketsAfterTheSeverity) {
  Sources sources;
  const int32_t scene = sources.add("scenes/a.yaml", "scene: a\nbeats: 3\n");
  Diagnostics diags;
  diags.error(sources, SourcePos{scene, 2, 8}, "'beats' must be a list", Code::WrongShape);
  diags.warning(sources, SourcePos{scene, 1, 1}, "scene 'a' is never reached", Code::Unreachable);
  diags.file_error("scenes/b.yaml", "the file is empty", Code::FileEmpty);
  ASSERT_EQ(diags.items().size(), 3u);
  EXPECT_EQ(
      diags.items()[0].format(),
      "scenes/a.yaml:2:8: error[T0106]: 'beats' must be a list\n    beats: 3\n           ^\n");
  EXPECT_EQ(diags.items()[1].format().substr(0, 35), "scenes/a.yaml:1:1: warning[T0601]: ");
  EXPECT_EQ(diags.items()[2].format(), "scenes/b.yaml: error[T0005]: the file is empty\n");
}

// Every code has all its parts, and its printed name finds it again; numbers are unique and
// each stays in its group.
TEST(Codes, EveryCodeHasATitleAnExplanationExamplesAndAFix) {
  ASSERT_GE(all_codes().size(), 40u);
  unsigned previous = 0;
  for (const CodeInfo& c : all_codes()) {
    const std::string name = code_name(c.code);
    SCOPED_TRACE(name);
    const auto n = static_cast<unsigned>(c.code);
    EXPECT_GT(n, previous);
    previous = n;
    EXPECT_LE(n % 100, 99u);
    EXPECT_LE(n / 100, 6u);
    EXPECT_EQ(name.size(), 5u);
    EXPECT_EQ(find_code(name), &c);
    EXPECT_EQ(find_code(c.code), &c);
    EXPECT_FALSE(c.title.empty());
    EXPECT_GT(c.explanation.size(), 40u);
    EXPECT_FALSE(c.wrong.empty());
    EXPECT_FALSE(c.right.empty());
    EXPECT_NE(c.wrong, c.right);
    EXPECT_FALSE(c.fix.empty());
  }
  EXPECT_EQ(code_name(Code::None), "");
  EXPECT_EQ(find_code(Code::None), nullptr);
  EXPECT_EQ(find_code("T9999"), nullptr);
  EXPECT_EQ(find_code("T01022"), nullptr);
  EXPECT_EQ(find_code(""), nullptr);
  EXPECT_EQ(find_code("T"), nullptr);
  EXPECT_EQ(find_code("T-102"), nullptr);
}

TEST(Diagnostics, AddFillsFileLineAndSourceFromSources) {
  Sources sources;
  sources.add("story.yaml", "title: x\n");
  const int32_t scene = sources.add("scenes/a.yaml", "scene: a\nbeats: 3\n");
  Diagnostics diags;
  diags.error(sources, SourcePos{scene, 2, 8}, "'beats' must be a list");
  ASSERT_EQ(diags.items().size(), 1u);
  const Diagnostic& d = diags.items()[0];
  EXPECT_EQ(d.file, "scenes/a.yaml");
  EXPECT_EQ(d.line, 2);
  EXPECT_EQ(d.column, 8);
  EXPECT_EQ(d.source_line, "beats: 3");
  EXPECT_EQ(d.format(),
            "scenes/a.yaml:2:8: error: 'beats' must be a list\n    beats: 3\n           ^\n");
}

TEST(Diagnostics, APositionPastTheLongestLineStillQuotesTheRightLine) {
  Sources sources;
  const int32_t f = sources.add("wide.yaml", "a: 1\nb: " + std::string(300000, 'x') + "\n");
  Diagnostics diags;
  // A column past SourcePos::kMaxColumn is kept at the largest one it can hold.
  diags.error(sources, SourcePos{f, 2, 300001}, "too wide");
  ASSERT_EQ(diags.items().size(), 1u);
  EXPECT_EQ(diags.items()[0].line, 2);
  EXPECT_EQ(diags.items()[0].column, SourcePos::kMaxColumn);
  EXPECT_EQ(diags.items()[0].source_line.substr(0, 4), "b: x");
}

TEST(Diagnostics, AFilePastTheLastOneAPositionCanNameIsNotMistakenForAnother) {
  Sources sources;
  sources.add("story.yaml", "title: x\n");
  Diagnostics diags;
  diags.error(sources, SourcePos{SourcePos::kMaxFile + 1, 3, 4}, "unknown beat 'x'");
  ASSERT_EQ(diags.items().size(), 1u);
  EXPECT_EQ(diags.items()[0].file, "");
  EXPECT_EQ(diags.items()[0].message,
            "unknown beat 'x' (in a file past the story's first 131072, which positions cannot "
            "name)");
  // The unknown file stays unknown, and an index in range stays what it was.
  EXPECT_EQ(SourcePos().file, -1);
  EXPECT_EQ((SourcePos{SourcePos::kMaxFile, 1, 1}.file), SourcePos::kMaxFile);
}

TEST(Diagnostics, APositionKeepsFilesLinesAndColumnsPastSixteenBitsInEightBytes) {
  static_assert(sizeof(SourcePos) == 8);
  const SourcePos at{33000, 70000, 40000};
  EXPECT_EQ(at.file, 33000);
  EXPECT_EQ(at.line, 70000);
  EXPECT_EQ(at.column, 40000);
  // Every line of the largest file the loader reads (8 MiB of newlines) has its own number.
  EXPECT_EQ((SourcePos{1, (8 << 20) + 1, 1}.line), (8 << 20) + 1);
  EXPECT_EQ((SourcePos{1, SourcePos::kMaxLine + 5, 1}.line), SourcePos::kMaxLine);
  // The style of the text beside them, for positions inside a value (text_position.h).
  const SourcePos folded{33000, 70000, 40000, TextStyle::Folded};
  EXPECT_EQ(folded.text_style(), TextStyle::Folded);
  EXPECT_EQ(folded.file, 33000);
  EXPECT_EQ(folded.line, 70000);
  EXPECT_EQ(folded.column, 40000);
}

TEST(Diagnostics, WarningsPastTheCapAreCountedAndSaidOnce) {
  Sources sources;
  const int32_t f = sources.add("a.yaml", "x: 1\n");
  Diagnostics diags;
  for (size_t i = 0; i < Diagnostics::kMaxWarnings + 40; ++i) {
    diags.warning(sources, SourcePos{f, 1, 1},
                  "scene 's" + std::to_string(i) + "' is never reached");
    diags.add(sources, SourcePos{f, 1, 1}, Severity::Note, "the start scene is here");
  }
  diags.error(sources, SourcePos{f, 1, 4}, "bad");
  EXPECT_EQ(diags.warning_count(), Diagnostics::kMaxWarnings + 40);
  EXPECT_EQ(diags.more_warnings(), 40u);
  EXPECT_EQ(diags.error_count(), 1u);  // an error after the cap is still kept
  // Kept: 100 warnings with their notes, and the error; the dropped warnings' notes go too.
  EXPECT_EQ(diags.items().size(), 2 * Diagnostics::kMaxWarnings + 1);
  const std::string out = diags.format_all();
  EXPECT_EQ(out.substr(out.rfind('\n', out.size() - 2) + 1), "and 40 more warnings\n");
  EXPECT_NE(out.find("a.yaml:1:4: error: bad"), std::string::npos);
}

TEST(Diagnostics, CountsErrorsAndWarningsApart) {
  Sources sources;
  Diagnostics diags;
  EXPECT_FALSE(diags.has_errors());
  diags.warning(sources, {}, "w1");
  EXPECT_FALSE(diags.has_errors());
  diags.error(sources, {}, "e1");
  diags.file_error("missing.yaml", "cannot open the file");
  diags.warning(sources, {}, "w2");
  EXPECT_EQ(diags.error_count(), 2u);
  EXPECT_EQ(diags.warning_count(), 2u);
  EXPECT_TRUE(diags.has_errors());
}

TEST(Diagnostics, SortOrdersByFileLineAndColumnKeepingEqualPositionsInOrder) {
  Sources sources;
  const int32_t b = sources.add("b.yaml", "1\n2\n3\n");
  const int32_t a = sources.add("a.yaml", "1\n2\n3\n");
  Diagnostics diags;
  diags.error(sources, {b, 1, 1}, "b1");
  diags.error(sources, {a, 3, 2}, "a3 second");
  diags.error(sources, {a, 3, 1}, "a3 first");
  diags.error(sources, {a, 1, 5}, "a1 one");
  diags.warning(sources, {a, 1, 5}, "a1 two");
  diags.sort();
  std::vector<std::string> order;
  for (const Diagnostic& d : diags.items()) order.push_back(d.message);
  EXPECT_EQ(order, (std::vector<std::string>{"a1 one", "a1 two", "a3 first", "a3 second", "b1"}));
}

TEST(Diagnostics, FormatAllPrintsEveryDiagnosticInTurn) {
  Diagnostics diags;
  diags.file_error("a.yaml", "first");
  diags.file_error("b.yaml", "second");
  EXPECT_EQ(diags.format_all(), "a.yaml: error: first\nb.yaml: error: second\n");
}

// error_once() as the expression compiler calls it: `line` is where a use's text starts (column
// 1) and `column` where the use is, one byte per column.
void use(Diagnostics& diags, const Sources& sources, int32_t file, int32_t line, int32_t column,
         const std::string& message = "unknown variable 'courage'") {
  diags.error_once(
      sources, "variable courage", " of 'courage'", {file, line, 1},
      static_cast<size_t>(column - 1),
      [=] {
        return SourcePos{file, line, column};
      },
      message, Code::UnknownVariable);
  diags.add(sources, {0, 2, 3}, Severity::Note, "'courag' is declared here");
}

TEST(Diagnostics, AnErrorOnceIsKeptAtTheUsePrintedFirstAndCountsTheOthers) {
  Sources sources;
  sources.add("story.yaml", "variables:\n  courag: 0\n");
  const int32_t b = sources.add("scenes/b.yaml", "if: courage > 1\n");
  const int32_t a = sources.add("scenes/a.yaml", "x\nif: courage > 1 or courage < 0\n");
  Diagnostics diags;
  use(diags, sources, b, 1, 5, "from b");
  use(diags, sources, a, 2, 22, "second in a");
  use(diags, sources, a, 2, 5, "first in a");
  use(diags, sources, a, 2, 5, "first in a");  // the same use compiled twice (a place's) is one
  diags.error(sources, {b, 1, 1}, "another error");
  diags.sort();
  EXPECT_EQ(diags.error_count(), 2u);
  EXPECT_EQ(diags.format_all(),
            "scenes/a.yaml:2:5: error[T0306]: first in a\n"
            "    if: courage > 1 or courage < 0\n"
            "        ^\n"
            "note: and 2 more uses of 'courage'\n"
            "story.yaml:2:3: note: 'courag' is declared here\n"
            "      courag: 0\n"
            "      ^\n"
            "scenes/b.yaml:1:1: error: another error\n"
            "    if: courage > 1\n"
            "    ^\n");
  // Sorting again adds no second count.
  diags.sort();
  EXPECT_EQ(diags.items().size(), 4u);
}

TEST(Diagnostics, AnErrorOnceIsTheSameHoweverItsUsesWereGroupedBeforeMerging) {
  Sources sources;
  sources.add("story.yaml", "variables:\n  courag: 0\n");
  const int32_t a = sources.add("scenes/a.yaml", "if: courage\nif: courage\n");
  const int32_t b = sources.add("scenes/b.yaml", "if: courage\nif: courage\n");
  // Four uses, compiled by workers in two groupings; the second line of a is compiled by both
  // groups of the second (as a place's text is compiled for each scene at the place).
  auto merged = [&](const std::vector<std::vector<std::pair<int32_t, int32_t>>>& groups) {
    Diagnostics all;
    for (const auto& group : groups) {
      Diagnostics part;
      for (const auto& [file, line] : group) use(part, sources, file, line, 5);
      for (const Diagnostic& d : part.items()) all.add(d);
      all.merge_uses(part);
    }
    all.sort();
    return all.format_all();
  };
  const std::string one = merged({{{b, 2}, {a, 2}, {b, 1}, {a, 1}}});
  EXPECT_EQ(one.substr(0, one.find('\n')),
            "scenes/a.yaml:1:5: error[T0306]: unknown variable 'courage'");
  EXPECT_NE(one.find("note: and 3 more uses of 'courage'\n"), std::string::npos) << one;
  EXPECT_EQ(merged({{{b, 1}, {a, 2}}, {{a, 2}, {b, 2}, {a, 1}}}), one);
  EXPECT_EQ(merged({{{a, 2}}, {{b, 2}}, {{a, 1}, {a, 2}}, {{b, 1}}}), one);
}

TEST(Diagnostics, AnErrorOncePastTheCapIsCountedOnceAndItsRepeatsNotAtAll) {
  Sources sources;
  sources.add("story.yaml", "variables:\n  courag: 0\n");
  const int32_t a = sources.add("scenes/a.yaml", "if: courage\nif: courage\nif: courage\n");
  Diagnostics diags;
  for (size_t i = 0; i < Diagnostics::kMaxErrors; ++i) diags.error(sources, {a, 1, 1}, "other");
  use(diags, sources, a, 1, 5);
  use(diags, sources, a, 2, 5);
  use(diags, sources, a, 3, 5);
  EXPECT_EQ(diags.error_count(), Diagnostics::kMaxErrors + 1);
  EXPECT_EQ(diags.items().size(), Diagnostics::kMaxErrors);  // nor are its notes kept
}

TEST(ClosestMatch, SuggestsTheWordATypoWasMeantToBe) {
  const std::vector<std::string> keys{"text", "linger", "if", "pause"};
  EXPECT_EQ(closest_match("lnger", keys), "linger");
  EXPECT_EQ(closest_match("lingr", keys), "linger");
  EXPECT_EQ(closest_match("paues", keys), "pause");  // two letters swapped is one edit
  EXPECT_EQ(closest_match("txet", keys), "text");
}

TEST(ClosestMatch, SuggestsNothingWhenNothingIsClose) {
  const std::vector<std::string> keys{"text", "linger", "if", "pause"};
  EXPECT_EQ(closest_match("colour", keys), "");
  EXPECT_EQ(closest_match("x", {"y"}), "");          // one letter is not a typo of another
  EXPECT_EQ(closest_match("lingerwxyz", keys), "");  // four extra letters in ten are too many
  EXPECT_EQ(closest_match("anything", {}), "");
}

TEST(ClosestMatch, PrefersTheNearestAndOnATieTheFirstCandidate) {
  EXPECT_EQ(closest_match("courage", {"courtage", "courage_x", "courage"}), "courage");
  EXPECT_EQ(closest_match("cat", {"bat", "hat"}), "bat");
  EXPECT_EQ(closest_match("cat", {"hat", "bat"}), "hat");
}

}  // namespace
}  // namespace threshold::story
