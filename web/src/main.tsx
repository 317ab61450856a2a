import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { BrowserRouter, Navigate, Route, Routes, useLocation } from "react-router-dom";
import { Layout } from "./components/Layout";
import { LeadPage } from "./pages/leads/LeadPage";
import { LeadsPage } from "./pages/leads/LeadsPage";
import { SignIn } from "./pages/SignIn";
import { SignUp } from "./pages/SignUp";
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
          </Route>
          <Route path="*" element={<Navigate to="/leads" replace />} />
        </Routes>
      </BrowserRouter>
    </SessionProvider>
  </StrictMode>,
);
