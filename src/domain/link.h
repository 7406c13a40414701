// The link of a content document as the warehouse keys it, computed once per link.
//
// A crawled page's link used to be normalised again at every step on its way to the warehouse (the
// pipeline's duplicate check, FindByLink, the earlier-key check, Upsert): NormalizedLink holds the
// forms once, and is passed along. It also carries the document's *identity*: the one address a
// platform gives a post whatever address it was reached at, so the same post reached twice is one
// document (one `_id`), not two:
//  - Medium: a story is `https://medium.com/p/<id>` (its 10-12 hex digit id) whether reached on the
//    author's subdomain, medium.com/@user, a publication's path or a publication's own domain (the
//    crawler tells: IdentityLink), or medium.com/p/<id> itself;
//  - Substack: a post on a publication's custom domain is `https://<publication>.substack.com/p/<slug>`
//    (the crawler reads the publication's subdomain from the post object).
// Pure: no I/O.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace llmtwin {

class NormalizedLink {
 public:
  // `link` as crawled; `identity_link` the platform's own address of the post when the crawler knows
  // it (Provenance::identity_link; empty otherwise). A link that is not an http(s) URL is kept raw.
  static NormalizedLink Of(std::string_view link, std::string_view identity_link = {});

  const std::string& link() const { return link_; }
  bool is_url() const { return is_url_; }
  // NormalizeUrl(link), or the raw link when it is not a URL.
  const std::string& normalized() const { return normalized_; }
  // The key documents are stored under (`_key`): the identity when the platform gives one, else
  // normalized().
  const std::string& key() const { return key_; }
  // Every key a stored document of this link may carry: key(), normalized() (what builds before
  // identities wrote), and the form builds before November 2026 wrote for links with bytes beyond
  // ASCII (NormalizeUrlKeepingRawUtf8). Distinct, key() first.
  const std::vector<std::string>& stored_forms() const { return forms_; }
  // Whether a document of this link may be stored under another key than key() (an older form).
  bool has_older_forms() const { return forms_.size() > 1; }

  bool operator==(const NormalizedLink&) const = default;

 private:
  std::string link_;
  bool is_url_ = false;
  std::string normalized_;
  std::string key_;
  std::vector<std::string> forms_;
};

// The id of a Medium story in a link on medium.com or one of its subdomains
// (`.../<slug>-<id>`, `/p/<id>`): 10 to 12 lower-case hex digits with at least one digit, so a slug
// ending in an English word made of a-f letters is not taken for an id. Empty when there is none.
std::string MediumStoryIdOf(std::string_view link);
// A Medium story id in the last path segment of any link (a publication on its own domain keeps
// Medium's URL shape); for crawlers that know the page is Medium's. Empty when there is none.
std::string MediumStoryIdInPath(std::string_view link);
// The identity link of a Medium story: "https://medium.com/p/<id>".
std::string MediumIdentityLink(std::string_view story_id);
// The identity link of a Substack post: "https://<subdomain>.substack.com/p/<slug>".
std::string SubstackIdentityLink(std::string_view subdomain, std::string_view slug);

}  // namespace llmtwin
