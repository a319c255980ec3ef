// The StringPool (expression.h): one copy of each text and of each compiled code a story's
// lines hold, in chunks that never move. Apart from the expression language, which only hands
// it texts and codes: the loader's workers intern into it, and its layout is about memory.
#include <algorithm>
#include <cstring>
#include <functional>
#include <memory>
#include <mutex>

#include "threshold/story/expression.h"

namespace threshold::story {

namespace {

// The length before each kept text, 7 bits a byte, low bits first, the high bit set on every
// byte but the last: one byte for a line of fewer than 128 bytes, where a uint32_t took four.
size_t length_size(size_t n) {
  size_t bytes = 1;
  for (; n >= 0x80; n >>= 7) ++bytes;
  return bytes;
}

void put_length(char* at, size_t n) {
  for (; n >= 0x80; n >>= 7) *at++ = static_cast<char>((n & 0x7F) | 0x80);
  *at = static_cast<char>(n);
}

}  // namespace

std::string_view StringPool::kept(uint32_t handle) const {
  const char* p = chunks_[handle >> 16].bytes.get() + (handle & 0xFFFF);
  size_t size = 0;
  for (int shift = 0;; shift += 7) {
    const auto byte = static_cast<unsigned char>(*p++);
    size |= static_cast<size_t>(byte & 0x7F) << shift;
    if ((byte & 0x80) == 0) break;
  }
  return std::string_view(p, size);
}

std::string_view StringPool::intern(std::string_view s) {
  if (s.empty()) return {};
  std::lock_guard<std::mutex> lock(mutex_);
  const std::hash<std::string_view> hash;
  if ((count_ + 1) * 4 > table_.size() * 3) {
    std::vector<uint32_t> bigger(std::max<size_t>(1024, table_.size() * 2), kNoHandle);
    for (uint32_t h : table_) {
      if (h == kNoHandle) continue;
      size_t i = hash(kept(h)) & (bigger.size() - 1);
      while (bigger[i] != kNoHandle) i = (i + 1) & (bigger.size() - 1);
      bigger[i] = h;
    }
    table_.swap(bigger);
  }
  size_t i = hash(s) & (table_.size() - 1);
  for (; table_[i] != kNoHandle; i = (i + 1) & (table_.size() - 1)) {
    if (kept(table_[i]) == s) return kept(table_[i]);
  }
  const size_t prefix = length_size(s.size());
  const size_t need = prefix + s.size();
  size_t chunk = 0;
  size_t offset = 0;
  if (need > kChunk / 4) {
    // A long text gets a chunk of its own; the open chunk stays open.
    chunks_.push_back(Chunk{std::make_unique<char[]>(need), need});
    chunk = chunks_.size() - 1;
  } else {
    if (capacity_ - used_ < need) {
      chunks_.push_back(Chunk{std::make_unique<char[]>(kChunk), kChunk});
      open_ = chunks_.size() - 1;
      used_ = 0;
      capacity_ = kChunk;
    }
    chunk = open_;
    offset = used_;
    used_ += need;
  }
  char* at = chunks_[chunk].bytes.get() + offset;
  put_length(at, s.size());
  std::memcpy(at + prefix, s.data(), s.size());
  // Past 65,536 chunks (4 GiB of text) a handle cannot name the chunk: the text is kept, only no
  // longer found by later intern() calls. (No text starts at offset 0xFFFF of the last
  // possible chunk, whose last byte cannot hold a length and a character, so no handle is
  // kNoHandle.)
  if (chunk <= 0xFFFF) {
    table_[i] = static_cast<uint32_t>(chunk << 16 | offset);
    ++count_;
  }
  return std::string_view(at + prefix, s.size());
}

bool StringPool::owns(std::string_view s) {
  if (s.data() == nullptr) return false;
  std::lock_guard<std::mutex> lock(mutex_);
  const std::less<const char*> before;  // a total order, also over unrelated arrays
  for (const Chunk& c : chunks_) {
    const char* begin = c.bytes.get();
    const char* end = begin + c.size;
    if (!before(s.data(), begin) && !before(end, s.data() + s.size())) return true;
  }
  return false;
}

void StringPool::share(Expr& e) {
  if (!e.code()) return;
  std::lock_guard<std::mutex> lock(mutex_);
  auto [it, inserted] = code_.emplace(e.code()->source, e.code());
  if (!inserted) e = Expr(it->second, e.at);
}

Expr StringPool::uncompiled(std::string_view source, SourcePos at) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = uncompiled_.find(source);
  if (it == uncompiled_.end()) {
    auto code = std::make_shared<const ExprCode>(ExprCode{{}, {}, std::string(source)});
    it = uncompiled_.emplace(code->source, std::move(code)).first;
  }
  return Expr(it->second, at);
}

void StringPool::forget_index() {
  std::lock_guard<std::mutex> lock(mutex_);
  std::vector<uint32_t>().swap(table_);
  count_ = 0;
}

void StringPool::adopt(std::unique_ptr<char[]> bytes, size_t size) {
  std::lock_guard<std::mutex> lock(mutex_);
  // Appended after the open chunk, which stays open: short texts still go there.
  chunks_.push_back(Chunk{std::move(bytes), size});
}

void StringPool::forget_uncompiled() {
  std::lock_guard<std::mutex> lock(mutex_);
  uncompiled_.clear();
}

}  // namespace threshold::story
