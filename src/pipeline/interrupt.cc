#include "pipeline/interrupt.h"

#include <csignal>
#include <unistd.h>

namespace llmtwin {
namespace {

std::atomic<int> g_signals{0};
struct sigaction g_old_int {};
struct sigaction g_old_term {};

void OnSignal(int) {
  if (g_signals.fetch_add(1) >= 1) {
    static const char kMessage[] = "\nllmtwin: interrupted twice, exiting now\n";
    (void)!::write(STDERR_FILENO, kMessage, sizeof kMessage - 1);
    ::_exit(130);
  }
}

}  // namespace

InterruptGuard::InterruptGuard() {
  struct sigaction action {};
  action.sa_handler = OnSignal;
  sigemptyset(&action.sa_mask);
  sigaction(SIGINT, &action, &g_old_int);
  sigaction(SIGTERM, &action, &g_old_term);
}

InterruptGuard::~InterruptGuard() {
  sigaction(SIGINT, &g_old_int, nullptr);
  sigaction(SIGTERM, &g_old_term, nullptr);
}

bool InterruptGuard::Requested() { return g_signals.load() > 0; }
void InterruptGuard::Reset() { g_signals.store(0); }
void InterruptGuard::Request() { g_signals.fetch_add(1); }

}  // namespace llmtwin
