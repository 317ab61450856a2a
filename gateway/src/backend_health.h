// Asks every backend's health parts (the service itself, its database and
// its broker: gRPC's standard Health service) all at once under one
// deadline, for /readyz: a hung backend costs one deadline, not one per
// part and per backend in turn.
#pragma once

#include <chrono>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <grpcpp/generic/generic_stub.h>

namespace sentra::gateway {

struct BackendHealth {
  std::string service;
  // The parts in the order they were asked: "service", "db", "broker".
  std::vector<std::pair<std::string, bool>> parts;  // name, up
};

// One entry per backend, in the map's order; a part that did not answer
// SERVING before the deadline is down.
std::vector<BackendHealth> CheckBackends(const std::map<std::string, std::unique_ptr<grpc::GenericStub>>& stubs,
                                         std::chrono::milliseconds deadline);

}  // namespace sentra::gateway
