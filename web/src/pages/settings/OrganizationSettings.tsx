// The organization itself: its name, the slug people may sign in with, the
// currency new deals, orders and invoices start in, and the time zone its
// reports count days in. Saved at the version shown, so two admins editing
// at once do not undo each other.

import { useMemo, useState } from "react";
import { api } from "../../api/client";
import type { Organization } from "../../api/types";
import { useRecord } from "../../api/useRecord";
import { EditForm } from "../../components/EditForm";
import { CurrencyField, SelectField, TextField } from "../../components/Field";
import { LoadFailed } from "../../components/LoadFailed";
import { useSubmit } from "../../components/useSubmit";
import { formatDateTime } from "../../format";
import { useSession } from "../../session/SessionContext";

const FIELDS = ["name", "slug", "default_currency", "timezone"];

export function OrganizationSettings() {
  const { record: organization, setRecord, error, reload, loads } = useRecord<Organization>("/v1/organization");
  const { organizationChanged } = useSession();
  if (error) return <LoadFailed error={error} what="organization" back="/settings" backLabel="Back to settings" />;
  if (!organization) return <p role="status">Loading the organization…</p>;
  const saved = (changed: Organization) => {
    setRecord(changed);
    organizationChanged(changed);
  };
  return (
    <div>
      <EditOrganization key={loads} organization={organization} onSaved={saved} onReload={reload} />
      <p className="muted">
        Status: {organization.status} · created {formatDateTime(organization.created_at)} · last changed{" "}
        {formatDateTime(organization.updated_at)}
      </p>
    </div>
  );
}

function formOf(organization: Organization) {
  return {
    name: organization.name, slug: organization.slug, default_currency: organization.default_currency,
    timezone: organization.timezone,
  };
}

function EditOrganization({ organization, onSaved, onReload }: {
  organization: Organization;
  onSaved: (organization: Organization) => void;
  onReload: () => void;
}) {
  const { can } = useSession();
  const [form, setForm] = useState(() => formOf(organization));
  const [saved, setSaved] = useState(false);
  const zones = useMemo(() => timeZones(organization.timezone), [organization.timezone]);
  const change = (key: keyof typeof form, value: string) => {
    setSaved(false);
    setForm((current) => ({ ...current, [key]: value }));
  };
  const { busy, error, onSubmit } = useSubmit(async () => {
    const original = formOf(organization);
    const changed = Object.fromEntries(
      Object.entries(form).filter(([k, v]) => v !== original[k as keyof typeof original]));
    const now = await api<Organization>("PATCH", "/v1/organization", changed, { ifMatch: organization.version });
    onSaved(now);
    setForm(formOf(now));  // as stored: the name trimmed, the zone as the server spells it
    setSaved(true);
  });
  return (
    <EditForm label="Organization" fields={FIELDS} error={error} busy={busy} saved={saved}
              readOnly={!can("organization:manage")} onSubmit={onSubmit} onReload={onReload}>
      <TextField label="Organization name" value={form.name} onChange={(e) => change("name", e.target.value)}
                 error={error?.forField("name")} />
      <TextField label="Slug" value={form.slug} onChange={(e) => change("slug", e.target.value)}
                 error={error?.forField("slug")} hint="Members who belong to several organizations may sign in with it." />
      <CurrencyField label="Default currency" value={form.default_currency} error={error?.forField("default_currency")}
                     onChange={(c) => change("default_currency", c)} />
      <SelectField label="Time zone" value={form.timezone} error={error?.forField("timezone")}
                   onChange={(e) => change("timezone", e.target.value)}>
        {zones.map((zone) => <option key={zone} value={zone}>{zone.replaceAll("_", " ")}</option>)}
      </SelectField>
    </EditForm>
  );
}

// The browser's list of IANA zones, with the organization's own and UTC
// always among them (a browser may spell or list some differently).
function timeZones(current: string): string[] {
  const known = typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : [];
  return [...new Set(["UTC", current, ...known])].sort((a, b) => (a === "UTC" ? -1 : b === "UTC" ? 1 : a.localeCompare(b)));
}
