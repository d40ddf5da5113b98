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
  void Add(Hunhandle* handle) { handles_.push_back(handle); }
  bool empty() const { return handles_.empty(); }

  bool Knows(std::string_view word) const override {
    if (word.empty() || word.size() > 200) return false;
    std::string w(word);
    std::lock_guard<std::mutex> lock(mutex_);
    for (Hunhandle* h : handles_)
      if (Hunspell_spell(h, w.c_str()) != 0) return true;
    return false;
  }

 private:
  std::vector<Hunhandle*> handles_;
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
    for (const auto& dir : search) {
      std::filesystem::path aff = std::filesystem::path(dir) / (std::string(name) + ".aff");
      std::filesystem::path dic = std::filesystem::path(dir) / (std::string(name) + ".dic");
      std::error_code ec;
      if (!std::filesystem::exists(aff, ec) || !std::filesystem::exists(dic, ec)) continue;
      if (Hunhandle* h = Hunspell_create(aff.c_str(), dic.c_str())) {
        dictionary->Add(h);
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
