// store_bench: fills a database with generated minutes-like documents and
// reports Put throughput, search latency (p50/p99 per class of query, at
// several database sizes) and bytes per page.
//
//   store_bench [--docs N] [--at N]... [--threads T] [--queries Q] [--limit K] [--dir DIR] [--keep]
//
// --limit K asks every query for K hits (default 20, as `protokoll search`,
// which asks for one more to say whether there are more).
//
// Searches run at every --at size (default N/10, 3N/10) and at N, while
// RocksDB's background compactions of the fill are still going on.
//
// Documents are made of a Zipf-distributed vocabulary of Swedish-looking
// words (plus real words such as "vårdplatser") so that postings lists have
// the skew of real text: a few very common words, a long tail of rare ones.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "protokoll/store.h"

namespace {

using Clock = std::chrono::steady_clock;
using protokoll::Document;

double Seconds(Clock::duration d) { return std::chrono::duration<double>(d).count(); }

struct Vocabulary {
  std::vector<std::string> words;
  std::vector<double> cumulative;  // Zipf weights, cumulative
  std::vector<std::string> speakers;

  explicit Vocabulary(std::mt19937& random) {
    const char* real[] = {"och", "att", "i", "som", "för", "på", "det", "med", "rådet", "förvaltningen",
                          "vårdplatser", "vårdplatsen", "färdtjänst", "budget", "äldreomsorg", "hemtjänst",
                          "informerar", "berättar", "beslutar", "protokollet", "justeras", "regionen",
                          "sjukvård", "tandvård", "kollektivtrafik", "idéer", "café", "möte", "frågan"};
    for (const char* w : real) words.push_back(w);
    const char* syllables[] = {"vår", "da", "pen", "sion", "ä", "ren", "för", "valt", "ning", "kom", "mun",
                               "styr", "el", "se", "hem", "tjänst", "ö", "ver", "sikt", "bud", "get", "lä",
                               "ka", "re", "sjuk", "hus", "plan", "ra", "de", "ri", "ka", "to", "sam", "ver"};
    std::uniform_int_distribution<int> count(2, 4), pick(0, std::size(syllables) - 1);
    while (words.size() < 20000) {
      std::string w;
      for (int i = count(random); i > 0; --i) w += syllables[pick(random)];
      words.push_back(w);
    }
    double sum = 0;
    for (size_t i = 0; i < words.size(); ++i) cumulative.push_back(sum += 1.0 / std::pow(i + 1.0, 1.05));
    const char* first[] = {"Anders", "Karin", "Eva", "Mikael", "Sara", "Lars", "Anna", "Per", "Maria", "Johan"};
    const char* last[] = {"Ahlsson", "Nilsson", "Ek", "Lindvall", "Berg", "Holm", "Strand", "Lund", "Sjöberg",
                          "Åberg", "Öberg", "Wallin", "Dahl", "Falk", "Lind", "Nyström", "Sandberg", "Hedlund",
                          "Björk", "Engström"};
    for (const char* f : first)
      for (const char* l : last) speakers.push_back(std::string(f) + " " + l);
  }
  const std::string& Word(std::mt19937& random) const {
    double x = std::uniform_real_distribution<double>(0, cumulative.back())(random);
    return words[std::lower_bound(cumulative.begin(), cumulative.end(), x) - cumulative.begin()];
  }
  std::string Sentence(std::mt19937& random, int words_count) const {
    std::string s;
    for (int i = 0; i < words_count; ++i) {
      if (i) s += ' ';
      s += Word(random);
    }
    if (!s.empty()) s[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(s[0])));
    return s + ".";
  }
};

std::string HexId(uint64_t n) {
  // A well-spread fake SHA-256: splitmix64 of the number, four times.
  static const char* digits = "0123456789abcdef";
  std::string id;
  uint64_t x = n;
  for (int part = 0; part < 4; ++part) {
    x += 0x9e3779b97f4a7c15ULL;
    uint64_t z = x;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    z ^= z >> 31;
    for (int i = 0; i < 16; ++i) id += digits[(z >> (60 - 4 * i)) & 15];
  }
  return id;
}

