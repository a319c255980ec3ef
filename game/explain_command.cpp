// `threshold explain`. See explain_command.h.
#include "explain_command.h"

#include <iostream>
#include <string_view>

#include "threshold/story/codes.h"
#include "threshold/story/diagnostic.h"

namespace threshold::game {

namespace {

namespace story = threshold::story;

// `text` wrapped at `width` columns (counting characters, not bytes), each line after `indent`.
std::string wrap(std::string_view text, size_t width, std::string_view indent = "") {
  std::string out;
  std::string line;
  size_t line_chars = 0;
  auto chars = [](std::string_view w) {
    size_t n = 0;
    for (char c : w) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
    return n;
  };
  size_t i = 0;
  while (i < text.size()) {
    size_t end = text.find(' ', i);
    if (end == std::string_view::npos) end = text.size();
    std::string_view word = text.substr(i, end - i);
    i = end + 1;
    if (word.empty()) continue;
    if (line_chars > 0 && line_chars + 1 + chars(word) > width) {
      out += std::string(indent) + line + '\n';
      line.clear();
      line_chars = 0;
    }
    if (line_chars > 0) {
      line += ' ';
      ++line_chars;
    }
    line += word;
    line_chars += chars(word);
  }
  if (line_chars > 0) out += std::string(indent) + line + '\n';
  return out;
}

std::string indented(std::string_view text, std::string_view indent) {
  std::string out;
  size_t i = 0;
  while (i <= text.size()) {
    size_t end = text.find('\n', i);
    if (end == std::string_view::npos) end = text.size();
    out += std::string(indent) + std::string(text.substr(i, end - i)) + '\n';
    i = end + 1;
  }
  return out;
}

std::string explain(const story::CodeInfo& c) {
  std::string out = story::code_name(c.code) + ": " + std::string(c.title) + "\n\n";
  out += wrap(c.explanation, 78);
  out += "\nWrong:\n" + indented(c.wrong, "    ");
  out += "\nRight:\n" + indented(c.right, "    ");
  out += "\n" + wrap("Fix: " + std::string(c.fix), 78);
  return out;
}

std::string markdown(const story::CodeInfo& c) {
  std::string out = "#### " + story::code_name(c.code) + ": " + std::string(c.title) + "\n\n";
  out += std::string(c.explanation) + "\n\n";
  out += "Wrong:\n```\n" + std::string(c.wrong) + "\n```\nRight:\n```\n" + std::string(c.right) +
         "\n```\n";
  out += "Fix: " + std::string(c.fix) + "\n";
  return out;
}

}  // namespace

CLI::App* add_explain_command(CLI::App& app, ExplainArgs& args) {
  CLI::App* cmd = app.add_subcommand(
      "explain", "Explain a diagnostic code (error[T0102] → threshold explain T0102)");
  cmd->add_option("CODE", args.code, "The code, as printed in brackets: T0102 (default: list all)");
  cmd->add_flag("--markdown", args.markdown,
                "Print every code as Markdown (the \"Diagnostic codes\" section of "
                "docs/authoring.md)");
  cmd->footer("Exit status: 0 explained; 1 no such code.");
  return cmd;
}

int run_explain(const ExplainArgs& args) {
  if (args.markdown) {
    bool first = true;
    for (const story::CodeInfo& c : story::all_codes()) {
      if (!first) std::cout << '\n';
      first = false;
      std::cout << markdown(c);
    }
    return 0;
  }
  if (args.code.empty()) {
    std::cout << "Every diagnostic code; `threshold explain CODE` says what one means and how to "
                 "fix it.\n\n";
    for (const story::CodeInfo& c : story::all_codes()) {
      std::cout << "  " << story::code_name(c.code) << "  " << c.title << '\n';
    }
    return 0;
  }
  const story::CodeInfo* c = story::find_code(args.code);
  if (c == nullptr) {
    std::vector<std::string> names;
    for (const story::CodeInfo& info : story::all_codes())
      names.push_back(story::code_name(info.code));
    std::string upper = args.code;
    for (char& ch : upper) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
    std::string match = story::closest_match(upper, names);
    std::cerr << "threshold: no diagnostic code '" << args.code << "'"
              << (match.empty() ? std::string() : "; did you mean " + match + "?")
              << " (`threshold explain` lists them all)\n";
    return 1;
  }
  std::cout << explain(*c);
  return 0;
}

}  // namespace threshold::game
