#include "fetch/clock.h"

namespace llmtwin {

SteadyClock* SteadyClock::Instance() {
  static SteadyClock clock;
  return &clock;
}

}  // namespace llmtwin