Document MakeDocument(uint64_t n, const Vocabulary& v) {
  std::mt19937 random(static_cast<uint32_t>(n * 7919 + 17));
  std::uniform_int_distribution<int> pages(2, 6), items(4, 10), paragraphs(1, 5), length(15, 70);
  std::uniform_int_distribution<size_t> speaker(0, v.speakers.size() - 1);
  Document d;
  d.id = HexId(n);
  d.pipeline_version = "0.1.0";
  d.language = "sv";
  d.source = protokoll::SourceInfo{"minutes-" + std::to_string(n) + ".pdf", 120000, "application/pdf", pages(random)};
  d.metadata.title = "Mötesanteckningar";
  d.metadata.body = "Pensionärsråd " + std::to_string(n % 40);
  d.metadata.reference = "HSN " + std::to_string(2015 + n % 10) + "-" + std::to_string(n);
  char date[16];
  std::snprintf(date, sizeof date, "%04d-%02d-%02d", 2015 + static_cast<int>(n % 10), 1 + static_cast<int>(n % 12),
                1 + static_cast<int>(n % 28));
  d.metadata.date = date;
  for (int p = 1; p <= d.source.pages; ++p)
    d.pages.push_back(protokoll::PageRecord{p, std::to_string(p) + " (" + std::to_string(d.source.pages) + ")", "text",
                                            std::nullopt, "Hälso- och sjukvårdsförvaltningen", std::nullopt, "", "sv"});
  for (int a = 0; a < 8; ++a) {
    protokoll::Attendee attendee;
    attendee.name = v.speakers[speaker(random)];
    d.attendees.push_back(std::move(attendee));
  }
  int page = 1;
  for (int i = items(random); i > 0; --i) {
    protokoll::Item item;
    item.number = std::to_string(d.items.size() + 1);
    item.title = v.Sentence(random, 4);
    item.title.pop_back();
    item.page = page;
    item.bbox = protokoll::Box{56, 100, 400, 115};
    for (int k = paragraphs(random); k > 0; --k) {
      protokoll::Paragraph p;
      p.text = v.Sentence(random, length(random)) + " " + v.Sentence(random, length(random) / 2);
      p.speaker = v.speakers[speaker(random)];
      p.speaker_source = "explicit";
      p.page = page;
      p.bbox = protokoll::Box{56.7, 120, 538.6, 171.2};
      item.paragraphs.push_back(std::move(p));
      if (random() % 3 == 0 && page < d.source.pages) ++page;
    }
    d.items.push_back(std::move(item));
  }
  for (const auto& item : d.items)
    for (const auto& p : item.paragraphs) d.text += p.text + "\n\n";
  return d;
}

double Percentile(std::vector<double> v, double q) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, static_cast<size_t>(q * (v.size() - 1) + 0.5))];
}

struct QueryClass {
  std::string name;
  std::vector<protokoll::SearchQuery> queries;
};

