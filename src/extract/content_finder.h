// Finds the main content of a page: which element subtrees are "the article", and which nodes in
// them are boilerplate to skip when rendering.
//
// The algorithm is of the readability family, computed in one iterative bottom-up pass (no tree
// mutation, so the document stays usable by crawlers' selectors and any depth is safe):
//  1. Hard boilerplate is excluded outright by tag (script, style, nav, aside, form controls,
//     iframes, svg), by ARIA role (navigation, banner, contentinfo, complementary, dialog), by
//     hidden attributes, and by class/id evidence (comment, share, social, related, subscribe,
//     newsletter, cookie, consent, sidebar, footer, breadcrumb, ...) unless the same evidence also
//     says "article/content/body".
//  2. Every paragraph-like node (p, pre, td, blockquote, li-less text divs) with at least 25
//     characters scores 1 + commas + min(length/100, 3) and gives that score to five ancestors
//     (parent in full, grandparent half, then score / (3 * level)). Candidates start with a tag
//     prior and a class/id weight; their final score is scaled by (1 - link density).
//  3. The best candidate is promoted to an ancestor when several top candidates share it or when
//     it is an only child; siblings with enough score, or prose paragraphs, are merged in.
//  4. Inside the chosen content, "conditional cleaning" skips lists, tables and divs that look
//     like widgets (link-heavy, image galleries without text, forms, few commas and little text).
//  5. If the result is too small (under 800 bytes), the pass is rerun with the class/id
//     evidence and the conditional cleaning switched off, and the longest result is kept.
// Deviations from Readability.js: schema.org articleBody / <article> containers get a score bonus
// (they are explicit author intent); the class/id word lists include the widget names of today's
// CMSs (Substack, Medium, WordPress block themes, Ghost); page furniture (nav, aside, footer,
// unlikely classes) is kept when broken markup put <main> inside it; the best candidate climbs to
// an ancestor holding 1.75x its prose (page builders split posts into sibling sections); and
// hidden blocks are read as a last resort (React streams pages into <div hidden>).
#pragma once

#include <libxml/tree.h>

#include <memory>
#include <string>
#include <vector>

namespace llmtwin {

// The per-node facts the renderer needs; owned by MainContent.
struct ContentNodeInfo;

class MainContent {
 public:
  MainContent();
  ~MainContent();
  MainContent(MainContent&&) noexcept;
  MainContent& operator=(MainContent&&) noexcept;
  MainContent(const MainContent&) = delete;
  MainContent& operator=(const MainContent&) = delete;

  // The content subtrees, in document order.
  const std::vector<xmlNodePtr>& roots() const { return roots_; }
  // Whether the renderer must skip `node` (and its subtree) inside the roots.
  bool IsSkipped(xmlNodePtr node) const;
  // Whether `node` is a <noscript> whose content is the page's text for readers without scripts
  // (rendered, where other <noscript> elements are not).
  bool RendersNoscript(xmlNodePtr node) const;

 private:
  friend MainContent FindMainContent(xmlNodePtr body, std::string_view title);
  std::vector<xmlNodePtr> roots_;
  struct State;
  std::unique_ptr<State> state_;
};

// Finds the main content below `body`. `title` (the page title, may be empty) lets a heading
// that repeats it be skipped.
MainContent FindMainContent(xmlNodePtr body, std::string_view title);

}  // namespace llmtwin
