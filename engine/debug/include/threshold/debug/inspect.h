// What the overlay's "Now" panel shows: where the runtime is, each gesture of the open moment
// with its timer, and for each gesture not on offer the condition that hides it, taken apart
// into its sub-expressions with their values ("why can't I open the door yet?").
// Headless and read-only: everything here is computed from a Runtime, never changes it.
#pragma once

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "threshold/story/runtime.h"

namespace threshold::debug {

// One sub-expression of a condition and its value now. Listed root first, in reading order
// (pre-order); constants are left out (their value is their text).
struct ExprPart {
  int32_t node = -1;   // index into Expr::nodes()
  int32_t depth = 0;   // 0 for the whole condition, 1 for its operands, ...
  std::string text;    // printed from the compiled code: "restlessness >= 4", "visits(kitchen)"
  story::Value value;  // its value now
  bool reads_state = false;  // a variable, built-in or visits(): what the writer can change
};

// A condition taken apart. `blame` names what makes it false (or, under `not`, true): for
// `a and b`, the false operands; for `a or b`, both; for a comparison or a boolean variable, the
// comparison itself with the values it read: "restlessness >= 4 is false (restlessness = 2)".
struct ConditionReport {
  std::string source;  // as the writer wrote it
  story::SourcePos at;
  story::Value value;  // of the whole condition
  std::vector<ExprPart> parts;
  std::vector<std::string> blame;  // one sentence each; empty when the condition holds
};

// Takes `expr` apart against `env` (normally Runtime::env()). Names come from the story's symbols.
ConditionReport explain_condition(const story::Story& story, const story::Expr& expr,
                                  const story::Env& env);

// The text of one node of a compiled expression, printed back with the fewest parentheses:
// "courage >= 2 and not finished_coffee".
std::string expression_text(const story::Story& story, const story::Expr& expr, int32_t node);

// A gesture of the open moment, on offer or not.
struct GestureReport {
  int32_t index = -1;  // in the moment's gestures (Runtime::offered() indexes)
  std::string id;
  story::GestureKind kind = story::GestureKind::Touch;
  std::string thing;     // thing id; "" for wait and turn_away
  double seconds = 0;    // wait, hold, look: how long it takes
  std::string leads_to;  // "go: street", "then: desk", "end: outside", "stay", "next beat"
  std::string wording;   // what hints mode says for it (story::gesture_wording), with seconds
  bool offered = false;
  bool stay_taken = false;     // hidden because this stay gesture was taken in this visit
  bool has_condition = false;  // then `condition` is filled (offered or not)
  ConditionReport condition;
  std::string why_hidden;  // one line for the panel; "" when offered

  // The timer, for offered gestures the player is performing now (the press or the look rests
  // on its thing; for a wait, the silence is running). `remaining` is seconds until it fires
  // if the input stays as it is; infinity when it is not under way or fires only on release.
  bool underway = false;
  double elapsed = 0;
  double progress = 0;  // elapsed / seconds (push, pull: dragged / distance), 0..1
  double remaining = std::numeric_limits<double>::infinity();
  // Push and pull: the distance to move (frame pixels) and how far the press has moved its way.
  double distance = 0;
  double dragged = 0;
};

// The whole "Now" panel.
struct NowReport {
  story::Phase phase = story::Phase::NotStarted;
  const char* phase_name = "not started";
  double time = 0;
  std::string scene, beat, ending, place;  // ids; "" when none
  // Lines (beat lines, a gesture's answer, an ending): the line on screen and what follows.
  std::string gesture;     // the gesture whose answer is showing (GestureLines)
  int32_t lines_left = 0;  // lines after the one on screen that will still show now
  double linger_left = 0;  // seconds the line on screen still stays
  // Moment.
  double moment_open_for = 0;  // seconds since the moment opened
  double silence = 0;          // seconds of the silence running now (0 when the player acts)
  double next_deadline = std::numeric_limits<double>::infinity();  // Runtime::next_deadline
  std::vector<GestureReport> gestures;  // every gesture of the open moment, in story order
};

// Reads the runtime as the input last applied to it left it (State::last_input).
NowReport inspect_now(const story::Runtime& runtime);

}  // namespace threshold::debug
