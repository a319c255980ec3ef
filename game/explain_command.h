// `threshold explain [CODE]`: what a diagnostic code means (`error[T0102]` → T0102), with a
// minimal wrong and right example and the fix; with no code, the list of every code. The text
// comes from the one table in engine/story/include/threshold/story/codes.h. Registered by
// game/main.cpp.
#pragma once

#include <CLI/CLI.hpp>
#include <string>

namespace threshold::game {

struct ExplainArgs {
  std::string code;       // empty: list them all
  bool markdown = false;  // every code as the "Diagnostic codes" section of docs/authoring.md
};

CLI::App* add_explain_command(CLI::App& app, ExplainArgs& args);

// Prints to stdout; an unknown code is an error on stderr. Returns the exit status.
int run_explain(const ExplainArgs& args);

}  // namespace threshold::game
