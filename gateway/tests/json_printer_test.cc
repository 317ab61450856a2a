#include "src/json_printer.h"

#include <catch2/catch.hpp>
#include <algorithm>
#include <random>
#include <set>

#include "sentra/core/v1/leads.pb.h"
#include "src/fronted_services.h"
#include "src/route_table.h"
#include <google/protobuf/any.pb.h>
#include <google/protobuf/descriptor.pb.h>
#include <google/protobuf/dynamic_message.h>
#include <google/protobuf/struct.pb.h>
#include <google/protobuf/util/json_util.h>
#include <google/protobuf/util/message_differencer.h>
#include <google/protobuf/util/time_util.h>

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using sentra::gateway::AppendJson;

namespace {

// What the gateway printed before: protobuf's own printer, same options.
std::string ProtobufJson(const Message& message) {
  google::protobuf::util::JsonPrintOptions options;
  options.preserve_proto_field_names = true;
  options.always_print_primitive_fields = true;
  std::string json;
  REQUIRE(google::protobuf::util::MessageToJsonString(message, &json, options).ok());
  return json;
}

// The JSON as a value, so two texts compare by what they mean (member
// order, escapes and number spelling aside).
google::protobuf::Value Parsed(const std::string& json) {
  google::protobuf::Value value;
  const auto status = google::protobuf::util::JsonStringToMessage(json, &value);
  INFO(json);
  REQUIRE(status.ok());
  return value;
}

std::string Printed(const Message& message) {
  std::string json = "prefix:";
  REQUIRE(AppendJson(message, json));
  REQUIRE(json.starts_with("prefix:"));
  return json.substr(7);
}

bool HasMapOfSeveral(const Message& message) {
  const auto* r = message.GetReflection();
  std::vector<const FieldDescriptor*> fields;
  r->ListFields(message, &fields);
  for (const FieldDescriptor* field : fields) {
    if (field->cpp_type() != FieldDescriptor::CPPTYPE_MESSAGE) continue;
    if (field->is_map() && r->FieldSize(message, field) > 1) return true;
    if (field->is_repeated()) {
      for (int i = 0; i < r->FieldSize(message, field); ++i) {
        if (HasMapOfSeveral(r->GetRepeatedMessage(message, field, i))) return true;
      }
    } else if (HasMapOfSeveral(r->GetMessage(message, field))) {
      return true;
    }
  }
  return false;
}

// Random contents for any message: each field set or not, text with the
// characters JSON must escape, numbers at their limits, timestamps at every
// precision, Structs of every kind of value.
class Filler {
 public:
  explicit Filler(unsigned seed) : random_(seed) {}

  void Fill(Message& message, int depth) {
    const Descriptor* type = message.GetDescriptor();
    if (type->well_known_type() == Descriptor::WELLKNOWNTYPE_TIMESTAMP) return FillTime(message);
    if (type->well_known_type() == Descriptor::WELLKNOWNTYPE_VALUE) return FillValue(message, depth);
    for (int i = 0; i < type->field_count(); ++i) {
      const FieldDescriptor* field = type->field(i);
      // A map entry has both its key and its value.
      if (!type->options().map_entry() && Chance(2)) continue;
      if (field->containing_oneof() != nullptr && !field->containing_oneof()->is_synthetic() &&
          message.GetReflection()->HasOneof(message, field->containing_oneof())) {
        continue;
      }
      if (field->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE && depth > 3 && !type->options().map_entry()) continue;
      const int count = field->is_repeated() ? Below(4) : 1;
      for (int n = 0; n < count; ++n) Set(message, field, depth);
    }
  }

 private:
  bool Chance(int one_in) { return Below(one_in) == 0; }
  int Below(int n) { return std::uniform_int_distribution<int>(0, n - 1)(random_); }

