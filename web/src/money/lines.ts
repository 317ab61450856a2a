// The arithmetic of an order line, exactly as the API does it
// (libs/money/include/sentra/money/amounts.h), for the live totals shown
// while a line is typed: integers in minor units (BigInt, no binary
// float), subtotal = quantity × unit price and tax = subtotal × rate / 100,
// each rounded half away from zero. The server's figures replace these
// once the order is saved.

import { MINOR_DIGITS } from "./currencies";

export const QUANTITY_SCALE = 6;
export const RATE_SCALE = 4;

const INT64_MAX = 2n ** 63n - 1n;
const INT64_MIN = -(2n ** 63n);
const fits = (v: bigint) => v >= INT64_MIN && v <= INT64_MAX;

// "12.5" at scale 2 is 1250n; nothing for text the API would refuse (no
// spaces, no more fraction digits than the scale, within an int64, "-0"
// allowed where negatives are not, as the API allows it).
export function parseScaled(text: string, scale: number, allowNegative = false): bigint | null {
  const match = /^(-)?(\d+)(?:\.(\d+))?$/.exec(text);
  if (!match) return null;
  const fraction = match[3] ?? "";
  if (fraction.length > scale) return null;
  const magnitude = BigInt(match[2] + fraction.padEnd(scale, "0"));
  if (match[1] && !allowNegative && magnitude !== 0n) return null;
  const value = match[1] ? -magnitude : magnitude;
  return fits(value) ? value : null;
}

function divideRounded(numerator: bigint, denominator: bigint): bigint {
  const quotient = numerator / denominator;
  const remainder = numerator % denominator;
  const magnitude = remainder < 0n ? -remainder : remainder;
  if (2n * magnitude >= denominator) return quotient + (numerator < 0n ? -1n : 1n);
  return quotient;
}

export interface LineAmounts {
  subtotal: bigint;
  tax: bigint;
  total: bigint;
}

export function minorDigits(currency: string): number | undefined {
  return MINOR_DIGITS[currency.toUpperCase()];
}

// Nothing while a field is not yet a valid number for this currency.
export function priceLine(line: { quantity: string; unit_price: string; tax_rate: string }, currency: string):
  LineAmounts | null {
  const digits = minorDigits(currency);
  if (digits === undefined) return null;
  // Empty quantity and rate are the API's defaults: 1 and 0.
  const quantity = parseScaled(line.quantity || "1", QUANTITY_SCALE);
  const price = parseScaled(line.unit_price, digits, true);
  const rate = parseScaled(line.tax_rate || "0", RATE_SCALE);
  if (quantity === null || price === null || rate === null || quantity === 0n || rate > 100n * 10n ** 4n) return null;
  const subtotal = divideRounded(quantity * price, 10n ** BigInt(QUANTITY_SCALE));
  const tax = divideRounded(subtotal * rate, 10n ** BigInt(RATE_SCALE + 2));
  const total = subtotal + tax;
  return fits(subtotal) && fits(tax) && fits(total) ? { subtotal, tax, total } : null;
}

export function sumLines(lines: (LineAmounts | null)[]): LineAmounts | null {
  const sum = { subtotal: 0n, tax: 0n, total: 0n };
  for (const line of lines) {
    if (!line) return null;
    sum.subtotal += line.subtotal;
    sum.tax += line.tax;
    sum.total += line.total;
  }
  return fits(sum.subtotal) && fits(sum.tax) && fits(sum.total) ? sum : null;
}

// Minor units as the API writes them: exactly the currency's digits.
export function formatMinor(minor: bigint, currency: string): string {
  const digits = minorDigits(currency) ?? 2;
  const negative = minor < 0n;
  const text = (negative ? -minor : minor).toString().padStart(digits + 1, "0");
  const whole = text.slice(0, text.length - digits);
  const fraction = digits > 0 ? `.${text.slice(text.length - digits)}` : "";
  return `${negative ? "-" : ""}${whole}${fraction}`;
}
