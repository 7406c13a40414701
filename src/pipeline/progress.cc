#include "pipeline/progress.h"

#include <spdlog/spdlog.h>
#include <unistd.h>

#include <algorithm>

namespace llmtwin {

bool StderrIsTerminal() { return ::isatty(STDERR_FILENO) == 1; }

ProgressReporter::ProgressReporter(int total, bool interactive, std::FILE* out)
    : total_(total), interactive_(interactive), out_(out), start_(std::chrono::steady_clock::now()) {}

void ProgressReporter::Update(int done, int failed, const std::string& last_link) {
  const auto now = std::chrono::steady_clock::now();
  const double elapsed = std::chrono::duration<double>(now - start_).count();
  const double rate = elapsed > 0 ? done / elapsed : 0;
  const double eta = rate > 0 ? (total_ - done) / rate : 0;
  if (interactive_) {
    // Redraw at most 10 times a second, and always for the last link.
    if (done < total_ && now - last_draw_ < std::chrono::milliseconds(100)) return;
    last_draw_ = now;
    const int width = 30;
    const int filled = total_ > 0 ? width * done / total_ : width;
    std::string bar(static_cast<size_t>(filled), '#');
    bar.resize(width, '.');
    std::fprintf(out_, "\r\033[K[%s] %d/%d  %.1f links/s  ETA %.0fs  failed %d", bar.c_str(), done, total_, rate, eta,
                 failed);
    std::fflush(out_);
    return;
  }
  // Not a terminal: a log line every 10% (and at least every 50 links), never a bar.
  const int step = std::max(1, std::min(50, total_ / 10));
  if (done == total_ || done - last_logged_ >= step) {
    last_logged_ = done;
    spdlog::info("progress: {}/{} links, {:.1f} links/s, ETA {:.0f}s, {} failed (last: {})", done, total_, rate, eta,
                 failed, last_link);
  }
}

void ProgressReporter::Finish() {
  if (interactive_) {
    std::fprintf(out_, "\r\033[K");
    std::fflush(out_);
  }
}

std::string ProgressReporter::SummaryTable(const std::map<std::string, DomainCounts>& per_domain) {
  size_t width = 6;
  for (const auto& [domain, counts] : per_domain) width = std::max(width, domain.size());
  auto row = [&](const std::string& d, const std::string& a, const std::string& b, const std::string& c,
                 const std::string& e, const std::string& f, const std::string& g) {
    char line[512];
    std::snprintf(line, sizeof line, "%-*s %6s %7s %10s %10s %8s %7s\n", static_cast<int>(width), d.c_str(), a.c_str(),
                  b.c_str(), c.c_str(), e.c_str(), f.c_str(), g.c_str());
    return std::string(line);
  };
  std::string out = row("domain", "total", "stored", "unchanged", "duplicate", "skipped", "failed");
  DomainCounts sum;
  for (const auto& [domain, c] : per_domain) {
    out += row(domain, std::to_string(c.total), std::to_string(c.stored), std::to_string(c.unchanged),
               std::to_string(c.skipped_duplicate), std::to_string(c.skipped), std::to_string(c.failed));
    sum += c;
  }
  out += row("all", std::to_string(sum.total), std::to_string(sum.stored), std::to_string(sum.unchanged),
             std::to_string(sum.skipped_duplicate), std::to_string(sum.skipped), std::to_string(sum.failed));
  return out;
}

}  // namespace llmtwin
