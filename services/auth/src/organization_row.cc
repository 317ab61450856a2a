#include "organization_row.h"

#include <google/protobuf/util/time_util.h>

namespace sentra::auth {

void ReadOrganization(const db::Result& r, int row, int first, v1::Organization* org) {
  org->set_id(r.String(row, first));
  org->set_name(r.String(row, first + 1));
  org->set_slug(r.String(row, first + 2));
  org->set_status(r.String(row, first + 3));
  org->set_default_currency(r.String(row, first + 4));
  org->set_timezone(r.String(row, first + 5));
  *org->mutable_created_at() = google::protobuf::util::TimeUtil::MicrosecondsToTimestamp(r.Int(row, first + 6));
  org->set_version(static_cast<int>(r.Int(row, first + 7)));
  *org->mutable_updated_at() = google::protobuf::util::TimeUtil::MicrosecondsToTimestamp(r.Int(row, first + 8));
}

}  // namespace sentra::auth
