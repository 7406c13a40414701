#include "extract/metadata/authors.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdio>
#include <cstring>
#include <functional>
#include <optional>
#include <set>
#include <unordered_map>

#include "domain/url.h"
#include "extract/text_util.h"
#include "extract/metadata/bylines.h"
#include "extract/metadata/json_ld.h"
#include "extract/metadata/names.h"
#include "extract/metadata/titles.h"

namespace llmtwin::metadata {

void ChooseAuthors(const PageSources& sources) {
  const HtmlDocument& document = sources.document;
  Evidence& ev = sources.ev;
  PageMetadata& meta = sources.meta;
  const nlohmann::json& ld = sources.ld;
  const auto& by_id = sources.by_id;
  std::vector<std::string> authors;
  std::vector<std::string> organisations;
  std::string written;  // the one text several names were read from, to show them as written
  if (ld.contains("author")) AddAuthorsFromJson(ld["author"], by_id, authors, organisations, written);
  if (authors.empty() && ld.contains("creator")) AddAuthorsFromJson(ld["creator"], by_id, authors, organisations, written);
  auto add_names = [&](const std::string& raw) {
    if (authors.empty() && SplitNames(raw).size() >= 2) written = raw;
    for (const std::string& name : SplitNames(raw)) AddUnique(authors, name);
  };
  // A name that is the site's own ("Cleveland Clinic" on clevelandclinic.org, "USA TODAY" with
  // og:site_name "USA TODAY") is the publisher: kept as the last resort, after any person's byline.
  const std::string site_key = NormForCompare(meta.site_name);
  std::string domain_key;
  if (const auto url = ParseUrl(document.url()); url && !url->host.empty()) {
    const std::vector<std::string> labels = text::Split(url->host, '.');
    if (labels.size() >= 2) domain_key = NormForCompare(labels[labels.size() - 2]);
  }
  // A JSON-LD Person named like the domain is the owner of a personal site (simonsarris.com), so
  // the domain is compared only with names from untyped sources.
  auto settle = [&](bool typed_person = false) {
    for (const std::string& name : authors) {
      const std::string key = NormForCompare(name);
      const bool publisher = !key.empty() && ((!site_key.empty() && (key == site_key || site_key.rfind(key, 0) == 0)) ||
                                              (!typed_person && !domain_key.empty() && key == domain_key));
      if (!publisher) return;
    }
    for (const std::string& name : authors) organisations.push_back(name);
    authors.clear();
    written.clear();
  };
  settle(/*typed_person=*/true);
  if (authors.empty()) {
    for (std::string_view key : {"author", "article:author", "parsely-author", "sailthru.author", "dc.creator",
                                 "dcterms.creator", "byl", "cxenseparse:author"}) {
      for (const auto& [name, value] : meta.meta) {
        if (name == key && !LooksLikeUrl(value)) add_names(value);
      }
      settle();
      if (!authors.empty()) break;
    }
  }
  std::string labelled_handle;  // a user name that Yoast's "Written by" card gives
  if (authors.empty()) {
    // Yoast's reading card: twitter:label1 "Written by", twitter:data1 the name.
    for (const auto& [name, value] : meta.meta) {
      if (name.rfind("twitter:label", 0) != 0 || !text::EqualsIgnoreCase(text::Trim(value), "written by")) continue;
      const std::string written_by = meta.Meta("twitter:data" + name.substr(std::string_view("twitter:label").size()));
      add_names(written_by);
      // The label says it is the author, so a user name counts ("sara.r.peter"), after any name
      // the page shows: WordPress writes the login of whoever posted a guest's article.
      if (authors.empty() && IsUserHandle(written_by)) labelled_handle = std::string(text::Trim(written_by));
    }
    settle();
  }
  if (authors.empty()) {
    // One scholarly author per tag, written "Last, First".
    for (const auto& [name, value] : meta.meta) {
      if (name != "citation_author") continue;
      const size_t comma = value.find(',');
      AddUnique(authors, CleanName(comma == std::string::npos
                                       ? value
                                       : std::string(text::Trim(value.substr(comma + 1))) + " " + value.substr(0, comma)));
    }
  }
  if (authors.empty()) {
    for (const std::string& value : ev.microdata_authors) add_names(value);
    settle();
  }
  if (authors.empty()) {
    for (const std::string& value : ev.rel_authors) add_names(value);
    settle();
  }
  if (authors.empty()) {
    // A byline naming the site ("by Clemson News") is the page's own: the bylines after it
    // belong to the other posts listed below, unless they sit in that byline's own parent (an
    // author list crediting "Corti" and then "Joakim Edin").
    xmlNodePtr site_byline_block = nullptr;
    for (const Evidence::Byline& byline : ev.bylines) {
      if (site_byline_block != nullptr && !IsAncestor(site_byline_block, byline.element)) break;
      add_names(byline.names);
      const bool named_someone = !authors.empty();
      settle();
      if (!authors.empty()) break;
      if (named_someone && site_byline_block == nullptr) site_byline_block = ParentElementOrSelf(byline.element);
    }
  }
  if (authors.empty()) {
    add_names(AuthorLinkNames(ev));
    settle();
  }
  if (authors.empty()) {
    add_names(BylineNearTitle(ev, meta.title));
    settle();
  }
  if (authors.empty() && !ev.labelled_author.empty()) {
    add_names(ev.labelled_author);
    settle();
  }
  if (authors.empty()) {
    add_names(BylineInASentence(document, sources.FirstMeta({"description", "og:description"})));
    settle();
  }
  if (authors.empty() && !labelled_handle.empty()) authors.push_back(labelled_handle);
  if (authors.empty()) {
    for (const std::string& name : organisations) AddUnique(authors, name);
  }
  if (authors.empty()) {
    // Personal blogs named after their author: "Colin Watson's blog".
    const std::string site = meta.site_name.empty() ? SiteSuffix(ev.title_tag) : meta.site_name;
    const size_t at = site.find("'s ");
    const size_t curly = site.find("\xE2\x80\x99s ");
    const size_t end = at != std::string::npos ? at : curly;
    if (end != std::string::npos && text::ContainsIgnoreCase(site.substr(end), "blog")) add_names(site.substr(0, end));
  }
  // Nobody named at all: the site is the author (a personal site's title ends with its owner's
  // name; a company's, with the company, which schema.org also allows as an author), else the
  // person a personal site's copyright line names.
  if (authors.empty()) {
    if (std::string site = SiteAsAuthor(ev.title_tag, meta.site_name); !site.empty()) authors.push_back(std::move(site));
  }
  if (authors.empty()) add_names(CopyrightHolder(document));
  // With people named, the site itself in the same list is the publisher, not a co-author
  // ("Manoj Jain and Jagpreet Chhatwal, The Commercial Appeal").
  // So is an outlet or institution credited after them ("…, The Hechinger Report", "Arlene
  // Marturano, South Carolina Garden-based Learning Network").
  if (authors.size() >= 2) {
    std::vector<std::string> people;
    for (const std::string& name : authors) {
      if ((site_key.empty() || NormForCompare(name) != site_key) && !NamesAnInstitution(name)) people.push_back(name);
    }
    // Only when what is left reads as people ("Center for Drug Evaluation and Research" is one
    // institution, not a person called "Research").
    const bool persons = std::all_of(people.begin(), people.end(), [](const std::string& name) {
      return name.find(' ') != std::string::npos && LooksLikeProperName(name);
    });
    if (!people.empty() && (people.size() == authors.size() || persons)) authors = std::move(people);
  }
  // One name from the metadata (Yoast writes only the first author) that the page's byline, or
  // its citation_author tags, list with others: all of them ("Rui Ma, Heba Ledwon & Suparn Patra").
  if (authors.size() == 1) {
    const std::string key = NormForCompare(authors.front());
    std::vector<std::string> cited;
    for (const auto& [name, value] : meta.meta) {
      if (name == "citation_author" || name == "citation_authors") {
        for (const std::string& cited_name : SplitNames(value)) AddUnique(cited, cited_name);
      }
    }
    std::vector<std::string> linked;
    for (const std::string& name : AuthorLinkNameList(ev)) AddUnique(linked, name);
    const std::string linked_as_written = linked.size() >= 2 ? NamesSpan(AuthorLinkBlockText(ev), linked) : "";
    const auto is_ours = [&](const std::string& name) {
      const std::string name_key = NormForCompare(name);
      return name_key == key || name_key.ends_with(" " + key);  // "Dr Marna van der Merwe"
    };
    if (!linked_as_written.empty() && linked.size() <= 10 && std::any_of(linked.begin(), linked.end(), is_ours)) {
      authors = linked;
      written = linked_as_written;
    } else if (cited.size() >= 2 && cited.size() <= 30 && std::any_of(cited.begin(), cited.end(), is_ours)) {
      authors = cited;
    }
  }
  // The byline printed right under the title is who readers are told wrote the piece; metadata
  // may name the account that posted it (a WordPress login, "KatieS"), a template's default or a
  // former author. When the two share no name, the printed byline wins.
  if (!authors.empty()) {
    const std::string shown = BylineUnderTitle(ev, meta.title);
    const std::vector<std::string> shown_names = SplitNames(shown);
    const bool shares_a_name = std::any_of(authors.begin(), authors.end(), [&](const std::string& name) {
      return std::any_of(shown_names.begin(), shown_names.end(),
                         [&](const std::string& other) { return WordOverlap(name, other) > 0; });
    });
    if (!shown_names.empty() && !shares_a_name) {
      authors = shown_names;
      written = shown_names.size() >= 2 ? shown : "";
    }
  }
  for (const std::string& name : authors) AddUnique(meta.authors, text::RepairDoubleEncodedUtf8(name));
  // Several names from separate fields (a JSON-LD list) are shown as the page's byline writes
  // them when the byline holds them all ("Ann, Bob, and Cy").
  if (written.empty() && meta.authors.size() >= 2) {
    for (const std::string& byline : {AuthorLinkBlockText(ev), BylineNearTitle(ev, meta.title)}) {
      const size_t first = byline.find(meta.authors.front());
      if (first != std::string::npos && byline.find(meta.authors.back(), first) != std::string::npos) {
        written = byline;
        break;
      }
    }
  }
  meta.author = written.empty() ? text::Join(meta.authors, ", ")
                                : NamesAsWritten(text::RepairDoubleEncodedUtf8(written), meta.authors);

}

}  // namespace llmtwin::metadata
