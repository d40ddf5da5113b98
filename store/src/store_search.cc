// Store::Search: BM25 over impact-ordered postings (docs/storage.md, "Search").
#include <algorithm>
#include <cmath>
#include <unordered_map>
#include <unordered_set>

#include "protokoll/record_json.h"
#include "protokoll/text.h"
#include "search_text.h"
#include "stemming.h"
#include "store_impl.h"

namespace protokoll::store_internal {
namespace {

// BM25 parameters (the usual ones); a title hit weighs as much as two
// paragraph hits, since a title names what the whole item is about.
constexpr double kBm25K1 = 1.2, kBm25B = 0.75, kTitleWeight = 2.0;
// Upper bound on posting entries read per query term (best impact classes
// first), so that a query for a word in every paragraph ("och") costs bounded
// time and memory; the rest of that term's postings then do not contribute.
// A one-word query usually stops long before (see Search).
constexpr size_t kMaxEntriesPerTerm = 20'000;
// Upper bound on the index terms a prefix query ("vård*") expands to.
constexpr size_t kMaxPrefixTerms = 512;
constexpr int kMaxLimit = 1000;
// Upper bound on the documents whose filter records are read only to count
// the hits beyond the limit; beyond it the count is a lower bound. Measured:
// 4,000 took a date-filtered query from 54 to 377 ms p99 (store_bench, 10k).
constexpr size_t kMaxCountedDocuments = 256;

struct Candidate {
  uint64_t unit = 0;  // packed, see Search
  double score = 0;
  uint64_t words = 0;  // the query words found in the unit (bit i: ParsedQuery::words[i])
  int matched = 0;     // how many
};


// The BM25 weight of a term in a unit, without the IDF.
double TermWeight(double tf, double length, double avg_length) {
  return tf * (kBm25K1 + 1) / (tf + kBm25K1 * (1 - kBm25B + kBm25B * length / avg_length));
}

// An upper bound of the weight (title weight included) of every entry of
// impact class `c`, whatever the collection statistics.
double ClassBound(uint8_t c, double avg_length) {
  const uint32_t tf = ClassTfHigh(c);
  const double w = tf == 0 ? kBm25K1 + 1 : TermWeight(tf, ClassLengthLow(c), avg_length);
  return ClassIsTitle(c) ? w * kTitleWeight : w;
}

// While scoring, a unit is a packed number: document number (32 bits),
// section (16 bits), paragraph code (16 bits: 0 = title, else paragraph + 1).
// Units beyond these bounds (no real minutes have them) are not scored.
constexpr int kUnitBits = 16;
constexpr uint64_t kUnitMask = (uint64_t{1} << kUnitBits) - 1;

// Units with more of the query's words first, then by BM25; the unit
// breaks ties so that results are stable.
bool Worse(const Candidate& a, const Candidate& b) {
  if (a.matched != b.matched) return a.matched < b.matched;
  if (a.score != b.score) return a.score < b.score;
  return a.unit > b.unit;
}

}  // namespace

// One query's evaluation: the plan, the postings read, the candidates
// examined best first, and the count of those beyond the limit.
class SearchRun {
 public:
  SearchRun(RocksStore& store, const SearchQuery& query) : store_(store), query_(query) {}
  Result<SearchResults> Run();

 private:
  // Postings of one (index term, impact class), and the most any entry of
  // them can weigh (IDF included).
  struct Source {
    std::string term;
    uint8_t cls;
    double bound;
  };
  // Per query word: its IDF and sources, best bound first. The df of a word
  // matching several index terms (stems in several languages, a prefix) is
  // the sum of theirs (exact unless two of them share a unit).
  struct Plan {
    std::vector<Source> sources;
    double idf = 0;
    size_t expansions = 0;
    int64_t df = 0;
  };
  struct DocInfo {
    bool keep = false;
    FilterRecord record;
    std::vector<bool> speaker_matches;  // per name of record.speakers, with a speaker filter
  };
  struct Unit {
    uint32_t number, section, paragraph;
  };
  static Unit Unpack(uint64_t unit) {
    const auto code = static_cast<uint32_t>(unit & kUnitMask);
    return {static_cast<uint32_t>(unit >> (2 * kUnitBits)), static_cast<uint32_t>((unit >> kUnitBits) & kUnitMask),
            code == 0 ? kTitleUnit : code - 1};
  }
  bool Filtered() const { return query_.speaker || query_.body || query_.from || query_.to; }

