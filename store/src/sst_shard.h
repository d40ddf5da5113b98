// Sharded ingest inside the store (docs/scale.md, "Shards"): a shard's
// private database written out as SST files, and their atomic import into
// another database. Private to store/: RocksDB types appear here.
#pragma once

#include <rocksdb/db.h>

#include <atomic>
#include <cstdint>
#include <string>
#include <vector>

#include "protokoll/logger.h"
#include "protokoll/store.h"

namespace protokoll::store_internal {

// The importing store's search statistics and document counter. The caller
// holds its write mutex; `units` and `unit_terms` come back increased by the
// imported documents', `next_number` is advanced past the numbers given.
struct ImportCounters {
  uint64_t units = 0, unit_terms = 0;
  std::atomic<uint64_t>* next_number = nullptr;
  std::string languages;  // kMetaLanguages: comes back joined with the shard's
};

// Every known column family of `db` (found by name among `handles`) with at
// least one record, as `dir`/<family>.sst. The `terms` family is written with
// its merged values.
Result<std::vector<SstFile>> WriteShardFiles(rocksdb::DB* db, const std::vector<rocksdb::ColumnFamilyHandle*>& handles,
                                             const std::string& dir);

// Checks the files (known families, one file each, block checksums, the
// schema version in their meta records, keys that decode), rewrites them for
// this database (documents already stored left out, document numbers
// renumbered in order from *next_number, term statistics net of what was left
// out, failures cleared for `stored_paths`) into a folder inside `db_dir`, and
// ingests them with one IngestExternalFiles call (atomic across families).
Result<ImportOutcome> ImportShardFiles(rocksdb::DB* db, const std::vector<rocksdb::ColumnFamilyHandle*>& handles,
                                       const std::string& db_dir, const std::vector<SstFile>& files,
                                       const std::vector<std::string>& stored_paths, ImportCounters& counters,
                                       Logger* logger);

}  // namespace protokoll::store_internal
