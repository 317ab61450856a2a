import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { BrowserRouter, Navigate, Route, Routes, useLocation } from "react-router-dom";
import { Layout } from "./components/Layout";
import { ClientPage } from "./pages/clients/ClientPage";
import { ClientsPage } from "./pages/clients/ClientsPage";
import { DealPage } from "./pages/deals/DealPage";
import { DealsBoard } from "./pages/deals/DealsBoard";
import { LeadPage } from "./pages/leads/LeadPage";
import { LeadsPage } from "./pages/leads/LeadsPage";
import { NewOrderPage } from "./pages/orders/NewOrderPage";
import { OrderPage } from "./pages/orders/OrderPage";
import { OrdersPage } from "./pages/orders/OrdersPage";
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
  return children;
}

function GuestOnly({ children }: { children: JSX.Element }) {
  const { me, loading } = useSession();
  if (loading) return <p role="status" className="page">Loading…</p>;
  return me ? <Navigate to="/leads" replace /> : children;
}

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <SessionProvider>
      <BrowserRouter>
        <Routes>
          <Route path="/signin" element={<GuestOnly><SignIn /></GuestOnly>} />
          <Route path="/signup" element={<GuestOnly><SignUp /></GuestOnly>} />
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
          </Route>
          <Route path="*" element={<Navigate to="/leads" replace />} />
        </Routes>
      </BrowserRouter>
    </SessionProvider>
  </StrictMode>,
);
