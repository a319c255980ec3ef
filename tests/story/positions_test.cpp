// Where an error inside a text or a condition is reported, in every way YAML lets a writer write
// it: plain, quoted, over several lines, as a literal or folded block, after escapes and
// characters of more than one byte, in a file that starts with a byte order mark. Each test
// loads a story from disk and reads the diagnostic as the writer does: `file:line:column`, the
// quoted line, and the caret under the character the error is about.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "threshold/story/loader.h"
#include "threshold/story/text_position.h"

namespace threshold::story {
namespace {

namespace fs = std::filesystem;

// The errors below are about the unknown variable 'nme' (or a condition cut short); what they
// say is tested elsewhere. Here: where they point.
constexpr const char* kUnknown = "error[T0306]: unknown variable 'nme'";

// A story whose one scene file is `scene` (scenes/a.yaml), with a variable `courage`.
class SceneFile {
 public:
  explicit SceneFile(const std::string& scene) {
    static int counter = 0;
    dir_ = fs::temp_directory_path() /
           ("threshold_positions_" + std::to_string(::getpid()) + "_" + std::to_string(counter++));
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "scenes");
    std::ofstream(dir_ / "story.yaml", std::ios::binary)
        << "title: T\nstart: a\nvariables:\n  courage: 0\n";
    std::ofstream(dir_ / "scenes" / "a.yaml", std::ios::binary) << scene;
  }
  ~SceneFile() { fs::remove_all(dir_); }

  // Every diagnostic as printed, with paths relative to the story folder, and an error's message
  // cut after its first words (`error[T0306]: unknown variable 'nme'`).
  std::string report() const {
    LoadResult r = load_story(dir_.string());
    std::string out = r.diagnostics.format_all();
    const std::string prefix = dir_.string() + "/";
    for (size_t at = out.find(prefix); at != std::string::npos; at = out.find(prefix, at)) {
      out.erase(at, prefix.size());
    }
    const size_t message = out.find(kUnknown);
    if (message != std::string::npos) {
      const size_t cut = message + std::string_view(kUnknown).size();
      out.erase(cut, out.find('\n', cut) - cut);
    }
    return out;
  }

