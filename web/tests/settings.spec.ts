import { expect, test, type Page } from "@playwright/test";
import { linkInEmail, newPerson, screenshot, signUp, watchForPageErrors } from "./helpers";

async function openSettings(page: Page, tab: string) {
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Settings" }).click();
  await page.getByRole("navigation", { name: "Settings" }).getByRole("link", { name: tab }).click();
}

test("an invitation: sent from Members, its e-mail's link opens the console, the new member is in", async ({ page, browser }) => {
  const problems = watchForPageErrors(page);
  const owner = newPerson("Team");
  await signUp(page, owner);
  await openSettings(page, "Members");
  const invitee = newPerson("Invitee");
  const form = page.getByRole("form", { name: "Invite a member" });
  await form.getByLabel("Their e-mail").fill(invitee.email);
  await form.getByLabel("Their name").fill("Grace Invitee");
  await form.getByLabel("Role").selectOption("agent");
  await form.getByRole("button", { name: "Send the invitation" }).click();
  await expect(form.getByRole("status")).toContainText(invitee.email);
  const row = page.getByRole("table", { name: "Members" }).getByRole("row").filter({ hasText: invitee.email });
  await expect(row).toContainText("invited");
  await screenshot(page, "settings-members");

  const link = await linkInEmail(invitee.email, "invitation");
  const theirs = await (await browser.newContext()).newPage();
  await theirs.goto(link);
  await theirs.getByLabel("Password", { exact: true }).fill(invitee.password);
  await theirs.getByLabel("The same password again").fill("not the same one");
  await theirs.getByRole("button", { name: "Accept the invitation" }).click();
  await expect(theirs.getByText("The two passwords are not the same.")).toBeVisible();
  await theirs.getByLabel("The same password again").fill(invitee.password);
  await theirs.getByRole("button", { name: "Accept the invitation" }).click();
  await expect(theirs.getByRole("heading", { name: "Leads" })).toBeVisible();
  await expect(theirs.getByText(owner.organization)).toBeVisible();
  // An agent sees the members but manages none of them.
  await openSettings(theirs, "Members");
  await expect(theirs.getByRole("table", { name: "Members" })).toContainText(owner.email);
  await expect(theirs.getByRole("form", { name: "Invite a member" })).toHaveCount(0);
  await expect(theirs.getByRole("combobox", { name: /Role of/ })).toHaveCount(0);
  await expect(theirs.getByRole("navigation", { name: "Settings" }).getByRole("link", { name: "API keys" })).toHaveCount(0);
  // They see the organization's settings but cannot change them.
  await openSettings(theirs, "Organization");
  await expect(theirs.getByLabel("Organization name")).toHaveValue(owner.organization);
  await expect(theirs.getByLabel("Organization name")).toBeDisabled();
  await expect(theirs.getByRole("button", { name: "Save changes" })).toHaveCount(0);
  // The link works once.
  await theirs.goto(link);
  await theirs.getByLabel("Password", { exact: true }).fill(invitee.password);
  await theirs.getByLabel("The same password again").fill(invitee.password);
  await theirs.getByRole("button", { name: "Accept the invitation" }).click();
  await expect(theirs.getByText("This link has been used or has expired.")).toBeVisible();

  await page.reload();
  await expect(row).toContainText("active");
  await row.getByLabel("Role of Grace Invitee").selectOption("viewer");
  await expect(row.getByLabel("Role of Grace Invitee")).toHaveValue("viewer");
  page.once("dialog", (d) => void d.accept());
  await row.getByRole("button", { name: "Deactivate Grace Invitee" }).click();
  await expect(row).toContainText("deactivated");
  expect(problems).toEqual([]);
});

test("a forgotten password: the e-mailed link sets a new one, once", async ({ page }) => {
  const person = newPerson("Forgot");
  await signUp(page, person);
  await page.getByRole("button", { name: "Sign out" }).click();
  await page.getByRole("link", { name: "Forgot your password?" }).click();
  await page.getByLabel("E-mail").fill(person.email);
  await page.getByRole("button", { name: "Send the link" }).click();
  await expect(page.getByRole("status")).toContainText("If " + person.email + " has an account");

  const link = await linkInEmail(person.email, "password_reset");
  await page.goto(link);
  await page.getByLabel("Password", { exact: true }).fill("short");
  await page.getByLabel("The same password again").fill("short");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByLabel("Password", { exact: true })).toHaveAttribute("aria-invalid", "true");
  await page.getByLabel("Password", { exact: true }).fill("a brand new passphrase");
  await page.getByLabel("The same password again").fill("a brand new passphrase");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByRole("heading", { name: "Password changed" })).toBeVisible();

  await page.getByRole("link", { name: "Sign in" }).click();
  await page.getByLabel("E-mail").fill(person.email);
  await page.getByLabel("Password").fill("a brand new passphrase");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Leads" })).toBeVisible();
});

