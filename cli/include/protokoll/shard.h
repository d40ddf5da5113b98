// Sharded ingest without a shared database (docs/scale.md). A shard ingests
// its share of the inputs into a private store and writes it out as RocksDB
// SST files plus a manifest (`ingest --sst-out DIR`); `import` adds shards to
// a database, each in one atomic step. Any engine that can run a command
// (Dask, Slurm, xargs) can run the shards: nothing here knows about one.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "protokoll/jobs.h"
#include "protokoll/status.h"
#include "protokoll/store.h"

namespace protokoll {

// The file that completes a shard folder; a folder without it is unfinished.
inline constexpr const char* kShardManifest = "manifest.json";
inline constexpr const char* kShardFormat = "protokoll-shard/1";

// Shard `index` of `count` (1-based, as `--shard 2/8` reads); count 0: all inputs.
struct ShardSpec {
  int index = 0, count = 0;
};
// "I/N" with 1 <= I <= N <= 100000; kInvalidArgument otherwise.
Result<ShardSpec> ParseShardSpec(std::string_view text);
// Whether an input belongs to the shard: by its content (the first 64 bits of
// its SHA-256 modulo N), so that the split does not depend on paths, their
// order or the machine; an input whose bytes could not be read (sha256 "")
// goes by its path's hash, so that exactly one shard records its failure.
bool InShard(const ShardSpec& spec, const std::string& path, const std::string& sha256);
// The paths listed in a file: one a line, blank lines and lines starting
// with '#' skipped, relative paths taken from the file's folder.
Result<std::vector<std::string>> ReadPathList(const std::string& file);

// SHA-256 (hex) of a file's bytes, read in pieces; kUnreadable when it cannot be.
Result<std::string> FileSha256(const std::string& path);

struct ShardIngestOptions {
  IngestJobOptions ingest;  // select and on_input are set by RunShardIngest
  ShardSpec shard;
  std::string out_dir;  // replaced as a whole at the end when it exists
};

struct ShardIngestSummary {
  IngestSummary ingest;
  size_t files = 0;    // SST files written
  uint64_t bytes = 0;  // their size
};

// Ingests this shard's inputs into a private store in a hidden folder next
// to `out_dir`, writes its SST files and manifest there, and renames it to
// `out_dir` last: a shard killed on the way leaves no folder `import` takes.
// kDbError when the private store or the files cannot be written.
Result<ShardIngestSummary> RunShardIngest(const std::vector<std::string>& paths, const ShardIngestOptions& options,
                                          const Dictionary* dictionary, Logger* logger,
                                          const std::function<void(const IngestProgress&)>& progress = {});

struct ImportedShard {
  std::string dir;
  Status refused;  // not OK: the shard was not imported, and why
  ImportOutcome outcome;
};

struct ImportSummary {
  std::vector<ImportedShard> shards;  // in the order given
  size_t documents = 0, already_stored = 0, failures = 0, refused = 0;
};

// Checks each shard folder (its manifest, that every file it lists is there
// with its size and SHA-256 and nothing else is, the schema version) and
// imports it in one atomic step; a refused shard is reported and the next
// one tried. Importing a shard again adds nothing. Only a database error
// stops the run (kDbError).
Result<ImportSummary> RunImport(const std::vector<std::string>& dirs, Store& store, Logger* logger);

}  // namespace protokoll
