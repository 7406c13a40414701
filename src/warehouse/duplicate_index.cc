#include "warehouse/duplicate_index.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <cinttypes>
#include <cmath>
#include <cstdio>
#include <functional>
#include <iterator>
#include <map>
#include <numeric>
#include <set>
#include <unordered_map>
#include <unordered_set>

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

// Signature records are written in batches of this many (a crash loses at most these; a recompute
// makes them again). Larger than template_sample: a platform's template is usually settled before
// its documents' records are first written, so few records are written twice (a replace costs
// FerretDB 1.24 about 7 ms, an insert in a batch 0.5).
constexpr std::size_t kFlushEvery = 256;

std::string TemplateId(const std::string& author_id, const std::string& platform) { return author_id + ":" + platform; }

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

// What the index records of a document beside its signature.
struct DocumentFacts {
  std::string id;
  std::string collection;
  std::string platform;
  std::string published_at;
  std::string title;
  std::string link;
  std::size_t words = 0;
};

// A document as the index reads it.
struct Item : DocumentFacts {
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
  const std::vector<std::uint64_t> words = NormalizedWordHashes(ComparableText(cls, document));
  item.words = words.size();
  item.shingles = ShinglesOfWordHashes(words, shingle_words);
  return item;
}

// Whether two sorted sets share an element.
bool Intersects(const std::vector<std::uint64_t>& a, const std::vector<std::uint64_t>& b) {
  auto i = a.begin();
  auto j = b.begin();
  while (i != a.end() && j != b.end()) {
    if (*i < *j) ++i;
    else if (*j < *i) ++j;
    else return true;
  }
  return false;
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

namespace {

// One stored signature as the index holds it in memory (its record without the JSON).
struct Indexed : DocumentFacts {
  std::string params;
  Signature signature;
  std::vector<std::uint64_t> bands;
  std::string cluster;
  std::string duplicate_of;
  double similarity = 0;
  bool live = true;  // false once a later slot holds the document (its text changed)
};

Indexed IndexedOf(Item item, const MinHashParams& params) {
  Indexed out;
  static_cast<DocumentFacts&>(out) = std::move(static_cast<DocumentFacts&>(item));
  out.params = params.Tag();
  out.signature = std::move(item.signature);
  out.bands = std::move(item.bands);
  return out;
}

Indexed IndexedOf(const Json& stored) {
  Indexed out;
  out.id = Text(stored, "_id");
  out.collection = Text(stored, "collection");
  out.platform = Text(stored, "platform");
  out.published_at = Text(stored, "published_at");
  out.title = Text(stored, "title");
  out.link = Text(stored, "link");
  out.words = stored.value("words", std::size_t{0});
  out.params = Text(stored, "params");
  out.signature = SignatureOf(stored);
  for (const std::string& band : Strings(stored, "bands")) out.bands.push_back(FromHex(band));
  out.cluster = Text(stored, "cluster");
  out.duplicate_of = Text(stored, "duplicate_of");
  out.similarity = stored.value("similarity", 0.0);
  return out;
}

Json RecordOf(const Indexed& doc, const std::string& author_id) {
  Json bands = Json::array();
  for (std::uint64_t band : doc.bands) bands.push_back(Hex(band));
  Json minhash = Json::array();
  for (std::uint32_t value : doc.signature) minhash.push_back(static_cast<std::int64_t>(value));
  Json record{{"_id", doc.id},
              {"collection", doc.collection},
              {"author_id", author_id},
              {"platform", doc.platform},
              {"published_at", doc.published_at},
              {"title", doc.title},
              {"link", doc.link},
              {"words", doc.words},
              {"params", doc.params},
              {"minhash", std::move(minhash)},
              {"bands", std::move(bands)}};
  if (!doc.cluster.empty()) {
    record["cluster"] = doc.cluster;
    record["similarity"] = doc.similarity;
    if (!doc.duplicate_of.empty()) record["duplicate_of"] = doc.duplicate_of;
  }
  return record;
}

// Marks `members` as one cluster: the canonical copy chosen by `order`, the others' similarity to
// it given by `similarity(i, canonical)`.
void MarkCluster(std::vector<Indexed*>& members, const PlatformOrder& order,
                 const std::function<double(std::size_t, std::size_t)>& similarity) {
  std::vector<CanonicalCandidate> candidates;
  for (const Indexed* member : members) candidates.push_back({member->id, member->published_at, member->platform});
  const std::size_t canonical = ChooseCanonical(candidates, order);
  const std::string canonical_id = candidates[canonical].id;
  for (std::size_t i = 0; i < members.size(); ++i) {
    members[i]->cluster = canonical_id;
    if (i == canonical) {
      members[i]->duplicate_of.clear();
      members[i]->similarity = 1.0;
    } else {
      members[i]->duplicate_of = canonical_id;
      members[i]->similarity = std::round(similarity(i, canonical) * 1000) / 1000;
    }
  }
}

}  // namespace

// What the index knows of one author: the signatures (numbered slots of an in-memory LSH index)
// and the templates.
struct DuplicateIndex::AuthorState {
  std::string author_id;
  std::vector<Indexed> slots;
  std::unordered_map<std::string, std::uint32_t> slot_of;  // id -> its live slot
  LshIndex lsh;
  std::map<std::string, std::vector<std::uint64_t>> templates;  // platform -> sorted shingles
  std::map<std::string, std::size_t> learned_from;              // platform -> documents
  std::map<std::string, std::size_t> indexed;                   // platform -> live documents
  bool added = false;  // this index wrote signatures of the author (Reconcile reads them again)
  std::set<std::string> dirty;              // ids whose records are not written yet (Flush)
  std::unordered_set<std::string> written;  // ids whose records are in the warehouse
  std::set<std::string> dirty_templates;    // platforms whose template is not written yet
  // platform -> id -> shingles before template removal: the documents the platform's template is
  // learned from, kept while it may change (learned from fewer than template_sample documents).
  std::map<std::string, std::map<std::string, std::vector<std::uint64_t>>> samples;

  // Dissolves `cluster` (made again by Recluster): its live members lose it and join `affected`.
  void Dissolve(const std::string& cluster, std::set<std::string>& affected) {
    for (Indexed& doc : slots)
      if (doc.live && doc.cluster == cluster) {
        affected.insert(doc.id);
        doc.cluster.clear();
        doc.duplicate_of.clear();
        doc.similarity = 0;
      }
  }

  // Holds `doc`, replacing the slot of an earlier version; returns its slot.
  std::uint32_t Put(Indexed doc) {
    const auto slot = static_cast<std::uint32_t>(slots.size());
    if (auto it = slot_of.find(doc.id); it != slot_of.end()) {
      Indexed& old = slots[it->second];
      old.live = false;
      --indexed[old.platform];
    }
    ++indexed[doc.platform];
    lsh.Insert(slot, doc.bands);
    slot_of[doc.id] = slot;
    slots.push_back(std::move(doc));
    return slot;
  }
  Indexed* Find(const std::string& id) {
    const auto it = slot_of.find(id);
    return it == slot_of.end() ? nullptr : &slots[it->second];
  }
  const std::vector<std::uint64_t>& TemplateOf(const std::string& platform) const {
    static const std::vector<std::uint64_t> kNone;
    const auto it = templates.find(platform);
    return it == templates.end() ? kNone : it->second;
  }
  std::size_t ClusterSize(const std::string& cluster) const {
    return std::count_if(slots.begin(), slots.end(), [&](const Indexed& d) { return d.live && d.cluster == cluster; });
  }
};

DuplicateIndex::DuplicateIndex(Warehouse& warehouse, DuplicateOptions options)
    : warehouse_(warehouse), options_(std::move(options)), hasher_(options_.params) {}

DuplicateIndex::~DuplicateIndex() {
  try {
    std::lock_guard lock(mutex_);
    FlushAll();
  } catch (const std::exception& e) {
    spdlog::warn("duplicates: signatures not written ({}): `llmtwin duplicates --recompute` makes them again", e.what());
  }
}

void DuplicateIndex::Flush(AuthorState& state) {
  for (const std::string& platform : state.dirty_templates) {
    Json template_shingles = Json::array();
    for (std::uint64_t shingle : state.TemplateOf(platform)) template_shingles.push_back(Hex(shingle));
    warehouse_.ReplaceJson(kTemplatesCollection, Json{{"_id", TemplateId(state.author_id, platform)},
                                                      {"author_id", state.author_id},
                                                      {"platform", platform},
                                                      {"documents", state.learned_from[platform]},
                                                      {"params", options_.params.Tag()},
                                                      {"shingles", std::move(template_shingles)}});
  }
  state.dirty_templates.clear();
  if (state.dirty.empty()) return;
  // New records in one insert; records written before replaced one by one (re-signed or
  // re-clustered documents: fewer).
  std::vector<Json> inserts;
  for (const std::string& id : state.dirty) {
    const Indexed* doc = state.Find(id);
    if (doc == nullptr) continue;
    if (state.written.contains(id)) {
      warehouse_.ReplaceJson(kSignaturesCollection, RecordOf(*doc, state.author_id));
    } else {
      inserts.push_back(RecordOf(*doc, state.author_id));
    }
  }
  try {
    warehouse_.InsertAllJson(kSignaturesCollection, inserts);
  } catch (const DuplicateKeyError&) {
    // Another process wrote one of them meanwhile (the same link crawled twice at once).
    for (const Json& record : inserts) warehouse_.ReplaceJson(kSignaturesCollection, record);
  }
  state.written.insert(state.dirty.begin(), state.dirty.end());
  state.dirty.clear();
}

void DuplicateIndex::FlushAll() {
  for (auto& [author_id, state] : authors_) Flush(*state);
}

DuplicateIndex::AuthorState& DuplicateIndex::StateOf(const std::string& author_id) {
  if (auto it = authors_.find(author_id); it != authors_.end()) return *it->second;
  auto state = std::make_unique<AuthorState>();
  state->author_id = author_id;
  for (const Json& stored : warehouse_.FindJson(kTemplatesCollection, Query().Where("author_id", author_id))) {
    const std::string platform = Text(stored, "platform");
    std::vector<std::uint64_t> shingles;
    for (const std::string& shingle : Strings(stored, "shingles")) shingles.push_back(FromHex(shingle));
    std::sort(shingles.begin(), shingles.end());
    state->templates[platform] = std::move(shingles);
    state->learned_from[platform] = stored.value("documents", std::size_t{0});
  }
  bool other_params = false;
  for (const Json& stored : warehouse_.FindJson(kSignaturesCollection, Query().Where("author_id", author_id))) {
    Indexed doc = IndexedOf(stored);
    other_params = other_params || doc.params != options_.params.Tag();
    state->written.insert(doc.id);
    state->Put(std::move(doc));
  }
  AuthorState& out = *(authors_[author_id] = std::move(state));
  // Signatures made with other parameters cannot be compared with new ones: the author is rebuilt.
  if (other_params) {
    RecomputeAuthor(author_id);
    return *authors_[author_id];
  }
  return out;
}

DuplicateMatch DuplicateIndex::Add(DocumentClass cls, const Json& document) {
  if (cls != DocumentClass::kArticle && cls != DocumentClass::kPost) return {};
  std::lock_guard lock(mutex_);
  const MinHashParams& params = options_.params;
  const std::string author_id = Text(document, "author_id");
  const std::string platform = Text(document, "platform");
  Item item = ItemOf(cls, document, params.shingle_words);
  if (author_id.empty() || item.id.empty()) return {};
  const std::string id = item.id;

  AuthorState& state = StateOf(author_id);
  std::set<std::string> affected{id};
  std::set<std::string> written{id};
  if (const Indexed* existing = state.Find(id); existing && !existing->cluster.empty()) {
    // Its text changed: its cluster is dissolved and made again.
    state.Dissolve(std::string(existing->cluster), affected);
  }
  const Indexed* existing = state.Find(id);
  const std::size_t on_platform = state.indexed[platform] + (existing && existing->platform == platform ? 0 : 1);
  const auto learned = state.learned_from.find(platform);
  const std::size_t learned_from = learned == state.learned_from.end() ? 0 : learned->second;
  const auto min_docs = static_cast<std::size_t>(params.template_min_docs);
  const auto sample_size = static_cast<std::size_t>(std::max(params.template_sample, params.template_min_docs));
  const bool relearn =
      learned_from < sample_size &&
      ((learned_from < min_docs && on_platform >= min_docs) ||
       (learned_from >= min_docs && on_platform >= std::min(2 * learned_from, sample_size)));
  if (learned_from < sample_size) {
    auto& sample = state.samples[platform];
    if (sample.size() < sample_size || sample.contains(id)) sample[id] = item.shingles;
  }

  std::map<std::string, std::vector<std::uint64_t>> content;
  content[id] = WithoutTemplate(item.shingles, state.TemplateOf(platform));
  item.signature = hasher_.Sign(content[id]);
  item.bands = hasher_.BandKeys(item.signature);
  state.Put(IndexedOf(std::move(item), params));
  state.added = true;

  if (relearn) {
    content.clear();  // signed again without the new template
    for (const std::string& signed_again : RelearnPlatform(state, platform)) {
      affected.insert(signed_again);
      written.insert(signed_again);
      // Its cluster is made again with it.
      const std::string cluster = state.Find(signed_again)->cluster;
      if (!cluster.empty()) state.Dissolve(cluster, affected);
    }
  }
  // The affected lost their clusters before Recluster: their records change even when they end alone.
  written.insert(affected.begin(), affected.end());
  for (const std::string& changed : Recluster(state, affected, content)) written.insert(changed);
  for (const std::string& changed : written)
    state.dirty.insert(changed);
  // Written in batches (one round trip per batch on MongoDB, where one per document made a crawl
  // into FerretDB twice as slow), at the latest when the step ends (Reconcile).
  if (state.dirty.size() >= kFlushEvery) Flush(state);
  return MatchOf(state, id);
}

std::vector<std::uint64_t> DuplicateIndex::RawShingles(AuthorState& state, const std::string& id) {
  const Indexed* doc = state.Find(id);
  if (doc == nullptr) return {};
  if (auto sample = state.samples.find(doc->platform); sample != state.samples.end())
    if (auto it = sample->second.find(id); it != sample->second.end()) return it->second;
  const bool post = doc->collection == CollectionName(DocumentClass::kPost);
  for (DocumentClass cls : post ? std::vector{DocumentClass::kPost, DocumentClass::kArticle}
                                : std::vector{DocumentClass::kArticle, DocumentClass::kPost}) {
    const auto found = warehouse_.FindDocuments(cls, Query().Where("_id", id).Limit(1));
    if (!found.empty()) return ItemOf(cls, found.front(), options_.params.shingle_words).shingles;
  }
  return {};
}

std::vector<std::string> DuplicateIndex::RelearnPlatform(AuthorState& state, const std::string& platform) {
  const MinHashParams& params = options_.params;
  const auto sample_size = static_cast<std::size_t>(std::max(params.template_sample, params.template_min_docs));
  std::vector<std::string> ids;
  for (const Indexed& doc : state.slots)
    if (doc.live && doc.platform == platform) ids.push_back(doc.id);
  // The sample: the documents kept in memory, completed with stored ones read by id.
  auto& sample = state.samples[platform];
  for (const std::string& id : ids) {
    if (sample.size() >= sample_size) break;
    if (!sample.contains(id)) sample[id] = RawShingles(state, id);
  }
  TemplateLearner learner;
  for (const auto& [id, shingles] : sample) learner.Add(shingles);
  const std::vector<std::uint64_t> before = state.TemplateOf(platform);
  state.templates[platform] = learner.Template(params);
  state.learned_from[platform] = learner.documents();
  // Only a document holding a shingle that entered or left the template is signed again.
  std::vector<std::uint64_t> moved;
  std::set_symmetric_difference(before.begin(), before.end(), state.templates[platform].begin(),
                                state.templates[platform].end(), std::back_inserter(moved));
  std::vector<std::string> signed_again;
  for (const std::string& id : ids) {
    const std::vector<std::uint64_t> raw = RawShingles(state, id);
    if (!Intersects(raw, moved)) continue;
    Indexed doc = *state.Find(id);
    doc.signature = hasher_.Sign(WithoutTemplate(raw, state.templates[platform]));
    doc.bands = hasher_.BandKeys(doc.signature);
    state.Put(std::move(doc));
    signed_again.push_back(id);
  }
  state.dirty_templates.insert(platform);  // written with the signatures (Flush)
  // A template learned from the whole sample no longer changes: its documents' shingles are let go.
  if (learner.documents() >= sample_size) state.samples.erase(platform);
  return signed_again;
}

std::set<std::string> DuplicateIndex::Recluster(AuthorState& state, const std::set<std::string>& affected,
                                                std::map<std::string, std::vector<std::uint64_t>>& content) {
  const MinHashParams& params = options_.params;
  auto content_of = [&](const std::string& id) -> const std::vector<std::uint64_t>& {
    auto it = content.find(id);
    if (it == content.end())
      it = content.emplace(id, WithoutTemplate(RawShingles(state, id), state.TemplateOf(state.Find(id)->platform))).first;
    return it->second;
  };
  // The documents involved, numbered: the affected, what they match, and the clusters those are in.
  std::vector<std::string> nodes;
  std::map<std::string, std::size_t> number;
  auto node = [&](const std::string& id) {
    auto [it, added] = number.emplace(id, nodes.size());
    if (added) nodes.push_back(id);
    return it->second;
  };
  std::vector<std::pair<std::string, std::string>> edges;
  for (const std::string& a : affected) {
    const Indexed* doc = state.Find(a);
    if (doc == nullptr) continue;
    node(a);
    for (std::uint32_t slot : state.lsh.Candidates(doc->bands)) {
      const Indexed& candidate = state.slots[slot];
      if (!candidate.live || candidate.id == a) continue;
      if (affected.contains(candidate.id) && candidate.id < a) continue;  // each affected pair once
      if (EstimatedJaccard(doc->signature, candidate.signature) < params.threshold - kEstimateMargin) continue;
      if (Jaccard(content_of(a), content_of(candidate.id)) < params.threshold) continue;
      edges.emplace_back(a, candidate.id);
      node(candidate.id);
      if (!candidate.cluster.empty() && !affected.contains(candidate.id))
        for (const Indexed& member : state.slots)
          if (member.live && member.cluster == candidate.cluster) edges.emplace_back(candidate.id, member.id);
    }
  }
  for (const auto& [a, b] : edges) node(b);
  UnionFind sets(nodes.size());
  for (const auto& [a, b] : edges) sets.Unite(number[a], number[b]);
  std::map<std::size_t, std::vector<std::size_t>> groups;
  for (std::size_t i = 0; i < nodes.size(); ++i) groups[sets.Find(i)].push_back(i);

  std::set<std::string> changed;
  for (const auto& [root, group] : groups) {
    if (group.size() < 2) {
      Indexed& alone = *state.Find(nodes[group.front()]);
      if (!alone.cluster.empty()) changed.insert(alone.id);
      alone.cluster.clear();
      alone.duplicate_of.clear();
      alone.similarity = 0;
      continue;
    }
    std::vector<Indexed*> members;
    for (std::size_t i : group) members.push_back(state.Find(nodes[i]));
    MarkCluster(members, options_.platform_order, [&](std::size_t i, std::size_t canonical) {
      return Jaccard(content_of(members[i]->id), content_of(members[canonical]->id));
    });
    for (const Indexed* member : members) changed.insert(member->id);
  }
  return changed;
}

DuplicateMatch DuplicateIndex::MatchOf(const AuthorState& state, const std::string& id) const {
  DuplicateMatch match;
  const auto slot = state.slot_of.find(id);
  if (slot == state.slot_of.end()) return match;
  const Indexed& doc = state.slots[slot->second];
  if (doc.cluster.empty()) return match;
  match.duplicate_of = doc.duplicate_of;
  match.similarity = doc.similarity;
  match.cluster_size = state.ClusterSize(doc.cluster);
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
  warehouse_.DropCollection(kTemplatesCollection);
  authors_.clear();
  std::size_t indexed = 0;
  for (const std::string& author : authors) {
    indexed += RecomputeAuthor(author);
    authors_.erase(author);  // a whole warehouse's signatures are not kept in memory
  }
  return indexed;
}

std::size_t DuplicateIndex::Reconcile() {
  std::lock_guard lock(mutex_);
  FlushAll();
  std::vector<std::string> changed;
  for (const auto& [author_id, state] : authors_) {
    if (!state->added) continue;
    std::set<std::string> stored;
    for (const Json& record : warehouse_.FindJson(kSignaturesCollection, Query().Where("author_id", author_id).Select({"_id"})))
      stored.insert(Text(record, "_id"));
    std::set<std::string> known;
    for (const auto& [id, slot] : state->slot_of) known.insert(id);
    if (stored != known) changed.push_back(author_id);
  }
  for (const std::string& author_id : changed) {
    spdlog::info("duplicates: another process indexed documents of author {} meanwhile: rebuilding its clusters", author_id);
    RecomputeAuthor(author_id);
  }
  authors_.clear();
  return changed.size();
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
  auto state = std::make_unique<AuthorState>();
  state->author_id = author_id;
  const auto sample_size = static_cast<std::size_t>(std::max(params.template_sample, params.template_min_docs));
  for (const auto& [platform, learner] : learners) {
    state->templates[platform] = learner.Template(params);
    state->learned_from[platform] = learner.documents();
  }
  for (Item& item : items) {
    // A platform whose template may still change keeps its documents' shingles (RelearnPlatform).
    if (state->learned_from[item.platform] < sample_size) state->samples[item.platform][item.id] = item.shingles;
    item.shingles = WithoutTemplate(item.shingles, state->templates[item.platform]);
    item.signature = hasher_.Sign(item.shingles);
    item.bands = hasher_.BandKeys(item.signature);
  }

  // Clusters: candidates from the bands, kept by exact resemblance, joined transitively.
  LshIndex index;
  UnionFind sets(items.size());
  for (std::size_t i = 0; i < items.size(); ++i) {
    for (std::uint32_t j : index.Candidates(items[i].bands))
      if (Jaccard(items[i].shingles, items[j].shingles) >= params.threshold) sets.Unite(i, j);
    index.Insert(static_cast<std::uint32_t>(i), items[i].bands);
  }
  std::vector<std::vector<std::uint64_t>> shingles;
  for (Item& item : items) {
    shingles.push_back(std::move(item.shingles));
    state->Put(IndexedOf(std::move(item), params));
  }
  std::map<std::size_t, std::vector<std::size_t>> groups;
  for (std::size_t i = 0; i < state->slots.size(); ++i) groups[sets.Find(i)].push_back(i);
  std::size_t clusters = 0;
  for (const auto& [root, group] : groups) {
    if (group.size() < 2) continue;
    ++clusters;
    std::vector<Indexed*> members;
    for (std::size_t i : group) members.push_back(&state->slots[i]);
    MarkCluster(members, options_.platform_order, [&](std::size_t i, std::size_t canonical) {
      return Jaccard(shingles[group[i]], shingles[group[canonical]]);
    });
  }

  // Written over what is stored (identical records are not rewritten); records of documents no
  // longer stored are removed.
  std::set<std::string> stale;
  for (const Json& record : warehouse_.FindJson(kSignaturesCollection, Query().Where("author_id", author_id).Select({"_id"})))
    if (!state->slot_of.contains(Text(record, "_id"))) stale.insert(Text(record, "_id"));
  std::size_t next = 0;
  warehouse_.ReplaceAllJson(kSignaturesCollection, [&](std::vector<Json>& batch) {
    for (; next < state->slots.size() && batch.size() < 500; ++next) batch.push_back(RecordOf(state->slots[next], author_id));
    return next < state->slots.size();
  });
  for (const Indexed& doc : state->slots) state->written.insert(doc.id);
  for (const std::string& id : stale) warehouse_.DeleteJson(kSignaturesCollection, id);
  for (const Json& record : warehouse_.FindJson(kTemplatesCollection, Query().Where("author_id", author_id).Select({"_id", "platform"})))
    if (!learners.contains(Text(record, "platform"))) warehouse_.DeleteJson(kTemplatesCollection, Text(record, "_id"));
  for (const auto& [platform, learner] : learners) {
    Json template_shingles = Json::array();
    for (std::uint64_t shingle : state->templates[platform]) template_shingles.push_back(Hex(shingle));
    warehouse_.ReplaceJson(kTemplatesCollection, Json{{"_id", TemplateId(author_id, platform)},
                                                      {"author_id", author_id},
                                                      {"platform", platform},
                                                      {"documents", learner.documents()},
                                                      {"params", params.Tag()},
                                                      {"shingles", std::move(template_shingles)}});
  }
  spdlog::debug("duplicates: indexed {} document(s) of author {} ({} cluster(s))", items.size(), author_id, clusters);
  state->added = true;
  authors_[author_id] = std::move(state);
  return items.size();
}

std::vector<Cluster> DuplicateIndex::Clusters(const std::string& author_id) {
  std::lock_guard lock(mutex_);
  FlushAll();
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
