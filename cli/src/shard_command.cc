#include "shard_command.h"

#include <iostream>

#include "commands.h"

namespace protokoll::cli {

void AddShardOptions(CLI::App* ingest, ShardArgs& a) {
  ingest->add_option("--sst-out", a.sst_out,
                     "write no database: store this run's documents as RocksDB SST files and a manifest in DIR, "
                     "for `protokoll import` (DIR is replaced at the end, never left half-written)")
      ->type_name("DIR");
  ingest->add_option("--shard", a.shard,
                     "take only shard I of N (1-based) of the inputs, split by the SHA-256 of their bytes")
      ->type_name("I/N");
  ingest->add_option("--manifest", a.manifest,
                     "also ingest the paths listed in FILE, one a line (# comments; relative to FILE's folder)")
      ->type_name("FILE");
}

CLI::App* AddImportCommand(CLI::App& app, ShardArgs& a) {
  CLI::App* cmd = app.add_subcommand(
      "import", "add shard folders written by `ingest --sst-out` to the database, each in one atomic step");
  cmd->add_option("DIR", a.dirs, "shard folders")->required();
  cmd->footer("\nA shard whose manifest or files do not check out is refused (exit 1) and the others are imported;\n"
              "documents already stored are skipped, so importing again is safe.\n"
              "\nExamples:\n  protokoll ingest --sst-out shards/1 --shard 1/2 archive/\n"
              "  protokoll ingest --sst-out shards/2 --shard 2/2 archive/\n  protokoll import shards/*\n");
  return cmd;
}

Status ApplyShardArgs(const ShardArgs& a, std::vector<std::string>& paths, IngestJobOptions& options, ShardSpec& spec) {
  if (!a.manifest.empty()) {
    auto listed = ReadPathList(a.manifest);
    if (!listed.ok()) return Status(ErrorCode::kInvalidArgument, listed.status().message());
    paths.insert(paths.end(), listed->begin(), listed->end());
  }
  if (paths.empty() && a.manifest.empty()) return Status(ErrorCode::kInvalidArgument, "ingest needs at least one PATH");
  if (!a.shard.empty()) {
    auto parsed = ParseShardSpec(a.shard);
    if (!parsed.ok()) return parsed.status();
    spec = *parsed;
    options.select = [spec](const std::string& path, const std::string& sha) { return InShard(spec, path, sha); };
  }
  return Status::Ok();
}

int ImportCommand(const std::string& db, const ShardArgs& a, bool quiet, Logger& logger) {
  StoreOptions options;
  options.logger = &logger;
  auto store = Store::Open(db, options);
  if (!store.ok()) return ReportDbError(store.status());
  auto summary = RunImport(a.dirs, **store, &logger);
  if (!summary.ok()) return ReportDbError(summary.status());
  for (const auto& shard : summary->shards)
    if (!shard.refused.ok()) std::cerr << "protokoll: refused " << shard.refused.message() << "\n";
  if (!quiet)
    std::cout << summary->shards.size() - summary->refused << " shards imported, " << summary->refused << " refused; "
              << summary->documents << " documents added, " << summary->already_stored << " already stored, "
              << summary->failures << " failures recorded\n";
  return summary->refused > 0 ? kExitSomeFailed : kExitOk;
}

}  // namespace protokoll::cli