// Query classes by how many units their words are in: very common words
// (ranks 1-10 of the Zipf vocabulary, in nearly every paragraph), medium
// (ranks 31-300), rare (ranks 2,001-20,000), prefixes of ranks 31-5,000,
// two words, and medium words with a date, body or speaker filter.
std::vector<QueryClass> MakeQueries(const Vocabulary& v, int per_class) {
  std::mt19937 random(4711);
  auto rank = [&](size_t low, size_t high) { return v.words[std::uniform_int_distribution<size_t>(low, high)(random)]; };
  std::vector<QueryClass> classes = {{"common", {}}, {"medium", {}}, {"rare", {}}, {"prefix", {}}, {"two words", {}},
                                     {"filtered", {}}};
  for (int i = 0; i < per_class; ++i) {
    auto add = [&](size_t c, std::string text) {
      protokoll::SearchQuery q;
      q.text = std::move(text);
      classes[c].queries.push_back(std::move(q));
    };
    add(0, rank(0, 9));
    add(1, rank(30, 299));
    add(2, rank(2000, v.words.size() - 1));
    std::string w = i % 10 == 0 ? std::string(i % 20 == 0 ? "vårdplats" : "förva") : rank(30, 4999);
    add(3, w.substr(0, std::min<size_t>(w.size(), 5)) + "*");
    add(4, i % 2 ? rank(30, 299) + " " + rank(2000, 9999) : rank(0, 9) + " " + rank(30, 299));
    add(5, rank(30, 299));
    protokoll::SearchQuery& f = classes[5].queries.back();
    if (i % 3 == 0) f.from = "2022-01-01";
    else if (i % 3 == 1) f.body = "Pensionärsråd 7";
    else f.speaker = v.speakers[random() % v.speakers.size()];
  }
  // The filtered queries again, by filter, so that each kind's latency shows
  // (not counted in "all", which holds each query once).
  for (const char* name : {"f:date", "f:body", "f:speaker"}) classes.push_back({name, {}});
  for (size_t i = 0; i < classes[5].queries.size(); ++i) classes[6 + i % 3].queries.push_back(classes[5].queries[i]);
  return classes;
}

struct Latency {
  double p50 = 0, p99 = 0, max = 0;
  size_t hits = 0;
};

Latency Measure(protokoll::Store& store, const std::vector<protokoll::SearchQuery>& queries, std::vector<double>* all) {
  std::vector<double> ms;
  Latency l;
  for (const auto& q : queries) {
    auto start = Clock::now();
    auto hits = store.Search(q);
    ms.push_back(Seconds(Clock::now() - start) * 1000);
    if (hits.ok()) l.hits += hits->size();
    else std::fprintf(stderr, "store_bench: search '%s': %s\n", q.text.c_str(), hits.status().ToString().c_str());
  }
  all->insert(all->end(), ms.begin(), ms.end());
  l.p50 = Percentile(ms, 0.5);
  l.p99 = Percentile(ms, 0.99);
  l.max = Percentile(ms, 1.0);
  return l;
}

}  // namespace

