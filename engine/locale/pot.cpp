// The POT template, written by libgettextpo. See pot.h.
#include "threshold/locale/pot.h"

#include <gettext-po.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <filesystem>
#include <map>
#include <set>

namespace threshold::locale {

namespace {

thread_local std::string* t_problem = nullptr;

void on_error(int, po_message_t, const char* filename, size_t lineno, size_t, int,
              const char* text) {
  if (!t_problem || !t_problem->empty()) return;
  *t_problem = std::string(filename ? filename : "") +
               (filename && lineno != static_cast<size_t>(-1) ? ":" + std::to_string(lineno) : "") +
               (filename ? ": " : "") + (text ? text : "");
}
void on_error2(int severity, po_message_t m, const char* filename1, size_t lineno1, size_t c,
               int multi, const char* text1, po_message_t, const char*, size_t, size_t, int,
               const char*) {
  on_error(severity, m, filename1, lineno1, c, multi, text1);
}
const po_xerror_handler kHandler{on_error, on_error2};

std::string notes_of(const StoryString& s) {
  std::string out;
  for (const std::string& n : s.notes) {
    for (char c : n) out += c == '\n' ? ' ' : c;
    out += '\n';
  }
  return out;
}

}  // namespace

int write_pot(const std::vector<StoryString>& strings, const PotHeader& header,
              const std::string& path, std::string* why) {
  po_file_t file = po_file_create();
  po_message_iterator_t it = po_message_iterator(file, nullptr);

  po_message_t head = po_message_create();
  po_message_set_msgid(head, "");
  const std::string head_text =
      "Project-Id-Version: " + (header.project.empty() ? std::string("story") : header.project) +
      "\n"
      "Report-Msgid-Bugs-To: \n"
      "POT-Creation-Date: \n"
      // Empty, and the source's language, so that `msgfmt --check` passes the template as
      // it is; msginit fills them in for the translator's language.
      "PO-Revision-Date: \n"
      "Last-Translator: \n"
      "Language-Team: \n"
      "Language: en\n"
      "MIME-Version: 1.0\n"
      "Content-Type: text/plain; charset=UTF-8\n"
      "Content-Transfer-Encoding: 8bit\n"
      "Plural-Forms: nplurals=2; plural=(n != 1);\n"
      "X-Generator: threshold extract\n";
  po_message_set_msgstr(head, head_text.c_str());
  po_message_set_extracted_comments(
      head,
      "Made by `threshold extract`. Each msgctxt is the string's place in the story: keep it.\n"
      "Keep every {expression} as written: the game fills it in as it is played.\n");
  po_message_insert(it, head);

  std::map<std::string, po_message_t> by_context;
  std::set<std::pair<std::string, int32_t>> refs;
  int written = 0;
  for (const StoryString& s : strings) {
    const auto seen = by_context.find(s.context);
    po_message_t m = seen == by_context.end() ? nullptr : seen->second;
    if (!m) {
      m = po_message_create();
      po_message_set_msgctxt(m, s.context.c_str());
      po_message_set_msgid(m, s.english.c_str());
      if (!s.count.empty()) {
        po_message_set_msgid_plural(
            m, (s.english_plural.empty() ? s.english : s.english_plural).c_str());
        po_message_set_msgstr_plural(m, 0, "");
        po_message_set_msgstr_plural(m, 1, "");
      } else {
        po_message_set_msgstr(m, "");
      }
      po_message_set_extracted_comments(m, notes_of(s).c_str());
      po_message_insert(it, m);
      by_context.emplace(s.context, m);
      ++written;
    }
    if (!s.file.empty() && refs.emplace(s.context + "\n" + s.file, s.line).second) {
      // No line (the game's own words, in a table): the file alone.
      po_message_add_filepos(m, s.file.c_str(),
                             s.line > 0 ? static_cast<size_t>(s.line) : static_cast<size_t>(-1));
    }
  }
  po_message_iterator_free(it);

  static std::atomic<int> counter{0};
  const std::string temp =
      path + ".tmp." + std::to_string(::getpid()) + "." + std::to_string(counter++);
  std::string problem;
  t_problem = &problem;
  po_file_t done = po_file_write(file, temp.c_str(), &kHandler);
  t_problem = nullptr;
  po_file_free(file);
  std::error_code ec;
  if (!done || !problem.empty()) {
    std::filesystem::remove(temp, ec);
    if (why) *why = "cannot write " + path + (problem.empty() ? "" : ": " + problem);
    return -1;
  }
  std::filesystem::rename(temp, path, ec);
  if (ec) {
    std::filesystem::remove(temp, ec);
    if (why) *why = "cannot write " + path + ": " + ec.message();
    return -1;
  }
  return written;
}

}  // namespace threshold::locale
