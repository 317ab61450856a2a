#include "console_files.h"

#include <sodium.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "fmt/format.h"

namespace sentra::gateway {

namespace http = boost::beast::http;

namespace {

// What the console's build produces; anything else is served as bytes.
std::string ContentTypeFor(std::string_view path) {
  const auto dot = path.rfind('.');
  const std::string_view ext = dot == std::string_view::npos ? std::string_view() : path.substr(dot + 1);
  if (ext == "html") return "text/html; charset=utf-8";
  if (ext == "js" || ext == "mjs") return "text/javascript; charset=utf-8";
  if (ext == "css") return "text/css; charset=utf-8";
  if (ext == "json" || ext == "map") return "application/json";
  if (ext == "webmanifest") return "application/manifest+json";
  if (ext == "svg") return "image/svg+xml";
  if (ext == "png") return "image/png";
  if (ext == "ico") return "image/x-icon";
  if (ext == "woff2") return "font/woff2";
  if (ext == "txt") return "text/plain; charset=utf-8";
  return "application/octet-stream";
}

std::string EtagFor(const std::string& body) {
  unsigned char hash[16];
  crypto_generichash(hash, sizeof hash, reinterpret_cast<const unsigned char*>(body.data()), body.size(), nullptr, 0);
  char hex[sizeof hash * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, hash, sizeof hash);
  return fmt::format("\"{}\"", hex);
}

// RFC 9110 §13.1.2: a list of tags, or "*".
bool Matches(std::string_view if_none_match, std::string_view etag) {
  if (if_none_match == "*") return true;
  while (!if_none_match.empty()) {
    const auto comma = if_none_match.find(',');
    std::string_view tag = TrimSpaces(if_none_match.substr(0, comma));
    if (tag.starts_with("W/")) tag.remove_prefix(2);
    if (tag == etag) return true;
    if (comma == std::string_view::npos) break;
    if_none_match.remove_prefix(comma + 1);
  }
  return false;
}

}  // namespace

absl::StatusOr<ConsoleFiles> ConsoleFiles::Load(const std::string& directory) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!fs::is_regular_file(fs::path(directory) / "index.html", ec)) {
    return absl::InvalidArgumentError(
        fmt::format("{} holds no index.html: build the console first (deploy/sentra builds it into web/dist)",
                    directory));
  }
  ConsoleFiles console;
  for (fs::recursive_directory_iterator it(directory, ec), end; !ec && it != end; it.increment(ec)) {
    if (!it->is_regular_file()) continue;
    std::ifstream in(it->path(), std::ios::binary);
    std::ostringstream body;
    body << in.rdbuf();
    if (!in) return absl::InvalidArgumentError(fmt::format("cannot read {}", it->path().string()));
    const std::string path = "/" + fs::relative(it->path(), directory).generic_string();
    File file{.body = std::move(body).str(), .content_type = ContentTypeFor(path)};
    file.etag = EtagFor(file.body);
    file.immutable = path.starts_with("/assets/");
    console.files_.emplace(path, std::move(file));
  }
  if (ec) return absl::InvalidArgumentError(fmt::format("cannot read {}: {}", directory, ec.message()));
  return console;
}

const ConsoleFiles::File* ConsoleFiles::Find(std::string_view path) const {
  if (path == "/") path = "/index.html";
  // Debian's Abseil has its own string_view for heterogeneous lookup.
  if (const auto it = files_.find(absl::string_view(path.data(), path.size())); it != files_.end()) {
    return &it->second;
  }
  const std::string_view last = path.substr(path.rfind('/') + 1);
  if (path.starts_with("/assets/") || last.find('.') != std::string_view::npos) return nullptr;
  return &files_.find("/index.html")->second;
}

HttpResponse ConsoleFiles::Serve(const File& file, std::string_view if_none_match, bool head,
                                 const std::string& request_id, bool keep_alive) {
  const bool not_modified = !if_none_match.empty() && Matches(if_none_match, file.etag);
  HttpResponse res{not_modified ? http::status::not_modified : http::status::ok, 11};
  res.set("X-Request-Id", request_id);
  res.set("X-Content-Type-Options", "nosniff");
  res.set("X-Frame-Options", "DENY");
  res.set("Referrer-Policy", "no-referrer");
  res.set("Content-Security-Policy", kConsoleContentSecurityPolicy);
  res.set(http::field::etag, file.etag);
  // Hashed names never change content; the page that names them must be
  // asked for again each time.
  res.set(http::field::cache_control, file.immutable ? "public, max-age=31536000, immutable" : "no-cache");
  res.keep_alive(keep_alive);
  if (not_modified) return res;
  res.set(http::field::content_type, file.content_type);
  if (head) {
    res.content_length(file.body.size());
  } else {
    res.body() = file.body;
    res.prepare_payload();
  }
  return res;
}

}  // namespace sentra::gateway
