// The out-of-line parts of SmallFloats (compact.h).
#include "threshold/story/compact.h"

namespace threshold::story {

void SmallFloats::assign(const float* first, const float* last) {
  const auto n = static_cast<uint32_t>(last - first);
  // Copy before releasing: `first` may point into this.
  float* fresh = n > kInPlace ? new float[n] : nullptr;
  if (fresh) std::copy(first, last, fresh);
  float in_place[kInPlace] = {};
  if (!fresh) std::copy(first, last, in_place);
  release();
  size_ = n;
  if (fresh) {
    std::memcpy(store_, &fresh, sizeof fresh);
  } else {
    std::memcpy(store_, in_place, sizeof store_);
  }
}

void SmallFloats::push_back(float v) {
  if (size_ < kInPlace) {
    store_[size_++] = v;
    return;
  }
  float* fresh = new float[size_ + 1];
  std::copy(begin(), end(), fresh);
  fresh[size_] = v;
  release();
  ++size_;
  std::memcpy(store_, &fresh, sizeof fresh);
}

}  // namespace threshold::story
