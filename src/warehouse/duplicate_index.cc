#include "warehouse/duplicate_index.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <cinttypes>
#include <cmath>
#include <cstdio>
#include <functional>
#include <map>
#include <numeric>
#include <set>

#include "domain/names.h"

namespace llmtwin::warehouse {
namespace {

std::string Hex(std::uint64_t value) {
  char buffer[17];
  std::snprintf(buffer, sizeof buffer, "%016" PRIx64, value);
  return buffer;
}

std::uint64_t FromHex(const std::string& text) { return std::strtoull(text.c_str(), nullptr, 16); }

std::string Text(const Json& json, const char* key) {
  const auto it = json.find(key);
  return it != json.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// Candidates whose signatures estimate a resemblance this far below the threshold are still compared
// exactly (three standard deviations of the estimate at 128 values and resemblance 0.35).
constexpr double kEstimateMargin = 0.13;

std::string TemplateId(const std::string& author_id, const std::string& platform) { return author_id + ":" + platform; }
std::string BucketId(const std::string& author_id, std::uint64_t band_key) { return author_id + ":" + Hex(band_key); }

Signature SignatureOf(const Json& stored) {
  Signature signature;
  const auto it = stored.find("minhash");
  if (it == stored.end() || !it->is_array()) return signature;
  signature.reserve(it->size());
  for (const auto& value : *it) signature.push_back(static_cast<std::uint32_t>(value.get<std::int64_t>()));
  return signature;
}

std::vector<std::string> Strings(const Json& json, const char* key) {
  std::vector<std::string> out;
  const auto it = json.find(key);
  if (it == json.end() || !it->is_array()) return out;
  for (const auto& value : *it)
    if (value.is_string()) out.push_back(value.get<std::string>());
  return out;
}

// A document as the index sees it.
struct Item {
  std::string id;
  std::string collection;
  std::string platform;
  std::string published_at;
  std::string title;
  std::string link;
  std::size_t words = 0;
  std::vector<std::uint64_t> shingles;  // before the template is removed
  Signature signature;
  std::vector<std::uint64_t> bands;
};

Item ItemOf(DocumentClass cls, const Json& document, int shingle_words) {
  Item item;
  item.id = Text(document, "_id");
  item.collection = std::string(CollectionName(cls));
  item.platform = Text(document, "platform");
  item.published_at = Text(document, "published_at");
  item.link = Text(document, "link");
  if (cls == DocumentClass::kArticle && document.contains("content") && document["content"].is_object())
    item.title = Text(document["content"], "Title");
  const std::vector<std::string> words = NormalizedWords(ComparableText(cls, document));
  item.words = words.size();
  item.shingles = ShinglesOfWords(words, shingle_words);
  return item;
}

Json SignatureJson(const Item& item, const std::string& author_id, const MinHashParams& params) {
  Json bands = Json::array();
  for (std::uint64_t band : item.bands) bands.push_back(Hex(band));
  Json minhash = Json::array();
  for (std::uint32_t value : item.signature) minhash.push_back(static_cast<std::int64_t>(value));
  return Json{{"_id", item.id},
              {"collection", item.collection},
              {"author_id", author_id},
              {"platform", item.platform},
              {"published_at", item.published_at},
              {"title", item.title},
              {"link", item.link},
              {"words", item.words},
              {"params", params.Tag()},
              {"minhash", std::move(minhash)},
              {"bands", std::move(bands)}};
}

CanonicalCandidate CandidateOf(const Json& stored) {
  return {Text(stored, "_id"), Text(stored, "published_at"), Text(stored, "platform")};
}

// Marks `members` (signature documents) as one cluster: the canonical copy chosen by `order`, the
// others' similarity to it given by `similarity(i, canonical)`.
void MarkCluster(std::vector<Json>& members, const PlatformOrder& order,
                 const std::function<double(std::size_t, std::size_t)>& similarity) {
  std::vector<CanonicalCandidate> candidates;
  for (const auto& member : members) candidates.push_back(CandidateOf(member));
  const std::size_t canonical = ChooseCanonical(candidates, order);
  const std::string canonical_id = candidates[canonical].id;
  for (std::size_t i = 0; i < members.size(); ++i) {
    members[i]["cluster"] = canonical_id;
    if (i == canonical) {
      members[i].erase("duplicate_of");
      members[i]["similarity"] = 1.0;
    } else {
      members[i]["duplicate_of"] = canonical_id;
      members[i]["similarity"] = std::round(similarity(i, canonical) * 1000) / 1000;
    }
  }
}

struct UnionFind {
  std::vector<std::size_t> parent;
  explicit UnionFind(std::size_t n) : parent(n) { std::iota(parent.begin(), parent.end(), 0); }
  std::size_t Find(std::size_t x) {
    while (parent[x] != x) x = parent[x] = parent[parent[x]];
    return x;
  }
  void Unite(std::size_t a, std::size_t b) { parent[Find(a)] = Find(b); }
};

}  // namespace

std::string AuthorIdFor(Warehouse& warehouse, const std::string& name_or_id) {
  if (name_or_id.empty() || IsDocumentId(name_or_id)) return name_or_id;
  const PersonName name = SplitFullName(name_or_id);
  auto user = warehouse.Find<UserDocument>(Query().Where("first_name", name.first_name).Where("last_name", name.last_name));
  if (!user) throw Error(ErrorKind::kInvalidInput, "no author named '" + name_or_id + "' in the warehouse");
  return user->id;
}

std::vector<Json> WithoutDuplicates(Warehouse& warehouse, std::vector<Json> documents) {
  std::set<std::string> copies;
  for (const Json& stored :
       warehouse.FindJson(kSignaturesCollection, Query().Select({"_id", "duplicate_of"}))) {
    if (!Text(stored, "duplicate_of").empty()) copies.insert(Text(stored, "_id"));
  }
  if (copies.empty()) return documents;
  std::erase_if(documents, [&](const Json& doc) { return copies.contains(Text(doc, "_id")); });
  return documents;
}

std::string ComparableText(DocumentClass cls, const Json& document) {
  const auto content = document.find("content");
  if (content == document.end() || !content->is_object()) return {};
  if (cls == DocumentClass::kArticle)
    return Text(*content, "Title") + "\n" + Text(*content, "Subtitle") + "\n" + Text(*content, "Content");
  if (cls == DocumentClass::kPost) return Text(*content, "text");
  return {};
}

DuplicateIndex::DuplicateIndex(Warehouse& warehouse, DuplicateOptions options)
    : warehouse_(warehouse), options_(std::move(options)), hasher_(options_.params) {}

DuplicateMatch DuplicateIndex::Add(DocumentClass cls, const Json& document) {
  if (cls != DocumentClass::kArticle && cls != DocumentClass::kPost) return {};
  std::lock_guard lock(mutex_);
  const std::string author_id = Text(document, "author_id");
  const std::string platform = Text(document, "platform");
  Item item = ItemOf(cls, document, options_.params.shingle_words);
  if (author_id.empty() || item.id.empty()) return {};

  const auto stored_template = warehouse_.FindJsonById(kTemplatesCollection, TemplateId(author_id, platform));
  const auto existing = warehouse_.FindJsonById(kSignaturesCollection, item.id);
  // How many of the author's documents on the platform are indexed: kept in the template record
  // (one lookup by id), so a store never counts the author's corpus.
  const std::size_t indexed = stored_template ? stored_template->value("indexed", std::size_t{0}) : 0;
  const std::size_t on_platform = indexed + (existing ? 0 : 1);
  const std::size_t learned_from = stored_template ? stored_template->value("documents", std::size_t{0}) : 0;
  const auto min_docs = static_cast<std::size_t>(options_.params.template_min_docs);
  const bool relearn = (learned_from < min_docs && on_platform >= min_docs) ||
                       (learned_from >= min_docs && on_platform >= 2 * learned_from);
  // A document leaving a cluster (its text changed) may split it: rebuilt with the author.
  if (relearn || (existing && existing->contains("cluster"))) {
    RecomputeAuthor(author_id);
    return MatchOf(item.id);
  }
  Json template_record = stored_template ? *stored_template
                                          : Json{{"_id", TemplateId(author_id, platform)},
                                                 {"author_id", author_id},
                                                 {"platform", platform},
                                                 {"documents", 0},
                                                 {"params", options_.params.Tag()},
                                                 {"shingles", Json::array()}};
  if (!existing) {
    template_record["indexed"] = on_platform;
    warehouse_.ReplaceJson(kTemplatesCollection, template_record);
  }
  if (existing) {
    for (const std::string& band : Strings(*existing, "bands")) {
      auto bucket = warehouse_.FindJsonById(kBucketsCollection, author_id + ":" + band);
      if (!bucket) continue;
      auto ids = Strings(*bucket, "docs");
      ids.erase(std::remove(ids.begin(), ids.end(), item.id), ids.end());
      (*bucket)["docs"] = ids;
      warehouse_.ReplaceJson(kBucketsCollection, *bucket);
    }
  }

  std::vector<std::uint64_t> template_shingles;
  if (stored_template)
    for (const std::string& shingle : Strings(*stored_template, "shingles")) template_shingles.push_back(FromHex(shingle));
  std::sort(template_shingles.begin(), template_shingles.end());
  item.signature = hasher_.Sign(WithoutTemplate(item.shingles, template_shingles));
  item.bands = hasher_.BandKeys(item.signature);

  // Its copies: the documents sharing a band (one query by id), kept when they resemble it enough.
  std::vector<std::string> bucket_ids;
  for (std::uint64_t band : item.bands) bucket_ids.push_back(BucketId(author_id, band));
  std::map<std::string, Json> buckets;
  std::set<std::string> candidate_ids;
  // One lookup by id per band: the lookup every backend indexes (FerretDB pushes down no `$in`).
  for (const std::string& bucket_id : bucket_ids) {
    auto bucket = warehouse_.FindJsonById(kBucketsCollection, bucket_id);
    if (!bucket) continue;
    for (const std::string& id : Strings(*bucket, "docs"))
      if (id != item.id) candidate_ids.insert(id);
    buckets.emplace(bucket_id, std::move(*bucket));
  }
  // Signatures rule out the clearly different; the rest are compared exactly (their documents read
  // by id), so the decision does not depend on the estimate's noise near the threshold.
  const std::vector<std::uint64_t> own_shingles = WithoutTemplate(item.shingles, template_shingles);
  std::map<std::string, std::vector<std::uint64_t>> shingles_of;
  std::vector<Json> matches;
  if (!candidate_ids.empty()) {
    std::vector<Json> likely;
    for (const std::string& id : candidate_ids) {
      auto candidate = warehouse_.FindJsonById(kSignaturesCollection, id);
      if (candidate && EstimatedJaccard(item.signature, SignatureOf(*candidate)) >= options_.params.threshold - kEstimateMargin)
        likely.push_back(std::move(*candidate));
    }
    std::vector<std::string> ids;
    for (const Json& candidate : likely) ids.push_back(Text(candidate, "_id"));
    shingles_of = ContentShingles(author_id, ids);
    for (Json& candidate : likely)
      if (Jaccard(own_shingles, shingles_of[Text(candidate, "_id")]) >= options_.params.threshold)
        matches.push_back(std::move(candidate));
  }

  Json own = SignatureJson(item, author_id, options_.params);
  warehouse_.ReplaceJson(kSignaturesCollection, own);
  for (const std::string& bucket_id : bucket_ids) {
    auto it = buckets.find(bucket_id);
    Json bucket = it != buckets.end() ? it->second : Json{{"_id", bucket_id}, {"author_id", author_id}, {"docs", Json::array()}};
    auto ids = Strings(bucket, "docs");
    if (std::find(ids.begin(), ids.end(), item.id) != ids.end()) continue;
    ids.push_back(item.id);
    bucket["docs"] = ids;
    warehouse_.ReplaceJson(kBucketsCollection, bucket);
  }
  if (matches.empty()) return {};

  // The cluster: this document, its matches and the clusters they are already in.
  std::map<std::string, Json> members;
  members.emplace(item.id, own);
  for (Json& match : matches) {
    const std::string cluster = Text(match, "cluster");
    if (!cluster.empty())
      for (Json& member : warehouse_.FindJson(kSignaturesCollection, Query().Where("cluster", cluster)))
        members.emplace(Text(member, "_id"), std::move(member));
    members.emplace(Text(match, "_id"), std::move(match));
  }
  std::vector<Json> cluster;
  std::vector<std::string> missing;
  for (auto& [id, member] : members) {
    if (id != item.id && !shingles_of.contains(id)) missing.push_back(id);
    cluster.push_back(std::move(member));
  }
  for (auto& [id, shingles] : ContentShingles(author_id, missing)) shingles_of[id] = std::move(shingles);
  shingles_of[item.id] = own_shingles;
  MarkCluster(cluster, options_.platform_order, [&](std::size_t i, std::size_t canonical) {
    return Jaccard(shingles_of[Text(cluster[i], "_id")], shingles_of[Text(cluster[canonical], "_id")]);
  });
  for (const Json& member : cluster) warehouse_.ReplaceJson(kSignaturesCollection, member);
  return MatchOf(item.id);
}

std::map<std::string, std::vector<std::uint64_t>> DuplicateIndex::ContentShingles(const std::string& author_id,
                                                                                 const std::vector<std::string>& ids) {
  std::map<std::string, std::vector<std::uint64_t>> out;
  if (ids.empty()) return out;
  std::map<std::string, std::vector<std::uint64_t>> templates;
  for (const std::string& id : ids) {
    for (DocumentClass cls : {DocumentClass::kArticle, DocumentClass::kPost}) {
      const auto found = warehouse_.FindDocuments(cls, Query().Where("_id", id).Limit(1));
      if (found.empty()) continue;
      Item item = ItemOf(cls, found.front(), options_.params.shingle_words);
      auto it = templates.find(item.platform);
      if (it == templates.end()) {
        std::vector<std::uint64_t> shingles;
        if (auto stored = warehouse_.FindJsonById(kTemplatesCollection, TemplateId(author_id, item.platform)))
          for (const std::string& shingle : Strings(*stored, "shingles")) shingles.push_back(FromHex(shingle));
        std::sort(shingles.begin(), shingles.end());
        it = templates.emplace(item.platform, std::move(shingles)).first;
      }
      out[item.id] = WithoutTemplate(item.shingles, it->second);
      break;
    }
  }
  return out;
}

DuplicateMatch DuplicateIndex::MatchOf(const std::string& id) {
  DuplicateMatch match;
  const auto stored = warehouse_.FindJsonById(kSignaturesCollection, id);
  if (!stored) return match;
  match.duplicate_of = Text(*stored, "duplicate_of");
  match.similarity = stored->value("similarity", 0.0);
  const std::string cluster = Text(*stored, "cluster");
  if (!cluster.empty()) match.cluster_size = warehouse_.CountJson(kSignaturesCollection, Query().Where("cluster", cluster));
  return match;
}

std::size_t DuplicateIndex::Recompute(const std::string& author_id) {
  std::lock_guard lock(mutex_);
  if (!author_id.empty()) return RecomputeAuthor(author_id);
  std::set<std::string> authors;
  for (DocumentClass cls : {DocumentClass::kArticle, DocumentClass::kPost})
    for (const Json& doc : warehouse_.FindJson(CollectionName(cls), Query().Select({"author_id"})))
      if (const std::string id = Text(doc, "author_id"); !id.empty()) authors.insert(id);
  warehouse_.DropCollection(kSignaturesCollection);
  warehouse_.DropCollection(kBucketsCollection);
  warehouse_.DropCollection(kTemplatesCollection);
  std::size_t indexed = 0;
  for (const std::string& author : authors) indexed += RecomputeAuthor(author);
  return indexed;
}

void DuplicateIndex::RemoveAuthor(const std::string& author_id) {
  for (const char* collection : {kSignaturesCollection, kBucketsCollection, kTemplatesCollection})
    warehouse_.DeleteJsonWhere(collection, Query().Where("author_id", author_id));
}

std::size_t DuplicateIndex::RecomputeAuthor(const std::string& author_id) {
  const MinHashParams& params = options_.params;
  std::vector<Item> items;
  for (DocumentClass cls : {DocumentClass::kArticle, DocumentClass::kPost})
    for (const Json& doc : warehouse_.FindDocuments(cls, Query().Where("author_id", author_id)))
      items.push_back(ItemOf(cls, doc, params.shingle_words));

  // Templates per platform, then signatures without them.
  std::map<std::string, TemplateLearner> learners;
  for (const Item& item : items) learners[item.platform].Add(item.shingles);
  std::map<std::string, std::vector<std::uint64_t>> templates;
  for (const auto& [platform, learner] : learners) templates[platform] = learner.Template(params);
  for (Item& item : items) {
    item.shingles = WithoutTemplate(item.shingles, templates[item.platform]);
    item.signature = hasher_.Sign(item.shingles);
    item.bands = hasher_.BandKeys(item.signature);
  }

  // Clusters: candidates from the bands, kept by estimated resemblance, joined transitively.
  LshIndex index;
  UnionFind sets(items.size());
  for (std::size_t i = 0; i < items.size(); ++i) {
    for (std::uint32_t j : index.Candidates(items[i].bands))
      if (Jaccard(items[i].shingles, items[j].shingles) >= params.threshold) sets.Unite(i, j);
    index.Insert(static_cast<std::uint32_t>(i), items[i].bands);
  }
  std::vector<Json> signatures;
  std::map<std::size_t, std::vector<std::size_t>> groups;
  for (std::size_t i = 0; i < items.size(); ++i) {
    signatures.push_back(SignatureJson(items[i], author_id, params));
    groups[sets.Find(i)].push_back(i);
  }
  for (const auto& [root, group] : groups) {
    if (group.size() < 2) continue;
    std::vector<Json> members;
    for (std::size_t i : group) members.push_back(std::move(signatures[i]));
    MarkCluster(members, options_.platform_order, [&](std::size_t i, std::size_t canonical) {
      return Jaccard(items[group[i]].shingles, items[group[canonical]].shingles);
    });
    for (std::size_t k = 0; k < group.size(); ++k) signatures[group[k]] = std::move(members[k]);
  }

  std::map<std::string, std::vector<std::string>> buckets;
  for (const Item& item : items)
    for (std::uint64_t band : item.bands) buckets[BucketId(author_id, band)].push_back(item.id);

  RemoveAuthor(author_id);
  std::size_t next = 0;
  warehouse_.ReplaceAllJson(kSignaturesCollection, [&](std::vector<Json>& batch) {
    while (next < signatures.size() && batch.size() < 500) batch.push_back(std::move(signatures[next++]));
    return next < signatures.size();
  });
  auto bucket = buckets.begin();
  warehouse_.ReplaceAllJson(kBucketsCollection, [&](std::vector<Json>& batch) {
    for (; bucket != buckets.end() && batch.size() < 500; ++bucket)
      batch.push_back(Json{{"_id", bucket->first}, {"author_id", author_id}, {"docs", bucket->second}});
    return bucket != buckets.end();
  });
  for (const auto& [platform, learner] : learners) {
    Json shingles = Json::array();
    for (std::uint64_t shingle : templates[platform]) shingles.push_back(Hex(shingle));
    warehouse_.ReplaceJson(kTemplatesCollection, Json{{"_id", TemplateId(author_id, platform)},
                                                      {"author_id", author_id},
                                                      {"platform", platform},
                                                      {"documents", learner.documents()},
                                                      {"indexed", learner.documents()},
                                                      {"params", params.Tag()},
                                                      {"shingles", std::move(shingles)}});
  }
  spdlog::debug("duplicates: indexed {} document(s) of author {} ({} cluster(s))", items.size(), author_id,
                std::count_if(groups.begin(), groups.end(), [](const auto& g) { return g.second.size() > 1; }));
  return items.size();
}

std::vector<Cluster> DuplicateIndex::Clusters(const std::string& author_id) {
  std::lock_guard lock(mutex_);
  Query query = Query().Select({"_id", "author_id", "collection", "platform", "title", "link", "published_at", "cluster",
                                "duplicate_of", "similarity"});
  if (!author_id.empty()) query.Where("author_id", author_id);
  std::map<std::string, Cluster> clusters;
  for (const Json& stored : warehouse_.FindJson(kSignaturesCollection, query)) {
    const std::string cluster = Text(stored, "cluster");
    if (cluster.empty()) continue;
    ClusterMember member{Text(stored, "_id"),   Text(stored, "collection"),   Text(stored, "platform"),
                         Text(stored, "title"), Text(stored, "link"),         Text(stored, "published_at"),
                         stored.value("similarity", 0.0), Text(stored, "duplicate_of").empty()};
    Cluster& c = clusters[cluster];
    c.author_id = Text(stored, "author_id");
    c.members.push_back(std::move(member));
  }
  std::vector<Cluster> out;
  for (auto& [id, cluster] : clusters) {
    std::stable_sort(cluster.members.begin(), cluster.members.end(), [](const ClusterMember& a, const ClusterMember& b) {
      return std::make_tuple(!a.canonical, -a.similarity, a.id) < std::make_tuple(!b.canonical, -b.similarity, b.id);
    });
    out.push_back(std::move(cluster));
  }
  return out;
}

std::vector<std::string> DuplicateIndex::DuplicateIds(const std::string& author_id) {
  std::vector<std::string> ids;
  for (const Cluster& cluster : Clusters(author_id))
    for (const ClusterMember& member : cluster.members)
      if (!member.canonical) ids.push_back(member.id);
  return ids;
}

}  // namespace llmtwin::warehouse
