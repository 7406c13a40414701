// One post, one document: the same post reached at two addresses is stored once (one _id), on both
// backends (domain/link.h says which addresses are the same post).
#include <gtest/gtest.h>

#include "domain/link.h"
#include "warehouse/warehouse.h"
#include "warehouse_fixture.h"

namespace llmtwin::warehouse::testing {
namespace {

using Identity = BackendTest;

// An article whose content does not depend on its link.
ArticleDocument Story(const std::string& link, const std::string& text) {
  ArticleDocument doc = MakeArticle(link, text);
  doc.content.title = "The story";
  return doc;
}

TEST_P(Identity, AMediumStoryCrawledFromTheAuthorsSubdomainAndAPublicationIsOneDocument) {
  ArticleDocument from_subdomain = Story("https://pauliusztin.medium.com/an-end-to-end-framework-2cc6bb01141f", "Text");
  const UpsertResult first = wh().Upsert(from_subdomain);
  EXPECT_EQ(first.outcome, UpsertOutcome::kInserted);
  ArticleDocument from_publication = Story("https://medium.com/decodingml/an-end-to-end-framework-2cc6bb01141f", "Text");
  const UpsertResult second = wh().Upsert(from_publication);
  EXPECT_EQ(second.outcome, UpsertOutcome::kUnchanged);
  EXPECT_EQ(second.id, first.id);
  EXPECT_EQ(wh().Count<ArticleDocument>(), 1u);
  // The "already stored?" check of the pipeline finds it from a third address.
  auto found = wh().FindByLink(DocumentClass::kArticle, NormalizedLink::Of("https://medium.com/p/2cc6bb01141f"));
  ASSERT_TRUE(found);
  EXPECT_EQ(found->value("_id", ""), first.id);
}

TEST_P(Identity, AMediumStoryOnAPublicationsDomainJoinsItsMediumDocumentWhenTheCrawlerNamesIt) {
  ArticleDocument on_medium = Story("https://medium.com/@someone/a-story-0a1b2c3d4e5f", "Text");
  const UpsertResult first = wh().Upsert(on_medium);
  ArticleDocument on_publication = Story("https://towardsdatascience.com/a-story-0a1b2c3d4e5f", "Text, edited");
  on_publication.meta.identity_link = MediumIdentityLink("0a1b2c3d4e5f");
  const UpsertResult second = wh().Upsert(on_publication);
  EXPECT_EQ(second.outcome, UpsertOutcome::kUpdated);
  EXPECT_EQ(second.id, first.id);
  EXPECT_EQ(wh().Count<ArticleDocument>(), 1u);
}

TEST_P(Identity, ASubstackPostOnItsCustomDomainAndItsSubstackNameIsOneDocument) {
  ArticleDocument custom = Story("https://map.simonsarris.com/p/agency", "Text");
  custom.platform = "substack";
  custom.meta.identity_link = SubstackIdentityLink("simonsarris", "agency");
  const UpsertResult first = wh().Upsert(custom);
  ArticleDocument native = Story("https://simonsarris.substack.com/p/agency?r=1ttoeh", "Text");
  native.platform = "substack";
  const UpsertResult second = wh().Upsert(native);
  EXPECT_EQ(second.outcome, UpsertOutcome::kUnchanged);
  EXPECT_EQ(second.id, first.id);
  EXPECT_EQ(wh().Count<ArticleDocument>(), 1u);
}

TEST_P(Identity, AMediumDocumentStoredUnderItsLinkByAnEarlierBuildIsFoundAndRekeyed) {
  // Imported under a random id with the key earlier builds gave it (its normalized link): the
  // book's Medium documents.
  Json stored = Story("https://medium.com/decodingml/a-real-time-retrieval-system-9cc01d50a2a0", "Text").ToJson();
  wh().ReplaceJson("articles", stored);
  ArticleDocument recrawl = Story("https://medium.com/p/9cc01d50a2a0", "Text");
  const UpsertResult result = wh().Upsert(recrawl);
  EXPECT_EQ(result.id, stored.value("_id", ""));
  EXPECT_EQ(wh().Count<ArticleDocument>(), 1u);
  EXPECT_TRUE(wh().FindByLink(DocumentClass::kArticle, "https://pauliusztin.medium.com/x-9cc01d50a2a0"));
}

TEST_P(Identity, TwoDifferentStoriesStayTwoDocuments) {
  ArticleDocument a = Story("https://medium.com/@someone/part-1-0a1b2c3d4e5f", "Text");
  ArticleDocument b = Story("https://medium.com/@someone/part-2-0a1b2c3d4e60", "Text");
  EXPECT_NE(wh().Upsert(a).id, wh().Upsert(b).id);
  EXPECT_EQ(wh().Count<ArticleDocument>(), 2u);
}

LLMTWIN_INSTANTIATE_BACKENDS(Identity);

}  // namespace
}  // namespace llmtwin::warehouse::testing
