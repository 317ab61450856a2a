// The web console's built files (web/dist), read into memory once at start
// and served from the API's own origin: a request can only ever name one of
// the files found then, so no path reaches the disk.
//
// Caching follows the build's naming: files under /assets/ carry a hash of
// their content in their names and are cached for a year; index.html (and
// every client-side route, which answers with it) is revalidated each time,
// so a new release shows on the next load.
#pragma once

#include <string>
#include <string_view>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "http_messages.h"

namespace sentra::gateway {

// The console's policy: its own scripts, styles and API only; no inline
// script, no other origin, never framed.
inline constexpr std::string_view kConsoleContentSecurityPolicy =
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
    "connect-src 'self'; manifest-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

class ConsoleFiles {
 public:
  // Reads every regular file under `directory`; it must hold index.html.
  static absl::StatusOr<ConsoleFiles> Load(const std::string& directory);

  struct File {
    std::string body;
    std::string content_type;
    std::string etag;  // quoted, from the content
    bool immutable = false;
  };

  // The file for `path` (no query). A path that names no file gets
  // index.html, for the console's own routes, unless it looks like a
  // missing asset (under /assets/, or a last segment with a dot): null.
  const File* Find(std::string_view path) const;

  // 200 with the file (no body for HEAD), or 304 when `if_none_match`
  // names its ETag; with the console's CSP and caching.
  static HttpResponse Serve(const File& file, std::string_view if_none_match, bool head,
                            const std::string& request_id, bool keep_alive);

  std::size_t file_count() const { return files_.size(); }

 private:
  absl::flat_hash_map<std::string, File> files_;  // by URL path, "/index.html"
};

}  // namespace sentra::gateway
