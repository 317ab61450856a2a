#include "src/console_files.h"

#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>

using namespace sentra::gateway;

namespace http = boost::beast::http;
namespace fs = std::filesystem;

namespace {

// A built console in a directory of its own, removed at the end.
struct BuiltConsole {
  fs::path dir;
  BuiltConsole() {
    char name[] = "/tmp/sentra-console-test.XXXXXX";
    dir = mkdtemp(name);
    fs::create_directories(dir / "assets");
    Write("index.html", "<!doctype html><title>Sentra</title>");
    Write("assets/index-3f2a9c.js", "console.log('hi')");
    Write("favicon.svg", "<svg/>");
  }
  ~BuiltConsole() { fs::remove_all(dir); }
  void Write(const std::string& path, const std::string& body) const { std::ofstream(dir / path) << body; }
};

}  // namespace

TEST_CASE("the console's files are found by path, its own routes get index.html", "[gateway]") {
  BuiltConsole built;
  auto console = ConsoleFiles::Load(built.dir.string());
  REQUIRE(console.ok());
  CHECK(console->file_count() == 3);
  const auto* index = console->Find("/index.html");
  REQUIRE(index != nullptr);
  CHECK(console->Find("/") == index);
  CHECK(console->Find("/leads") == index);
  CHECK(console->Find("/leads/01a2/edit") == index);
  CHECK(console->Find("/assets/index-3f2a9c.js")->content_type == "text/javascript; charset=utf-8");
  CHECK(console->Find("/favicon.svg")->content_type == "image/svg+xml");
  // A missing asset is a 404, not a page that would fail as a script.
  CHECK(console->Find("/assets/index-000000.js") == nullptr);
  CHECK(console->Find("/assets/anything") == nullptr);
  CHECK(console->Find("/robots.txt") == nullptr);
  // Nothing outside the files read at start: no path reaches the disk.
  CHECK(console->Find("/../index.html") == nullptr);
  CHECK(console->Find("/assets/../index.html") == nullptr);
}

TEST_CASE("hashed assets are cached for a year, the page is revalidated, both under the console's CSP",
          "[gateway]") {
  BuiltConsole built;
  auto console = ConsoleFiles::Load(built.dir.string());
  REQUIRE(console.ok());
  const auto& script = *console->Find("/assets/index-3f2a9c.js");
  const auto res = ConsoleFiles::Serve(script, "", false, "req-1", true);
  CHECK(res.result_int() == 200);
  CHECK(res.body() == "console.log('hi')");
  CHECK(res[http::field::cache_control] == "public, max-age=31536000, immutable");
  CHECK(res["Content-Security-Policy"] == kConsoleContentSecurityPolicy);
  CHECK(std::string(res["Content-Security-Policy"]).find("'unsafe-inline'") == std::string::npos);
  CHECK(res["X-Content-Type-Options"] == "nosniff");
  CHECK(res["X-Request-Id"] == "req-1");

  const auto page = ConsoleFiles::Serve(*console->Find("/"), "", false, "req-2", true);
  CHECK(page[http::field::cache_control] == "no-cache");
  CHECK(page[http::field::content_type] == "text/html; charset=utf-8");
  CHECK(page["X-Frame-Options"] == "DENY");
}

TEST_CASE("a known ETag answers 304 without a body, HEAD gives the length without it", "[gateway]") {
  BuiltConsole built;
  auto console = ConsoleFiles::Load(built.dir.string());
  REQUIRE(console.ok());
  const auto& page = *console->Find("/");
  const std::string etag = std::string(ConsoleFiles::Serve(page, "", false, "r", true)[http::field::etag]);
  REQUIRE(etag.size() == 34);
  CHECK(ConsoleFiles::Serve(page, etag, false, "r", true).result_int() == 304);
  CHECK(ConsoleFiles::Serve(page, "\"other\", W/" + etag, false, "r", true).result_int() == 304);
  CHECK(ConsoleFiles::Serve(page, "*", false, "r", true).result_int() == 304);
  CHECK(ConsoleFiles::Serve(page, "\"other\"", false, "r", true).result_int() == 200);
  const auto head = ConsoleFiles::Serve(page, "", true, "r", true);
  CHECK(head.result_int() == 200);
  CHECK(head.body().empty());
  CHECK(head[http::field::content_length] == std::to_string(page.body.size()));
  // Another build of the page is another tag.
  built.Write("index.html", "<!doctype html><title>Sentra 2</title>");
  auto rebuilt = ConsoleFiles::Load(built.dir.string());
  REQUIRE(rebuilt.ok());
  CHECK(rebuilt->Find("/")->etag != page.etag);
}

TEST_CASE("a directory without index.html is refused at start, naming it", "[gateway]") {
  BuiltConsole built;
  fs::remove(built.dir / "index.html");
  auto console = ConsoleFiles::Load(built.dir.string());
  REQUIRE_FALSE(console.ok());
  CHECK(std::string(console.status().message()).find(built.dir.string()) != std::string::npos);
  CHECK_FALSE(ConsoleFiles::Load("/nonexistent/dist").ok());
}
