import { defineConfig } from "@playwright/test";

// Runs inside `deploy/sentra test`, against the stack it started (the
// gateway serving web/dist), in Debian's Chromium: Playwright downloads no
// browser.
const gateway = process.env.SENTRA_TEST_GATEWAY_URL ?? "http://127.0.0.1:8080";
const artifacts = process.env.SENTRA_CONSOLE_ARTIFACTS ?? "test-results";

export default defineConfig({
  testDir: "tests",
  outputDir: `${artifacts}/output`,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [["list"]],
  use: {
    baseURL: gateway,
    viewport: { width: 1280, height: 800 },
    screenshot: "only-on-failure",
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.SENTRA_CHROMIUM ?? "/usr/bin/chromium",
      args: ["--no-sandbox"],
    },
  },
});
