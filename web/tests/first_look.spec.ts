// What a new user met and should not have: a converted lead that still said
// "new", a currency typed by hand and silently wrong, a board without
// totals, an unknown address passing for the leads, a one-match search that
// chose nothing, and an empty demo organization.
import { execFileSync } from "node:child_process";
import { tmpdir } from "node:os";
import { expect, test, type Page } from "@playwright/test";
import { createLead, newPerson, screenshot, signUp, watchForPageErrors } from "./helpers";

async function createClient(page: Page, name: string) {
  await page.goto("/clients");
  await page.getByRole("button", { name: "New client" }).click();
  const form = page.getByRole("form", { name: "New client" });
  await form.getByLabel("Name").fill(name);
  await form.getByRole("button", { name: "Create client" }).click();
  await expect(form).toBeHidden();
}

test("a converted lead shows it at once, links its client and deal, and 'converted' is never offered by the menu",
     async ({ page }) => {
  const problems = watchForPageErrors(page);
  await signUp(page, newPerson("Convert"));
  await createLead(page, { name: "Jane Roe", company: "Roe GmbH", email: "jane@roe.example" });
  await page.getByRole("link", { name: /Jane Roe/ }).click();
  const details = page.getByRole("form", { name: "Lead details" });
  const statuses = await details.getByLabel("Status").locator("option").allTextContents();
  expect(statuses).not.toContain("converted");
  // The lead's description is a field of several lines, apart from the dated notes.
  await details.getByLabel("Description").fill("Wants a quote.\nBudget approved in March.");
  await details.getByRole("button", { name: "Save changes" }).click();
  await expect(details.getByRole("status")).toHaveText("Saved.");

  const convert = page.getByRole("form", { name: "Convert lead" });
  await convert.getByLabel("Deal title").fill("Roe website");
  await convert.getByLabel("Deal value").fill("12000");
  await convert.getByLabel("Currency").selectOption("EUR");
  await convert.getByRole("button", { name: "Convert lead" }).click();
  // Without a reload: the status, and links to what it became.
  await expect(details.getByLabel("Status")).toHaveValue("converted");
  await expect(details.getByLabel("Status")).toHaveAttribute("readonly", "");
  await expect(page.getByText("Jane Roe its primary contact")).toBeVisible();
  await screenshot(page, "lead-converted-links");
  await page.getByRole("link", { name: "Roe website" }).click();
  await expect(page.getByRole("heading", { name: /Roe website/ })).toBeVisible();
  await page.goBack();
  await page.getByRole("link", { name: "Roe GmbH" }).click();
  await expect(page.getByRole("heading", { name: "Roe GmbH" })).toBeVisible();
  await expect(page.getByText("jane@roe.example").first()).toBeVisible();  // the contact made of the lead's person
  expect(problems).toEqual([]);
});

test("an order takes its deal's currency, and says so when another is picked from the list", async ({ page }) => {
  await signUp(page, newPerson("Currency"));
  await createClient(page, "Euro Shop");
  await page.goto("/deals");
  await page.getByRole("button", { name: "New deal" }).click();
  const form = page.getByRole("form", { name: "New deal" });
  await form.getByLabel("Title").fill("Euro deal");
  // One client matches what is typed: it is chosen.
  await form.getByLabel("Find a client").fill("Euro Sh");
  await expect(form.getByLabel("Client", { exact: true })).toHaveValue(/.+/);
  await form.getByLabel("Value").fill("12000");
  await form.getByLabel("Currency").selectOption("EUR");
  await form.getByRole("button", { name: "Create deal" }).click();
  await expect(form).toBeHidden();
  await page.getByRole("link", { name: "Euro deal" }).click();
  await page.getByRole("link", { name: "New order" }).click();

  const currency = page.getByLabel("Currency");
  await expect(currency).toHaveValue("EUR");
  await expect(page.locator(".warning")).toHaveCount(0);
  // Not typed: chosen from ISO 4217's codes, each with its name.
  expect(await currency.locator("option").count()).toBeGreaterThan(150);
  await currency.selectOption("USD");
  await expect(page.getByRole("status").filter({ hasText: "The deal is in EUR: this order will be in USD." })).toBeVisible();
  await page.getByRole("button", { name: "Use EUR" }).click();
  await expect(currency).toHaveValue("EUR");
  await page.getByLabel("Description, line 1").fill("Shop build");
  await page.getByLabel("Unit price, line 1").fill("12000");
  await page.getByRole("button", { name: "Save draft order" }).click();
  await expect(page.getByRole("heading", { name: /Order/ })).toContainText("draft");
  await expect(page.getByText(/€12,000\.00/).first()).toBeVisible();

  // A new order with no client chosen says so itself.
  await page.goto("/orders/new");
  await page.getByRole("button", { name: "Save draft order" }).click();
  await expect(page.getByText("Choose a client", { exact: true })).toBeVisible();
});

