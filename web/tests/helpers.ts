import { expect, type Page } from "@playwright/test";

const artifacts = process.env.SENTRA_CONSOLE_ARTIFACTS ?? "test-results";

// A new organization for each test: nothing shared between tests.
export function newPerson(label: string) {
  const unique = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 7)}`;
  return {
    organization: `${label} ${unique}`,
    name: `${label} Owner`,
    email: `${label.toLowerCase().replace(/\W+/g, "")}-${unique}@example.com`,
    password: "correct horse battery",
  };
}

export async function signUp(page: Page, person: ReturnType<typeof newPerson>) {
  await page.goto("/signup");
  await page.getByLabel("Organization name").fill(person.organization);
  await page.getByLabel("Your name").fill(person.name);
  await page.getByLabel("E-mail").fill(person.email);
  await page.getByLabel("Password").fill(person.password);
  await page.getByRole("button", { name: "Create organization" }).click();
  await expect(page.getByRole("heading", { name: "Leads" })).toBeVisible();
}

export async function createLead(page: Page, lead: { name: string; company?: string; email?: string }) {
  await page.getByRole("button", { name: "New lead" }).click();
  const form = page.getByRole("form", { name: "New lead" });
  await form.getByLabel("Name").fill(lead.name);
  if (lead.company) await form.getByLabel("Company").fill(lead.company);
  if (lead.email) await form.getByLabel("E-mail").fill(lead.email);
  await form.getByRole("button", { name: "Create lead" }).click();
  await expect(form).toBeHidden();
  await expect(page.getByRole("link", { name: new RegExp(lead.name) })).toBeVisible();
}

export async function screenshot(page: Page, name: string) {
  await page.screenshot({ path: `${artifacts}/screenshots/${name}.png`, fullPage: true });
}

// Fails the test on any CSP violation or script error the page reports.
export function watchForPageErrors(page: Page): string[] {
  const problems: string[] = [];
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  page.on("console", (m) => {
    if (m.type() === "error" && !/Failed to load resource/.test(m.text())) problems.push(`console: ${m.text()}`);
  });
  return problems;
}

// The newest e-mail of a template sent to an address, read from the test
// stack's outbound queue (comms writes it there before the SMTP relay
// sends it); polled, since comms queues it on an event.
export async function linkInEmail(to: string, template: string): Promise<string> {
  const { execFileSync } = await import("node:child_process");
  const url = process.env.SENTRA_TEST_STACK_DB_URL;
  if (!url) throw new Error("needs the test stack's database (run through deploy/sentra test)");
  for (let attempt = 0; attempt < 100; attempt++) {
    const body = execFileSync("psql", [url, "-tA", "-v", "ON_ERROR_STOP=1", "-v", `to=${to}`, "-v", `template=${template}`], {
      input: "SELECT body_text FROM comms.outbound_emails WHERE to_address = :'to' AND template = :'template' " +
             "ORDER BY created_at DESC LIMIT 1;",
    }).toString();
    const link = /https?:\/\/\S+\?token=\S+/.exec(body)?.[0];
    if (link) return link;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`no ${template} e-mail to ${to}`);
}
