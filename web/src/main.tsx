import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { BrowserRouter, Navigate, Route, Routes, useLocation } from "react-router-dom";
import { Layout } from "./components/Layout";
import { AcceptInvite, ResetPassword } from "./pages/account/ChoosePassword";
import { ForgotPassword } from "./pages/account/ForgotPassword";
import { VerifyEmail } from "./pages/account/VerifyEmail";
import { ClientPage } from "./pages/clients/ClientPage";
import { ClientsPage } from "./pages/clients/ClientsPage";
import { DealPage } from "./pages/deals/DealPage";
import { DealsBoard } from "./pages/deals/DealsBoard";
import { LeadPage } from "./pages/leads/LeadPage";
import { LeadsPage } from "./pages/leads/LeadsPage";
import { NotFoundPage } from "./pages/NotFoundPage";
import { NewOrderPage } from "./pages/orders/NewOrderPage";
import { OrderPage } from "./pages/orders/OrderPage";
import { OrdersPage } from "./pages/orders/OrdersPage";
import { PortalOrderPage, PortalPage } from "./pages/portal/PortalPage";
import { ApiKeysSettings } from "./pages/settings/ApiKeysSettings";
import { BrandsSettings } from "./pages/settings/BrandsSettings";
import { CustomFieldsSettings } from "./pages/settings/CustomFieldsSettings";
import { MembersSettings } from "./pages/settings/MembersSettings";
import { OrganizationSettings } from "./pages/settings/OrganizationSettings";
import { PipelinesSettings } from "./pages/settings/PipelinesSettings";
import { RolesSettings } from "./pages/settings/RolesSettings";
import { FirstSettingsTab, SettingsPage } from "./pages/settings/SettingsPage";
import { TagsSettings } from "./pages/settings/TagsSettings";
import { SignIn } from "./pages/SignIn";
import { SignUp } from "./pages/SignUp";
import { TasksPage } from "./pages/tasks/TasksPage";
import { SessionProvider, useSession } from "./session/SessionContext";
import "./styles.css";

// Signed-in screens only for a session; the sign-in screen remembers where
// the visitor was going.
function RequireSession({ children }: { children: JSX.Element }) {
  const { me, loading } = useSession();
  const location = useLocation();
  if (loading) return <p role="status" className="page">Loading…</p>;
  if (!me) return <Navigate to="/signin" replace state={{ from: location.pathname + location.search }} />;
  // A client's member has the portal and nothing else.
  if (me.role === "client" && !location.pathname.startsWith("/portal")) return <Navigate to="/portal" replace />;
  return children;
}

function GuestOnly({ children }: { children: JSX.Element }) {
  const { me, loading } = useSession();
  if (loading) return <p role="status" className="page">Loading…</p>;
  return me ? <Home /> : children;
}

// Where a signed-in person starts: the portal for a client's member, the
// leads for everyone else.
function Home() {
  const { me } = useSession();
  return <Navigate to={me?.role === "client" ? "/portal" : "/leads"} replace />;
}

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <SessionProvider>
      <BrowserRouter>
        <Routes>
          <Route path="/signin" element={<GuestOnly><SignIn /></GuestOnly>} />
          <Route path="/signup" element={<GuestOnly><SignUp /></GuestOnly>} />
          <Route path="/forgot-password" element={<GuestOnly><ForgotPassword /></GuestOnly>} />
          {/* Opened from e-mail links, signed in or not. */}
          <Route path="/reset-password" element={<ResetPassword />} />
          <Route path="/accept-invite" element={<AcceptInvite />} />
          <Route path="/verify-email" element={<VerifyEmail />} />
          <Route element={<RequireSession><Layout /></RequireSession>}>
            <Route path="/leads" element={<LeadsPage />} />
            <Route path="/leads/:id" element={<LeadPage />} />
            <Route path="/clients" element={<ClientsPage />} />
            <Route path="/clients/:id" element={<ClientPage />} />
            <Route path="/deals" element={<DealsBoard />} />
            <Route path="/deals/:id" element={<DealPage />} />
            <Route path="/orders" element={<OrdersPage />} />
            <Route path="/orders/new" element={<NewOrderPage />} />
            <Route path="/orders/:id" element={<OrderPage />} />
            <Route path="/tasks" element={<TasksPage />} />
            <Route path="/settings" element={<SettingsPage />}>
              <Route index element={<FirstSettingsTab />} />
              <Route path="organization" element={<OrganizationSettings />} />
              <Route path="members" element={<MembersSettings />} />
              <Route path="roles" element={<RolesSettings />} />
              <Route path="brands" element={<BrandsSettings />} />
              <Route path="api-keys" element={<ApiKeysSettings />} />
              <Route path="pipelines" element={<PipelinesSettings />} />
              <Route path="custom-fields" element={<CustomFieldsSettings />} />
              <Route path="tags" element={<TagsSettings />} />
            </Route>
            <Route path="/portal" element={<PortalPage />} />
            <Route path="/portal/orders/:id" element={<PortalOrderPage />} />
            <Route path="/" element={<Home />} />
            <Route path="*" element={<NotFoundPage />} />
          </Route>
        </Routes>
      </BrowserRouter>
    </SessionProvider>
  </StrictMode>,
);