 private:
  fs::path dir_;
};

// A scene whose beat has these lines (the first of them is line 5 of the file).
std::string with_lines(const std::string& lines) {
  return "scene: a\nbeats:\n  - id: one\n    lines:\n" + lines;
}

// The character the caret points at: the caret line's width, in terminal cells, walked along
// the quoted line (a character of East Asian width takes two cells).
std::string under_caret(const std::string& printed) {
  const size_t a = printed.find('\n') + 1;
  const size_t b = printed.find('\n', a) + 1;
  const size_t c = printed.find('\n', b);
  const std::string quoted = printed.substr(a + 4, b - 1 - a - 4);
  const std::string caret = printed.substr(b + 4, c - b - 4);
  size_t cells = caret.find('^');
  for (size_t i = 0; i < quoted.size();) {
    size_t n = 1;
    while (i + n < quoted.size() && (static_cast<unsigned char>(quoted[i + n]) & 0xC0) == 0x80) {
      ++n;
    }
    if (cells == 0) return quoted.substr(i, n);
    const auto lead = static_cast<unsigned char>(quoted[i]);
    const size_t width = lead >= 0xE3 ? 2 : 1;  // CJK and emoji, in these tests
    if (cells < width) return "(inside " + quoted.substr(i, n) + ")";
    cells -= width;
    i += n;
  }
  return "(past the end)";
}

TEST(Positions, APlainLine) {
  const std::string out = SceneFile(with_lines("      - Hello {nme} there.\n")).report();
  EXPECT_EQ(out, std::string("scenes/a.yaml:5:16: ") + kUnknown +
                     "\n"
                     "          - Hello {nme} there.\n"
                     "                   ^\n");
  EXPECT_EQ(under_caret(out), "n");
}

TEST(Positions, APlainLineThatGoesOnToTheNextLine) {
  const std::string out = SceneFile(with_lines("      - plain that goes on\n"
                                               "        to a second {nme} line\n"))
                              .report();
  EXPECT_EQ(out, std::string("scenes/a.yaml:6:22: ") + kUnknown +
                     "\n"
                     "            to a second {nme} line\n"
                     "                         ^\n");
}

TEST(Positions, APlainLineAfterBlankLines) {
  // A blank line in plain text is a line break in the value.
  const std::string out = SceneFile(with_lines("      - one\n"
                                               "\n"
                                               "        two {nme}\n"))
                              .report();
  EXPECT_EQ(out, std::string("scenes/a.yaml:7:14: ") + kUnknown +
                     "\n"
                     "            two {nme}\n"
                     "                 ^\n");
}

TEST(Positions, SingleQuotesAfterADoubledQuote) {
  const std::string out = SceneFile(with_lines("      - 'it''s {nme}'\n")).report();
  EXPECT_EQ(out, std::string("scenes/a.yaml:5:17: ") + kUnknown +
                     "\n"
                     "          - 'it''s {nme}'\n"
                     "                    ^\n");
  EXPECT_EQ(under_caret(out), "n");
}

TEST(Positions, DoubleQuotesAfterEscapes) {
  // \" is one character of the value, \t one, \u00e9 two bytes of one; none moves the caret
  // off the name.
  const std::string out =
      SceneFile(with_lines("      - \"a \\\"q\\\" \\t \\u00e9 \\U0001F600 {nme}\"\n")).report();
  EXPECT_EQ(out, std::string("scenes/a.yaml:5:40: ") + kUnknown +
                     "\n"
                     "          - \"a \\\"q\\\" \\t \\u00e9 \\U0001F600 {nme}\"\n"
                     "                                           ^\n");
  EXPECT_EQ(under_caret(out), "n");
}

TEST(Positions, EscapesInsideTheBracesOfDoubleQuotedText) {
  const std::string out = SceneFile(with_lines("      - \"Say {\\\"hi\\\" == nme}.\"\n")).report();
  EXPECT_EQ(out, std::string("scenes/a.yaml:5:25: ") + kUnknown +
                     "\n"
                     "          - \"Say {\\\"hi\\\" == nme}.\"\n"
                     "                            ^\n");
  EXPECT_EQ(under_caret(out), "n");
}

TEST(Positions, DoubleQuotesOverTwoLines) {
  const std::string out = SceneFile(with_lines("      - \"double over\n"
                                               "        two {nme} lines\"\n"))
                              .report();
  EXPECT_EQ(out, std::string("scenes/a.yaml:6:14: ") + kUnknown +
                     "\n"
                     "            two {nme} lines\"\n"
                     "                 ^\n");
}

TEST(Positions, DoubleQuotesWithAnEscapedLineBreak) {
  // A '\' at the end of the line joins the lines with nothing between them.
  const std::string out = SceneFile(with_lines("      - \"one, \\\n"
                                               "           two {nme}\"\n"))
                              .report();
  EXPECT_EQ(out, std::string("scenes/a.yaml:6:17: ") + kUnknown +
                     "\n"
                     "               two {nme}\"\n"
                     "                    ^\n");
}

TEST(Positions, ALiteralBlock) {
  const std::string out = SceneFile(with_lines("      - |\n"
                                               "        literal first\n"
                                               "          indented {nme}\n"))
                              .report();
  EXPECT_EQ(out, std::string("scenes/a.yaml:7:21: ") + kUnknown +
                     "\n"
                     "              indented {nme}\n"
                     "                        ^\n");
}

TEST(Positions, ALiteralBlockWithStripChompingAndABlankLineFirst) {
  const std::string out = SceneFile(with_lines("      - |-\n"
                                               "\n"
                                               "        strip\n"
                                               "        {nme}\n"))
                              .report();
  EXPECT_EQ(out, std::string("scenes/a.yaml:8:10: ") + kUnknown +
                     "\n"
                     "            {nme}\n"
                     "             ^\n");
}

TEST(Positions, ALiteralBlockWithAnIndentationIndicator) {
  // `|2`: the first line's own two extra spaces are part of the value.
  const std::string out = SceneFile(with_lines("      - |2\n"
                                               "            first {nme}\n"))
                              .report();
  EXPECT_EQ(out, std::string("scenes/a.yaml:6:20: ") + kUnknown +
                     "\n"
                     "                first {nme}\n"
                     "                       ^\n");
}

TEST(Positions, AFoldedBlock) {
  const std::string out = SceneFile(with_lines("      - >\n"
                                               "        folded first\n"
                                               "        and second {nme}\n"))
                              .report();
  EXPECT_EQ(out, std::string("scenes/a.yaml:7:21: ") + kUnknown +
                     "\n"
                     "            and second {nme}\n"
                     "                        ^\n");
}

TEST(Positions, AFoldedBlockWithKeepChompingAfterABlankAndAMoreIndentedLine) {
  const std::string out = SceneFile(with_lines("      - >+\n"
                                               "        keep\n"
                                               "\n"
                                               "          more\n"
                                               "        back {nme}\n"
                                               "\n"))
                              .report();
  EXPECT_EQ(out, std::string("scenes/a.yaml:9:15: ") + kUnknown +
                     "\n"
                     "            back {nme}\n"
                     "                  ^\n");
}

TEST(Positions, TextKeyOfALineAsAFoldedBlock) {
  const std::string out = SceneFile(with_lines("      - text: >-\n"
                                               "          one\n"
                                               "          two {nme}\n"
                                               "        linger: 2\n"))
                              .report();
  EXPECT_EQ(out, std::string("scenes/a.yaml:7:16: ") + kUnknown +
                     "\n"
                     "              two {nme}\n"
                     "                   ^\n");
}

TEST(Positions, CharactersOfMoreThanOneByteCountOnceAndTheCaretAllowsForWideOnes) {
  // 'é' is two bytes, 日 and 本 three and two cells wide, 👍 four bytes and two cells: the
  // column counts characters, as an editor does; the caret line gives the wide ones two cells.
  const std::string out = SceneFile(with_lines("      - café 日本 👍 {nme}\n")).report();
  EXPECT_EQ(out, std::string("scenes/a.yaml:5:20: ") + kUnknown +
                     "\n"
                     "          - café 日本 👍 {nme}\n"
                     "                          ^\n");
  EXPECT_EQ(under_caret(out), "n");
}

TEST(Positions, AFileWithAByteOrderMarkIsQuotedWithoutItAndItsColumnsDoNotCountIt) {
  const std::string out =
      SceneFile("\xEF\xBB\xBF{scene: a, beats: [{id: one, lines: [\"{nme}\"]}]}\n").report();
  EXPECT_EQ(out, std::string("scenes/a.yaml:1:40: ") + kUnknown +
                     "\n"
                     "    {scene: a, beats: [{id: one, lines: [\"{nme}\"]}]}\n"
                     "                                           ^\n");
  const std::string key =
      SceneFile("\xEF\xBB\xBFscene: [a]\nbeats: [{id: one, lines: [Hi.]}]\n").report();
  EXPECT_EQ(key.substr(0, key.find('\n')),
            "scenes/a.yaml:1:8: error[T0106]: 'scene' must be text, got a list");
  EXPECT_EQ(under_caret(key), "[");
}

TEST(Positions, AConditionOverTwoPlainLines) {
  const std::string out = SceneFile(with_lines("      - text: Fine.\n"
                                               "        if: courage > 1 and\n"
                                               "          nme\n"))
                              .report();
  EXPECT_EQ(out, std::string("scenes/a.yaml:7:11: ") + kUnknown +
                     "\n"
                     "              nme\n"
                     "              ^\n");
}

TEST(Positions, AConditionInDoubleQuotesAfterEscapedQuotes) {
  const std::string out = SceneFile(with_lines("      - text: Fine.\n"
                                               "        if: \"\\\"a\\\" == \\\"b\\\" and nme\"\n"))
                              .report();
  EXPECT_EQ(out, std::string("scenes/a.yaml:6:33: ") + kUnknown +
                     "\n"
                     "            if: \"\\\"a\\\" == \\\"b\\\" and nme\"\n"
                     "                                    ^\n");
  EXPECT_EQ(under_caret(out), "n");
}

TEST(Positions, AConditionAsAFoldedBlock) {
  const std::string out = SceneFile(with_lines("      - text: Fine.\n"
                                               "        if: >\n"
                                               "          courage > 1\n"
                                               "          and courage <\n"))
                              .report();
  // The line break the block keeps at its end is not a line to point at: the condition ends
  // just after the '<'.
  EXPECT_EQ(out,
            "scenes/a.yaml:8:24: error[T0401]: expected an expression after '<'\n"
            "              and courage <\n"
            "                           ^\n");
}

TEST(Positions, AnEffectOverTwoLinesOfAFoldedBlock) {
  const std::string out = SceneFile(
                              "scene: a\n"
                              "beats:\n"
                              "  - id: one\n"
                              "    set: >-\n"
                              "      courage +=\n"
                              "        nme\n"
                              "    lines: [Hello.]\n")
                              .report();
  EXPECT_EQ(out, std::string("scenes/a.yaml:6:9: ") + kUnknown +
                     "\n"
                     "            nme\n"
                     "            ^\n");
}

// ` #` in plain text starts a YAML comment, which silently cuts the line short.

TEST(CommentInText, APlainLineCutByACommentIsWarnedAboutAtTheHash) {
  const std::string out = SceneFile(with_lines("      - You are number #1 in line.\n")).report();
  EXPECT_EQ(out,
            "scenes/a.yaml:5:24: warning[T0610]: YAML reads ' #1 in line.' as a comment, so the "
            "line ends "
            "at 'number'; put the whole line in quotes to keep it\n"
            "          - You are number #1 in line.\n"
            "                           ^\n");
}

TEST(CommentInText, TheTextOfALineAndTheLastLineOfALongOneAreWarnedAboutToo) {
  const std::string out = SceneFile(with_lines("      - text: She was #2 again.\n"
                                               "        linger: 2\n"
                                               "      - A line that goes\n"
                                               "        on to be #3 here\n"))
                              .report();
  EXPECT_EQ(
      out,
      "scenes/a.yaml:5:23: warning[T0610]: YAML reads ' #2 again.' as a comment, so the line ends "
      "at 'was'; put the whole line in quotes to keep it\n"
      "          - text: She was #2 again.\n"
      "                          ^\n"
      "scenes/a.yaml:8:18: warning[T0610]: YAML reads ' #3 here' as a comment, so the line ends at "
      "'be'; put the whole line in quotes to keep it\n"
      "            on to be #3 here\n"
      "                     ^\n");
}

TEST(CommentInText, CommentsWritersMeanAreLeftAlone) {
  // After a key, set apart from a line's text, inside quotes: all written on purpose.
  const std::string out = SceneFile(
                              "scene: a  # the kitchen\n"
                              "beats:\n"
                              "  - id: one # first\n"
                              "    lines:  # what is said\n"
                              "      - Hello.   # draft\n"
                              "      - \"Number #1.\" # quoted\n"
                              "      - 'Number #2.'\n"
                              "      - pause # a breath\n"
                              "    end: done\n")
                              .report();
  EXPECT_EQ(out.find("comment"), std::string::npos) << out;
}

TEST(Positions, AStartWithNoStyleIsReadAsPlainText) {
  // Text that was not read from YAML (a tool's, a test's): a '\n' starts the next line.
  const auto none = [](int32_t) { return std::string(); };
  const SourcePos p = position_in_value(none, SourcePos(0, 3, 5), "ab\ncd", 4);
  EXPECT_EQ(p.line, 4);
  EXPECT_EQ(p.column, 2);
}

TEST(Positions, SourceLinesThatNoLongerFitTheValueFallBackToPlainText) {
  // The file was cut short after loading: the lines a folded value needs are gone.
  const auto lines = [](int32_t n) { return n == 2 ? std::string("  one") : std::string(); };
  const SourcePos p =
      position_in_value(lines, SourcePos(0, 2, 3, TextStyle::Folded), "one two three", 8);
  EXPECT_EQ(p.line, 2);
  EXPECT_EQ(p.column, 11);
}

}  // namespace
}  // namespace threshold::story
