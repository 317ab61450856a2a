#include "service_info.h"

#include <grpcpp/create_channel.h>

#include <catch2/catch.hpp>

#include "sentra/common/v1/service_info.grpc.pb.h"

namespace sentra::e2e {

std::map<std::string, StatementRead> StatementReads(const std::string& address) {
  auto stub = common::v1::ServiceInfoService::NewStub(
      grpc::CreateChannel(address, grpc::InsecureChannelCredentials()));
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(5));
  common::v1::ServiceInfo info;
  const grpc::Status status = stub->GetServiceInfo(&context, common::v1::GetServiceInfoRequest(), &info);
  INFO(status.error_message());
  REQUIRE(status.ok());
  std::map<std::string, StatementRead> reads;
  for (const auto& r : info.statement_reads()) {
    reads[r.statement()] = {.results = r.results(), .largest_bytes = r.largest_bytes()};
  }
  return reads;
}

}  // namespace sentra::e2e