int main(int argc, char** argv) {
  uint64_t docs = 100000;
  int threads = 2, per_class = 100, limit = 0;
  std::string dir;
  bool keep = false;
  std::vector<uint64_t> checkpoints;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto next = [&]() -> std::string { return i + 1 < argc ? argv[++i] : ""; };
    if (a == "--docs") docs = std::strtoull(next().c_str(), nullptr, 10);
    else if (a == "--threads") threads = std::max(1, std::atoi(next().c_str()));
    else if (a == "--queries") per_class = std::max(1, std::atoi(next().c_str()));
    else if (a == "--limit") limit = std::max(1, std::atoi(next().c_str()));
    else if (a == "--at") checkpoints.push_back(std::strtoull(next().c_str(), nullptr, 10));
    else if (a == "--dir") dir = next();
    else if (a == "--keep") keep = true;
    else {
      std::fprintf(stderr,
                   "usage: store_bench [--docs N] [--at N]... [--threads T] [--queries Q per class] [--limit K] [--dir DIR] "
                   "[--keep]\n");
      return 2;
    }
  }
  if (checkpoints.empty()) checkpoints = {docs / 10, docs * 3 / 10};
  checkpoints.push_back(docs);
  std::sort(checkpoints.begin(), checkpoints.end());
  checkpoints.erase(std::unique(checkpoints.begin(), checkpoints.end()), checkpoints.end());
  if (dir.empty()) dir = (std::filesystem::temp_directory_path() / ("store_bench." + std::to_string(getpid()))).string();
  std::mt19937 random(12345);
  Vocabulary vocabulary(random);
  std::vector<QueryClass> classes = MakeQueries(vocabulary, per_class);
  if (limit > 0)
    for (auto& c : classes)
      for (auto& q : c.queries) q.limit = limit;

  auto opened = protokoll::Store::Open(dir, protokoll::StoreOptions{});
  if (!opened.ok()) {
    std::fprintf(stderr, "store_bench: %s\n", opened.status().ToString().c_str());
    return 3;
  }
  std::unique_ptr<protokoll::Store> store = std::move(*opened);

  // Fill up to each checkpoint, then search. Document generation is timed
  // separately and subtracted, so that the rate is the store's.
  std::atomic<uint64_t> next_doc{0}, pages{0}, paragraphs{0}, items{0}, failed{0};
  std::atomic<int64_t> put_nanos{0};
  double wall = 0;
  std::printf("%-10s %-10s %8s %8s %8s %8s\n", "documents", "queries", "p50 ms", "p99 ms", "max ms", "hits");
  for (uint64_t checkpoint : checkpoints) {
    auto fill_start = Clock::now();
    std::vector<std::thread> workers;
    for (int t = 0; t < threads; ++t)
      workers.emplace_back([&] {
        for (uint64_t n; (n = next_doc++) < checkpoint;) {
          Document d = MakeDocument(n, vocabulary);
          auto start = Clock::now();
          auto put = store->Put(d);
          put_nanos += std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now() - start).count();
          if (!put.ok()) {
            if (failed++ == 0) std::fprintf(stderr, "store_bench: %s\n", put.status().ToString().c_str());
            continue;
          }
          pages += d.pages.size();
          items += d.items.size();
          for (const auto& item : d.items) paragraphs += item.paragraphs.size();
          if (n % 10000 == 9999) std::fprintf(stderr, "  %llu documents\n", static_cast<unsigned long long>(n + 1));
        }
      });
    for (auto& w : workers) w.join();
    next_doc = checkpoint;
    wall += Seconds(Clock::now() - fill_start);
    std::vector<double> all;
    for (const auto& c : classes) {
      std::vector<double> breakdown;
      Latency l = Measure(*store, c.queries, c.name.rfind("f:", 0) == 0 ? &breakdown : &all);
      std::printf("%-10llu %-10s %8.2f %8.2f %8.2f %8zu\n", static_cast<unsigned long long>(checkpoint), c.name.c_str(),
                  l.p50, l.p99, l.max, l.hits);
    }
    std::printf("%-10llu %-10s %8.2f %8.2f %8.2f\n", static_cast<unsigned long long>(checkpoint), "all",
                Percentile(all, 0.5), Percentile(all, 0.99), Percentile(all, 1.0));
    std::fflush(stdout);
  }
  const double put_seconds = put_nanos.load() / 1e9 / threads;
  const uint64_t records = docs + pages + items + paragraphs;

  // Reopen so the WAL is replayed into table files: the size is then what the data costs at rest.
  store.reset();
  opened = protokoll::Store::Open(dir, protokoll::StoreOptions{});
  if (!opened.ok()) {
    std::fprintf(stderr, "store_bench: reopen: %s\n", opened.status().ToString().c_str());
    return 3;
  }
  store = std::move(*opened);
  auto stats = store->Stats();

  std::printf("documents          %llu (%llu failed), %d writer thread(s)\n", static_cast<unsigned long long>(docs),
              static_cast<unsigned long long>(failed.load()), threads);
  std::printf("records            %llu (documents + pages %llu + items %llu + paragraphs %llu)\n",
              static_cast<unsigned long long>(records), static_cast<unsigned long long>(pages.load()),
              static_cast<unsigned long long>(items.load()), static_cast<unsigned long long>(paragraphs.load()));
  std::printf("put                %.0f documents/s, %.0f records/s (%.1f s in Put per thread, %.1f s wall)\n",
              docs / put_seconds, records / put_seconds, put_seconds, wall);
  if (stats.ok())
    std::printf("database           %.1f MiB, %.0f bytes/page, %.0f bytes/document\n", stats->db_bytes / 1048576.0,
                static_cast<double>(stats->db_bytes) / std::max<uint64_t>(pages, 1),
                static_cast<double>(stats->db_bytes) / std::max<uint64_t>(docs, 1));
  store.reset();
  if (!keep) {
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
  }
  return failed ? 1 : 0;
}
