import { useState } from "react";
import { Link, useLocation, useNavigate } from "react-router-dom";
import { api } from "../api/client";
import type { Session } from "../api/session";
import { FormError, SubmitButton, TextField } from "../components/Field";
import { unplacedMessage, useSubmit } from "../components/useSubmit";
import { useSession } from "../session/SessionContext";

export function SignIn() {
  const { signIn } = useSession();
  const navigate = useNavigate();
  const from = (useLocation().state as { from?: string } | null)?.from ?? "/";
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const { busy, error, onSubmit } = useSubmit(async () => {
    await signIn(await api<Session>("POST", "/v1/auth/login", { email, password }));
    navigate(from, { replace: true });
  });
  return (
    <main id="main" className="auth-page">
      <form className="card" onSubmit={onSubmit} noValidate>
        <h1>Sign in to Sentra</h1>
        <FormError message={error?.code === "INVALID_CREDENTIALS" ? "That e-mail and password do not match." : unplacedMessage(error, ["email", "password"])} />
        <TextField label="E-mail" type="email" autoComplete="username" required value={email}
                   onChange={(e) => setEmail(e.target.value)} error={error?.forField("email")} />
        <TextField label="Password" type="password" autoComplete="current-password" required value={password}
                   onChange={(e) => setPassword(e.target.value)} error={error?.forField("password")} />
        <SubmitButton busy={busy} busyText="Signing in…">Sign in</SubmitButton>
        <p><Link to="/forgot-password">Forgot your password?</Link></p>
        <p>New to Sentra? <Link to="/signup">Create an organization</Link></p>
      </form>
    </main>
  );
}
