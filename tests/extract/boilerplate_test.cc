// Main-content extraction: the article is kept, the page around it (navigation, share and
// subscribe widgets, comments, related posts, cookie banners, footers) is dropped.
#include <gtest/gtest.h>

#include "extract/extractor.h"
#include "extract/page_file.h"

namespace llmtwin {
namespace {

const std::string kParagraph =
    "Retrieval augmented generation keeps a model's answers grounded, because every answer cites the "
    "documents it was built from, and those documents can be updated without retraining anything.";

std::string TypicalBlogPage() {
  std::string article;
  for (int i = 0; i < 6; ++i) article += "<p>" + std::to_string(i) + ". " + kParagraph + "</p>\n";
  return "<html><head><title>RAG in practice | The Blog</title></head><body>"
         "<div class='cookie-banner'>We use cookies to improve your experience. Accept all cookies?</div>"
         "<header class='site-header'><nav><a href='/'>Home</a> <a href='/about'>About</a> <a href='/archive'>Archive</a></nav></header>"
         "<div class='layout'><main><article class='post'><h1>RAG in practice</h1>"
         "<div class='share-buttons'><a href='#'>Share on Twitter</a> <a href='#'>Share on LinkedIn</a></div>" +
         article +
         "<h2>Code</h2><pre><code class='language-python'>print('hello')</code></pre>"
         "<div class='subscribe-box'><p>Subscribe to the newsletter for more posts like this one.</p>"
         "<form><input type='email'><button>Subscribe</button></form></div>"
         "</article>"
         "<section id='comments'><h3>3 comments</h3><div class='comment'><p>Great post, thanks for writing this, really!</p></div></section>"
         "<div class='related-posts'><h3>Related posts</h3><ul><li><a href='/a'>Another post about vectors</a></li>"
         "<li><a href='/b'>Yet another post about embeddings</a></li></ul></div>"
         "</main><aside class='sidebar'><h3>Tags</h3><a href='/t/ai'>AI</a></aside></div>"
         "<footer class='site-footer'><p>Copyright 2024 The Blog. All rights reserved. Privacy policy.</p></footer>"
         "</body></html>";
}

TEST(MainContent, KeepsTheArticleAndDropsTheBoilerplateAroundIt) {
  const ExtractedPage page = ExtractPage(TypicalBlogPage(), "https://blog.example.com/rag");
  EXPECT_NE(page.text.find("0. Retrieval augmented generation"), std::string::npos);
  EXPECT_NE(page.text.find("5. Retrieval augmented generation"), std::string::npos);
  EXPECT_NE(page.markdown.find("```python\nprint('hello')\n```"), std::string::npos);
  EXPECT_NE(page.markdown.find("## Code"), std::string::npos);
  for (const char* boilerplate : {"cookies", "Archive", "Share on", "Subscribe", "Great post", "Related posts",
                                  "Another post", "Copyright", "Tags"}) {
    EXPECT_EQ(page.text.find(boilerplate), std::string::npos) << boilerplate << " in:\n" << page.text;
  }
}

TEST(MainContent, TheTitleIsNotRepeatedInTheBody) {
  const ExtractedPage page = ExtractPage(TypicalBlogPage(), "https://blog.example.com/rag");
  EXPECT_EQ(page.metadata.title, "RAG in practice");
  EXPECT_EQ(page.markdown.find("# RAG in practice"), std::string::npos);
}

TEST(MainContent, ShortPagesFallBackToTheirText) {
  const ExtractedPage page =
      ExtractPage("<html><body><div class='comment-like-wrapper'><p>Just one short note here.</p></div></body></html>", "");
  EXPECT_NE(page.text.find("Just one short note here."), std::string::npos);
}

TEST(MainContent, SiblingParagraphsOutsideTheBestContainerAreMerged) {
  std::string html = "<body><div class='content'>";
  for (int i = 0; i < 4; ++i) {
    html += "<div><p>" + std::to_string(i) + "a. " + kParagraph + "</p><p>" + std::to_string(i) + "b. " + kParagraph + "</p></div>";
  }
  html += "</div></body>";
  const ExtractedPage page = ExtractPage(html, "");
  size_t count = 0;
  for (size_t at = page.text.find("Retrieval"); at != std::string::npos; at = page.text.find("Retrieval", at + 1)) ++count;
  EXPECT_EQ(count, 8u);
}

TEST(MainContent, ScreenReaderOnlyAndReadAloudIgnoredTextIsNotContent) {
  // Substack labels each preformatted block for screen readers; WordPress adds "(opens in a new tab)".
  const ExtractedPage page = ExtractPage(
      "<body><article><p>" + kParagraph + "</p><div class='preformatted-block'><label class='hide-text'>Text within "
      "this block will maintain its original spacing when published</label><pre class='text'>quoted   as written</pre>"
      "</div><p>" + kParagraph + " See <a href='/x'>the report<span class='screen-reader-text'> (opens in a new tab)"
      "</span></a>.</p></article></body>",
      "");
  EXPECT_EQ(page.text.find("maintain its original spacing"), std::string::npos) << page.text;
  EXPECT_EQ(page.text.find("opens in a new tab"), std::string::npos) << page.text;
  // Medium marks its chrome for read-aloud tools to skip.
  const ExtractedPage medium = ExtractPage(
      "<body><article><p>" + kParagraph + "</p><figure><div role='button'><span class='gb gc speechify-ignore'>Press "
      "enter or click to view image in full size</span><img src='a.png'></div></figure><p>" + kParagraph +
      "</p></article></body>",
      "");
  EXPECT_EQ(medium.text.find("Press enter"), std::string::npos) << medium.text;
  EXPECT_NE(page.text.find("quoted   as written"), std::string::npos) << page.text;
  EXPECT_NE(page.text.find("See the report."), std::string::npos) << page.text;
}

TEST(MainContent, ButtonsAreActionsNotText) {
  // Substack's "Leave a comment" and "Share" buttons inside the post, a site's "Start free trial".
  const ExtractedPage page = ExtractPage(
      "<body><article><p>" + kParagraph + "</p><p class='button-wrapper'><a class='button primary' href='/p/x/comments'>"
      "<span>Leave a comment</span></a></p><p>" + kParagraph + " Read <a href='/report'>the full report</a> too.</p>"
      "<div><a class='btn btn-primary' href='/signup'>Start free trial</a></div></article></body>",
      "");
  EXPECT_EQ(page.text.find("Leave a comment"), std::string::npos) << page.text;
  EXPECT_EQ(page.text.find("Start free trial"), std::string::npos) << page.text;
  EXPECT_NE(page.text.find("Read the full report too."), std::string::npos) << page.text;
}

TEST(MainContent, ACallToActionAloneOnItsLineIsDropped) {
  // "See the rating." after each brand, "Read more" under a teaser; a link inside a sentence, and a
  // link naming a page in a list of links, are the author's.
  const ExtractedPage page = ExtractPage(
      "<body><article><p>" + kParagraph + "</p><p><a href='https://ratings.example/proclaim'>See the rating</a>.</p>"
      "<p>" + kParagraph + "</p><div><a href='/more'>Read more \u2192</a></div>"
      "<p>Was this forwarded to you? <em><a href='/signup'>Sign up</a></em> to get it in your inbox.</p>"
      "<ul><li><a href='/docs/start'>Get started with Docker</a></li><li><a href='/docs/compose'>Compose files</a></li></ul>"
      "</article></body>",
      "");
  EXPECT_EQ(page.text.find("See the rating"), std::string::npos) << page.text;
  EXPECT_EQ(page.text.find("Read more"), std::string::npos) << page.text;
  EXPECT_EQ(page.text.find("\n.\n"), std::string::npos) << page.text;
  EXPECT_NE(page.text.find("Sign up to get it in your inbox."), std::string::npos) << page.text;
  EXPECT_NE(page.text.find("Get started with Docker"), std::string::npos) << page.text;
}

TEST(MainContent, LabelsOfCleanedFurnitureAreDroppedWithIt) {
  // The table of contents' links and the related posts go as link lists; their labels must not
  // stay behind. The same words inside a sentence are text.
  const ExtractedPage page = ExtractPage(
      "<body><article><details><summary>Table of Contents</summary><ul><li><a href='#a'>Why</a></li>"
      "<li><a href='#b'>How</a></li></ul></details><p>" + kParagraph + "</p><p>" + kParagraph +
      " The related posts share a theme.</p><h3>Related posts:</h3><ul><li><a href='/x'>Vectors explained</a></li>"
      "<li><a href='/y'>Embeddings explained</a></li></ul><p><a href='#top'>Back to top</a></p></article></body>",
      "");
  EXPECT_EQ(page.text.find("Table of Contents"), std::string::npos) << page.text;
  EXPECT_EQ(page.text.find("Related posts:"), std::string::npos) << page.text;
  EXPECT_EQ(page.text.find("Back to top"), std::string::npos) << page.text;
  EXPECT_NE(page.text.find("The related posts share a theme."), std::string::npos) << page.text;
}

TEST(MainContent, ADataTableIsKeptWithItsWrapperAndItsCells) {
  // A table of apps linking to their store pages is link-dense, its wrapper div is judged on the
  // table's text, and each cell's div is short: all of it is the table. A one-column box around an
  // ad is layout, and goes as any link-dense block does.
  std::string rows;
  for (const char* app : {"Farm Heroes", "Google Maps", "Gmail", "Kindle"}) {
    rows += std::string("<tr><td><div><a href='https://play.example/") + app + "'>" + app +
            "</a></div></td><td><div>71.1 MB</div></td><td><div>13.4 MB</div></td></tr>";
  }
  const ExtractedPage page = ExtractPage(
      "<body><article><p>" + kParagraph + "</p><p>" + kParagraph + "</p><p>" + kParagraph + "</p><div dir='ltr'><table><tr><td><div>Application</div>"
      "</td><td><div>Original size</div></td><td><div>Patch size</div></td></tr>" + rows + "</table></div><p>" + kParagraph +
      "</p><div><table><tr><td><a href='https://ads.example/1'>Cheap hotels in Singapore here</a></td></tr></table></div>"
      "<p>" + kParagraph + "</p></article></body>",
      "");
  EXPECT_NE(page.text.find("Google Maps | 71.1 MB | 13.4 MB"), std::string::npos) << page.text;
  EXPECT_NE(page.text.find("Application | Original size | Patch size"), std::string::npos) << page.text;
  EXPECT_EQ(page.text.find("Cheap hotels"), std::string::npos) << page.text;
}

TEST(MainContent, TeasersForOtherStoriesInsideTheArticleAreDropped) {
  // "Read more: <a>", "LE PUEDE INTERESAR: <a>", "Czytaj też: <a>" between the paragraphs, and a
  // label over a list of links ("Auch interessant:"): links to the site's other stories. A
  // sentence that starts with the same words, a name, and a label over prose are the author's.
  const ExtractedPage page = ExtractPage(
      "<body><article><p>" + kParagraph + "</p><p><em>Read more</em>: <a href='/a'>Looted colonial art</a></p>"
      "<p><b>LE PUEDE INTERESAR: <a href='/b'>La ficha de Juan en Nueva York</a></b></p><p>" + kParagraph + "</p>"
      "<p><em>Czytaj też: <a href='/c'>Wyścig zbrojeń ruszył</a></em></p>"
      "<p><strong>Auch interessant:</strong></p><ul><li><a href='/d'>14 Tipps für mehr Follower</a></li>"
      "<li><a href='/e'>Twitter ohne Algorithmus</a></li></ul>"
      "<p>Read more about the method in <a href='/paper'>the paper</a>, which explains every step of it.</p>"
      "<h3><a href='/award'>MIRA-Award Nominierung</a></h3><p>" + kParagraph + "</p>"
      "<h3>Related work</h3><p>" + kParagraph + "</p></article></body>",
      "");
  for (const char* teaser : {"Read more:", "Looted", "INTERESAR", "Czytaj", "Auch interessant", "14 Tipps", "Twitter ohne"}) {
    EXPECT_EQ(page.text.find(teaser), std::string::npos) << teaser << " in:\n" << page.text;
  }
  EXPECT_NE(page.text.find("Read more about the method in the paper"), std::string::npos) << page.text;
  EXPECT_NE(page.text.find("MIRA-Award Nominierung"), std::string::npos) << page.text;
  EXPECT_NE(page.text.find("Related work"), std::string::npos) << page.text;
}

TEST(MainContent, CommentSectionsNamedInOtherLanguagesAreNotContent) {
  // German, Spanish and Polish sites name the comment section in their language.
  for (const char* name : {"kommentarModul", "seccion-comentarios", "komentarze"}) {
    const ExtractedPage page = ExtractPage(
        std::string("<body><article><p>") + kParagraph + "</p><p>" + kParagraph + "</p><section class='" + name +
            "'><p>Keine Kommentare</p><p>Sie sind aktuell nicht eingeloggt.</p></section></article></body>",
        "");
    EXPECT_EQ(page.text.find("Kommentare"), std::string::npos) << name << ":\n" << page.text;
    EXPECT_EQ(page.text.find("eingeloggt"), std::string::npos) << name << ":\n" << page.text;
  }
}

TEST(MainContent, ARatingWidgetForTheArticleIsNotContent) {
  // WP-PostRatings under the post: "War der Artikel nützlich?" and its stars.
  const ExtractedPage page = ExtractPage(
      "<body><article><p>" + kParagraph + "</p><p>" + kParagraph + "</p><p><span class='post-ratings' id='post-ratings-4373'>"
      "<strong>War der Artikel n\u00fctzlich?</strong> (Noch keine Bewertungen)</span></p></article></body>",
      "");
  EXPECT_EQ(page.text.find("War der Artikel"), std::string::npos) << page.text;
  EXPECT_EQ(page.text.find("Bewertungen"), std::string::npos) << page.text;
}

TEST(MainContent, ThePostsMetadataLineIsNotContent) {
  // WordPress themes close a post with "This entry was posted in News. Bookmark the permalink."
  const ExtractedPage page = ExtractPage(
      "<body><div class='post'><p>" + kParagraph + "</p><p>" + kParagraph + "</p><div class='entry-utility'>This entry "
      "was posted in <a href='/c/news'>News</a>. Bookmark the <a href='/p'>permalink</a>.</div><div class='PostMeta'>"
      "<div class='PostCategory'>Kategorie: <a href='/c/news'>News</a></div></div><p class='postmetadata alt'>Der "
      "Beitrag wurde am Mittwoch ver\u00f6ffentlicht.</p></div></body>",
      "");
  EXPECT_EQ(page.text.find("This entry was posted"), std::string::npos) << page.text;
  EXPECT_EQ(page.text.find("Kategorie"), std::string::npos) << page.text;
  EXPECT_EQ(page.text.find("Der Beitrag wurde"), std::string::npos) << page.text;
}

TEST(MainContent, AListWhoseItemsLinkSomeOfTheirWordsIsContent) {
  // A weekly engineering update: each item links the bugs it names. A list of nothing but links is
  // furniture.
  const ExtractedPage page = ExtractPage(
      "<body><article><p>" + kParagraph + "</p><h4>Fission</h4><ul><li>Neil has patches up to <a href='/b/1'>improve "
      "the behaviour of the tab unloader</a>, and <a href='/b/2'>show UI when subframes crash</a></li><li>Gijs "
      "<a href='/b/3'>fixed some flicker in the toolbar</a> that occurred at launch</li></ul><p>" + kParagraph + "</p>"
      "<ul><li><a href='/p/1'>Another post about vectors and more</a></li><li><a href='/p/2'>Yet another post about "
      "embeddings</a></li></ul><p>" + kParagraph + "</p><p>" + kParagraph + "</p></article></body>",
      "");
  EXPECT_NE(page.text.find("Neil has patches up to improve the behaviour"), std::string::npos) << page.text;
  EXPECT_NE(page.text.find("that occurred at launch"), std::string::npos) << page.text;
  EXPECT_EQ(page.text.find("Another post about vectors"), std::string::npos) << page.text;
}

TEST(MainContent, ABlockThatIsMostlyAListIsJudgedAsTheList) {
  // The same items in a wrapper <div>: the wrapper's link density is the list's, and a list whose
  // items link some of their words is kept (Readability.js: a block whose text is 90% lists is a list).
  const ExtractedPage page = ExtractPage(
      "<body><article><p>" + kParagraph + "</p><div class='updates'><ul><li>Neil has patches up to <a href='/b/1'>improve "
      "the behaviour of the tab unloader</a>, and <a href='/b/2'>show UI when subframes crash</a></li><li>Gijs "
      "<a href='/b/3'>fixed some flicker in the toolbar</a> that occurred at launch</li></ul></div><p>" + kParagraph +
      "</p><p>" + kParagraph + "</p><p>" + kParagraph + "</p><p>" + kParagraph + "</p><p>" + kParagraph +
      "</p></article></body>",
      "");
  EXPECT_NE(page.text.find("Neil has patches up to improve the behaviour"), std::string::npos) << page.text;
}

TEST(MainContent, ATeaserBoxForAnotherStoryIsDroppedAndTheLeadCalledTeaserIsKept) {
  const ExtractedPage page = ExtractPage(
      "<body><article><p class='article-teaser'>The lead of this story, which newsrooms call its teaser, sums it up "
      "in one long sentence.</p><p>" + kParagraph + "</p><figure class='teaserable-layout'><a class='sz-teaser' "
      "href='/flixtrain'><figcaption><h3 class='sz-teaser__title'>ICE im S-Bahn-Takt</h3><p>Die Bahn will schneller "
      "werden</p></figcaption></a></figure><p>" + kParagraph + "</p><p>" + kParagraph + "</p><p>" + kParagraph +
      "</p></article></body>",
      "");
  EXPECT_EQ(page.text.find("ICE im S-Bahn-Takt"), std::string::npos) << page.text;
  EXPECT_NE(page.text.find("The lead of this story"), std::string::npos) << page.text;
}

TEST(MainContent, DisplayNoneUtilityClassesHideUnlessABreakpointShowsTheBlock) {
  // Gravity Forms' hidden fields, Bootstrap's hidden and d-none; "hidden md:block" and "d-none
  // d-lg-block" are shown on a desktop.
  const ExtractedPage page = ExtractPage(
      "<body><article><p>" + kParagraph + "</p><p>" + kParagraph + "</p><p class='gfield_visibility_hidden'>"
      "This field is hidden when viewing the form</p><p class='hidden'>Jetzt f\u00fcr die Top-News von morgen "
      "anmelden</p><p class='d-none'>Only on print, this line is never on a screen</p><p class='hidden md:block'>Shown on "
      "desktops, this sentence belongs to the article.</p><p class='d-none d-lg-block'>Also shown on desktops, as "
      "a part of the article.</p><p>" + kParagraph + "</p><p>" + kParagraph + "</p><p>" + kParagraph +
      "</p><p>" + kParagraph + "</p></article></body>",
      "");
  for (const char* hidden : {"This field is hidden", "Top-News", "Only on print"}) {
    EXPECT_EQ(page.text.find(hidden), std::string::npos) << hidden << " in:\n" << page.text;
  }
  EXPECT_NE(page.text.find("Shown on desktops"), std::string::npos) << page.text;
  EXPECT_NE(page.text.find("Also shown on desktops"), std::string::npos) << page.text;
}

TEST(MainContent, AdvertisingDisclosuresAreNotContent) {
  const ExtractedPage page = ExtractPage(
      "<body><article><section class='editorial-disclosure'><p>This post contains references to products from one "
      "or more of our advertisers.</p></section><p>" + kParagraph + "</p><p>" + kParagraph + "</p><div "
      "class='editorial-disclaimer'><p class='editorial-disclaimer-text'>The advertising disclaimer below does not "
      "apply to this article.</p></div><div id='affiliateText'><p>Geld erhalten wir, wenn Sie auf einen Link klicken."
      "</p></div><p class='aawp-disclaimer'>Bei den Verlinkungen handelt es sich um Affiliate-Links.</p><p>" + kParagraph +
      " Buy it <span class='affiliate-link'><a href='https://shop.example/x'>at the "
      "shop</a></span> today.</p></article></body>",
      "");
  EXPECT_NE(page.text.find("Buy it at the shop today."), std::string::npos) << page.text;
  for (const char* disclosure : {"references to products", "advertising disclaimer", "Geld erhalten wir", "Verlinkungen"}) {
    EXPECT_EQ(page.text.find(disclosure), std::string::npos) << disclosure << " in:\n" << page.text;
  }
}

TEST(MainContent, FurnitureLabelsInOtherLanguagesGoLikeTheEnglishOnes) {
  const ExtractedPage page = ExtractPage(
      "<body><article><h2>Inhaltsverzeichnis</h2><p>" + kParagraph + "</p><p>" + kParagraph + "</p><h3>Teilen</h3>"
      "<h2 class='Title'>Kommentieren</h2><p><a href='#top'>Volver arriba</a></p><h3>Comentarios</h3></article></body>",
      "");
  for (const char* label : {"Inhaltsverzeichnis", "Teilen", "Kommentieren", "Volver arriba", "Comentarios"}) {
    EXPECT_EQ(page.text.find(label), std::string::npos) << label << " in:\n" << page.text;
  }
}

TEST(MainContent, AuthorBoxesUnderThePostAreNotContent) {
  // Simple Author Box (saboxplugin), a theme's entry-author block, a newsroom's author card.
  for (const char* box : {"saboxplugin-wrap", "entry-author author-avatar-show", "author-card details__author-card"}) {
    const ExtractedPage page = ExtractPage(
        std::string("<body><article><p>") + kParagraph + "</p><p>" + kParagraph + "</p><p>" + kParagraph + "</p><p>" +
            kParagraph + "</p><div class='" + box + "'><div><p>Ich mag jede Art von Fotografie und schreibe hier seit "
            "2012.</p></div></div></article></body>",
        "");
    EXPECT_EQ(page.text.find("Fotografie"), std::string::npos) << box << ":\n" << page.text;
  }
}

TEST(MainContent, CaptchasAndNewsLetterBoxesAreWidgets) {
  const ExtractedPage page = ExtractPage(
      "<body><article><p>" + kParagraph + "</p><p>" + kParagraph + "</p><p>" + kParagraph + "</p><p>" +
      kParagraph + "</p><div class='news-letter-section'><span class='lead'>Wir haben viele spannende Themen "
      "f\u00fcr dich</span></div><div class='review--captcha'><strong>Bitte geben Sie die Zahlenfolge ein</strong>"
      "</div></article></body>",
      "");
  for (const char* widget : {"spannende Themen", "Zahlenfolge"}) {
    EXPECT_EQ(page.text.find(widget), std::string::npos) << widget << " in:\n" << page.text;
  }
}

TEST(MainContent, RubyAnnotationsAreNotReadAsWords) {
  // NHK's easy-Japanese news prints the reading over each kanji: <ruby>子<rt>こ</rt></ruby>.
  const ExtractedPage page = ExtractPage(
      "<body><article><p>" + kParagraph + "</p><p><ruby>子<rp>(</rp><rt>こ</rt><rp>)</rp></ruby>どもへの<ruby>虐待<rt>"
      "ぎゃくたい</rt></ruby>をなくすための<ruby>法律<rt>ほうりつ</rt></ruby>ができました。</p><p>" + kParagraph + "</p>"
      "<p>" + kParagraph + "</p><p>" + kParagraph + "</p></article></body>",
      "");
  EXPECT_NE(page.text.find("子どもへの虐待をなくすための法律ができました。"), std::string::npos) << page.text;
  EXPECT_NE(HtmlFragmentToText("<p><ruby>法律<rt>ほうりつ</rt></ruby></p>").find("法律"), std::string::npos);
  EXPECT_EQ(HtmlFragmentToText("<p><ruby>法律<rt>ほうりつ</rt></ruby></p>").find("ほうりつ"), std::string::npos);
}

TEST(MainContent, CallsToFollowTheSiteElsewhereAreDropped) {
  const ExtractedPage page = ExtractPage(
      "<body><article><p>" + kParagraph + "</p><p>Follow these steps shared on Twitter to report a groper on a train."
      "</p><p>So even if you decide you need to join Facebook, remember what it learns.</p><p>" + kParagraph + "</p>"
      "<p>" + kParagraph + "</p><p>" + kParagraph + "</p><p>Lucas Nolan is a reporter. Follow him on Twitter.</p>"
      "<p><strong>Follow The Gleaner on Twitter and Instagram @JamaicaGleaner and on Facebook.</strong></p>"
      "<p>Folgen Sie uns auf <a href='https://twitter.com/x'>Twitter</a></p><p>S\u00edguenos en Instagram</p>"
      "</article></body>",
      "");
  for (const char* call : {"Follow The Gleaner", "Folgen Sie uns", "guenos en Instagram"}) {
    EXPECT_EQ(page.text.find(call), std::string::npos) << call << " in:\n" << page.text;
  }
  for (const char* text : {"Follow these steps shared on Twitter", "need to join Facebook", "Follow him on Twitter"}) {
    EXPECT_NE(page.text.find(text), std::string::npos) << text << " in:\n" << page.text;
  }
}

TEST(MainContent, CallsToSubscribeToTheSiteAreDropped) {
  const ExtractedPage page = ExtractPage(
      "<body><article><p>" + kParagraph + "</p><p>It is very important to sign up for automated contributions for "
      "each savings plan.</p><p>To learn more about the fund, sign up for our platform on the home page.</p><p>" +
      kParagraph + "</p><p>" + kParagraph + "</p><p>" + kParagraph + "</p>"
      "<p>Subscribe now to our <a href='/e'><strong>eNATION</strong></a> edition for the full story.</p>"
      "<p><i>Do you want to be informed of our actions? <a href='/n'>Sign up here</a></i></p>"
      "<p>Ihnen hat der Artikel gefallen? Dann abonnieren Sie unseren Newsletter!</p></article></body>",
      "");
  for (const char* call : {"eNATION", "Sign up here", "abonnieren Sie"}) {
    EXPECT_EQ(page.text.find(call), std::string::npos) << call << " in:\n" << page.text;
  }
  for (const char* text : {"sign up for automated contributions", "sign up for our platform"}) {
    EXPECT_NE(page.text.find(text), std::string::npos) << text << " in:\n" << page.text;
  }
}

TEST(MainContent, TheSitesCopyrightNoticeIsDropped) {
  const ExtractedPage page = ExtractPage(
      "<body><article><p>" + kParagraph + "</p><p>" + kParagraph + "</p><p>" + kParagraph + "</p>"
      "<p>From the book The Great Democracy. Copyright \u00a9 2019 by Ganesh Sitaraman. All rights reserved.</p>"
      "<p>Copyright law protects the author; all rights reserved is the default.</p>"
      "<p>\u00a9 2022, BreakingNews.com. This article is the copyrighted property of Breaking News. Written "
      "permission must be obtained before reprint.</p><div>&copy; 2020 CBS Interactive Inc. All Rights Reserved.</div>"
      "</article></body>",
      "");
  for (const char* notice : {"copyrighted property", "CBS Interactive"}) {
    EXPECT_EQ(page.text.find(notice), std::string::npos) << notice << " in:\n" << page.text;
  }
  for (const char* text : {"From the book", "Copyright law protects"}) {
    EXPECT_NE(page.text.find(text), std::string::npos) << text << " in:\n" << page.text;
  }
}

TEST(MainContent, ASiblingLineTheCleaningWouldDropIsNotMerged) {
  // Readability's sibling merging takes a short line beside the article when it ends with a full
  // stop; a copyright line does too.
  const ExtractedPage page = ExtractPage(
      "<body><div id='wrap'><div class='post'><p>" + kParagraph + "</p><p>" + kParagraph + "</p><p>" + kParagraph +
      "</p><p>" + kParagraph + "</p></div><p>The author lives in Hamburg.</p>"
      "<p>\u00a9 2020 CBS Interactive Inc. All Rights Reserved.</p></div></body>",
      "");
  EXPECT_NE(page.text.find("lives in Hamburg"), std::string::npos) << page.text;
  EXPECT_EQ(page.text.find("CBS Interactive"), std::string::npos) << page.text;
}

TEST(MainContent, APicturesCreditOnALineOfItsOwnIsDropped) {
  const ExtractedPage page = ExtractPage(
      "<body><article><p>" + kParagraph + "</p><p><img src='/g.png' alt='graph'><br><em>(Credit: Clayton Aldern / "
      "Grist)</em></p><p>" + kParagraph + "</p><p>Cr\u00e9dits photos : Bestimage</p><p>" + kParagraph + "</p>"
      "<div><strong>Photo Credit:</strong> www.littlebitsofhome.com</div><p>Photographers credit the light.</p>"
      "<p>Titelbild: Geyres Christophe/ABACA/picture-alliance</p></article></body>",
      "");
  for (const char* credit : {"Clayton Aldern", "Bestimage", "Geyres"}) {
    EXPECT_EQ(page.text.find(credit), std::string::npos) << credit << " in:\n" << page.text;
  }
  for (const char* text : {"littlebitsofhome", "Photographers credit the light."}) {
    EXPECT_NE(page.text.find(text), std::string::npos) << text << " in:\n" << page.text;
  }
}

TEST(MainContent, AFurtherInformationLabelOverLinksIsDropped) {
  const ExtractedPage page = ExtractPage(
      "<body><article><p>" + kParagraph + "</p><p>" + kParagraph + "</p><p>Weitere Informationen rund um das Thema "
      "D\u00e4mmung gibt es beim Verband der Hersteller.</p><p>" + kParagraph + "</p>"
      "<p><strong>Weitere Informationen:</strong></p><ul><li><a href='/a'>Wikipedia-Artikel \u00fcber das Foto</a></li>"
      "<li><a href='/b'>Nobelpreis f\u00fcr Physik 2021</a></li><li><a href='/c'>Nachruf Reimar L\u00fcst</a></li></ul>"
      "</article></body>",
      "");
  for (const char* teaser : {"Weitere Informationen:", "Nachruf"}) {
    EXPECT_EQ(page.text.find(teaser), std::string::npos) << teaser << " in:\n" << page.text;
  }
  EXPECT_NE(page.text.find("Weitere Informationen rund um das Thema"), std::string::npos) << page.text;
}

TEST(MainContent, ACallToActionLinkBetweenBlocksIsALineOfItsOwn) {
  const ExtractedPage page = ExtractPage(
      "<body><div class='content'><p>" + kParagraph + "</p><p>" + kParagraph + "</p><p>" + kParagraph + "</p>"
      "<a href='/amazon'>Check Price on Amazon</a><p>" + kParagraph + "</p>Prices change daily: "
      "<a href='/list'>read more</a> on the list.<p>" + kParagraph + "</p><a title='back' href='/presse'>"
      "zur\u00fcck zur Listenansicht</a></div></body>",
      "");
  for (const char* call : {"Check Price", "Listenansicht"}) {
    EXPECT_EQ(page.text.find(call), std::string::npos) << call << " in:\n" << page.text;
  }
  EXPECT_NE(page.text.find("read more"), std::string::npos) << page.text;
}

TEST(MainContent, HiddenElementsAreNotContent) {
  const ExtractedPage page = ExtractPage("<body><article><p>" + kParagraph + "</p><p style='display: none'>Secret hidden text</p>"
                                         "<div hidden>Also hidden</div><p aria-hidden='true'>Screen reader hidden</p></article></body>",
                                         "");
  EXPECT_EQ(page.text.find("hidden"), std::string::npos) << page.text;
}

TEST(MainContent, SubstackFixtureKeepsTheBodyWithoutSubscribeWidgets) {
  const std::string html = ReadPageFile(std::string(LLMTWIN_TESTDATA_DIR) + "/fixtures/substack/metascraper-substack.input.html");
  const ExtractedPage page = ExtractPage(html, "https://map.simonsarris.com/p/the-most-precious-resource-is-agency");
  EXPECT_GT(page.text.size(), 5000u);
  EXPECT_EQ(page.text.find("Subscribe to The Map is Mostly Water"), std::string::npos);
  EXPECT_EQ(page.text.find("Share this post"), std::string::npos);
}

TEST(MainContent, ABoxAskingToRateTheArticleGoesAndARatingWithANumberStays) {
  std::string body;
  for (int i = 0; i < 6; ++i) body += "<p>" + std::to_string(i) + ". " + kParagraph + "</p>";
  const ExtractedPage page = ExtractPage(
      "<body><div class='entry-content'>" + body +
      "<div class='verdict-rating'>Our verdict: 4.6 overall rating</div>"
      "<table><tr><th>Plan</th><th>Use</th></tr><tr><td>Basic</td><td><div class='plan-rating'>Best for travel</div></td></tr>"
      "<tr><td>Plus</td><td><div class='plan-rating'>Best for families</div></td></tr></table>"
      "<div class='sectionRating'><form><fieldset><h2>How would you rate this article?</h2>"
      "<label><input type='radio' name='r'> Helpful</label><button>Send</button></fieldset></form></div></div></body>",
      "");
  EXPECT_EQ(page.text.find("rate this article"), std::string::npos) << page.text;
  EXPECT_NE(page.text.find("4.6 overall rating"), std::string::npos) << page.text;
  EXPECT_NE(page.text.find("Best for families"), std::string::npos) << page.text;
}

TEST(MainContent, TheCaptionOfThePictureInTheArticlesHeaderGoesAndOtherCaptionsStay) {
  std::string body;
  for (int i = 0; i < 6; ++i) body += "<p>" + std::to_string(i) + ". " + kParagraph + "</p>";
  const ExtractedPage page = ExtractPage(
      "<body><article class='post'><header class='article-header'><h1>Grounded answers</h1>"
      "<figure><img src='/a.jpg' alt=''><figcaption>The archive in Leeds. Photo: Jane Roe</figcaption></figure></header>"
      "<div class='entry-content'><figure><img src='/b.jpg' alt=''><figcaption>Figure 1: the pipeline at a glance.</figcaption></figure>" +
      body + "<figure><img src='/c.jpg' alt=''><figcaption>Figure 2: answers cite their sources.</figcaption></figure>"
      "</div></article></body>",
      "");
  EXPECT_EQ(page.text.find("archive in Leeds"), std::string::npos) << page.text;
  EXPECT_NE(page.text.find("Figure 1: the pipeline at a glance."), std::string::npos) << page.text;
  EXPECT_NE(page.text.find("Figure 2: answers cite their sources."), std::string::npos) << page.text;
}

TEST(MainContent, APicturesCaptionIsNotTheLeadWhateverItsClassSays) {
  std::string body;
  for (int i = 0; i < 6; ++i) body += "<p>" + std::to_string(i) + ". " + kParagraph + "</p>";
  const ExtractedPage page = ExtractPage(
      "<body><main><div class='content-top'><h1>Grounded answers</h1>"
      "<div class='lead-asset'><figure><img src='/a.jpg' alt=''><figcaption class='caption lead-asset__caption'>"
      "A robot hand turning a cube, which took as much energy as a town uses in an hour.</figcaption></figure></div></div>"
      "<div class='article-body'>" + body + "</div></main></body>",
      "");
  EXPECT_EQ(page.text.find("A robot hand"), std::string::npos) << page.text;
  EXPECT_NE(page.text.find("5. Retrieval augmented generation"), std::string::npos) << page.text;
}

TEST(MainContent, ALoneLinkBackToTheListGoesAndABackLinkInASentenceStays) {
  std::string body;
  for (int i = 0; i < 6; ++i) body += "<p>" + std::to_string(i) + ". " + kParagraph + "</p>";
  const ExtractedPage page = ExtractPage(
      "<body><div class='entry-content'>" + body +
      "<p>When the index is stale, <a href='/step-1'>go back to step one</a> and rebuild it.</p>"
      "<p><a href='/news'>Back to the list</a></p><div><a href='/aktuelles'>zur\u00fcck</a></div></div></body>",
      "");
  EXPECT_EQ(page.text.find("Back to the list"), std::string::npos) << page.text;
  EXPECT_EQ(page.text.find("zur\u00fcck"), std::string::npos) << page.text;
  EXPECT_NE(page.text.find("go back to step one"), std::string::npos) << page.text;
}

}  // namespace
}  // namespace llmtwin

