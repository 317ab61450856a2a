#include "sentra/testing/broker.h"

#include <cstdlib>
#include <string>

namespace sentra::testing {

bool BrokerCtl(std::string_view action) {
  const char* ctl = std::getenv("SENTRA_TEST_BROKER_CTL");
  if (ctl == nullptr || *ctl == '\0') return false;
  return std::system((std::string(ctl) + " " + std::string(action)).c_str()) == 0;
}

}  // namespace sentra::testing
