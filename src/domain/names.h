// The book's rule for splitting a user's full name into first and last name.
//
// The last token is the last name, the rest the first name; a single token is both (the book's
// `split_user_full_name`). Deviation from the book: it splits on single spaces, so "Paul  Iusztin"
// gave first name "Paul " and a stray empty token; we split on any run of Unicode-agnostic ASCII
// whitespace and trim, so extra spaces never change who a user is.
#pragma once

#include <string>
#include <string_view>

namespace llmtwin {

struct PersonName {
  std::string first_name;
  std::string last_name;

  std::string FullName() const;  // "first last", or one token when both are the same single token
  bool operator==(const PersonName&) const = default;
};

// Throws Error(kInvalidInput) when `full_name` has no non-space characters.
PersonName SplitFullName(std::string_view full_name);

}  // namespace llmtwin
