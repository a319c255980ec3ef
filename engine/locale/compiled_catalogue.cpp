// Reading a compiled catalogue (a .mo, msgfmt's) with Boost.Locale's gnu_gettext messages. See
// catalogue.h.
#include <gettext-po.h>  // po_header_field: the header's fields, read as catalogue.cpp reads a .po's

#include <boost/locale/gnu_gettext.hpp>
#include <boost/locale/message.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <locale>
#include <memory>
#include <utility>
#include <vector>

#include "compiled_messages.h"
#include "threshold/locale/catalogue.h"

namespace threshold::locale {

namespace {

namespace gnu = boost::locale::gnu_gettext;

// Larger than any catalogue a story has (the 10,000-scene bench's is 4.6 MiB).
constexpr uintmax_t kMaxBytes = uintmax_t{256} << 20;
constexpr uint32_t kMagic = 0x950412de;

uint32_t word_at(const std::vector<char>& d, uint64_t at, bool swap) {
  uint32_t w = 0;
  for (int i = 0; i < 4; ++i) {
    const auto byte = static_cast<uint32_t>(static_cast<unsigned char>(d[at + i]));
    w |= byte << (swap ? 8 * (3 - i) : 8 * i);
  }
  return w;
}

// Whether every table and string the file's header names lies inside it, each string ended by
// its NUL, and every hash slot names a string. Boost.Locale checks the header and throws from a
// lookup that meets a bad offset; checked here once, no lookup reads outside the file or throws,
// and a damaged file is refused whole, with the reason.
bool laid_out(const std::vector<char>& d, std::string& why) {
  const uint64_t size = d.size();
  if (size < 28) {
    why = "is too short for a compiled catalogue";
    return false;
  }
  const uint32_t magic = word_at(d, 0, false);
  const bool swap = magic != kMagic;
  if (swap && word_at(d, 0, true) != kMagic) {
    why = "is not a compiled catalogue (no .mo magic number)";
    return false;
  }
  if ((word_at(d, 4, swap) >> 16) > 1) {
    why = "is a compiled catalogue of a format revision this game does not read";
    return false;
  }
  const uint64_t n = word_at(d, 8, swap);
  const uint64_t originals = word_at(d, 12, swap);
  const uint64_t translations = word_at(d, 16, swap);
  const uint64_t hash_size = word_at(d, 20, swap);
  const uint64_t hash_at = word_at(d, 24, swap);
  if (originals + n * 8 > size || translations + n * 8 > size || hash_at + hash_size * 4 > size) {
    why = "is damaged: its tables run past its end";
    return false;
  }
  for (uint64_t i = 0; i < n; ++i) {
    for (const uint64_t table : {originals, translations}) {
      const uint64_t length = word_at(d, table + i * 8, swap);
      const uint64_t at = word_at(d, table + i * 8 + 4, swap);
      if (at + length >= size || d[at + length] != '\0') {
        why = "is damaged: string " + std::to_string(i) + " runs past its end";
        return false;
      }
    }
  }
  for (uint64_t i = 0; i < hash_size; ++i) {
    if (word_at(d, hash_at + i * 4, swap) > n) {
      why = "is damaged: its hash table names a string it does not have";
      return false;
    }
  }
  return true;
}

std::string header_field(const char* header, const char* name) {
  char* value = po_header_field(header, name);
  if (!value) return "";
  std::string s = value;
  std::free(value);
  return s;
}

class BoostMessages : public CompiledMessages {
 public:
  BoostMessages(std::locale locale, std::vector<int> samples)
      : locale_(std::move(locale)),
        facet_(std::use_facet<boost::locale::message_format<char>>(locale_)),
        samples_(std::move(samples)) {}

  const char* header() const { return facet_.get(0, nullptr, ""); }

  void translate(const std::string& context, const std::string& msgid, bool plural,
                 Translation& t) const override {
    t.status = Translation::Status::Missing;
    t.forms.clear();
    if (!plural) {
      const char* s = facet_.get(0, context.c_str(), msgid.c_str());
      if (!s) return;
      t.forms.emplace_back(s);
    } else {
      // Boost.Locale gives the form for a number: asked with a number of each form in turn.
      for (const int n : samples_) {
        const char* s = n < 0 ? (t.forms.empty() ? nullptr : t.forms.front().data())
                              : facet_.get(0, context.c_str(), msgid.c_str(), n);
        if (!s) {
          t.forms.clear();
          return;
        }
        t.forms.emplace_back(s);
      }
    }
    t.status = Translation::Status::Translated;
  }

 private:
  std::locale locale_;  // owns the facet
  const boost::locale::message_format<char>& facet_;
  std::vector<int> samples_;  // for each plural form, the first n it is chosen for; -1: none
};

// For each of the rule's forms, the smallest count it is shown for (-1 for a form no count up to
// 1,000 reaches: never shown, filled with the first).
std::vector<int> form_samples(const PluralRule& rule) {
  std::vector<int> samples(rule.forms(), -1);
  size_t found = 0;
  for (int n = 0; n <= 1000 && found < samples.size(); ++n) {
    int& s = samples[rule.form(n)];
    if (s < 0) {
      s = n;
      ++found;
    }
  }
  return samples;
}

}  // namespace

std::optional<Catalogue> read_compiled_catalogue(const std::string& path, std::string* why) {
  auto fail = [&](const std::string& reason) -> std::optional<Catalogue> {
    if (why) *why = path + " " + reason;
    return std::nullopt;
  };
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) {
    return fail(std::filesystem::exists(path, ec) ? "is not a regular file" : "cannot be read");
  }
  const uintmax_t size = std::filesystem::file_size(path, ec);
  if (ec) return fail("cannot be read");
  if (size > kMaxBytes) return fail("is larger than a catalogue can be (256 MiB)");
  std::vector<char> bytes(static_cast<size_t>(size));
  {
    std::ifstream in(path, std::ios::binary);
    if (!in || !in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()))) {
      return fail("cannot be read");
    }
  }
  std::string reason;
  if (!laid_out(bytes, reason)) return fail(reason);

  gnu::messages_info info;
  // Any language: the callback below answers for the one file Boost asks for.
  info.language = std::string("xx");
  info.encoding = "UTF-8";
  info.domains.emplace_back("threshold");
  info.paths.emplace_back("/");
  info.callback = [&bytes](const std::string&, const std::string&) { return std::move(bytes); };
  Catalogue cat;
  cat.path = path;
  try {
    std::locale with(std::locale::classic(), gnu::create_messages_facet<char>(info));
    // The header first (its Plural-Forms gives the forms to ask for), with a rule of one form.
    const BoostMessages probe(with, {});
    const char* header = probe.header();
    if (header) {
      cat.language = header_field(header, "Language");
      const std::string plural = header_field(header, "Plural-Forms");
      if (!plural.empty()) {
        std::string bad;
        if (std::optional<PluralRule> rule = PluralRule::parse(plural, &bad)) {
          cat.plural = std::move(*rule);
        } else {
          cat.problems.push_back(path + ": Plural-Forms \"" + plural + "\": " + bad);
        }
      }
    }
    cat.compiled = std::make_shared<const BoostMessages>(with, form_samples(cat.plural));
  } catch (const std::exception& e) {
    return fail(std::string("does not read as a compiled catalogue: ") + e.what());
  }
  return cat;
}

}  // namespace threshold::locale
