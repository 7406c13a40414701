// The one error strategy of llmtwin.
//
// Operations that cannot do what they were asked throw llmtwin::Error, which carries an
// ErrorKind (what a user can act on) and a message that names the problem (the file, line, key,
// URL or collection involved). Outcomes that are expected while crawling the open web (a link
// that 404s, a page behind a login wall) are not exceptions: they are values in the result of
// the step that met them (see fetch/ and crawl/), so one bad link never aborts a run.
//
// The CLI maps kinds to exit codes (cli/exit_codes.h); the Python package maps them to exception
// classes with the same names.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>

namespace llmtwin {

enum class ErrorKind {
  kUsage,        // bad command line
  kConfig,       // bad config file
  kInvalidInput, // bad data given to us (a URL, an import file, a page we cannot read)
  kIo,           // filesystem
  kNetwork,      // a fetch failed in a way the caller chose to treat as fatal
  kWarehouse,    // the database is unreachable or refused an operation
  kNotFound,     // a looked-up item does not exist
  kInterrupted,  // Ctrl-C / SIGTERM
  kInternal,     // a bug: an invariant did not hold
};

// Stable lower-case name of a kind ("config", "warehouse", ...), used in logs and JSON output.
std::string_view ErrorKindName(ErrorKind kind);

class Error : public std::runtime_error {
 public:
  Error(ErrorKind kind, const std::string& message) : std::runtime_error(message), kind_(kind) {}
  ErrorKind kind() const { return kind_; }

 private:
  ErrorKind kind_;
};

}  // namespace llmtwin
