// Store::Verify: every stored document whole, no record without its document.
#include <unordered_set>

#include "protokoll/record_json.h"
#include "store_impl.h"

namespace protokoll::store_internal {
namespace {
constexpr size_t kMaxVerifyProblems = 1000;
}  // namespace

Result<VerifyReport> RocksStore::Verify() {
  VerifyReport report;
  auto problem = [&](std::string_view raw_id, const std::string& what) {
    if (report.problems.size() < kMaxVerifyProblems)
      report.problems.push_back((raw_id.empty() ? std::string("-") : BytesToHex(raw_id).substr(0, 12)) + ": " + what);
  };
  auto count_prefix = [&](Family f, std::string_view prefix) -> Result<size_t> {
    size_t n = 0;
    auto it = NewIterator(f);
    for (it->Seek(rocksdb::Slice(prefix.data(), prefix.size())); it->Valid() && HasPrefix(it->key(), prefix); it->Next()) ++n;
    if (Status s = IteratorStatus(*it, f); !s.ok()) return s;
    return n;
  };
  auto exists = [&](Family f, std::string_view key) -> Result<bool> {
    auto v = Read(f, key);
    if (!v.ok()) return v.status();
    return v->has_value();
  };

  std::unordered_set<std::string> stored;
  std::unordered_set<uint32_t> numbers;  // of the stored documents
  auto docs = NewIterator(kDocuments);
  for (docs->SeekToFirst(); docs->Valid(); docs->Next()) {
    const std::string raw_id = docs->key().ToString();
    stored.insert(raw_id);
    ++report.documents;
    auto doc = DocumentFromJson(std::string_view(docs->value().data(), docs->value().size()));
    if (!doc.ok()) {
      problem(raw_id, "document record unreadable");
      continue;
    }
    auto summary_value = Read(kSummaries, raw_id);
    if (!summary_value.ok()) return summary_value.status();
    std::optional<json> summary = *summary_value ? ParseObject(**summary_value) : std::nullopt;
    if (!summary) {
      problem(raw_id, "summary missing");
    } else {
      auto dated = exists(kByDate, ByDateKey(doc->metadata.date, raw_id));
      auto ingested = exists(kByIngest, ByIngestKey(String(*summary, "ingested_at"), raw_id));
      if (!dated.ok()) return dated.status();
      if (!ingested.ok()) return ingested.status();
      if (!*dated) problem(raw_id, "date index entry missing");
      if (!*ingested) problem(raw_id, "ingestion index entry missing");
    }
    size_t paragraphs = doc->preamble.size();
    for (const auto& item : doc->items) paragraphs += item.paragraphs.size();
    struct Expect {
      Family family;
      size_t count;
      const char* what;
    };
    for (const Expect& e : {Expect{kPages, doc->pages.size(), "page"}, Expect{kItems, doc->items.size(), "item"},
                            Expect{kParagraphs, paragraphs, "paragraph"}}) {
      auto n = count_prefix(e.family, raw_id);
      if (!n.ok()) return n.status();
      if (*n != e.count)
        problem(raw_id, std::to_string(*n) + " " + e.what + " records, the document has " + std::to_string(e.count));
    }
    // The index: the number entry, and every posting the term list names,
    // holding as many units as it says.
    const json* number_json = summary && summary->contains("number") ? &(*summary)["number"] : nullptr;
    if (!number_json || !number_json->is_number_unsigned()) {
      problem(raw_id, "document number missing");
      continue;
    }
    const auto number = number_json->get<uint32_t>();
    numbers.insert(number);
    auto numbered = Read(kNumbers, NumberKey(number));
    if (!numbered.ok()) return numbered.status();
    if (!*numbered || **numbered != raw_id) problem(raw_id, "document number entry missing");
    auto filter = Read(kFilters, NumberKey(number));
    if (!filter.ok()) return filter.status();
    if (!*filter) problem(raw_id, "filter record missing");
    else if (**filter != EncodeFilterRecord(FilterRecordOf(*doc, raw_id)))
      problem(raw_id, "filter record disagrees with the document");
    for (const std::string& name : FilterRecordOf(*doc, raw_id).speakers) {
      auto listed = exists(kSpeakers, SpeakerKey(name, number));
      if (!listed.ok()) return listed.status();
      if (!*listed) problem(raw_id, "speaker index entry missing");
    }
    auto terms = Read(kDocTerms, raw_id);
    if (!terms.ok()) return terms.status();
    if (!*terms) {
      problem(raw_id, "index term list missing");
      continue;
    }
    std::string_view rest = **terms;
    size_t missing = 0, wrong = 0;
    DocTerm entry;
    while (!rest.empty()) {
      if (!ReadDocTerm(&rest, &entry)) {
        problem(raw_id, "index term list unreadable");
        break;
      }
      for (const auto& [cls, count] : entry.counts) {
        auto posting = Read(kPostings, PostingKey(entry.term, cls, number));
        if (!posting.ok()) return posting.status();
        if (!*posting) {
          ++missing;
          continue;
        }
        std::string_view value = **posting;
        int64_t entries = 0;
        for (PostingEntry e; !value.empty(); ++entries)
          if (!ReadPostingEntry(&value, &e)) break;
        if (!value.empty() || entries != count) ++wrong;
      }
    }
    if (missing) problem(raw_id, std::to_string(missing) + " postings of its index terms missing");
    if (wrong) problem(raw_id, std::to_string(wrong) + " postings of its index terms unreadable or of another size");
  }
  if (Status s = IteratorStatus(*docs, kDocuments); !s.ok()) return s;

  // Records of documents that are not stored (a torn write would leave these).
  for (Family f : {kSummaries, kByDate, kByIngest, kRefs, kPages, kItems, kParagraphs, kDocTerms}) {
    const bool id_first = f == kSummaries || f == kDocTerms || f == kPages || f == kItems || f == kParagraphs;
    size_t orphans = 0;
    std::string example;
    auto it = NewIterator(f);
    for (it->SeekToFirst(); it->Valid(); it->Next()) {
      std::string_view key(it->key().data(), it->key().size());
      std::string_view raw_id = id_first ? key.substr(0, kIdBytes) : TrailingId(key);
      if (!stored.count(std::string(raw_id)) && orphans++ == 0) example = std::string(raw_id);
    }
    if (Status s = IteratorStatus(*it, f); !s.ok()) return s;
    if (orphans) problem(example, std::to_string(orphans) + " " + kFamilyNames[f] + " records of a document not stored");
  }
  {
    size_t orphans = 0;
    auto it = NewIterator(kNumbers);
    for (it->SeekToFirst(); it->Valid(); it->Next())
      if (!stored.count(it->value().ToString())) ++orphans;
    if (Status s = IteratorStatus(*it, kNumbers); !s.ok()) return s;
    if (orphans) problem("", std::to_string(orphans) + " document numbers of a document not stored");
  }
  {
    size_t orphans = 0;
    auto it = NewIterator(kFilters);
    for (it->SeekToFirst(); it->Valid(); it->Next())
      if (it->key().size() != 4 || !numbers.count(ReadBigEndian32(std::string_view(it->key().data(), 4)))) ++orphans;
    if (Status s = IteratorStatus(*it, kFilters); !s.ok()) return s;
    if (orphans) problem("", std::to_string(orphans) + " filter records of a document not stored");
  }
  {
    size_t orphans = 0;
    auto it = NewIterator(kSpeakers);
    for (it->SeekToFirst(); it->Valid(); it->Next()) {
      std::string_view key(it->key().data(), it->key().size());
      if (key.size() < 5 || key[key.size() - 5] != '\0' || !numbers.count(ReadBigEndian32(key.substr(key.size() - 4)))) ++orphans;
    }
    if (Status s = IteratorStatus(*it, kSpeakers); !s.ok()) return s;
    if (orphans) problem("", std::to_string(orphans) + " speaker index entries of a document not stored");
  }

  // Postings of documents not stored, and the term statistics against the
  // postings they count: both families are in term order, so one pass each.
  size_t orphans = 0, disagreeing = 0;
  std::string orphan_term, disagreeing_term;
  auto stats = NewIterator(kTerms);
  stats->SeekToFirst();
  auto compare_statistics = [&](const std::string* term, const ClassCounts& counted) {
    ClassCounts stated;
    while (stats->Valid() && (!term || stats->key().compare(*term) <= 0)) {
      const bool same = term && stats->key().compare(*term) == 0;
      const bool readable = DecodeClassCounts(std::string_view(stats->value().data(), stats->value().size()), &stated);
      if (!readable || stated != (same ? counted : ClassCounts{})) {
        if (disagreeing++ == 0) disagreeing_term = stats->key().ToString();
      }
      stats->Next();
      if (same) return;
    }
    if (term && !counted.empty() && disagreeing++ == 0) disagreeing_term = *term;  // postings without statistics
  };
  std::string term;
  ClassCounts counted;
  auto it = NewIterator(kPostings);
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    std::string_view key(it->key().data(), it->key().size());
    const size_t end = key.find('\0');
    if (end == std::string_view::npos || key.size() != end + kPostingSuffixBytes) {
      problem("", "malformed postings key");
      continue;
    }
    std::string_view key_term = key.substr(0, end);
    if (key_term != term) {
      if (!term.empty()) compare_statistics(&term, counted);
      term = std::string(key_term);
      counted.clear();
    }
    const auto cls = static_cast<uint8_t>(key[end + 1]);
    if (!numbers.count(ReadBigEndian32(key.substr(end + 2))) && orphans++ == 0) orphan_term = term;
    std::string_view value(it->value().data(), it->value().size());
    int64_t entries = 0;
    for (PostingEntry e; !value.empty(); ++entries)
      if (!ReadPostingEntry(&value, &e)) break;
    if (counted.empty() || counted.back().first != cls) counted.emplace_back(cls, 0);
    counted.back().second += entries;
  }
  if (Status s = IteratorStatus(*it, kPostings); !s.ok()) return s;
  if (!term.empty()) compare_statistics(&term, counted);
  compare_statistics(nullptr, {});
  if (Status s = IteratorStatus(*stats, kTerms); !s.ok()) return s;
  if (orphans) problem("", std::to_string(orphans) + " postings of a document not stored (term '" + orphan_term + "')");
  if (disagreeing)
    problem("", std::to_string(disagreeing) + " term statistics disagree with the postings (term '" + disagreeing_term + "')");
  // Correction records: each names a document by its id and a field (the
  // rest of the record is the corrections unit's to read).
  Status corrections = ForEachCorrection([&](uint64_t number, std::string_view value) {
    auto j = ParseObject(value);
    const bool readable = j && j->contains("document") && (*j)["document"].is_string() &&
                          IdToBytes((*j)["document"].get<std::string>()) && j->contains("field") && (*j)["field"].is_string();
    if (!readable) problem("", "correction " + std::to_string(number) + " is unreadable");
    return true;
  });
  if (!corrections.ok()) return corrections;
  return report;
}


}  // namespace protokoll::store_internal
