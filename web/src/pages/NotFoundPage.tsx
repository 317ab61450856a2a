// A page for an address the console has no screen for: said plainly, with
// the way back, instead of another screen passing for it.

import { Link, useLocation } from "react-router-dom";
import { useSession } from "../session/SessionContext";

export function NotFoundPage() {
  const { me } = useSession();
  const location = useLocation();
  const home = me?.role === "client" ? "/portal" : "/leads";
  return (
    <section className="page" aria-labelledby="not-found-title">
      <h1 id="not-found-title">Page not found</h1>
      <p>There is no page at <code>{location.pathname}</code>. It may have moved, or the link may be mistyped.</p>
      <p><Link to={home}>{me?.role === "client" ? "Go to your portal" : "Go to the leads"}</Link></p>
    </section>
  );
}
