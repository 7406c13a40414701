// The export readers on the real export files of testdata/fixtures/exports (see each PROVENANCE.md):
// every file's title, date, first and last sentence as a reader of that file sees them, the odd
// files the provenance notes list, and the same items from the unpacked folder and from a zip built
// here. Bad archives (not a zip, truncated, another kind, a file that does not parse) are one error
// naming the archive and the entry.
#include "crawl/platform_export.h"

#include <gtest/gtest.h>

#include <clocale>
#include <filesystem>
#include <map>

#include <nlohmann/json.hpp>

#include "common/error.h"
#include "support/zip_builder.h"

namespace llmtwin {
namespace {

namespace fs = std::filesystem;
using testing::FolderEntries;
using testing::ReadBytes;
using testing::WriteZip;
using testing::ZipEntry;

const fs::path kExports = fs::path(LLMTWIN_TESTDATA_DIR) / "fixtures/exports";

// Markdown as a reader reads it: no emphasis stars, no trailing space.
std::string Plain(std::string text) {
  std::erase(text, '*');
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  return text;
}

class ExportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("llmtwin-export-" + NewDocumentId());
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::vector<ExportItem> Read(std::string_view kind, const fs::path& path, const ExportOptions& options = {}) {
    std::vector<ExportItem> items;
    MakeExportReader(kind)->Read(ExportArchive(path), options, [&](ExportItem& item) { items.push_back(item); });
    return items;
  }
  std::map<std::string, ExportItem> ByEntry(const std::vector<ExportItem>& items) {
    std::map<std::string, ExportItem> out;
    for (const auto& item : items) out[item.entry] = item;
    return out;
  }
  fs::path Zip(const std::string& name, const std::vector<ZipEntry>& entries) {
    const fs::path path = dir_ / name;
    WriteZip(path, entries);
    return path;
  }
  // The message of the Error(kInvalidInput) reading `path` throws.
  std::string ErrorOf(std::string_view kind, const fs::path& path, const ExportOptions& options = {}) {
    try {
      Read(kind, path, options);
    } catch (const Error& e) {
      EXPECT_EQ(e.kind(), ErrorKind::kInvalidInput) << e.what();
      return e.what();
    }
    ADD_FAILURE() << "no error reading " << path;
    return {};
  }

