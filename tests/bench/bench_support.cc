#include "bench_support.h"

#include <google/protobuf/struct.pb.h>
#include <google/protobuf/util/json_util.h>
#include <unistd.h>

#include <boost/asio/connect.hpp>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace sentra::bench {

Target GatewayTarget() {
  const char* url = std::getenv("SENTRA_TEST_GATEWAY_URL");
  if (url == nullptr) {
    std::fprintf(stderr, "run through: deploy/sentra bench\n");
    std::exit(2);
  }
  const std::string rest = std::string(url).substr(7);  // after "http://"
  const auto colon = rest.rfind(':');
  return {rest.substr(0, colon), rest.substr(colon + 1)};
}

Connection::Connection(const Target& target) : stream_(io_) {
  boost::asio::ip::tcp::resolver resolver(io_);
  stream_.connect(resolver.resolve(target.host, target.port));
  stream_.socket().set_option(boost::asio::ip::tcp::no_delay(true));
}

http::response<http::string_body> Connection::Send(const http::request<http::string_body>& request) {
  http::write(stream_, request);
  http::response<http::string_body> response;
  buffer_.clear();
  http::read(stream_, buffer_, response);
  return response;
}

http::request<http::string_body> Request(const Target& target, http::verb verb, const std::string& path,
                                         const std::string& token, const std::string& json_body) {
  http::request<http::string_body> request{verb, path, 11};
  request.set(http::field::host, target.host);
  if (!token.empty()) request.set(http::field::authorization, "Bearer " + token);
  if (!json_body.empty()) {
    request.set(http::field::content_type, "application/json");
    request.body() = json_body;
  }
  request.prepare_payload();
  return request;
}

std::string JsonField(const std::string& body, const std::string& key, const std::string& outer) {
  google::protobuf::Struct s;
  if (!google::protobuf::util::JsonStringToMessage(body, &s).ok()) return {};
  const google::protobuf::Struct* object = &s;
  if (!outer.empty()) {
    auto it = s.fields().find(outer);
    if (it == s.fields().end()) return {};
    object = &it->second.struct_value();
  }
  auto it = object->fields().find(key);
  return it == object->fields().end() ? std::string() : it->second.string_value();
}

Tenant SignUp(const Target& gateway) {
  Connection setup(gateway);
  const std::string suffix = std::to_string(std::chrono::system_clock::now().time_since_epoch().count());
  auto signup = setup.Send(Request(gateway, http::verb::post, "/v1/auth/signup", "",
                                   R"({"organization_name":"Bench )" + suffix +
                                       R"(","name":"Bench","email":"bench-)" + suffix +
                                       R"(@example.com","password":"benchmark password"})"));
  Tenant tenant{JsonField(signup.body(), "access_token"), JsonField(signup.body(), "id", "organization"),
                JsonField(signup.body(), "id", "user")};
  if (tenant.token.empty()) {
    std::fprintf(stderr, "sign-up failed: %s\n", signup.body().c_str());
    std::exit(1);
  }
  return tenant;
}

double Result::Percentile(double p) const {
  if (latencies_ms.empty()) return 0;
  return latencies_ms[static_cast<std::size_t>(p * static_cast<double>(latencies_ms.size() - 1))];
}

Processes::Processes() {
  const char* state = std::getenv("SENTRA_TEST_STATE");
  if (state == nullptr) return;
  run_dir_ = std::string(state) + "/run";
  std::error_code error;
  for (const auto& entry : std::filesystem::directory_iterator(run_dir_, error)) {
    if (entry.path().extension() == ".pid") names_.push_back(entry.path().stem().string());
  }
  std::sort(names_.begin(), names_.end());
}

std::optional<long> Processes::Pid(const std::string& name) const {
  std::ifstream file(run_dir_ + "/" + name + ".pid");
  long pid = 0;
  if (!(file >> pid) || pid <= 0) return std::nullopt;
  return pid;
}

double Processes::CpuSeconds(const std::string& name) const {
  const auto pid = Pid(name);
  if (!pid) return 0;
  std::ifstream file("/proc/" + std::to_string(*pid) + "/stat");
  std::string line;
  if (!std::getline(file, line)) return 0;
  // After the command name in parentheses: state is field 3, utime 14, stime 15.
  std::istringstream rest(line.substr(line.rfind(')') + 2));
  std::string field;
  double ticks = 0;
  for (int i = 3; i <= 15 && rest >> field; ++i) {
    if (i >= 14) ticks += std::stod(field);
  }
  return ticks / static_cast<double>(sysconf(_SC_CLK_TCK));
}

double Processes::StatusMiB(const std::string& name, const std::string& field) const {
  const auto pid = Pid(name);
  if (!pid) return 0;
  std::ifstream file("/proc/" + std::to_string(*pid) + "/status");
  std::string line;
  while (std::getline(file, line)) {
    if (line.starts_with(field + ":")) return std::stod(line.substr(field.size() + 1)) / 1024.0;  // kB
  }
  return 0;
}

double Processes::RssMiB(const std::string& name) const { return StatusMiB(name, "VmRSS"); }
double Processes::PeakRssMiB(const std::string& name) const { return StatusMiB(name, "VmHWM"); }

CpuMeter::CpuMeter(const Processes& processes, std::vector<std::string> names)
    : processes_(processes), names_(std::move(names)) {
  for (const auto& name : names_) start_.push_back(processes_.CpuSeconds(name));
}

std::vector<double> CpuMeter::MicrosPerRequest(std::uint64_t requests) const {
  std::vector<double> micros;
  for (std::size_t i = 0; i < names_.size(); ++i) {
    const double used = processes_.CpuSeconds(names_[i]) - start_[i];
    micros.push_back(requests == 0 ? 0 : used * 1e6 / static_cast<double>(requests));
  }
  return micros;
}

}  // namespace sentra::bench
