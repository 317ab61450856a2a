// The Repository of one run of a background job (sentra/jobs): reads and
// one write in the job's organization's scope, for no member (every brand),
// like an event's. The write also completes the job (JobRun::Complete), so
// what came of the job and its completion commit together, and only while
// this run still holds the job: a run whose lease passed to another worker
// records nothing. A job's logic makes its external call first, outside any
// transaction, then records the outcome with its one Write; its unit tests
// hand it a testing::FakeRepository like any logic class's.
#pragma once

#include <string>

#include "sentra/bus/outbox_sink.h"
#include "sentra/jobs/worker.h"
#include "sentra/service/pg_repository.h"

namespace sentra::service {

template <typename Queries, typename PgQueries>
class JobRepository final : public Repository<Queries> {
 public:
  JobRepository(const Storage& storage, jobs::JobRun& run) : storage_(storage), run_(run) {}

  absl::Status Read(const std::function<absl::Status(Queries&)>& body) override {
    return db::InTransaction(storage_.pool, Scope(/*read_only=*/true), [&](db::Transaction& tx) {
      PgQueries queries(tx);
      return body(queries);
    });
  }

  absl::Status Write(const std::function<absl::Status(Queries&, bus::EventSink&)>& body) override {
    if (written_) return absl::InternalError("a job's run records its outcome in one write");
    written_ = true;
    const jobs::Job& job = run_.job();
    return db::InTransaction(storage_.pool, Scope(/*read_only=*/false), [&](db::Transaction& tx) {
      if (auto s = run_.Complete(tx); !s.ok()) return s;
      PgQueries queries(tx);
      // Events of work done for no caller name no actor; the request id
      // names the job.
      bus::OutboxSink events(storage_.outbox, tx, {"", "job:" + job.kind + ":" + std::to_string(job.id)});
      return body(queries, events);
    });
  }

 private:
  db::TxOptions Scope(bool read_only) const {
    const std::string& org = run_.job().org_id;
    return {.org_id = org == jobs::kServiceOwnJobs ? std::string() : org, .brands = "*", .read_only = read_only};
  }

  const Storage& storage_;
  jobs::JobRun& run_;
  bool written_ = false;
};

}  // namespace sentra::service
