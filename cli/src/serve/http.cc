// ServeApi over HTTP with cpp-httplib (Debian's libcpp-httplib). httplib
// percent-decodes the path before it reaches the API, so "%2e%2e" arrives as
// ".." and is refused there; its own limits answer oversized bodies (413)
// and URIs (414), which get the API's JSON error body here.
#include <httplib.h>

#include <sys/socket.h>

#include <thread>

#include "protokoll/serve.h"

namespace protokoll {

struct HttpServer::Impl {
  std::unique_ptr<ServeApi> api;
  httplib::Server server;
  std::thread thread;
  int port = 0;
};

HttpServer::HttpServer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
HttpServer::~HttpServer() { Stop(); }

int HttpServer::port() const { return impl_->port; }

void HttpServer::Stop() {
  if (!impl_->thread.joinable()) return;
  impl_->server.stop();
  impl_->thread.join();
}

namespace {

std::string_view CodeForStatus(int status) {
  switch (status) {
    case 404: return "not_found";
    case 413:
    case 414: return "too_large";
    default: return "invalid_argument";
  }
}

}  // namespace

Result<std::unique_ptr<HttpServer>> HttpServer::Start(const ServeOptions& options) {
  auto api = ServeApi::Open(options);
  if (!api.ok()) return api.status();
  auto impl = std::make_unique<Impl>();
  impl->api = std::move(*api);
  ServeApi* served = impl->api.get();
  httplib::Server& server = impl->server;
  // httplib's default sets SO_REUSEPORT, which lets a second server share a
  // busy port silently; SO_REUSEADDR alone still allows a quick restart.
  server.set_socket_options([](int sock) {
    int yes = 1;
    setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
  });
  server.set_payload_max_length(options.max_body_bytes);
  server.set_read_timeout(10, 0);
  server.set_write_timeout(30, 0);
  auto handler = [served](const httplib::Request& req, httplib::Response& res) {
    ApiRequest r;
    r.method = req.method;
    r.path = req.path;
    for (const auto& [name, value] : req.params) r.query.emplace_back(name, value);
    r.body = req.body;
    r.content_type = req.get_header_value("Content-Type");
    r.authorization = req.get_header_value("Authorization");
    r.cookie = req.get_header_value("Cookie");
    ApiResponse out = served->Handle(r);
    res.status = out.status;
    for (const auto& [name, value] : out.headers) res.set_header(name, value);
    res.set_content(std::move(out.body), out.content_type);
  };
  server.Get(".*", handler);
  server.Post(".*", handler);
  server.Put(".*", handler);
  server.Delete(".*", handler);
  server.Patch(".*", handler);
  // httplib's own refusals (413, 414, 400 for a malformed request) carry no body.
  server.set_error_handler([](const httplib::Request&, httplib::Response& res) {
    if (res.body.empty())
      res.set_content(ErrorJson(CodeForStatus(res.status), "the request was refused (HTTP " + std::to_string(res.status) + ")"),
                      "application/json; charset=utf-8");
  });
  const std::string host = options.bind == "localhost" ? "127.0.0.1" : options.bind;
  if (options.port == 0) {
    impl->port = server.bind_to_any_port(host);
    if (impl->port <= 0) return Status(ErrorCode::kInvalidArgument, "cannot listen on " + options.bind);
  } else if (!server.bind_to_port(host, options.port)) {
    return Status(ErrorCode::kInvalidArgument,
                  "cannot listen on " + options.bind + ":" + std::to_string(options.port) + " (in use, or not an address of this machine)");
  } else {
    impl->port = options.port;
  }
  Impl* running = impl.get();
  impl->thread = std::thread([running] { running->server.listen_after_bind(); });
  return std::unique_ptr<HttpServer>(new HttpServer(std::move(impl)));
}

}  // namespace protokoll
