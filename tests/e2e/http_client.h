// A plain HTTP/1.1 client for end-to-end tests: one request per connection,
// to the gateway the test harness started.
#pragma once

#include <chrono>
#include <map>
#include <string>

#include <google/protobuf/struct.pb.h>

namespace sentra::e2e {

struct Response {
  int status = 0;
  std::map<std::string, std::string> headers;  // lowercase names
  std::string body;

  // The body parsed as JSON (an empty Struct when it is not an object).
  google::protobuf::Struct Json() const;
  // A top-level or dotted ("error.code") string field, "" when absent.
  std::string Field(const std::string& path) const;
};

struct Request {
  std::string method = "GET";
  std::string target;
  std::string body;
  std::string token;
  std::string content_type = "application/json";
  std::map<std::string, std::string> headers;
};

Response Send(const Request& request);
// Writes `bytes` as they are on a new connection and returns all the
// gateway sends back until it closes the connection or `wait` passes.
// `port`: another gateway on loopback instead of the stack's.
std::string SendRaw(const std::string& bytes, std::chrono::milliseconds wait = std::chrono::seconds(3),
                    unsigned short port = 0);
Response Get(const std::string& target, const std::string& token = "");
Response Post(const std::string& target, const std::string& body, const std::string& token = "");
Response Patch(const std::string& target, const std::string& body, const std::string& token = "");
Response Delete(const std::string& target, const std::string& token = "");

}  // namespace sentra::e2e
