// core's tasks over gRPC: each RPC builds the call's repository and hands
// the request to TaskLogic.
#pragma once

#include "auth_references.h"
#include "sentra/core/v1/tasks.grpc.pb.h"
#include "sentra/service/pg_repository.h"

namespace sentra::core {

class TaskServiceImpl final : public v1::TaskService::Service {
 public:
  TaskServiceImpl(const service::Storage& storage, const ReferenceChecker& references)
      : storage_(storage), references_(references) {}

  grpc::Status CreateTask(grpc::ServerContext*, const v1::CreateTaskRequest*, v1::Task*) override;
  grpc::Status ListTasks(grpc::ServerContext*, const v1::ListTasksRequest*, v1::ListTasksResponse*) override;
  grpc::Status GetTask(grpc::ServerContext*, const v1::GetTaskRequest*, v1::Task*) override;
  grpc::Status UpdateTask(grpc::ServerContext*, const v1::UpdateTaskRequest*, v1::Task*) override;
  grpc::Status DeleteTask(grpc::ServerContext*, const v1::DeleteTaskRequest*, v1::DeleteTaskResponse*) override;

 private:
  const service::Storage& storage_;
  const ReferenceChecker& references_;
};

}  // namespace sentra::core
