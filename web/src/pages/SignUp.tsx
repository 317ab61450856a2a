import { useState } from "react";
import { Link, useNavigate } from "react-router-dom";
import { api } from "../api/client";
import type { Session } from "../api/session";
import { FormError, SubmitButton, TextField } from "../components/Field";
import { unplacedMessage, useSubmit } from "../components/useSubmit";
import { useSession } from "../session/SessionContext";

const FIELDS = ["organization_name", "organization_slug", "name", "email", "password"];

export function SignUp() {
  const { signIn } = useSession();
  const navigate = useNavigate();
  const [form, setForm] = useState({ organization_name: "", name: "", email: "", password: "" });
  const set = (key: keyof typeof form) => (e: React.ChangeEvent<HTMLInputElement>) =>
    setForm({ ...form, [key]: e.target.value });
  const { busy, error, onSubmit } = useSubmit(async () => {
    await signIn(await api<Session>("POST", "/v1/auth/signup", form));
    navigate("/leads", { replace: true });
  });
  return (
    <main id="main" className="auth-page">
      <form className="card" onSubmit={onSubmit} noValidate>
        <h1>Create your organization</h1>
        <FormError message={unplacedMessage(error, FIELDS)} />
        <TextField label="Organization name" required value={form.organization_name}
                   onChange={set("organization_name")}
                   error={error?.forField("organization_name") ?? error?.forField("organization_slug")} />
        <TextField label="Your name" autoComplete="name" required value={form.name} onChange={set("name")}
                   error={error?.forField("name")} />
        <TextField label="E-mail" type="email" autoComplete="email" required value={form.email}
                   onChange={set("email")} error={error?.forField("email")} />
        <TextField label="Password" type="password" autoComplete="new-password" required value={form.password}
                   onChange={set("password")} error={error?.forField("password")}
                   hint="At least 10 characters." />
        <SubmitButton busy={busy} busyText="Creating…">Create organization</SubmitButton>
        <p>Already have an account? <Link to="/signin">Sign in</Link></p>
      </form>
    </main>
  );
}
