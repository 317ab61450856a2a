#include "fronted_services.h"

#include "sentra/auth/v1/auth.pb.h"
#include "sentra/core/v1/leads.pb.h"

namespace sentra::gateway {

std::vector<std::string> FrontedServices() {
  return {
      auth::v1::SignupRequest::descriptor()->file()->FindServiceByName("AuthService")->full_name(),
      core::v1::Lead::descriptor()->file()->FindServiceByName("LeadService")->full_name(),
  };
}

}  // namespace sentra::gateway
