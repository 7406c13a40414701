#include "domain/names.h"

#include <vector>

#include "common/error.h"

namespace llmtwin {
namespace {

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

std::vector<std::string_view> Tokens(std::string_view s) {
  std::vector<std::string_view> tokens;
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && IsSpace(s[i])) ++i;
    size_t start = i;
    while (i < s.size() && !IsSpace(s[i])) ++i;
    if (i > start) tokens.push_back(s.substr(start, i - start));
  }
  return tokens;
}

}  // namespace

std::string PersonName::FullName() const {
  if (first_name == last_name) return first_name;
  return first_name + " " + last_name;
}

PersonName SplitFullName(std::string_view full_name) {
  const auto tokens = Tokens(full_name);
  if (tokens.empty()) throw Error(ErrorKind::kInvalidInput, "user full name is empty");
  if (tokens.size() == 1) return {std::string(tokens[0]), std::string(tokens[0])};
  std::string first;
  for (size_t i = 0; i + 1 < tokens.size(); ++i) {
    if (i) first.push_back(' ');
    first.append(tokens[i]);
  }
  return {first, std::string(tokens.back())};
}

}  // namespace llmtwin
