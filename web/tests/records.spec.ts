import { expect, test, type Page } from "@playwright/test";
import { newPerson, screenshot, signUp, watchForPageErrors } from "./helpers";

async function createClient(page: Page, name: string) {
  await page.goto("/clients");
  await page.getByRole("button", { name: "New client" }).click();
  const form = page.getByRole("form", { name: "New client" });
  await form.getByLabel("Name").fill(name);
  await form.getByRole("button", { name: "Create client" }).click();
  await expect(form).toBeHidden();
  await page.getByRole("link", { name: new RegExp(name) }).click();
  await expect(page.getByRole("heading", { name })).toBeVisible();
}

test("a client: contacts with one primary, notes, the timeline, archive and restore", async ({ page }) => {
  const problems = watchForPageErrors(page);
  await signUp(page, newPerson("Clients"));
  await createClient(page, "Babbage & Co");

  for (const [name, primary] of [["Charles Babbage", false], ["Ada Byron", true]] as const) {
    await page.getByRole("button", { name: "Add contact" }).click();
    const form = page.getByRole("form", { name: "New contact" });
    await form.getByLabel("Contact name").fill(name);
    if (primary) await form.getByLabel("Primary contact").check();
    await form.getByRole("button", { name: "Add" }).click();
    await expect(form).toBeHidden();
  }
  const contacts = page.getByRole("list", { name: "Contacts" });
  await expect(contacts.getByRole("listitem").first()).toContainText("Ada Byron");
  await expect(contacts.getByRole("listitem").first()).toContainText("primary");
  await contacts.getByRole("button", { name: "Make Charles Babbage the primary contact" }).click();
  await expect(contacts.getByRole("listitem").first()).toContainText("Charles Babbage");
  await expect(contacts.getByText("primary", { exact: true })).toHaveCount(1);

  await page.getByRole("textbox", { name: "New note" }).fill("Prefers letters to calls.");
  await page.getByRole("button", { name: "Add note" }).click();
  await expect(page.getByRole("list", { name: "Notes" })).toContainText("Prefers letters to calls.");
  // The timeline is built from events: the note arrives there shortly. Each
  // reload waits for the page's data (its session refreshed) before the
  // next, which would otherwise cut that refresh off in flight.
  await expect(async () => {
    await page.reload();
    await expect(page.getByRole("list", { name: "Notes" })).toContainText("Prefers letters to calls.");
    await expect(page.getByRole("list", { name: "Timeline" })).toContainText(/note/i, { timeout: 1000 });
  }).toPass({ timeout: 15_000 });
  await screenshot(page, "client-contacts-notes");

  await page.getByRole("button", { name: "Archive client" }).click();
  await expect(page.getByRole("heading", { name: /Babbage/ })).toContainText("archived");
  await page.goto("/clients");
  await expect(page.getByText("No clients match.")).toBeVisible();
  await page.getByLabel("Show").selectOption("true");
  await page.getByRole("link", { name: /Babbage/ }).click();
  await page.getByRole("button", { name: "Restore client" }).click();
  await expect(page.getByRole("heading", { name: /Babbage/ })).not.toContainText("archived");
  expect(problems).toEqual([]);
});

