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
  default_currency: string;
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
  tags?: string[];
  version: number;
  client_id?: string;
  created_at: string;
  updated_at: string;
}

export interface Client {
  id: string;
  name: string;
}

export interface Deal {
  id: string;
  title: string;
}

export interface Conversion {
  lead: Lead;
  client: Client;
  deal?: Deal;
}
