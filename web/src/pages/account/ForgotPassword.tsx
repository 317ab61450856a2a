// Asking for a reset link. The answer is the same whether or not the
// address has an account (the API gives nothing away, and neither does this).

import { useState } from "react";
import { Link } from "react-router-dom";
import { api } from "../../api/client";
import { FormError, SubmitButton, TextField } from "../../components/Field";
import { unplacedMessage, useSubmit } from "../../components/useSubmit";

export function ForgotPassword() {
  const [email, setEmail] = useState("");
  const [sent, setSent] = useState(false);
  const { busy, error, onSubmit } = useSubmit(async () => {
    await api("POST", "/v1/auth/password/forgot", { email });
    setSent(true);
  });
  return (
    <main id="main" className="auth-page">
      <form className="card" onSubmit={onSubmit} noValidate aria-label="Forgot password">
        <h1>Reset your password</h1>
        {sent ? (
          <p role="status">
            If <strong>{email}</strong> has an account, an e-mail with a link to choose a new password is on its
            way. The link works once, for one hour.
          </p>
        ) : (
          <>
            <p className="muted">We will e-mail you a link to choose a new password.</p>
            <FormError message={unplacedMessage(error, ["email"])} />
            <TextField label="E-mail" type="email" autoComplete="username" required value={email}
                       onChange={(e) => setEmail(e.target.value)} error={error?.forField("email")} />
            <SubmitButton busy={busy} busyText="Sending…">Send the link</SubmitButton>
          </>
        )}
        <p><Link to="/signin">Back to sign-in</Link></p>
      </form>
    </main>
  );
}
