#include "account_email.h"

#include "fmt/format.h"
#include "sentra/events/v1/identity.pb.h"
#include "sentra/ids/uuid.h"

namespace sentra::comms {

namespace {

constexpr db::Query kQueue{
    "comms.queue_account_email",
    "INSERT INTO outbound_emails (id, org_id, to_address, to_name, template, subject, body_text, source_event_id) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8)"};

struct Draft {
  std::string template_name;
  std::string subject;
  std::string body;
};

Draft Compose(const std::string& type, const events::v1::AccountEmailRequested& e, const std::string& app_url) {
  if (type == "user.invited") {
    const std::string link = fmt::format("{}/accept-invite?token={}", app_url, e.token());
    return {"invitation", fmt::format("{} invited you to {} on Sentra", e.invited_by_name(), e.organization_name()),
            fmt::format("Hello {},\n\n{} invited you to join {} as {}. Accept the invitation and choose your "
                        "password here (the link works once, for 7 days):\n\n{}\n",
                        e.name(), e.invited_by_name(), e.organization_name(), e.role(), link)};
  }
  if (type == "auth.password_reset_requested") {
    const std::string link = fmt::format("{}/reset-password?token={}", app_url, e.token());
    return {"password_reset", "Reset your Sentra password",
            fmt::format("Hello {},\n\nsomeone asked to reset the password of this account. If it was you, choose a "
                        "new one here (the link works once, for one hour):\n\n{}\n\nIf it was not you, ignore this "
                        "e-mail; your password stays as it is.\n",
                        e.name(), link)};
  }
  const std::string link = fmt::format("{}/verify-email?token={}", app_url, e.token());
  return {"email_verification", "Confirm your e-mail address for Sentra",
          fmt::format("Hello {},\n\nplease confirm this address by opening:\n\n{}\n", e.name(), link)};
}

}  // namespace

absl::Status AccountEmails::Queue(db::Transaction& tx, const events::v1::Envelope& event) const {
  events::v1::AccountEmailRequested request;
  if (!event.payload().UnpackTo(&request)) return absl::InvalidArgumentError(event.type() + " without its payload");
  const Draft draft = Compose(event.type(), request, app_url_);
  return tx.Execute(kQueue, ids::NewUuidV7(), event.org_id(), request.email(), request.name(), draft.template_name,
                    draft.subject, draft.body, event.id())
      .status();
}

}  // namespace sentra::comms