  Status MakePlans();
  Status ReadSpeakerIndex();
  template <typename Fn>
  Result<size_t> ReadSource(const Source& source, size_t budget, Fn&& fn);
  double Weight(const PostingEntry& e) const {
    const double w = TermWeight(e.tf, e.length, avg_length_);
    return e.paragraph == kTitleUnit ? w * kTitleWeight : w;
  }
  bool Matches(const std::string& folded_filter, const std::string& text);
  Result<DocInfo*> Doc(uint32_t number);
  Result<bool> Admit(const Unit& u, DocInfo** info);
  Result<std::optional<json>*> ItemOf(const std::string& raw_id, uint32_t section);
  Result<bool> Examine(const Candidate& c, bool make_hit);
  Status Drain(std::optional<double> above);
  Status RunOneWord();
  Status RunGeneral();
  Status CountRest();
  Result<bool> CountRanked();

  RocksStore& store_;
  const SearchQuery& query_;
  ParsedQuery parsed_;
  int limit_ = 20;
  double n_ = 1, avg_length_ = 1;
  std::vector<Plan> plans_;  // by query word
  std::unique_ptr<rocksdb::Iterator> postings_;
  std::unordered_map<uint32_t, DocInfo> docs_;
  std::unordered_map<std::string, std::optional<json>> items_;
  std::optional<std::string> speaker_filter_, body_filter_;
  // Whether a folded text contains a folded filter; memoized, as the same
  // speaker names and bodies recur in document after document and folding
  // (ICU) costs more than the rest of a filter check.
  std::unordered_map<std::string, bool> matched_texts_;
  // With a speaker filter, the documents having a matching speaker.
  std::unordered_set<uint32_t> speaker_documents_;
  // A heap (by Worse) of the candidates not examined yet.
  std::vector<Candidate> ranked_;
  size_t popped_ = 0;     // candidates taken off the heap
  bool capped_ = false;   // a word's postings were read up to the cap
  std::optional<size_t> count_start_;  // documents read when counting began
  SearchResults results_;
};


Status SearchRun::MakePlans() {
  const uint64_t units = store_.units_, unit_terms = store_.unit_terms_;
  n_ = static_cast<double>(std::max<uint64_t>(units, 1));
  avg_length_ = units ? static_cast<double>(unit_terms) / static_cast<double>(units) : 1.0;
  for (const QueryWord& w : parsed_.words) {
    std::vector<std::pair<std::string, ClassCounts>> expansions;
    auto add = [&](std::string term, std::string_view value) -> Status {
      ClassCounts counts;
      if (!DecodeClassCounts(value, &counts)) return DbError("search: statistics of term '" + term + "' unreadable");
      if (!counts.empty()) expansions.emplace_back(std::move(term), std::move(counts));
      return Status::Ok();
    };
    if (w.prefix) {
      auto it = store_.NewIterator(kTerms);
      for (it->Seek(w.folded); it->Valid() && HasPrefix(it->key(), w.folded); it->Next()) {
        if (expansions.size() == kMaxPrefixTerms) {
          store_.logger_->Warn("search: '" + w.folded + "*' matches more than " + std::to_string(kMaxPrefixTerms) +
                               " terms; the first ones are searched");
          break;
        }
        if (Status s = add(it->key().ToString(), std::string_view(it->value().data(), it->value().size())); !s.ok())
          return s;
      }
      if (Status s = store_.IteratorStatus(*it, kTerms); !s.ok()) return s;
    } else {
      for (const std::string& term : w.terms) {
        auto value = store_.Read(kTerms, term);
        if (!value.ok()) return value.status();
        if (*value)
          if (Status s = add(term, **value); !s.ok()) return s;
      }
    }
    Plan plan;
    for (const auto& [term, counts] : expansions)
      for (const auto& [cls, count] : counts) plan.df += std::max<int64_t>(count, 0);
    if (plan.df > 0) {
      const double dfd = std::min(static_cast<double>(plan.df), n_);
      plan.idf = std::log(1.0 + (n_ - dfd + 0.5) / (dfd + 0.5));
      plan.expansions = expansions.size();
      for (const auto& [term, counts] : expansions)
        for (const auto& [cls, count] : counts)
          if (count > 0) plan.sources.push_back({term, cls, plan.idf * ClassBound(cls, avg_length_)});
      std::stable_sort(plan.sources.begin(), plan.sources.end(),
                       [](const Source& a, const Source& b) { return a.bound > b.bound; });
    }
    plans_.push_back(std::move(plan));
  }
  return Status::Ok();
}

template <typename Fn>
Result<size_t> SearchRun::ReadSource(const Source& source, size_t budget, Fn&& fn) {
  if (!postings_) postings_ = store_.NewIterator(kPostings);
  const std::string prefix = PostingClassPrefix(source.term, source.cls);
  size_t read = 0;
  for (postings_->Seek(prefix); postings_->Valid() && HasPrefix(postings_->key(), prefix) && read < budget;
       postings_->Next()) {
    rocksdb::Slice key = postings_->key();
    if (key.size() != prefix.size() + 4) return DbError("search: malformed posting key of '" + source.term + "'");
    const uint64_t number = ReadBigEndian32(std::string_view(key.data() + prefix.size(), 4));
    std::string_view value(postings_->value().data(), postings_->value().size());
    while (!value.empty()) {
      PostingEntry e;
      if (!ReadPostingEntry(&value, &e)) return DbError("search: corrupt posting of '" + source.term + "'");
      ++read;
      const uint64_t code = e.paragraph == kTitleUnit ? 0 : uint64_t{e.paragraph} + 1;
      if (e.section > kUnitMask || code > kUnitMask) continue;
      fn(number << (2 * kUnitBits) | uint64_t{e.section} << kUnitBits | code, e);
    }
  }
  if (Status s = store_.IteratorStatus(*postings_, kPostings); !s.ok()) return s;
  return read;
}

bool SearchRun::Matches(const std::string& folded_filter, const std::string& text) {
  auto [it, fresh] = matched_texts_.try_emplace(folded_filter + '\0' + text, false);
  if (fresh) it->second = FoldForSearch(text).find(folded_filter) != std::string::npos;
  return it->second;
}

// The documents having a matching speaker, from the speakers family: one
// short scan per matching name and one seek per other name, so that the
// documents without one are passed over without a read.
Status SearchRun::ReadSpeakerIndex() {
  auto it = store_.NewIterator(kSpeakers);
  it->SeekToFirst();
  while (it->Valid()) {
    std::string_view key(it->key().data(), it->key().size());
    const size_t end = key.find('\0');
    if (end == std::string_view::npos || key.size() != end + 5) return DbError("search: malformed speaker index key");
    const std::string name(key.substr(0, end));
    if (name.find('\x01') == std::string::npos && !Matches(*speaker_filter_, name)) {
      const std::string last = name + '\0' + std::string(4, '\xff');  // the name's last possible key
      it->Seek(last);
      if (it->Valid() && it->key() == rocksdb::Slice(last)) it->Next();
      continue;
    }
    const std::string prefix = name + '\0';
    for (; it->Valid() && HasPrefix(it->key(), prefix); it->Next())
      speaker_documents_.insert(ReadBigEndian32(std::string_view(it->key().data() + prefix.size(), 4)));
  }
  return store_.IteratorStatus(*it, kSpeakers);
}

// A candidate document's filter record (one small point read, keys.h) and
// whether it passes the document filters; read once per query.
Result<SearchRun::DocInfo*> SearchRun::Doc(uint32_t number) {
  auto [doc_it, inserted] = docs_.try_emplace(number);
  DocInfo& info = doc_it->second;
  if (!inserted) return &info;
  if (speaker_filter_ && !speaker_documents_.count(number)) return &info;  // no matching speaker: not read
  auto value = store_.Read(kFilters, NumberKey(number));
  if (!value.ok()) return value.status();
  if (!*value) return &info;  // removed since its postings were read
  if (!DecodeFilterRecord(**value, &info.record))
    return DbError("search: filter record of document number " + std::to_string(number) + " unreadable");
  const std::optional<std::string>& date = info.record.date;
  info.keep = true;
  if ((query_.from || query_.to) && !date) info.keep = false;
  if (query_.from && date && *date < *query_.from) info.keep = false;
  if (query_.to && date && date->substr(0, query_.to->size()) > *query_.to) info.keep = false;
  if (body_filter_ && info.keep && !Matches(*body_filter_, info.record.body.value_or(""))) info.keep = false;
  if (speaker_filter_ && info.keep) {  // no unit of a document without such a speaker is looked at
    info.speaker_matches.resize(info.record.speakers.size());
    info.keep = false;
    for (size_t k = 0; k < info.record.speakers.size(); ++k)
      if ((info.speaker_matches[k] = Matches(*speaker_filter_, info.record.speakers[k]))) info.keep = true;
  }
  return &info;
}

// Whether a unit passes the filters, from its document's filter record alone.
Result<bool> SearchRun::Admit(const Unit& u, DocInfo** out) {
  auto info = Doc(u.number);
  if (!info.ok()) return info.status();
  *out = *info;
  if (!(*info)->keep) return false;
  if (!speaker_filter_) return true;
  if (u.paragraph == kTitleUnit) return false;  // a title has no speaker
  // The unit's speaker from the filter record: units of other speakers are
  // rejected without reading their paragraph.
  const auto& sections = (*info)->record.unit_speakers;
  const uint32_t code =
      u.section < sections.size() && u.paragraph < sections[u.section].size() ? sections[u.section][u.paragraph] : 0;
  return code != 0 && (*info)->speaker_matches[code - 1];
}

Result<std::optional<json>*> SearchRun::ItemOf(const std::string& raw_id, uint32_t section) {
  std::string item_key = ItemKey(raw_id, section);
  auto [item_it, fresh] = items_.try_emplace(item_key);
  if (fresh) {
    auto value = store_.Read(kItems, item_key);
    if (!value.ok()) return value.status();
    if (*value) item_it->second = ParseObject(**value);
  }
  return &item_it->second;
}

// Whether the unit passes the filters and, for a query with a phrase, holds
// it; with `make_hit`, a hit that does is appended to the results.
Result<bool> SearchRun::Examine(const Candidate& c, bool make_hit) {
  const Unit u = Unpack(c.unit);
  DocInfo* info = nullptr;
  auto admitted = Admit(u, &info);
  if (!admitted.ok() || !*admitted) return admitted;
  if (!make_hit && !parsed_.has_phrase) return true;

  SearchHit hit;
  const std::string& raw_id = info->record.raw_id;
  hit.doc_id = BytesToHex(raw_id);
  hit.date = info->record.date;
  hit.reference = info->record.reference;
  hit.score = c.score;
  const json* item = nullptr;
  if (u.section > 0) {
    auto found = ItemOf(raw_id, u.section);
    if (!found.ok()) return found.status();
    if (**found) {
      item = &***found;
      hit.item_number = OptString(*item, "number");
      hit.item_title = OptString(*item, "title");
    }
  }
  std::string text;
  if (u.paragraph == kTitleUnit) {
    if (!item) return false;
    text = hit.item_title.value_or("");
    auto page = item->find("page");
    hit.page = page != item->end() && page->is_number_integer() ? page->get<int>() : 0;
  } else {
    auto value = store_.Read(kParagraphs, UnitKey(raw_id, u.section, u.paragraph));
    if (!value.ok()) return value.status();
    if (!*value) return false;  // removed meanwhile
    auto p = ParagraphFromJson(**value);
    if (!p.ok()) return DbError(hit.doc_id.substr(0, 12) + ": stored paragraph unreadable");
    if (speaker_filter_ && (!p->speaker || !Matches(*speaker_filter_, *p->speaker))) return false;
    hit.speaker = p->speaker;
    hit.page = p->page;
    text = std::move(p->text);
  }
  const std::string_view language = UnitLanguage(info->record.page_languages, info->record.language, hit.page);
  if (parsed_.has_phrase && !MatchesText(parsed_, text, language)) return false;
  if (!make_hit) return true;
  hit.snippet = MakeSnippet(text, parsed_, language);
  results_.hits.push_back(std::move(hit));
  return true;
}

// Examines candidates best first until `limit` hits are found or, with
// `above`, until the best one left does not score above it.
Status SearchRun::Drain(std::optional<double> above) {
  while (!ranked_.empty() && static_cast<int>(results_.hits.size()) < limit_) {
    if (above && !(ranked_.front().score > *above)) break;
    std::pop_heap(ranked_.begin(), ranked_.end(), Worse);
    const Candidate c = ranked_.back();
    ranked_.pop_back();
    ++popped_;
    if (auto r = Examine(c, true); !r.ok()) return r.status();
  }
  return Status::Ok();
}

// One word: every unit's score is known as soon as its entry is read, and
// nothing unread scores above the next source's bound. Reading stops once
// `limit` hits that pass the filters score above it: the exact top hits for
// a fraction of the postings of a common word.
Status SearchRun::RunOneWord() {
  const Plan& plan = plans_[0];
  size_t read = 0, i = 0;
  auto push = [&](uint64_t unit, const PostingEntry& e) {
    ranked_.push_back({unit, plan.idf * Weight(e), 1, 1});
    std::push_heap(ranked_.begin(), ranked_.end(), Worse);
  };
  for (; i < plan.sources.size(); ++i) {
    auto r = ReadSource(plan.sources[i], kMaxEntriesPerTerm - read, push);
    if (!r.ok()) return r.status();
    read += *r;
    if (read >= kMaxEntriesPerTerm) {
      store_.logger_->Debug("search: read the cap of postings of '" + plan.sources[i].term + "'");
      capped_ = true;
      break;
    }
    if (i + 1 == plan.sources.size()) break;
    // The units above the next bound are final: examined now, a hit found
    // here ranks before every unit not read yet. Relative slack: a bound
    // computed like the scores may round differently.
    if (Status s = Drain(plan.sources[i + 1].bound * (1 + 1e-9)); !s.ok()) return s;
    if (static_cast<int>(results_.hits.size()) >= limit_) break;
  }
  if (Status s = Drain(std::nullopt); !s.ok()) return s;
  if (static_cast<int>(results_.hits.size()) < limit_) return Status::Ok();  // every unit read and examined
  if (!Filtered()) {
    // Without filters every unit holding the word is a hit: the rest is the
    // word's df less those taken.
    results_.more = static_cast<uint64_t>(std::max<int64_t>(0, plan.df - static_cast<int64_t>(popped_)));
    return Status::Ok();
  }
  // With filters the rest is read (up to the cap) a source at a time and
  // counted, until the budget of filter records runs out.
  results_.more_is_lower_bound = capped_;
  auto counted = CountRanked();
  for (++i; counted.ok() && *counted && i < plan.sources.size() && !capped_; ++i) {
    ranked_.clear();
    auto r = ReadSource(plan.sources[i], kMaxEntriesPerTerm - read, [&](uint64_t unit, const PostingEntry& e) {
      ranked_.push_back({unit, plan.idf * Weight(e), 1, 1});
    });
    if (!r.ok()) return r.status();
    read += *r;
    capped_ = read >= kMaxEntriesPerTerm;
    results_.more_is_lower_bound = results_.more_is_lower_bound || capped_;
    counted = CountRanked();
  }
  return counted.status();
}

// Several words, a prefix or a phrase: every query word's postings are read,
// up to the cap, best classes first, and added up per unit; the units that
// hold the words the clauses need are ranked.
Status SearchRun::RunGeneral() {
  std::unordered_map<uint64_t, Candidate> candidates;
  struct Found {
    uint64_t unit;
    uint32_t tf, length;
    bool title;
  };
  std::vector<Found> found;
  for (size_t w = 0; w < plans_.size(); ++w) {
    const Plan& plan = plans_[w];
    found.clear();
    size_t read = 0;
    for (const Source& source : plan.sources) {
      auto r = ReadSource(source, kMaxEntriesPerTerm - read, [&](uint64_t unit, const PostingEntry& e) {
        found.push_back({unit, e.tf, e.length, e.paragraph == kTitleUnit});
      });
      if (!r.ok()) return r.status();
      read += *r;
      if (read >= kMaxEntriesPerTerm) {
        store_.logger_->Debug("search: read the cap of postings of '" + source.term + "'");
        capped_ = true;
        break;
      }
    }
    if (plan.expansions > 1) {
      // Several terms of one word may share the unit: their frequencies add up.
      std::sort(found.begin(), found.end(), [](const Found& a, const Found& b) { return a.unit < b.unit; });
      size_t kept = 0;
      for (size_t i = 0; i < found.size(); ++i) {
        if (kept > 0 && found[kept - 1].unit == found[i].unit) found[kept - 1].tf += found[i].tf;
        else found[kept++] = found[i];
      }
      found.resize(kept);
    }
    candidates.reserve(candidates.size() + found.size());
    for (const Found& f : found) {
      PostingEntry e;
      e.tf = f.tf;
      e.length = f.length;
      e.paragraph = f.title ? kTitleUnit : 0;
      Candidate& c = candidates[f.unit];
      c.unit = f.unit;
      c.score += plan.idf * Weight(e);
      c.words |= uint64_t{1} << w;
      ++c.matched;
    }
  }
  ranked_.reserve(candidates.size());
  for (const auto& entry : candidates)
    if (Satisfies(parsed_, entry.second.words)) ranked_.push_back(entry.second);
  std::make_heap(ranked_.begin(), ranked_.end(), Worse);
  if (Status s = Drain(std::nullopt); !s.ok()) return s;
  if (static_cast<int>(results_.hits.size()) < limit_) return Status::Ok();
  if (!Filtered() && !parsed_.has_phrase) {
    results_.more = ranked_.size();
    results_.more_is_lower_bound = capped_;
    return Status::Ok();
  }
  return CountRest();
}

// Adds the candidates in ranked_ that pass the filters (and hold the
// phrase) to the count; false (a lower bound) once kMaxCountedDocuments
// filter records have been read for counting.
Result<bool> SearchRun::CountRanked() {
  if (!count_start_) count_start_ = docs_.size();
  for (const Candidate& c : ranked_) {
    if (docs_.size() - *count_start_ >= kMaxCountedDocuments) {
      results_.more_is_lower_bound = true;
      return false;
    }
    auto r = Examine(c, false);
    if (!r.ok()) return r.status();
    if (*r) ++results_.more;
  }
  return true;
}

Status SearchRun::CountRest() {
  results_.more_is_lower_bound = capped_;
  return CountRanked().status();
}

Result<SearchResults> SearchRun::Run() {
  // Stemmed in the languages units were stemmed in, or the one asked for.
  parsed_ = ParseQuery(query_.text, query_.language ? std::vector<std::string>{*query_.language} : store_.SearchLanguages());
  if (parsed_.empty()) return results_;
  limit_ = query_.limit <= 0 ? 20 : std::min(query_.limit, kMaxLimit);
  if (Status s = MakePlans(); !s.ok()) return s;
  uint64_t present = 0;  // the words in some unit
  for (size_t w = 0; w < plans_.size(); ++w)
    if (plans_[w].df > 0) present |= uint64_t{1} << w;
  if (!Satisfies(parsed_, present)) return results_;  // a word the clauses need is nowhere
  if (query_.speaker) speaker_filter_ = FoldForSearch(*query_.speaker);
  if (query_.body) body_filter_ = FoldForSearch(*query_.body);
  if (speaker_filter_)
    if (Status s = ReadSpeakerIndex(); !s.ok()) return s;
  const bool one_word = parsed_.words.size() == 1 && !parsed_.has_phrase && plans_[0].expansions == 1;
  if (Status s = one_word ? RunOneWord() : RunGeneral(); !s.ok()) return s;
  return std::move(results_);
}

Result<SearchResults> RocksStore::SearchWithCount(const SearchQuery& query) { return SearchRun(*this, query).Run(); }

}  // namespace protokoll::store_internal
