#include "sentra/testing/name_order.h"

#include <unicode/coll.h>
#include <unicode/locid.h>
#include <unicode/stringpiece.h>

#include <memory>
#include <stdexcept>

namespace sentra::testing {

int CompareNames(std::string_view a, std::string_view b) {
  // A collator is not safe to share between threads while it compares:
  // one per thread, made once.
  thread_local const std::unique_ptr<icu::Collator> collator = [] {
    UErrorCode error = U_ZERO_ERROR;
    std::unique_ptr<icu::Collator> made(icu::Collator::createInstance(icu::Locale::getRoot(), error));
    if (U_FAILURE(error)) throw std::runtime_error("ICU has no root collator");
    return made;
  }();
  UErrorCode error = U_ZERO_ERROR;
  const UCollationResult order = collator->compareUTF8(
      icu::StringPiece(a.data(), static_cast<int32_t>(a.size())),
      icu::StringPiece(b.data(), static_cast<int32_t>(b.size())), error);
  if (U_FAILURE(error)) throw std::runtime_error("ICU could not compare two names");
  if (order != UCOL_EQUAL) return order == UCOL_LESS ? -1 : 1;
  // PostgreSQL's deterministic collations break ICU's ties by the bytes.
  return a.compare(b);
}

}  // namespace sentra::testing
