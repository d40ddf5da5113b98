#include <hunspell/hunspell.h>

#include <cstdlib>
#include <filesystem>
#include <mutex>

#include "protokoll/paragraphs.h"

namespace protokoll {
namespace {

// Hunspell handles are not documented as thread-safe; Knows() serializes.
class HunspellDictionary final : public Dictionary {
 public:
  ~HunspellDictionary() override {
    for (Hunhandle* h : handles_) Hunspell_destroy(h);
  }
  void Add(Hunhandle* handle, std::string language) {
    handles_.push_back(handle);
    languages_.push_back(std::move(language));
  }
  bool empty() const { return handles_.empty(); }

  bool Knows(std::string_view word) const override { return Spell(word, {}); }
  bool KnowsIn(std::string_view word, std::string_view language) const override { return Spell(word, language); }

 private:
  // `language` empty: any dictionary.
  bool Spell(std::string_view word, std::string_view language) const {
    if (word.empty() || word.size() > 200) return false;
    std::string w(word);
    std::lock_guard<std::mutex> lock(mutex_);
    for (size_t i = 0; i < handles_.size(); ++i)
      if ((language.empty() || languages_[i] == language) && Hunspell_spell(handles_[i], w.c_str()) != 0) return true;
    return false;
  }

  std::vector<Hunhandle*> handles_;
  std::vector<std::string> languages_;
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
  auto dictionary = std::make_unique<HunspellDictionary>();
  for (const char* name : {"sv_SE", "en_US"}) {
    const std::string language(name, 2);
    for (const auto& dir : search) {
      std::filesystem::path aff = std::filesystem::path(dir) / (std::string(name) + ".aff");
      std::filesystem::path dic = std::filesystem::path(dir) / (std::string(name) + ".dic");
      std::error_code ec;
      if (!std::filesystem::exists(aff, ec) || !std::filesystem::exists(dic, ec)) continue;
      if (Hunhandle* h = Hunspell_create(aff.c_str(), dic.c_str())) {
        dictionary->Add(h, language);
        break;
      }
    }
  }
  if (dictionary->empty())
    logger->Warn("no hunspell dictionaries found (install hunspell-sv, hunspell-en-us); "
                 "line-end hyphens are decided without a dictionary");
  return dictionary;
}

}  // namespace protokoll
