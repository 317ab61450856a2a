#include "src/json_columns.h"

#include <catch2/catch.hpp>

using namespace sentra::core;

TEST_CASE("tags and custom fields read back what was written, empty ones included", "[core]") {
  google::protobuf::RepeatedPtrField<std::string> tags;
  tags.Add("vip");
  tags.Add("héllo, \"world\"");
  google::protobuf::RepeatedPtrField<std::string> read;
  ReadStringList(StringListJson(tags), &read);
  REQUIRE(read.size() == 2);
  CHECK(read[1] == "héllo, \"world\"");

  read.Clear();
  ReadStringList(StringListJson({}), &read);
  ReadStringList("[]", &read);
  ReadStringList("", &read);  // a NULL column
  CHECK(read.empty());
  // PostgreSQL's own spelling of a list, as array_to_json gives it.
  ReadStringList(R"(["a","b"])", &read);
  CHECK(read.size() == 2);

  google::protobuf::Struct fields;
  (*fields.mutable_fields())["budget"].set_number_value(1200);
  google::protobuf::Struct back;
  ReadObject(ObjectJson(fields), &back);
  CHECK(back.fields().at("budget").number_value() == 1200);
  back.Clear();
  ReadObject(ObjectJson(google::protobuf::Struct()), &back);
  ReadObject("{}", &back);
  ReadObject("", &back);
  CHECK(back.fields().empty());
}
