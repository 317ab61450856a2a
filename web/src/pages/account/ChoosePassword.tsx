// The two pages an e-mail link opens with a single-use token: choosing a
// new password (/reset-password), and accepting an invitation by choosing
// one (/accept-invite), which signs the new member in.

import { useState } from "react";
import { Link, useNavigate, useSearchParams } from "react-router-dom";
import { api } from "../../api/client";
import type { Session } from "../../api/session";
import { FormError, SubmitButton, TextField } from "../../components/Field";
import { unplacedMessage, useSubmit } from "../../components/useSubmit";
import { useSession } from "../../session/SessionContext";

const TOKEN_PROBLEMS = ["INVALID_TOKEN", "TOKEN_EXPIRED", "NOT_FOUND"];

function ChoosePassword({ title, action, busyText, hint, submit }: {
  title: string;
  action: string;
  busyText: string;
  hint: string;
  submit: (token: string, password: string) => Promise<void>;
}) {
  const [params] = useSearchParams();
  const token = params.get("token") ?? "";
  const [password, setPassword] = useState("");
  const [repeated, setRepeated] = useState("");
  const [mismatch, setMismatch] = useState(false);
  const { busy, error, onSubmit } = useSubmit(async () => {
    if (password !== repeated) {
      setMismatch(true);
      return;
    }
    setMismatch(false);
    await submit(token, password);
  });
  const tokenProblem = error && (TOKEN_PROBLEMS.includes(error.code) || error.forField("token"));
  return (
    <main id="main" className="auth-page">
      <form className="card" onSubmit={onSubmit} noValidate aria-label={title}>
        <h1>{title}</h1>
        {!token && <FormError message="This page needs the link from your e-mail; open the link again." />}
        {tokenProblem ? (
          <FormError message="This link has been used or has expired. Ask for a new one." />
        ) : (
          <FormError message={unplacedMessage(error, ["password"])} />
        )}
        <TextField label="Password" type="password" autoComplete="new-password" required value={password}
                   hint={hint} onChange={(e) => setPassword(e.target.value)}
                   error={error?.forField("password")} />
        <TextField label="The same password again" type="password" autoComplete="new-password" required
                   value={repeated} onChange={(e) => setRepeated(e.target.value)}
                   error={mismatch ? "The two passwords are not the same." : undefined} />
        <SubmitButton busy={busy} busyText={busyText}>{action}</SubmitButton>
        <p><Link to="/signin">Back to sign-in</Link></p>
      </form>
    </main>
  );
}

export function ResetPassword() {
  const [done, setDone] = useState(false);
  if (done) {
    return (
      <main id="main" className="auth-page">
        <div className="card" role="status">
          <h1>Password changed</h1>
          <p>Your new password works from now on; you were signed out everywhere else.</p>
          <p><Link to="/signin">Sign in</Link></p>
        </div>
      </main>
    );
  }
  return (
    <ChoosePassword title="Choose a new password" action="Change password" busyText="Saving…"
                    hint="At least 10 characters."
                    submit={async (token, password) => {
                      await api("POST", "/v1/auth/password/reset", { token, password });
                      setDone(true);
                    }} />
  );
}

export function AcceptInvite() {
  const { signIn } = useSession();
  const navigate = useNavigate();
  return (
    <ChoosePassword title="Join your team on Sentra" action="Accept the invitation" busyText="Joining…"
                    hint="At least 10 characters. If you already have a Sentra account, type its password."
                    submit={async (token, password) => {
                      await signIn(await api<Session>("POST", "/v1/auth/invites/accept", { token, password }));
                      navigate("/", { replace: true });
                    }} />
  );
}
