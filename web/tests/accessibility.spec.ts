import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { createLead, newPerson, signUp } from "./helpers";

// WCAG 2.1 A and AA as axe-core checks them (labels, names, contrast,
// landmarks, ARIA), on every main screen, at 1280×800 and on a phone.
// A violation names the rule and the elements, so the failure says what
// to fix.
async function expectAccessible(page: Page, screen: string) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const found = results.violations.map(
    (v) => `${screen}: ${v.id} (${v.impact}) ${v.help}\n` + v.nodes.map((n) => `    ${n.target.join(" ")}`).join("\n"),
  );
  expect.soft(found, found.join("\n")).toEqual([]);
}

async function visit(page: Page, path: string, heading: string) {
  await page.goto(path);
  await expect(page.getByRole("heading", { name: heading, exact: true })).toBeVisible();
}

for (const viewport of [
  { width: 1280, height: 800 },
  { width: 390, height: 844 },
]) {
  test(`every main screen passes WCAG 2.1 AA checks at ${viewport.width}px`, async ({ page }) => {
    await page.setViewportSize(viewport);
    await visit(page, "/signin", "Sign in to Sentra");
    await expectAccessible(page, "sign-in");
    await visit(page, "/signup", "Create your organization");
    await expectAccessible(page, "sign-up");
    await visit(page, "/forgot-password", "Reset your password");
    await expectAccessible(page, "forgot password");

    await signUp(page, newPerson("Axe"));
    await createLead(page, { name: "Grace Hopper", company: "Navy", email: "grace@example.com" });
    await expectAccessible(page, "leads");
    await page.getByRole("link", { name: /Grace Hopper/ }).click();
    await expect(page.getByRole("heading", { name: "Grace Hopper" })).toBeVisible();
    await expectAccessible(page, "a lead");
    for (const [path, heading] of [
      ["/clients", "Clients"],
      ["/deals", "Deals"],
      ["/orders", "Orders"],
      ["/orders/new", "New order"],
      ["/tasks", "Tasks"],
      ["/settings/organization", "Settings"],
      ["/settings/members", "Settings"],
      ["/settings/roles", "Settings"],
      ["/settings/brands", "Settings"],
      ["/settings/api-keys", "Settings"],
      ["/settings/pipelines", "Settings"],
      ["/settings/custom-fields", "Settings"],
      ["/settings/tags", "Settings"],
    ]) {
      await visit(page, path, heading);
      await page.waitForLoadState("networkidle");
      await expectAccessible(page, path);
    }
  });
}
