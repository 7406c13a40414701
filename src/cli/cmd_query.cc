// `llmtwin query users|articles|posts|repositories`: look at what the warehouse holds, as a table
// for people or (--json) as a JSON array in the book's shape plus our fields, for scripts.
#include <cstdio>
#include <iostream>

#include "cli/command.h"
#include "cli/exit_codes.h"
#include "domain/names.h"
#include "warehouse/duplicate_index.h"
#include "warehouse/warehouse.h"

namespace llmtwin::cli {
namespace {

struct QueryArgs {
  std::string uri;
  std::string collection;
  std::string author;
  std::string platform;
  std::string link;
  std::size_t limit = 0;
  bool json = false;
  bool no_duplicates = false;
};

// One line of at most `width` bytes: control characters become spaces, a cut never splits a UTF-8
// sequence, and a cut is marked with "...".
std::string Cell(const Json& value, std::size_t width) {
  std::string text = value.is_string() ? value.get<std::string>() : (value.is_null() ? "" : value.dump());
  for (auto& c : text)
    if (static_cast<unsigned char>(c) < 0x20) c = ' ';
  if (text.size() <= width) return text;
  std::size_t cut = width > 3 ? width - 3 : width;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return text.substr(0, cut) + "...";
}

struct Column {
  const char* header;
  std::size_t width;
  std::function<Json(const Json&)> get;
};

std::vector<Column> ColumnsFor(DocumentClass cls) {
  auto field = [](const char* name) { return [name](const Json& d) { return d.value(name, Json()); }; };
  switch (cls) {
    case DocumentClass::kUser:
      return {{"_id", 36, field("_id")}, {"first_name", 24, field("first_name")}, {"last_name", 24, field("last_name")}};
    case DocumentClass::kArticle:
      return {{"_id", 36, field("_id")},
              {"platform", 26, field("platform")},
              {"author", 18, field("author_full_name")},
              {"title", 44, [](const Json& d) { return d["content"].value("Title", Json()); }},
              {"link", 60, field("link")}};
    case DocumentClass::kPost:
      return {{"_id", 36, field("_id")},
              {"platform", 12, field("platform")},
              {"author", 18, field("author_full_name")},
              {"text", 50, [](const Json& d) { return d["content"].value("text", Json()); }},
              {"link", 50, field("link")}};
    case DocumentClass::kRepository:
      return {{"_id", 36, field("_id")},
              {"name", 24, field("name")},
              {"files", 5, [](const Json& d) { return Json(std::to_string(d["content"].size())); }},
              {"link", 60, field("link")}};
  }
  return {};
}

void PrintTable(DocumentClass cls, const std::vector<Json>& documents) {
  const auto columns = ColumnsFor(cls);
  std::string line;
  for (const auto& column : columns)
    line += column.header + std::string(column.width + 2 - std::string(column.header).size(), ' ');
  while (!line.empty() && line.back() == ' ') line.pop_back();
  std::printf("%s\n", line.c_str());
  for (const auto& document : documents) {
    line.clear();
    for (const auto& column : columns) {
      const std::string cell = Cell(column.get(document), column.width);
      line += cell;
      // Pad by displayed characters (UTF-8 continuation bytes take no column).
      std::size_t shown = 0;
      for (unsigned char c : cell) shown += (c & 0xC0) != 0x80;
      line += std::string(column.width + 2 > shown ? column.width + 2 - shown : 1, ' ');
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    std::printf("%s\n", line.c_str());
  }
  std::printf("%zu %s\n", documents.size(), documents.size() == 1 ? "document" : "documents");
}

int RunQuery(const QueryArgs& args) {
  const auto cls = ParseDocumentClass(args.collection);
  if (!cls)
    throw Error(ErrorKind::kUsage, "unknown collection '" + args.collection + "' (users, articles, posts, repositories)");
  warehouse::Query query;
  if (!args.link.empty()) query = warehouse::Warehouse::ByLink(args.link);
  if (!args.author.empty()) {
    if (*cls == DocumentClass::kUser) {
      if (IsDocumentId(args.author)) {
        query.Where("_id", args.author);
      } else {
        const PersonName name = SplitFullName(args.author);
        query.Where("first_name", name.first_name).Where("last_name", name.last_name);
      }
    } else {
      query.Where(IsDocumentId(args.author) ? "author_id" : "author_full_name", args.author);
    }
  }
  if (!args.platform.empty()) query.Where("platform", args.platform);
  auto store = warehouse::OpenWarehouse(args.uri);
  std::vector<Json> documents;
  if (args.no_duplicates && (*cls == DocumentClass::kArticle || *cls == DocumentClass::kPost)) {
    documents = warehouse::WithoutDuplicates(*store, store->FindDocuments(*cls, query));
    if (args.limit && documents.size() > args.limit) documents.resize(args.limit);
  } else {
    documents = store->FindDocuments(*cls, query.Limit(args.limit));
  }
  if (args.json) {
    Json array = Json::array();
    for (const auto& document : documents) array.push_back(document);
    std::cout << array.dump(2) << '\n';
  } else {
    PrintTable(*cls, documents);
  }
  return kExitSuccess;
}

void AddQueryCommand(CLI::App& root, Context& context) {
  auto args = std::make_shared<QueryArgs>();
  CLI::App* query = root.add_subcommand("query", "List documents of a collection: a table, or --json for scripts");
  query->add_option("collection", args->collection, "users, articles, posts or repositories")
      ->required()
      ->check(CLI::IsMember({"users", "articles", "posts", "repositories"}));
  query->add_option("--author", args->author, "Author's full name (as stored) or author id; for users, the user");
  query->add_option("--platform", args->platform, "Platform (medium, substack host, github, linkedin, ...)");
  query->add_option("--link", args->link, "Link (matched in its normalized form)");
  query->add_option("--limit", args->limit, "At most N documents (0: all)");
  query->add_flag("--no-duplicates", args->no_duplicates,
                  "Leave out documents that are a copy of another (`llmtwin duplicates` lists them)");
  query->add_flag("--json", args->json, "Print a JSON array of the documents (the book's shape plus our fields)");
  query->add_option("--warehouse", args->uri,
                    "Warehouse URI: sqlite:PATH or mongodb://HOST:PORT/DB (default: DATABASE_HOST/DATABASE_NAME, "
                    "else sqlite:data/twin.sqlite)")
      ->type_name("URI");
  query->callback([args, &context] { context.run = [args] { return RunQuery(*args); }; });
}

const CommandRegistrar kRegisterQuery(50, AddQueryCommand);

}  // namespace
}  // namespace llmtwin::cli