  std::string Text() {
    static const std::vector<std::string> kPieces = {
        "a", "Zoë", "\"", "\\", "/", "\n", "\t", "\x01", "\x1f", "\x7f", "<b>", "日本", "😀", " ", "0", "\u2028", "é",
        "\u00ad", "\u0085", "\ufeff", "\U0001D173", "\U000E0001", "\u200b", "\u061c"};
    std::string text;
    for (int n = Below(6); n > 0; --n) text += kPieces[Below(static_cast<int>(kPieces.size()))];
    return text;
  }

  template <typename T>
  T Number() {
    switch (Below(4)) {
      case 0: return std::numeric_limits<T>::max();
      case 1: return std::numeric_limits<T>::min();
      case 2: return 0;
      default: return static_cast<T>(std::uniform_int_distribution<long long>(-100000, 100000)(random_));
    }
  }

  double Double() {
    static const double kValues[] = {0.0, 1.5, -2.25, 0.1, 1e21, 1e-7, 123456789.123, 3.0, -0.5, 1.0 / 3};
    return kValues[Below(10)];
  }

  void FillTime(Message& message) {
    static const std::int64_t kSeconds[] = {0, 1764165908, -62135596800, 253402300799, 951782400, -1, -86401};
    static const std::int32_t kNanos[] = {0, 971000000, 123456000, 5, 999999999};
    auto* time = dynamic_cast<google::protobuf::Timestamp*>(&message);
    REQUIRE(time != nullptr);
    time->set_seconds(kSeconds[Below(7)]);
    time->set_nanos(kNanos[Below(5)]);
  }

  void FillValue(Message& message, int depth) {
    auto& value = dynamic_cast<google::protobuf::Value&>(message);
    switch (Below(depth > 3 ? 4 : 6)) {
      case 0: value.set_null_value(google::protobuf::NULL_VALUE); break;
      case 1: value.set_number_value(Double()); break;
      case 2: value.set_string_value(Text()); break;
      case 3: value.set_bool_value(Chance(2)); break;
      case 4: Fill(*value.mutable_struct_value(), depth + 1); break;
      default: {
        auto& list = *value.mutable_list_value();  // set, if empty
        for (int n = Below(3); n > 0; --n) FillValue(*list.add_values(), depth + 1);
      }
    }
  }

  void Set(Message& message, const FieldDescriptor* field, int depth) {
    const auto* r = message.GetReflection();
    const bool repeated = field->is_repeated();
    switch (field->cpp_type()) {
      case FieldDescriptor::CPPTYPE_INT32:
        repeated ? r->AddInt32(&message, field, Number<std::int32_t>()) : r->SetInt32(&message, field, Number<std::int32_t>());
        break;
      case FieldDescriptor::CPPTYPE_UINT32:
        repeated ? r->AddUInt32(&message, field, Number<std::uint32_t>())
                 : r->SetUInt32(&message, field, Number<std::uint32_t>());
        break;
      case FieldDescriptor::CPPTYPE_INT64:
        repeated ? r->AddInt64(&message, field, Number<std::int64_t>()) : r->SetInt64(&message, field, Number<std::int64_t>());
        break;
      case FieldDescriptor::CPPTYPE_UINT64:
        repeated ? r->AddUInt64(&message, field, Number<std::uint64_t>())
                 : r->SetUInt64(&message, field, Number<std::uint64_t>());
        break;
      case FieldDescriptor::CPPTYPE_DOUBLE:
        repeated ? r->AddDouble(&message, field, Double()) : r->SetDouble(&message, field, Double());
        break;
      case FieldDescriptor::CPPTYPE_FLOAT:
        repeated ? r->AddFloat(&message, field, 1.5f) : r->SetFloat(&message, field, -0.25f);
        break;
      case FieldDescriptor::CPPTYPE_BOOL:
        repeated ? r->AddBool(&message, field, Chance(2)) : r->SetBool(&message, field, Chance(2));
        break;
      case FieldDescriptor::CPPTYPE_ENUM: {
        const auto* value = field->enum_type()->value(Below(field->enum_type()->value_count()));
        repeated ? r->AddEnum(&message, field, value) : r->SetEnum(&message, field, value);
        break;
      }
      case FieldDescriptor::CPPTYPE_STRING: {
        std::string text = field->type() == FieldDescriptor::TYPE_BYTES ? std::string("\0\xff\x10z", 4) : Text();
        if (field->containing_type()->options().map_entry() && field->number() == 1) text = Text() + std::to_string(Below(1000));
        repeated ? r->AddString(&message, field, text) : r->SetString(&message, field, text);
        break;
      }
      case FieldDescriptor::CPPTYPE_MESSAGE:
        Fill(repeated ? *r->AddMessage(&message, field) : *r->MutableMessage(&message, field), depth + 1);
        break;
    }
  }

