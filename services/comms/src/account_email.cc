#include "account_email.h"

#include "fmt/format.h"
#include "sentra/events/v1/identity.pb.h"

namespace sentra::comms {

namespace {

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

absl::Status AccountEmails::Queue(OutboundEmailQueries& outbound, bus::EventSink&,
                                  const events::v1::Envelope& event) const {
  events::v1::AccountEmailRequested request;
  if (!event.payload().UnpackTo(&request)) return absl::InvalidArgumentError(event.type() + " without its payload");
  const Draft draft = Compose(event.type(), request, app_url_);
  return outbound.Queue({.to_address = request.email(),
                         .to_name = request.name(),
                         .template_name = draft.template_name,
                         .subject = draft.subject,
                         .body_text = draft.body,
                         .source_event_id = event.id()});
}

}  // namespace sentra::comms
