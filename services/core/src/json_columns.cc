#include "json_columns.h"

#include <google/protobuf/util/json_util.h>

namespace sentra::core {

namespace {

google::protobuf::StringPiece Piece(std::string_view text) { return {text.data(), text.size()}; }

}  // namespace

// Printing a message built in memory cannot fail, and the columns hold only
// what these functions wrote: the statuses carry nothing to act on.

std::string StringListJson(const google::protobuf::RepeatedPtrField<std::string>& items) {
  google::protobuf::ListValue list;
  for (const auto& item : items) list.add_values()->set_string_value(item);
  std::string json;
  (void)google::protobuf::util::MessageToJsonString(list, &json);
  return json;
}

// Most records have no tags and no custom fields, and protobuf's JSON
// parser costs hundreds of allocations even for "[]": those are answered
// without it.

void ReadStringList(std::string_view json, google::protobuf::RepeatedPtrField<std::string>* out) {
  if (json == "[]" || json.empty()) return;
  google::protobuf::ListValue list;
  if (!google::protobuf::util::JsonStringToMessage(Piece(json), &list).ok()) return;
  for (const auto& v : list.values()) out->Add(std::string(v.string_value()));
}

std::string ObjectJson(const google::protobuf::Struct& object) {
  std::string json;
  (void)google::protobuf::util::MessageToJsonString(object, &json);
  return json.empty() ? "{}" : json;
}

void ReadObject(std::string_view json, google::protobuf::Struct* out) {
  if (json == "{}" || json.empty()) return;
  (void)google::protobuf::util::JsonStringToMessage(Piece(json), out);
}

}  // namespace sentra::core