test("the deals board totals each stage: how many deals, and their value in the organization's currency",
     async ({ page }) => {
  await signUp(page, newPerson("Totals"));
  await createClient(page, "Totals Ltd");
  await page.goto("/deals");
  for (const [title, value, code] of [["First", "1000", "USD"], ["Second", "250.50", "USD"], ["Abroad", "900", "EUR"]]) {
    await page.getByRole("button", { name: "New deal" }).click();
    const form = page.getByRole("form", { name: "New deal" });
    await form.getByLabel("Title").fill(title);
    await form.getByLabel("Find a client").fill("Totals");
    await expect(form.getByLabel("Client", { exact: true })).toHaveValue(/.+/);
    await form.getByLabel("Value").fill(value);
    await form.getByLabel("Currency").selectOption(code);
    await form.getByRole("button", { name: "Create deal" }).click();
    await expect(form).toBeHidden();
  }
  const first = page.getByRole("region", { name: "New", exact: true });
  await expect(first.locator(".stage-totals")).toContainText("3 deals · $1,250.50");
  await expect(first.locator(".stage-totals")).toContainText("+ 1 in EUR");
  // A move changes both columns' totals.
  const abroad = page.getByRole("listitem").filter({ hasText: "Abroad" });
  await abroad.getByLabel("Stage of Abroad").selectOption({ label: "Qualified" });
  await abroad.getByRole("button", { name: "Move" }).click();
  await expect(first.locator(".stage-totals")).toHaveText("2 deals · $1,250.50");
  await expect(page.getByRole("region", { name: "Qualified", exact: true }).locator(".stage-totals")).toContainText("1 deal");
  await screenshot(page, "deals-board-totals");
});

test("the leads list shows each lead's owner and when it came in", async ({ page }) => {
  await signUp(page, newPerson("Columns"));
  await createLead(page, { name: "Owned Lead", company: "Owners Inc" });
  const row = page.getByRole("link", { name: /Owned Lead/ });
  await expect(row.getByTitle("Owner")).toHaveText("You");
  await expect(row.getByTitle("Created")).toHaveText(new Date().toLocaleDateString(undefined,
    { year: "numeric", month: "short", day: "numeric" }));
});

test("a list the rate limiter refuses for a moment is read again after its wait, a long refusal is shown at once",
     async ({ page }) => {
  await signUp(page, newPerson("Limited"));
  await createLead(page, { name: "Patient Lead" });
  // The limiter's own answers, for the first reads of the list only.
  let refusals = 2;
  await page.route("**/v1/leads?*", async (route) => {
    if (route.request().method() !== "GET" || refusals === 0) return route.continue();
    refusals--;
    await route.fulfill({ status: 429, headers: { "Retry-After": "1", "Content-Type": "application/json" },
                          body: JSON.stringify({ error: { code: "RATE_LIMITED", message: "too many requests; try again in 1 s" } }) });
  });
  await page.goto("/leads");
  await expect(page.getByRole("link", { name: /Patient Lead/ })).toBeVisible();
  expect(refusals).toBe(0);

  await page.unroute("**/v1/leads?*");
  await page.route("**/v1/leads?*", (route) => route.fulfill({
    status: 429, headers: { "Retry-After": "3600", "Content-Type": "application/json" },
    body: JSON.stringify({ error: { code: "RATE_LIMITED", message: "too many requests; try again in 3600 s" } }) }));
  await page.goto("/leads");
  await expect(page.getByText("Too many requests: wait a moment and try again.")).toBeVisible({ timeout: 2000 });
});

test("an address the console has no screen for says so, with the way back", async ({ page }) => {
  await signUp(page, newPerson("Lost"));
  for (const path of ["/nowhere", "/leads/x/y", "/settings/nothing"]) {
    await page.goto(path);
    await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
    await expect(page.getByRole("heading", { name: "Leads" })).toHaveCount(0);
  }
  await page.getByRole("link", { name: "Go to the leads" }).click();
  await expect(page.getByRole("heading", { name: "Leads" })).toBeVisible();
});

test("the demo organization looks like a small agency at work, and seeding it twice adds nothing", async ({ page }) => {
  const person = newPerson("Demo");
  await signUp(page, person);
  const progress = `${tmpdir()}/sentra-demo-seed-${Date.now()}.json`;
  const seed = () => execFileSync("node", ["--no-warnings", "../deploy/seed_demo.mjs", process.env.SENTRA_TEST_GATEWAY_URL!,
                                           person.email, person.password, progress]).toString();
  seed();
  // A page load refreshes the session (the access token lives in memory
  // only); the next navigation waits until that refresh has answered, as a
  // refresh cut off in flight would have rotated the token unseen.
  await page.reload();
  await expect(page.locator(".row-link").first()).toBeVisible();
  // Leads in every status.
  for (const status of ["new", "contacted", "qualified", "unqualified", "converted"]) {
    await page.goto(`/leads?status=${status}`);
    await expect(page.locator(".row-link").first(), status).toBeVisible();
  }
  // Deals across the stages, a won one among them.
  await page.goto("/deals");
  await expect(page.getByRole("region", { name: "Won", exact: true }).locator(".deal-card")).toHaveCount(1);
  await expect(page.locator(".deal-card")).toHaveCount(8);
  // Tasks due today and overdue.
  await page.goto("/tasks");
  await expect(page.getByRole("list", { name: "My open tasks" }).getByRole("listitem")).toHaveCount(5);
  await expect(page.locator(".overdue").first()).toContainText("Overdue");
  await page.goto("/clients");
  await expect(page.locator(".row-link")).toHaveCount(5);
  await screenshot(page, "demo-clients");

  // Run again (as every `deploy/sentra up` does): nothing doubles.
  seed();
  await page.goto("/clients");
  await expect(page.locator(".row-link")).toHaveCount(5);
  await page.goto("/deals");
  await expect(page.locator(".deal-card")).toHaveCount(8);
});
