#include "order_service.h"

#include "pg_order_queries.h"
#include "orders.h"
#include "sentra/service/idempotency.h"
#include "sentra/service/serve.h"

namespace sentra::core {

namespace {

using Orders = service::PgRepository<OrderQueries, PgOrderQueries>;
using service::CallContext;

}  // namespace

template <typename Step>
grpc::Status OrderServiceImpl::Transition(grpc::ServerContext* c, const v1::OrderTransitionRequest& request,
                                          v1::Order* out, Step step) {
  return service::ServeIdempotent(c, request, storage_.pool, out,
                                  [&](const CallContext& call, service::IdempotentWrite& write) {
                                    Orders orders(storage_, call, &write, out);
                                    OrderLogic logic(orders, references_);
                                    return (logic.*step)(call, request, out);
                                  });
}

grpc::Status OrderServiceImpl::CreateOrder(grpc::ServerContext* c, const v1::CreateOrderRequest* request,
                                           v1::Order* out) {
  return service::ServeIdempotent(c, *request, storage_.pool, out,
                                  [&](const CallContext& call, service::IdempotentWrite& write) {
                                    Orders orders(storage_, call, &write, out);
                                    return OrderLogic(orders, references_).Create(call, *request, out);
                                  });
}

grpc::Status OrderServiceImpl::ListOrders(grpc::ServerContext* c, const v1::ListOrdersRequest* request,
                                          v1::ListOrdersResponse* out) {
  return service::ServeTenant(c, [&](const CallContext& call) {
    Orders orders(storage_, call);
    return OrderLogic(orders, references_).List(call, *request, out);
  });
}

grpc::Status OrderServiceImpl::GetOrder(grpc::ServerContext* c, const v1::GetOrderRequest* request, v1::Order* out) {
  return service::ServeTenant(c, [&](const CallContext& call) {
    Orders orders(storage_, call);
    return OrderLogic(orders, references_).Get(call, request->id(), out);
  });
}

grpc::Status OrderServiceImpl::UpdateOrder(grpc::ServerContext* c, const v1::UpdateOrderRequest* request,
                                           v1::Order* out) {
  return service::ServeTenant(c, [&](const CallContext& call) {
    Orders orders(storage_, call);
    return OrderLogic(orders, references_).Update(call, *request, out);
  });
}

grpc::Status OrderServiceImpl::DeleteOrder(grpc::ServerContext* c, const v1::DeleteOrderRequest* request,
                                           v1::DeleteOrderResponse*) {
  return service::ServeTenant(c, [&](const CallContext& call) {
    Orders orders(storage_, call);
    return OrderLogic(orders, references_).Delete(call, request->id());
  });
}

grpc::Status OrderServiceImpl::ConfirmOrder(grpc::ServerContext* c, const v1::OrderTransitionRequest* request,
                                            v1::Order* out) {
  return Transition(c, *request, out, &OrderLogic::Confirm);
}

grpc::Status OrderServiceImpl::FulfillOrder(grpc::ServerContext* c, const v1::OrderTransitionRequest* request,
                                            v1::Order* out) {
  return Transition(c, *request, out, &OrderLogic::Fulfill);
}

grpc::Status OrderServiceImpl::CancelOrder(grpc::ServerContext* c, const v1::OrderTransitionRequest* request,
                                           v1::Order* out) {
  return Transition(c, *request, out, &OrderLogic::Cancel);
}

grpc::Status OrderServiceImpl::ListPortalOrders(grpc::ServerContext* c, const v1::ListPortalOrdersRequest* request,
                                                v1::ListOrdersResponse* out) {
  return service::ServeTenant(c, [&](const CallContext& call) {
    Orders orders(storage_, call);
    return OrderLogic(orders, references_).ListPortal(call, *request, out);
  });
}

grpc::Status OrderServiceImpl::GetPortalOrder(grpc::ServerContext* c, const v1::GetOrderRequest* request,
                                              v1::Order* out) {
  return service::ServeTenant(c, [&](const CallContext& call) {
    Orders orders(storage_, call);
    return OrderLogic(orders, references_).GetPortal(call, request->id(), out);
  });
}

}  // namespace sentra::core