test("an API key: its secret shown once and copied, it works with its permissions only, then revoked", async ({ page, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await signUp(page, newPerson("Keys"));
  await openSettings(page, "API keys");
  const form = page.getByRole("form", { name: "New API key" });
  await form.getByLabel("Key name").fill("Website form");
  await form.getByRole("checkbox", { name: "read (leads)" }).check();
  await form.getByRole("button", { name: "Create key" }).click();
  const secret = await page.getByLabel("The new key").inputValue();
  expect(secret).toMatch(/^sk_live_/);
  await page.getByRole("button", { name: "Copy the key" }).click();
  await expect(page.getByText("Copied.")).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);
  await screenshot(page, "settings-api-key-secret");

  const headers = { Authorization: `Bearer ${secret}` };
  expect((await page.request.get("/v1/leads", { headers })).status()).toBe(200);
  expect((await page.request.get("/v1/clients", { headers })).status()).toBe(403);

  await page.getByRole("button", { name: "I have stored it" }).click();
  await expect(page.getByLabel("The new key")).toHaveCount(0);
  const row = page.getByRole("table", { name: "API keys" }).getByRole("row").filter({ hasText: "Website form" });
  await expect(row).toContainText(secret.slice(0, 8));
  expect(await row.textContent()).not.toContain(secret);
  page.once("dialog", (d) => void d.accept());
  await row.getByRole("button", { name: "Revoke Website form" }).click();
  await expect(row).toContainText("revoked");
  expect((await page.request.get("/v1/leads", { headers })).status()).toBe(401);
});

test("roles and brands: a custom role made and changed, a brand made and deleted", async ({ page }) => {
  await signUp(page, newPerson("Roles"));
  await openSettings(page, "Roles");
  const form = page.getByRole("form", { name: "New role" });
  await form.getByLabel("Role name").fill("bookkeeper");
  await form.getByRole("checkbox", { name: "read (leads)" }).check();
  await form.getByRole("button", { name: "Create role" }).click();
  const roles = page.getByRole("list", { name: "Roles" });
  await expect(roles.getByRole("listitem").filter({ hasText: "bookkeeper" })).toContainText("leads:read");
  await roles.getByRole("button", { name: "Change bookkeeper" }).click();
  const change = page.getByRole("form", { name: "Change the role bookkeeper" });
  await change.getByRole("checkbox", { name: "read (clients)" }).check();
  await change.getByRole("button", { name: "Save the role" }).click();
  await expect(roles.getByRole("listitem").filter({ hasText: "bookkeeper" })).toContainText("clients:read");
  await screenshot(page, "settings-roles");

  await page.getByRole("navigation", { name: "Settings" }).getByRole("link", { name: "Brands" }).click();
  const brand = page.getByRole("form", { name: "New brand" });
  await brand.getByLabel("Brand name").fill("Northwind Studio");
  await brand.getByLabel("Sender e-mail").fill("not an address");
  await brand.getByRole("button", { name: "Create brand" }).click();
  await expect(brand.getByLabel("Sender e-mail")).toHaveAttribute("aria-invalid", "true");
  await brand.getByLabel("Sender e-mail").fill("hello@northwind.example");
  await brand.getByRole("button", { name: "Create brand" }).click();
  const row = page.getByRole("table", { name: "Brands" }).getByRole("row").filter({ hasText: "Northwind Studio" });
  await expect(row).toContainText("hello@northwind.example");
  page.once("dialog", (d) => void d.accept());
  await row.getByRole("button", { name: "Delete Northwind Studio" }).click();
  await expect(row).toHaveCount(0);
});

