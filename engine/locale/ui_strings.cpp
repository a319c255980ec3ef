// The game's own words, and their translation. See ui_strings.h.
#include "threshold/locale/ui_strings.h"

#include <algorithm>
#include <cassert>
#include <cerrno>
#include <cstring>

#include "threshold/locale/localize.h"

namespace threshold::locale {

const std::vector<UiString>& ui_strings() {
  static const std::vector<UiString> kAll{
#define THRESHOLD_UI_ROW(id, context, english, plural, note) \
  {Ui::id, context, english, plural, note},
      THRESHOLD_UI_STRINGS(THRESHOLD_UI_ROW)
#undef THRESHOLD_UI_ROW
  };
  return kAll;
}

const UiString& ui_string(Ui id) {
  const std::vector<UiString>& all = ui_strings();
  const size_t i = static_cast<size_t>(id);
  assert(i < all.size() && all[i].id == id);
  return all[i];
}

std::vector<std::string> ui_placeholders(std::string_view text) {
  std::vector<std::string> out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '{') continue;
    if (i + 1 < text.size() && text[i + 1] == '{') {
      ++i;
      continue;
    }
    const size_t close = text.find('}', i);
    if (close == std::string_view::npos) break;
    out.emplace_back(text.substr(i + 1, close - i - 1));
    i = close;
  }
  return out;
}

std::string fill_placeholders(std::string_view text, const UiArgs& args) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if ((c == '{' || c == '}') && i + 1 < text.size() && text[i + 1] == c) {
      out += c;
      ++i;
      continue;
    }
    const size_t close = c == '{' ? text.find('}', i) : std::string_view::npos;
    if (close == std::string_view::npos) {
      out += c;
      continue;
    }
    const std::string_view name = text.substr(i + 1, close - i - 1);
    const std::string* value = nullptr;
    for (const auto& [n, v] : args)
      if (n == name) value = &v;
    if (value) {
      out += *value;
    } else {
      out += text.substr(i, close - i + 1);
    }
    i = close;
  }
  return out;
}

namespace {

// A translation's `{}`s must be the English's (a plural form may leave {n} out: "une fois").
bool same_placeholders(const UiString& row, std::string_view form, bool plural) {
  std::vector<std::string> want = ui_placeholders(row.english);
  std::vector<std::string> have = ui_placeholders(form);
  std::sort(want.begin(), want.end());
  std::sort(have.begin(), have.end());
  if (have == want) return true;
  if (!plural) return false;
  std::erase(want, "n");
  std::erase(have, "n");
  return have == want;
}

}  // namespace

UiText UiText::from_catalogue(const Catalogue& catalogue) {
  UiText ui;
  ui.plural_ = catalogue.plural;
  ui.forms_.resize(ui_strings().size());
  for (const UiString& row : ui_strings()) {
    const bool plural = *row.plural != '\0';
    Translation t = catalogue.translate(row.context, row.english, plural);
    bool ok = t.status == Translation::Status::Translated;
    if (ok) {
      for (const std::string_view form : t.forms) ok = ok && same_placeholders(row, form, plural);
    }
    if (!ok) {
      ui.fallbacks_.push_back(row.id);
      continue;
    }
    ui.forms_[static_cast<size_t>(row.id)].assign(t.forms.begin(), t.forms.end());
  }
  return ui;
}

UiText UiText::pseudo() {
  UiText ui;
  ui.pseudo_ = true;
  return ui;
}

std::string UiText::operator()(Ui id, const UiArgs& args) const {
  const UiString& row = ui_string(id);
  const size_t i = static_cast<size_t>(id);
  if (pseudo_) return fill_placeholders(pseudo_text(row.english), args);
  if (i < forms_.size() && !forms_[i].empty()) return fill_placeholders(forms_[i].front(), args);
  return fill_placeholders(row.english, args);
}

std::string UiText::count(Ui id, double n, const std::string& n_text, const UiArgs& args) const {
  const UiString& row = ui_string(id);
  const size_t i = static_cast<size_t>(id);
  UiArgs all = args;
  all.emplace_back("n", n_text);
  const bool one = n == 1;
  if (pseudo_) return fill_placeholders(pseudo_text(one ? row.english : row.plural), all);
  if (i < forms_.size() && !forms_[i].empty()) {
    const std::vector<std::string>& forms = forms_[i];
    const size_t form = std::min(plural_.form(n), forms.size() - 1);
    return fill_placeholders(forms[form], all);
  }
  return fill_placeholders(one || *row.plural == '\0' ? row.english : row.plural, all);
}

std::vector<StoryString> ui_pot_strings() {
  std::vector<StoryString> out;
  for (const UiString& row : ui_strings()) {
    StoryString s;
    s.context = row.context;
    s.english = row.english;
    s.english_plural = row.plural;
    if (*row.plural != '\0') s.count = "n";
    s.notes.push_back(std::string("The game's own words. ") + row.note);
    s.file = "engine/locale/include/threshold/locale/ui_strings.h";
    out.push_back(std::move(s));
  }
  return out;
}

std::string file_failure_words(const UiText& ui, const story::FileFailure& failure) {
  using Step = story::FileFailure::Step;
  if (failure.step == Step::NotAFolder) return ui(Ui::FileNotAFolder, {{"path", failure.path}});
  std::string reason;
  switch (failure.error_number) {
    case ENOSPC:
      reason = ui(Ui::ReasonNoSpace);
      break;
    case EDQUOT:
      reason = ui(Ui::ReasonQuota);
      break;
    case EROFS:
      reason = ui(Ui::ReasonReadOnly);
      break;
    case EACCES:
    case EPERM:
      reason = ui(Ui::ReasonDenied);
      break;
    case ENOENT:
      reason = ui(Ui::ReasonMissing);
      break;
    case ENOTDIR:
      reason = ui(Ui::ReasonNotAFolder);
      break;
    case EISDIR:
      reason = ui(Ui::ReasonIsAFolder);
      break;
    case EIO:
      reason = ui(Ui::ReasonIo);
      break;
    default:
      reason = ui(Ui::ReasonOther, {{"reason", std::strerror(failure.error_number)}});
      break;
  }
  const UiArgs args = {{"path", failure.path}, {"reason", reason}};
  switch (failure.step) {
    case Step::Create:
      return ui(Ui::FileCreate, args);
    case Step::Flush:
      return ui(Ui::FileFlush, args);
    case Step::Close:
      return ui(Ui::FileClose, args);
    case Step::Replace:
      return ui(Ui::FileReplace, args);
    case Step::SyncFolder:
      return ui(Ui::FileSyncFolder, args);
    case Step::Write:
    case Step::NotAFolder:
      break;
  }
  return ui(Ui::FileWrite, args);
}

}  // namespace threshold::locale
