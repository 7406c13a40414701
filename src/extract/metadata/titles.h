// Titles: the candidates (JSON-LD headline, og:title and its kin, <title>, the visible <h1>), the
// site-suffix cut ("Post | Site" -> "Post"), and the choice: the <h1> a reader sees when it is one
// of the candidates undecorated, else the first clean meta title. Deviation from "first source
// wins": meta titles are often SEO variants of the heading, so the heading is preferred.
#pragma once

#include <string>
#include <string_view>

#include "extract/metadata/sources.h"

namespace llmtwin::metadata {

// How much of its words an <h1> must share with a meta title to be taken as the title.
constexpr double kTitleOverlap = 0.5;

// The part after the last " | " of a <title>.
std::string SiteSuffix(std::string_view title);
// Whether `damaged` is `intact` with some characters replaced by "?".
bool MatchesWithLostCharacters(std::string_view damaged, std::string_view intact);
// Sets `meta.title` (the site name chosen first: it is cut from titles).
void ChooseTitle(const PageSources& sources);

}  // namespace llmtwin::metadata