test("the client portal: a client's member sees that client's orders and nothing else", async ({ page, browser }) => {
  await signUp(page, newPerson("Portal"));
  await page.goto("/clients");
  await page.getByRole("button", { name: "New client" }).click();
  await page.getByRole("form", { name: "New client" }).getByLabel("Name").fill("Portal Client Ltd");
  await page.getByRole("button", { name: "Create client" }).click();
  await page.getByRole("link", { name: /Portal Client Ltd/ }).click();
  await page.getByRole("link", { name: "New order" }).click();
  await page.getByLabel("Description, line 1").fill("Brochure design");
  await page.getByLabel("Unit price, line 1").fill("250.00");
  await page.getByRole("button", { name: "Save draft order" }).click();
  await page.getByRole("button", { name: "Confirm order" }).click();
  await expect(page.getByRole("heading", { name: /Order/ })).toContainText("confirmed");

  await openSettings(page, "Members");
  const member = newPerson("Customer");
  const form = page.getByRole("form", { name: "Invite a member" });
  await form.getByLabel("Their e-mail").fill(member.email);
  await form.getByLabel("Their name").fill("Pat Customer");
  await form.getByLabel("Role").selectOption("client");
  await form.getByLabel("Find a client").fill("Portal Client");
  await form.getByLabel("Client", { exact: true }).selectOption({ label: "Portal Client Ltd" });
  await form.getByRole("button", { name: "Send the invitation" }).click();
  await expect(form.getByRole("status")).toContainText(member.email);

  const theirs = await (await browser.newContext()).newPage();
  await theirs.goto(await linkInEmail(member.email, "invitation"));
  await theirs.getByLabel("Password", { exact: true }).fill(member.password);
  await theirs.getByLabel("The same password again").fill(member.password);
  await theirs.getByRole("button", { name: "Accept the invitation" }).click();
  await expect(theirs.getByRole("heading", { name: "Portal Client Ltd" })).toBeVisible();
  await expect(theirs.getByRole("list", { name: "Your orders" })).toContainText("$250.00");
  const nav = theirs.getByRole("navigation", { name: "Main" });
  await expect(nav.getByRole("link")).toHaveText(["Your account"]);
  await screenshot(theirs, "portal");
  await theirs.getByRole("list", { name: "Your orders" }).getByRole("link").click();
  await expect(theirs.getByRole("heading", { name: /Order/ })).toContainText("confirmed");
  await expect(theirs.getByLabel("Description, line 1")).toHaveValue("Brochure design");
  // The staff screens send them back to the portal.
  await theirs.goto("/leads");
  await expect(theirs).toHaveURL(/\/portal$/);
});

test("pipelines, custom fields and tags: made in settings, used on the records", async ({ page }) => {
  await signUp(page, newPerson("Shape"));
  await openSettings(page, "Pipelines");
  const pipeline = page.getByRole("form", { name: "New pipeline" });
  await pipeline.getByLabel("Pipeline name").fill("Partners");
  await pipeline.getByLabel("Stage 1 name").fill("Introduced");
  await pipeline.getByRole("button", { name: "Add stage" }).click();
  await pipeline.getByLabel("Stage 4 name").fill("Negotiating");
  await pipeline.getByRole("button", { name: "Move stage 4 up" }).click();
  await pipeline.getByRole("button", { name: "Move stage 3 up" }).click();
  await pipeline.getByRole("button", { name: "Create pipeline" }).click();
  await expect(page.getByRole("list", { name: "Pipelines" })).toContainText("Introduced (10 %) → Negotiating (50 %) → Won");
  await page.goto("/deals");
  await page.getByLabel("Pipeline").selectOption({ label: "Partners" });
  await expect(page.getByRole("region", { name: "Negotiating" })).toBeVisible();

  await openSettings(page, "Custom fields");
  const field = page.getByRole("form", { name: "New custom field" });
  await field.getByLabel("Label").fill("Budget");
  await expect(field.getByLabel("Key")).toHaveValue("budget");
  await field.getByLabel("Type").selectOption("number");
  await field.getByRole("button", { name: "Create field" }).click();
  // The form empties once the field is made: only then the next one.
  await expect(page.getByRole("table", { name: "Custom fields" })).toContainText("Budget");
  await expect(field.getByLabel("Label")).toHaveValue("");
  await field.getByLabel("Label").fill("Region");
  await field.getByLabel("Type").selectOption("select");
  await field.getByLabel("Options").fill("North, South");
  await field.getByRole("button", { name: "Create field" }).click();
  await expect(page.getByRole("table", { name: "Custom fields" })).toContainText("select: North, South");

  await page.goto("/leads");
  await page.getByRole("button", { name: "New lead" }).click();
  await page.getByRole("form", { name: "New lead" }).getByLabel("Name").fill("Field Lead");
  await page.getByRole("button", { name: "Create lead" }).click();
  await page.getByRole("link", { name: /Field Lead/ }).click();
  const details = page.getByRole("form", { name: "Lead details" });
  await details.getByLabel("Budget").fill("lots");
  await details.getByLabel("Region").selectOption("South");
  await details.getByRole("button", { name: "Save changes" }).click();
  await expect(details.getByLabel("Budget")).toHaveAttribute("aria-invalid", "true");
  await details.getByLabel("Budget").fill("12000");
  await details.getByRole("button", { name: "Save changes" }).click();
  await expect(details.getByRole("status")).toHaveText("Saved.");
  await page.reload();
  await expect(page.getByRole("form", { name: "Lead details" }).getByLabel("Budget")).toHaveValue("12000");
  await expect(page.getByRole("form", { name: "Lead details" }).getByLabel("Region")).toHaveValue("South");
  await page.getByRole("textbox", { name: "New note" }).fill("Budget confirmed by phone.");
  await page.getByRole("button", { name: "Add note" }).click();
  await expect(page.getByRole("list", { name: "Notes" })).toContainText("Budget confirmed by phone.");

  await openSettings(page, "Tags");
  await page.getByLabel("Tag", { exact: true }).fill("vip");
  await page.getByRole("button", { name: "Add tag" }).click();
  const tags = page.getByRole("list", { name: "Tags" });
  await expect(tags).toContainText("vip");
  page.once("dialog", (d) => void d.accept("gold"));
  await tags.getByRole("button", { name: "Rename vip" }).click();
  await expect(tags).toContainText("gold");
  page.once("dialog", (d) => void d.accept());
  await tags.getByRole("button", { name: "Delete gold" }).click();
  await expect(page.getByText("No tags yet.")).toBeVisible();
  await screenshot(page, "settings-tags");
});

