// A record page whose record could not be loaded: "no such …" when it does
// not exist (or is another organization's: the API answers the same), the
// API's message otherwise, and the way back.

import { Link } from "react-router-dom";
import type { ApiError } from "../api/errors";
import { FormError } from "./Field";

export function LoadFailed({ error, what, back, backLabel }: {
  error: ApiError;
  what: string;
  back: string;
  backLabel: string;
}) {
  return (
    <section className="page">
      <h1>{what[0].toUpperCase() + what.slice(1)}</h1>
      <FormError message={error.status === 404 ? `There is no such ${what}.` : error.summary} />
      <Link to={back}>{backLabel}</Link>
    </section>
  );
}
