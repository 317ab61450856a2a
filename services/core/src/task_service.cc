#include "task_service.h"

#include "sentra/service/idempotency.h"
#include "sentra/service/serve.h"
#include "pg_task_queries.h"
#include "tasks.h"

namespace sentra::core {

namespace {

using Tasks = service::PgRepository<TaskQueries, PgTaskQueries>;
using service::CallContext;

}  // namespace

grpc::Status TaskServiceImpl::CreateTask(grpc::ServerContext* c, const v1::CreateTaskRequest* request, v1::Task* out) {
  return service::ServeIdempotent(c, *request, storage_.pool, out,
                                  [&](const CallContext& call, service::IdempotentWrite& write) {
                                    Tasks tasks(storage_, call, &write, out);
                                    return TaskLogic(tasks, references_).Create(call, *request, out);
                                  });
}

grpc::Status TaskServiceImpl::ListTasks(grpc::ServerContext* c, const v1::ListTasksRequest* request,
                                        v1::ListTasksResponse* out) {
  return service::ServeTenant(c, [&](const CallContext& call) {
    Tasks tasks(storage_, call);
    return TaskLogic(tasks, references_).List(call, *request, out);
  });
}

grpc::Status TaskServiceImpl::GetTask(grpc::ServerContext* c, const v1::GetTaskRequest* request, v1::Task* out) {
  return service::ServeTenant(c, [&](const CallContext& call) {
    Tasks tasks(storage_, call);
    return TaskLogic(tasks, references_).Get(call, request->id(), out);
  });
}

grpc::Status TaskServiceImpl::UpdateTask(grpc::ServerContext* c, const v1::UpdateTaskRequest* request, v1::Task* out) {
  return service::ServeTenant(c, [&](const CallContext& call) {
    Tasks tasks(storage_, call);
    return TaskLogic(tasks, references_).Update(call, *request, out);
  });
}

grpc::Status TaskServiceImpl::DeleteTask(grpc::ServerContext* c, const v1::DeleteTaskRequest* request,
                                         v1::DeleteTaskResponse*) {
  return service::ServeTenant(c, [&](const CallContext& call) {
    Tasks tasks(storage_, call);
    return TaskLogic(tasks, references_).Delete(call, request->id());
  });
}

}  // namespace sentra::core