namespace llmtwin {
namespace {

std::string LongArticle(int paragraphs) {
  std::string out;
  for (int i = 0; i < paragraphs; ++i) out += "<p>" + kParagraph + "</p>";
  return out;
}

TEST(MainContent, CollapsedAccordionPanelsAreContent) {
  // The steps of a guide folded under their headings: hidden until clicked, but the author's text.
  // ARIA's accordion makes each panel a region labelled by its button; UI kits say "collapse".
  const ExtractedPage page = ExtractPage(
      "<body><article><h1>Installing solar panels</h1>" + LongArticle(3) +
          "<div class='accordion'><button id='step1-button' aria-controls='step1'>Week 1</button>"
          "<div id='step1' role='region' aria-labelledby='step1-button' style='display:none'>"
          "<p>Gather twelve months of electric bills so installers can size the system to your real use.</p></div>"
          "<button id='step2-button'>Week 2</button><div class='chakra-collapse' style='overflow:hidden;display:none'>"
          "<p>Compare at least three quotes, and read each warranty for what it leaves out.</p></div></div>"
          "<div role='dialog' aria-labelledby='signup-title' style='display:none'><p id='signup-title'>Get a free quote</p></div>"
          "</article></body>",
      "");
  EXPECT_NE(page.text.find("Gather twelve months"), std::string::npos) << page.text;
  EXPECT_NE(page.text.find("Compare at least three quotes"), std::string::npos) << page.text;
  EXPECT_EQ(page.text.find("free quote"), std::string::npos) << page.text;
}

TEST(MainContent, AnArticleShippedOncePerScreenSizeIsReadOnce) {
  // Framer and Webflow pages carry the article once per breakpoint and let media queries show one.
  // A repeated short item (the same warm-up in every workout) is the author's and stays.
  std::string variant = "<div class='framer-text-block'><h2>Home remodel costs</h2>" + LongArticle(4) +
                        "<ul><li>Warm up: ten minutes of easy jogging.</li></ul></div>";
  std::string page = "<html><body><main>";
  for (const char* screen : {"hidden-desktop", "hidden-tablet", "hidden-phone"}) {
    page += std::string("<div class='ssr-variant ") + screen + "'>" + variant + "</div>";
  }
  page += "<section><h3>Workout B</h3><ul><li>Warm up: ten minutes of easy jogging.</li><li>Six hill sprints.</li></ul>"
          "</section></main></body></html>";
  const ExtractedPage extracted = ExtractPage(page, "");
  auto count = [&](std::string_view needle) {
    size_t n = 0;
    for (size_t at = extracted.text.find(needle); at != std::string::npos; at = extracted.text.find(needle, at + 1)) ++n;
    return n;
  };
  EXPECT_EQ(count("Retrieval augmented generation"), 4u) << extracted.text;
  EXPECT_EQ(count("Home remodel costs"), 1u) << extracted.text;
  EXPECT_EQ(count("Warm up: ten minutes"), 2u) << extracted.text;
  EXPECT_NE(extracted.text.find("Six hill sprints"), std::string::npos) << extracted.text;
}

TEST(MainContent, TheTitleInBoldAsTheFirstLineIsNotRepeated) {
  // An archived article whose title is a bold first line, not a heading; the same words later in
  // the text are the author's and stay.
  const std::string page = "<html><head><title>Latency mitigation strategies</title></head><body><main>"
                           "<p><b>Latency mitigation strategies</b></p><p><i>An archived article.</i></p>" +
                           LongArticle(4) + "<p>Latency mitigation strategies</p></main></body></html>";
  const ExtractedPage extracted = ExtractPage(page, "");
  EXPECT_EQ(extracted.metadata.title, "Latency mitigation strategies");
  EXPECT_EQ(extracted.markdown.find("**Latency mitigation strategies**"), std::string::npos) << extracted.markdown;
  EXPECT_NE(extracted.text.find("An archived article."), std::string::npos) << extracted.text;
  EXPECT_NE(extracted.text.find("\nLatency mitigation strategies"), std::string::npos) << extracted.text;
}

TEST(MainContent, ArticleInsideAnUnclosedNavIsStillFound) {
  // An unclosed <nav> makes libxml2 nest the rest of the page inside it.
  const ExtractedPage page = ExtractPage("<body><header><nav><ul><li><a href='/'>Home</a></li></ul><div>"
                                         "<main><h1>T</h1>" + LongArticle(5) + "</main></body>",
                                         "");
  EXPECT_NE(page.text.find("Retrieval augmented generation"), std::string::npos);
  EXPECT_EQ(page.text.find("Home"), std::string::npos);
}

TEST(MainContent, ArticleInsideABrokenMenuButtonIsStillFound) {
  // libxml2 2.9 ignores "</button>" while a <div> inside it is open: the page lands in the button.
  const ExtractedPage page = ExtractPage("<body><header><div class='menu-top'><button class='menu-button'>"
                                         "<div class='inner'><div></button></div><a href='/'>Home</a>"
                                         "<main><article><h1>T</h1>" + LongArticle(5) + "</article></main></body>",
                                         "");
  EXPECT_NE(page.text.find("Retrieval augmented generation"), std::string::npos);
}

TEST(MainContent, ArticleSwallowedByABrokenNoscriptIsStillFound) {
  // "<noscript><div id='nojava'></noscript>": libxml2 ignores "</noscript>" while the div is
  // open, and the whole page lands in the noscript. A noscript with a tracking pixel is still nothing.
  const ExtractedPage page = ExtractPage("<html><head><title>Orso marsicano</title></head><body><noscript><div "
                                         "id='mms_nojava'></noscript><div id='main'><div id='bartop'><a href='/'>Home"
                                         "</a></div><div id='colonna_testo'>" + LongArticle(12) + "</div></div></body></html>",
                                         "");
  EXPECT_NE(page.text.find("Retrieval augmented generation"), std::string::npos) << page.text;
  const ExtractedPage pixel = ExtractPage("<body><article>" + LongArticle(5) + "<noscript><p>Please enable JavaScript "
                                          "to see the comments, powered by a widget.</p><img src='/px.gif'></noscript>"
                                          "</article></body>",
                                          "");
  EXPECT_EQ(pixel.text.find("enable JavaScript"), std::string::npos) << pixel.text;
}

TEST(MainContent, ArticleSwallowedByFurnitureWithoutMainIsStillFound) {
  // An unclosed popup <aside> holds the whole page and no <main>: it is no sidebar.
  const ExtractedPage page = ExtractPage("<body><aside class='Popup-Overlay'><div class='Popup-Outer'><div>"
                                         "<header class='Header-Main'><div class='Content'><article class='Entry'>"
                                         "<h1>T</h1>" + LongArticle(10) + "</article></div></body>",
                                         "");
  EXPECT_NE(page.text.find("Retrieval augmented generation"), std::string::npos);
  // A real sidebar with some prose stays out.
  const ExtractedPage with_sidebar = ExtractPage(
      "<body><main><h1>T</h1>" + LongArticle(6) + "</main><aside><p>About the author: a long biography that "
      "goes on about her many books, talks and travels, the places she has lived and the things she likes.</p>"
      "</aside></body>",
      "");
  EXPECT_EQ(with_sidebar.text.find("About the author"), std::string::npos);
}

TEST(MainContent, ReactStreamedHiddenContentIsReadWhenNothingVisibleIsAnArticle) {
  const ExtractedPage page = ExtractPage("<body><div id='root'>Loading...</div><div hidden id='S:1'>" + LongArticle(5) +
                                         "</div><script>$RC('B:1','S:1')</script></body>",
                                         "");
  EXPECT_NE(page.text.find("Retrieval augmented generation"), std::string::npos);
}

TEST(MainContent, ReactStreamedPartsAreReadBesideAVisibleSummary) {
  // The page's visible part is a "Key Points" box; the article streams in as <div hidden id="S:0">.
  std::string key_points = "<div class='key-points'><h2>Key Points</h2><ul>";
  for (int i = 0; i < 5; ++i) key_points += "<li>Index funds track major indexes, enabling broad investment " + std::to_string(i) + ".</li>";
  key_points += "</ul></div>";
  const ExtractedPage page = ExtractPage("<body><main>" + key_points + "<div id='B:0'></div></main><div hidden id='S:0'>" +
                                         LongArticle(8) + "</div><script>$RC('B:0','S:0')</script>"
                                         "<div hidden id='modal'><p>" + kParagraph + " Hidden modal.</p></div></body>",
                                         "");
  EXPECT_NE(page.text.find("Retrieval augmented generation"), std::string::npos);
  EXPECT_EQ(page.text.find("Hidden modal"), std::string::npos);  // other hidden blocks stay hidden
}

TEST(MainContent, ANewslettersOwnIssueIsContentAndItsSignupBoxIsNot) {
  // The issue sits in "newsletter-*" classes; a podcast blurb elsewhere is long enough to win if
  // those classes were taken for a signup box.
  std::string issue, blurb;
  for (int i = 0; i < 10; ++i) issue += "<p>In this issue: " + kParagraph + "</p>";
  for (int i = 0; i < 5; ++i) blurb += "<p>On the podcast: " + kParagraph + "</p>";
  const ExtractedPage page = ExtractPage(
      "<body><main><section class='newsletter-hero'><div class='newsletter-wrapper'><article class='newsletter-content'>"
      "<div class='rich-text-newsletter'>" + issue + "</div></article></div></section>"
      "<section class='newsletter-signup'><p>Join 800,000+ subscribers to get regular emails.</p>"
      "<form><input type='email'></form></section><section class='podcast'>" + blurb + "</section></main></body>",
      "");
  EXPECT_NE(page.text.find("In this issue"), std::string::npos);
  EXPECT_EQ(page.text.find("Join 800,000+"), std::string::npos);
}

TEST(MainContent, DoubleEncodedTextIsRepairedWhenThePageIsFullOfIt) {
  // "isn’t" stored as UTF-8, read as Windows-1252 and saved again: "isnâ€™t"; a no-break space: "Â ".
  const std::string mojibake = "<p>Artificial intelligence isn&acirc;&euro;&trade;t just changing search, it&acirc;&euro;&trade;s "
                               "changing how we write.\xC3\x82\xC2\xA0 Budgets matter.\xC3\x82\xC2\xA0</p>";
  const ExtractedPage page = ExtractPage("<body><article>" + mojibake + LongArticle(5) + "</article></body>", "");
  EXPECT_NE(page.text.find("isn\xE2\x80\x99t just changing"), std::string::npos);
  EXPECT_EQ(page.text.find("\xC3\x82"), std::string::npos);
  // One such sequence is a page about mojibake, kept as written.
  const ExtractedPage about = ExtractPage(
      "<body><article><p>Mojibake turns \xE2\x80\x99 into &acirc;&euro;&trade; when decoded as Windows-1252.</p>" +
          LongArticle(5) + "</article></body>",
      "");
  EXPECT_NE(about.text.find("into \xC3\xA2\xE2\x82\xAC\xE2\x84\xA2 when"), std::string::npos);
}

TEST(MainContent, ContentSplitIntoSiblingSectionsIsKeptWhole) {
  // Page builders put each part of a post in its own section; the best-scoring one is only a part.
  std::string html = "<body><div class='page'>";
  for (int i = 0; i < 5; ++i) {
    html += "<section class='builder-row'><div class='col'><div class='widget'><h2>Part " + std::to_string(i) +
            "</h2>" + LongArticle(i == 2 ? 6 : 2) + "</div></div></section>";
  }
  html += "</div></body>";
  const ExtractedPage page = ExtractPage(html, "");
  for (int i = 0; i < 5; ++i) EXPECT_NE(page.text.find("Part " + std::to_string(i)), std::string::npos) << i;
}

}  // namespace
}  // namespace llmtwin

