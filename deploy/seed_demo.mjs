// The demo organization's sample data: what a small agency looks like a few
// weeks into Sentra, so that a new user's first look is not an empty board.
// Leads in every status, clients with contacts, deals across the stages,
// orders, tasks due today and overdue, notes. Run by `deploy/sentra up` for
// the demo organization only (its owner's login), through the public API.
//
// Idempotent: each item is recorded in the progress file once made, and is
// made with an Idempotency-Key of its own, so a run cut short and run again
// neither doubles nor misses anything.
//
// Usage: node deploy/seed_demo.mjs URL EMAIL PASSWORD PROGRESS_FILE

import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";

const [url, email, password, progressFile] = process.argv.slice(2);
if (!url || !email || !password || !progressFile) {
  console.error("usage: node deploy/seed_demo.mjs URL EMAIL PASSWORD PROGRESS_FILE");
  process.exit(2);
}

const done = existsSync(progressFile) ? JSON.parse(readFileSync(progressFile, "utf8")) : {};
const remember = (key, value) => {
  done[key] = value;
  writeFileSync(`${progressFile}.tmp`, JSON.stringify(done, null, 1));
  renameSync(`${progressFile}.tmp`, progressFile);
};

let token = "";
class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}
async function call(method, path, body, key) {
  const headers = { "Content-Type": "application/json" };
  if (token) headers.Authorization = `Bearer ${token}`;
  if (key) headers["Idempotency-Key"] = `demo-seed:${key}`;
  for (let attempt = 0; ; attempt++) {
    const response = await fetch(url + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    if (response.status === 429 && attempt < 20) {
      await new Promise((r) => setTimeout(r, 1000 * Number(response.headers.get("retry-after") || 1)));
      continue;
    }
    const text = await response.text();
    if (!response.ok) throw new ApiError(response.status, `${method} ${path}: ${response.status} ${text}`);
    return text ? JSON.parse(text) : undefined;
  }
}

// Makes the item `key` once: `make()` answers the record; its id is kept.
async function once(key, make) {
  if (done[key] === undefined) remember(key, (await make(key)).id ?? true);
  return done[key];
}

const at = (days, hours = 0) => new Date(Date.now() + (days * 24 + hours) * 3600 * 1000).toISOString();

const session = await call("POST", "/v1/auth/login", { email, password });
token = session.access_token;
const currency = session.organization.default_currency || "USD";

// Leads, in every status.
const leads = [
  ["lead:ada", { name: "Ada Lovelace", email: "ada@analytical.example", company: "Analytical Engines", source: "referral", status: "qualified", score: 80 }],
  ["lead:grace", { name: "Grace Hopper", email: "grace@cobol.example", company: "Compilers Inc", source: "event", status: "contacted" }],
  ["lead:alan", { name: "Alan Turing", email: "alan@bletchley.example", company: "Bletchley Park", source: "website", score: 65 }],
  ["lead:katherine", { name: "Katherine Johnson", email: "katherine@orbits.example", company: "Orbit Analytics", source: "referral", status: "qualified", score: 90 }],
  ["lead:margaret", { name: "Margaret Hamilton", email: "margaret@apollo.example", company: "Apollo Software", source: "event", status: "contacted", score: 55 }],
  ["lead:edsger", { name: "Edsger Dijkstra", email: "edsger@paths.example", source: "website", status: "unqualified" }],
  ["lead:barbara", { name: "Barbara Liskov", email: "barbara@clu.example", company: "CLU Systems", source: "manual" }],
  ["lead:linus", { name: "Linus Kernel", email: "linus@kernels.example", company: "Kernel Works", source: "broker", status: "qualified", score: 70 }],
];
const leadIds = {};
// The first demo organizations had three of these already: kept, not made again.
const existing = leads.some(([key]) => done[key] === undefined) ? (await call("GET", "/v1/leads?limit=200")).data : [];
for (const [key, lead] of leads) {
  leadIds[key] = await once(key, async (k) => existing.find((l) => l.email === lead.email) ?? call("POST", "/v1/leads", lead, k));
}

await once("note:ada", (k) => call("POST", `/v1/leads/${leadIds["lead:ada"]}/notes`, { body: "Met at the fintech meetup. Wants a new customer portal before the summer; budget approved." }, k));
await once("note:grace", (k) => call("POST", `/v1/leads/${leadIds["lead:grace"]}/notes`, { body: "Sent the capabilities deck. Follow up after their board meeting." }, k));
await once("note:alan", (k) => call("POST", `/v1/leads/${leadIds["lead:alan"]}/notes`, { body: "Came in through the website form: asked about a security review." }, k));

// Two qualified leads become clients, each with its first deal (the lead's
// person becomes the client's primary contact).
const { data: pipelines } = await call("GET", "/v1/pipelines");
const pipeline = pipelines.find((p) => p.is_default) ?? pipelines[0];
const stages = [...pipeline.stages].sort((a, b) => (a.position ?? 0) - (b.position ?? 0));
const stage = (index) => stages[Math.min(index, stages.length - 1)];
const converted = {};
for (const [key, title, value] of [["lead:ada", "Customer portal", "18000"], ["lead:katherine", "Data platform", "42000"]]) {
  const id = await once(`convert:${key}`, async (k) => {
    try {
      const result = await call("POST", `/v1/leads/${leadIds[key]}/convert`, { deal: { title, value, currency } }, k);
      remember(`deal:${key}`, result.deal.id);
      return result.client;
    } catch (e) {
      if (e.status !== 409) throw e;  // converted already, by a run cut short before it was recorded
      return { id: (await call("GET", `/v1/leads/${leadIds[key]}`)).client_id };
    }
  });
  converted[key] = id;
}

// More clients, with their people.
const clients = [
  ["client:northwind", { name: "Northwind Traders", kind: "company", email: "hello@northwind.example", website: "https://northwind.example" },
   [{ name: "Nancy Davolio", email: "nancy@northwind.example", title: "Head of Sales" }, { name: "Andrew Fuller", email: "andrew@northwind.example", title: "CFO" }]],
  ["client:contoso", { name: "Contoso Ltd", kind: "company", email: "office@contoso.example" },
   [{ name: "Dana Birkby", email: "dana@contoso.example", title: "Marketing Lead" }]],
  ["client:fabrikam", { name: "Fabrikam Studio", kind: "company", phone: "+1 555 0100" },
   [{ name: "Jun Cao", email: "jun@fabrikam.example", title: "Founder" }, { name: "Ravi Patel", email: "ravi@fabrikam.example", title: "Producer" }]],
];
const clientIds = { ...converted };
for (const [key, client, contacts] of clients) {
  clientIds[key] = await once(key, (k) => call("POST", "/v1/clients", client, k));
  for (const [i, contact] of contacts.entries()) {
    await once(`${key}:contact:${i}`, (k) => call("POST", `/v1/clients/${clientIds[key]}/contacts`, contact, k));
  }
}
await once("note:northwind", (k) => call("POST", `/v1/clients/${clientIds["client:northwind"]}/notes`, { body: "Renewal due in Q3. They liked the monthly reporting; propose the analytics add-on." }, k));

// Deals across the stages, a won one and a lost one among them.
const deals = [
  ["deal:northwind-seo", "SEO retainer", "client:northwind", "6000", 0],
  ["deal:northwind-analytics", "Analytics add-on", "client:northwind", "9500", 1],
  ["deal:contoso-rebrand", "Rebrand", "client:contoso", "24000", 2],
  ["deal:contoso-video", "Launch video", "client:contoso", "12500", 3],
  ["deal:fabrikam-site", "Website rebuild", "client:fabrikam", "30000", stages.findIndex((s) => s.kind === "won")],
  ["deal:fabrikam-ads", "Paid ads pilot", "client:fabrikam", "4000", stages.findIndex((s) => s.kind === "lost")],
];
const dealIds = {};
for (const [key, title, client, value, at_stage] of deals) {
  dealIds[key] = await once(key, (k) => call("POST", "/v1/deals", { title, client_id: clientIds[client], value, currency, pipeline_id: pipeline.id }, k));
  // Moved to its stage whatever its version: moving it there again changes nothing.
  const target = stage(Math.max(at_stage, 0));
  if (target.id !== stages[0].id) {
    await once(`${key}:stage`, () => call("PATCH", `/v1/deals/${dealIds[key]}`, { stage_id: target.id }));
  }
}
if (done["deal:lead:ada"]) {
  await once("deal:lead:ada:stage", () => call("PATCH", `/v1/deals/${done["deal:lead:ada"]}`, { stage_id: stage(2).id }));
}

// Orders: the won website, confirmed; a draft for the rebrand.
const site = await once("order:fabrikam-site", (k) => call("POST", "/v1/orders", {
  client_id: clientIds["client:fabrikam"], deal_id: dealIds["deal:fabrikam-site"], currency,
  lines: [
    { description: "Design: discovery and wireframes", quantity: "24", unit_price: "120", tax_rate: "20" },
    { description: "Build: templates and CMS", quantity: "80", unit_price: "110", tax_rate: "20" },
    { description: "Launch discount", unit_price: "-500", tax_rate: "20" },
  ],
}, k));
await once("order:fabrikam-site:confirm", async (k) => {
  try {
    return await call("POST", `/v1/orders/${site}/confirm`, {}, k);
  } catch (e) {
    if (e.status !== 409) throw e;  // confirmed already
    return { id: site };
  }
});
await once("order:contoso-rebrand", (k) => call("POST", "/v1/orders", {
  client_id: clientIds["client:contoso"], deal_id: dealIds["deal:contoso-rebrand"], currency,
  lines: [{ description: "Brand workshop", quantity: "2", unit_price: "1800" }, { description: "Identity system", unit_price: "9500" }],
}, k));

// Tasks: two due today, two overdue, one next week.
const tasks = [
  ["task:call-grace", { title: "Call Grace about the board's decision", due_at: at(0, 3), priority: "high", related: { type: "lead", id: leadIds["lead:grace"] } }],
  ["task:quote-northwind", { title: "Send the analytics quote", due_at: at(0, 5), related: { type: "deal", id: dealIds["deal:northwind-analytics"] } }],
  ["task:invoice-fabrikam", { title: "Chase the website deposit", due_at: at(-2), priority: "urgent", related: { type: "client", id: clientIds["client:fabrikam"] } }],
  ["task:review-alan", { title: "Reply to the security review request", due_at: at(-1), related: { type: "lead", id: leadIds["lead:alan"] } }],
  ["task:contoso-kickoff", { title: "Plan the rebrand kickoff", due_at: at(6), priority: "low", related: { type: "client", id: clientIds["client:contoso"] } }],
];
for (const [key, task] of tasks) await once(key, (k) => call("POST", "/v1/tasks", task, k));

console.log(`demo organization seeded: ${Object.keys(done).length} items`);
