// The frame of every signed-in screen: a skip link, the navigation, who is
// signed in and the sign-out button.

import { NavLink, Outlet } from "react-router-dom";
import { useSession } from "../session/SessionContext";

export function Layout() {
  const { me, signOut } = useSession();
  return (
    <>
      <a className="skip-link" href="#main">Skip to content</a>
      <header className="top-bar">
        <span className="brand" aria-label="Sentra">Sentra</span>
        <nav aria-label="Main">
          <NavLink to="/leads">Leads</NavLink>
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
