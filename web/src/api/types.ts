// The shapes of the API's records that the console uses (PRODUCT.md §§2–3).

export interface User {
  id: string;
  email: string;
  name: string;
}

export interface Organization {
  id: string;
  name: string;
  slug: string;
  status: "active" | "suspended" | "archived";
  default_currency: string;
  timezone: string;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface Me {
  user: User;
  organization: Organization;
  role: string;
  permissions: string[];
}

export const LEAD_SOURCES = ["website", "manual", "referral", "broker", "event", "import", "other"] as const;
export const LEAD_STATUSES = ["new", "contacted", "qualified", "unqualified", "converted"] as const;

export interface Lead {
  id: string;
  name: string;
  email?: string;
  phone?: string;
  company?: string;
  source: string;
  status: string;
  score?: number;
  notes?: string;
  owner_id?: string;
  brand_id?: string;
  tags?: string[];
  custom_fields?: Record<string, unknown>;
  version: number;
  client_id?: string;
  created_at: string;
  updated_at: string;
}

export const CLIENT_KINDS = ["company", "person"] as const;

export interface Client {
  id: string;
  kind: string;
  name: string;
  currency?: string;
  email?: string;
  phone?: string;
  website?: string;
  notes?: string;
  owner_id?: string;
  brand_id?: string;
  version: number;
  archived_at?: string;
  tags?: string[];
  custom_fields?: Record<string, unknown>;
  created_at: string;
  updated_at: string;
}

export interface Contact {
  id: string;
  client_id: string;
  name: string;
  email?: string;
  phone?: string;
  title?: string;
  is_primary?: boolean;
  created_at: string;
}

export interface Stage {
  id: string;
  name: string;
  position?: number;
  probability?: number;
  kind: "open" | "won" | "lost";
}

// GET /v1/pipelines/{id}/totals: each stage's deals, counted, and their
// value summed per currency.
export interface StageTotals {
  stage_id: string;
  count: number;
  values: { currency: string; value: string; count: number }[];
}

export interface Pipeline {
  id: string;
  name: string;
  is_default?: boolean;
  stages: Stage[];
  version: number;
}

export interface Deal {
  id: string;
  title: string;
  client_id: string;
  pipeline_id: string;
  stage_id: string;
  value: string;
  currency: string;
  expected_close_date?: string;
  status: string;
  version: number;
  custom_fields?: Record<string, unknown>;
  stage_history?: { stage_id: string; entered_at: string }[];
  created_at: string;
  updated_at: string;
}

export const ORDER_STATUSES = ["draft", "confirmed", "fulfilled", "cancelled"] as const;

export interface OrderLine {
  description: string;
  quantity: string;
  unit_price: string;
  tax_rate: string;
  subtotal?: string;
  tax?: string;
  total?: string;
}

export interface Order {
  id: string;
  client_id: string;
  deal_id?: string;
  currency: string;
  status: string;
  lines?: OrderLine[];
  subtotal: string;
  tax: string;
  total: string;
  version: number;
  created_at: string;
  updated_at: string;
  confirmed_at?: string;
}

export const TASK_PRIORITIES = ["low", "normal", "high", "urgent"] as const;

export interface Task {
  id: string;
  title: string;
  description?: string;
  due_at?: string;
  assignee_id: string;
  priority: string;
  status: string;
  snoozed_until?: string;
  related?: { type: string; id: string };
  created_at: string;
  completed_at?: string;
}

export interface Note {
  id: string;
  body: string;
  author_id: string;
  created_at: string;
}

export interface TimelineItem {
  id: string;
  type: string;
  occurred_at: string;
  summary: string;
  ref?: { type: string; id: string };
}

export interface Conversion {
  lead: Lead;
  client: Client;
  deal?: Deal;
  contact?: Contact;
}

export interface Member {
  id: string;
  email: string;
  name: string;
  role: string;
  status: string;
  email_verified?: boolean;
  brand_access?: { all?: boolean; brand_ids?: string[] };
  client_id?: string;
  last_login_at?: string;
  version: number;
}

export interface Role {
  name: string;
  description?: string;
  permissions: string[];
  system?: boolean;
  version?: number;
}

export interface Brand {
  id: string;
  name: string;
  slug: string;
  domain?: string;
  sender_name?: string;
  sender_email?: string;
  version: number;
}

export interface ApiKey {
  id: string;
  name: string;
  prefix: string;
  permissions: string[];
  expires_at?: string;
  last_used_at?: string;
  revoked_at?: string;
  created_at: string;
  secret?: string;
}

export const CUSTOM_FIELD_TYPES = ["text", "number", "date", "boolean", "select", "multiselect"] as const;
export const CUSTOM_FIELD_ENTITIES = ["lead", "client", "contact", "deal", "order"] as const;

export interface CustomField {
  id: string;
  entity: string;
  key: string;
  label: string;
  type: string;
  options?: string[];
  required?: boolean;
  version: number;
}

export interface Tag {
  id: string;
  name: string;
  color?: string;
  version: number;
}
