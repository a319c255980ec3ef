// Reading a .po with libgettextpo. See catalogue.h.
#include "threshold/locale/catalogue.h"

#include <gettext-po.h>

#include <csetjmp>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string_view>
#include <utility>

#include "compiled_messages.h"

namespace threshold::locale {

namespace {

// libgettextpo reports problems through a handler that must not return from a fatal one: the
// reader jumps back out of it (only C frames lie between, nothing of ours to unwind).
thread_local std::jmp_buf* t_fatal = nullptr;
thread_local std::vector<std::string>* t_problems = nullptr;
thread_local bool t_failed = false;  // an error was reported: the file does not read

void note(int severity, const char* filename, size_t lineno, const char* text) {
  if (t_problems) {
    std::string where = filename ? std::string(filename) : std::string("catalogue");
    if (filename && lineno != static_cast<size_t>(-1)) where += ":" + std::to_string(lineno);
    std::string message = text ? text : "";
    while (!message.empty() && message.back() == '\n') message.pop_back();
    t_problems->push_back(where + ": " + message);
  }
  if (severity != PO_SEVERITY_WARNING) t_failed = true;
  if (severity == PO_SEVERITY_FATAL_ERROR && t_fatal) std::longjmp(*t_fatal, 1);
}

void on_error(int severity, po_message_t, const char* filename, size_t lineno, size_t, int,
              const char* text) {
  note(severity, filename, lineno, text);
}

void on_error2(int severity, po_message_t, const char* filename1, size_t lineno1, size_t, int,
               const char* text1, po_message_t, const char*, size_t, size_t, int,
               const char* text2) {
  const std::string both = std::string(text1 ? text1 : "") + " " + (text2 ? text2 : "");
  note(severity, filename1, lineno1, both.c_str());
}

const po_xerror_handler kHandler{on_error, on_error2};

// po_file_read, with a fatal problem turned into null. No C++ object lives in this frame.
po_file_t read_po(const char* path) {
  std::jmp_buf jump;
  std::jmp_buf* outer = t_fatal;
  t_fatal = &jump;
  po_file_t file = nullptr;
  if (setjmp(jump) == 0) file = po_file_read(path, &kHandler);
  t_fatal = outer;
  return file;
}

// How a msgctxt is written on its line of a .po ("msgctxt \"a/b/1\""): contexts are ids and
// slashes, but quotes and backslashes are escaped as gettext escapes them.
std::string quoted(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out + "\"";
}

std::string header_field(const char* header, const char* name) {
  if (!header) return "";
  char* value = po_header_field(header, name);
  if (!value) return "";
  std::string s = value;
  std::free(value);
  return s;
}

}  // namespace

std::optional<Catalogue> read_catalogue(const std::string& path, std::string* why) {
  std::error_code ec;
  if (std::filesystem::exists(path, ec) && !std::filesystem::is_regular_file(path, ec)) {
    if (why) *why = path + " is not a regular file";  // a FIFO would never end
    return std::nullopt;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    if (why) *why = "cannot read " + path;
    return std::nullopt;
  }
  std::ostringstream bytes;
  bytes << in.rdbuf();
  const std::string text = bytes.str();

  Catalogue cat;
  cat.path = path;
  t_problems = &cat.problems;
  t_failed = false;
  po_file_t file = read_po(path.c_str());
  t_problems = nullptr;
  // As msgfmt would, a catalogue with a syntax error is refused whole, not read in part.
  if (file && t_failed) {
    po_file_free(file);
    file = nullptr;
  }
  if (!file) {
    if (why) {
      *why = path + " does not read as a catalogue";
      if (!cat.problems.empty()) *why += ": " + cat.problems.front();
    }
    return std::nullopt;
  }

  // The line each msgctxt is written on, found in the text (libgettextpo keeps the .po's own
  // positions to itself).
  std::map<std::string, int32_t> lines;
  {
    std::istringstream s(text);
    int32_t n = 0;
    for (std::string line; std::getline(s, line);) {
      ++n;
      if (line.rfind("msgctxt \"", 0) == 0) {
        while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
        lines.emplace(line.substr(8), n);
      }
    }
  }

  // A copy of the header's text, for all its `const`: libgettextpo xstrdup()s it.
  char* header = const_cast<char*>(po_file_domain_header(file, nullptr));
  cat.language = header_field(header, "Language");
  const std::string plural = header_field(header, "Plural-Forms");
  std::free(header);
  if (!plural.empty()) {
    std::string reason;
    if (std::optional<PluralRule> rule = PluralRule::parse(plural, &reason)) {
      cat.plural = std::move(*rule);
    } else {
      cat.problems.push_back(path + ": Plural-Forms \"" + plural + "\": " + reason);
    }
  }

  po_message_iterator_t it = po_message_iterator(file, nullptr);
  while (po_message_t m = po_next_message(it)) {
    if (po_message_is_obsolete(m)) continue;
    const char* ctxt = po_message_msgctxt(m);
    if (!ctxt) continue;  // the header, or an entry of no place of ours
    CatalogueEntry e;
    e.msgid = po_message_msgid(m);
    const char* plural_id = po_message_msgid_plural(m);
    if (plural_id) {
      e.msgid_plural = plural_id;
      for (int i = 0;; ++i) {
        const char* form = po_message_msgstr_plural(m, i);
        if (!form) break;
        e.msgstr.emplace_back(form);
      }
    } else {
      e.msgstr.emplace_back(po_message_msgstr(m));
    }
    e.fuzzy = po_message_is_fuzzy(m) != 0;
    const auto line = lines.find(quoted(ctxt));
    e.po_line = line == lines.end() ? 0 : line->second;
    cat.entries.emplace(ctxt, std::move(e));
  }
  po_message_iterator_free(it);
  po_file_free(file);
  return cat;
}

Translation Catalogue::translate(const std::string& context, const std::string& msgid,
                                 bool plurals) const {
  Translation t;
  translate(context, msgid, plurals, t);
  return t;
}

void Catalogue::translate(const std::string& context, const std::string& msgid, bool plurals,
                          Translation& t) const {
  t.status = Translation::Status::Missing;
  t.forms.clear();
  t.po_line = 0;
  if (compiled) {
    compiled->translate(context, msgid, plurals, t);
    return;
  }
  const CatalogueEntry* e = find(context);
  if (!e) return;
  t.po_line = e->po_line;
  using S = Translation::Status;
  if (e->msgid != msgid) {
    t.status = S::Stale;
  } else if (e->fuzzy) {
    t.status = S::Fuzzy;
  } else if (!e->translated()) {
    t.status = S::Untranslated;
  } else {
    t.status = S::Translated;
    t.forms.assign(e->msgstr.begin(), e->msgstr.end());
    if (!plurals) t.forms.resize(1);
  }
}

std::string compiled_path(const std::string& po) {
  return std::filesystem::path(po).replace_extension(".mo").string();
}

std::optional<Catalogue> load_catalogue(const std::string& po, std::string* why) {
  const std::string mo = compiled_path(po);
  std::error_code ec;
  std::vector<std::string> passed_over;
  if (mo != po && std::filesystem::is_regular_file(mo, ec)) {
    const auto mo_time = std::filesystem::last_write_time(mo, ec);
    const bool po_exists = std::filesystem::exists(po, ec);
    std::error_code po_ec;
    const auto po_time = std::filesystem::last_write_time(po, po_ec);
    if (!po_exists || (!ec && !po_ec && mo_time >= po_time)) {
      std::string reason;
      if (std::optional<Catalogue> cat = read_compiled_catalogue(mo, &reason)) return cat;
      passed_over.push_back(reason + "; reading " + po + " instead");
    }
  }
  std::optional<Catalogue> cat = read_catalogue(po, why);
  if (cat) cat->problems.insert(cat->problems.begin(), passed_over.begin(), passed_over.end());
  return cat;
}

}  // namespace threshold::locale
