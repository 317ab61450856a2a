// The gateway serving HTTPS: a second gateway process, started here with a
// certificate made for the test, in front of the stack's real services.
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <catch2/catch.hpp>
#include <chrono>
#include <cstdlib>
#include <fcntl.h>
#include <fstream>
#include <thread>

#include "gateway_process.h"
#include "stack.h"

namespace {

namespace net = boost::asio;
namespace ssl = net::ssl;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = net::ip::tcp;

// A throwaway directory with a self-signed certificate for localhost.
struct Certificate {
  std::string dir;
  std::string cert;
  std::string key;
  Certificate() {
    char pattern[] = "/tmp/sentra-tls.XXXXXX";
    REQUIRE(mkdtemp(pattern) != nullptr);
    dir = pattern;
    cert = dir + "/cert.pem";
    key = dir + "/key.pem";
    const std::string command =
        "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 -subj /CN=localhost "
        "-addext subjectAltName=DNS:localhost -keyout " + key + " -out " + cert + " 2>" + dir + "/openssl.log";
    REQUIRE(std::system(command.c_str()) == 0);
  }
  ~Certificate() { std::system(("rm -rf " + dir).c_str()); }
};

struct TlsResponse {
  bool ok = false;  // a TLS session and an HTTP answer
  http::response<http::string_body> response;
};

// One request over TLS that trusts only `ca_file` and checks the name.
TlsResponse SendTls(unsigned short port, const std::string& ca_file, http::verb method, const std::string& target,
                    const std::string& body = "") {
  TlsResponse out;
  net::io_context io;
  ssl::context context(ssl::context::tls_client);
  context.load_verify_file(ca_file);
  context.set_verify_mode(ssl::verify_peer);
  beast::ssl_stream<beast::tcp_stream> stream(io, context);
  SSL_set_tlsext_host_name(stream.native_handle(), "localhost");
  stream.set_verify_callback(ssl::host_name_verification("localhost"));
  beast::error_code ec;
  beast::get_lowest_layer(stream).expires_after(std::chrono::seconds(10));
  beast::get_lowest_layer(stream).connect(tcp::endpoint(net::ip::make_address("127.0.0.1"), port), ec);
  if (ec) return out;
  stream.handshake(ssl::stream_base::client, ec);
  if (ec) return out;
  http::request<http::string_body> req{method, target, 11};
  req.set(http::field::host, "localhost");
  if (!body.empty()) {
    req.set(http::field::content_type, "application/json");
    req.body() = body;
  }
  req.prepare_payload();
  http::write(stream, req, ec);
  if (ec) return out;
  beast::flat_buffer buffer;
  http::read(stream, buffer, out.response, ec);
  out.ok = !ec;
  stream.shutdown(ec);  // the server's close_notify; errors here do not matter
  return out;
}

}  // namespace

using sentra::e2e::FreePort;
using sentra::e2e::GatewayProcess;

TEST_CASE("the gateway serves HTTPS from a configured certificate, with HSTS, in front of the real services",
          "[e2e][tls]") {
  Certificate certificate;
  const unsigned short port = FreePort();
  GatewayProcess gateway({"SENTRA_HTTP_ADDR=127.0.0.1:" + std::to_string(port), "SENTRA_TLS_CERT=" + certificate.cert,
                          "SENTRA_TLS_KEY=" + certificate.key},
                         certificate.dir + "/gateway.log");
  TlsResponse health;
  for (int i = 0; i < 100 && !health.ok; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    health = SendTls(port, certificate.cert, http::verb::get, "/healthz");
  }
  REQUIRE(health.ok);
  CHECK(health.response.result_int() == 200);
  CHECK(health.response[http::field::strict_transport_security] == "max-age=31536000; includeSubDomains");

  // A whole sign-up through the services, over TLS.
  const std::string suffix = sentra::e2e::UniqueSuffix();
  auto signup = SendTls(port, certificate.cert, http::verb::post, "/v1/auth/signup",
                        R"({"organization_name":"TLS )" + suffix + R"(","name":"T","email":"tls-)" + suffix +
                            R"(@example.com","password":"a long enough password"})");
  REQUIRE(signup.ok);
  CHECK(signup.response.result_int() == 201);
  CHECK(signup.response.body().find("access_token") != std::string::npos);
  CHECK(signup.response[http::field::strict_transport_security] != "");
  // Errors go out the same way.
  auto missing = SendTls(port, certificate.cert, http::verb::get, "/v1/leads");
  REQUIRE(missing.ok);
  CHECK(missing.response.result_int() == 401);
  CHECK(missing.response[http::field::strict_transport_security] != "");

  // Plain HTTP to the TLS port gets no HTTP answer.
  net::io_context io;
  beast::tcp_stream plain(io);
  plain.expires_after(std::chrono::seconds(10));
  plain.connect(tcp::endpoint(net::ip::make_address("127.0.0.1"), port));
  http::request<http::empty_body> req{http::verb::get, "/healthz", 11};
  req.set(http::field::host, "localhost");
  beast::error_code ec;
  http::write(plain, req, ec);
  beast::flat_buffer buffer;
  http::response<http::string_body> res;
  http::read(plain, buffer, res, ec);
  CHECK(ec);
}

TEST_CASE("a gateway given a missing TLS key refuses to start, naming it", "[e2e][tls]") {
  Certificate certificate;
  const std::string log = certificate.dir + "/gateway.log";
  GatewayProcess gateway({"SENTRA_HTTP_ADDR=127.0.0.1:" + std::to_string(FreePort()),
                          "SENTRA_TLS_CERT=" + certificate.cert, "SENTRA_TLS_KEY=" + certificate.dir + "/none.pem"},
                         log);
  CHECK(gateway.ExitCode(std::chrono::seconds(10)) == 2);
  std::ifstream in(log);
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  CHECK(text.find("none.pem") != std::string::npos);
}
