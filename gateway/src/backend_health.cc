#include "backend_health.h"

#include <grpcpp/client_context.h>
#include <grpcpp/generic/generic_stub.h>
#include <grpcpp/support/byte_buffer.h>

#include <condition_variable>
#include <mutex>

namespace sentra::gateway {

namespace {

// grpc.health.v1.HealthCheckRequest{service}, encoded by hand: the gateway
// links no health protos for one string field.
std::string HealthRequest(std::string_view service) {
  std::string out;
  if (!service.empty()) {
    out.push_back(0x0a);
    out.push_back(static_cast<char>(service.size()));
    out.append(service);
  }
  return out;
}

bool IsServing(const grpc::ByteBuffer& buffer) {
  std::vector<grpc::Slice> slices;
  if (!buffer.Dump(&slices).ok()) return false;
  std::string bytes;
  for (const auto& s : slices) bytes.append(reinterpret_cast<const char*>(s.begin()), s.size());
  return bytes.size() == 2 && bytes[0] == 0x08 && bytes[1] == 0x01;  // status = SERVING
}

constexpr const char* kParts[] = {"", "db", "broker"};

// One health call in flight: what it sends, what it gets back.
struct Probe {
  grpc::ClientContext context;
  grpc::ByteBuffer request, response;
  bool up = false;
};

}  // namespace

std::vector<BackendHealth> CheckBackends(const std::map<std::string, std::unique_ptr<grpc::GenericStub>>& stubs,
                                         std::chrono::milliseconds deadline) {
  const auto until = std::chrono::system_clock::now() + deadline;
  std::vector<std::unique_ptr<Probe>> probes;
  std::mutex mutex;
  std::condition_variable all_answered;
  std::size_t pending = 0;
  for (const auto& [name, stub] : stubs) {
    for (const char* part : kParts) {
      auto& probe = *probes.emplace_back(std::make_unique<Probe>());
      probe.context.set_deadline(until);
      grpc::Slice slice(HealthRequest(part));
      probe.request = grpc::ByteBuffer(&slice, 1);
      {
        std::lock_guard lock(mutex);
        ++pending;
      }
      // The deadline ends every call, answered or not: each callback runs,
      // so waiting for all of them cannot outlast it by more than a moment.
      stub->UnaryCall(&probe.context, "/grpc.health.v1.Health/Check", grpc::StubOptions(), &probe.request,
                      &probe.response, [&, p = &probe](grpc::Status status) {
                        const bool up = status.ok() && IsServing(p->response);
                        std::lock_guard lock(mutex);
                        p->up = up;
                        if (--pending == 0) all_answered.notify_one();
                      });
    }
  }
  {
    std::unique_lock lock(mutex);
    all_answered.wait(lock, [&] { return pending == 0; });
  }
  std::vector<BackendHealth> health;
  std::size_t next = 0;
  for (const auto& [name, stub] : stubs) {
    BackendHealth& backend = health.emplace_back(BackendHealth{.service = name, .parts = {}});
    for (const char* part : kParts) backend.parts.emplace_back(*part ? part : "service", probes[next++]->up);
  }
  return health;
}

}  // namespace sentra::gateway
