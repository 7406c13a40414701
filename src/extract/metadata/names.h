// The rules for people's names as pages write them: what is a name ("By Jane Doe | May 3" gives
// "Jane Doe"; "Staff Writer", "admin", a date or a handle give nothing), how a list of names splits
// ("Jane Doe and John Roe", "Jane Doe, MD"), how names compare, and what is an institution.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace llmtwin::metadata {

// "By", "Written by:", "Authors", "von", "par", "por": a byline's label alone.
bool IsBylineLabel(std::string_view piece);
// A lower-case word naming a newsroom job ("writer", "columnist").
bool IsRoleNoun(std::string_view word);
// The name in a byline text, or "" when it names nobody.
std::string CleanName(std::string_view raw);
// "MD", "Ph.D.", "CFP", "Jr.": a title written after a name, not another person.
bool IsCredential(std::string_view word);
// Whether a byline part is a job ending in a role ("WCI Columnist").
bool EndsWithRole(std::string_view part);
// Splits "Jane Doe and John Roe" / "Jane Doe, John Roe" into names.
std::vector<std::string> SplitNames(const std::string& names);
// Lower-case letters and digits only, for comparing names and titles.
std::string NormForCompare(std::string_view s);
// Words of a text, lower-cased (runs of letters and digits).
std::vector<std::string> LowerWords(std::string_view s);
// Dice coefficient of two texts' word sets.
double WordOverlap(std::string_view a, std::string_view b);
// Whether a text has letters and none of them is lower-case ASCII.
bool IsAllCaps(std::string_view s);
// Adds `value` unless a value equal under NormForCompare is there.
void AddUnique(std::vector<std::string>& list, const std::string& value);
// Several names as their source wrote them ("Ann, Bob, and Cy").
std::string NamesAsWritten(const std::string& raw, const std::vector<std::string>& names);
// The span of `raw` holding `names` when only joiners separate them there, else "".
std::string NamesSpan(const std::string& raw, const std::vector<std::string>& names);
// The text after a byline label at the start of `text`, or "".
std::string AfterBylineLabel(std::string_view text);
// Whether every word of a name starts with a capital letter (particles such as "van" aside).
bool LooksLikeProperName(std::string_view name);
// A user name standing for a person ("ibby", "sara.r.peter").
bool IsUserHandle(std::string_view token);
// The name that opens `text` ("David at December 16, 2025" -> "David").
std::string NameOpening(std::string_view text);
// A lower-case word that companies', outlets' and institutions' names use ("network", "ltd").
bool IsInstitutionWord(std::string_view word);
// Whether a name in a list of authors is an outlet or an institution.
bool NamesAnInstitution(std::string_view name);

}  // namespace llmtwin::metadata
