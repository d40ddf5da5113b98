// The spelling dictionaries behind line-end hyphen repair: hunspell for
// sv, en, da, nb, de, fr; libvoikko for Finnish (Debian has no hunspell-fi,
// and Finnish morphology is beyond a word list). Swedish and English are
// opened at once, as before; the others when a text in them is first met, so
// a Swedish archive does not pay for loading German.
#include <hunspell/hunspell.h>
#include <libvoikko/voikko.h>

#include <cstdlib>
#include <filesystem>
#include <map>
#include <mutex>

#include "protokoll/paragraphs.h"

namespace protokoll {
namespace {

struct DictionaryFiles {
  const char* language;  // ISO 639-1
  const char* names[2];  // file stems tried in order; nullptr ends
};
// Debian's file names: hunspell-no installs nb_NO, hunspell-fr fr_FR (and fr).
constexpr DictionaryFiles kHunspell[] = {
    {"sv", {"sv_SE", nullptr}}, {"en", {"en_US", nullptr}}, {"da", {"da_DK", nullptr}},
    {"nb", {"nb_NO", nullptr}}, {"nn", {"nn_NO", nullptr}}, {"de", {"de_DE", nullptr}},
    {"fr", {"fr_FR", "fr"}},
};

// One language's speller; hunspell or voikko.
class Speller {
 public:
  virtual ~Speller() = default;
  virtual bool Spell(const std::string& word) = 0;
};

class HunspellSpeller final : public Speller {
 public:
  explicit HunspellSpeller(Hunhandle* h) : h_(h) {}
  ~HunspellSpeller() override { Hunspell_destroy(h_); }
  bool Spell(const std::string& word) override { return Hunspell_spell(h_, word.c_str()) != 0; }

 private:
  Hunhandle* h_;
};

class VoikkoSpeller final : public Speller {
 public:
  explicit VoikkoSpeller(VoikkoHandle* h) : h_(h) {}
  ~VoikkoSpeller() override { voikkoTerminate(h_); }
  bool Spell(const std::string& word) override { return voikkoSpellCstr(h_, word.c_str()) == VOIKKO_SPELL_OK; }

 private:
  VoikkoHandle* h_;
};

// Speller handles are not documented as thread-safe; every lookup holds the lock.
class HunspellDictionary final : public Dictionary {
 public:
  HunspellDictionary(std::vector<std::string> search, Logger* logger) : search_(std::move(search)), logger_(logger) {}

  // Opens `language` now; false when it is not installed.
  bool Load(std::string_view language) {
    std::lock_guard<std::mutex> lock(mutex_);
    return Get(language) != nullptr;
  }
  bool empty() const {
    std::lock_guard<std::mutex> lock(mutex_);
    for (const auto& [language, speller] : spellers_)
      if (speller) return false;
    return true;
  }

  // Swedish or English, the dictionaries protokoll always judged by.
  bool Knows(std::string_view word) const override { return Spell(word, "sv") || Spell(word, "en"); }
  bool KnowsIn(std::string_view word, std::string_view language) const override { return Spell(word, language); }
  bool HasLanguage(std::string_view language) const override {
    std::lock_guard<std::mutex> lock(mutex_);
    return Get(language) != nullptr;
  }

 private:
  bool Spell(std::string_view word, std::string_view language) const {
    if (word.empty() || word.size() > 200) return false;
    std::lock_guard<std::mutex> lock(mutex_);
    Speller* speller = Get(language);
    return speller != nullptr && speller->Spell(std::string(word));
  }

  // The speller of `language`, opened on first use; null when not installed
  // (remembered, so a missing dictionary is looked for once). Needs mutex_.
  Speller* Get(std::string_view language) const {
    auto it = spellers_.find(std::string(language));
    if (it != spellers_.end()) return it->second.get();
    std::unique_ptr<Speller> speller = Open(language);
    if (!speller) logger_->Debug("no spelling dictionary for \"" + std::string(language) + "\"");
    return spellers_.emplace(std::string(language), std::move(speller)).first->second.get();
  }

  std::unique_ptr<Speller> Open(std::string_view language) const {
    if (language == "fi") {
      const char* error = nullptr;
      VoikkoHandle* h = voikkoInit(&error, "fi", nullptr);
      return h ? std::make_unique<VoikkoSpeller>(h) : nullptr;
    }
    for (const auto& files : kHunspell) {
      if (language != files.language) continue;
      for (const char* name : files.names) {
        if (name == nullptr) break;
        for (const auto& dir : search_) {
          std::filesystem::path aff = std::filesystem::path(dir) / (std::string(name) + ".aff");
          std::filesystem::path dic = std::filesystem::path(dir) / (std::string(name) + ".dic");
          std::error_code ec;
          if (!std::filesystem::exists(aff, ec) || !std::filesystem::exists(dic, ec)) continue;
          if (Hunhandle* h = Hunspell_create(aff.c_str(), dic.c_str())) return std::make_unique<HunspellSpeller>(h);
        }
      }
    }
    return nullptr;
  }

  std::vector<std::string> search_;
  Logger* logger_;
  mutable std::map<std::string, std::unique_ptr<Speller>, std::less<>> spellers_;
  mutable std::mutex mutex_;
};

}  // namespace

std::unique_ptr<Dictionary> OpenHunspellDictionaries(Logger* logger, const std::vector<std::string>& dirs) {
  if (logger == nullptr) logger = NullLogger();
  std::vector<std::string> search = dirs;
  if (search.empty()) {
    if (const char* env = std::getenv("PROTOKOLL_HUNSPELL_DIR")) search.emplace_back(env);
    search.emplace_back("/usr/share/hunspell");
  }
  auto dictionary = std::make_unique<HunspellDictionary>(std::move(search), logger);
  dictionary->Load("sv");
  dictionary->Load("en");
  if (dictionary->empty())
    logger->Warn("no hunspell dictionaries found (install hunspell-sv, hunspell-en-us); "
                 "line-end hyphens are decided without a dictionary");
  return dictionary;
}

}  // namespace protokoll
