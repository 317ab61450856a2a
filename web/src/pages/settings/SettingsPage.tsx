// Settings: the organization, its members and invitations, roles, brands
// and API keys, each a tab shown to those whose role may see it.

import { NavLink, Navigate, Outlet } from "react-router-dom";
import { useSession } from "../../session/SessionContext";

const TABS: [string, string, string][] = [
  ["organization", "Organization", "organization:read"],
  ["members", "Members", "users:read"],
  ["roles", "Roles", "roles:read"],
  ["brands", "Brands", "brands:read"],
  ["api-keys", "API keys", "api_keys:manage"],
  ["pipelines", "Pipelines", "pipelines:manage"],
  ["custom-fields", "Custom fields", "custom_fields:manage"],
  ["tags", "Tags", "tags:manage"],
];

export const SETTINGS_PERMISSIONS = TABS.map(([, , permission]) => permission);

export function SettingsPage() {
  const { me, can } = useSession();
  const tabs = TABS.filter(([, , permission]) => can(permission));
  return (
    <section className="page" aria-labelledby="settings-title">
      <h1 id="settings-title">Settings</h1>
      {me && (
        <p className="muted">
          {me.organization.name} · {me.organization.slug} · prices in {me.organization.default_currency} · you are{" "}
          {me.role}
        </p>
      )}
      <nav aria-label="Settings" className="tabs">
        {tabs.map(([path, label]) => <NavLink key={path} to={`/settings/${path}`}>{label}</NavLink>)}
      </nav>
      <Outlet />
    </section>
  );
}

export function FirstSettingsTab() {
  const { can } = useSession();
  const first = TABS.find(([, , permission]) => can(permission));
  return first ? <Navigate to={`/settings/${first[0]}`} replace /> : <p>There is nothing here you may change.</p>;
}
