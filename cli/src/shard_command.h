// The command line of sharded ingest (private to the protokoll executable):
// `ingest --sst-out DIR [--shard I/N] [--manifest FILE]` and `import DIR...`.
// Kept apart from main.cc, which only wires these in.
#pragma once

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

#include "protokoll/jobs.h"
#include "protokoll/shard.h"

namespace protokoll::cli {

struct ShardArgs {
  std::string sst_out, shard, manifest;  // ingest options
  std::vector<std::string> dirs;         // import
};

// --sst-out, --shard and --manifest on the ingest command.
void AddShardOptions(CLI::App* ingest, ShardArgs& a);
// The import command.
CLI::App* AddImportCommand(CLI::App& app, ShardArgs& a);

// Adds the paths listed by --manifest to `paths` and sets options.select for
// --shard; kInvalidArgument (a usage error) when they are wrong or when
// there is nothing to ingest.
Status ApplyShardArgs(const ShardArgs& a, std::vector<std::string>& paths, IngestJobOptions& options, ShardSpec& spec);

// `import`: the exit code of CONTRACT.md (1 when a shard was refused).
int ImportCommand(const std::string& db, const ShardArgs& a, bool quiet, Logger& logger);

}  // namespace protokoll::cli