test("the deals board from the keyboard: a new deal, moved with its stage menu", async ({ page }) => {
  await signUp(page, newPerson("Board"));
  await createClient(page, "Jacquard Looms");
  await page.goto("/deals");
  await page.getByRole("button", { name: "New deal" }).click();
  const form = page.getByRole("form", { name: "New deal" });
  await form.getByLabel("Title").fill("Punched cards");
  await form.getByLabel("Find a client").fill("Jacquard");
  await form.getByLabel("Client", { exact: true }).selectOption({ label: "Jacquard Looms" });
  await form.getByLabel("Value").fill("abc");
  await form.getByRole("button", { name: "Create deal" }).click();
  // The API's complaint is shown under the field it names.
  await expect(form.getByLabel("Value")).toHaveAttribute("aria-invalid", "true");
  await form.getByLabel("Value").fill("900.00");
  await form.getByRole("button", { name: "Create deal" }).click();
  await expect(form).toBeHidden();

  // Choosing a stage moves nothing until Move is pressed; the card keeps the
  // focus in its new column.
  await page.getByLabel("Stage of Punched cards").focus();
  await page.keyboard.press("ArrowDown");
  await expect(page.getByRole("list", { name: "Deals in New" }).getByRole("link", { name: "Punched cards" })).toBeVisible();
  await page.keyboard.press("Tab");
  await expect(page.getByRole("button", { name: "Move" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("list", { name: "Deals in Qualified" }).getByRole("link", { name: "Punched cards" })).toBeFocused();
  await expect(page.getByRole("list", { name: "Deals in New" }).getByRole("link", { name: "Punched cards" })).toHaveCount(0);
  await page.getByLabel("Stage of Punched cards").selectOption({ label: "Won" });
  await page.getByRole("button", { name: "Move" }).click();
  await expect(page.getByRole("list", { name: "Deals in Won" }).getByRole("link", { name: "Punched cards" })).toBeVisible();
  await page.getByRole("link", { name: "Punched cards" }).click();
  await expect(page.getByRole("heading", { name: /Punched cards/ })).toContainText("won");
  await expect(page.getByText("Entered Qualified")).toBeVisible();

  // An edit sends only what changed: the value, not the stage it was loaded with.
  const details = page.getByRole("form", { name: "Deal details" });
  await details.getByLabel("Value").fill("950.00");
  await details.getByRole("button", { name: "Save changes" }).click();
  await expect(details.getByRole("status")).toHaveText("Saved.");
  await page.reload();
  await expect(page.getByRole("form", { name: "Deal details" }).getByLabel("Value")).toHaveValue("950.00");
  await expect(page.getByRole("heading", { name: /Punched cards/ })).toContainText("won");

  // A task about the deal, made on its page, listed there and in "My open tasks".
  await page.getByRole("button", { name: "New task" }).click();
  await page.getByRole("form", { name: "New task" }).getByLabel("Title").fill("Send the invoice");
  await page.getByRole("button", { name: "Create task" }).click();
  await expect(page.getByRole("list", { name: "Tasks about this deal" })).toContainText("Send the invoice");
  await page.goto("/tasks");
  const mine = page.getByRole("list", { name: "My open tasks" }).getByRole("listitem").filter({ hasText: "Send the invoice" });
  await mine.getByRole("link", { name: "the deal" }).click();
  await expect(page.getByRole("heading", { name: /Punched cards/ })).toBeVisible();
});

test("an order's lines: totals in the currency's own digits, errors under the line's field", async ({ page }) => {
  await signUp(page, newPerson("Orders"));
  await createClient(page, "Kyoto Works");
  await page.getByRole("link", { name: "New order" }).click();
  await page.getByLabel("Currency").selectOption("JPY");
  await page.getByLabel("Description, line 1").fill("Lacquer boxes");
  await page.getByLabel("Quantity, line 1").fill("3");
  await page.getByLabel("Unit price, line 1").fill("333");
  await page.getByLabel("Tax rate, line 1").fill("8.5");
  // 999 × 8.5 % = 84.915, rounded half up to 85 yen.
  await expect(page.getByTestId("tax")).toHaveText("¥85");
  await expect(page.getByTestId("total")).toHaveText("¥1,084");

  await page.getByLabel("Quantity, line 1").fill("abc");
  await expect(page.getByTestId("total")).toHaveText("—");
  await page.getByRole("button", { name: "Save draft order" }).click();
  await expect(page.getByLabel("Quantity, line 1")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByRole("alert").filter({ hasText: /quantity|number|decimal/i }).first()).toBeVisible();

  await page.getByLabel("Quantity, line 1").fill("3");
  await page.getByRole("button", { name: "Save draft order" }).click();
  await expect(page.getByText("Total ¥1,084")).toBeVisible();
  // The server's figures are the console's.
  await expect(page.getByTestId("total")).toHaveText("¥1,084");
  await page.getByLabel("Unit price, line 1").fill("1000");
  await page.getByRole("button", { name: "Save lines" }).click();
  await expect(page.getByText("Saved.")).toBeVisible();
  await expect(page.getByText("Total ¥3,255")).toBeVisible();
  page.once("dialog", (d) => void d.accept());
  await page.getByRole("button", { name: "Cancel order" }).click();
  await expect(page.getByRole("heading", { name: /Order/ })).toContainText("cancelled");
  await screenshot(page, "order-cancelled");
});

test("tasks: mine, soonest first, the overdue marked, ticked off into done", async ({ page }) => {
  await signUp(page, newPerson("Tasks"));
  await page.goto("/tasks");
  for (const [title, due] of [["Call back Babbage", "2020-01-02T09:00"], ["Send the proposal", "2099-05-01T10:00"]]) {
    await page.getByRole("button", { name: "New task" }).click();
    const form = page.getByRole("form", { name: "New task" });
    await form.getByLabel("Title").fill(title);
    await form.getByLabel("Due").fill(due);
    await form.getByRole("button", { name: "Create task" }).click();
    await expect(form).toBeHidden();
  }
  const list = page.getByRole("list", { name: "My open tasks" });
  await expect(list.getByRole("listitem")).toHaveCount(2);
  await expect(list.getByRole("listitem").first()).toContainText("Call back Babbage");
  await expect(list.getByRole("listitem").first()).toContainText("Overdue");
  await expect(list.getByRole("listitem").nth(1)).not.toContainText("Overdue");
  await screenshot(page, "tasks");

  await page.getByLabel("Show").selectOption("overdue");
  await expect(page.getByRole("list", { name: "My overdue tasks" }).getByRole("listitem")).toHaveCount(1);
  await page.getByLabel("Show").selectOption("mine");
  await page.getByRole("checkbox", { name: "Call back Babbage" }).check();
  await expect(page.getByRole("checkbox", { name: "Call back Babbage" })).toBeChecked();
  await page.getByLabel("Show").selectOption("done");
  await expect(page.getByRole("list", { name: "Done" })).toContainText("Call back Babbage");
});
