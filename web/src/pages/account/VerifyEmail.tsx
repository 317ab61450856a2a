// Confirming an e-mail address from the link sent to it: done as the page
// opens, once.

import { useEffect, useRef, useState } from "react";
import { Link, useSearchParams } from "react-router-dom";
import { api } from "../../api/client";
import type { ApiError } from "../../api/errors";
import { FormError } from "../../components/Field";

export function VerifyEmail() {
  const [params] = useSearchParams();
  const token = params.get("token") ?? "";
  const [state, setState] = useState<"working" | "done" | ApiError>("working");
  const sent = useRef(false);
  useEffect(() => {
    if (sent.current) return;  // the token works once: never sent twice
    sent.current = true;
    api("POST", "/v1/auth/verify-email", { token }).then(() => setState("done"), (e) => setState(e as ApiError));
  }, [token]);
  return (
    <main id="main" className="auth-page">
      <div className="card">
        <h1>Confirm your e-mail address</h1>
        {state === "working" && <p role="status">Confirming…</p>}
        {state === "done" && <p role="status" className="ok">Your e-mail address is confirmed.</p>}
        {typeof state === "object" && <FormError message="This link has been used or has expired." />}
        <p><Link to="/">Go to Sentra</Link></p>
      </div>
    </main>
  );
}
