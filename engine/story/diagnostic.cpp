// Diagnostics: keeping source text for quoting, formatting errors like a compiler, and the
// "did you mean" suggestions that turn a typo into a one-glance fix.
#include "threshold/story/diagnostic.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <tuple>

namespace threshold::story {

namespace {

// Where every kStride-th line of `text` after the first starts, and how many lines it has (a
// last line without a newline counts; a text ending in '\n' has an empty last line, as an editor
// shows it).
void index_lines(std::string_view text, uint32_t stride, std::vector<uint32_t>& checkpoints,
                 uint32_t& lines) {
  checkpoints.clear();
  lines = 1;
  for (size_t i = text.find('\n'); i != std::string_view::npos; i = text.find('\n', i + 1)) {
    if (lines % stride == 0) checkpoints.push_back(static_cast<uint32_t>(i + 1));
    ++lines;
  }
  checkpoints.shrink_to_fit();
}

}  // namespace

int32_t Sources::add(std::string path, std::string text) {
  File f;
  f.path = std::move(path);
  index_lines(text, kStride, f.checkpoints, f.lines);
  f.bytes = static_cast<uint32_t>(text.size());
  f.text = std::make_shared<const std::string>(std::move(text));
  files_.push_back(std::move(f));
  return static_cast<int32_t>(files_.size() - 1);
}

int32_t Sources::add_file(std::string path, std::string_view text) {
  const int32_t file = add_slots(1);
  set_file(file, std::move(path), text);
  return file;
}

int32_t Sources::add_slots(size_t count) {
  const size_t first = files_.size();
  files_.resize(first + count);
  return static_cast<int32_t>(first);
}

void Sources::set_file(int32_t file, std::string path, std::string_view text) {
  File& f = files_[static_cast<size_t>(file)];
  f.path = std::move(path);
  index_lines(text, kStride, f.checkpoints, f.lines);
  f.bytes = static_cast<uint32_t>(text.size());
}

std::string Sources::line(int32_t file, int32_t line) const {
  if (file < 0 || static_cast<size_t>(file) >= files_.size() || line < 1) return {};
  const File& f = files_[static_cast<size_t>(file)];
  const auto index = static_cast<uint32_t>(line - 1);
  if (index >= f.lines) return {};
  // The block of up to kStride lines that holds the line, from memory or from the file.
  const uint32_t block = index / kStride;
  const uint32_t begin = block == 0 ? 0 : f.checkpoints[block - 1];
  const uint32_t end = block < f.checkpoints.size() ? f.checkpoints[block] : f.bytes;
  std::string read;
  std::string_view text;
  if (f.text) {
    text = std::string_view(*f.text).substr(begin, end - begin);
  } else {
    std::FILE* in = std::fopen(f.path.c_str(), "rb");
    if (in == nullptr) return {};
    read.resize(end - begin);
    size_t got = std::fseek(in, static_cast<long>(begin), SEEK_SET) == 0
                     ? std::fread(read.data(), 1, read.size(), in)
                     : 0;
    std::fclose(in);
    read.resize(got);
    text = read;
  }
  for (uint32_t i = block * kStride; i < index; ++i) {
    size_t nl = text.find('\n');
    if (nl == std::string_view::npos) return {};  // the file changed since it was loaded
    text.remove_prefix(nl + 1);
  }
  text = text.substr(0, text.find('\n'));
  // A file written on Windows keeps its '\r' before the '\n'; it is not part of the line.
  if (!text.empty() && text.back() == '\r') text.remove_suffix(1);
  if (index == 0 && text.starts_with(kByteOrderMark)) text.remove_prefix(kByteOrderMark.size());
  return std::string(text);
}

namespace {

const char* severity_name(Severity s) {
  switch (s) {
    case Severity::Error:
      return "error";
    case Severity::Warning:
      return "warning";
    case Severity::Note:
      return "note";
  }
  return "error";
}

bool is_utf8_continuation(char c) {
  return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
}

// The terminal cells a character takes: two for the wide characters of East Asian scripts and
// for emoji, none for combining marks and joiners, one for the rest. A short table of the
// common ranges (as wcwidth() has them), without depending on the locale.
int cells(uint32_t c) {
  if ((c >= 0x0300 && c <= 0x036F) || (c >= 0x200B && c <= 0x200F) ||
      (c >= 0x20D0 && c <= 0x20FF) || (c >= 0xFE00 && c <= 0xFE0F)) {
    return 0;
  }
  if ((c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0x303E) ||
      (c >= 0x3041 && c <= 0x33FF) || (c >= 0x3400 && c <= 0x4DBF) ||
      (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xA000 && c <= 0xA4CF) ||
      (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0xF900 && c <= 0xFAFF) ||
      (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFF60) ||
      (c >= 0xFFE0 && c <= 0xFFE6) || (c >= 0x1F300 && c <= 0x1F64F) ||
      (c >= 0x1F680 && c <= 0x1F6FF) || (c >= 0x1F900 && c <= 0x1F9FF) ||
      (c >= 0x20000 && c <= 0x3FFFD)) {
    return 2;
  }
  return 1;
}

// The code point of the UTF-8 sequence that starts at s[i] (the loader has checked the bytes).
uint32_t code_point(std::string_view s, size_t i) {
  const auto lead = static_cast<unsigned char>(s[i]);
  const size_t n = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
  uint32_t c = n == 1 ? lead : lead & (0x7Fu >> n);
  for (size_t k = 1; k < n && i + k < s.size(); ++k) {
    c = (c << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3Fu);
  }
  return c;
}

// A line as it is quoted under a diagnostic, and the column of the caret in it.
struct QuotedLine {
  std::string text;
  int32_t column = 0;
};

// A line of at most kQuoteWidth characters is quoted whole. A longer one (a 100,000-character
// line of text) is quoted as a window of kQuoteWidth characters around the column, with '…' at
// each end that was cut, so the caret still sits under its character.
constexpr int32_t kQuoteWidth = 100;
constexpr std::string_view kEllipsis = "\xE2\x80\xA6";  // one character wide

QuotedLine quote_line(const std::string& line, int32_t column) {
  std::vector<size_t> starts;  // the byte where every character begins
  for (size_t i = 0; i < line.size(); ++i) {
    if (!is_utf8_continuation(line[i])) starts.push_back(i);
  }
  const auto length = static_cast<int32_t>(starts.size());
  if (length <= kQuoteWidth) return {line, column};
  // Characters [first, last] (1-based) are shown, the column near the middle.
  const int32_t at = std::clamp(column, 1, length);
  int32_t first = std::max(1, at - kQuoteWidth / 2);
  const int32_t last = std::min(length, first + kQuoteWidth - 1);
  first = std::max(1, last - kQuoteWidth + 1);
  const size_t begin = starts[static_cast<size_t>(first - 1)];
  const size_t end = last < length ? starts[static_cast<size_t>(last)] : line.size();
  QuotedLine q;
  if (first > 1) q.text += kEllipsis;
  q.text += line.substr(begin, end - begin);
  if (last < length) q.text += kEllipsis;
  q.column = column <= 0 ? column : column - first + 1 + (first > 1 ? 1 : 0);
  return q;
}

}  // namespace

std::string Diagnostic::format() const {
  std::string out;
  if (!file.empty()) {
    out += file;
    if (line > 0) {
      out += ':' + std::to_string(line);
      if (column > 0) out += ':' + std::to_string(column);
    }
    out += ": ";
  }
  out += severity_name(severity);
  if (code != Code::None) out += '[' + code_name(code) + ']';
  out += ": ";
  out += message;
  out += '\n';
  if (line > 0 && !source_line.empty()) {
    const QuotedLine q = quote_line(source_line, column);
    out += "    ";
    out += q.text;
    out += '\n';
    if (column > 0) {
      // The caret line copies the tabs of the source line, so the caret sits under the right
      // character whatever width the terminal gives a tab. Columns count characters, not bytes;
      // a wide character (日, an emoji) has two spaces under it.
      out += "    ";
      int32_t col = 1;
      for (size_t i = 0; i < q.text.size(); ++i) {
        if (col >= q.column) break;
        const char c = q.text[i];
        if (is_utf8_continuation(c)) continue;
        if (c == '\t') {
          out += '\t';
        } else {
          out.append(static_cast<size_t>(cells(code_point(q.text, i))), ' ');
        }
        ++col;
      }
      // A column just past the end of the line (a missing token at its end) still gets a caret.
      for (; col < q.column; ++col) out += ' ';
      out += "^\n";
    }
  }
  return out;
}

namespace {

bool printed_before(const Diagnostic& a, const Diagnostic& b) {
  return std::tie(a.file, a.line, a.column) < std::tie(b.file, b.line, b.column);
}

}  // namespace

void Diagnostics::add(Diagnostic d) {
  if (d.severity == Severity::Note) {
    if (!dropping_notes_) items_.push_back(std::move(d));
    return;
  }
  dropping_notes_ = false;
  Once* once = nullptr;
  if (!d.once.empty()) {
    once = &once_[d.once];
    if (once->reported) {
      repeat(*once, std::move(d));
      return;
    }
    once->reported = true;
  }
  if (once != nullptr && d.severity == Severity::Error && kept_errors_ < kMaxErrors) {
    once->item = items_.size();
  }
  if (d.severity == Severity::Error) {
    if (kept_errors_ >= kMaxErrors) {
      ++more_errors_;
      dropping_notes_ = true;
      return;
    }
    ++kept_errors_;
  } else {
    if (kept_warnings_ >= kMaxWarnings) {
      ++more_warnings_;
      dropping_notes_ = true;
      return;
    }
    ++kept_warnings_;
  }
  items_.push_back(std::move(d));
}

void Diagnostics::add(const Sources& sources, SourcePos at, Severity severity, std::string message,
                      Code code) {
  // An error past the cap is only counted: its line is not read back from the file.
  if (severity == Severity::Error && !keeps_errors()) {
    ++more_errors_;
    dropping_notes_ = true;
    return;
  }
  if (severity == Severity::Warning && kept_warnings_ >= kMaxWarnings) {
    ++more_warnings_;
    dropping_notes_ = true;
    return;
  }
  if (severity == Severity::Note && dropping_notes_) return;
  Diagnostic d;
  if (at.file >= 0 && static_cast<size_t>(at.file) < sources.size()) {
    d.file = sources.path(at.file);
    d.source_line = sources.line(at.file, at.line);
  } else if (at.file == SourcePos::kFileBeyondRange) {
    // A position cannot name a file past SourcePos::kMaxFile: say so, rather than name another.
    message += " (in a file past the story's first " + std::to_string(SourcePos::kMaxFile + 1) +
               ", which positions cannot name)";
  }
  d.line = at.line;
  d.column = at.column;
  d.severity = severity;
  d.code = code;
  d.message = std::move(message);
  add(std::move(d));
}

void Diagnostics::repeat(Once& o, Diagnostic d) {
  dropping_notes_ = true;
  if (o.item == Once::kNotKept) return;
  Diagnostic& kept = items_[o.item];
  if (!printed_before(d, kept)) return;
  // The notes that follow the kept one stay: they are about the name, not about this use.
  kept.file = std::move(d.file);
  kept.line = d.line;
  kept.column = d.column;
  kept.code = d.code;
  kept.message = std::move(d.message);
  kept.source_line = std::move(d.source_line);
}

void Diagnostics::error_once_at(const Sources& sources, std::string key, std::string what,
                                SourcePos start, size_t offset, SourcePos (*where)(const void*),
                                const void* where_arg, std::string message, Code code) {
  Once& o = once_[key];
  const bool fresh = !o.reported;
  o.reported = true;
  o.uses.emplace(static_cast<int32_t>(start.file), static_cast<int32_t>(start.line),
                 static_cast<int32_t>(start.column), offset);
  if (o.what.empty()) o.what = std::move(what);
  if (!fresh) {
    dropping_notes_ = true;
    if (o.item == Once::kNotKept) return;
    // A use is never before the start of its text: one whose text starts after the kept use
    // cannot be printed first, and its line is not read.
    const Diagnostic& kept = items_[o.item];
    const std::string& file = start.file >= 0 && static_cast<size_t>(start.file) < sources.size()
                                  ? sources.path(start.file)
                                  : std::string();
    const auto line = static_cast<int32_t>(start.line);
    const auto column = static_cast<int32_t>(start.column);
    if (std::tie(kept.file, kept.line, kept.column) < std::tie(file, line, column)) return;
  } else if (!keeps_errors()) {
    ++more_errors_;
    dropping_notes_ = true;
    return;
  }
  const SourcePos at = where(where_arg);
  Diagnostic d;
  if (at.file >= 0 && static_cast<size_t>(at.file) < sources.size()) {
    d.file = sources.path(at.file);
    d.source_line = sources.line(at.file, at.line);
  }
  d.line = at.line;
  d.column = at.column;
  d.code = code;
  d.message = std::move(message);
  if (!fresh) {
    repeat(o, std::move(d));
    return;
  }
  d.once = std::move(key);
  dropping_notes_ = false;
  o.item = items_.size();
  ++kept_errors_;
  items_.push_back(std::move(d));
}

void Diagnostics::add_once(Diagnostic d, std::string key, std::string what) {
  Once& o = once_[key];
  o.placed.emplace(d.file, d.line, d.column);
  if (o.what.empty()) o.what = std::move(what);
  d.once = std::move(key);
  add(std::move(d));
}

void Diagnostics::merge_uses(const Diagnostics& other) {
  for (const auto& [key, theirs] : other.once_) {
    Once& ours = once_[key];
    ours.uses.insert(theirs.uses.begin(), theirs.uses.end());
    ours.placed.insert(theirs.placed.begin(), theirs.placed.end());
    if (ours.what.empty()) ours.what = theirs.what;
  }
}

void Diagnostics::file_error(std::string path, std::string message, Code code) {
  Diagnostic d;
  d.file = std::move(path);
  d.code = code;
  d.message = std::move(message);
  add(std::move(d));
}

void Diagnostics::sort() {
  // How many more uses each error of error_once() stands for, by its index in items_.
  std::vector<size_t> more_uses(items_.size(), 0);
  for (const auto& [key, o] : once_) {
    if (o.item != Once::kNotKept && o.count() > 1) more_uses[o.item] = o.count() - 1;
  }
  // A note explains the diagnostic added just before it ("the first scene 'kitchen' is here"),
  // so it travels with that one instead of being sorted to its own position.
  std::vector<std::vector<Diagnostic>> groups;
  for (size_t i = 0; i < items_.size(); ++i) {
    Diagnostic& d = items_[i];
    if (d.severity == Severity::Note && !groups.empty()) {
      groups.back().push_back(std::move(d));
      continue;
    }
    groups.push_back({std::move(d)});
    if (more_uses[i] > 0) {
      // Right after the error, before the notes about the name: it counts this error's repeats.
      const Once& o = once_.at(groups.back().front().once);
      Diagnostic n;
      n.severity = Severity::Note;
      n.message = "and " + std::to_string(more_uses[i]) +
                  (more_uses[i] == 1 ? " more use" : " more uses") + o.what;
      groups.back().push_back(std::move(n));
    }
  }
  once_.clear();
  std::stable_sort(groups.begin(), groups.end(), [](const auto& ga, const auto& gb) {
    const Diagnostic& a = ga.front();
    const Diagnostic& b = gb.front();
    return std::tie(a.file, a.line, a.column) < std::tie(b.file, b.line, b.column);
  });
  items_.clear();
  for (auto& g : groups) {
    for (Diagnostic& d : g) {
      d.once.clear();
      items_.push_back(std::move(d));
    }
  }
}

std::string Diagnostics::format_all() const {
  std::string out;
  for (const Diagnostic& d : items_) out += d.format();
  if (more_errors_ > 0) {
    out += "and " + std::to_string(more_errors_) +
           (more_errors_ == 1 ? " more error\n" : " more errors\n");
  }
  if (more_warnings_ > 0) {
    out += "and " + std::to_string(more_warnings_) +
           (more_warnings_ == 1 ? " more warning\n" : " more warnings\n");
  }
  return out;
}

namespace {

// Optimal string alignment distance: Levenshtein plus the swap of two neighbours, the most
// common typo of all ("lnger" / "linger" is an insertion, "lineg" / "linge" a swap).
size_t edit_distance(std::string_view a, std::string_view b) {
  const size_t n = a.size();
  const size_t m = b.size();
  std::vector<size_t> prev2(m + 1), prev(m + 1), cur(m + 1);
  for (size_t j = 0; j <= m; ++j) prev[j] = j;
  for (size_t i = 1; i <= n; ++i) {
    cur[0] = i;
    for (size_t j = 1; j <= m; ++j) {
      const size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        cur[j] = std::min(cur[j], prev2[j - 2] + 1);
      }
    }
    std::swap(prev2, prev);
    std::swap(prev, cur);
  }
  return prev[m];
}

}  // namespace

std::string closest_match(std::string_view word, const std::vector<std::string>& candidates) {
  // A third of the word may be wrong (at least one letter), but never all of it: "x" is not
  // a typo of "y".
  const size_t limit = std::max<size_t>(1, word.size() / 3);
  const std::string* best = nullptr;
  size_t best_distance = 0;
  for (const std::string& candidate : candidates) {
    const size_t d = edit_distance(word, candidate);
    if (d > limit || d >= word.size()) continue;
    if (best == nullptr || d < best_distance) {
      best = &candidate;
      best_distance = d;
    }
  }
  return best ? *best : std::string();
}

}  // namespace threshold::story
