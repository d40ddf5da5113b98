// `protokoll serve`: the review pages and the JSON API under /api/ over a
// stored database (docs in README.md, endpoints in cli/src/serve/api.cc).
// ServeApi answers requests without any network, so that it can be tested
// as a function; HttpServer carries it over HTTP (cpp-httplib, kept in the
// .cc). The store is opened read-only and re-opened every few seconds, so
// serving works while an ingest writes and shows what the ingest added.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "protokoll/logger.h"
#include "protokoll/status.h"

namespace protokoll {

// A bearer token and the name corrections made with it are signed with.
struct ServeToken {
  std::string name;  // "anna"; "token" when given without a name
  std::string secret;
};

// "--token anna:s3cret" -> {anna, s3cret}; "s3cret" -> {token, s3cret}.
// kInvalidArgument for an empty secret or a name that is not [A-Za-z0-9._-]+.
Result<ServeToken> ParseServeToken(std::string_view given);

// 127.0.0.1 (any 127.x.y.z), ::1 and localhost.
bool IsLoopback(std::string_view address);

struct ServeOptions {
  std::string db;
  std::string bind = "127.0.0.1";
  int port = 8080;  // 0: a free port, chosen by the system (tests)
  std::vector<ServeToken> tokens;  // empty: no token (loopback only)
  bool allow_local_edits = false;  // corrections without a token, loopback only
  size_t max_body_bytes = 64 * 1024;        // larger requests: 413
  size_t page_cache_bytes = 64u << 20;      // rendered page images kept
  int64_t max_page_pixels = 12'000'000;     // one page image at most
  double refresh_seconds = 2.0;             // how stale the read-only view may get
  Logger* logger = nullptr;                 // may be null; must outlive the server
};

// kInvalidArgument when the options are unsafe or impossible: any address
// but loopback without a token, --allow-local-edits off loopback, a port
// outside 0..65535.
Status CheckServeOptions(const ServeOptions& options);

// A request as the API sees it, whatever carried it.
struct ApiRequest {
  std::string method = "GET";
  std::string path;  // percent-decoded, without the query
  std::vector<std::pair<std::string, std::string>> query;  // decoded
  std::string body;
  std::string content_type;   // the Content-Type header
  std::string authorization;  // the Authorization header
  std::string cookie;         // the Cookie header
};

struct ApiResponse {
  int status = 200;
  std::string content_type = "application/json; charset=utf-8";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
};

// The JSON error body every failure carries: {"error": {"code", "message"}}.
std::string ErrorJson(std::string_view code, std::string_view message);

// Thread safety: Handle may be called from many threads at once.
class ServeApi {
 public:
  // kDbError when the database cannot be opened; kInvalidArgument for bad options.
  static Result<std::unique_ptr<ServeApi>> Open(const ServeOptions& options);
  ~ServeApi();
  ServeApi(const ServeApi&) = delete;
  ServeApi& operator=(const ServeApi&) = delete;

  ApiResponse Handle(const ApiRequest& request);

 private:
  struct Impl;
  explicit ServeApi(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// The API over HTTP on its own threads, until Stop or destruction.
class HttpServer {
 public:
  // Binds and starts serving. kInvalidArgument when the address cannot be
  // bound (in use, not local); kDbError from ServeApi::Open.
  static Result<std::unique_ptr<HttpServer>> Start(const ServeOptions& options);
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  int port() const;  // the bound port (the chosen one for port 0)
  void Stop();

 private:
  struct Impl;
  explicit HttpServer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace protokoll
