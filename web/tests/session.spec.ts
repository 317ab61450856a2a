import { expect, test } from "@playwright/test";
import { newPerson, signUp } from "./helpers";

// The access token lives in memory only, so every page load refreshes the
// session, which rotates the refresh token. A page closed or navigated away
// while that refresh is in flight never stores the new token; the next page
// load sends the old one again and must stay signed in.

test("a page load whose session refresh answer was lost stays signed in on the next", async ({ page }) => {
  await signUp(page, newPerson("Lost refresh"));
  // The server rotates the token; the page never hears of it.
  let lost = 0;
  await page.route("**/v1/auth/refresh", async (route) => {
    if (lost++ === 0) {
      await route.fetch();
      await route.abort("connectionreset");
    } else {
      await route.continue();
    }
  });
  await page.reload();
  await expect.poll(() => lost).toBeGreaterThan(0);
  await page.unroute("**/v1/auth/refresh");
  await page.reload();
  await expect(page.getByRole("heading", { name: "Leads" })).toBeVisible();
  await page.goto("/clients");
  await expect(page.getByRole("heading", { name: "Clients" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Sign in to Sentra" })).toHaveCount(0);
});

test("reloading again and again without waiting keeps the session", async ({ page }) => {
  await signUp(page, newPerson("Reloads"));
  for (let i = 0; i < 4; i++) await page.reload({ waitUntil: "commit" });
  await page.goto("/tasks", { waitUntil: "commit" });
  await page.goto("/clients");
  await expect(page.getByRole("heading", { name: "Clients" })).toBeVisible();
  await page.reload();
  await expect(page.getByRole("heading", { name: "Clients" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Sign in to Sentra" })).toHaveCount(0);
});
