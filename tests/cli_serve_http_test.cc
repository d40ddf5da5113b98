// serve over real HTTP on loopback: requests are written byte for byte on a
// socket, so that percent-encoded traversal, oversized bodies and URIs reach
// the server exactly as an attacker would send them; and reads go on while an
// ingest writes to the same database.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <thread>

#include "protokoll/jobs.h"
#include "protokoll/serve.h"
#include "test_support.h"

namespace protokoll {
namespace {
namespace fs = std::filesystem;

struct HttpReply {
  int status = 0;
  std::string head, body;
};

// Sends `request` as is and reads until the server closes.
HttpReply Send(int port, const std::string& request) {
  HttpReply reply;
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return reply;
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  timeval timeout{10, 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  if (connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    close(fd);
    return reply;
  }
  for (size_t sent = 0; sent < request.size();) {
    ssize_t n = send(fd, request.data() + sent, request.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) break;  // the server may refuse before reading it all
    sent += static_cast<size_t>(n);
  }
  std::string raw;
  char buffer[65536];
  for (ssize_t n; (n = recv(fd, buffer, sizeof buffer, 0)) > 0;) raw.append(buffer, static_cast<size_t>(n));
  close(fd);
  if (raw.rfind("HTTP/1.1 ", 0) == 0) reply.status = std::atoi(raw.c_str() + 9);
  const size_t end = raw.find("\r\n\r\n");
  reply.head = raw.substr(0, end);
  if (end != std::string::npos) reply.body = raw.substr(end + 4);
  return reply;
}

HttpReply Get(int port, const std::string& target, const std::string& headers = "") {
  return Send(port, "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n" + headers + "\r\n");
}

std::string CodeOf(const HttpReply& r) {
  auto j = nlohmann::json::parse(r.body, nullptr, false);
  return j.is_object() && j.contains("error") ? j["error"].value("code", "") : "";
}

class ServeHttpTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = testing::MakeTempDir("protokoll-serve-http");
    auto store = Store::Open(dir_ + "/db", StoreOptions{});
    ASSERT_TRUE(store.ok());
  }
  void TearDown() override {
    server_.reset();
    fs::remove_all(dir_);
  }
  void Start(ServeOptions o) {
    o.db = dir_ + "/db";
    o.port = 0;
    auto server = HttpServer::Start(o);
    ASSERT_TRUE(server.ok()) << server.status().ToString();
    server_ = std::move(*server);
    ASSERT_GT(server_->port(), 0);
  }
  int port() const { return server_->port(); }
  std::string dir_;
  std::unique_ptr<HttpServer> server_;
};

TEST_F(ServeHttpTest, ServesTheApiAndThePages) {
  Start(ServeOptions{});
  HttpReply stats = Get(port(), "/api/stats");
  ASSERT_EQ(stats.status, 200) << stats.head;
  EXPECT_EQ(nlohmann::json::parse(stats.body)["documents"], 0);
  HttpReply page = Get(port(), "/");
  EXPECT_EQ(page.status, 200);
  EXPECT_NE(page.head.find("text/html"), std::string::npos);
}

TEST_F(ServeHttpTest, EncodedTraversalIsRefused) {
  Start(ServeOptions{});
  for (const std::string target : std::vector<std::string>{"/api/documents/%2e%2e%2f%2e%2e%2fetc%2fpasswd", "/%2e%2e/%2e%2e/etc/passwd", "/..%2f..%2fetc%2fpasswd",
        "/api/documents/%2F%2Fetc%2Fpasswd", "/api/documents/abcd/pages/%2e%2e%2f1.png",
        "/api/documents/%252e%252e%252fetc", "/%5c..%5c..%5cetc%5cpasswd", "/etc/passwd%00.png",
        "http://127.0.0.1/../../etc/passwd"}) {
    HttpReply r = Get(port(), target);
    EXPECT_GE(r.status, 400) << target;
    EXPECT_LT(r.status, 500) << target;
    EXPECT_EQ(r.body.find("root:"), std::string::npos) << target;
  }
}

TEST_F(ServeHttpTest, OversizedRequestsAreRefusedWithJson) {
  ServeOptions o;
  o.max_body_bytes = 1024;
  Start(o);
  const std::string body(100 * 1024, 'x');
  HttpReply big = Send(port(), "POST /api/stats HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nContent-Type: "
                               "application/json\r\nContent-Length: " +
                                   std::to_string(body.size()) + "\r\n\r\n" + body);
  EXPECT_EQ(big.status, 413) << big.head;
  EXPECT_EQ(CodeOf(big), "too_large");
  HttpReply long_uri = Get(port(), "/api/search?q=" + std::string(20000, 'a'));
  EXPECT_EQ(long_uri.status, 414) << long_uri.head;
  EXPECT_EQ(CodeOf(long_uri), "too_large");
  // The server still answers afterwards.
  EXPECT_EQ(Get(port(), "/api/stats").status, 200);
}

TEST_F(ServeHttpTest, WrongOrMissingTokenIsUnauthorized) {
  ServeOptions o;
  o.tokens = {ServeToken{"anna", "s3cret"}};
  Start(o);
  HttpReply missing = Get(port(), "/api/stats");
  EXPECT_EQ(missing.status, 401);
  EXPECT_EQ(CodeOf(missing), "unauthorized");
  EXPECT_EQ(Get(port(), "/api/stats", "Authorization: Bearer s3cre\r\n").status, 401);
  EXPECT_EQ(Get(port(), "/api/stats?token=s3cret").status, 401);  // never in URLs (logs keep them)
  EXPECT_EQ(Get(port(), "/api/stats", "Authorization: Bearer s3cret\r\n").status, 200);
}

TEST_F(ServeHttpTest, ReadsGoOnWhileAnIngestWrites) {
  ServeOptions o;
  o.refresh_seconds = 0.1;
  Start(o);
  const std::string files = dir_ + "/files";
  fs::create_directories(files);
  for (const char* name : {"riverton-council-minutes-2025-03-04.pdf", "valfardsnamnden-protokoll-2025-04-14.pdf",
                           "hsn-2025-0311-motesanteckningar.pdf"})
    fs::copy_file(testing::SourceDir() + "/samples/" + name, files + "/" + name);
  std::atomic<bool> done{false};
  std::atomic<int> requests{0}, failures{0};
  std::vector<std::thread> readers;
  for (const char* target : {"/api/documents", "/api/stats", "/api/search?q=council"})
    readers.emplace_back([&, target] {
      while (!done) {
        HttpReply r = Get(port(), target);
        ++requests;
        if (r.status != 200) ++failures;
      }
    });
  {
    auto writer = Store::Open(dir_ + "/db", StoreOptions{});  // the ingest's lock, held while serving
    ASSERT_TRUE(writer.ok()) << writer.status().ToString();
    IngestJobOptions options;
    options.extract = testing::TextOnly();
    auto summary = RunIngest({files}, options, **writer, nullptr, NullLogger());
    ASSERT_TRUE(summary.ok());
    EXPECT_EQ(summary->stored, 3u);
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  done = true;
  for (auto& t : readers) t.join();
  EXPECT_GT(requests.load(), 3);
  EXPECT_EQ(failures.load(), 0);
  HttpReply after = Get(port(), "/api/documents");
  EXPECT_EQ(nlohmann::json::parse(after.body)["total"], 3);
}

TEST(ServeHttpStartTest, ABusyPortIsAnError) {
  const std::string dir = testing::MakeTempDir("protokoll-serve-port");
  ASSERT_TRUE(Store::Open(dir + "/db", StoreOptions{}).ok());
  ServeOptions o;
  o.db = dir + "/db";
  o.port = 0;
  auto first = HttpServer::Start(o);
  ASSERT_TRUE(first.ok());
  o.port = (*first)->port();
  auto second = HttpServer::Start(o);
  EXPECT_EQ(second.status().code(), ErrorCode::kInvalidArgument);
  first->reset();
  fs::remove_all(dir);
}

}  // namespace
}  // namespace protokoll
