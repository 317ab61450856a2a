// The frame of every signed-in screen: a skip link, the navigation, who is
// signed in and the sign-out button.

import { NavLink, Outlet } from "react-router-dom";
import { SETTINGS_PERMISSIONS } from "../pages/settings/SettingsPage";
import { useSession } from "../session/SessionContext";

// Each screen, shown to those whose role can read what it lists; a client's
// member sees only the portal.
const NAV: [string, string, string][] = [
  ["/leads", "Leads", "leads:read"],
  ["/clients", "Clients", "clients:read"],
  ["/deals", "Deals", "deals:read"],
  ["/orders", "Orders", "orders:read"],
  ["/tasks", "Tasks", "tasks:read"],
  ["/settings", "Settings", "settings"],
  ["/portal", "Your account", "portal"],
];

export function Layout() {
  const { me, signOut, can } = useSession();
  const client = me?.role === "client";
  const visible = (permission: string) => {
    if (permission === "portal") return client;
    if (permission === "settings") return !client && SETTINGS_PERMISSIONS.some(can);
    return !client && can(permission);
  };
  return (
    <>
      <a className="skip-link" href="#main">Skip to content</a>
      <header className="top-bar">
        <span className="brand" aria-label="Sentra">Sentra</span>
        <nav aria-label="Main">
          {NAV.filter(([, , permission]) => visible(permission)).map(([to, label]) => (
            <NavLink key={to} to={to}>{label}</NavLink>
          ))}
        </nav>
        <div className="who">
          <span>{me?.organization.name}</span>
          <span className="muted">{me?.user.email}</span>
          <button type="button" onClick={() => void signOut()}>Sign out</button>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        <Outlet />
      </main>
    </>
  );
}
