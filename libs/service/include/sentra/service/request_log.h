// One log line per call a service serves: its method, its status, how long
// it took, under the caller's request id (log::RequestLevel(), so an
// operator can quiet these lines and keep the rest). Health checks and the
// gateway's ServiceInfo polling, every few seconds, are left out.
#pragma once

#include <memory>

namespace grpc::experimental {
class ServerInterceptorFactoryInterface;
}

namespace sentra::service {

std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface> NewRequestLogFactory();

}  // namespace sentra::service