  std::mt19937 random_;
};

}  // namespace

TEST_CASE("the JSON printer writes what protobuf's printer writes, for every response the gateway serves",
          "[gateway]") {
  const auto table = sentra::gateway::RouteTable::Build(sentra::gateway::FrontedServices());
  REQUIRE(table.ok());
  std::set<const Descriptor*> types;
  for (const auto& route : table->routes()) types.insert(route.method->output_type());
  REQUIRE(types.size() > 50);
  auto* factory = google::protobuf::MessageFactory::generated_factory();
  int compared = 0;
  for (const Descriptor* type : types) {
    for (unsigned seed = 0; seed < 40; ++seed) {
      std::unique_ptr<Message> message(factory->GetPrototype(type)->New());
      if (seed > 0) Filler(seed * 7919 + static_cast<unsigned>(type->index())).Fill(*message, 0);
      const std::string theirs = ProtobufJson(*message);
      INFO(type->full_name() << ", seed " << seed << "\nprotobuf: " << theirs << "\n" << message->DebugString());
      const std::string mine = Printed(*message);
      INFO(type->full_name() << "\nprotobuf: " << theirs << "\nprinter:  " << mine);
      CHECK(google::protobuf::util::MessageDifferencer::Equals(Parsed(mine), Parsed(theirs)));
      // Byte for byte too, but where a map (a Struct) has several entries:
      // protobuf writes them in its hash table's order, the printer sorted.
      if (!HasMapOfSeveral(*message) && mine != theirs) {
        const auto at = static_cast<std::size_t>(
            std::mismatch(mine.begin(), mine.end(), theirs.begin(), theirs.end()).first - mine.begin());
        FAIL_CHECK("they differ at byte " << at << ": printer …" << mine.substr(at > 20 ? at - 20 : 0, 60)
                                          << "… protobuf …" << theirs.substr(at > 20 ? at - 20 : 0, 60) << "…");
      }
      // And it reads back as the message it came from.
      std::unique_ptr<Message> back(factory->GetPrototype(type)->New());
      REQUIRE(google::protobuf::util::JsonStringToMessage(mine, back.get()).ok());
      CHECK(google::protobuf::util::MessageDifferencer::Equals(*back, *message));
      ++compared;
    }
  }
  CHECK(compared == static_cast<int>(types.size()) * 40);
}

