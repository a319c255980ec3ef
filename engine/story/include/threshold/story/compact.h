// Compact storage for the fields of a loaded story: a 10,000-scene story holds ~200,000 lines,
// ~70,000 gestures and tens of thousands of shapes, and most of their optional parts are unset
// or small. Each type reads like the standard one it replaces, so code written against that keeps
// compiling, and costs less when the value is absent or short:
//   HeapOptional<T>  std::optional<T> on the heap: one pointer when empty (a line's condition)
//   SmallFloats      std::vector<float> with up to four numbers in place (a shape's numbers)
//   RareString       std::string that is one pointer when empty (a shape's image path)
// (OptionalText, in expression.h, is the same idea for a line's text.) Used by model.h, visual.h
// and expression.h. Every size a comment promises, here or in the structs built from these, is a
// static_assert beside its type.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <initializer_list>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace threshold::story {

// An optional value kept on the heap: one pointer when empty, for fields that most objects leave
// unset (a line's condition: a story has hundreds of thousands of lines and few conditions).
// Copies are deep, so it is a plain value like std::optional, and reads like one.
template <typename T>
class HeapOptional {
 public:
  HeapOptional() = default;
  HeapOptional(std::nullopt_t) {}
  HeapOptional(T value) : p_(std::make_unique<T>(std::move(value))) {}
  HeapOptional(std::optional<T> value) {
    if (value) p_ = std::make_unique<T>(std::move(*value));
  }
  HeapOptional(const HeapOptional& o) : p_(o.p_ ? std::make_unique<T>(*o.p_) : nullptr) {}
  HeapOptional(HeapOptional&&) noexcept = default;
  HeapOptional& operator=(const HeapOptional& o) {
    if (this != &o) p_ = o.p_ ? std::make_unique<T>(*o.p_) : nullptr;
    return *this;
  }
  HeapOptional& operator=(HeapOptional&&) noexcept = default;
  ~HeapOptional() = default;

  bool has_value() const { return p_ != nullptr; }
  explicit operator bool() const { return has_value(); }
  T& operator*() { return *p_; }
  const T& operator*() const { return *p_; }
  T* operator->() { return p_.get(); }
  const T* operator->() const { return p_.get(); }
  T& emplace() {
    p_ = std::make_unique<T>();
    return *p_;
  }
  void reset() { p_.reset(); }

 private:
  std::unique_ptr<T> p_;
};
static_assert(sizeof(HeapOptional<std::string>) == sizeof(void*));

// A shape's numbers: up to four in place (a rect, a circle, a line), more on the heap (a
// polygon). A story has tens of thousands of shapes and a std::vector costs each one a heap
// block. Reads like a std::vector<float> (size, [], iteration, comparison with a vector, and
// an implicit copy into one), so that code written against the vector keeps compiling.
// 20 bytes, 4-byte aligned (a std::vector is 24 and a heap block): the heap pointer is kept in the
// in-place storage, copied in and out bytewise.
class SmallFloats {
 public:
  using value_type = float;
  using size_type = size_t;
  using iterator = float*;
  using const_iterator = const float*;

  SmallFloats() = default;
  SmallFloats(std::initializer_list<float> v) { assign(v.begin(), v.end()); }
  SmallFloats(const std::vector<float>& v) { assign(v.data(), v.data() + v.size()); }
  SmallFloats(const SmallFloats& o) { assign(o.begin(), o.end()); }
  SmallFloats(SmallFloats&& o) noexcept : size_(o.size_) {
    std::memcpy(store_, o.store_, sizeof store_);
    o.size_ = 0;
  }
  SmallFloats& operator=(const SmallFloats& o) {
    if (this != &o) assign(o.begin(), o.end());
    return *this;
  }
  SmallFloats& operator=(SmallFloats&& o) noexcept {
    if (this != &o) {
      release();
      size_ = o.size_;
      std::memcpy(store_, o.store_, sizeof store_);
      o.size_ = 0;
    }
    return *this;
  }
  SmallFloats& operator=(std::initializer_list<float> v) {
    assign(v.begin(), v.end());
    return *this;
  }
  SmallFloats& operator=(const std::vector<float>& v) {
    assign(v.data(), v.data() + v.size());
    return *this;
  }
  ~SmallFloats() { release(); }

  size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  float* data() { return on_heap() ? heap() : store_; }
  const float* data() const { return on_heap() ? heap() : store_; }
  float* begin() { return data(); }
  float* end() { return data() + size_; }
  const float* begin() const { return data(); }
  const float* end() const { return data() + size_; }
  float& operator[](size_t i) { return data()[i]; }
  const float& operator[](size_t i) const { return data()[i]; }
  // Past four numbers every push_back reallocates: fine for a polygon of a few points.
  void push_back(float v);
  void clear() {
    release();
    size_ = 0;
  }
  operator std::vector<float>() const { return {begin(), end()}; }

  friend bool operator==(const SmallFloats& a, const SmallFloats& b) {
    return a.size_ == b.size_ && std::equal(a.begin(), a.end(), b.begin());
  }
  friend bool operator==(const SmallFloats& a, const std::vector<float>& b) {
    return a.size_ == b.size() && std::equal(a.begin(), a.end(), b.begin());
  }

 private:
  static constexpr uint32_t kInPlace = 4;
  bool on_heap() const { return size_ > kInPlace; }
  float* heap() const {
    float* p = nullptr;
    std::memcpy(&p, store_, sizeof p);
    return p;
  }
  void release() {
    if (on_heap()) delete[] heap();
  }
  void assign(const float* first, const float* last);

  uint32_t size_ = 0;
  float store_[kInPlace] = {};  // the numbers, or (more than four) a float* to them
  static_assert(sizeof(float*) <= sizeof(float) * kInPlace);
};
static_assert(sizeof(SmallFloats) == 20 && alignof(SmallFloats) == 4);

// A string most objects leave empty (a shape's image path): one pointer when empty. Converts to
// const std::string& and iterates like one, so readers written against std::string keep working.
class RareString {
 public:
  using value_type = char;
  using iterator = const char*;
  using const_iterator = const char*;

  RareString() = default;
  RareString(std::string s) { *this = std::move(s); }
  RareString(const RareString& o) : p_(o.p_ ? std::make_unique<std::string>(*o.p_) : nullptr) {}
  RareString(RareString&&) noexcept = default;
  RareString& operator=(const RareString& o) {
    if (this != &o) p_ = o.p_ ? std::make_unique<std::string>(*o.p_) : nullptr;
    return *this;
  }
  RareString& operator=(RareString&&) noexcept = default;
  RareString& operator=(std::string s) {
    if (s.empty()) {
      p_.reset();
    } else {
      p_ = std::make_unique<std::string>(std::move(s));
    }
    return *this;
  }
  RareString& operator=(std::string_view s) { return *this = std::string(s); }
  RareString& operator=(const char* s) { return *this = std::string(s); }
  ~RareString() = default;

  const std::string& str() const {
    static const std::string none;
    return p_ ? *p_ : none;
  }
  operator const std::string&() const { return str(); }
  bool empty() const { return !p_; }
  size_t size() const { return str().size(); }
  const char* c_str() const { return str().c_str(); }
  const char* begin() const { return str().data(); }
  const char* end() const { return str().data() + str().size(); }
  friend bool operator==(const RareString& a, std::string_view b) { return a.str() == b; }

 private:
  std::unique_ptr<std::string> p_;
};
static_assert(sizeof(RareString) == sizeof(void*));

}  // namespace threshold::story
