// A labelled input with its error from the API's envelope beneath it, tied
// together for screen readers.

import {
  useId, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes,
} from "react";
import { MINOR_DIGITS } from "../money/currencies";

interface FieldProps {
  label: string;
  error?: string;
  hint?: ReactNode;
}

export function TextField({ label, error, hint, ...input }: FieldProps & InputHTMLAttributes<HTMLInputElement>) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input id={id} aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined}
             {...input} />
      {hint && !error && <small className="hint">{hint}</small>}
      {error && <small id={`${id}-error`} className="field-error" role="alert">{error}</small>}
    </div>
  );
}

export function SelectField({ label, error, children, ...select }: FieldProps & SelectHTMLAttributes<HTMLSelectElement>) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined}
              {...select}>
        {children}
      </select>
      {error && <small id={`${id}-error`} className="field-error" role="alert">{error}</small>}
    </div>
  );
}

// Text that may run to several lines.
export function TextAreaField({ label, error, hint, ...area }: FieldProps & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const id = useId();
  return (
    <div className="field field-wide">
      <label htmlFor={id}>{label}</label>
      <textarea id={id} rows={3} aria-invalid={error ? true : undefined}
                aria-describedby={error ? `${id}-error` : hint ? `${id}-hint` : undefined} {...area} />
      {hint && !error && <small id={`${id}-hint`} className="hint">{hint}</small>}
      {error && <small id={`${id}-error`} className="field-error" role="alert">{error}</small>}
    </div>
  );
}

// The ISO 4217 currencies the API takes, by code, each with its name where
// the browser knows it ("EUR – Euro").
const CURRENCY_NAMES = (() => {
  let names: Intl.DisplayNames | null = null;
  try {
    names = new Intl.DisplayNames(undefined, { type: "currency" });
  } catch {
    names = null;
  }
  return Object.keys(MINOR_DIGITS).sort().map((code) => {
    const name = names?.of(code);
    return { code, label: name && name !== code ? `${code} – ${name}` : code };
  });
})();

// A currency chosen from the list, not typed. `optional` offers "none" ("").
export function CurrencyField({ label = "Currency", value, onChange, error, hint, optional = false, ...select }: {
  label?: string;
  value: string;
  onChange: (code: string) => void;
  error?: string;
  hint?: ReactNode;
  optional?: boolean;
} & Omit<SelectHTMLAttributes<HTMLSelectElement>, "value" | "onChange">) {
  const id = useId();
  const known = value === "" || value in MINOR_DIGITS;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)} aria-invalid={error ? true : undefined}
              aria-describedby={error ? `${id}-error` : hint ? `${id}-hint` : undefined} {...select}>
        {optional && <option value="">None</option>}
        {!known && <option value={value}>{value}</option>}
        {CURRENCY_NAMES.map((c) => <option key={c.code} value={c.code}>{c.label}</option>)}
      </select>
      {hint && !error && <small id={`${id}-hint`} className="hint">{hint}</small>}
      {error && <small id={`${id}-error`} className="field-error" role="alert">{error}</small>}
    </div>
  );
}

// A submit button that says it is working and cannot be pressed twice.
export function SubmitButton({ busy, children, busyText }: { busy: boolean; children: ReactNode; busyText: string }) {
  return (
    <button type="submit" className="primary" disabled={busy} aria-busy={busy}>
      {busy ? busyText : children}
    </button>
  );
}

export function FormError({ message }: { message?: string }) {
  if (!message) return null;
  return <p className="form-error" role="alert">{message}</p>;
}
