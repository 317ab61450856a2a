#include "src/http_messages.h"

#include <catch2/catch.hpp>

using namespace sentra::gateway;

namespace http = boost::beast::http;

TEST_CASE("a field folded over lines is found, whole or arriving in pieces", "[gateway]") {
  const std::string folded = "GET / HTTP/1.1\r\nHost: x\r\nX-Note: one\r\n two\r\n\r\n";
  CHECK(HasObsoleteFold(folded));
  CHECK(HasObsoleteFold("GET / HTTP/1.1\r\nHost: x\r\nX-Note: one\r\n\ttwo\r\n\r\n"));
  CHECK_FALSE(HasObsoleteFold("GET / HTTP/1.1\r\nHost: x\r\nX-Note: one two\r\n\r\n"));
  // An empty line before the request line is not a fold.
  CHECK_FALSE(HasObsoleteFold("\r\nGET / HTTP/1.1\r\nHost: x\r\n\r\n"));
  // What follows the header is the body, and may hold anything.
  CHECK_FALSE(HasObsoleteFold("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 6\r\n\r\nab\r\n c"));
  // A line break cut between two reads is looked at again.
  const std::size_t cut = folded.find("\r\n two") + 1;
  CHECK_FALSE(HasObsoleteFold(folded.substr(0, cut)));
  CHECK(HasObsoleteFold(folded, cut > 2 ? cut - 2 : 0));
  CHECK_FALSE(HasObsoleteFold(folded.substr(0, cut + 1)));  // the space has not arrived
  CHECK(HasObsoleteFold(folded.substr(0, cut + 2), cut - 1));
}

TEST_CASE("framing in doubt is refused: codings other than chunked, both lengths, Host", "[gateway]") {
  auto request = [](std::initializer_list<std::pair<http::field, const char*>> fields, unsigned version = 11) {
    HttpRequest r{http::verb::post, "/v1/leads", version};
    for (const auto& [name, value] : fields) r.insert(name, value);
    return r;
  };
  CHECK(CheckFraming(request({{http::field::host, "x"}}).base()).ok());
  CHECK(CheckFraming(request({{http::field::host, "x"}, {http::field::transfer_encoding, "chunked"}}).base()).ok());
  CHECK(CheckFraming(request({{http::field::host, "x"}, {http::field::transfer_encoding, "Chunked "}}).base()).ok());
  CHECK_FALSE(
      CheckFraming(request({{http::field::host, "x"}, {http::field::transfer_encoding, "chunked, identity"}}).base())
          .ok());
  CHECK_FALSE(CheckFraming(request({{http::field::host, "x"},
                                    {http::field::transfer_encoding, "chunked"},
                                    {http::field::content_length, "3"}})
                               .base())
                  .ok());
  CHECK_FALSE(CheckFraming(request({}).base()).ok());
  CHECK_FALSE(CheckFraming(request({{http::field::host, "a"}, {http::field::host, "b"}}).base()).ok());
  CHECK(CheckFraming(request({}, 10).base()).ok());
  CHECK_FALSE(CheckFraming(request({{http::field::transfer_encoding, "chunked"}}, 10).base()).ok());
}
