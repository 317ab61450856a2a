// core's orders over gRPC: each RPC builds the call's repository and hands
// the request to OrderLogic.
#pragma once

#include "auth_references.h"
#include "sentra/core/v1/orders.grpc.pb.h"
#include "sentra/service/pg_repository.h"

namespace sentra::core {

class OrderServiceImpl final : public v1::OrderService::Service {
 public:
  OrderServiceImpl(const service::Storage& storage, const ReferenceChecker& references)
      : storage_(storage), references_(references) {}

  grpc::Status CreateOrder(grpc::ServerContext*, const v1::CreateOrderRequest*, v1::Order*) override;
  grpc::Status ListOrders(grpc::ServerContext*, const v1::ListOrdersRequest*, v1::ListOrdersResponse*) override;
  grpc::Status GetOrder(grpc::ServerContext*, const v1::GetOrderRequest*, v1::Order*) override;
  grpc::Status UpdateOrder(grpc::ServerContext*, const v1::UpdateOrderRequest*, v1::Order*) override;
  grpc::Status DeleteOrder(grpc::ServerContext*, const v1::DeleteOrderRequest*, v1::DeleteOrderResponse*) override;
  grpc::Status ConfirmOrder(grpc::ServerContext*, const v1::OrderTransitionRequest*, v1::Order*) override;
  grpc::Status FulfillOrder(grpc::ServerContext*, const v1::OrderTransitionRequest*, v1::Order*) override;
  grpc::Status CancelOrder(grpc::ServerContext*, const v1::OrderTransitionRequest*, v1::Order*) override;
  grpc::Status ListPortalOrders(grpc::ServerContext*, const v1::ListPortalOrdersRequest*,
                                v1::ListOrdersResponse*) override;
  grpc::Status GetPortalOrder(grpc::ServerContext*, const v1::GetOrderRequest*, v1::Order*) override;

 private:
  // The frame of the POSTs that move an order: idempotent, like every POST.
  template <typename Step>
  grpc::Status Transition(grpc::ServerContext* context, const v1::OrderTransitionRequest& request, v1::Order* out,
                          Step step);

  const service::Storage& storage_;
  const ReferenceChecker& references_;
};

}  // namespace sentra::core
