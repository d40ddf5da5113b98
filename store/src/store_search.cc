// Store::Search: BM25 over impact-ordered postings (docs/storage.md, "Search").
#include <algorithm>
#include <cmath>
#include <unordered_map>
#include <unordered_set>

#include "protokoll/record_json.h"
#include "protokoll/text.h"
#include "search_text.h"
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
// Documents rebuilt per batch by a schema migration.
constexpr int kMaxLimit = 1000;

struct Candidate {
  uint64_t unit = 0;  // packed, see Search
  double score = 0;
  int matched = 0;  // distinct query terms found in the unit
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

}  // namespace

Result<std::vector<SearchHit>> RocksStore::Search(const SearchQuery& query) {
  std::vector<QueryTerm> terms = ParseQuery(query.text);
  std::vector<SearchHit> hits;
  if (terms.empty()) return hits;
  const int limit = query.limit <= 0 ? 20 : std::min(query.limit, kMaxLimit);
  const uint64_t units = units_, unit_terms = unit_terms_;
  const double n = static_cast<double>(std::max<uint64_t>(units, 1));
  const double avg_length = units ? static_cast<double>(unit_terms) / static_cast<double>(units) : 1.0;

  // The plan: per query term its IDF and the (index term, class) postings to
  // read, best bound first. A prefix's df is the sum of its terms' (exact
  // unless two of them share a unit).
  struct Source {
    std::string term;
    uint8_t cls;
    double bound;  // IDF included
  };
  struct Plan {
    std::vector<Source> sources;
    double idf = 0;
    size_t expansions = 0;
  };
  std::vector<Plan> plans;
  for (const QueryTerm& q : terms) {
    std::vector<std::pair<std::string, ClassCounts>> expansions;
    auto add = [&](std::string term, std::string_view value) -> Status {
      ClassCounts counts;
      if (!DecodeClassCounts(value, &counts)) return DbError("search: statistics of term '" + term + "' unreadable");
      if (!counts.empty()) expansions.emplace_back(std::move(term), std::move(counts));
      return Status::Ok();
    };
    if (q.prefix) {
      auto it = NewIterator(kTerms);
      for (it->Seek(q.term); it->Valid() && HasPrefix(it->key(), q.term); it->Next()) {
        if (expansions.size() == kMaxPrefixTerms) {
          logger_->Warn("search: '" + q.term + "*' matches more than " + std::to_string(kMaxPrefixTerms) +
                        " terms; the first ones are searched");
          break;
        }
        if (Status s = add(it->key().ToString(), std::string_view(it->value().data(), it->value().size())); !s.ok())
          return s;
      }
      if (Status s = IteratorStatus(*it, kTerms); !s.ok()) return s;
    } else {
      auto value = Read(kTerms, q.term);
      if (!value.ok()) return value.status();
      if (*value)
        if (Status s = add(q.term, **value); !s.ok()) return s;
    }
    int64_t df = 0;
    for (const auto& [term, counts] : expansions)
      for (const auto& [cls, count] : counts) df += std::max<int64_t>(count, 0);
    if (df <= 0) continue;  // in no unit: matches nothing
    Plan plan;
    const double dfd = std::min(static_cast<double>(df), n);
    plan.idf = std::log(1.0 + (n - dfd + 0.5) / (dfd + 0.5));
    plan.expansions = expansions.size();
    for (const auto& [term, counts] : expansions)
      for (const auto& [cls, count] : counts)
        if (count > 0) plan.sources.push_back({term, cls, plan.idf * ClassBound(cls, avg_length)});
    std::stable_sort(plan.sources.begin(), plan.sources.end(),
                     [](const Source& a, const Source& b) { return a.bound > b.bound; });
    plans.push_back(std::move(plan));
  }
  if (plans.empty()) return hits;

  // Reads up to `budget` entries of one source, calling fn(unit, entry) for
  // each; returns how many were read.
  auto postings = NewIterator(kPostings);
  auto read_source = [&](const Source& source, size_t budget, auto&& fn) -> Result<size_t> {
    const std::string prefix = PostingClassPrefix(source.term, source.cls);
    size_t read = 0;
    for (postings->Seek(prefix); postings->Valid() && HasPrefix(postings->key(), prefix) && read < budget;
         postings->Next()) {
      rocksdb::Slice key = postings->key();
      if (key.size() != prefix.size() + 4) return DbError("search: malformed posting key of '" + source.term + "'");
      const uint64_t number = ReadBigEndian32(std::string_view(key.data() + prefix.size(), 4));
      std::string_view value(postings->value().data(), postings->value().size());
      while (!value.empty()) {
        PostingEntry e;
        if (!ReadPostingEntry(&value, &e)) return DbError("search: corrupt posting of '" + source.term + "'");
        ++read;
        const uint64_t code = e.paragraph == kTitleUnit ? 0 : uint64_t{e.paragraph} + 1;
        if (e.section > kUnitMask || code > kUnitMask) continue;
        fn(number << (2 * kUnitBits) | uint64_t{e.section} << kUnitBits | code, e);
      }
    }
    if (Status s = IteratorStatus(*postings, kPostings); !s.ok()) return s;
    return read;
  };
  auto weight = [&](const PostingEntry& e) {
    const double w = TermWeight(e.tf, e.length, avg_length);
    return e.paragraph == kTitleUnit ? w * kTitleWeight : w;
  };

  // Units with more of the query's words first, then by BM25; the unit
  // breaks ties so that results are stable.
  auto worse = [](const Candidate& a, const Candidate& b) {
    if (a.matched != b.matched) return a.matched < b.matched;
    if (a.score != b.score) return a.score < b.score;
    return a.unit > b.unit;
  };

  // Every candidate unit is examined at most once, best first: `examine`
  // applies the filters and appends a unit that passes to `hits`.
  struct DocInfo {
    bool keep = false;
    FilterRecord record;
    std::vector<bool> speaker_matches;  // per name of record.speakers, with a speaker filter
  };
  std::unordered_map<uint32_t, DocInfo> docs;
  std::unordered_map<std::string, std::optional<json>> items;
  const std::optional<std::string> speaker_filter = query.speaker ? std::optional(FoldForSearch(*query.speaker)) : std::nullopt;
  const std::optional<std::string> body_filter = query.body ? std::optional(FoldForSearch(*query.body)) : std::nullopt;
  // Whether the folded `text` contains `folded_filter`; memoized, as the same
  // speaker names and bodies recur in document after document and folding
  // (ICU) costs more than the rest of a filter check.
  std::unordered_map<std::string, bool> matched_texts;
  auto matches = [&](const std::string& folded_filter, const std::string& text) {
    auto [it, fresh] = matched_texts.try_emplace(folded_filter + '\0' + text, false);
    if (fresh) it->second = FoldForSearch(text).find(folded_filter) != std::string::npos;
    return it->second;
  };
  // With a speaker filter, the documents having a matching speaker, from the
  // speakers family: one short scan per matching name and one seek per other
  // name, so that the documents without one are passed over without a read.
  std::unordered_set<uint32_t> speaker_documents;
  if (speaker_filter) {
    auto it = NewIterator(kSpeakers);
    it->SeekToFirst();
    while (it->Valid()) {
      std::string_view key(it->key().data(), it->key().size());
      const size_t end = key.find('\0');
      if (end == std::string_view::npos || key.size() != end + 5) return DbError("search: malformed speaker index key");
      const std::string name(key.substr(0, end));
      if (name.find('\x01') == std::string::npos && !matches(*speaker_filter, name)) {
        const std::string last = name + '\0' + std::string(4, '\xff');  // the name's last possible key
        it->Seek(last);
        if (it->Valid() && it->key() == rocksdb::Slice(last)) it->Next();
        continue;
      }
      const std::string prefix = name + '\0';
      for (; it->Valid() && HasPrefix(it->key(), prefix); it->Next())
        speaker_documents.insert(ReadBigEndian32(std::string_view(it->key().data() + prefix.size(), 4)));
    }
    if (Status s = IteratorStatus(*it, kSpeakers); !s.ok()) return s;
  }
  auto examine = [&](const Candidate& c) -> Status {
    const auto number = static_cast<uint32_t>(c.unit >> (2 * kUnitBits));
    const auto section = static_cast<uint32_t>((c.unit >> kUnitBits) & kUnitMask);
    const auto code = static_cast<uint32_t>(c.unit & kUnitMask);
    const uint32_t paragraph = code == 0 ? kTitleUnit : code - 1;

    auto [doc_it, inserted] = docs.try_emplace(number);
    DocInfo& info = doc_it->second;
    if (inserted && speaker_filter && !speaker_documents.count(number)) {
      info.keep = false;  // no matching speaker: its record is not read
    } else if (inserted) {
      // One small point read per candidate document (keys.h, filters):
      // everything the filters and the hit's document fields need.
      auto value = Read(kFilters, NumberKey(number));
      if (!value.ok()) return value.status();
      if (*value) {  // absent: removed since its postings were read
        if (!DecodeFilterRecord(**value, &info.record))
          return DbError("search: filter record of document number " + std::to_string(number) + " unreadable");
        const std::optional<std::string>& date = info.record.date;
        info.keep = true;
        if ((query.from || query.to) && !date) info.keep = false;
        if (query.from && date && *date < *query.from) info.keep = false;
        if (query.to && date && date->substr(0, query.to->size()) > *query.to) info.keep = false;
        if (body_filter && info.keep && !matches(*body_filter, info.record.body.value_or(""))) info.keep = false;
        if (speaker_filter && info.keep) {  // no unit of a document without such a speaker is looked at
          info.speaker_matches.resize(info.record.speakers.size());
          info.keep = false;
          for (size_t k = 0; k < info.record.speakers.size(); ++k)
            if ((info.speaker_matches[k] = matches(*speaker_filter, info.record.speakers[k]))) info.keep = true;
        }
      }
    }
    // The unit's speaker from the filter record: units of other speakers
    // are rejected without reading their paragraph.
    if (info.keep && speaker_filter && paragraph != kTitleUnit) {
      const auto& sections = info.record.unit_speakers;
      const uint32_t code = section < sections.size() && paragraph < sections[section].size() ? sections[section][paragraph] : 0;
      if (code == 0 || !info.speaker_matches[code - 1]) return Status::Ok();
    }
    if (!info.keep || (paragraph == kTitleUnit && speaker_filter)) return Status::Ok();  // a title has no speaker

    SearchHit hit;
    const std::string& raw_id = info.record.raw_id;
    hit.doc_id = BytesToHex(raw_id);
    hit.date = info.record.date;
    hit.reference = info.record.reference;
    hit.score = c.score;
    const json* item = nullptr;
    if (section > 0) {
      std::string item_key = ItemKey(raw_id, section);
      auto [item_it, fresh] = items.try_emplace(item_key);
      if (fresh) {
        auto value = Read(kItems, item_key);
        if (!value.ok()) return value.status();
        if (*value) item_it->second = ParseObject(**value);
      }
      if (item_it->second) {
        item = &*item_it->second;
        hit.item_number = OptString(*item, "number");
        hit.item_title = OptString(*item, "title");
      }
    }
    std::string text;
    if (paragraph == kTitleUnit) {
      if (!item) {
        return Status::Ok();
      }
      text = hit.item_title.value_or("");
      auto page = item->find("page");
      hit.page = page != item->end() && page->is_number_integer() ? page->get<int>() : 0;
    } else {
      auto value = Read(kParagraphs, UnitKey(raw_id, section, paragraph));
      if (!value.ok()) return value.status();
      if (!*value) {  // removed meanwhile
        return Status::Ok();
      }
      auto p = ParagraphFromJson(**value);
      if (!p.ok()) return DbError(hit.doc_id.substr(0, 12) + ": stored paragraph unreadable");
      if (speaker_filter && (!p->speaker || !matches(*speaker_filter, *p->speaker))) {
        return Status::Ok();
      }
      hit.speaker = p->speaker;
      hit.page = p->page;
      text = std::move(p->text);
    }
    hit.snippet = MakeSnippet(text, terms);
    hits.push_back(std::move(hit));
  return Status::Ok();
  };
  // `ranked` is a heap (by `worse`) of the units not examined yet. Examines
  // them best first until `limit` hits are found or, with `above`, until the
  // best one left does not score above it.
  std::vector<Candidate> ranked;
  auto drain = [&](std::optional<double> above) -> Status {
    while (!ranked.empty() && static_cast<int>(hits.size()) < limit) {
      if (above && !(ranked.front().score > *above)) break;
      std::pop_heap(ranked.begin(), ranked.end(), worse);
      const Candidate c = ranked.back();
      ranked.pop_back();
      if (Status s = examine(c); !s.ok()) return s;
    }
    return Status::Ok();
  };

  if (plans.size() == 1 && plans[0].expansions == 1) {
    // One word: every unit's score is known as soon as its entry is read, and
    // nothing unread scores above the next source's bound. Reading stops once
    // `limit` hits that pass the filters score above it: the exact top hits
    // for a fraction of the postings of a common word.
    const Plan& plan = plans[0];
    size_t read = 0;
    for (size_t i = 0; i < plan.sources.size(); ++i) {
      auto r = read_source(plan.sources[i], kMaxEntriesPerTerm - read, [&](uint64_t unit, const PostingEntry& e) {
        ranked.push_back({unit, plan.idf * weight(e), 1});
        std::push_heap(ranked.begin(), ranked.end(), worse);
      });
      if (!r.ok()) return r.status();
      read += *r;
      if (read >= kMaxEntriesPerTerm) {
        logger_->Debug("search: read the cap of postings of '" + plan.sources[i].term + "'");
        break;
      }
      if (i + 1 == plan.sources.size()) break;
      // The units above the next bound are final: examined now, a hit found
      // here ranks before every unit not read yet. Relative slack: a bound
      // computed like the scores may round differently.
      if (Status s = drain(plan.sources[i + 1].bound * (1 + 1e-9)); !s.ok()) return s;
      if (static_cast<int>(hits.size()) >= limit) return hits;
    }
  } else {
    // Several words (or a prefix): every query term's postings are read, up
    // to the cap, best classes first, and added up per unit.
    std::unordered_map<uint64_t, Candidate> candidates;
    struct Found {
      uint64_t unit;
      uint32_t tf, length;
      bool title;
    };
    std::vector<Found> found;
    for (const Plan& plan : plans) {
      found.clear();
      size_t read = 0;
      for (const Source& source : plan.sources) {
        auto r = read_source(source, kMaxEntriesPerTerm - read, [&](uint64_t unit, const PostingEntry& e) {
          found.push_back({unit, e.tf, e.length, e.paragraph == kTitleUnit});
        });
        if (!r.ok()) return r.status();
        read += *r;
        if (read >= kMaxEntriesPerTerm) {
          logger_->Debug("search: read the cap of postings of '" + source.term + "'");
          break;
        }
      }
      if (plan.expansions > 1) {
        // Several terms may share the prefix and the unit: their frequencies add up.
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
        c.score += plan.idf * weight(e);
        ++c.matched;
      }
    }
    ranked.reserve(candidates.size());
    for (const auto& entry : candidates) ranked.push_back(entry.second);
    std::make_heap(ranked.begin(), ranked.end(), worse);
  }
  if (Status s = drain(std::nullopt); !s.ok()) return s;
  return hits;
}

}  // namespace protokoll::store_internal
