// A voice for the game-loop tests whose every reading lasts a fixed time on the test's own clock
// (the same steps the game is given), queued and cut in on as the real speaker's are
// (threshold/speech/speaker.h, Kind): what the game asked to say, and when, is kept. Not a
// stand-in for Speech Dispatcher (tests/support/speech_daemon.h runs the real one): the story's
// clock must wait for readings of a known length, which only the test's clock can give.
#pragma once

#include <algorithm>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "threshold/speech/speaker.h"

namespace threshold::game {

using Said = std::vector<std::string>;

// The test's clock as the voice reads it, and every reading: `seconds` each, plus
// `per_character` for each character of its text.
struct VoiceClock {
  struct Reading {
    std::string text;
    speech::Kind kind;
    double said_at, begins, ends;
    bool cut = false;
  };
  explicit VoiceClock(double each, double per_char = 0) : seconds(each), per_character(per_char) {}
  double seconds, per_character;
  double now = 0;
  std::vector<Reading> readings;
  std::vector<float> volumes;  // every set_volume, in order

  bool pending(const Reading& r) const { return !r.cut && now < r.ends; }
  Reading* find(const std::string& text) {
    for (Reading& r : readings) {
      if (r.text == text) return &r;
    }
    return nullptr;
  }
  Said texts() const {
    Said out;
    for (const Reading& r : readings) out.push_back(r.text);
    return out;
  }
};

class ClockedVoice : public speech::Voice {
 public:
  explicit ClockedVoice(std::shared_ptr<VoiceClock> clock) : clock_(std::move(clock)) {}
  speech::Utterance say(const std::string& text, speech::Kind kind) override {
    bool only_things = true;
    for (const auto& r : clock_->readings) {
      if (clock_->pending(r) &&
          (r.kind == speech::Kind::Line || r.kind == speech::Kind::Announcement))
        only_things = false;
    }
    if (kind == speech::Kind::Menu || (kind == speech::Kind::Thing && only_things)) cancel();
    double begins = clock_->now;
    for (const auto& r : clock_->readings) {
      if (clock_->pending(r)) begins = std::max(begins, r.ends);
    }
    const double lasts = clock_->seconds + clock_->per_character * static_cast<double>(text.size());
    clock_->readings.push_back({text, kind, clock_->now, begins, begins + lasts});
    return clock_->readings.size();
  }
  void cancel() override {
    for (auto& r : clock_->readings) {
      if (clock_->pending(r)) {
        r.cut = true;
        r.ends = clock_->now;
      }
    }
  }
  bool speaking() const override {
    for (const auto& r : clock_->readings) {
      if (clock_->pending(r)) return true;
    }
    return false;
  }
  bool speaking(speech::Utterance u) const override {
    return u >= 1 && u <= clock_->readings.size() && clock_->pending(clock_->readings[u - 1]);
  }
  std::string failure() const override { return ""; }
  void set_volume(float fraction) override { clock_->volumes.push_back(fraction); }

 private:
  std::shared_ptr<VoiceClock> clock_;
};

}  // namespace threshold::game
