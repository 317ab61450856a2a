import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { MINOR_DIGITS } from "../src/money/currencies";
import { formatMinor, priceLine, sumLines } from "../src/money/lines";

// No browser: the console's copy of the API's money rules, checked
// against the API's own.
test("the console knows every currency the API knows, with the same minor digits", () => {
  const source = readFileSync(new URL("../../libs/money/src/currency.cc", import.meta.url), "utf8");
  const api: Record<string, number> = {};
  for (const [, code, digits] of source.matchAll(/\{"([A-Z]{3})", (\d)\}/g)) api[code] = Number(digits);
  expect(Object.keys(api).length).toBeGreaterThan(150);
  expect(MINOR_DIGITS).toEqual(api);
});

test("line arithmetic: half away from zero at each step, like the API", () => {
  const line = (quantity: string, unit_price: string, tax_rate: string, currency = "USD") =>
    priceLine({ quantity, unit_price, tax_rate }, currency);
  expect(line("1.5", "10.01", "0")).toEqual({ subtotal: 1502n, tax: 0n, total: 1502n }); // 15.015 → 15.02
  expect(line("1", "-10.05", "10")).toEqual({ subtotal: -1005n, tax: -101n, total: -1106n }); // -1.005 → -1.01
  expect(line("3", "333", "8.5", "JPY")).toEqual({ subtotal: 999n, tax: 85n, total: 1084n });
  expect(line("2", "1.250", "0", "KWD")).toEqual({ subtotal: 2500n, tax: 0n, total: 2500n });
  expect(line("1", "1.255", "0", "USD")).toBeNull(); // more digits than the currency has
  expect(line("0", "1", "0")).toBeNull();
  expect(line("1", "1", "100.0001")).toBeNull();
  expect(line("1", "1", "0", "XYZ")).toBeNull();
  // The API's defaults and its parser's edges.
  expect(line("", "2.00", "")).toEqual({ subtotal: 200n, tax: 0n, total: 200n });
  expect(line(" 1", "1", "0")).toBeNull();
  expect(line("1", "1", "-0")).toEqual({ subtotal: 100n, tax: 0n, total: 100n });
  expect(line("-1", "1", "0")).toBeNull();
  expect(line("1", "92233720368547758.08", "0")).toBeNull(); // beyond an int64 of cents
  expect(line("1000000", "92233720368547.75", "0")).toBeNull(); // the product is
  expect(sumLines([line("1", "1", "0"), null])).toBeNull();
  expect(formatMinor(-5n, "USD")).toBe("-0.05");
  expect(formatMinor(1234n, "JPY")).toBe("1234");
  expect(formatMinor(1100n, "KWD")).toBe("1.100");
});
