#include "fronted_services.h"

#include "sentra/auth/v1/admin.pb.h"
#include "sentra/auth/v1/api_keys.pb.h"
#include "sentra/auth/v1/auth.pb.h"
#include "sentra/auth/v1/brands.pb.h"
#include "sentra/auth/v1/organization.pb.h"
#include "sentra/auth/v1/roles.pb.h"
#include "sentra/auth/v1/users.pb.h"
#include "sentra/core/v1/clients.pb.h"
#include "sentra/core/v1/contacts.pb.h"
#include "sentra/core/v1/custom_fields.pb.h"
#include "sentra/core/v1/deals.pb.h"
#include "sentra/core/v1/leads.pb.h"
#include "sentra/core/v1/notes.pb.h"
#include "sentra/core/v1/orders.pb.h"
#include "sentra/core/v1/tags.pb.h"
#include "sentra/core/v1/tasks.pb.h"
#include "sentra/core/v1/timeline.pb.h"

namespace sentra::gateway {

std::vector<std::string> FrontedServices() {
  return {
      auth::v1::SignupRequest::descriptor()->file()->FindServiceByName("AuthService")->full_name(),
      auth::v1::Member::descriptor()->file()->FindServiceByName("UserService")->full_name(),
      auth::v1::Role::descriptor()->file()->FindServiceByName("RoleService")->full_name(),
      auth::v1::Brand::descriptor()->file()->FindServiceByName("BrandService")->full_name(),
      auth::v1::ApiKey::descriptor()->file()->FindServiceByName("ApiKeyService")->full_name(),
      auth::v1::GetOwnOrganizationRequest::descriptor()->file()->FindServiceByName("OrganizationService")->full_name(),
      auth::v1::ListOrganizationsRequest::descriptor()->file()->FindServiceByName("AdminService")->full_name(),
      core::v1::Lead::descriptor()->file()->FindServiceByName("LeadService")->full_name(),
      core::v1::Client::descriptor()->file()->FindServiceByName("ClientService")->full_name(),
      core::v1::Client::descriptor()->file()->FindServiceByName("PortalService")->full_name(),
      core::v1::Contact::descriptor()->file()->FindServiceByName("ContactService")->full_name(),
      core::v1::Deal::descriptor()->file()->FindServiceByName("PipelineService")->full_name(),
      core::v1::Deal::descriptor()->file()->FindServiceByName("DealService")->full_name(),
      core::v1::Note::descriptor()->file()->FindServiceByName("NoteService")->full_name(),
      core::v1::Order::descriptor()->file()->FindServiceByName("OrderService")->full_name(),
      core::v1::Task::descriptor()->file()->FindServiceByName("TaskService")->full_name(),
      core::v1::CustomField::descriptor()->file()->FindServiceByName("CustomFieldService")->full_name(),
      core::v1::Tag::descriptor()->file()->FindServiceByName("TagService")->full_name(),
      core::v1::TimelineItem::descriptor()->file()->FindServiceByName("TimelineService")->full_name(),
  };
}

}  // namespace sentra::gateway