namespace llmtwin {
namespace {

TEST(MainContent, ShortCodeBlocksInHighlightWrappersAreKept) {
  std::string html = "<body><article>";
  for (int i = 0; i < 4; ++i) html += "<p>" + kParagraph + "</p>";
  html += "<p>requirements.txt would look like this:</p><div class='highlight'><pre><code class='language-text'>"
          "dateutil\nflask\n</code></pre></div><p>" + kParagraph + "</p></article></body>";
  const ExtractedPage page = ExtractPage(html, "");
  // "language-text" names no language: the fence stays bare.
  EXPECT_NE(page.markdown.find("```\ndateutil\nflask\n```"), std::string::npos) << page.markdown;
}

TEST(MainContent, AListOfNewsItemsWithACaptionedScreenshotIsKept) {
  // Firefox's weekly notes: a <ul> of updates, one holding a screenshot whose caption is a <p>.
  // The caption scored the list (a list starts at -3 for its tag), which must not remove it.
  std::string items;
  for (int i = 0; i < 6; ++i) items += "<li>Update " + std::to_string(i) + ": we landed a fix for the update restart page.</li>";
  const std::string page =
      "<html><body><article><h1>These Weeks in Firefox</h1><h3>Highlights</h3><ul>" + items +
      "<li>Users see this less:<div class='wp-caption'><img src='shot.png' alt='The restart page'>"
      "<p class='wp-caption-text'>The about:restartrequired page, shown less often now.</p></div></li></ul>" +
      LongArticle(6) + "</article></body></html>";
  const ExtractedPage extracted = ExtractPage(page, "https://blog.nightly.mozilla.org/2020/12/18/issue-85");
  EXPECT_NE(extracted.text.find("Update 0: we landed a fix"), std::string::npos) << extracted.text;
  EXPECT_NE(extracted.text.find("Users see this less:"), std::string::npos) << extracted.text;
  // WordPress's caption itself goes (AWordPressCaptionGoesAndAPlainFigcaptionStays).
  EXPECT_EQ(extracted.text.find("shown less often now"), std::string::npos) << extracted.text;
}


TEST(MainContent, PageBuilderWidgetsAreLayoutNotSidebarWidgets) {
  // Elementor, HubSpot, SiteOrigin and CKEditor call every block "widget", the word that weighs
  // against a sidebar's, and Drupal marks a field whose label is hidden; an Elementor widget whose
  // type is a list of other posts is still furniture.
  const std::string page =
      "<html><body><article class='post'><h1>Low-light plants</h1>" + LongArticle(5) +
      "<div class='elementor-element elementor-widget elementor-widget-text-editor'><div class='elementor-widget-container'>"
      "<p>Snake plant: its upright leaves need little light, and it forgives a missed watering or two in winter.</p>"
      "<p>ZZ plant: its rhizomes store water, so let the soil dry out completely between waterings.</p></div></div>"
      "<div class='so-panel widget widget_sow-editor'><div class='so-widget-sow-editor'>"
      "<p>Cast-iron plant: the name says it all, since it survives dark hallways, drafts and neglect alike.</p>"
      "<p>Pothos: its trailing stems root in water, so a cutting makes a new plant within a few weeks.</p></div></div>"
      "<div class='ck-widget bs_grid'><div class='col'><h6>Spider plant</h6>"
      "<p>Spider plant: it sends out runners with small plantlets that can be potted up on their own.</p>"
      "<p>Peace lily: it droops when thirsty and recovers within hours of being watered again.</p></div></div>"
      "<div class='span12 widget-span widget-type-cell'><div class='hs_cos_wrapper hs_cos_wrapper_widget "
      "hs_cos_wrapper_type_rich_text'><p>Dracaena: it grows slowly in shade and needs water only every other week.</p>"
      "<p>Chinese evergreen: its patterned leaves keep their colour even far from a window.</p></div></div>"
      "<div class='field field--name-field-plant-notes field--type-string-long field--label-hidden'>"
      "<p>Parlor palm: it has been a favourite indoor palm since Victorian times, for good reason.</p>"
      "<p>Philodendron: its heart-shaped leaves trail from a shelf in the dimmest corner.</p></div>"
      "<div class='elementor-element elementor-widget elementor-widget-posts'><div class='elementor-widget-container'>"
      "<div class='elementor-post'><h3><a href='/menu-drops'>Menu drops for December</a></h3>"
      "<p>December 9, 2025. No comments.</p></div>"
      "<div class='elementor-post'><h3><a href='/delivery'>Delivery schedule</a></h3>"
      "<p>December 2, 2025. No comments.</p></div></div></div>"
      "</article></body></html>";
  const ExtractedPage extracted = ExtractPage(page, "https://plants.example/low-light");
  for (const char* kept : {"Snake plant:", "ZZ plant:", "Cast-iron plant:", "Pothos:", "Spider plant:", "Peace lily:",
                           "Dracaena:", "Chinese evergreen:", "Parlor palm:", "Philodendron:"}) {
    EXPECT_NE(extracted.text.find(kept), std::string::npos) << kept << " missing from:\n" << extracted.text;
  }
  EXPECT_EQ(extracted.text.find("Menu drops"), std::string::npos) << extracted.text;
}

TEST(MainContent, AHeadingsAnchorIdIsNotEvidenceAgainstIt) {
  // A table of contents links to id="h-how-to-share-your-garden": made from the heading's words,
  // it does not make the heading a share widget.
  const std::string page = "<html><body><article class='post'><h1>Gardening</h1>" + LongArticle(3) +
                           "<h2 class='wp-block-heading' id='h-how-to-share-your-garden'>How to share your garden</h2>" +
                           LongArticle(3) + "</article></body></html>";
  const ExtractedPage extracted = ExtractPage(page, "");
  EXPECT_NE(extracted.markdown.find("## How to share your garden"), std::string::npos) << extracted.markdown;
}

TEST(MainContent, TailwindStateVariantsAndClippingHideNothing) {
  // "empty:hidden" hides a box only while it is empty and "overflow-hidden" clips it; "lg:hidden"
  // hides it at a desktop's width (a mobile-only ad), which is how the page is read.
  const std::string page =
      "<html><body><article class='post'><h1>Social shopping</h1>" + LongArticle(4) +
      "<div class='flex w-full flex-col empty:hidden first:pt-[3px]'>"
      "<p>Live shopping events turn a product demo into a conversation with the people who buy it.</p>"
      "<p>Shoppable posts shorten the way from seeing a product to buying it to a single tap.</p></div>"
      "<div class='grid overflow-hidden transition-all duration-500'>"
      "<p>User reviews under a post answer the questions a buyer would otherwise ask support.</p>"
      "<p>Creators who use a product every day sell it better than any banner ever could.</p></div>"
      "<div class='flex lg:hidden print:hidden'><p>Advertisement: our mobile app, now with offline mode.</p></div>" +
      LongArticle(1) + "</article></body></html>";
  const ExtractedPage extracted = ExtractPage(page, "");
  for (const char* kept : {"Live shopping events", "Shoppable posts", "User reviews under", "Creators who use"}) {
    EXPECT_NE(extracted.text.find(kept), std::string::npos) << kept << " missing from:\n" << extracted.text;
  }
  EXPECT_EQ(extracted.text.find("mobile app"), std::string::npos) << extracted.text;
}

TEST(MainContent, TheLeadInTheArticlesHeaderIsKeptWithTheBody) {
  // News templates put the standfirst in the article's header, beside the headline, and the body
  // (which the scores pick) after it; an author's bio in the header is no lead.
  std::string body;
  for (int i = 0; i < 6; ++i) body += "<p>" + std::to_string(i) + ". " + kParagraph + "</p>";
  const ExtractedPage page = ExtractPage(
      "<html><head><title>Grounded answers</title></head><body><div class='site'>"
      "<header><h1>Grounded answers</h1>"
      "<div class='with-excerpt'>Jane is a writer from Leeds who covers search engines and loves long walks.</div>"
      "<div class='story-lead'><p class='story-lead-text'>Newsrooms are testing retrieval for their archives, "
      "and the first results are promising.</p></div></header>"
      "<div class='entry-content'>" + body + "</div></div></body></html>",
      "");
  EXPECT_NE(page.text.find("Newsrooms are testing retrieval"), std::string::npos) << page.text;
  EXPECT_LT(page.text.find("Newsrooms are testing retrieval"), page.text.find("0. Retrieval")) << page.text;
  EXPECT_EQ(page.text.find("a writer from Leeds"), std::string::npos) << page.text;
}

TEST(MainContent, APicturesCreditLineGoesAndItsCaptionStays) {
  std::string body;
  for (int i = 0; i < 6; ++i) body += "<p>" + std::to_string(i) + ". " + kParagraph + "</p>";
  const ExtractedPage page = ExtractPage(
      "<body><div class='entry-content'>" + body.substr(0, body.size() / 2) +
      "<figure><img src='/a.jpg'><figcaption>Reporters at the archive in Leeds.<span class='image-credit'>"
      "Photo: Jane Doe / Agency</span></figcaption></figure><p class='photo-copyright'>© Agency</p>" +
      body.substr(body.size() / 2) + "</div></body>",
      "");
  EXPECT_NE(page.text.find("Reporters at the archive in Leeds."), std::string::npos) << page.text;
  EXPECT_EQ(page.text.find("Jane Doe"), std::string::npos) << page.text;
  EXPECT_EQ(page.text.find("© Agency"), std::string::npos) << page.text;
}

TEST(MainContent, ATableStyledWithAHeaderRowIsNoPageHeader) {
  std::string body;
  for (int i = 0; i < 8; ++i) body += "<p>" + std::to_string(i) + ". " + kParagraph + "</p>";
  const ExtractedPage page = ExtractPage(
      "<body><article class='recipe'><h2>Ingredients</h2><table class='ingredients table-header'><thead><tr>"
      "<th colspan='2'>For the shortcrust:</th></tr></thead><tbody><tr><td>200 g</td><td>Flour</td></tr>"
      "<tr><td>100 g</td><td>Butter or margarine</td></tr><tr><td>1</td><td>Egg</td></tr></tbody></table>" +
      body + "</article></body>",
      "");
  EXPECT_NE(page.text.find("For the shortcrust:"), std::string::npos) << page.text;
  EXPECT_NE(page.text.find("Butter or margarine"), std::string::npos) << page.text;
}

TEST(MainContent, ALeadCalledSubtitleOrTeaserTextIsKeptWithTheBody) {
  std::string body;
  for (int i = 0; i < 6; ++i) body += "<p>" + std::to_string(i) + ". " + kParagraph + "</p>";
  for (const std::string lead : {"<p class='entry__subtitle'>", "<div class='teaser-text'><p>"}) {
    const ExtractedPage page = ExtractPage(
        "<html><body><div class='site'><header><h1>Grounded answers</h1>" + lead +
        "Newsrooms are testing retrieval for their archives, and the first results are promising.</p>" +
        (lead.starts_with("<div") ? "</div>" : "") + "</header><div class='entry-content'>" + body + "</div></div></body></html>",
        "");
    EXPECT_LT(page.text.find("Newsrooms are testing retrieval"), page.text.find("0. Retrieval")) << lead << page.text;
  }
}

TEST(MainContent, AWordPressCaptionGoesAndAPlainFigcaptionStays) {
  std::string body;
  for (int i = 0; i < 6; ++i) body += "<p>" + std::to_string(i) + ". " + kParagraph + "</p>";
  const ExtractedPage page = ExtractPage(
      "<body><div class='entry-content'>" + body.substr(0, body.size() / 2) +
      "<figure class='wp-block-image'><img src='/a.jpg'><figcaption class='wp-element-caption'>The newsroom's "
      "archive in Leeds, where the project started.</figcaption></figure>"
      "<div class='wp-caption'><img src='/b.jpg'><p class='wp-caption-text'>Reporters at work on the new index.</p></div>"
      "<figure><img src='/c.png'><figcaption>Figure 2: answers cite their sources.</figcaption></figure>" +
      body.substr(body.size() / 2) + "</div></body>",
      "");
  EXPECT_EQ(page.text.find("archive in Leeds"), std::string::npos) << page.text;
  EXPECT_EQ(page.text.find("Reporters at work"), std::string::npos) << page.text;
  EXPECT_NE(page.text.find("Figure 2: answers cite their sources."), std::string::npos) << page.text;
}

TEST(MainContent, TheDateLineAboveTheTextGoesAndADateInTheTextStays) {
  std::string body;
  for (int i = 0; i < 6; ++i) body += "<p>" + std::to_string(i) + ". " + kParagraph + "</p>";
  const ExtractedPage page = ExtractPage(
      "<body><div class='entry-content'><p>Aktualisiert am 03.04.2020, 10:12 Uhr</p><div><time>7. Oktober 2020</time></div>" +
      body + "<h3>12 March 2021</h3><p>The second release followed a year later.</p></div></body>",
      "");
  EXPECT_EQ(page.text.find("03.04.2020"), std::string::npos) << page.text;
  EXPECT_EQ(page.text.find("7. Oktober 2020"), std::string::npos) << page.text;
  EXPECT_NE(page.text.find("12 March 2021"), std::string::npos) << page.text;
}

TEST(MainContent, OnlyDatesReadAsADateLine) {
  std::string body;
  for (int i = 0; i < 6; ++i) body += "<p>" + std::to_string(i) + ". " + kParagraph + "</p>";
  const ExtractedPage page = ExtractPage(
      "<body><div class='entry-content'><p>Berlin, March 2021</p><p>Call 0761 123 4567</p>" + body + "</div></body>", "");
  EXPECT_NE(page.text.find("Berlin, March 2021"), std::string::npos) << page.text;
  EXPECT_NE(page.text.find("Call 0761 123 4567"), std::string::npos) << page.text;
}

TEST(MainContent, OnAPageThatScrollsIntoTheNextStoriesTheTitledArticleIsTheContent) {
  std::string first, next;
  for (int i = 0; i < 3; ++i) first += "<p>" + std::to_string(i) + ". Blessing of the vehicles, " + kParagraph + "</p>";
  for (int i = 0; i < 9; ++i) next += "<p>" + std::to_string(i) + ". The next story, " + kParagraph + "</p>";
  const ExtractedPage page = ExtractPage(
      "<html><head><title>Daily | Blessing of the vehicles on Saturday</title></head><body><main>"
      "<div class='scrollblock'><article class='entry-main-content'><h1>Blessing of the vehicles on Saturday</h1>" +
      first + "</article><ul class='more'><li><a href='/a'>A story</a></li><li><a href='/b'>B story</a></li></ul></div>"
      "<div class='scrollblock'><article class='entry-main-content'><h1>Another story entirely</h1>" + next +
      "</article><ul class='more'><li><a href='/c'>C story</a></li></ul></div></main></body></html>",
      "");
  EXPECT_NE(page.text.find("Blessing of the vehicles, "), std::string::npos) << page.text;
  EXPECT_EQ(page.text.find("The next story, "), std::string::npos) << page.text;
}

TEST(MainContent, APostShippedOnlyInNoscriptForReadersWithoutScriptsIsRead) {
  // Blogger's dynamic views: the post is a script template, and again plain in <noscript>.
  std::string post;
  for (int i = 0; i < 5; ++i) post += "<p>" + std::to_string(i) + ". " + kParagraph + "</p>";
  const ExtractedPage page = ExtractPage(
      "<body><noscript><img src='https://ad.example/pixel' alt=''>Please enable JavaScript.</noscript>"
      "<div class='post'><h3>Safer browsing</h3><div class='post-body'><div class='post-content'>"
      "<script type='text/template'>" + post + "</script><noscript><span class='byline-author'>Posted by the team</span>" +
      post + "</noscript></div></div></div><div class='sidebar'><h2>Archive</h2><ul><li><a href='/2020'>2020</a></li></ul></div></body>",
      "");
  EXPECT_NE(page.text.find("0. Retrieval augmented generation"), std::string::npos) << page.text;
  EXPECT_NE(page.text.find("4. Retrieval augmented generation"), std::string::npos) << page.text;
  EXPECT_EQ(page.text.find("enable JavaScript"), std::string::npos) << page.text;
}

TEST(MainContent, AListHiddenOnPhonesOnlyIsContent) {
  // Bootstrap's "hidden-xs" hides the list on a phone; a desktop reader sees it.
  std::string body;
  for (int i = 0; i < 8; ++i) body += "<p>" + std::to_string(i) + ". " + kParagraph + "</p>";
  const ExtractedPage page = ExtractPage(
      "<html><head><title>Desktop</title></head><body><main><h1>Desktop</h1>" + body +
      "<div class='features'><ul class='hidden-xs'><li>Quickly move files, apps and more between the two systems</li>"
      "<li>Run the other system's programs side by side with yours</li></ul></div>"
      "<ul class='hidden-lg'><li>Download the phone app from the store today for free</li></ul></main></body></html>",
      "");
  EXPECT_NE(page.text.find("Quickly move files"), std::string::npos) << page.text;
}

TEST(MainContent, APostThatIsAListOfLinksIsKept) {
  // A digest of bookmarks: every item a link and where it came from. The list is the post.
  std::string items;
  for (int i = 0; i < 12; ++i) {
    items += "<li><p><a href='https://news.example/" + std::to_string(i) + "'>Story number " + std::to_string(i) +
             " about the press and the state</a></p><p>via <a href='https://news.example'>https://news.example</a></p></li>";
  }
  const ExtractedPage page = ExtractPage(
      "<html><head><title>Links of the day</title></head><body><article class='post'><div class='entry-wrapper'>"
      "<h1>Links of the day</h1><div class='entry-content'><ul class='linkroll'>" + items +
      "</ul></div></div></article><div class='sidebar'><p>A cookie notice that is long enough to be a paragraph of text, "
      "with commas, and more words, so that it scores as a paragraph would.</p></div></body></html>",
      "");
  EXPECT_NE(page.text.find("Story number 0 about the press"), std::string::npos) << page.text;
  EXPECT_NE(page.text.find("Story number 11 about the press"), std::string::npos) << page.text;
}

TEST(MainContent, DrupalSevensFieldLabelHiddenIsNoEvidence) {
  // Drupal 7 marks a field whose label is not shown "field-label-hidden": the field is shown.
  std::string body;
  for (int i = 0; i < 6; ++i) body += "<p>" + std::to_string(i) + ". " + kParagraph + "</p>";
  const ExtractedPage page = ExtractPage(
      "<html><head><title>Porridge</title></head><body><article class='node'><h1>Porridge</h1>"
      "<div class='field field-name-body'>" + body +
      "<div class='field field-name-field-steps field-label-hidden'><p>Bring the oat drink to the boil with the flakes, "
      "then let it simmer for two minutes.</p></div></div></article></body></html>",
      "");
  EXPECT_NE(page.text.find("Bring the oat drink to the boil"), std::string::npos) << page.text;
}

TEST(MainContent, ProseBetweenPicturesIsNotAGallery) {
  // A forum post written between <br>s, with smileys: more pictures than paragraphs, yet prose.
  std::string body;
  for (int i = 0; i < 6; ++i) body += "<p>" + std::to_string(i) + ". " + kParagraph + "</p>";
  const ExtractedPage page = ExtractPage(
      "<html><head><title>Update</title></head><body><main><h1>Update</h1>" + body +
      "<div class='post'><div class='postbody'>That was not the update yet, only the announcement of it, as far as "
      "I can tell <img src='/s/smile.gif'> and the real one comes later.<br>Installing it on the device, the phone or "
      "the tablet takes a few minutes <img src='/s/wink.gif'> so plan a little time for it.<br>It went fine for me on "
      "all three, without any trouble at all <img src='/s/grin.gif'></div></div></main></body></html>",
      "");
  EXPECT_NE(page.text.find("That was not the update yet"), std::string::npos) << page.text;
}

TEST(MainContent, ProseWithLinkedWordsIsNotALinkWidget) {
  // The ingredients link to a glossary, the steps are prose: a link density of about a third.
  std::string body;
  for (int i = 0; i < 6; ++i) body += "<p>" + std::to_string(i) + ". " + kParagraph + "</p>";
  const ExtractedPage page = ExtractPage(
      "<html><head><title>Porridge</title></head><body><main><h1>Porridge</h1>" + body +
      "<div class='tabs'><dl><dd>300 ml <a href='/g/oat-drink'>oat drink</a></dd><dd>80 g <a href='/g/oats'>rolled oats</a></dd>"
      "<dd>1 pinch <a href='/g/vanilla'>vanilla powder</a></dd><dd>1 pinch <a href='/g/cinnamon'>cinnamon powder</a></dd>"
      "<dd>3 tbsp <a href='/g/linseed'>crushed linseed</a></dd><dd>2 tbsp <a href='/g/hazelnuts'>chopped hazelnuts</a></dd>"
      "<dd>2 small <a href='/g/apples'>apples, sweet and sour</a></dd><dd>1 tsp <a href='/g/honey'>honey from the meadow</a></dd></dl>"
      "<div><p>Bring the oat drink with the oats, vanilla, cinnamon and linseed to the boil in a pot and let it simmer for "
      "about two minutes. Then take it off the heat and let it swell for about ten minutes.</p>"
      "<p>Toast the nuts in a dry pan. Wash the apples, halve them, core them and cut them into small cubes. Serve the "
      "porridge with the apples and nuts.</p></div></div></main></body></html>",
      "");
  EXPECT_NE(page.text.find("Bring the oat drink with the oats"), std::string::npos) << page.text;
  EXPECT_NE(page.text.find("Toast the nuts in a dry pan"), std::string::npos) << page.text;
}

TEST(MainContent, HalfTheArticleInANegativeClassIsKept) {
  // The rest of a press release continues in a layout box whose class says "media".
  std::string first, rest;
  for (int i = 0; i < 6; ++i) first += "<p>" + std::to_string(i) + ". " + kParagraph + "</p>";
  for (int i = 0; i < 7; ++i) rest += "<p>Continued " + std::to_string(i) + ". " + kParagraph + "</p>";
  const ExtractedPage page = ExtractPage(
      "<html><head><title>Release</title></head><body><main><h1>Release</h1>" + first +
      "<div class='o-media o-media--left'><figure><img src='/a.jpg' alt=''></figure><div class='o-media__body'>" + rest +
      "</div></div></main></body></html>",
      "");
  EXPECT_NE(page.text.find("Continued 0. "), std::string::npos) << page.text;
  EXPECT_NE(page.text.find("Continued 6. "), std::string::npos) << page.text;
}

TEST(MainContent, AnIntroductionBeforeNestedSectionsIsKeptWithThem) {
  // A guide whose article holds its introduction, then sections nested four deep: the deepest
  // section scores highest, and each section above it lower, so Readability's walk up stopped there.
  std::string intro, deep;
  for (int i = 0; i < 2; ++i) {
    intro += "<p>Intro " + std::to_string(i) +
             ": We tried Chroma, Qdrant, Weaviate, Milvus, pgvector, Redis, Elastic, Vespa, LanceDB, and FAISS, "
             "in that order.</p>";
  }
  for (int i = 0; i < 6; ++i) deep += "<p>Deep " + std::to_string(i) + ": " + kParagraph + "</p>";
  std::string sections = "<section>" + deep + "</section>";
  for (int i = 0; i < 4; ++i) sections = "<section><h2>Part " + std::to_string(i) + "</h2>" + sections + "</section>";
  const ExtractedPage page = ExtractPage("<html><head><title>Guide</title></head><body><main><article><h1>Guide</h1>"
                                         "<section>" + intro + "</section>" + sections + "</article></main></body></html>",
                                         "");
  EXPECT_NE(page.text.find("Intro 0: We tried Chroma"), std::string::npos) << page.text;
  EXPECT_NE(page.text.find("Deep 5: Retrieval augmented generation"), std::string::npos) << page.text;
}

TEST(MainContent, ReadersCommentBodiesGoEvenInALayoutTable) {
  // An old blog's template: the post and its comments side by side in a layout table's cell, each
  // comment a "comments-body" whose "body" alone would have saved it.
  std::string post, comments;
  for (int i = 0; i < 5; ++i) post += "<p>" + std::to_string(i) + ". " + kParagraph + "</p>";
  for (int i = 0; i < 3; ++i) {
    comments += "<div class='comments-body'><p>Reader " + std::to_string(i) +
                " writes: I dislike the term, it means nothing, and it is vague, so I think we should stop.</p><p>" +
                kParagraph + "</p><p>" + kParagraph +
                "</p><span class='comments-post'>Posted by: Reader at December 18, 2025</span></div>";
  }
  const ExtractedPage page = ExtractPage(
      "<body><table><tr><td class='blog'><h2>Vibe coding</h2><div class='blogbody'>" + post +
      "</div><div class='comments-head'>Comments</div>" + comments + "</td></tr></table></body>",
      "");
  EXPECT_NE(page.text.find("4. Retrieval augmented generation"), std::string::npos) << page.text;
  EXPECT_EQ(page.text.find("I dislike the term"), std::string::npos) << page.text;
}

TEST(MainContent, AWordForContentInTheSameClassTokenAsFurnitureDoesNotSaveIt) {
  // "related-content" is the related box's content, not the article's; "toc-content-sidebar", a
  // content column named before the sidebar beside it, and a class token of its own stay.
  std::string post, teasers;
  for (int i = 0; i < 5; ++i) post += "<p>" + std::to_string(i) + ". " + kParagraph + "</p>";
  for (int i = 0; i < 3; ++i) {
    teasers += "<h3>Healthy and comfortable home flooring " + std::to_string(i) +
               "</h3><p>Maintaining good levels of indoor air quality can make a home a comfortable and safe place to "
               "enjoy every moment, and the floor you choose plays a bigger part in it than you may think.</p>";
  }
  const ExtractedPage page = ExtractPage(
      "<body><article><h1>Ten steps to a great interior</h1><div class='post'>" + post +
      "</div><div class='related-content-container'>" + teasers + "</div></article></body>",
      "");
  EXPECT_NE(page.text.find("4. Retrieval augmented generation"), std::string::npos) << page.text;
  EXPECT_EQ(page.text.find("Healthy and comfortable home flooring"), std::string::npos) << page.text;
  const ExtractedPage grid = ExtractPage(
      "<body><div class='grid-toc-content-sidebar'><div class='entry-content related-posts'>" + post + "</div></div></body>", "");
  EXPECT_NE(grid.text.find("4. Retrieval augmented generation"), std::string::npos) << grid.text;
}

TEST(MainContent, TheSitesNoteThatItsLinksEarnACommissionGoes) {
  // The note in the site's voice goes; a sentence about affiliate links as the topic stays.
  std::string post;
  for (int i = 0; i < 5; ++i) post += "<p>" + std::to_string(i) + ". " + kParagraph + "</p>";
  const ExtractedPage page = ExtractPage(
      "<body><article><h1>The best espresso machines</h1><p>Disclosure: this post contains affiliate links. If you "
      "use them to make a purchase, we may earn a small commission.</p>" + post +
      "<p>Streamers earn a commission when viewers buy games or gear via affiliate links in the stream's panel.</p>"
      "</article></body>",
      "");
  EXPECT_NE(page.text.find("4. Retrieval augmented generation"), std::string::npos) << page.text;
  EXPECT_EQ(page.text.find("this post contains affiliate links"), std::string::npos) << page.text;
  EXPECT_NE(page.text.find("Streamers earn a commission"), std::string::npos) << page.text;
}

TEST(MainContent, TheLegalLineUnderASignupFormGoes) {
  // "By signing up, you agree..." under a form goes; a sentence starting "By providing customers"
  // with no terms to agree to stays.
  std::string post;
  for (int i = 0; i < 5; ++i) post += "<p>" + std::to_string(i) + ". " + kParagraph + "</p>";
  const ExtractedPage page = ExtractPage(
      "<body><article><h1>A laptop deal</h1>" + post +
      "<p>By providing customers with relevant deals and information, businesses can improve loyalty.</p>"
      "<div><p>Get deals texted right to your phone!</p><p>By signing up, you agree to receive recurring automated SMS "
      "marketing messages at the number provided. Msg and data rates may apply.</p></div></article></body>",
      "");
  EXPECT_NE(page.text.find("4. Retrieval augmented generation"), std::string::npos) << page.text;
  EXPECT_NE(page.text.find("By providing customers"), std::string::npos) << page.text;
  EXPECT_EQ(page.text.find("By signing up, you agree"), std::string::npos) << page.text;
}

TEST(MainContent, ALastUpdatedLineUnderTheTextGoes) {
  // "Last updated on <date>" goes under the text as over it; a dated line of the text stays.
  std::string post;
  for (int i = 0; i < 5; ++i) post += "<p>" + std::to_string(i) + ". " + kParagraph + "</p>";
  const ExtractedPage page = ExtractPage(
      "<body><article><h1>Yosemite in winter</h1>" + post +
      "<h3>June 2, 2025</h3><p>We reached the valley at dawn, and the river was loud with the melting snow.</p>"
      "<p class='modified'>Last updated on November 24, 2025</p><p><em>Last reviewed January 2023</em></p>"
      "</article></body>",
      "");
  EXPECT_NE(page.text.find("4. Retrieval augmented generation"), std::string::npos) << page.text;
  EXPECT_NE(page.text.find("June 2, 2025"), std::string::npos) << page.text;
  EXPECT_EQ(page.text.find("Last updated"), std::string::npos) << page.text;
  EXPECT_EQ(page.text.find("Last reviewed"), std::string::npos) << page.text;
}

TEST(MainContent, APostViewCounterGoes) {
  // WordPress view counters ("Top 10", "Post Views Counter") under the post.
  std::string post;
  for (int i = 0; i < 5; ++i) post += "<p>" + std::to_string(i) + ". " + kParagraph + "</p>";
  const ExtractedPage page = ExtractPage(
      "<body><article><h1>A year in the garden</h1><div class='entry-content'>" + post +
      "<div class='tptn_counter' id='tptn_counter_1286858'>(Visited 1,902 times, 364 visits today)</div>"
      "<div class='post-views entry-meta'><span class='post-views-count'>30</span></div></div></article></body>",
      "");
  EXPECT_NE(page.text.find("4. Retrieval augmented generation"), std::string::npos) << page.text;
  EXPECT_EQ(page.text.find("Visited 1,902 times"), std::string::npos) << page.text;
}

TEST(MainContent, AHeadingLeftAtTheEndOfTheTextGoes) {
  // "Recommended Stories" heads a list of links that cleaning takes out; the heading alone at the
  // end goes with it. A heading followed by its text stays.
  std::string post;
  for (int i = 0; i < 8; ++i) post += "<p>" + std::to_string(i) + ". " + kParagraph + "</p>";
  const ExtractedPage page = ExtractPage(
      "<body><article><h1>Stress at work</h1><h2>What helps</h2>" + post +
      "<h3>Recommended Stories</h3><ul><li><a href='/a'>Ten ways to relax</a></li><li><a href='/b'>Sleep better"
      "</a></li><li><a href='/c'>Breathing at the desk</a></li></ul></article></body>",
      "");
  EXPECT_NE(page.text.find("What helps"), std::string::npos) << page.text;
  EXPECT_NE(page.text.find("7. Retrieval augmented generation"), std::string::npos) << page.text;
  EXPECT_EQ(page.text.find("Recommended Stories"), std::string::npos) << page.text;
}

TEST(MainContent, ProseBesideTheArticleInItsOwnWrappersIsMerged) {
  // The introduction's paragraphs and the FAQ's answers sit three wrappers deep, where
  // Readability's scores do not reach their sibling of the article's body.
  const auto nested = [](const std::string& cls, const std::string& paragraphs) {
    return "<div class='" + cls + "'><div class='row'><div class='col'>" + paragraphs + "</div></div></div>";
  };
  std::string body;
  for (int i = 0; i < 12; ++i) body += "<p>" + std::to_string(i) + ". " + kParagraph + "</p>";
  const std::string intro =
      "<p>Most teams ship a chatbot first and ask what it should know later, which is backwards for "
      "several reasons that this guide walks through one by one, with the numbers we measured.</p>"
      "<p>We start with the documents, because a model can only cite what it was given, and the "
      "documents decide what the answers can ever be, whatever the prompt says about them.</p>";
  const std::string faq =
      "<p>What does retrieval cost per question? About a tenth of the generation itself on our "
      "hardware, measured over a week of real traffic with the cache turned off on purpose.</p>"
      "<p>Can the index be rebuilt without downtime? Yes: build the new one beside the old, then swap "
      "the alias once the new one answers the test questions as well as the old one did.</p>"
      "<p>Which embedding model should we start with? The small one your team can run itself: a "
      "larger model gains a few points of recall, and costs a great deal more to serve.</p>";
  const std::string plea =
      "<p>If you enjoyed this article, we would like to ask for your support today, because good "
      "journalism costs money and advertising alone has never paid for the reporting we do here.</p>"
      "<p>Every reader who gives helps keep our coverage free for everyone, whatever they can "
      "afford, and independent of the companies and institutions that we write about every week.</p>"
      "<p>It takes a minute to give once or every month, and you can stop whenever you like, with "
      "no questions asked and no forms to fill in, from the page of your own account.</p>";
  const std::string html =
      "<html><head><title>Retrieval first</title></head><body><main><div class='node'>" + nested("intro", intro) +
      "<div class='field field--name-body'>" + body + "</div>" + nested("field field--name-faq", faq) +
      nested("support-plea", plea) + "</div></main></body></html>";
  const ExtractedPage page = ExtractPage(html, "https://blog.example.com/retrieval-first");
  EXPECT_NE(page.text.find("11. Retrieval augmented generation"), std::string::npos) << page.text;
  EXPECT_NE(page.text.find("Most teams ship a chatbot first"), std::string::npos) << page.text;
  EXPECT_NE(page.text.find("Can the index be rebuilt"), std::string::npos) << page.text;
  EXPECT_EQ(page.text.find("If you enjoyed this article"), std::string::npos) << page.text;
}

TEST(MainContent, AFigureIsAPartOfTheArticleNeverTheArticle) {
  // An unclosed table in a figure swallows the text after it; the paragraphs before the figure
  // are still the article's.
  std::string swallowed;
  for (int i = 0; i < 30; ++i) swallowed += "<p>" + std::to_string(i) + ". " + kParagraph + "</p>";
  const std::string html =
      "<html><head><title>French presses</title></head><body><main><div class='page'>"
      "<div class='block'><p>When making coffee at home, there is no easier way to brew a good cup than with a French "
      "press.</p></div><div class='block'><p>All French presses work the same way: the grounds steep, then the filter "
      "is pressed down.</p></div>"
      "<figure class='table-block'><div class='table-wrapper'><table><tr><td>Clara</td><td>Steel</td></tr></table>" +
      swallowed + "</div></figure></div></main><footer>Site footer</footer></body></html>";
  const ExtractedPage page = ExtractPage(html, "https://food.example.com/french-press");
  EXPECT_NE(page.text.find("When making coffee at home"), std::string::npos) << page.text;
  EXPECT_NE(page.text.find("All French presses work"), std::string::npos) << page.text;
  EXPECT_NE(page.text.find("29. Retrieval augmented generation"), std::string::npos) << page.text;
}

TEST(MainContent, AHeadingStyledAsAHeaderIsKeptAndAModulesHeaderIsNot) {
  // Substack puts class="header-anchor-post" on every <h2> of a post; a class that ends in
  // "header" titles a module or a card, and goes with the page's other furniture.
  std::string body;
  for (int i = 0; i < 3; ++i) body += "<p>" + std::to_string(i) + ". " + kParagraph + "</p>";
  const std::string html =
      "<html><head><title>Edge first</title></head><body><article><div class='body markup'>" + body +
      "<h2 class='header-anchor-post'>The cloud is not the computer<div class='header-anchor-parent'>"
      "<button aria-label='Link'></button></div></h2>" +
      body + "<h2 class='headerTitle'>Software must survive reality</h2>" + body +
      "<h2 class='et_pb_module_header'>Our tutoring programs</h2>" + body + "</div></article></body></html>";
  const ExtractedPage page = ExtractPage(html, "https://blog.example.com/edge-first");
  EXPECT_NE(page.markdown.find("## The cloud is not the computer"), std::string::npos) << page.markdown;
  EXPECT_NE(page.markdown.find("## Software must survive reality"), std::string::npos) << page.markdown;
  EXPECT_EQ(page.markdown.find("Our tutoring programs"), std::string::npos) << page.markdown;
}

TEST(MainContent, AListiclesHeadingThatLinksToItsSubjectIsKeptOverItsProse) {
  // Each item: <header><h3><a>name</a></h3></header> over the paragraphs about it. The wrapper is
  // all link, but it heads prose; a teaser's linked headline has no prose of the article after it.
  std::string items;
  for (const char* trail : {"White Oak Bayou Trail", "Brays Bayou Greenway", "Buffalo Bayou Park"}) {
    items += std::string("<section class='c-listicle-block'><header><h3><a href='https://parks.example.org/'>") + trail +
             "</a></h3></header><main><p>" + trail + " first: " + kParagraph + "</p><p>" + trail + " then: " + kParagraph +
             "</p></main></section>";
  }
  const std::string html =
      "<html><head><title>The best trails</title></head><body><article class='story'><div class='story-body'>"
      "<p>" + kParagraph + "</p>" + items +
      "<div class='next'><header><h3><a href='/other-story'>Another story of ours</a></h3></header>"
      "<div><a href='/a'>First other story, with its picture</a> <a href='/b'>Second other story</a></div></div>"
      "</div></article></body></html>";
  const ExtractedPage page = ExtractPage(html, "https://magazine.example.com/best-trails");
  EXPECT_NE(page.markdown.find("### White Oak Bayou Trail"), std::string::npos) << page.markdown;
  EXPECT_NE(page.markdown.find("### Buffalo Bayou Park"), std::string::npos) << page.markdown;
  EXPECT_EQ(page.markdown.find("Another story of ours"), std::string::npos) << page.markdown;
}

TEST(MainContent, SectionsOfOnePageBuilderComponentAreOneArticle) {
  // A page builder repeats one section component down the page, each deep in wrappers: the tips
  // (the best block) and three shorter sections of the same shape around it (an introduction, a
  // why, a closing word) are one article, though they add under 1.75x the tips' prose.
  const auto section = [](const std::string& name, int paragraphs) {
    std::string text = "<h2>" + name + "</h2>";
    for (int i = 0; i < paragraphs; ++i) text += "<p>" + name + " " + std::to_string(i) + ". " + kParagraph + "</p>";
    return "<section class='vds-flex vds-w_51'><div class='box'><div class='box'><div class='grid'><div class='box'>"
           "<div class='rich-text'>" + text + "</div></div></div></div></div></section>";
  };
  const ExtractedPage page = ExtractPage(
      "<body><nav><a href='/'>Home</a></nav><main><div class='page-column'>" + section("Introduction", 1) +
          section("Why it matters", 2) + section("Seven tips", 8) + section("Closing word", 1) +
          "</div></main><footer><p>Copyright 2025 Example Inc.</p></footer></body>",
      "");
  EXPECT_NE(page.text.find("Seven tips 7."), std::string::npos) << page.text;
  EXPECT_NE(page.text.find("Introduction 0."), std::string::npos) << page.text;
  EXPECT_NE(page.text.find("Why it matters 1."), std::string::npos) << page.text;
  EXPECT_NE(page.text.find("Closing word 0."), std::string::npos) << page.text;
}

TEST(MainContent, AWidgetHoldingAReviewIsTheArticles) {
  // A review template calls each product's box a widget: its name and its prose are the article's.
  // An affiliate widget is an advertisement, however much it says.
  std::string intro;
  for (int i = 0; i < 4; ++i) intro += "<p>" + std::to_string(i) + ". " + kParagraph + "</p>";
  const std::string review = "<p>The Nitro keeps getting better, with a bright screen and a battery that lasts. " + kParagraph +
                             "</p><p>Its gaming performance matches the last generation. " + kParagraph + "</p>";
  const ExtractedPage page = ExtractPage(
      "<body><article><h1>The best laptops</h1>" + intro +
          "<div class='c-product-widget'><div class='c-product-widget__name'>Acer Nitro 16 gaming laptop (2023)</div>"
          "<div class='c-product-widget__content'>" + review + "</div></div>"
          "<div class='wp-block-affiliate-widget'><p>Upgrade now and get 50% off for three months. " + kParagraph +
          "</p><p>This is a paid placement. " + kParagraph + "</p></div>" + intro + "</article></body>",
      "");
  EXPECT_NE(page.text.find("Acer Nitro 16 gaming laptop"), std::string::npos) << page.text;
  EXPECT_NE(page.text.find("The Nitro keeps getting better"), std::string::npos) << page.text;
  EXPECT_NE(page.text.find("Its gaming performance"), std::string::npos) << page.text;
  EXPECT_EQ(page.text.find("Upgrade now"), std::string::npos) << page.text;
}

TEST(MainContent, AHeadingWithAPermalinkAnchorClassIsNoPageHeader) {
  // Substack's section headings are "<h2 class='header-anchor-post'>" (markdown-it-anchor names its
  // permalink "header-anchor"): the heading's anchor, not the page's header.
  std::string post;
  for (int i = 0; i < 3; ++i) post += "<p>" + std::to_string(i) + ". " + kParagraph + "</p>";
  const ExtractedPage page = ExtractPage(
      "<body><article><h1>Edge first</h1>" + post + "<h2 class='header-anchor-post'>Why the edge wins</h2>" + post +
          "<h3 class='header-anchor-post'>What it costs</h3>" + post + "</article></body>",
      "");
  EXPECT_NE(page.text.find("Why the edge wins"), std::string::npos) << page.text;
  EXPECT_NE(page.text.find("What it costs"), std::string::npos) << page.text;
}

TEST(MainContent, ThePostsArticleElementHoldsItsSplitText) {
  // A page builder splits the post into containers of its own ids inside the post's <article>: the
  // shorter first one (the introduction) is the article's too, though it adds under 1.75x.
  const auto box = [](const std::string& id, const std::string& name, int paragraphs) {
    std::string text;
    for (int i = 0; i < paragraphs; ++i) text += "<p>" + name + " " + std::to_string(i) + ". " + kParagraph + "</p>";
    return "<div class='e-con e-parent elementor-element-" + id + "'><div class='e-con-inner'><div class='elementor-element-" +
           id + "x'><div class='text-editor'>" + text + "</div></div></div></div>";
  };
  const ExtractedPage page = ExtractPage(
      "<body><nav><a href='/'>Home</a></nav><main><article class='post'><div class='elementor-doc'>" + box("98fbbca", "Intro", 3) +
          box("fb50472", "Types", 8) + "</div></article></main><footer><p>Copyright 2025 Example Inc.</p></footer></body>",
      "");
  EXPECT_NE(page.text.find("Types 7."), std::string::npos) << page.text;
  EXPECT_NE(page.text.find("Intro 0."), std::string::npos) << page.text;
}

TEST(MainContent, AStoryCardsCutExcerptGoes) {
  // The site's other stories under the article: a linked headline and an excerpt cut off mid-word.
  // The author's own line ending in an ellipsis stays.
  std::string post;
  for (int i = 0; i < 5; ++i) post += "<p>" + std::to_string(i) + ". " + kParagraph + "</p>";
  std::string cards;
  for (int i = 0; i < 3; ++i) {
    cards += "<article class='article'><div class='title'><a href='/news/" + std::to_string(i) +
             "'>Police mount an exhibition for crime prevention</a></div><div class='date'>December 19, 2025</div>"
             "<div class='body'>THE ROYAL POLICE FORCE mounted an exhibition on Wednesday, December 17, as part of its"
             " annual Crime Prevention Wee...</div></article>";
  }
  const ExtractedPage page = ExtractPage(
      "<body><div class='post'><h1>Enrolment now open</h1>" + post +
      "<p>So the classes begin in January, and then we will see...</p></div>" + cards + "</body>",
      "");
  EXPECT_NE(page.text.find("4. Retrieval augmented generation"), std::string::npos) << page.text;
  EXPECT_NE(page.text.find("then we will see..."), std::string::npos) << page.text;
  EXPECT_EQ(page.text.find("THE ROYAL POLICE"), std::string::npos) << page.text;
}

TEST(MainContent, AListOfLinksGoesWhateverTheCommasOfItsTitles) {
  // Ten commas keep a block (Readability.js), but commas inside link titles are no prose.
  std::string post;
  for (int i = 0; i < 6; ++i) post += "<p>" + std::to_string(i) + ". " + kParagraph + "</p>";
  std::string sources;
  for (int i = 0; i < 8; ++i) {
    sources += "<li><a href='https://example.org/" + std::to_string(i) + "'>Statista, Education, Science " +
               std::to_string(i) + "</a></li>";
  }
  const ExtractedPage page = ExtractPage("<body><article><h1>The cost of college</h1>" + post + "<ol>" + sources +
                                             "</ol></article></body>",
                                         "");
  EXPECT_NE(page.text.find("5. Retrieval augmented generation"), std::string::npos) << page.text;
  EXPECT_EQ(page.text.find("Statista"), std::string::npos) << page.text;
}

TEST(MainContent, ACardForAnotherStoryGoes) {
  // Cards under the article: a headline that is a link, over a short summary. A card of the
  // article's own, headed by plain text, stays.
  std::string post;
  for (int i = 0; i < 6; ++i) post += "<p>" + std::to_string(i) + ". " + kParagraph + "</p>";
  std::string cards;
  for (int i = 0; i < 3; ++i) {
    cards += "<div class='row'><div class='ideas-list'><article class='card'><figure class='card-content'><h3><a href='/ideas/" +
             std::to_string(i) + "'>The Ultimate Elopement Checklist</a></h3><p>Although an elopement has fewer moving parts"
             " than a large wedding, there is still some advance planning you will want to do, because despite the simpler"
             " process there are plenty of important things to remember, from the license to the photographer.</p></figure></article></div></div><hr>";
  }
  const ExtractedPage page = ExtractPage(
      "<body><article><h1>The wedding checklist</h1>" + post +
      "<div class='card'><h3>Our tip</h3><p>Book the venue first, then the photographer, then the caterer.</p></div>" +
      cards + "</article></body>",
      "");
  EXPECT_NE(page.text.find("5. Retrieval augmented generation"), std::string::npos) << page.text;
  EXPECT_NE(page.text.find("Book the venue first"), std::string::npos) << page.text;
  EXPECT_EQ(page.text.find("elopement"), std::string::npos) << page.text;
}

TEST(MainContent, ATeaserBoxHeadedByALinkGoes) {
  // "teaser" and "tile" name a story's box on news sites as "card" does.
  std::string post;
  for (int i = 0; i < 6; ++i) post += "<p>" + std::to_string(i) + ". " + kParagraph + "</p>";
  const ExtractedPage page = ExtractPage(
      "<body><article><h1>Coronavirus update</h1>" + post +
      "<div class='teaser'><div class='teaserpadding'><h2><a href='/glossar.html'>Das Glossar zum Corona-Podcast</a>"
      "</h2><div class='teasertext'><p>Was ist eine Zellkultur? Was ist eine Zoonose? Und was bedeutet PCR? Unser Glossar"
      " erklärt die wichtigsten Fachbegriffe aus unserem Corona-Podcast mit dem Virologen, Schritt für Schritt und in"
      " einfachen Worten für alle Hörerinnen und Hörer.</p></div></div></div></article></body>",
      "");
  EXPECT_NE(page.text.find("5. Retrieval augmented generation"), std::string::npos) << page.text;
  EXPECT_EQ(page.text.find("Glossar"), std::string::npos) << page.text;
}

TEST(MainContent, ThePostsCategoriesAndTagsLineGoes) {
  // WordPress themes write "Posted in <categories> Tagged <tags>" under the post (cat-links,
  // tags-links): the site's filing of the post, not its words.
  std::string post;
  for (int i = 0; i < 6; ++i) post += "<p>" + std::to_string(i) + ". " + kParagraph + "</p>";
  const ExtractedPage page = ExtractPage(
      "<body><article><h1>Optimizing blockchains</h1>" + post +
      "<p class='content-post-details'><span class='cat-links d-block'>Posted in <a href='/c/1'>Blockchain</a>, "
      "<a href='/c/2'>Technologies</a></span><span class='tags-links d-block'>Tagged <a href='/t/1'>optimization</a>"
      "</span></p></article></body>",
      "");
  EXPECT_NE(page.text.find("5. Retrieval augmented generation"), std::string::npos) << page.text;
  EXPECT_EQ(page.text.find("Posted in"), std::string::npos) << page.text;
  EXPECT_EQ(page.text.find("Tagged"), std::string::npos) << page.text;
}

TEST(MainContent, AYouMayBeInterestedLabelGoesWithTheTeasersItHeads) {
  // "You may be interested in the following topics as well:" over one line per story, each with a
  // link in a sentence about it: the site's other pages.
  std::string post;
  for (int i = 0; i < 6; ++i) post += "<p>" + std::to_string(i) + ". " + kParagraph + "</p>";
  std::string items;
  for (int i = 0; i < 4; ++i) {
    items += "<li><p>Experience <a href='/blog/" + std::to_string(i) + "'>affordable AI learning</a> with our diverse offerings.</p></li>";
  }
  const ExtractedPage page = ExtractPage(
      "<body><article><h1>The best coding bootcamps</h1>" + post +
      "<div class='peerArticles'><h4>You may be interested in the following topics as well:</h4><ul>" + items +
      "</ul></div></article></body>",
      "");
  EXPECT_NE(page.text.find("5. Retrieval augmented generation"), std::string::npos) << page.text;
  EXPECT_EQ(page.text.find("interested"), std::string::npos) << page.text;
  EXPECT_EQ(page.text.find("affordable AI learning"), std::string::npos) << page.text;
}

TEST(MainContent, ABlogsExcerptOfAnotherPostGoes) {
  // WordPress ends the excerpts it lists with " […]" after the last word kept; an elision after a
  // sentence of the article's own quote stays.
  std::string post;
  for (int i = 0; i < 6; ++i) post += "<p>" + std::to_string(i) + ". " + kParagraph + "</p>";
  const ExtractedPage page = ExtractPage(
      "<body><article><h1>The best tutoring platforms</h1>" + post +
      "<p>Traffic has declined by nearly 20% from its peak in late 2022, according to a Stanford study. [...]</p>"
      "<div class='nav'><span class='nav__title'>Previous article</span><div class='post-box'>"
      "<span class='title'>Roadschooling</span><p class='except'>Roadschooling is a beneficial alternative to "
      "traditional education with a growing appeal among families, and every family with [&hellip;]</p></div></div>"
      "</article></body>",
      "");
  EXPECT_NE(page.text.find("5. Retrieval augmented generation"), std::string::npos) << page.text;
  EXPECT_NE(page.text.find("a Stanford study. [...]"), std::string::npos) << page.text;
  EXPECT_EQ(page.text.find("beneficial alternative"), std::string::npos) << page.text;
}

TEST(MainContent, APicturesCaptionThatCreditsThePictureGoes) {
  // A figcaption naming who took the picture describes the picture; a caption without a credit
  // stays.
  std::string post;
  for (int i = 0; i < 6; ++i) post += "<p>" + std::to_string(i) + ". " + kParagraph + "</p>";
  const ExtractedPage page = ExtractPage(
      "<body><article><h1>A year in the garden</h1>" + post.substr(0, post.size() / 2) +
      "<figure><img src='a.jpg'><figcaption>Above: The fluffy seedheads of the grass almost glow in the winter "
      "light. Photograph by Uli Lorimer.</figcaption></figure>"
      "<figure><img src='b.jpg'><figcaption>Our plan of the beds, as we drew it in spring before the first sowing."
      "</figcaption></figure>" +
      post.substr(post.size() / 2) + "</article></body>",
      "");
  EXPECT_NE(page.text.find("5. Retrieval augmented generation"), std::string::npos) << page.text;
  EXPECT_NE(page.text.find("Our plan of the beds"), std::string::npos) << page.text;
  EXPECT_EQ(page.text.find("fluffy seedheads"), std::string::npos) << page.text;
}

TEST(MainContent, ACaptionClassThatCreditsThePictureGoes) {
  // A caption in a block of class "caption" (no figcaption) goes as a figcaption does.
  std::string post;
  for (int i = 0; i < 6; ++i) post += "<p>" + std::to_string(i) + ". " + kParagraph + "</p>";
  const ExtractedPage page = ExtractPage(
      "<body><article><h1>Paris Baguette expands</h1>" + post.substr(0, post.size() / 2) +
      "<div class='image'><img src='a.jpg'><div class='image-caption'>Paris Baguette opened 80 units in North "
      "America this year. | Photo by Lisa Jennings</div></div>" +
      post.substr(post.size() / 2) + "</article></body>",
      "");
  EXPECT_NE(page.text.find("5. Retrieval augmented generation"), std::string::npos) << page.text;
  EXPECT_EQ(page.text.find("80 units"), std::string::npos) << page.text;
}

TEST(MainContent, AnImageDescriptionOrLegendThatCreditsThePictureGoes) {
  // "imagedescription", "legend", "Bildunterschrift" name a picture's caption too.
  std::string post;
  for (int i = 0; i < 6; ++i) post += "<p>" + std::to_string(i) + ". " + kParagraph + "</p>";
  const ExtractedPage page = ExtractPage(
      "<body><article><h1>Olympia in Peking</h1>" + post.substr(0, post.size() / 2) +
      "<p><img src='a.jpg'></p><p class='imagedescription uk-text-small'>Die Skifahrer bei der Besichtigung der "
      "Abfahrt am Montagmorgen. Foto: Marco Bertorello</p>" +
      post.substr(post.size() / 2) + "</article></body>",
      "");
  EXPECT_NE(page.text.find("5. Retrieval augmented generation"), std::string::npos) << page.text;
  EXPECT_EQ(page.text.find("Skifahrer"), std::string::npos) << page.text;
}

TEST(MainContent, AHeadingThatStartsWithATeaserLabelGoesWithItsLinks) {
  // "Mehr zum Thema auf UEPO.de", "Related articles that may interest you": a label and a few words.
  std::string post;
  for (int i = 0; i < 6; ++i) post += "<p>" + std::to_string(i) + ". " + kParagraph + "</p>";
  const ExtractedPage page = ExtractPage(
      "<body><article><h1>Das Glossar</h1>" + post +
      "<h3>Mehr zum Thema auf UEPO.de</h3><ul><li><a href='/a'>Die Ausbildung zum Patentanwalt</a></li>"
      "<li><a href='/b'>Das europäische Patent</a></li></ul><p>Stand: 2020. " + kParagraph + "</p></article></body>",
      "");
  EXPECT_NE(page.text.find("5. Retrieval augmented generation"), std::string::npos) << page.text;
  EXPECT_EQ(page.text.find("Mehr zum Thema"), std::string::npos) << page.text;
  EXPECT_EQ(page.text.find("Patentanwalt"), std::string::npos) << page.text;
}

}  // namespace
}  // namespace llmtwin
