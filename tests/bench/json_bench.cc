// What the gateway spends turning a reply into JSON, without the network:
// a page of 50 leads (with tags, custom fields and timestamps, as a real
// list page has) parsed from the bytes core sends, then printed by
// protobuf's printer and by the gateway's own (gateway/src/json_printer.h);
// and the other way, a lead's body: the strict syntax check
// (gateway/src/json_limits.h) beside the whole of BuildRequest, of which
// it is a part. Prints microseconds for each step.

#include <chrono>
#include <cstdio>
#include <string>

#include "sentra/core/v1/leads.pb.h"
#include "src/fronted_services.h"
#include "src/json_limits.h"
#include "src/json_printer.h"
#include "src/route_table.h"
#include "src/transcoder.h"
#include <google/protobuf/util/json_util.h>

namespace {

sentra::core::v1::ListLeadsResponse Page() {
  sentra::core::v1::ListLeadsResponse page;
  for (int i = 0; i < 50; ++i) {
    auto& lead = *page.add_data();
    lead.set_id("0192f3a4-5b6c-7d8e-9f01-23456789ab" + std::to_string(10 + i));
    lead.set_name("Lead number " + std::to_string(i));
    lead.set_email("lead" + std::to_string(i) + "@example.com");
    lead.set_phone("+44 20 7946 0" + std::to_string(100 + i));
    lead.set_company("Company " + std::to_string(i) + " Ltd");
    lead.set_source("website");
    lead.set_status("new");
    lead.set_score(i);
    lead.set_notes("Met at the trade fair; wants a quote for the spring campaign.");
    lead.set_owner_id("0192f3a4-5b6c-7d8e-9f01-23456789abcd");
    lead.set_version(3);
    lead.add_tags("vip");
    lead.add_tags("spring");
    (*lead.mutable_custom_fields()->mutable_fields())["budget"].set_number_value(12000);
    (*lead.mutable_custom_fields()->mutable_fields())["region"].set_string_value("North");
    lead.mutable_created_at()->set_seconds(1764165908 + i);
    lead.mutable_created_at()->set_nanos(123456000);
    lead.mutable_updated_at()->set_seconds(1764165999 + i);
  }
  page.set_next_cursor("eyJsaXN0IjoibGVhZHMiLCJpZCI6IjAxOTIifQ");
  return page;
}

// Runs `step` for about a second; microseconds per run.
template <typename Step>
double MicrosPerRun(Step step) {
  using Clock = std::chrono::steady_clock;
  for (int i = 0; i < 20; ++i) step();  // warm
  const auto start = Clock::now();
  int runs = 0;
  while (Clock::now() - start < std::chrono::seconds(1)) {
    for (int i = 0; i < 10; ++i) step();
    runs += 10;
  }
  return std::chrono::duration<double, std::micro>(Clock::now() - start).count() / runs;
}

}  // namespace

int main() {
  const std::string wire = Page().SerializeAsString();
  sentra::core::v1::ListLeadsResponse page;
  page.ParseFromString(wire);

  std::size_t sink = 0;
  const double parse = MicrosPerRun([&] {
    sentra::core::v1::ListLeadsResponse parsed;
    parsed.ParseFromString(wire);
    sink += static_cast<std::size_t>(parsed.data_size());
  });
  google::protobuf::util::JsonPrintOptions options;
  options.preserve_proto_field_names = true;
  options.always_print_primitive_fields = true;
  std::string theirs;
  const double protobuf = MicrosPerRun([&] {
    theirs.clear();
    (void)google::protobuf::util::MessageToJsonString(page, &theirs, options);
    sink += theirs.size();
  });
  std::string mine;
  const double printer = MicrosPerRun([&] {
    mine.clear();
    sentra::gateway::AppendJson(page, mine);
    sink += mine.size();
  });
  std::printf("JSON for a page of 50 leads (%zu bytes of protobuf, %zu of JSON):\n", wire.size(), mine.size());
  std::printf("  parse the reply            %8.1f µs\n", parse);
  std::printf("  protobuf's JSON printer    %8.1f µs\n", protobuf);
  std::printf("  the gateway's printer      %8.1f µs  (%.1f× faster, same text: %s)\n", printer, protobuf / printer,
              mine == theirs ? "yes" : "no, map order");

  const std::string body =
      R"({"name":"Ada Lovelace","email":"ada@example.com","phone":"+44 20 7946 0100","company":"Analytical Engines Ltd",)"
      R"("source":"website","score":42,"notes":"Met at the trade fair; wants a quote for the spring campaign.",)"
      R"("tags":["vip","spring"],"custom_fields":{"budget":12000,"region":"North"}})";
  const double check = MicrosPerRun([&] { sink += sentra::gateway::CheckJsonLimits(body).ok(); });
  static const auto routes = *sentra::gateway::RouteTable::Build(sentra::gateway::FrontedServices());
  const auto route = routes.Find("POST", "/v1/leads");
  const double build = MicrosPerRun([&] {
    auto request = sentra::gateway::BuildRequest(route, "", body);
    sink += request.ok();
  });
  std::printf("A lead's body (%zu bytes) into a request:\n", body.size());
  std::printf("  strict syntax and limits   %8.2f µs\n", check);
  std::printf("  all of BuildRequest        %8.2f µs  (the check is %.1f %% of it)\n", build, 100 * check / build);
  return sink == 0 ? 1 : 0;
}