TEST_CASE("the JSON printer's text: names from the .proto, empty scalars and lists printed, times in RFC 3339",
          "[gateway]") {
  sentra::core::v1::Lead lead;
  lead.set_id("0192");
  lead.set_name("Ada \"the\" \\ Countess\n");
  *lead.mutable_created_at() = google::protobuf::util::TimeUtil::SecondsToTimestamp(1764165908);
  lead.mutable_updated_at()->set_seconds(1764165908);
  lead.mutable_updated_at()->set_nanos(971000000);
  lead.add_tags("vip");
  const std::string json = Printed(lead);
  CHECK(json.starts_with(R"({"id":"0192","name":"Ada \"the\" \\ Countess\n","email":"")"));
  CHECK(json.find(R"("created_at":"2025-11-26T14:05:08Z")") != std::string::npos);
  CHECK(json.find(R"("updated_at":"2025-11-26T14:05:08.971Z")") != std::string::npos);
  CHECK(json.find(R"("tags":["vip"])") != std::string::npos);
  CHECK(json.find(R"("score":0)") != std::string::npos);
  CHECK(json.find("custom_fields") == std::string::npos);  // a message field, not set
}

TEST_CASE("the JSON printer escapes text as protobuf's printer does, character by character", "[gateway]") {
  const auto utf8 = [](char32_t c) {
    std::string s;
    if (c < 0x80) {
      s += static_cast<char>(c);
    } else if (c < 0x800) {
      s += static_cast<char>(0xc0 | (c >> 6));
      s += static_cast<char>(0x80 | (c & 0x3f));
    } else if (c < 0x10000) {
      s += static_cast<char>(0xe0 | (c >> 12));
      s += static_cast<char>(0x80 | ((c >> 6) & 0x3f));
      s += static_cast<char>(0x80 | (c & 0x3f));
    } else {
      s += static_cast<char>(0xf0 | (c >> 18));
      s += static_cast<char>(0x80 | ((c >> 12) & 0x3f));
      s += static_cast<char>(0x80 | ((c >> 6) & 0x3f));
      s += static_cast<char>(0x80 | (c & 0x3f));
    }
    return s;
  };
  // Every code point of the first two planes, the tags block, the last one.
  std::vector<char32_t> points;
  for (char32_t c = 0; c < 0x20000; ++c) points.push_back(c);
  for (char32_t c = 0xe0000; c < 0xe0100; ++c) points.push_back(c);
  points.push_back(0x10ffff);
  int differing = 0;
  for (const char32_t c : points) {
    if (c >= 0xd800 && c <= 0xdfff) continue;
    google::protobuf::Value value;
    value.set_string_value("a" + utf8(c) + "b");
    const std::string mine = Printed(value);
    if (mine != ProtobufJson(value) && ++differing < 10) FAIL_CHECK("U+" << std::hex << static_cast<std::uint32_t>(c) << ": " << mine);
  }
  CHECK(differing == 0);
}

TEST_CASE("the JSON printer's dates and times are protobuf's across the whole range of a Timestamp", "[gateway]") {
  int differing = 0;
  // A prime step, so every time of day, day of month and leap rule comes up.
  for (std::int64_t seconds = -62135596800; seconds <= 253402300799; seconds += 9999991) {
    google::protobuf::Timestamp time;
    time.set_seconds(seconds);
    time.set_nanos(static_cast<std::int32_t>(seconds % 3 == 0 ? 0 : 1000 * ((seconds & 0xfffff) % 1000000)));
    const std::string expected = "\"" + google::protobuf::util::TimeUtil::ToString(time) + "\"";
    if (Printed(time) != expected && ++differing < 10) FAIL_CHECK(seconds << ": " << Printed(time) << " " << expected);
  }
  CHECK(differing == 0);
}

// Never met in practice (proto3 parsing refuses such text), but the printer
// must still write valid JSON: it drops each byte that starts no valid
// sequence. (protobuf drops some more around them; nothing depends on it.)
TEST_CASE("bytes that are not UTF-8 are dropped from text, and the JSON stays valid", "[gateway]") {
  google::protobuf::Value value;
  value.set_string_value(std::string("a\xff\xc3(b\xe2\x82", 7));
  CHECK(Printed(value) == R"("a(b")");
}

TEST_CASE("what the JSON printer leaves to protobuf leaves the output as it was", "[gateway]") {
  google::protobuf::Any any;
  std::string out = "kept";
  CHECK_FALSE(AppendJson(any, out));
  CHECK(out == "kept");

  google::protobuf::Timestamp far;
  far.set_seconds(253402300800);  // 10000-01-01
  CHECK_FALSE(AppendJson(far, out));
  google::protobuf::Value empty;  // no kind
  CHECK_FALSE(AppendJson(empty, out));
  google::protobuf::Struct with_nan;
  (*with_nan.mutable_fields())["x"].set_number_value(std::nan(""));
  CHECK_FALSE(AppendJson(with_nan, out));
  CHECK(out == "kept");
}

TEST_CASE("a Struct's members are printed in the order of their keys, whatever order they were set in", "[gateway]") {
  google::protobuf::Struct fields;
  (*fields.mutable_fields())["b"].set_number_value(1);
  (*fields.mutable_fields())["a"].set_bool_value(true);
  (*fields.mutable_fields())["c"].mutable_list_value();
  (*fields.mutable_fields())["A"].set_null_value(google::protobuf::NULL_VALUE);
  CHECK(Printed(fields) == R"({"A":null,"a":true,"b":1,"c":[]})");
}

TEST_CASE("fields with presence and Values come where protobuf puts them, for types no route has yet", "[gateway]") {
  // A type built here: an optional scalar, a oneof, a Value and a ListValue
  // among plain fields, so the order protobuf gives them is checked.
  google::protobuf::DescriptorPool pool(google::protobuf::DescriptorPool::generated_pool());
  google::protobuf::FileDescriptorProto file;
  file.set_name("printer_order_test.proto");
  file.set_package("printer_test");
  file.set_syntax("proto3");
  file.add_dependency("google/protobuf/struct.proto");
  auto* type = file.add_message_type();
  type->set_name("Mixed");
  type->add_oneof_decl()->set_name("choice");
  type->add_oneof_decl()->set_name("_maybe");
  const auto add = [&](const char* name, int number, google::protobuf::FieldDescriptorProto::Type kind) {
    auto* field = type->add_field();
    field->set_name(name);
    field->set_number(number);
    field->set_type(kind);
    field->set_label(google::protobuf::FieldDescriptorProto::LABEL_OPTIONAL);
    return field;
  };
  using F = google::protobuf::FieldDescriptorProto;
  auto* maybe = add("maybe", 1, F::TYPE_INT32);
  maybe->set_oneof_index(1);
  maybe->set_proto3_optional(true);
  add("first", 2, F::TYPE_STRING);
  add("picked", 3, F::TYPE_BOOL)->set_oneof_index(0);
  add("value", 4, F::TYPE_MESSAGE)->set_type_name(".google.protobuf.Value");
  add("list", 5, F::TYPE_MESSAGE)->set_type_name(".google.protobuf.ListValue");
  add("last", 6, F::TYPE_INT64);
  REQUIRE(pool.BuildFile(file) != nullptr);
  google::protobuf::DynamicMessageFactory factory(&pool);
  factory.SetDelegateToGeneratedFactory(true);  // Value and ListValue as the generated types
  const Descriptor* mixed = pool.FindMessageTypeByName("printer_test.Mixed");
  std::unique_ptr<Message> message(factory.GetPrototype(mixed)->New());
  const auto* r = message->GetReflection();
  r->SetInt32(message.get(), mixed->FindFieldByName("maybe"), 7);
  r->SetString(message.get(), mixed->FindFieldByName("first"), "a");
  r->SetBool(message.get(), mixed->FindFieldByName("picked"), true);
  dynamic_cast<google::protobuf::Value&>(*r->MutableMessage(message.get(), mixed->FindFieldByName("value")))
      .set_string_value("v");
  r->MutableMessage(message.get(), mixed->FindFieldByName("list"));
  r->SetInt64(message.get(), mixed->FindFieldByName("last"), 9);
  CHECK(Printed(*message) == ProtobufJson(*message));
  CHECK(Printed(*message) == R"({"first":"a","last":"9","maybe":7,"picked":true,"value":"v","list":[]})");
}
