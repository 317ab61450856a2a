// The rules of orders: a client's sale, its lines priced exactly in its
// currency. A draft is edited and deleted freely; confirming it (it needs a
// line) tells billing to draft its invoice; a confirmed order is fulfilled
// or cancelled, and nothing else changes it. A client-portal member reads
// their own client's orders once confirmed (drafts, and drafts cancelled,
// stay the agency's). No SQL and no gRPC, so the
// unit tests run it on fakes (tests/orders_test.cc).
#pragma once

#include "auth_references.h"
#include "order_queries.h"
#include "sentra/core/v1/orders.pb.h"
#include "sentra/service/call_context.h"
#include "sentra/service/repository.h"

namespace sentra::core {

class OrderLogic {
 public:
  OrderLogic(service::Repository<OrderQueries>& orders, const ReferenceChecker& references)
      : orders_(orders), references_(references) {}

  // A draft; order.created.
  absl::Status Create(const service::CallContext& call, v1::CreateOrderRequest request, v1::Order* out);
  absl::Status Get(const service::CallContext& call, std::string_view id, v1::Order* out);
  absl::Status List(const service::CallContext& call, const v1::ListOrdersRequest& request,
                    v1::ListOrdersResponse* out);
  // A draft's deal, owner, currency or lines; order.updated naming them.
  absl::Status Update(const service::CallContext& call, v1::UpdateOrderRequest request, v1::Order* out);
  // A draft only (a confirmed order is cancelled instead); order.deleted.
  absl::Status Delete(const service::CallContext& call, std::string_view id);

  // draft → confirmed (order.confirmed), confirmed → fulfilled
  // (order.fulfilled), draft or confirmed → cancelled (order.cancelled).
  // Any other move is 409 CONFLICT naming the status.
  absl::Status Confirm(const service::CallContext& call, const v1::OrderTransitionRequest& request, v1::Order* out);
  absl::Status Fulfill(const service::CallContext& call, const v1::OrderTransitionRequest& request, v1::Order* out);
  absl::Status Cancel(const service::CallContext& call, const v1::OrderTransitionRequest& request, v1::Order* out);

  // The client portal: the member's own client's orders once confirmed,
  // without owner and deal; the client comes from the credential, never
  // the request.
  absl::Status ListPortal(const service::CallContext& call, const v1::ListPortalOrdersRequest& request,
                          v1::ListOrdersResponse* out);
  absl::Status GetPortal(const service::CallContext& call, std::string_view id, v1::Order* out);

 private:
  absl::Status Move(const service::CallContext& call, const v1::OrderTransitionRequest& request,
                    std::string_view to, v1::Order* out);

  service::Repository<OrderQueries>& orders_;
  const ReferenceChecker& references_;
};

}  // namespace sentra::core
