// MultiplyScaled against a reference that shares nothing with it: schoolbook
// arithmetic on decimal digit strings, of any length, rounded by looking at
// the first dropped digit.
#include <catch2/catch.hpp>
#include <cstdlib>
#include <limits>
#include <random>
#include <string>

#include "sentra/money/amounts.h"

using namespace sentra::money;

namespace {

std::string Magnitude(std::int64_t v) {
  std::string s = std::to_string(v);
  if (s.front() == '-') s.erase(0, 1);
  return s;
}

// Product of two non-negative decimal strings.
std::string MultiplyDigits(const std::string& a, const std::string& b) {
  std::vector<int> digits(a.size() + b.size(), 0);
  for (std::size_t i = a.size(); i-- > 0;) {
    for (std::size_t j = b.size(); j-- > 0;) {
      digits[i + j + 1] += (a[i] - '0') * (b[j] - '0');
    }
  }
  for (std::size_t k = digits.size(); k-- > 1;) {
    digits[k - 1] += digits[k] / 10;
    digits[k] %= 10;
  }
  std::string out;
  for (int d : digits) {
    if (out.empty() && d == 0) continue;
    out += static_cast<char>('0' + d);
  }
  return out.empty() ? "0" : out;
}

// Adds one to a non-negative decimal string.
std::string Increment(std::string s) {
  for (std::size_t k = s.size(); k-- > 0;) {
    if (s[k] != '9') {
      ++s[k];
      return s;
    }
    s[k] = '0';
  }
  return "1" + s;
}

// Compares non-negative decimal strings without leading zeros.
bool GreaterThan(const std::string& a, const std::string& b) {
  return a.size() != b.size() ? a.size() > b.size() : a > b;
}

// The expected result of MultiplyScaled as a signed decimal string, or "" when
// it does not fit an int64.
std::string Reference(std::int64_t a, std::int64_t b, int shift) {
  const std::string product = MultiplyDigits(Magnitude(a), Magnitude(b));
  std::string kept = product.size() > static_cast<std::size_t>(shift) ? product.substr(0, product.size() - shift) : "0";
  const char first_dropped =
      product.size() >= static_cast<std::size_t>(shift) && shift > 0 ? product[product.size() - shift] : '0';
  if (first_dropped >= '5') kept = Increment(kept);
  while (kept.size() > 1 && kept.front() == '0') kept.erase(0, 1);
  const bool negative = (a < 0) != (b < 0) && kept != "0";
  const std::string limit = negative ? "9223372036854775808" : "9223372036854775807";
  if (GreaterThan(kept, limit)) return "";
  return negative ? "-" + kept : kept;
}

std::int64_t RandomValue(std::mt19937_64& random) {
  // Every bit length equally often, so small prices and huge totals both
  // appear, and the extremes themselves now and then.
  switch (random() % 16) {
    case 0: return std::numeric_limits<std::int64_t>::max();
    case 1: return std::numeric_limits<std::int64_t>::min();
    case 2: return 0;
    default: break;
  }
  // Up to 63 bits, so that negating it cannot overflow.
  const int width = static_cast<int>(random() % 64);
  auto value = static_cast<std::int64_t>((random() >> 1) >> (63 - width));
  return (random() & 1) ? -value : value;
}

}  // namespace

TEST_CASE("MultiplyScaled agrees with big-integer arithmetic on random operands", "[money]") {
  std::mt19937_64 random(4217);
  int overflowed = 0;
  for (int i = 0; i < 200000; ++i) {
    const std::int64_t a = RandomValue(random);
    const std::int64_t b = RandomValue(random);
    const int shift = static_cast<int>(random() % 19);
    const std::string expected = Reference(a, b, shift);
    const auto got = MultiplyScaled(a, b, shift);
    INFO(a << " × " << b << " ÷ 10^" << shift);
    if (expected.empty()) {
      ++overflowed;
      CHECK_FALSE(got);
    } else {
      REQUIRE(got);
      CHECK(std::to_string(*got) == expected);
    }
  }
  // Both outcomes were exercised, not just one.
  CHECK(overflowed > 1000);
  CHECK(overflowed < 190000);
}

TEST_CASE("exact halves round away from zero, just below half rounds toward it", "[money]") {
  std::mt19937_64 random(11);
  for (int i = 0; i < 20000; ++i) {
    const int shift = 1 + static_cast<int>(random() % 6);
    std::int64_t power = 1;
    for (int k = 0; k < shift; ++k) power *= 10;
    const std::int64_t whole = static_cast<std::int64_t>(random() % 1'000'000'000);
    const std::int64_t half = whole * power + power / 2;
    INFO(half << " ÷ 10^" << shift);
    CHECK(*MultiplyScaled(half, 1, shift) == whole + 1);
    CHECK(*MultiplyScaled(-half, 1, shift) == -(whole + 1));
    CHECK(*MultiplyScaled(half - 1, 1, shift) == whole);
    CHECK(*MultiplyScaled(-(half - 1), 1, shift) == -whole);
  }
}