test("the organization's settings: renamed, its currency and time zone changed, a stale edit refused", async ({ page }) => {
  const problems = watchForPageErrors(page);
  const owner = newPerson("Org");
  await signUp(page, owner);
  await openSettings(page, "Organization");
  const form = page.getByRole("form", { name: "Organization" });
  await expect(form.getByLabel("Organization name")).toHaveValue(owner.organization);
  await expect(form.getByLabel("Default currency")).toHaveValue("USD");
  await expect(form.getByLabel("Time zone")).toHaveValue("UTC");

  // A slug the API refuses: the message stands under the slug.
  await form.getByLabel("Slug").fill("Not a slug");
  await form.getByRole("button", { name: "Save changes" }).click();
  await expect(form.getByLabel("Slug")).toHaveAttribute("aria-invalid", "true");
  await expect(form.getByText(/must be 2-63 of a-z/)).toBeVisible();

  const renamed = `${owner.organization} Studio`;
  await form.getByLabel("Slug").fill(`studio-${Date.now().toString(36)}`);
  await form.getByLabel("Organization name").fill(`  ${renamed}  `);
  await form.getByLabel("Default currency").selectOption("EUR");
  await form.getByLabel("Time zone").selectOption("Europe/Berlin");
  await form.getByRole("button", { name: "Save changes" }).click();
  await expect(form.getByRole("status")).toHaveText("Saved.");
  await expect(form.getByLabel("Organization name")).toHaveValue(renamed);  // as stored, trimmed
  // The whole console knows at once: the header, and new orders' currency.
  await expect(page.getByRole("banner")).toContainText(renamed);
  await screenshot(page, "settings-organization");
  // Inside the console, without a reload: what the save answered, not a fresh sign-in.
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Orders" }).click();
  await page.getByRole("link", { name: "New order" }).click();
  await expect(page.getByLabel("Currency")).toHaveValue("EUR");

  // Another tab changes the name first; this one's edit is refused.
  await page.goto("/settings/organization");
  const second = await page.context().newPage();
  await second.goto("/settings/organization");
  await second.getByLabel("Organization name").fill(`${renamed} II`);
  await second.getByRole("button", { name: "Save changes" }).click();
  await expect(second.getByText("Saved.")).toBeVisible();
  await form.getByLabel("Time zone").selectOption("America/New_York");
  await form.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("alert")).toContainText("Someone else changed this record");
  await page.getByRole("button", { name: "Load the current version" }).click();
  await expect(form.getByLabel("Organization name")).toHaveValue(`${renamed} II`);
  await expect(form.getByLabel("Time zone")).toHaveValue("Europe/Berlin");
  expect(problems).toEqual([]);
});