  fs::path dir_;
};

struct MediumCase {
  const char* file;
  const char* link;
  const char* title;
  const char* subtitle;  // nullptr: none
  const char* published;
  const char* first;  // the body starts with it
  const char* last;   // ...and ends with it
};

TEST_F(ExportTest, EveryPublishedMediumStoryGivesItsTitleSubtitleDateAndWholeBody) {
  const MediumCase cases[] = {
      {"hashdag/posts/2020-03-04_In-which-we-ll-b--reduced-to-a-spectrum-of-gray--c259c4d25b0e.html",
       "https://medium.com/@hashdag/in-which-well-b%D0%B5-reduced-to-a-spectrum-of-gray-c259c4d25b0e",
       "In which we’ll bе reduced to a spectrum of gray*", "Why is Ethereum Ethereum", "2020-03-04T00:00:00Z",
       "Sure, Ethereum is great and all, but why?", "Originally published at https://blocklivenessmatters.com on March 4, 2020."},
      {"hashdag/posts/2021-09-22_Kaspa-launch-plan-9a63f4d754a6.html", "https://medium.com/@hashdag/kaspa-launch-plan-9a63f4d754a6",
       "Kaspa launch plan", nullptr, "2021-09-22T00:32:25Z", "tldr\n\n- launch Kaspa in gamenet mode",
       "the conflict should be resolved manually, which is a legitimate practice in a non-mainnet platform."},
      {"hashdag/posts/2025-04-04_In-which-we-are-all-faceless-until-we-have-faces--5f100e0555a4.html",
       "https://medium.com/@hashdag/in-which-we-are-all-faceless-until-we-have-faces-part-i-5f100e0555a4",
       "In which we are all faceless until we have faces*", "Ur of the Chaldees", "2025-04-04T16:09:53Z",
       "PROOF OF DWORK\n\nI am the sole culprit behind the recent sagas", "[2.] For now."},
      {"anlijudavid/posts/2016-12-21_Una-historia-hasta-Linux-Mint-19b8d31d45cf.html",
       "https://medium.com/@anlijudavid/una-historia-hasta-linux-mint-19b8d31d45cf", "Una historia hasta Linux Mint",
       nullptr /* Medium's made-up "…" subtitle is the first paragraph */, "2016-12-21T06:41:11Z",
       "Fue justo después de unos meses cuándo se originó una falla en el sistema de Compiz",
       "me gustaría saber tu experiencia con alguna distribución Linux. Hasta pronto."},
      {"anlijudavid/posts/2017-02-08_Pasos-para-crear-una-librer-a-para-NodeJS-fa49b17558b8.html",
       "https://medium.com/@anlijudavid/pasos-para-crear-una-librer%C3%ADa-para-nodejs-fa49b17558b8",
       "Pasos para crear una librería para NodeJS", "Creando una librería para generar nombres de gatos", "2017-02-08T05:04:53Z",
       "Probablemente tengas en mente desarrollar una librería para NodeJS.",
       "Me gustaría conocer la(s) librería(s) que has desarrollado. Gracias por leer."},
      {"anlijudavid/posts/2017-02-18_-tica--herramienta-de-transformaci-n-812a0e4bd0e8.html",
       "https://medium.com/@anlijudavid/%C3%A9tica-herramienta-de-transformaci%C3%B3n-812a0e4bd0e8",
       "Ética, herramienta de transformación", "Discurso corto", "2017-02-18T05:07:32Z",
       "Una de los negocios que más genera dinero son las iglesias",
       "---\n\nEstas fueron las palabras de un docente en clase de estadística."},
  };
  std::map<std::string, ExportItem> items;
  for (const char* author : {"hashdag", "anlijudavid"})
    for (auto& [entry, item] : ByEntry(Read("medium", kExports / "medium" / author))) items[std::string(author) + "/" + entry] = item;
  for (const MediumCase& c : cases) {
    SCOPED_TRACE(c.file);
    ASSERT_TRUE(items.count(c.file));
    const ExportItem& item = items[c.file];
    ASSERT_TRUE(item.article.has_value()) << item.skip_reason;
    const ArticleDocument& doc = *item.article;
    EXPECT_EQ(doc.platform, "medium");
    EXPECT_EQ(doc.link, c.link);
    EXPECT_EQ(doc.content.title, c.title);
    EXPECT_EQ(doc.content.subtitle, c.subtitle ? std::optional<std::string>(c.subtitle) : std::nullopt);
    EXPECT_EQ(doc.meta.published_at, c.published);
    EXPECT_EQ(doc.meta.source, "medium-export");
    const std::string body = Plain(doc.content.content);
    EXPECT_TRUE(body.starts_with(c.first)) << body.substr(0, 200);
    EXPECT_TRUE(body.ends_with(c.last)) << body.substr(body.size() > 200 ? body.size() - 200 : 0);
    // The title Medium repeats at the top of the body is gone.
    EXPECT_FALSE(body.starts_with(doc.content.title)) << body.substr(0, 100);
  }
}

TEST_F(ExportTest, MediumResponsesArePostsByDefaultAndLeftOutWithSkipResponses) {
  auto items = ByEntry(Read("medium", kExports / "medium/anlijudavid"));
  auto hashdag = ByEntry(Read("medium", kExports / "medium/hashdag"));
  const ExportItem& muy = items.at(
      "posts/2016-11-07_Muy-buenos-escritos--la-verdad-es-que-con-tus-historia-encontr--la-fuente-de-inspiraci-n-para-poder--aadb3774f318.html");
  ASSERT_TRUE(muy.post.has_value());
  EXPECT_EQ(muy.post->content.text,
            "Muy buenos escritos, la verdad es que con tus historia encontré la fuente de inspiración para poder escribir.");
  EXPECT_EQ(muy.post->meta.published_at, "2016-11-07T05:22:00Z");
  EXPECT_EQ(muy.post->extra.value("medium_kind", ""), "response");
  const ExportItem& hi = items.at(
      "posts/2017-01-08_Hi--it-is-very-interesting-what-you-write--I-would-like-to-know-your-way-of-working--Your-preferred--7a7f822db871.html");
  ASSERT_TRUE(hi.post.has_value());
  EXPECT_TRUE(hi.post->content.text.starts_with("Hi, it is very interesting what you write, I would like to know your way of working;"));
  EXPECT_TRUE(hi.post->content.text.ends_with("indispensable tools in your computer, etc.")) << hi.post->content.text;
  const ExportItem& jquery = items.at("posts/2019-09-05_Using-jQuery--1ac93c9a2606.html");
  ASSERT_TRUE(jquery.post.has_value());
  EXPECT_TRUE(jquery.post->content.text.starts_with("```\nfunction whenVisible(element, cb) {")) << jquery.post->content.text;
  EXPECT_TRUE(jquery.post->content.text.ends_with("Using jQuery."));
  const ExportItem& dyson = hashdag.at("posts/2022-07-06_Correct-Dyson-9d023446a5ca.html");
  ASSERT_TRUE(dyson.post.has_value());
  EXPECT_EQ(dyson.post->content.text, "Correct Dyson");  // a response's only paragraph is its title too: kept
  EXPECT_EQ(*dyson.post->link, "https://medium.com/@hashdag/correct-dyson-9d023446a5ca");

  ExportOptions skip;
  skip.skip_responses = true;
  int responses = 0;
  for (const auto& item : Read("medium", kExports / "medium/anlijudavid", skip)) {
    EXPECT_FALSE(item.post.has_value()) << item.entry;
    responses += item.skip_reason == "response";
  }
  EXPECT_EQ(responses, 3);
}

TEST_F(ExportTest, MediumDraftsAreSkippedUnlessAskedAndThenLinkedByTheirId) {
  for (const auto& item : Read("medium", kExports / "medium/anlijudavid"))
    if (item.entry.starts_with("posts/draft_")) {
      EXPECT_EQ(item.skip_reason, "draft") << item.entry;
    }
  ExportOptions drafts;
  drafts.include_drafts = true;
  auto items = ByEntry(Read("medium", kExports / "medium/anlijudavid", drafts));
  const ExportItem& untitled = items.at("posts/draft_post-ca71f6d1ee83.html");
  ASSERT_TRUE(untitled.article.has_value());
  EXPECT_EQ(untitled.article->content.title, "");  // <h1 class="p-name"></h1>
  EXPECT_EQ(untitled.article->link, "https://medium.com/p/ca71f6d1ee83");
  EXPECT_EQ(untitled.article->content.content, "```\nfunction() {}\n```");
  EXPECT_EQ(untitled.article->meta.published_at, "");
  EXPECT_TRUE(untitled.article->extra.value("draft", false));
  const ExportItem& dinero = items.at("posts/draft_Dinero--una-ambici-n-f4df623cb17d.html");
  ASSERT_TRUE(dinero.article.has_value());
  EXPECT_EQ(dinero.article->content.title, "Dinero, una ambición");
  EXPECT_EQ(dinero.article->content.subtitle.value_or(""), "Amor, una ilusión");
  EXPECT_TRUE(dinero.article->content.content.starts_with("- Vida, una historia"));  // the image without src is dropped
  EXPECT_TRUE(dinero.article->content.content.ends_with("- Pensar, ordenar ideas"));
  auto hashdag = ByEntry(Read("medium", kExports / "medium/hashdag", drafts));
  const ExportItem& notes = hashdag.at("posts/draft_the-emncipatoin-3fbbfae0fc1b.html");
  ASSERT_TRUE(notes.article.has_value());
  EXPECT_EQ(notes.article->content.title, "the emncipatoin");
  EXPECT_TRUE(notes.article->content.content.ends_with("https://twitter.com/VitalikButerin/status/1213789119358230528"));
  EXPECT_EQ(hashdag.at("posts/draft_Crypto-where-to--Part-I--f09925169ad9.html").article->link, "https://medium.com/p/f09925169ad9");
}

TEST_F(ExportTest, MediumZipWithNonAsciiNamesAndElevenDigitIdsReadsInTheCLocale) {
  const fs::path folder = kExports / "medium/anlijudavid/posts";
  std::string dyson = ReadBytes(kExports / "medium/hashdag/posts/2022-07-06_Correct-Dyson-9d023446a5ca.html");
  // A draft whose footer is gone: its id comes from the file name, 11 hex digits as some posts have.
  std::string draft = ReadBytes(folder / "draft_Dinero--una-ambici-n-f4df623cb17d.html");
  draft.erase(draft.find("<footer>"), draft.find("</footer>") + 9 - draft.find("<footer>"));
  const fs::path zip = Zip("medium.zip", {
      {"posts/2017-02-18_Ética--herramienta-de-transformación-812a0e4bd0e8.html",
       ReadBytes(folder / "2017-02-18_-tica--herramienta-de-transformaci-n-812a0e4bd0e8.html")},
      {"posts/draft_Dinero-95ad503c88c.html", draft},
      {"profile/about.html", "<p>not a post</p>"},
  });
  std::setlocale(LC_CTYPE, "C");
  ExportOptions drafts;
  drafts.include_drafts = true;
  const auto items = Read("medium", zip, drafts);
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(items[0].entry, "posts/2017-02-18_Ética--herramienta-de-transformación-812a0e4bd0e8.html");
  ASSERT_TRUE(items[0].article.has_value());
  EXPECT_EQ(items[0].article->content.title, "Ética, herramienta de transformación");
  EXPECT_EQ(items[1].link, "https://medium.com/p/95ad503c88c");
  EXPECT_EQ(items[1].article->extra.value("medium_post_id", ""), "95ad503c88c");
}

TEST_F(ExportTest, AZipAndItsUnpackedFolderGiveTheSameItems) {
  const fs::path zip = Zip("medium.zip", FolderEntries(kExports / "medium/hashdag", "medium-export/"));
  const auto from_folder = Read("medium", kExports / "medium/hashdag");
  const auto from_zip = Read("medium", zip);
  ASSERT_EQ(from_zip.size(), from_folder.size());
  for (size_t i = 0; i < from_zip.size(); ++i) {
    EXPECT_EQ(from_zip[i].entry, "medium-export/" + from_folder[i].entry);
    EXPECT_EQ(from_zip[i].link, from_folder[i].link);
    EXPECT_EQ(from_zip[i].skip_reason, from_folder[i].skip_reason);
    if (from_folder[i].article) {
      EXPECT_EQ(from_zip[i].article->content, from_folder[i].article->content);
    }
  }
}

struct SubstackCase {
  const char* post_id;
  const char* title;
  const char* subtitle;
  const char* published;
  const char* first;
  const char* last;
};

TEST_F(ExportTest, EveryPublishedSubstackPostGivesTitleDateAndWholeBodyUnderThePublicationUrl) {
  const SubstackCase cases[] = {
      {"166303444.keep-your-data-safe-a-practical-guide-to-setting-up-gpg-keys",
       "Keep Your Data Safe: A Practical Guide to Setting Up GPG Keys",
       "a step-by-step guide to use GNU Privacy Guard protocol to securely send and receive messages/data on the Internet",
       "2025-06-19T12:07:52Z", "GPG stands for GNU Privacy Guard.", "consider becoming a free or paid subscriber."},
      {"158640073.introducing-ckbtc-that-ignited-the", "Introducing ckBTC That Ignited the BTC Community",
       "Anna Cafe Chat Series Episode 3 on March 6, 2025 on ckBTC and Odin", "2025-03-08T11:43:30Z",
       "## Editor’s Note\n\nI didn’t speak on this panel", "consider becoming a free or paid subscriber."},
      {"158423921.unsubscribe-from-subreddits-in-bulk", "Unsubscribe from Subreddits in Bulk",
       "a handy trick that saved me 15 minutes of laborious manual button-pressing", "2025-03-24T09:01:40Z",
       "One of my takeaways from listening to the recent 5-hour podcast episode of Lex Fridman",
       "https://www.reddit.com/r/NewToReddit/comments/kaqtve/is_there_a_way_to_unsubscribe_from_subreddits_in"},
      {"158410607.is-the-future-of-agentic-ai-decentralized", "Is the Future of Agentic AI Decentralized?",
       "panel discussion from the Internet of Values 2055 Symposium - Hong Kong Chapter on Feb 22, 2055",
       "2025-03-05T15:02:59Z", "Event Page:", "https://x.com/icphub_SG/status/1892337949317963985"},
      {"156922042.icp2025x-ama", "ICP生态2025新年第一场X AMA - 华语", "Hosted by Yuku on Jan 3, 2025", "2025-02-11T13:51:51Z",
       "Spaces Link: https://x.com/i/spaces/1MnGnDkaZQYxO", "Total Tune-in: 577"},
      {"155903106.embrace-for-future-impact", "Embrace For Future Impact", "why I want to create this newsletter",
       "2025-01-28T07:04:36Z", "This newsletter is a journal of the tools and web services I use",
       "Please do your own research (DYOR)"},
  };
  ExportOptions options;
  options.publication_url = "https://digitalsovereignty.herbertyang.xyz/";  // a custom domain
  auto items = ByEntry(Read("substack", kExports / "substack/digitalsovereignty", options));
  for (const SubstackCase& c : cases) {
    SCOPED_TRACE(c.post_id);
    const ExportItem& item = items.at(std::string("posts/") + c.post_id + ".html");
    ASSERT_TRUE(item.article.has_value()) << item.skip_reason;
    const ArticleDocument& doc = *item.article;
    const std::string id(c.post_id);
    EXPECT_EQ(doc.link, "https://digitalsovereignty.herbertyang.xyz/p/" + id.substr(id.find('.') + 1));
    EXPECT_EQ(doc.platform, "substack");
    EXPECT_EQ(doc.content.title, c.title);
    EXPECT_EQ(doc.content.subtitle.value_or(""), c.subtitle);
    EXPECT_EQ(doc.meta.published_at, c.published);
    EXPECT_EQ(doc.extra.value("audience", ""), "everyone");
    EXPECT_FALSE(doc.meta.paywalled);
    const std::string body = Plain(doc.content.content);
    EXPECT_TRUE(body.starts_with(c.first)) << body.substr(0, 200);
    EXPECT_TRUE(body.ends_with(c.last)) << body.substr(body.size() > 200 ? body.size() - 200 : 0);
  }
  int drafts = 0;
  for (const auto& [entry, item] : items) drafts += item.skip_reason == "draft";
  EXPECT_EQ(drafts, 4);
}

TEST_F(ExportTest, SubstackDraftsWhenAskedTakeTheirTitleFromTheSlugAndTheSevenBytePostIsEmpty) {
  ExportOptions options;
  options.publication_url = "https://digitalsovereignty.substack.com";
  options.include_drafts = true;
  auto items = ByEntry(Read("substack", kExports / "substack/digitalsovereignty", options));
  EXPECT_EQ(items.at("posts/166316212.set.html").skip_reason, "empty");  // "<p></p>"
  const ExportItem& chat = items.at("posts/161930447.join-my-new-subscriber-chat.html");
  ASSERT_TRUE(chat.article.has_value()) << chat.skip_reason;
  EXPECT_EQ(chat.article->content.title, "Join my new subscriber chat");
  EXPECT_EQ(chat.article->link, "https://digitalsovereignty.substack.com/p/join-my-new-subscriber-chat");
  EXPECT_EQ(chat.article->meta.published_at, "");
  // A paid post is whole in the export: marked so, never paywalled.
  EXPECT_EQ(chat.article->extra.value("audience", ""), "only_paid");
  EXPECT_TRUE(chat.article->extra.value("paid_post_whole", false));
  EXPECT_FALSE(chat.article->meta.paywalled);
}

TEST_F(ExportTest, XArchiveGivesTheAuthorsTweetsUnescapedWithLinksExpandedAndNoRetweets) {
  const auto all = Read("x", kExports / "x/andreruffert");
  ASSERT_EQ(all.size(), 30u);
  auto items = ByEntry(all);
  int posts = 0, retweets = 0;
  for (const auto& item : all) {
    posts += item.post.has_value();
    retweets += item.skip_reason == "retweet";
  }
  EXPECT_EQ(posts, 26);
  EXPECT_EQ(retweets, 4);
  // Retweets cut with "…" are skipped like the others.
  EXPECT_EQ(items.at("data/tweets.js#1336006183182884864").skip_reason, "retweet");
  EXPECT_EQ(items.at("data/tweets.js#1310922373613449216").skip_reason, "retweet");

  const PostDocument& first = *items.at("data/tweets.js#1588091220244369409").post;
  EXPECT_EQ(first.platform, "x");
  EXPECT_EQ(*first.link, "https://x.com/andreruffert/status/1588091220244369409");  // handle from its own media link
  EXPECT_EQ(first.content.text, "Good morning #LeadDevBerlin 👋");                     // the photo's t.co link dropped
  EXPECT_EQ(first.image.value_or(""), "https://pbs.twimg.com/media/FgoIitdWAAAL87b.jpg");
  EXPECT_EQ(first.meta.published_at, "2022-11-03T08:50:26Z");
  const PostDocument& escaped = *items.at("data/tweets.js#1244662305805275136").post;
  EXPECT_TRUE(escaped.content.text.starts_with("@SaraSoueidan @CtrlBlog I've created a <progressive-image> custom element."))
      << escaped.content.text;
  EXPECT_TRUE(escaped.content.text.ends_with("https://github.com/andreruffert/progressive-image-element")) << escaped.content.text;
  EXPECT_EQ(escaped.meta.published_at, "2020-03-30T16:26:33Z");
  const PostDocument& dell = *items.at("data/tweets.js#1492180218991333383").post;
  EXPECT_TRUE(dell.content.text.ends_with(
      "\n\nhttps://www.dell.com/en-us/work/shop/ultrasharp-27-4k-usb-c-monitor-u2720q/apd/210-avjv/monitors-monitor-accessories"));
  EXPECT_EQ(dell.content.text.find("t.co"), std::string::npos);
  EXPECT_EQ(dell.extra.value("in_reply_to", ""), "shadeed9");

  ExportOptions no_replies;
  no_replies.skip_replies = true;
  int kept = 0, replies = 0;
  for (const auto& item : Read("x", kExports / "x/andreruffert", no_replies)) {
    kept += item.post.has_value();
    replies += item.skip_reason == "reply";
  }
  // 15 replies answer a tweet; the one addressed to @cyberport_de without answering one (no
  // in_reply_to_status_id) opens a conversation and is kept with the 10 other originals.
  EXPECT_EQ(replies, 15);
  EXPECT_EQ(kept, 11);
  EXPECT_EQ(items.at("data/tweets.js#1381525267932401665").post->extra.value("in_reply_to", ""), "cyberport_de");
}

TEST_F(ExportTest, XArchiveHandleComesFromAccountJsWhenTheArchiveHasIt) {
  auto entries = FolderEntries(kExports / "x/andreruffert", "twitter-2022-11-14/");
  entries.push_back({"twitter-2022-11-14/data/account.js",
                     "window.YTD.account.part0 = [\n  {\n    \"account\" : {\n      \"username\" : \"someone_else\"\n    }\n  }\n]"});
  const auto items = Read("x", Zip("x.zip", entries));
  ASSERT_FALSE(items.empty());
  EXPECT_EQ(items[0].link, "https://x.com/someone_else/status/1588091220244369409");
  EXPECT_EQ(items[0].entry, "twitter-2022-11-14/data/tweets.js#1588091220244369409");
}

TEST_F(ExportTest, BigXArchivesSplitIntoTweetsPartFilesAreReadWhole) {
  const std::string js = ReadBytes(kExports / "x/andreruffert/data/tweets.js");
  const nlohmann::json tweets = nlohmann::json::parse(js.substr(js.find('=') + 1));
  nlohmann::json part0 = nlohmann::json::array(), part1 = nlohmann::json::array();
  for (size_t i = 0; i < tweets.size(); ++i) (i < 20 ? part0 : part1).push_back(tweets[i]);
  const auto items = Read("x", Zip("x.zip", {{"data/tweets.js", "window.YTD.tweets.part0 = " + part0.dump(2)},
                                            {"data/tweets-part1.js", "window.YTD.tweets.part1 = " + part1.dump(2)},
                                            {"data/like.js", "window.YTD.like.part0 = []"}}));
  ASSERT_EQ(items.size(), 30u);
  EXPECT_EQ(items[0].entry, "data/tweets.js#1588091220244369409");
  EXPECT_EQ(items[29].entry, "data/tweets-part1.js#1244662305805275136");
  EXPECT_EQ(items[29].link, "https://x.com/andreruffert/status/1244662305805275136");
}

TEST_F(ExportTest, LinkedInExportZipGivesTheSamePostsAsItsSharesCsv) {
  const fs::path csv = fs::path(LLMTWIN_TESTDATA_DIR) / "synthetic/linkedin/Shares.csv";
  const auto alone = Read("linkedin", csv);
  const auto zipped = Read("linkedin", Zip("linkedin.zip", {{"Profile.csv", "First Name\nA\n"}, {"Shares.csv", ReadBytes(csv)}}));
  ASSERT_EQ(alone.size(), zipped.size());
  ASSERT_FALSE(alone.empty());
  for (size_t i = 0; i < alone.size(); ++i) {
    EXPECT_EQ(alone[i].link, zipped[i].link);
    ASSERT_EQ(alone[i].post.has_value(), zipped[i].post.has_value());
    if (alone[i].post) {
      EXPECT_EQ(alone[i].post->content, zipped[i].post->content);
    }
  }
}

TEST_F(ExportTest, NotAZipIsOneErrorNamingTheArchive) {
  const fs::path bogus = dir_ / "medium.zip";
  testing::WriteBytes(bogus, "<html>this is not a zip</html>");
  const std::string message = ErrorOf("medium", bogus);
  EXPECT_NE(message.find(bogus.string()), std::string::npos) << message;
  EXPECT_NE(message.find("not a zip"), std::string::npos) << message;
}

TEST_F(ExportTest, TruncatedZipIsOneErrorNamingTheArchiveAndTheEntry) {
  const fs::path zip = Zip("full.zip", FolderEntries(kExports / "medium/hashdag"));
  std::string bytes = ReadBytes(zip);
  const fs::path cut = dir_ / "cut.zip";
  testing::WriteBytes(cut, bytes.substr(0, bytes.size() / 2));
  const std::string message = ErrorOf("medium", cut);
  EXPECT_NE(message.find(cut.string()), std::string::npos) << message;
  EXPECT_NE(message.find("posts/"), std::string::npos) << message;  // the entry it stopped in (or after)
}

TEST_F(ExportTest, AnExportOfAnotherKindSaysWhatItLooksLike) {
  const fs::path substack = Zip("substack.zip", FolderEntries(kExports / "substack/digitalsovereignty"));
  const std::string message = ErrorOf("medium", substack);
  EXPECT_NE(message.find("not a Medium export"), std::string::npos) << message;
  EXPECT_NE(message.find("looks like a Substack export"), std::string::npos) << message;
  ExportOptions options;
  options.publication_url = "https://example.substack.com";
  EXPECT_NE(ErrorOf("substack", kExports / "x/andreruffert", options).find("looks like an X archive"), std::string::npos);
  EXPECT_NE(ErrorOf("x", kExports / "medium/hashdag").find("looks like a Medium export"), std::string::npos);
}

TEST_F(ExportTest, APostFileThatDoesNotParseIsNamed) {
  auto entries = FolderEntries(kExports / "medium/hashdag");
  entries.push_back({"posts/2023-01-01_Broken-0123456789ab.html", "<html><body><p>no article here</p></body></html>"});
  const std::string message = ErrorOf("medium", Zip("broken.zip", entries));
  EXPECT_NE(message.find("broken.zip: posts/2023-01-01_Broken-0123456789ab.html: not a Medium post page"), std::string::npos)
      << message;
  const fs::path tweets = dir_ / "x/data";
  fs::create_directories(tweets);
  std::string js = ReadBytes(kExports / "x/andreruffert/data/tweets.js");
  testing::WriteBytes(tweets / "tweets.js", js.substr(0, js.size() - 100));
  EXPECT_NE(ErrorOf("x", dir_ / "x").find("data/tweets.js: the data is not a JSON array"), std::string::npos);
}

}  // namespace
}  // namespace llmtwin
